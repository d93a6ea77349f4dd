//! Money tables found in long documents (strategies, board papers): each as a table with every
//! cell editable and each of the table's checks marked beside the cell it is about (numbered,
//! with the sentence under the table), and as a chart.

use super::figure::Figure;
use super::use_app;
use super::value::ValueView;
use crate::model::Level;
use crate::report::fields::{cell_of, Path};
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
                // Checks are numbered like footnotes: a numbered mark beside the cell a check is
                // about, the sentence under the table (long sentences inside cells would make
                // the table unreadable).
                let placed: Vec<Option<Path>> = table.checks.iter()
                    .map(|w| w.field.as_deref().and_then(|f| Path::in_table(t, f)))
                    .collect();
                let chart = derived.tables.get(t).cloned();
                html! {
                    <article class="money-table" id={format!("table-{t}")} aria-label={caption.clone()}>
                        <h3>{ caption.clone() }<span class="unit">{ format!(" ({})", table.unit.symbol()) }</span></h3>
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
                                                let Some(cell) = cell_of(table, col) else {
                                                    return html! { <td></td> };
                                                };
                                                let path = Path::TableCell { table: t, row, cell };
                                                let marks: Vec<(usize, &crate::model::Warning)> = table.checks.iter().enumerate()
                                                    .filter(|(k, _)| placed[*k] == Some(path))
                                                    .collect();
                                                let flagged = marks.iter().any(|(_, w)| w.level == Level::Warning);
                                                html! {
                                                    <td class={classes!(flagged.then_some("flagged"))}>
                                                        <ValueView {path} missing="–" />
                                                        { for marks.iter().map(|(k, w)| html! {
                                                            <a class={classes!("check-mark", (w.level == Level::Note).then_some("note"))}
                                                                href={format!("#table-{t}-check-{}", k + 1)}
                                                                title={w.message.clone()}
                                                                aria-label={format!("{} {}: {}", if w.level == Level::Note { "Note" } else { "Warning" }, k + 1, w.message)}>
                                                                { format!("{} {}", if w.level == Level::Note { "note" } else { "⚠" }, k + 1) }
                                                            </a>
                                                        }) }
                                                    </td>
                                                }
                                            }) }
                                        </tr>
                                    }) }
                                </tbody>
                            </table>
                        </div>
                        if !table.checks.is_empty() {
                            <ol class="checks" aria-label={format!("Checks of the totals in {caption}")}>
                                { for table.checks.iter().enumerate().map(|(k, w)| html! {
                                    <li id={format!("table-{t}-check-{}", k + 1)} class={classes!("field-warning", (w.level == Level::Note).then_some("note"))}>
                                        <span class="check-number">{ format!("{} {}: ", if w.level == Level::Note { "Note" } else { "⚠ Warning" }, k + 1) }</span>
                                        { w.message.clone() }
                                    </li>
                                }) }
                            </ol>
                        }
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
