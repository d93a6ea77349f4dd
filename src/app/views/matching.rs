//! Which organisation in the DMA dataset the response is compared as, and a way to change it:
//! the automatic match, the other candidates, "do not compare", and every trust and ICB.

use super::use_app;
use crate::app::state::Action;
use crate::bench::organisation_list;
use crate::chart::compare::{pick_from_key, pick_key, OrgPick};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[function_component(MatchControl)]
pub fn match_control() -> Html {
    let app = use_app();
    let Some(derived) = app.derived.clone() else {
        return html! {};
    };
    let c = derived.comparison.clone();
    let on_change = {
        let dispatch = app.dispatcher();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(pick) = pick_from_key(&select.value()) {
                dispatch.dispatch(Action::PickOrg(pick));
            }
        })
    };
    let current = pick_key(app.choices.org);
    let auto_label = match &c.matched.best {
        Some(m) => format!(
            "{} (matched automatically, {:.0}% sure)",
            m.org.name(),
            m.score * 100.0
        ),
        None => "No confident automatic match".to_string(),
    };
    // The select already names the automatic match; say more only when it is not in use.
    let status = match (c.org, c.picked) {
        (Some(o), true) => Some(format!("Compared as {} (your choice).", o.name())),
        (Some(_), false) => None,
        (None, _) => c.note.clone(),
    };
    html! {
        <div class="match">
            if let Some(status) = status {
                <span id="match-status">{ status }</span>
            }
            <label class="visually-hidden" for="match-select">{ "Change the organisation this response is compared as" }</label>
            <select id="match-select" onchange={on_change}>
                <option value="auto" selected={current == "auto"}>{ auto_label }</option>
                if !c.matched.alternatives.is_empty() {
                    <optgroup label="Other likely matches">
                        { for c.matched.alternatives.iter().map(|m| {
                            let key = pick_key(OrgPick::Org(m.org));
                            html! { <option value={key.clone()} selected={current == key}>{ format!("{} ({:.0}%)", m.org.name(), m.score * 100.0) }</option> }
                        }) }
                    </optgroup>
                }
                <option value="none" selected={current == "none"}>{ "Do not compare with other trusts" }</option>
                <optgroup label="Every trust and ICB in the DMA 2025 data">
                    { for organisation_list().iter().enumerate().map(|(i, o)| {
                        let key = format!("org:{i}");
                        html! { <option value={key.clone()} selected={current == key} title={o.detail.clone()}>{ o.label.clone() }</option> }
                    }) }
                </optgroup>
            </select>
        </div>
    }
}
