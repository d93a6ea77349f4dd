//! The Yew single-page app (wasm32 only): a thin shell over the pure core, organised like Yew's
//! `function_todomvc` example.
//!
//! - `state`: the one reducer. Every change is an `Action`; the parse, corrections, chart options
//!   and summary are computed there by calling the core.
//! - `views/`: small function components that render state and dispatch actions; no logic.
//!   They reach the state through the [`AppContext`] context.
//! - `echart`: one ECharts chart in a `<div>`; `browser`: clipboard, files, drag and drop and
//!   display preferences, turned into actions; `examples`: the real documents to try.
//! - `embed`: the page as an embedded chart (`?embed`, `#embed=CODE`): one chart, its notes.
//!
//! The address decides which (`crate::share::route`): a `#s=CODE` link opens its view in the
//! full app; a code that cannot be opened leaves the example on screen and says why.

pub mod batch;
mod browser;
mod echart;
mod embed;
pub mod examples;
pub mod state;
mod views;

use crate::share::route::Route;
use crate::share::{decode, open::open};
use state::{Action, Notice, NoticeKind, State};
use std::rc::Rc;
use yew::prelude::*;

/// What every view can reach: the state, and `dispatch` to change it.
pub type AppContext = UseReducerHandle<State>;

/// The reply a first visitor sees: a real FOI response from the fixtures, so the page opens on
/// parsed figures and a chart rather than an empty box.
pub const EXAMPLE_RESPONSE: &str = examples::EXAMPLES[0].text;

/// Mount the app (or, if the address asks for an embed, the embedded chart) on the page's
/// `<main id="app">` (or the body if the page has none).
pub fn start() {
    let route = browser::route();
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    if let Some(root) = &root {
        // Drop the static "Loading…" placeholder (our own markup, no user content).
        root.set_inner_html("");
    }
    if route.embed {
        let props = embed::EmbedProps { route };
        match root {
            Some(root) => {
                yew::Renderer::<embed::EmbedApp>::with_root_and_props(root, props).render()
            }
            None => yew::Renderer::<embed::EmbedApp>::with_props(props).render(),
        };
        return;
    }
    match root {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}

/// What the address's view code (if any) does to the page: open its view, or say why not.
fn shared_view_action(route: &Route) -> Option<Action> {
    let code = route.code.as_deref()?;
    Some(match decode(code).and_then(|v| open(&v)) {
        Ok(opened) => Action::OpenShared(Rc::new(opened)),
        Err(e) => Action::Notify(Notice {
            kind: NoticeKind::Problem,
            text: e.to_string(),
        }),
    })
}

/// The first state: the address's shared view, else the example (with the reason when the
/// address had a view that could not be opened).
fn first_state(route: &Route) -> State {
    let first = &examples::EXAMPLES[0];
    let example = State::with_text(first.name, first.text);
    let mut s = match shared_view_action(route) {
        Some(Action::OpenShared(opened)) => State::from_opened(&opened),
        Some(Action::Notify(notice)) => State {
            notice: Some(notice),
            ..example
        },
        _ => example,
    };
    s.look = browser::current_look();
    s
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| first_state(&browser::route()));

    // Files dropped anywhere, and the reader's display preferences, for the page's lifetime.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let mut listeners = browser::listen_for_drops(dispatch.clone());
            listeners.extend(browser::listen_for_look(dispatch.clone()));
            listeners.extend(browser::listen_for_links(dispatch));
            move || drop(listeners)
        });
    }

    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <a class="skip-link" href="#results">{ "Skip to the results" }</a>
            <header class="masthead">
                <h1>{ "foi-lens" }</h1>
                <p class="tagline">{ "Figures from NHS FOI replies on IT spend and digital maturity, each linked to the words it came from. Everything happens in your browser: nothing you paste or drop leaves this page." }</p>
            </header>
            <views::InputPanel />
            <views::NoticeBar />
            if let Some(doc) = state.doc.clone() {
                <div class="workspace">
                    <views::Results />
                    <views::SourceView {doc} />
                </div>
            } else {
                <views::Welcome />
            }
            <batch::WorkspacePanel />
            if state.dragging {
                <div class="drop-overlay" aria-hidden="true"><p>{ "Drop the file to read it" }</p></div>
            }
            <footer class="colophon">
                <p>{ "foi-lens reads replies to the July 2025 round-robin FOI on IT spend, DMA and HIMSS, and multi-year money tables in strategies and board papers. DMA benchmark: NHS England, Digital Maturity Assessment results 2024 and 2025 (Open Government Licence)." }</p>
            </footer>
        </ContextProvider<AppContext>>
    }
}
