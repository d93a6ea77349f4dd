//! The response's own text, with the evidence of the value in focus marked. Rendered as text
//! nodes (never as HTML: a reply is untrusted), scrolled inside its own pane so hovering a value
//! never moves the page.

use super::use_app;
use crate::app::browser;
use crate::app::state::Doc;
use crate::report::fields::{self, split_at_evidence};
use std::rc::Rc;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SourceProps {
    pub doc: Rc<Doc>,
}

#[function_component(SourceView)]
pub fn source_view(props: &SourceProps) -> Html {
    let app = use_app();
    let pane = use_node_ref();
    let mark = use_node_ref();
    let doc = &props.doc;
    let focused = app
        .focus
        .and_then(|p| fields::field(&doc.response, p))
        .filter(|f| f.span.is_some());
    let split = focused
        .as_ref()
        .and_then(|f| split_at_evidence(&doc.text, f.span?));

    // Bring the mark into view whenever it moves.
    {
        let pane = pane.clone();
        let mark = mark.clone();
        use_effect_with(focused.as_ref().and_then(|f| f.span), move |_| {
            if let (Some(p), Some(m)) = (pane.cast::<HtmlElement>(), mark.cast::<HtmlElement>()) {
                browser::scroll_within(&p, &m);
            }
            || ()
        });
    }

    let caption = match (&focused, &split) {
        (Some(f), Some((_, evidence, _, line))) => {
            let mut quoted: String = evidence.chars().take(120).collect();
            if quoted.len() < evidence.len() {
                quoted.push('…');
            }
            format!(
                "Evidence for {}: “{}” (line {line}).",
                f.label,
                quoted.trim()
            )
        }
        (Some(f), None) => format!("No evidence to show for {}.", f.label),
        _ if app.figures_only => "This view came from a link that carries the figures but not the reply's text, so there is no evidence to show.".to_string(),
        _ => "Hover over or tab to a figure to see the words it was read from.".to_string(),
    };

    html! {
        <section class="panel source-panel" aria-labelledby="source-heading">
            <h2 id="source-heading">{ "Source text" }<span class="source-name">{ format!(" · {}", doc.name) }</span></h2>
            <p id="evidence-caption" class="hint" aria-live="polite">{ caption }</p>
            <div ref={pane} class="source-text" tabindex="0" role="region" aria-label="Text of the response">
                <pre>
                    if let Some((before, evidence, after, _)) = split {
                        { before.to_string() }
                        <mark ref={mark} id="evidence-mark">{ evidence.to_string() }</mark>
                        { after.to_string() }
                    } else {
                        { doc.text.to_string() }
                    }
                </pre>
            </div>
        </section>
    }
}
