//! One value of the response, everywhere one is shown: hover or focus it to see its evidence,
//! activate it (click, Enter or Space) to correct it, Enter to keep the correction, Escape to
//! leave it. Corrected values are marked and can be undone; warnings about the value sit beside
//! it.

use super::use_app;
use crate::app::browser;
use crate::app::state::Action;
use crate::model::Level;
use crate::report::fields::{self, Kind, Path};
use std::cell::Cell;
use std::rc::Rc;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ValueProps {
    pub path: Path,
    /// An id for the element holding the shown value (tests and links use it).
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// What to say when the response gives no value.
    #[prop_or(AttrValue::Static("not given"))]
    pub missing: AttrValue,
}

#[function_component(ValueView)]
pub fn value_view(props: &ValueProps) -> Html {
    let app = use_app();
    let button = use_node_ref();
    let editor = use_node_ref();
    // Set when the edit box was closed from the keyboard (Enter/Escape): its blur must then do
    // nothing, and focus goes back to the value.
    let closed_by_key: Rc<Cell<bool>> = use_memo((), |_| Cell::new(false));
    let path = props.path;
    let editing = app.editing.as_ref().filter(|e| e.path == path).cloned();
    let is_editing = editing.is_some();

    {
        let button = button.clone();
        let editor = editor.clone();
        let closed_by_key = closed_by_key.clone();
        use_effect_with(is_editing, move |is_editing| {
            if *is_editing {
                if let Some(input) = editor.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                    input.select();
                } else if let Some(el) = editor.cast::<HtmlElement>() {
                    browser::focus(&el);
                }
            } else if closed_by_key.replace(false) {
                if let Some(b) = button.cast::<HtmlElement>() {
                    browser::focus(&b);
                }
            }
            || ()
        });
    }

    let Some(doc) = app.doc.clone() else {
        return html! {};
    };
    let Some(field) = fields::field(&doc.response, path) else {
        return html! {};
    };
    let edited = field.edited || doc.is_edited(path);
    let warnings = app.warnings_for(path);
    let dispatch = app.dispatcher();

    let focus = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: FocusEvent| dispatch.dispatch(Action::Focus(path)))
    };
    let hover = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Focus(path)))
    };
    let start = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::StartEdit(path)))
    };
    let revert = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::RevertEdit(path)))
    };

    let shown = field.shown.clone();
    let described = format!(
        "{}: {}{}",
        field.label,
        shown.as_deref().unwrap_or(&props.missing),
        if edited { " (corrected by hand)" } else { "" }
    );

    let body = if let Some(ed) = editing {
        let on_key = {
            let dispatch = dispatch.clone();
            let closed_by_key = closed_by_key.clone();
            Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    let input: HtmlInputElement = e.target_unchecked_into();
                    closed_by_key.set(true);
                    dispatch.dispatch(Action::CommitEdit(path, input.value()));
                }
                "Escape" => {
                    e.prevent_default();
                    closed_by_key.set(true);
                    dispatch.dispatch(Action::CancelEdit);
                }
                _ => {}
            })
        };
        let on_blur = {
            let dispatch = dispatch.clone();
            let closed_by_key = closed_by_key.clone();
            Callback::from(move |e: FocusEvent| {
                if closed_by_key.get() {
                    return;
                }
                let input: HtmlInputElement = e.target_unchecked_into();
                dispatch.dispatch(Action::CommitEdit(path, input.value()));
            })
        };
        let error_id = format!("edit-error-{}", dom_key(path));
        let editor_html = match field.kind {
            Kind::DmaStatus | Kind::HimssStatus => {
                let choices = if field.kind == Kind::DmaStatus {
                    fields::dma_status_choices()
                } else {
                    fields::himss_status_choices()
                };
                let on_change = {
                    let dispatch = dispatch.clone();
                    let closed_by_key = closed_by_key.clone();
                    Callback::from(move |e: Event| {
                        let select: HtmlSelectElement = e.target_unchecked_into();
                        closed_by_key.set(true);
                        dispatch.dispatch(Action::CommitEdit(path, select.value()));
                    })
                };
                let on_select_key = {
                    let dispatch = dispatch.clone();
                    let closed_by_key = closed_by_key.clone();
                    Callback::from(move |e: KeyboardEvent| {
                        if e.key() == "Escape" || e.key() == "Enter" {
                            e.prevent_default();
                            closed_by_key.set(true);
                            let select: HtmlSelectElement = e.target_unchecked_into();
                            dispatch.dispatch(Action::CommitEdit(path, select.value()));
                        }
                    })
                };
                let on_select_blur = {
                    let dispatch = dispatch.clone();
                    let closed_by_key = closed_by_key.clone();
                    Callback::from(move |_: FocusEvent| {
                        if !closed_by_key.get() {
                            dispatch.dispatch(Action::CancelEdit);
                        }
                    })
                };
                html! {
                    <select ref={editor.clone()} class="value-editor" aria-label={format!("Correct: {}", field.label)}
                        onchange={on_change} onkeydown={on_select_key} onblur={on_select_blur}>
                        { for choices.into_iter().map(|(key, label)| html! {
                            <option value={key} selected={key == field.draft}>{ label }</option>
                        }) }
                    </select>
                }
            }
            _ => html! {
                <input
                    ref={editor.clone()}
                    class="value-editor"
                    type="text"
                    inputmode={input_mode(field.kind)}
                    value={ed.typed.clone().unwrap_or_else(|| field.draft.clone())}
                    aria-label={format!("Correct: {}", field.label)}
                    aria-invalid={ed.error.is_some().then_some("true")}
                    aria-describedby={ed.error.is_some().then(|| error_id.clone())}
                    onkeydown={on_key}
                    onblur={on_blur}
                />
            },
        };
        html! {
            <>
                { editor_html }
                <span class="edit-help">{ "Enter to keep, Esc to cancel, empty to remove" }</span>
                if let Some(err) = ed.error {
                    <span id={error_id} class="edit-error" role="alert">{ err }</span>
                }
            </>
        }
    } else {
        html! {
            <button
                ref={button}
                type="button"
                class={classes!("value", edited.then_some("edited"), shown.is_none().then_some("missing"), field.span.is_none().then_some("no-evidence"))}
                aria-label={format!("{described}. Activate to correct it.")}
                onfocus={focus}
                onmouseenter={hover}
                onclick={start}
            >
                <span id={props.id.clone()} class="value-text">{ shown.unwrap_or_else(|| props.missing.to_string()) }</span>
            </button>
        }
    };

    html! {
        <span class="value-cell" data-path={path.to_string()}>
            { body }
            if edited && !is_editing {
                <span class="edited-badge" title="You corrected this value">{ "edited" }</span>
                <button type="button" class="link undo-edit" aria-label={format!("Undo your correction of {}", field.label)} onclick={revert}>{ "undo" }</button>
            }
            { for warnings.iter().map(|w| html! {
                <span class={classes!("field-warning", (w.level == Level::Note).then_some("note"))} role="note">
                    <span aria-hidden="true">{ if w.level == Level::Note { "ⓘ " } else { "⚠ " } }</span>
                    { w.message.clone() }
                </span>
            }) }
        </span>
    }
}

/// A DOM-id-safe form of a path.
fn dom_key(path: Path) -> String {
    path.to_string()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn input_mode(kind: Kind) -> &'static str {
    match kind {
        Kind::Score | Kind::Money | Kind::TableMoney(_) => "decimal",
        Kind::Stage => "numeric",
        _ => "text",
    }
}
