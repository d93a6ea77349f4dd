//! IT spend by financial year: one bar per year, stacked by the breakdown where the response
//! gives one, with the part of the total that the breakdown does not explain shown as
//! "Not broken down" (so the stack always adds up to the disclosed total and nothing is invented).

use super::{palette, to_option};
use crate::model::{Response, SpendCategory};
use crate::report::format;
use charming::{
    component::{Axis, Grid, Legend},
    element::{AxisType, Tooltip, Trigger},
    series::Bar,
    Chart,
};
use serde_json::Value;

/// The rows behind the chart (also its accessible data table): year label, then pounds per
/// stacked segment in [`spend_segments`] order (`None` where the response gives no figure).
pub fn spend_table(response: &Response) -> Vec<(String, Vec<Option<i64>>)> {
    response
        .it_spend
        .iter()
        .map(|s| {
            let parts: Vec<Option<i64>> = SpendCategory::ALL
                .iter()
                .map(|c| s.breakdown.get(*c).map(|v| v.value))
                .collect();
            let explained: i64 = parts.iter().flatten().sum();
            let rest = s
                .total
                .as_ref()
                .map(|t| t.value - explained)
                .filter(|r| *r > 0);
            let mut row = parts;
            row.push(rest);
            (s.year.to_string(), row)
        })
        .collect()
}

/// Segment names, in stacking order.
pub fn spend_segments() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = SpendCategory::ALL.iter().map(|c| c.label()).collect();
    names.push("Not broken down");
    names
}

/// The stacked bar chart of IT spend, in £m (the page gives it its title and description).
pub fn spend_chart(response: &Response) -> Value {
    let table = spend_table(response);
    let years: Vec<String> = table.iter().map(|(y, _)| y.clone()).collect();
    let mut chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0))
        .grid(Grid::new().contain_label(true).bottom(40))
        .color(palette::categorical())
        .x_axis(Axis::new().type_(AxisType::Category).data(years))
        .y_axis(Axis::new().type_(AxisType::Value).name("£m"));
    for (i, name) in spend_segments().into_iter().enumerate() {
        let data: Vec<Option<f64>> = table
            .iter()
            .map(|(_, row)| row[i].map(|p| (p as f64 / 1e4).round() / 100.0))
            .collect();
        if data.iter().all(Option::is_none) {
            continue; // a legend entry for a segment with no data would only confuse
        }
        chart = chart.series(Bar::new().name(name).stack("spend").data(data));
    }
    to_option(&chart)
}

/// The spend chart's text alternative: each year's total and what the breakdown says.
pub fn spend_description(response: &Response) -> String {
    let years: Vec<String> = response
        .it_spend
        .iter()
        .map(|s| {
            let total = s
                .total
                .as_ref()
                .map(|t| format::millions(t.value))
                .unwrap_or_else(|| "no total given".into());
            let parts: Vec<String> = SpendCategory::ALL
                .iter()
                .filter_map(|c| {
                    s.breakdown
                        .get(*c)
                        .map(|v| format!("{} {}", c.label(), format::millions(v.value)))
                })
                .collect();
            if parts.is_empty() {
                format!("{}: {total}", s.year)
            } else {
                format!("{}: {total}, of which {}", s.year, parts.join(", "))
            }
        })
        .collect();
    if years.is_empty() {
        return "The response gives no IT spend by year.".into();
    }
    format!(
        "Bar chart of IT spend by financial year, in £ million, stacked by category where the \
         response breaks it down. {}.",
        years.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FinYear, Span, SpendYear, Value};

    fn response() -> Response {
        let mut r = Response::default();
        let mut y = SpendYear::new(FinYear(2023), None);
        y.total = Some(Value::found(16_467_000, Span::new(0, 1)));
        y.breakdown.staff = Some(Value::found(6_167_000, Span::new(0, 1)));
        r.it_spend.push(y);
        let mut y = SpendYear::new(FinYear(2024), None);
        y.total = Some(Value::found(18_351_000, Span::new(0, 1)));
        r.it_spend.push(y);
        r
    }

    #[test]
    fn unexplained_part_of_the_total_is_its_own_segment() {
        let t = spend_table(&response());
        assert_eq!(t[0].0, "2023/24");
        assert_eq!(t[0].1[0], Some(6_167_000));
        assert_eq!(t[0].1[6], Some(10_300_000));
        assert_eq!(t[1].1[0], None);
        assert_eq!(t[1].1[6], Some(18_351_000));
    }

    #[test]
    fn description_reads_each_year() {
        assert_eq!(
            spend_description(&response()),
            "Bar chart of IT spend by financial year, in £ million, stacked by category where the \
             response breaks it down. 2023/24: £16.5m, of which IT staff £6.2m; 2024/25: £18.4m."
        );
        assert_eq!(
            spend_description(&Response::default()),
            "The response gives no IT spend by year."
        );
    }

    #[test]
    fn chart_has_only_segments_with_data_in_millions() {
        let json = spend_chart(&response());
        let series = json["series"].as_array().unwrap();
        let names: Vec<&str> = series.iter().map(|s| s["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["IT staff", "Not broken down"]);
        assert_eq!(series[0]["data"], serde_json::json!([6.17, null]));
        assert_eq!(series[1]["data"], serde_json::json!([10.3, 18.35]));
        assert_eq!(
            json["xAxis"]["data"],
            serde_json::json!(["2023/24", "2024/25"])
        );
    }
}
