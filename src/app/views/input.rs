//! The paste area and its tools: Paste, open a file, try an example, clear.

use super::use_app;
use crate::app::browser;
use crate::app::examples::{by_key, EXAMPLES};
use crate::app::state::Action;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Texts longer than this (bytes) are parsed after a pause in typing rather than at once.
const LONG_TEXT: usize = 20_000;
const PAUSE_MS: u64 = 250;

/// A real `<textarea>` (paste, screen readers and browser tests rely on it): parsing starts as
/// the text changes, no submit button.
#[function_component(InputPanel)]
pub fn input_panel() -> Html {
    let app = use_app();
    let file_input = use_node_ref();

    // Short replies are parsed on every change (well under 100 ms). A long document takes longer
    // to parse, so while the user is still typing or pasting into it, wait for a pause and show
    // that it is being read. `generation` drops the waits that a later change overtook.
    let generation = use_mut_ref(|| 0u64);
    let oninput = {
        let dispatch = app.dispatcher();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let text = area.value();
            *generation.borrow_mut() += 1;
            if text.len() <= LONG_TEXT {
                dispatch.dispatch(Action::Input(text));
                return;
            }
            dispatch.dispatch(Action::Reading(text.len()));
            let mine = *generation.borrow();
            let generation = generation.clone();
            let dispatch = dispatch.clone();
            yew::platform::spawn_local(async move {
                yew::platform::time::sleep(std::time::Duration::from_millis(PAUSE_MS)).await;
                if *generation.borrow() == mine {
                    dispatch.dispatch(Action::Input(text));
                }
            });
        })
    };
    let on_paste = {
        let dispatch = app.dispatcher();
        Callback::from(move |_| browser::paste_from_clipboard(dispatch.clone()))
    };
    let on_open = {
        let file_input = file_input.clone();
        Callback::from(move |_| {
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_file = {
        let dispatch = app.dispatcher();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            browser::read_files(dispatch.clone(), input.files());
            // Picking the same file again should read it again.
            input.set_value("");
        })
    };
    let on_example = {
        let dispatch = app.dispatcher();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(example) = by_key(&select.value()) {
                dispatch.dispatch(Action::LoadExample(example));
            }
            select.set_value("");
        })
    };
    let on_clear = {
        let dispatch = app.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::Clear))
    };

    let compact = app.doc.is_some();
    html! {
        <section class={classes!("panel", "input-panel", compact.then_some("compact"))} aria-labelledby="input-heading">
            <h2 id="input-heading">{ "FOI response" }</h2>
            <label for="response-text" class="input-label">
                { "Paste the text of a reply here, or drop a file anywhere on the page. Results update as you paste." }
            </label>
            <textarea
                id="response-text"
                spellcheck="false"
                aria-describedby="input-formats"
                placeholder="Paste an FOI reply (Ctrl+V)…"
                value={app.input.to_string()}
                {oninput}
            />
            <div class="toolbar" role="group" aria-label="Load a response">
                <button type="button" id="paste-button" onclick={on_paste}>{ "Paste" }</button>
                <button type="button" id="open-button" onclick={on_open}>{ "Open a file…" }</button>
                <input
                    ref={file_input}
                    id="file-input"
                    class="visually-hidden"
                    type="file"
                    tabindex="-1"
                    aria-hidden="true"
                    accept=".txt,.text,.eml,.htm,.html,.docx,.odt,.xlsx,.xls,.ods,.pdf,.csv,text/plain"
                    onchange={on_file}
                />
                <label class="visually-hidden" for="example-select">{ "Try an example" }</label>
                <select id="example-select" onchange={on_example}>
                    <option value="" selected=true>{ "Try an example…" }</option>
                    { for EXAMPLES.iter().map(|e| html! { <option value={e.key}>{ e.name }</option> }) }
                </select>
                <button type="button" id="clear-button" class="secondary" onclick={on_clear} disabled={app.doc.is_none() && app.input.is_empty()}>{ "Clear" }</button>
            </div>
            <p id="input-formats" class="hint">
                { "Reads .txt, .eml, .html, .docx, .odt, .xlsx, .xls, .ods and .pdf (with a text layer). Nothing is uploaded: the file is read on this computer." }
            </p>
        </section>
    }
}
