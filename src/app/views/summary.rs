//! The plain-English paragraph, with a button to copy it.

use super::use_app;
use crate::app::browser;
use yew::prelude::*;

#[function_component(SummaryView)]
pub fn summary_view() -> Html {
    let app = use_app();
    let Some(derived) = app.derived.clone() else {
        return html! {};
    };
    if derived.summary.is_empty() {
        return html! {};
    }
    let copy = {
        let dispatch = app.dispatcher();
        let text = derived.summary.clone();
        Callback::from(move |_| browser::copy_to_clipboard(dispatch.clone(), text.clone()))
    };
    html! {
        <section class="panel summary" aria-labelledby="summary-heading">
            <h2 id="summary-heading">{ "In plain English" }</h2>
            <p id="summary-text" class="summary-text">{ derived.summary.clone() }</p>
            <div class="toolbar">
                <button type="button" id="copy-summary" onclick={copy}>{ "Copy summary" }</button>
                <span class="hint">{ "Written only from the figures shown on this page, including your corrections." }</span>
            </div>
        </section>
    }
}
