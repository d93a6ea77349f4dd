//! The message line under the paste area: what happened to the last input, or that a file is
//! being read. A live region that is always on the page, so screen readers announce changes.

use super::use_app;
use crate::app::state::{Action, NoticeKind};
use yew::prelude::*;

#[function_component(NoticeBar)]
pub fn notice_bar() -> Html {
    let app = use_app();
    let dismiss = {
        let dispatch = app.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::DismissNotice))
    };
    let undo = {
        let dispatch = app.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::UndoClear))
    };
    html! {
        <div id="notice" class="notice-area" role="status" aria-live="polite">
            if let Some(busy) = &app.busy {
                <p class="notice busy"><span class="spinner" aria-hidden="true"></span>{ busy.clone() }</p>
            }
            if let Some(n) = &app.notice {
                <div class={classes!("notice", match n.kind { NoticeKind::Info => "info", NoticeKind::Problem => "problem" })}>
                    <p id="notice-text">{ n.text.clone() }</p>
                    <div class="notice-actions">
                        if app.cleared.is_some() {
                            <button type="button" id="undo-clear" onclick={undo}>{ "Undo" }</button>
                        }
                        <button type="button" class="secondary" aria-label="Dismiss this message" onclick={dismiss}>{ "Dismiss" }</button>
                    </div>
                </div>
            }
        </div>
    }
}
