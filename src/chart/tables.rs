//! A multi-year money table (from a strategy or board paper) as a stacked bar chart by year:
//! one bar per year column, one segment per row. Total and subtotal rows are left out (they
//! would count money twice) and so are total columns; values stay in the table's own unit.

use super::{palette, to_option};
use crate::model::MoneyTable;
use crate::report::format;
use charming::{
    component::{Axis, Grid},
    element::{AxisType, Tooltip, Trigger},
    series::Bar,
    Chart,
};
use serde_json::{json, Value};

/// The year columns of `t`: (column index, label).
pub fn year_columns(t: &MoneyTable) -> Vec<(usize, String)> {
    t.columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.year.is_some() && !c.is_total)
        .map(|(i, c)| {
            (
                i,
                c.year
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| c.label.clone()),
            )
        })
        .collect()
}

/// The rows that are stacked: not totals, and with at least one value in a year column.
pub fn stacked_rows(t: &MoneyTable) -> Vec<usize> {
    let years = year_columns(t);
    (0..t.rows.len())
        .filter(|&r| {
            let row = &t.rows[r];
            !row.is_total
                && years
                    .iter()
                    .any(|(c, _)| row.values.get(*c).is_some_and(|v| v.is_some()))
        })
        .collect()
}

/// The stacked bar chart of `t`.
pub fn table_chart(t: &MoneyTable) -> Value {
    let years = year_columns(t);
    let mut chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .color(palette::categorical())
        .grid(
            Grid::new()
                .contain_label(true)
                .left(8)
                .right(16)
                .top(32)
                .bottom(8),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(years.iter().map(|(_, y)| y.clone()).collect()),
        )
        .y_axis(Axis::new().type_(AxisType::Value).name(t.unit.symbol()));
    for r in stacked_rows(t) {
        let row = &t.rows[r];
        let data: Vec<Option<f64>> = years
            .iter()
            .map(|(c, _)| row.values.get(*c).and_then(|v| v.as_ref()).map(|v| v.value))
            .collect();
        chart = chart.series(Bar::new().name(row.label.clone()).stack("table").data(data));
    }
    let mut o = to_option(&chart);
    // Many rows: a scrolling legend at the top keeps the plot area usable.
    o["legend"] = json!({"type": "scroll", "top": 0});
    o
}

/// The table chart's text alternative: per year, the sum of the stacked rows.
pub fn table_description(t: &MoneyTable) -> String {
    let years = year_columns(t);
    let rows = stacked_rows(t);
    let sums: Vec<String> = years
        .iter()
        .map(|(c, y)| {
            let sum: f64 = rows
                .iter()
                .filter_map(|&r| t.rows[r].values.get(*c).and_then(|v| v.as_ref()))
                .map(|v| v.value)
                .sum();
            format!("{y}: {} {}", format::table_number(sum), t.unit.symbol())
        })
        .collect();
    format!(
        "Stacked bar chart of {} rows by financial year, in {} as printed (total rows left out). Sum of the rows shown: {}.",
        rows.len(),
        t.unit.symbol(),
        sums.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FinYear, MoneyUnit, Span, TableColumn, TableRow, Value as V};

    fn col(label: &str, year: Option<u16>, is_total: bool) -> TableColumn {
        TableColumn {
            label: label.into(),
            year: year.map(FinYear),
            is_total,
            span: None,
        }
    }

    fn row(label: &str, values: &[Option<f64>], is_total: bool) -> TableRow {
        TableRow {
            label: label.into(),
            values: values
                .iter()
                .map(|v| v.map(|x| V::found(x, Span::new(0, 1))))
                .collect(),
            is_total,
            span: None,
            parts: None,
        }
    }

    /// The first rows of "Figure C" in the LLR 2018–21 strategy (tests/fixtures).
    fn figure_c() -> MoneyTable {
        MoneyTable {
            caption: None,
            unit: MoneyUnit::Millions,
            columns: vec![
                col("2018/19", Some(2018), false),
                col("2019/20", Some(2019), false),
                col("2020/21", Some(2020), false),
                col("Total", None, true),
            ],
            rows: vec![
                row(
                    "UHL / UHL Internal Capital",
                    &[Some(2.25), Some(0.0), Some(0.0), Some(2.25)],
                    false,
                ),
                row(
                    "UHL / HSLI",
                    &[Some(1.721), Some(1.152), Some(1.511), Some(4.384)],
                    false,
                ),
                row(
                    "University Hospitals Leicester Total",
                    &[Some(3.971), Some(1.152), Some(1.511), Some(6.634)],
                    true,
                ),
                row("Blank", &[None, None, None, None], false),
            ],
            checks: vec![],
            sums: vec![],
            span: Span::new(0, 1),
        }
    }

    #[test]
    fn rows_stack_by_year_without_totals() {
        let o = table_chart(&figure_c());
        assert_eq!(o["xAxis"]["data"], json!(["2018/19", "2019/20", "2020/21"]));
        assert_eq!(o["yAxis"]["name"], "£m");
        let series = o["series"].as_array().unwrap();
        assert_eq!(series.len(), 2);
        assert_eq!(series[0]["name"], "UHL / UHL Internal Capital");
        assert_eq!(series[0]["data"], json!([2.25, 0.0, 0.0]));
        assert_eq!(series[1]["data"], json!([1.721, 1.152, 1.511]));
        assert_eq!(series[1]["stack"], "table");
        assert_eq!(o["legend"]["type"], "scroll");
    }

    #[test]
    fn description_sums_the_stacked_rows() {
        assert_eq!(
            table_description(&figure_c()),
            "Stacked bar chart of 2 rows by financial year, in £m as printed (total rows left out). Sum of the rows shown: 2018/19: 3.971 £m; 2019/20: 1.152 £m; 2020/21: 1.511 £m."
        );
    }
}
