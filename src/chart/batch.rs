//! Charts comparing the responses of a batch (one round-robin FOI, many trusts), built from the
//! workspace's rows (`workspace::row::Row`, with corrections applied):
//!
//! - [`spend_by_trust`]: total IT spend in one financial year, one bar per trust, largest first;
//! - [`dma_by_trust`]: each trust's overall DMA score (as its reply gives it, or the mean of the
//!   seven pillars it gives) against the national distribution of the dataset's *pillar means*
//!   (never the weighted comparable score, a different measure); where a reply withheld its
//!   scores the dataset's published pillar mean is shown as a separate, labelled series;
//! - [`spend_vs_dma`]: spend against DMA overall, one labelled point per trust;
//! - [`coverage`]: how many replies disclosed, withheld (under which section), did not hold or
//!   did not answer each question.
//!
//! Each returns the ECharts option as JSON (charming for the structure; mark areas and lines
//! written directly) and has a `_table` (the accessible data table and CSV of the chart) and a
//! `_description` (its text alternative). No option contains a JavaScript function: the page's
//! CSP forbids `eval`, so labels use ECharts' string templates.

use super::palette;
use crate::bench::{self, Distribution, Measure, Org, OverallSource, RowFilter};
use crate::model::{DmaStatus, FinYear, HimssStatus};
use crate::report::format;
use crate::workspace::row::{short_name, Row};
use charming::{
    component::{Axis, Grid, Legend},
    element::{AxisType, Tooltip, Trigger},
    series::{Bar, Scatter},
    Chart,
};
use serde_json::{json, Value};

fn to_option(chart: &Chart) -> Value {
    serde_json::to_value(chart).unwrap_or(Value::Null)
}

/// Pounds as £m with two decimals, the unit of the spend charts.
fn millions(p: i64) -> f64 {
    (p as f64 / 1e4).round() / 100.0
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The year to chart spend for by default: the one most replies give a total for (the later
/// one on a tie), `None` when no reply gives any.
pub fn default_spend_year(rows: &[Row]) -> Option<FinYear> {
    let mut counts: Vec<(FinYear, usize)> = Vec::new();
    for r in rows {
        for s in r.spend.iter().filter(|s| s.total.is_some()) {
            match counts.iter_mut().find(|(y, _)| *y == s.year) {
                Some((_, n)) => *n += 1,
                None => counts.push((s.year, 1)),
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(y, n)| (*n, *y))
        .map(|(y, _)| y)
}

/// Spend by trust: (label, total in pounds) for every reply with a total in `year`, largest
/// first (ties by label).
pub fn spend_by_trust_table(rows: &[Row], year: FinYear) -> Vec<(String, i64)> {
    let mut t: Vec<(String, i64)> = rows
        .iter()
        .filter_map(|r| Some((r.label(), r.total_for(year)?)))
        .collect();
    t.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    t
}

/// Horizontal bars of total IT spend in `year` (£m), largest at the top.
pub fn spend_by_trust(rows: &[Row], year: FinYear) -> Value {
    let table = spend_by_trust_table(rows, year);
    let chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().contain_label(true))
        .color(palette::categorical())
        .x_axis(Axis::new().type_(AxisType::Value).name("£m"))
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(table.iter().map(|(l, _)| l.clone()).collect()),
        )
        .series(
            Bar::new()
                .name(format!("IT spend {year}"))
                .data(table.iter().map(|(_, p)| millions(*p)).collect()),
        );
    to_option(&chart)
}

/// The spend chart in words.
pub fn spend_by_trust_description(rows: &[Row], year: FinYear) -> String {
    let table = spend_by_trust_table(rows, year);
    let missing = rows.len() - table.len();
    let (Some(top), Some(bottom)) = (table.first(), table.last()) else {
        return format!(
            "None of the {} replies gives a total IT spend for {year}.",
            rows.len()
        );
    };
    let mut s = format!(
        "Total IT spend in {year} for {} of {} replies, largest first: highest {} ({}), lowest {} ({}).",
        table.len(),
        rows.len(),
        top.0,
        format::millions(top.1),
        bottom.0,
        format::millions(bottom.1)
    );
    if missing > 0 {
        s.push_str(&format!(
            " {missing} {} no total for {year}.",
            if missing == 1 {
                "reply gives"
            } else {
                "replies give"
            }
        ));
    }
    s
}

/// One trust's overall DMA score as the DMA chart shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct DmaPoint {
    pub label: String,
    pub score: f64,
    pub source: DmaSource,
}

/// Where a DMA point comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DmaSource {
    /// The overall score the reply printed.
    Stated,
    /// The mean of the seven pillars the reply gave.
    MeanOfPillars,
    /// The reply did not give its scores; the pillar mean NHS England published for the
    /// matched trust.
    Published,
}

impl DmaSource {
    pub fn label(self) -> &'static str {
        match self {
            DmaSource::Stated => "overall score in the reply",
            DmaSource::MeanOfPillars => "mean of the pillars in the reply",
            DmaSource::Published => "published by NHS England (not in the reply)",
        }
    }
}

/// Every trust's DMA point, highest first: the reply's own where it gives one, else the
/// dataset's published pillar mean for its matched trust.
pub fn dma_points(rows: &[Row]) -> Vec<DmaPoint> {
    let mut points: Vec<DmaPoint> = rows
        .iter()
        .filter_map(|r| {
            let (score, source) = match r.dma_overall {
                Some((v, OverallSource::Stated)) => (v, DmaSource::Stated),
                Some((v, OverallSource::MeanOfPillars)) => (v, DmaSource::MeanOfPillars),
                None => match r.matched.as_ref()?.org {
                    Org::Trust(t) => (
                        bench::published_dma(t, None).pillar_mean.value(),
                        DmaSource::Published,
                    ),
                    Org::Icb(_) => return None, // ICBs are compared with ICBs, not trusts
                },
            };
            score.is_finite().then(|| DmaPoint {
                label: r.label(),
                score: round2(score),
                source,
            })
        })
        .collect();
    points.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.label.cmp(&b.label))
    });
    points
}

/// The national distribution the DMA chart sets the batch against: the pillar mean of every
/// trust assessment (care-setting row) in the dataset.
pub fn national_pillar_means() -> Option<Distribution> {
    bench::distribution_where(&RowFilter::default(), Measure::PillarMean)
}

/// Overall DMA by trust (dots, 1–5) over a band for the middle half of trusts in England and a
/// line at their median. The reply's own scores and published ones are separate series.
pub fn dma_by_trust(rows: &[Row]) -> Value {
    let points = dma_points(rows);
    let labels: Vec<String> = points.iter().map(|p| p.label.clone()).collect();
    let series_of = |wanted: &[DmaSource], name: &str, symbol: &str| {
        let data: Vec<Value> = points
            .iter()
            .map(|p| {
                if wanted.contains(&p.source) {
                    json!(p.score)
                } else {
                    Value::Null
                }
            })
            .collect();
        json!({"type": "scatter", "name": name, "symbol": symbol, "symbolSize": 12, "data": data})
    };
    let mut own = series_of(
        &[DmaSource::Stated, DmaSource::MeanOfPillars],
        "From the replies",
        "circle",
    );
    let published = series_of(
        &[DmaSource::Published],
        "Published by NHS England (reply withheld it)",
        "diamond",
    );
    if let Some(d) = national_pillar_means() {
        own["markArea"] = json!({
            "silent": true,
            "itemStyle": {"color": "rgba(153,153,153,0.18)"},
            "label": {"position": "insideTop"},
            "data": [[
                {"name": format!("Middle half of {} trust assessments in England", d.n), "xAxis": round2(d.q1)},
                {"xAxis": round2(d.q3)}
            ]],
        });
        own["markLine"] = json!({
            "silent": true,
            "symbol": ["none", "none"],
            "lineStyle": {"color": palette::OKABE_ITO[7], "type": "dashed"},
            "label": {"formatter": "England median {c}"},
            "data": [{"name": "England median", "xAxis": round2(d.median)}],
        });
    }
    let mut series = vec![own];
    if points.iter().any(|p| p.source == DmaSource::Published) {
        series.push(published);
    }
    let base = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(Legend::new().bottom(0))
        .grid(Grid::new().contain_label(true).bottom(40))
        .color(palette::categorical())
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min(1)
                .max(5)
                .name("DMA score (1–5)"),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(labels),
        );
    let mut option = to_option(&base);
    option["series"] = Value::Array(series);
    option
}

/// The DMA chart's data table: (trust, score, where it comes from).
pub fn dma_by_trust_table(rows: &[Row]) -> Vec<(String, f64, &'static str)> {
    dma_points(rows)
        .into_iter()
        .map(|p| (p.label, p.score, p.source.label()))
        .collect()
}

/// The DMA chart in words.
pub fn dma_by_trust_description(rows: &[Row]) -> String {
    let points = dma_points(rows);
    let own = points
        .iter()
        .filter(|p| p.source != DmaSource::Published)
        .count();
    let mut s = format!(
        "Overall DMA score for {} of {} replies ({own} from the replies themselves",
        points.len(),
        rows.len()
    );
    let published = points.len() - own;
    if published > 0 {
        s.push_str(&format!(
            ", {published} published by NHS England where the reply withheld them"
        ));
    }
    s.push(')');
    if let Some(d) = national_pillar_means() {
        let above = points.iter().filter(|p| p.score > d.median).count();
        s.push_str(&format!(
            ", against the mean of the seven pillars for {} trust assessments in England \
             (median {}, middle half {} to {}): {above} of {} above the median.",
            d.n,
            format::score(d.median),
            format::score(d.q1),
            format::score(d.q3),
            points.len()
        ));
    } else {
        s.push('.');
    }
    s.push_str(" DMA scores are self-assessed.");
    s
}

/// A point of the spend-vs-DMA scatter: (label, DMA overall, spend in pounds).
pub fn spend_vs_dma_table(rows: &[Row], year: FinYear) -> Vec<(String, f64, i64)> {
    let mut t: Vec<(String, f64, i64)> = rows
        .iter()
        .filter_map(|r| {
            let (dma, _) = r.dma_overall?;
            Some((r.label(), round2(dma), r.total_for(year)?))
        })
        .collect();
    t.sort_by(|a, b| a.0.cmp(&b.0));
    t
}

/// IT spend in `year` (£m, vertical) against the reply's overall DMA score (horizontal), one
/// labelled point per trust that gives both.
pub fn spend_vs_dma(rows: &[Row], year: FinYear) -> Value {
    let data: Vec<Value> = spend_vs_dma_table(rows, year)
        .into_iter()
        .map(|(label, dma, p)| json!({"name": label, "value": [dma, millions(p)]}))
        .collect();
    let base = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .grid(Grid::new().contain_label(true))
        .color(palette::categorical())
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min(1)
                .max(5)
                .name("DMA overall (from the reply)"),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(format!("IT spend {year}, £m")),
        )
        .series(Scatter::new().name("Trusts").symbol_size(10));
    let mut option = to_option(&base);
    option["series"][0]["data"] = Value::Array(data);
    option["series"][0]["label"] = json!({"show": true, "position": "right", "formatter": "{b}"});
    option["series"][0]["labelLayout"] = json!({"hideOverlap": true});
    option["tooltip"]["formatter"] = json!("{b}<br/>DMA overall, IT spend £m: {c}");
    option
}

/// The scatter in words.
pub fn spend_vs_dma_description(rows: &[Row], year: FinYear) -> String {
    let t = spend_vs_dma_table(rows, year);
    if t.is_empty() {
        return format!(
            "No reply gives both an overall DMA score and a total IT spend for {year}."
        );
    }
    format!(
        "IT spend in {year} against the overall DMA score, for the {} of {} replies that give \
         both: {}.",
        t.len(),
        rows.len(),
        t.iter()
            .map(|(l, d, p)| format!("{l} {} and {}", format::score(*d), format::millions(*p)))
            .collect::<Vec<_>>()
            .join("; ")
    )
}

/// The questions the coverage chart counts answers to.
pub const COVERAGE_QUESTIONS: [&str; 3] = ["IT spend", "DMA scores", "HIMSS stages"];

/// One outcome of the coverage chart and how many replies had it, per question (in
/// [`COVERAGE_QUESTIONS`] order).
#[derive(Clone, Debug, PartialEq)]
pub struct CoverageSeries {
    pub outcome: String,
    pub counts: [usize; 3],
}

fn withheld(exemptions: &[String]) -> String {
    if exemptions.is_empty() {
        "Withheld (no section named)".into()
    } else {
        format!("Withheld ({})", exemptions.join(", "))
    }
}

/// How each reply answered each question: outcomes in a fixed order (disclosed first, could
/// not be read last), only those that occur.
pub fn coverage_table(rows: &[Row]) -> Vec<CoverageSeries> {
    let mut out: Vec<CoverageSeries> = Vec::new();
    let mut add =
        |outcome: String, question: usize| match out.iter_mut().find(|s| s.outcome == outcome) {
            Some(s) => s.counts[question] += 1,
            None => {
                let mut counts = [0; 3];
                counts[question] = 1;
                out.push(CoverageSeries { outcome, counts });
            }
        };
    for r in rows {
        if r.error.is_some() {
            for q in 0..3 {
                add("Could not be read".into(), q);
            }
            continue;
        }
        let totals = r.spend.iter().filter(|s| s.total.is_some()).count();
        add(
            match totals {
                0 => "Not given".into(),
                n if n == r.spend.len() => "Disclosed".into(),
                _ => "Partly disclosed".into(),
            },
            0,
        );
        add(
            match r.dma_status {
                DmaStatus::Disclosed => "Disclosed".into(),
                DmaStatus::Partial => "Partly disclosed".into(),
                DmaStatus::Exempt => withheld(&r.exemptions),
                DmaStatus::NotHeld => "Not held".into(),
                DmaStatus::NotAssessed => "Not assessed".into(),
                DmaStatus::NotAnswered => "Not given".into(),
            },
            1,
        );
        add(
            match r.himss_status {
                HimssStatus::Disclosed => "Disclosed".into(),
                HimssStatus::Exempt => withheld(&r.exemptions),
                HimssStatus::NotHeld => "Not held".into(),
                HimssStatus::NotAssessed => "Not assessed".into(),
                HimssStatus::NotAnswered => "Not given".into(),
            },
            2,
        );
    }
    let rank = |o: &str| match o {
        "Disclosed" => 0,
        "Partly disclosed" => 1,
        o if o.starts_with("Withheld") => 2,
        "Not held" => 3,
        "Not assessed" => 4,
        "Not given" => 5,
        _ => 6,
    };
    out.sort_by(|a, b| {
        rank(&a.outcome)
            .cmp(&rank(&b.outcome))
            .then_with(|| a.outcome.cmp(&b.outcome))
    });
    out
}

/// Stacked horizontal bars: for each question, how many replies had each outcome.
pub fn coverage(rows: &[Row]) -> Value {
    let table = coverage_table(rows);
    let mut chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0))
        .grid(Grid::new().contain_label(true).bottom(60))
        .color(palette::categorical())
        .x_axis(Axis::new().type_(AxisType::Value).name("replies"))
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(COVERAGE_QUESTIONS.to_vec()),
        );
    for s in &table {
        chart = chart.series(
            Bar::new()
                .name(s.outcome.clone())
                .stack("replies")
                .data(s.counts.iter().map(|&n| n as i64).collect()),
        );
    }
    to_option(&chart)
}

/// The coverage chart in words.
pub fn coverage_description(rows: &[Row]) -> String {
    let table = coverage_table(rows);
    let parts: Vec<String> = COVERAGE_QUESTIONS
        .iter()
        .enumerate()
        .map(|(q, question)| {
            let outcomes: Vec<String> = table
                .iter()
                .filter(|s| s.counts[q] > 0)
                .map(|s| format!("{} {}", s.outcome.to_lowercase(), s.counts[q]))
                .collect();
            format!("{question}: {}", outcomes.join(", "))
        })
        .collect();
    format!("Of {} replies — {}.", rows.len(), parts.join("; "))
}

/// A chart label for a name that may be long: the short name, cut to `max` characters.
pub fn axis_label(name: &str, max: usize) -> String {
    let s = short_name(name);
    if s.chars().count() <= max {
        s
    } else {
        format!(
            "{}…",
            s.chars().take(max.saturating_sub(1)).collect::<String>()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::row::{MatchBasis, Matched, YearSpend};

    fn row(name: &str, totals: &[(u16, Option<i64>)], dma: Option<(f64, OverallSource)>) -> Row {
        Row {
            id: 1,
            name: format!("{name}.txt"),
            organisation: Some(format!("{name} NHS Trust")),
            reference: None,
            date: None,
            matched: None,
            spend: totals
                .iter()
                .map(|(y, t)| YearSpend {
                    year: FinYear(*y),
                    total: *t,
                    parts: [None; 6],
                })
                .collect(),
            dma_overall: dma,
            pillars: [None; 7],
            dma_status: if dma.is_some() {
                DmaStatus::Disclosed
            } else {
                DmaStatus::NotAnswered
            },
            himss_status: HimssStatus::NotAssessed,
            emram_stage: None,
            infram_stage: None,
            exemptions: vec![],
            warnings: 0,
            corrections: 0,
            error: None,
        }
    }

    fn batch() -> Vec<Row> {
        let mut lpt = row(
            "Leicestershire Partnership",
            &[(2023, Some(13_107_000)), (2024, Some(11_416_000))],
            None,
        );
        lpt.dma_status = DmaStatus::Exempt;
        lpt.exemptions = vec!["s22".into()];
        lpt.matched = Some(Matched {
            org: bench::match_organisation("Leicestershire Partnership NHS Trust")
                .best
                .unwrap()
                .org,
            name: "Leicestershire Partnership NHS Trust".into(),
            ods_code: Some("RT5".into()),
            basis: MatchBasis::Chosen,
        });
        let mut broken = row("scan", &[], None);
        broken.organisation = None;
        broken.error = Some("no text layer".into());
        vec![
            row(
                "Dudley Group",
                &[(2023, Some(16_467_000)), (2024, Some(18_351_000))],
                Some((3.1, OverallSource::Stated)),
            ),
            lpt,
            row(
                "Small",
                &[(2024, Some(950_000)), (2023, None)],
                Some((3.114_285_7, OverallSource::MeanOfPillars)),
            ),
            broken,
        ]
    }

    fn json_of(v: &Value, path: &[&str]) -> Value {
        path.iter()
            .fold(v.clone(), |v, k| match k.parse::<usize>() {
                Ok(i) => v[i].clone(),
                Err(_) => v[*k].clone(),
            })
    }

    #[test]
    fn the_default_year_is_the_one_most_replies_give() {
        assert_eq!(default_spend_year(&batch()), Some(FinYear(2024)));
        assert_eq!(default_spend_year(&[]), None);
    }

    #[test]
    fn spend_bars_are_sorted_largest_first_in_millions() {
        let o = spend_by_trust(&batch(), FinYear(2024));
        assert_eq!(
            json_of(&o, &["yAxis", "data"]),
            json!(["Dudley Group", "Leicestershire Partnership", "Small"])
        );
        assert_eq!(json_of(&o, &["yAxis", "inverse"]), json!(true));
        assert_eq!(
            json_of(&o, &["series", "0", "data"]),
            json!([18.35, 11.42, 0.95])
        );
        assert_eq!(
            json_of(&o, &["series", "0", "name"]),
            json!("IT spend 2024/25")
        );
        let d = spend_by_trust_description(&batch(), FinYear(2023));
        assert_eq!(
            d,
            "Total IT spend in 2023/24 for 2 of 4 replies, largest first: highest Dudley Group \
             (£16.5m), lowest Leicestershire Partnership (£13.1m). 2 replies give no total for \
             2023/24."
        );
    }

    #[test]
    fn dma_points_use_the_replies_own_scores_and_label_published_ones() {
        let points = dma_points(&batch());
        let lpt_published = bench::published_dma(
            match bench::match_organisation("Leicestershire Partnership NHS Trust")
                .best
                .unwrap()
                .org
            {
                Org::Trust(t) => t,
                Org::Icb(_) => unreachable!(),
            },
            None,
        )
        .pillar_mean
        .value();
        let mut want = vec![
            ("Dudley Group", 3.1, DmaSource::Stated),
            ("Small", 3.11, DmaSource::MeanOfPillars),
            (
                "Leicestershire Partnership",
                round2(lpt_published),
                DmaSource::Published,
            ),
        ];
        want.sort_by(|a, b| b.1.total_cmp(&a.1));
        let got: Vec<(&str, f64, DmaSource)> = points
            .iter()
            .map(|p| (p.label.as_str(), p.score, p.source))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn the_dma_chart_sets_the_batch_against_englands_pillar_means() {
        let o = dma_by_trust(&batch());
        let d = national_pillar_means().unwrap();
        assert_eq!(d.n, 285, "every trust x care-setting row of DMA 2025");
        let own = json_of(&o, &["series", "0"]);
        assert_eq!(own["type"], "scatter");
        assert_eq!(own["markLine"]["data"][0]["xAxis"], json!(round2(d.median)));
        assert_eq!(own["markArea"]["data"][0][0]["xAxis"], json!(round2(d.q1)));
        assert_eq!(own["markArea"]["data"][0][1]["xAxis"], json!(round2(d.q3)));
        // Two series: the replies' own scores and the published ones, never mixed.
        let labels = json_of(&o, &["yAxis", "data"]);
        let lpt = labels
            .as_array()
            .unwrap()
            .iter()
            .position(|l| l == "Leicestershire Partnership")
            .unwrap();
        assert_eq!(own["data"][lpt], Value::Null);
        assert!(json_of(&o, &["series", "1", "data", &lpt.to_string()]).is_number());
        assert_eq!(
            json_of(&o, &["series", "1", "name"]),
            json!("Published by NHS England (reply withheld it)")
        );
        assert_eq!(json_of(&o, &["xAxis", "min"]), json!(1));
        let text = dma_by_trust_description(&batch());
        assert!(text.starts_with("Overall DMA score for 3 of 4 replies (2 from the replies themselves, 1 published by NHS England where the reply withheld them), against the mean of the seven pillars for 285 trust assessments in England"), "{text}");
        assert!(text.ends_with("DMA scores are self-assessed."));
    }

    #[test]
    fn the_scatter_has_one_labelled_point_per_trust_giving_both() {
        let o = spend_vs_dma(&batch(), FinYear(2024));
        assert_eq!(
            json_of(&o, &["series", "0", "data"]),
            json!([
                {"name": "Dudley Group", "value": [3.1, 18.35]},
                {"name": "Small", "value": [3.11, 0.95]},
            ])
        );
        assert_eq!(
            json_of(&o, &["series", "0", "label", "formatter"]),
            json!("{b}")
        );
        assert_eq!(json_of(&o, &["series", "0", "type"]), json!("scatter"));
        assert_eq!(
            spend_vs_dma_description(&batch(), FinYear(2023)),
            "IT spend in 2023/24 against the overall DMA score, for the 1 of 4 replies that \
             give both: Dudley Group 3.1 and £16.5m."
        );
    }

    #[test]
    fn coverage_counts_each_outcome_per_question() {
        let table = coverage_table(&batch());
        let got: Vec<(&str, [usize; 3])> = table
            .iter()
            .map(|s| (s.outcome.as_str(), s.counts))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Disclosed", [2, 2, 0]),
                ("Partly disclosed", [1, 0, 0]),
                ("Withheld (s22)", [0, 1, 0]),
                ("Not assessed", [0, 0, 3]),
                ("Could not be read", [1, 1, 1]),
            ]
        );
        let o = coverage(&batch());
        assert_eq!(
            json_of(&o, &["series", "2", "name"]),
            json!("Withheld (s22)")
        );
        assert_eq!(json_of(&o, &["series", "2", "data"]), json!([0, 1, 0]));
        assert_eq!(json_of(&o, &["series", "2", "stack"]), json!("replies"));
        assert_eq!(
            coverage_description(&batch()),
            "Of 4 replies — IT spend: disclosed 2, partly disclosed 1, could not be read 1; \
             DMA scores: disclosed 2, withheld (s22) 1, could not be read 1; HIMSS stages: not \
             assessed 3, could not be read 1."
        );
    }

    #[test]
    fn long_names_are_shortened_for_axes() {
        assert_eq!(
            axis_label("The Dudley Group NHS Foundation Trust", 30),
            "Dudley Group"
        );
        assert_eq!(
            axis_label("Shrewsbury and Telford Hospital NHS Trust", 12),
            "Shrewsbury …"
        );
    }
}
