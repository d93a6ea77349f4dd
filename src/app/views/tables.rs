//! Money tables found in long documents (strategies, board papers): each as a table with every
//! cell editable and the table's checks beside the cells they are about, and as a chart.

use super::figure::Figure;
use super::use_app;
use super::value::ValueView;
use crate::model::Level;
use crate::report::fields::Path;
use yew::prelude::*;

#[function_component(MoneyTables)]
pub fn money_tables() -> Html {
    let app = use_app();
    let (Some(doc), Some(derived)) = (app.doc.clone(), app.derived.clone()) else {
        return html! {};
    };
    let r = &doc.response;
    if r.tables.is_empty() {
        return html! {};
    }
    html! {
        <section class="panel money-tables" aria-labelledby="tables-heading">
            <h2 id="tables-heading">{ format!("Money tables ({})", r.tables.len()) }</h2>
            { for r.tables.iter().enumerate().map(|(t, table)| {
                let caption = table.caption.as_ref().map(|c| c.value.clone())
                    .unwrap_or_else(|| format!("Table {}", t + 1));
                let unplaced: Vec<_> = table.checks.iter()
                    .filter(|w| w.field.as_deref().and_then(|f| Path::in_table(t, f)).is_none())
                    .collect();
                let chart = derived.tables.get(t).cloned();
                html! {
                    <article class="money-table" id={format!("table-{t}")} aria-label={caption.clone()}>
                        <h3>{ caption.clone() }<span class="unit">{ format!(" ({})", table.unit.symbol()) }</span></h3>
                        if !unplaced.is_empty() {
                            <ul class="warnings">
                                { for unplaced.iter().map(|w| html! {
                                    <li class={classes!("field-warning", (w.level == Level::Note).then_some("note"))}>{ w.message.clone() }</li>
                                }) }
                            </ul>
                        }
                        <div class="table-scroll">
                            <table class="data">
                                <thead><tr>
                                    <th scope="col">{ "" }</th>
                                    { for table.columns.iter().map(|c| html! { <th scope="col">{ c.label.clone() }</th> }) }
                                </tr></thead>
                                <tbody>
                                    { for table.rows.iter().enumerate().map(|(row, rw)| html! {
                                        <tr class={classes!(rw.is_total.then_some("total-row"))}>
                                            <th scope="row">{ rw.label.clone() }</th>
                                            { for (0..table.columns.len()).map(|col| {
                                                let path = Path::TableCell { table: t, row, col };
                                                let checks: Vec<_> = table.checks.iter()
                                                    .filter(|w| w.field.as_deref().and_then(|f| Path::in_table(t, f)) == Some(path))
                                                    .collect();
                                                html! {
                                                    <td class={classes!((!checks.is_empty()).then_some("flagged"))}>
                                                        <ValueView {path} missing="–" />
                                                        { for checks.iter().map(|w| html! {
                                                            <span class={classes!("field-warning", (w.level == Level::Note).then_some("note"))} role="note">{ w.message.clone() }</span>
                                                        }) }
                                                    </td>
                                                }
                                            }) }
                                        </tr>
                                    }) }
                                </tbody>
                            </table>
                        </div>
                        if let Some(chart) = chart {
                            <Figure id={format!("table-chart-{t}")} title={format!("{caption}: by year")}
                                description={chart.description.clone()} option={chart.option.clone()} />
                        }
                    </article>
                }
            }) }
        </section>
    }
}
