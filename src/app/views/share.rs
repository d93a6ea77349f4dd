//! Share and embed: "Copy link to this view" (or, when the link would be too long, why, and the
//! JSON export instead) and "Copy embed code" (a chart and light or dark, then the `<foi-lens>`
//! tag and a plain iframe). The link and codes come from `crate::share`; this view only shows
//! them, copies them, and — when the browser will not let it copy — shows the text selected in
//! a read-only box to copy by hand. Every outcome is announced in a live region.

use super::use_app;
use crate::app::batch::download;
use crate::app::browser;
use crate::app::state::{Action, Doc};
use crate::chart::compare::Choices;
use crate::report::json::to_contract;
use crate::share::charts::{embed_title, ChartKey};
use crate::share::embed::{embed_code, page_address, EmbedCode};
use crate::share::open::{embed_view, link_values, link_view};
use crate::share::route::Dark;
use crate::share::{encode, share_link, Carries, Link, TooLong};
use std::rc::Rc;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// A link made for one state of the page (shown only while that state is on screen).
#[derive(Clone, PartialEq)]
struct Made {
    doc: Rc<Doc>,
    choices: Choices,
    chart: Option<ChartKey>,
    link: Result<Link, TooLong>,
}

/// Select the text in the box `id` (and focus it), for copying by hand.
fn select_box(id: &str) {
    let area = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlTextAreaElement>(e).ok());
    if let Some(area) = area {
        let _ = area.focus();
        area.select();
    }
}

/// Copy `text`; then say so in `status`, or select it in the box `id` and say how to copy it.
fn copy(text: String, what: &'static str, id: &'static str, status: UseStateHandle<String>) {
    yew::platform::spawn_local(async move {
        if browser::write_clipboard(&text).await {
            status.set(format!("{what} copied to the clipboard."));
        } else {
            select_box(id);
            status.set(format!(
                "This browser did not let foi-lens use the clipboard: the {} is selected in the box below, press Ctrl+C (⌘C on a Mac) to copy it.",
                what.to_lowercase()
            ));
        }
    });
}

#[function_component(SharePanel)]
pub fn share_panel() -> Html {
    let app = use_app();
    let made = use_state(|| None::<Made>);
    let embed_open = use_state(|| false);
    let dark = use_state(|| Dark::Auto);
    let status = use_state(String::new);
    let chart = app.shared_chart();
    let href = browser::page_href();
    // The embed code for the current view and choices (packing it takes a moment: only when
    // one of them changes, not on every render).
    let code = use_memo(
        (
            app.doc.clone(),
            app.derived.clone(),
            app.choices,
            chart,
            *dark,
            href.clone(),
        ),
        |(doc, derived, choices, chart, dark, href)| -> Option<EmbedCode> {
            let (doc, derived, key) = (doc.as_ref()?, derived.as_ref()?, (*chart)?);
            let compared_as = derived.comparison.org.map(|o| o.name());
            let view = embed_view(
                &doc.name,
                &doc.response,
                &doc.text,
                choices,
                compared_as,
                &key.key(),
            );
            let title = embed_title(key, &doc.response, &derived.comparison);
            Some(embed_code(href, &encode(&view), &title, *dark))
        },
    );
    let (Some(doc), Some(derived)) = (app.doc.clone(), app.derived.clone()) else {
        return html! {};
    };
    let base = page_address(&href).to_string();

    let on_link = {
        let (made, status, doc, choices) = (made.clone(), status.clone(), doc.clone(), app.choices);
        let key = chart.map(|k| k.key());
        let figures_only = app.figures_only;
        let base = base.clone();
        Callback::from(move |_: MouseEvent| {
            let link = if figures_only {
                // A link opened without its text passes on the figures it has.
                let mut view = link_view(&doc.name, "", &[], &choices, key.as_deref());
                view = view.with_values(link_values(&doc.response, &doc.text));
                share_link(&base, &view, None)
            } else {
                let view = link_view(&doc.name, &doc.text, &doc.edits, &choices, key.as_deref());
                share_link(&base, &view, Some(link_values(&doc.response, &doc.text)))
            };
            made.set(Some(Made {
                doc: doc.clone(),
                choices,
                chart: chart_of(&key),
                link: link.clone(),
            }));
            match link {
                Ok(link) => copy(link.url, "Link", "share-url", status.clone()),
                Err(_) => status.set("No link was made: it would be too long (see below).".into()),
            }
        })
    };
    let current = made
        .as_ref()
        .filter(|m| Rc::ptr_eq(&m.doc, &doc) && m.choices == app.choices && m.chart == chart);

    let charts = derived.charts(&doc.response);
    let on_embed = {
        let (embed_open, status) = (embed_open.clone(), status.clone());
        let tag = code.as_ref().as_ref().map(|c| c.tag.clone());
        Callback::from(move |_: MouseEvent| {
            embed_open.set(true);
            match tag.clone() {
                Some(tag) => copy(tag, "Embed code", "embed-tag", status.clone()),
                None => status.set("There is no chart to embed for these figures.".into()),
            }
        })
    };
    let on_chart = {
        let dispatch = app.dispatcher();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(key) = ChartKey::parse(&select.value()) {
                dispatch.dispatch(Action::PickChart(key));
            }
        })
    };
    let on_dark = |d: Dark| {
        let dark = dark.clone();
        Callback::from(move |_: Event| dark.set(d))
    };
    let copy_box = |id: &'static str, what: &'static str, text: String| {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| copy(text.clone(), what, id, status.clone()))
    };
    let on_export = {
        let (doc, status) = (doc.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let json = serde_json::to_string_pretty(&to_contract(&doc.response, &doc.text))
                .unwrap_or_default();
            let name = format!("foi-lens-{}.json", file_stem(&doc.title()));
            match download::text(&name, "application/json", &json) {
                Ok(()) => status.set(format!("Saved {name}.")),
                Err(e) => status.set(format!("The JSON could not be saved: {e}.")),
            }
        })
    };

    html! {
        <section class="panel share" aria-labelledby="share-heading">
            <h2 id="share-heading">{ "Share and embed" }</h2>
            <p class="hint">{ "Links and embeds carry this view after the “#” of the address, which browsers never send to a server: whoever opens one sees the same figures, worked out again in their own browser." }</p>
            <div class="toolbar">
                <button type="button" id="copy-link" onclick={on_link}>{ "Copy link to this view" }</button>
                <button type="button" id="copy-embed" aria-expanded={(*embed_open).to_string()} aria-controls="embed-options" onclick={on_embed} disabled={chart.is_none()}>{ "Copy embed code" }</button>
            </div>
            <p id="share-status" class="share-status" role="status" aria-live="polite">{ (*status).clone() }</p>
            if let Some(m) = current {
                <div class="share-result">
                    { match &m.link {
                        Ok(link) => html! {
                            <>
                                if link.carries == Carries::Values {
                                    <p id="share-values-note" class="hint">{ if app.figures_only { "The link carries the figures (corrections included) but not the reply's text, as the link you opened did." } else { "The reply is too long for a link, so the link carries its figures (corrections included) but not its text: whoever opens it will not see the evidence. Export the JSON to pass on everything." } }</p>
                                }
                                <label for="share-url">{ "Link to this view" }</label>
                                <textarea id="share-url" class="share-url" readonly=true rows="2" value={link.url.clone()} />
                            </>
                        },
                        Err(too_long) => html! {
                            <>
                                <p id="share-too-long" class="notice problem">{ too_long.to_string() }</p>
                                <button type="button" id="share-export-json" onclick={on_export}>{ "Export JSON" }</button>
                            </>
                        },
                    } }
                </div>
            }
            if let (true, Some(code), Some(key)) = (*embed_open, (*code).clone(), chart) {
                <div id="embed-options" class="share-result">
                    <div class="controls" role="group" aria-label="What to embed">
                        <label for="embed-chart">{ "Chart" }</label>
                        <select id="embed-chart" onchange={on_chart}>
                            { for charts.iter().map(|k| html! {
                                <option value={k.key()} selected={*k == key}>{ k.menu_label(&doc.response) }</option>
                            }) }
                        </select>
                        <fieldset class="embed-dark">
                            <legend>{ "Colours" }</legend>
                            { for [(Dark::Auto, "The reader's setting"), (Dark::Off, "Light"), (Dark::On, "Dark")].into_iter().map(|(d, label)| {
                                let id = format!("embed-dark-{}", d.key());
                                html! {
                                    <label for={id.clone()}>
                                        <input type="radio" name="embed-dark" id={id} value={d.key()} checked={*dark == d} onchange={on_dark(d)} />
                                        { label }
                                    </label>
                                }
                            }) }
                        </fieldset>
                    </div>
                    <label for="embed-tag">{ "For most pages: the <foi-lens> tag and its script (the chart sizes itself)" }</label>
                    <textarea id="embed-tag" class="embed-code" readonly=true value={code.tag.clone()} />
                    <button type="button" id="copy-embed-tag" onclick={copy_box("embed-tag", "Embed code", code.tag.clone())}>{ "Copy tag" }</button>
                    <label for="embed-iframe">{ "For pages that allow no scripts: a plain iframe (fixed height)" }</label>
                    <textarea id="embed-iframe" class="embed-code" readonly=true value={code.iframe.clone()} />
                    <button type="button" id="copy-embed-iframe" onclick={copy_box("embed-iframe", "Iframe code", code.iframe.clone())}>{ "Copy iframe" }</button>
                </div>
            }
        </section>
    }
}

fn chart_of(key: &Option<String>) -> Option<ChartKey> {
    key.as_deref().and_then(ChartKey::parse)
}

/// A file-name-safe form of a title ("The Dudley Group NHS FT" → "the-dudley-group-nhs-ft").
fn file_stem(title: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "response".into()
    } else {
        stem.chars().take(60).collect()
    }
}
