//! Digital Maturity Assessment charts: the seven pillars of one organisation against its peer
//! group's median (radar), each pillar's distribution across the peer group with this
//! organisation marked (box plot plus a strip of every trust), and, where a response withheld
//! its scores, the scores NHS England has since published (labelled as dataset values).
//!
//! Inputs are plain numbers ([`Scores`], [`Peers`]) so these functions know nothing of where
//! they came from: the response (with the user's corrections) or the bundled dataset.

use super::{palette, to_option};
use crate::model::{Pillar, Response};
use crate::report::format;
use charming::{
    component::{Axis, Grid, Legend, RadarCoordinate},
    element::{AxisType, Tooltip, Trigger},
    series::{Bar, Boxplot, Radar, Scatter},
    Chart,
};
use serde_json::{json, Value};

/// Seven pillar scores in [`Pillar::ALL`] order (`None`: not given), with a name for the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct Scores {
    pub name: String,
    pub values: [Option<f64>; 7],
}

impl Scores {
    /// The response's pillar scores (corrections included), if it disclosed any.
    pub fn of_response(r: &Response, name: &str) -> Option<Scores> {
        let dma = r.dma.as_ref()?;
        let values = Pillar::ALL.map(|p| dma.pillars.get(p).map(|v| v.value));
        values.iter().any(Option::is_some).then(|| Scores {
            name: name.to_string(),
            values,
        })
    }

    /// The mean of the seven scores, when all seven are present.
    pub fn mean(&self) -> Option<f64> {
        let all: Option<Vec<f64>> = self.values.iter().copied().collect();
        all.map(|v| v.iter().sum::<f64>() / 7.0)
    }
}

/// A peer group: every member's seven scores, and what to call the group.
#[derive(Clone, Debug, PartialEq)]
pub struct Peers {
    /// For legends and prose: "Acute trusts", "All trusts in England".
    pub group: String,
    /// (member name, seven scores).
    pub members: Vec<(String, [f64; 7])>,
}

impl Peers {
    /// The group's median of each pillar (`None` for an empty group).
    pub fn median(&self) -> Option<Scores> {
        if self.members.is_empty() {
            return None;
        }
        let values = std::array::from_fn(|i| {
            let mut col: Vec<f64> = self.members.iter().map(|m| m.1[i]).collect();
            Some(quantile(&mut col, 0.5))
        });
        Some(Scores {
            name: format!("{} median (n = {})", self.group, self.members.len()),
            values,
        })
    }
}

/// The `q` quantile of `values` by linear interpolation between closest ranks (the common
/// "type 7" definition, as in spreadsheets' QUARTILE.INC). `values` must not be empty.
pub fn quantile(values: &mut [f64], q: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    let pos = q.clamp(0.0, 1.0) * (values.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    values[lo] + (values[hi] - values[lo]) * (pos - lo as f64)
}

/// Round for display in a chart (the data table shows the same numbers).
fn r2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn pillar_labels() -> Vec<&'static str> {
    Pillar::ALL.iter().map(|p| p.label()).collect()
}

/// Radar of the seven pillars: this organisation (filled) against its peer group's median
/// (dashed), on the DMA's 1–5 scale.
pub fn radar_chart(this: &Scores, median: Option<&Scores>) -> Value {
    let indicators: Vec<(&str, f64, f64)> =
        Pillar::ALL.iter().map(|p| (p.label(), 1.0, 5.0)).collect();
    // Missing scores are NaN here, which serialise as null: ECharts leaves a gap.
    let as_values =
        |s: &Scores| -> Vec<f64> { s.values.iter().map(|v| v.map_or(f64::NAN, r2)).collect() };
    let mut items =
        vec![charming::datatype::DataPointItem::new(as_values(this)).name(this.name.clone())];
    if let Some(m) = median {
        items.push(charming::datatype::DataPointItem::new(as_values(m)).name(m.name.clone()));
    }
    let chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(Legend::new().bottom(0))
        .color(vec![
            charming::element::Color::from(palette::OKABE_ITO[0]),
            charming::element::Color::from(palette::OKABE_ITO[7]),
        ])
        .radar(
            RadarCoordinate::new()
                .indicator(indicators)
                .split_number(4)
                .radius("60%")
                .center(vec!["50%", "46%"]),
        )
        .series(Radar::new().name("DMA pillar scores").data(items));
    let mut o = to_option(&chart);
    // What charming cannot say: the indicator names wrapping on narrow screens, this
    // organisation filled and the group median as a dashed outline.
    if let Some(items) = o["series"][0]["data"].as_array_mut() {
        if let Some(first) = items.get_mut(0) {
            first["areaStyle"] = json!({"opacity": 0.25});
            first["symbolSize"] = json!(6);
        }
        if let Some(second) = items.get_mut(1) {
            second["lineStyle"] = json!({"type": "dashed", "width": 2});
            second["symbol"] = json!("none");
        }
    }
    o["radar"][0]["axisName"] = json!({"width": 96, "overflow": "break", "fontSize": 12});
    o
}

/// The radar's text alternative.
pub fn radar_description(this: &Scores, median: Option<&Scores>) -> String {
    let parts: Vec<String> = Pillar::ALL
        .iter()
        .zip(this.values.iter())
        .filter_map(|(p, v)| {
            let v = (*v)?;
            Some(match median.and_then(|m| m.values[p.index()]) {
                Some(m) => format!(
                    "{} {} (median {})",
                    p.label(),
                    format::score(v),
                    format::score(m)
                ),
                None => format!("{} {}", p.label(), format::score(v)),
            })
        })
        .collect();
    if parts.is_empty() {
        return "No pillar scores to show.".into();
    }
    let against = median
        .map(|m| format!(", against the {}", lowercase_first(&m.name)))
        .unwrap_or_default();
    format!(
        "Radar chart of {}'s seven DMA pillar scores on a scale of 1 to 5{against}: {}.",
        this.name,
        parts.join("; ")
    )
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if !s.starts_with("NHS") && !s.starts_with("ICB") => {
            f.to_lowercase().collect::<String>() + c.as_str()
        }
        _ => s.to_string(),
    }
}

/// A deterministic spread of strip points within a pillar's band (±0.22 of a band), so points
/// with equal scores do not hide each other and the chart is the same on every render.
fn jitter(member: usize, pillar: usize) -> f64 {
    let h =
        (member as u64 + 1).wrapping_mul(2_654_435_761) ^ (pillar as u64 + 1).wrapping_mul(40_503);
    ((h % 1000) as f64 / 999.0 - 0.5) * 0.44
}

/// Each pillar's distribution across the peer group: a box (quartiles, whiskers to the lowest
/// and highest score), every member as a faint dot, and this organisation as a large diamond.
/// Horizontal, so pillar names stay readable on a phone.
pub fn distribution_chart(this: &Scores, peers: &Peers) -> Value {
    let boxes: Vec<Vec<f64>> = (0..7)
        .map(|i| {
            let mut col: Vec<f64> = peers.members.iter().map(|m| m.1[i]).collect();
            if col.is_empty() {
                return vec![];
            }
            [0.0, 0.25, 0.5, 0.75, 1.0]
                .iter()
                .map(|q| r2(quantile(&mut col, *q)))
                .collect()
        })
        .collect();
    let strip: Vec<(Vec<f64>, String)> = peers
        .members
        .iter()
        .enumerate()
        .flat_map(|(m, (name, scores))| {
            (0..7).map(move |p| {
                (
                    vec![
                        scores[p],
                        ((p as f64 + jitter(m, p)) * 1000.0).round() / 1000.0,
                    ],
                    name.clone(),
                )
            })
        })
        .collect();
    let own: Vec<(Vec<f64>, String)> = this
        .values
        .iter()
        .enumerate()
        .filter_map(|(p, v)| {
            Some((
                vec![r2((*v)?), p as f64],
                Pillar::ALL[p].label().to_string(),
            ))
        })
        .collect();
    let chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(Legend::new().bottom(0))
        .grid(
            Grid::new()
                .contain_label(true)
                .left(8)
                .right(16)
                .top(8)
                .bottom(56),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min(1)
                .max(5)
                .interval(1)
                .name("DMA score (1 to 5)")
                .name_location(charming::element::NameLocation::Middle)
                .name_gap(26),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(pillar_labels())
                .inverse(true),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min(-0.5)
                .max(6.5)
                .inverse(true)
                .show(false),
        )
        .series(
            Boxplot::new()
                .name(format!("{}: quartiles and range", peers.group))
                .data(boxes),
        )
        .series(
            Scatter::new()
                .name(format!("{} (n = {})", peers.group, peers.members.len()))
                .symbol_size(5)
                .y_axis_index(1)
                .data(
                    strip
                        .into_iter()
                        .map(|(v, n)| charming::datatype::DataPointItem::new(v).name(n))
                        .collect::<Vec<_>>(),
                ),
        )
        .series(
            Scatter::new()
                .name(this.name.clone())
                .symbol(charming::element::Symbol::Diamond)
                .symbol_size(16)
                .y_axis_index(1)
                .data(
                    own.into_iter()
                        .map(|(v, n)| charming::datatype::DataPointItem::new(v).name(n))
                        .collect::<Vec<_>>(),
                ),
        );
    let mut o = to_option(&chart);
    // Outlined boxes so the dots show through; the dots faint; this organisation on top.
    o["series"][0]["itemStyle"] =
        json!({"color": "transparent", "borderColor": palette::OKABE_ITO[7], "borderWidth": 1.5});
    o["series"][0]["boxWidth"] = json!([8, 28]);
    o["series"][0]["tooltip"] = json!({"show": false});
    o["series"][1]["itemStyle"] = json!({"color": palette::OKABE_ITO[0], "opacity": 0.35});
    o["series"][1]["encode"] = json!({"x": 0, "y": 1, "tooltip": 0});
    o["series"][2]["itemStyle"] =
        json!({"color": palette::OKABE_ITO[5], "borderColor": "#ffffff", "borderWidth": 1.5});
    o["series"][2]["encode"] = json!({"x": 0, "y": 1, "tooltip": 0});
    o["series"][2]["z"] = json!(10);
    o
}

/// The distribution chart's text alternative: where this organisation falls on each pillar.
pub fn distribution_description(this: &Scores, peers: &Peers) -> String {
    let n = peers.members.len();
    let parts: Vec<String> = (0..7)
        .filter_map(|i| {
            let v = this.values[i]?;
            let below = peers.members.iter().filter(|m| m.1[i] < v).count();
            let mut col: Vec<f64> = peers.members.iter().map(|m| m.1[i]).collect();
            let median = (!col.is_empty()).then(|| quantile(&mut col, 0.5))?;
            Some(format!(
                "{} {} ({} of {n} score lower; median {})",
                Pillar::ALL[i].label(),
                format::score(v),
                below,
                format::score(median)
            ))
        })
        .collect();
    if parts.is_empty() {
        return format!(
            "Distribution of DMA pillar scores across {} ({n}).",
            lowercase_first(&peers.group)
        );
    }
    format!(
        "For each pillar, the spread of scores across {} ({n} assessments), with {} marked: {}.",
        lowercase_first(&peers.group),
        this.name,
        parts.join("; ")
    )
}

/// The scores NHS England published for an organisation whose response withheld them: one bar
/// per pillar for each published assessment (a trust with several care settings has several).
/// Series names say where the figures come from.
pub fn published_chart(rows: &[Scores]) -> Value {
    let mut chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0))
        .color(palette::categorical())
        .grid(
            Grid::new()
                .contain_label(true)
                .left(8)
                .right(24)
                .top(8)
                .bottom(48),
        )
        .x_axis(Axis::new().type_(AxisType::Value).min(0).max(5).interval(1))
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(pillar_labels())
                .inverse(true),
        );
    for row in rows {
        chart = chart.series(
            Bar::new()
                .name(row.name.clone())
                .data(row.values.iter().map(|v| v.map(r2)).collect::<Vec<_>>()),
        );
    }
    to_option(&chart)
}

/// The published chart's text alternative.
pub fn published_description(rows: &[Scores], source: &str) -> String {
    let parts: Vec<String> = rows
        .iter()
        .map(|row| {
            let scores: Vec<String> = Pillar::ALL
                .iter()
                .zip(row.values.iter())
                .filter_map(|(p, v)| v.map(|v| format!("{} {}", p.label(), format::score(v))))
                .collect();
            format!("{}: {}", row.name, scores.join(", "))
        })
        .collect();
    format!(
        "Bar chart of the DMA pillar scores published in {source}, not given in the response. {}.",
        parts.join(". ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dudley() -> Scores {
        Scores {
            name: "The Dudley Group".into(),
            values: [4.3, 3.2, 2.8, 3.5, 2.4, 2.8, 2.8].map(Some),
        }
    }

    fn peers() -> Peers {
        Peers {
            group: "Acute trusts".into(),
            members: vec![
                ("A".into(), [1.0, 2.0, 3.0, 4.0, 5.0, 1.0, 2.0]),
                ("B".into(), [2.0, 3.0, 3.0, 4.0, 4.0, 2.0, 2.0]),
                ("C".into(), [3.0, 4.0, 3.0, 1.0, 3.0, 3.0, 2.0]),
                ("D".into(), [4.0, 5.0, 3.0, 2.0, 2.0, 4.0, 2.0]),
            ],
        }
    }

    #[test]
    fn quantiles_interpolate_like_spreadsheets() {
        let mut v = vec![4.0, 1.0, 3.0, 2.0];
        assert_eq!(quantile(&mut v, 0.5), 2.5);
        assert_eq!(quantile(&mut v, 0.25), 1.75);
        assert_eq!(quantile(&mut v, 0.0), 1.0);
        assert_eq!(quantile(&mut v, 1.0), 4.0);
        assert_eq!(quantile(&mut [3.3], 0.75), 3.3);
    }

    #[test]
    fn median_of_each_pillar_names_the_group_and_its_size() {
        let m = peers().median().unwrap();
        assert_eq!(m.values[0], Some(2.5));
        assert_eq!(m.values[6], Some(2.0));
        assert_eq!(m.name, "Acute trusts median (n = 4)");
        assert!(Peers {
            group: "x".into(),
            members: vec![]
        }
        .median()
        .is_none());
    }

    #[test]
    fn radar_shows_this_trust_filled_and_the_median_dashed() {
        let m = peers().median().unwrap();
        let o = radar_chart(&dudley(), Some(&m));
        let ind = o["radar"][0]["indicator"].as_array().unwrap();
        assert_eq!(ind.len(), 7);
        assert_eq!(ind[0]["name"], "Well Led");
        assert_eq!(
            (ind[0]["min"].as_f64(), ind[0]["max"].as_f64()),
            (Some(1.0), Some(5.0))
        );
        let data = o["series"][0]["data"].as_array().unwrap();
        assert_eq!(data[0]["name"], "The Dudley Group");
        assert_eq!(data[0]["value"], json!([4.3, 3.2, 2.8, 3.5, 2.4, 2.8, 2.8]));
        assert_eq!(data[0]["areaStyle"]["opacity"], json!(0.25));
        assert_eq!(data[1]["name"], "Acute trusts median (n = 4)");
        assert_eq!(data[1]["value"], json!([2.5, 3.5, 3.0, 3.0, 3.5, 2.5, 2.0]));
        assert_eq!(data[1]["lineStyle"]["type"], "dashed");
        assert_eq!(o["radar"][0]["axisName"]["overflow"], "break");
    }

    #[test]
    fn radar_leaves_gaps_for_missing_pillars_and_works_without_peers() {
        let mut s = dudley();
        s.values[3] = None;
        let o = radar_chart(&s, None);
        let data = o["series"][0]["data"].as_array().unwrap();
        assert_eq!(data.len(), 1);
        assert_eq!(data[0]["value"][3], Value::Null);
        assert_eq!(data[0]["value"][4], json!(2.4));
    }

    #[test]
    fn radar_description_lists_scores_and_medians() {
        let m = peers().median().unwrap();
        let d = radar_description(&dudley(), Some(&m));
        assert!(d.starts_with("Radar chart of The Dudley Group's seven DMA pillar scores on a scale of 1 to 5, against the acute trusts median (n = 4): Well Led 4.3 (median 2.5); Ensure Smart Foundations 3.2 (median 3.5);"), "{d}");
    }

    #[test]
    fn distribution_has_boxes_strip_and_this_trust() {
        let o = distribution_chart(&dudley(), &peers());
        assert_eq!(o["yAxis"][0]["data"][0], "Well Led");
        assert_eq!(o["yAxis"][0]["inverse"], json!(true));
        assert_eq!(o["yAxis"][1]["show"], json!(false));
        assert_eq!(
            (o["yAxis"][1]["min"].as_f64(), o["yAxis"][1]["max"].as_f64()),
            (Some(-0.5), Some(6.5))
        );
        // Well Led across A–D: 1, 2, 3, 4.
        assert_eq!(o["series"][0]["type"], "boxplot");
        assert_eq!(
            o["series"][0]["data"][0],
            json!([1.0, 1.75, 2.5, 3.25, 4.0])
        );
        assert_eq!(o["series"][1]["name"], "Acute trusts (n = 4)");
        let strip = o["series"][1]["data"].as_array().unwrap();
        assert_eq!(strip.len(), 28);
        assert_eq!(strip[0]["name"], "A");
        assert_eq!(strip[0]["value"][0], json!(1.0));
        let y = strip[0]["value"][1].as_f64().unwrap();
        assert!((-0.23..=0.23).contains(&y), "jitter stays in the band: {y}");
        assert_eq!(o["series"][1]["yAxisIndex"], json!(1.0));
        assert_eq!(o["series"][2]["name"], "The Dudley Group");
        assert_eq!(o["series"][2]["symbol"], "diamond");
        assert_eq!(o["series"][2]["data"][0]["value"], json!([4.3, 0.0]));
        assert_eq!(o["series"][2]["data"][4]["value"], json!([2.4, 4.0]));
        assert_eq!(
            distribution_chart(&dudley(), &peers()),
            o,
            "same chart every time"
        );
    }

    #[test]
    fn distribution_description_counts_who_scores_lower() {
        let d = distribution_description(&dudley(), &peers());
        assert!(
            d.contains("Well Led 4.3 (4 of 4 score lower; median 2.5)"),
            "{d}"
        );
        assert!(
            d.contains("Empower Citizens 2.4 (1 of 4 score lower; median 3.5)"),
            "{d}"
        );
    }

    #[test]
    fn published_scores_are_one_series_per_assessment() {
        let rows = vec![
            Scores {
                name: "Mental Health (NHS England dataset)".into(),
                values: [3.0, 3.1, 2.9, 2.0, 2.5, 2.6, 2.7].map(Some),
            },
            Scores {
                name: "Community (NHS England dataset)".into(),
                values: [3.0, 3.0, 2.8, 2.0, 2.4, 2.5, 2.6].map(Some),
            },
        ];
        let o = published_chart(&rows);
        assert_eq!(
            o["series"][0]["name"],
            "Mental Health (NHS England dataset)"
        );
        assert_eq!(o["series"][1]["data"][1], json!(3.0));
        assert_eq!(o["yAxis"]["data"][6], "Healthy Populations");
        let d = published_description(&rows, "NHS England's DMA 2025 dataset");
        assert!(d.starts_with("Bar chart of the DMA pillar scores published in NHS England's DMA 2025 dataset, not given in the response. Mental Health (NHS England dataset): Well Led 3.0,"), "{d}");
    }

    #[test]
    fn scores_come_from_the_response_with_corrections() {
        let mut r = Response::default();
        assert!(Scores::of_response(&r, "x").is_none());
        crate::report::fields::apply_edit(
            &mut r,
            crate::report::fields::Path::DmaPillar(Pillar::WellLed),
            "4.0",
        )
        .unwrap();
        let s = Scores::of_response(&r, "x").unwrap();
        assert_eq!(s.values[0], Some(4.0));
        assert_eq!(s.mean(), None);
        assert!((dudley().mean().unwrap() - 21.8 / 7.0).abs() < 1e-9);
    }
}
