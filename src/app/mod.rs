//! The Yew single-page app (wasm32 only): a thin shell over the pure core. State lives in one
//! reducer (`state`), views are small function components with no logic of their own, and
//! charts are options built by `crate::chart` handed to ECharts by `echart`.

mod echart;
mod state;
mod views;

use state::{Action, State};
use yew::prelude::*;

/// The reply a first visitor sees: a real FOI response from the fixtures, so the page opens on
/// parsed figures and a chart rather than an empty box.
pub const EXAMPLE_RESPONSE: &str =
    include_str!("../../tests/fixtures/dudley_it_spend_dma_himss_2025.txt");

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
    let state = use_reducer(|| State::with_input(EXAMPLE_RESPONSE.to_string()));
    let on_input = {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(Action::SetInput(text)))
    };
    html! {
        <>
            <header class="masthead">
                <h1>{ "foi-lens" }</h1>
                <p class="tagline">{ "Figures from NHS FOI responses, with the evidence they came from. Nothing you paste leaves this page." }</p>
            </header>
            <div class="layout">
                <views::InputPanel text={state.input.clone()} {on_input} />
                <views::Results response={state.response.clone()} />
            </div>
        </>
    }
}
