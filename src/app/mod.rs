//! The Yew single-page app (wasm32 only): a thin shell over the pure core, organised like Yew's
//! `function_todomvc` example.
//!
//! - `state`: the one reducer. Every change is an `Action`; the parse, corrections, chart options
//!   and summary are computed there by calling the core.
//! - `views/`: small function components that render state and dispatch actions; no logic.
//!   They reach the state through the [`AppContext`] context.
//! - `echart`: one ECharts chart in a `<div>`; `browser`: clipboard, files, drag and drop and
//!   display preferences, turned into actions; `examples`: the real documents to try.

pub mod batch;
mod browser;
mod echart;
pub mod examples;
pub mod state;
mod views;

use state::State;
use yew::prelude::*;

/// What every view can reach: the state, and `dispatch` to change it.
pub type AppContext = UseReducerHandle<State>;

/// The reply a first visitor sees: a real FOI response from the fixtures, so the page opens on
/// parsed figures and a chart rather than an empty box.
pub const EXAMPLE_RESPONSE: &str = examples::EXAMPLES[0].text;

/// Mount the app on the page's `<main id="app">` (or the body if the page has none).
pub fn start() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            // Drop the static "Loading…" placeholder (our own markup, no user content).
            root.set_inner_html("");
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let first = &examples::EXAMPLES[0];
        let mut s = State::with_text(first.name, first.text);
        s.look = browser::current_look();
        s
    });

    // Files dropped anywhere, and the reader's display preferences, for the page's lifetime.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let mut listeners = browser::listen_for_drops(dispatch.clone());
            listeners.extend(browser::listen_for_look(dispatch));
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
