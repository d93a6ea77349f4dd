//! The page as an embedded chart (`?embed`, `#embed=CODE`): only the chosen chart, its heading
//! and the notes that must travel with it (source, caveats), light or dark as the embedding
//! page asked, and its height posted to the parent whenever it changes so the iframe fits
//! (`crate::share::embed` has the messages). No input, no workspace, no worker.

use super::browser;
use super::echart::to_js;
use super::state::State;
use super::views::Figure;
use super::AppContext;
use crate::share::charts::{embed_notes, embed_title};
use crate::share::embed::{page_address, pym_message, resize_message, HeightReport};
use crate::share::open::{open, Opened};
use crate::share::route::{Dark, Route};
use crate::share::{decode, ShareError};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::ResizeObserver;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct EmbedProps {
    pub route: Route,
}

fn opened(route: &Route) -> Result<Opened, ShareError> {
    let code = route.code.as_deref().ok_or(ShareError::Empty)?;
    open(&decode(code)?)
}

/// Mark the document as an embed, and fix light or dark when the embedding page asked for one
/// (`www/embed.css` keys on these attributes).
fn mark_document(dark: Dark) {
    let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = html.set_attribute("data-embed", "");
    match dark {
        Dark::Auto => {}
        Dark::On => {
            let _ = html.set_attribute("data-theme", "dark");
        }
        Dark::Off => {
            let _ = html.set_attribute("data-theme", "light");
        }
    }
}

/// Tell the embedding page our height (and Pym.js, when it asked through `childId`). Nothing
/// is posted when the page is not in a frame.
fn post_height(route: &Route, px: u32) {
    let Some(win) = web_sys::window() else { return };
    let Ok(Some(parent)) = win.parent() else {
        return;
    };
    if js_sys::Object::is(parent.as_ref(), win.as_ref()) {
        return;
    }
    let _ = parent.post_message(&to_js(&resize_message(route.frame.as_deref(), px)), "*");
    if let Some(child) = &route.pym_child {
        let _ = parent.post_message(&JsValue::from_str(&pym_message(child, px)), "*");
    }
}

/// The document's height in CSS px (the content's, not the frame's: `<html>` is as tall as
/// what it holds).
fn content_height() -> Option<f64> {
    let html = web_sys::window()?.document()?.document_element()?;
    Some(html.get_bounding_client_rect().height())
}

#[function_component(EmbedApp)]
pub fn embed_app(props: &EmbedProps) -> Html {
    let route = props.route.clone();
    let result = use_memo(route.clone(), opened);
    let state = {
        let result = result.clone();
        let dark = route.dark;
        use_reducer(move || {
            let mut s = match &*result {
                Ok(o) => State::from_opened(o),
                Err(_) => State::default(),
            };
            s.look = browser::current_look_as(dark);
            s
        })
    };

    // Page attributes, display preferences and the height reports, for the page's lifetime.
    {
        let dispatch = state.dispatcher();
        let route = route.clone();
        use_effect_with((), move |_| {
            mark_document(route.dark);
            let listeners = browser::listen_for_look_as(dispatch, route.dark);
            let report = RefCell::new(HeightReport::default());
            let on_resize = Closure::<dyn FnMut()>::new(move || {
                if let Some(px) = content_height().and_then(|h| report.borrow_mut().changed(h)) {
                    post_height(&route, px);
                }
            });
            let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            let html = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element());
            if let (Some(o), Some(html)) = (&observer, &html) {
                // Fires once at once, then on every change of the content's size.
                o.observe(html);
            }
            let keep = Rc::new((listeners, on_resize));
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(keep);
            }
        });
    }

    let body = match (&*result, state.shared_chart()) {
        (Err(e), _) => html! {
            <p class="embed-problem" id="embed-problem" role="alert">{ format!("This chart cannot be shown. {e}") }</p>
        },
        (Ok(_), None) => html! {
            <p class="embed-problem" id="embed-problem" role="alert">{ "These figures have no chart to show (no IT spend by year, DMA scores or money tables)." }</p>
        },
        (Ok(o), Some(key)) => {
            let (Some(doc), Some(derived)) = (state.doc.clone(), state.derived.clone()) else {
                return html! {};
            };
            let Some(chart) = derived.chart(key).cloned() else {
                return html! {};
            };
            let r = &doc.response;
            let title = embed_title(key, r, &derived.comparison);
            let notes = embed_notes(key, r, &derived.comparison, o.read_from_reply);
            let full = format!(
                "{}#s={}",
                page_address(&browser::page_href()),
                route.code.clone().unwrap_or_default()
            );
            html! {
                <>
                    <Figure id={key.dom_id()} title={title} class="embed-figure"
                        description={chart.description.clone()} option={chart.option.clone()} />
                    { for notes.into_iter().map(|n| html! { <p class="embed-source">{ n }</p> }) }
                    <p class="embed-credit">
                        <a href={full} target="_blank" rel="noopener">{ "Made with foi-lens: open it to see each figure with its evidence" }</a>
                    </p>
                </>
            }
        }
    };

    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <div class="embed" id="embed">{ body }</div>
        </ContextProvider<AppContext>>
    }
}
