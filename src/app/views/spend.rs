//! IT spend per financial year: the figures (each editable, with its evidence) and the chart.

use super::figure::Figure;
use super::use_app;
use super::value::ValueView;
use crate::chart::spend::{spend_segments, spend_table};
use crate::model::SpendCategory;
use crate::report::fields::Path;
use crate::report::format;
use yew::prelude::*;

#[function_component(SpendSection)]
pub fn spend_section() -> Html {
    let app = use_app();
    let (Some(doc), Some(derived)) = (app.doc.clone(), app.derived.clone()) else {
        return html! {};
    };
    let r = &doc.response;
    if r.it_spend.is_empty() {
        return html! {
            <section class="panel spend" aria-labelledby="spend-heading">
                <h2 id="spend-heading">{ "IT spend" }</h2>
                <p id="spend-none">{ "The response gives no IT spend by financial year." }</p>
            </section>
        };
    }
    let chart_rows = spend_table(r);
    let segments = spend_segments();
    html! {
        <section class="panel spend" aria-labelledby="spend-heading">
            <h2 id="spend-heading">{ "IT spend" }</h2>
            <div class="table-scroll">
                <table class="data" id="spend-table">
                    <caption class="visually-hidden">{ "IT spend by financial year, as the response gives it" }</caption>
                    <thead><tr>
                        <th scope="col">{ "" }</th>
                        { for r.it_spend.iter().map(|s| html! { <th scope="col">{ s.year.to_string() }</th> }) }
                    </tr></thead>
                    <tbody>
                        <tr class="total-row">
                            <th scope="row">{ "Total" }</th>
                            { for (0..r.it_spend.len()).map(|i| html! { <td><ValueView path={Path::SpendTotal(i)} /></td> }) }
                        </tr>
                        { for SpendCategory::ALL.iter().map(|c| html! {
                            <tr>
                                <th scope="row">{ c.label() }</th>
                                { for (0..r.it_spend.len()).map(|i| html! { <td><ValueView path={Path::SpendPart(i, *c)} /></td> }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <Figure id="spend-chart" title="IT spend by financial year (£m)"
                description={derived.spend.description.clone()} option={derived.spend.option.clone()}>
                <table class="data">
                    <thead><tr>
                        <th scope="col">{ "Year" }</th>
                        { for segments.iter().map(|s| html! { <th scope="col">{ *s }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for chart_rows.iter().map(|(year, parts)| html! {
                            <tr>
                                <th scope="row">{ year.clone() }</th>
                                { for parts.iter().map(|p| html! { <td>{ p.map(format::pounds).unwrap_or_else(|| "—".into()) }</td> }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </Figure>
        </section>
    }
}
