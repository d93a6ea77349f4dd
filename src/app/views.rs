//! The page's building blocks. Views render state and dispatch callbacks; they compute nothing
//! beyond formatting (done by `crate::report::format`).

use super::echart::EChart;
use crate::model::{Pillar, Response, SpendCategory};
use crate::report::format;
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InputPanelProps {
    pub text: Rc<str>,
    pub on_input: Callback<String>,
}

/// The paste area. A real `<textarea>`: paste, screen readers and browser tests rely on it.
#[function_component(InputPanel)]
pub fn input_panel(props: &InputPanelProps) -> Html {
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_input.emit(area.value());
        })
    };
    html! {
        <section class="panel input-panel" aria-labelledby="input-heading">
            <h2 id="input-heading">{ "FOI response" }</h2>
            <label for="response-text">{ "Paste the text of a reply (parsing starts as you paste)" }</label>
            <textarea id="response-text" spellcheck="false" value={props.text.to_string()} {oninput} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub response: Rc<Response>,
}

/// What was extracted, and the charts.
#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let r = &props.response;
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "—".to_string());
    let spend_chart = use_memo(props.response.clone(), |r| {
        crate::chart::spend::spend_chart(r)
    });
    html! {
        <section class="panel results" aria-labelledby="results-heading" aria-live="polite">
            <h2 id="results-heading">{ "What the response says" }</h2>
            <dl class="facts">
                <dt>{ "Organisation" }</dt><dd id="organisation">{ or_dash(r.organisation.as_ref().map(|v| v.value.clone())) }</dd>
                <dt>{ "Reference" }</dt><dd id="reference">{ or_dash(r.reference.as_ref().map(|v| v.value.clone())) }</dd>
                <dt>{ "Date" }</dt><dd id="date">{ or_dash(r.date.as_ref().map(|v| v.value.clone())) }</dd>
                <dt>{ "DMA status" }</dt><dd id="dma-status">{ r.dma_status.value.key() }</dd>
            </dl>
            <h3>{ "IT spend" }</h3>
            <table class="data" id="spend-table">
                <thead><tr><th scope="col">{ "Year" }</th><th scope="col">{ "Total" }</th>
                    { for SpendCategory::ALL.iter().map(|c| html!{ <th scope="col">{ c.label() }</th> }) }
                </tr></thead>
                <tbody>
                { for r.it_spend.iter().map(|s| html! {
                    <tr>
                        <th scope="row">{ s.year.to_string() }</th>
                        <td>{ or_dash(s.total.as_ref().map(|v| format::pounds(v.value))) }</td>
                        { for SpendCategory::ALL.iter().map(|c| html!{
                            <td>{ or_dash(s.breakdown.get(*c).map(|v| format::pounds(v.value))) }</td>
                        }) }
                    </tr>
                }) }
                </tbody>
            </table>
            <EChart id="spend-chart" chart={spend_chart} label="IT spend by financial year, stacked by category" />
            <h3>{ "Digital Maturity Assessment" }</h3>
            <table class="data" id="dma-table">
                <tbody>
                    <tr><th scope="row">{ "Overall" }</th><td>{ or_dash(r.dma.as_ref().and_then(|d| d.overall.as_ref()).map(|v| format::score(v.value))) }</td></tr>
                    { for Pillar::ALL.iter().map(|p| html!{
                        <tr><th scope="row">{ p.label() }</th><td>{ or_dash(r.dma.as_ref().and_then(|d| d.pillars.get(*p)).map(|v| format::score(v.value))) }</td></tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
