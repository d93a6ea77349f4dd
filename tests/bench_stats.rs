//! Peer statistics checked against figures the crate did not compute: medians and quartiles
//! recomputed here from the tidy CSV (`tests/data/dma_2025_trust_wide.csv`), and n / mean /
//! median / min / max from a third party's summary of the same workbook
//! (`tests/data/dma_2025_derived_group_stats.csv`).
// Native only: these read files from the repository (the browser tests are tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

mod bench_support;

use bench_support::{close, num, percentile_inc, pillars, read_csv};
use foi_lens::bench::{
    choose_row, comparable_change, compare_icb, compare_response, compare_row, dataset,
    distribution_where, icb_comparable_change, icb_distribution, published_dma,
    published_in_place_of, CareSetting, Measure, PeerGroup, RowFilter, RowReason, Subject,
    COMPARABLE_NOTE, RANK_CAVEAT,
};
use foi_lens::model::{Dma, DmaStatus, Pillar, Pillars, Response, Span, Value};
use std::collections::HashMap;

type CsvRow = HashMap<String, String>;

fn measure_of(row: &CsvRow, m: Measure) -> f64 {
    let p = pillars(row);
    match m {
        Measure::Pillar(pl) => p[pl.index()],
        Measure::PillarMean => p.iter().sum::<f64>() / 7.0,
    }
}

fn check_group(label: &str, rows: &[&CsvRow], filter: &RowFilter) {
    for m in Measure::ALL {
        let values: Vec<f64> = rows.iter().map(|r| measure_of(r, m)).collect();
        let d = distribution_where(filter, m).unwrap_or_else(|| panic!("{label}: no rows"));
        assert_eq!(d.n, values.len(), "{label} {m:?}");
        assert!(
            close(d.median, percentile_inc(&values, 0.5)),
            "{label} {m:?} median"
        );
        assert!(
            close(d.q1, percentile_inc(&values, 0.25)),
            "{label} {m:?} q1"
        );
        assert!(
            close(d.q3, percentile_inc(&values, 0.75)),
            "{label} {m:?} q3"
        );
        assert!(
            close(d.min, percentile_inc(&values, 0.0)),
            "{label} {m:?} min"
        );
        assert!(
            close(d.max, percentile_inc(&values, 1.0)),
            "{label} {m:?} max"
        );
        assert!(close(
            d.mean,
            values.iter().sum::<f64>() / values.len() as f64
        ));
    }
}

#[test]
fn group_distributions_equal_an_independent_recomputation_from_the_csv() {
    let csv = read_csv("tests/data/dma_2025_trust_wide.csv");
    let all: Vec<&CsvRow> = csv.iter().collect();
    check_group("England", &all, &RowFilter::default());
    for s in CareSetting::ALL {
        let rows: Vec<&CsvRow> = csv
            .iter()
            .filter(|r| r["care_setting"] == s.label())
            .collect();
        check_group(
            s.label(),
            &rows,
            &RowFilter {
                setting: Some(s),
                ..Default::default()
            },
        );
    }
    let ds = dataset();
    for region in &ds.regions {
        let rows: Vec<&CsvRow> = csv.iter().filter(|r| r["region"] == *region).collect();
        let filter = RowFilter {
            region: Some(region.clone()),
            ..Default::default()
        };
        check_group(region, &rows, &filter);
    }
    for icb in &ds.icbs {
        let rows: Vec<&CsvRow> = csv.iter().filter(|r| r["icb"] == icb.name).collect();
        check_group(
            &icb.name,
            &rows,
            &RowFilter {
                icb: Some(icb.id),
                ..Default::default()
            },
        );
    }
}

#[test]
fn national_medians_are_the_published_arithmetic() {
    // Spot values, recomputed by hand from the file and in the third-party summary.
    let well_led =
        distribution_where(&RowFilter::default(), Measure::Pillar(Pillar::WellLed)).unwrap();
    assert_eq!(
        (well_led.n, well_led.median, well_led.min, well_led.max),
        (285, 2.8, 1.3, 4.8)
    );
    let empower = distribution_where(
        &RowFilter::default(),
        Measure::Pillar(Pillar::EmpowerCitizens),
    )
    .unwrap();
    assert!(close(empower.median, 2.0));
    let acute_mean = distribution_where(
        &RowFilter {
            setting: Some(CareSetting::Acute),
            ..Default::default()
        },
        Measure::PillarMean,
    )
    .unwrap();
    assert_eq!(acute_mean.n, 134);
    assert!(
        (acute_mean.median - 2.414).abs() < 0.0005,
        "{}",
        acute_mean.median
    );
}

/// "2025 dma_pillar:Support Workforce" → the measure; `None` for comparable-score rows.
fn derived_measure(name: &str) -> Option<Measure> {
    if name.contains("mean of 7 pillar scores") {
        return Some(Measure::PillarMean);
    }
    let label = name.strip_prefix("2025 dma_pillar:")?;
    Pillar::ALL
        .into_iter()
        .find(|p| p.label() == label || p.aliases().contains(&label))
        .map(Measure::Pillar)
}

#[test]
fn group_summaries_agree_with_a_third_party_summary_of_the_same_file() {
    let derived = read_csv("tests/data/dma_2025_derived_group_stats.csv");
    let mut checked = 0;
    for d in &derived {
        let Some(m) = derived_measure(&d["measure"]) else {
            continue;
        };
        let group = d["group"].as_str();
        let dist = match d["group_type"].as_str() {
            t if t.starts_with("trust rows: national") => {
                distribution_where(&RowFilter::default(), m)
            }
            "trust rows: care_setting" => distribution_where(
                &RowFilter {
                    setting: CareSetting::from_label(group),
                    ..Default::default()
                },
                m,
            ),
            "trust rows: region" => distribution_where(
                &RowFilter {
                    region: Some(group.to_string()),
                    ..Default::default()
                },
                m,
            ),
            "trust rows: region x Acute" => distribution_where(
                &RowFilter {
                    region: Some(group.to_string()),
                    setting: Some(CareSetting::Acute),
                    ..Default::default()
                },
                m,
            ),
            "ICBs" => icb_distribution(m),
            _ => continue,
        }
        .unwrap_or_else(|| panic!("no rows for {group}"));
        let label = format!("{} / {group} / {}", d["group_type"], d["measure"]);
        assert_eq!(dist.n.to_string(), d["n_rows"], "{label}");
        // The summary prints three decimals.
        for (ours, theirs) in [
            (dist.mean, "mean"),
            (dist.median, "median"),
            (dist.min, "min"),
            (dist.max, "max"),
        ] {
            assert!(
                (ours - num(d, theirs)).abs() <= 0.0005 + 1e-9,
                "{label} {theirs}: {ours} vs {}",
                d[theirs]
            );
        }
        checked += 1;
    }
    assert!(checked >= 150, "only {checked} summary rows checked");
}

#[test]
fn the_dudley_group_against_acute_trusts_recomputed_by_hand() {
    let ds = dataset();
    let dudley = ds
        .trust_by_name("THE DUDLEY GROUP NHS FOUNDATION TRUST")
        .unwrap();
    let choice = choose_row(dudley.id, None);
    assert_eq!(choice.setting, CareSetting::Acute);
    assert_eq!(choice.reason, RowReason::MainSetting);
    assert_eq!(choice.other_rows.len(), 1);
    assert!(
        choice.explanation.contains("Community and Acute"),
        "{}",
        choice.explanation
    );

    let csv = read_csv("tests/data/dma_2025_trust_wide.csv");
    let peers: Vec<&CsvRow> = csv
        .iter()
        .filter(|r| r["care_setting"] == "Acute" && r["organisation"] != dudley.name)
        .collect();
    assert_eq!(peers.len(), 133);
    let cmp = compare_row(choice.row, PeerGroup::SameCareSetting);
    assert_eq!(cmp.n_peers, 133);
    assert_eq!(cmp.label, "Acute trusts in England");
    assert_eq!(cmp.caveat, RANK_CAVEAT);
    assert_eq!(cmp.subject, Subject::DatasetRow(choice.row));
    let mine = [4.3, 3.2, 2.8, 3.5, 2.4, 2.8, 2.8];
    for (i, ms) in cmp.measures.iter().enumerate() {
        let values: Vec<f64> = peers.iter().map(|r| measure_of(r, ms.measure)).collect();
        let subject = if i < 7 {
            mine[i]
        } else {
            mine.iter().sum::<f64>() / 7.0
        };
        assert!(close(ms.subject.unwrap(), subject));
        let d = ms.peers.unwrap();
        assert!(
            close(d.median, percentile_inc(&values, 0.5)),
            "{:?}",
            ms.measure
        );
        assert!(close(d.q1, percentile_inc(&values, 0.25)));
        assert!(close(d.q3, percentile_inc(&values, 0.75)));
        let above = values.iter().filter(|v| **v > subject + 1e-9).count();
        let below = values.iter().filter(|v| **v < subject - 1e-9).count();
        let tied = values.len() - above - below;
        let p = ms.position.unwrap();
        assert_eq!((p.rank, p.out_of), (above + 1, 134), "{:?}", ms.measure);
        assert!(close(
            p.percentile,
            100.0 * (below as f64 + tied as f64 / 2.0) / 133.0
        ));
    }
    // Well Led 4.3 is near the top of acute trusts.
    let well_led = &cmp.measures[0];
    assert!(well_led.position.unwrap().percentile > 90.0);

    // Other groups: Dudley's own Community row is never one of its peers.
    let national = compare_row(choice.row, PeerGroup::National);
    assert_eq!(national.n_peers, 285 - 2);
    let icb = compare_row(choice.row, PeerGroup::SameIcb);
    let icb_csv = csv
        .iter()
        .filter(|r| {
            r["icb"] == "NHS BLACK COUNTRY INTEGRATED CARE BOARD"
                && r["organisation"] != dudley.name
        })
        .count();
    assert_eq!(icb.n_peers, icb_csv);
    assert_eq!(
        icb.label,
        "Trusts in NHS Black Country Integrated Care Board"
    );
    assert_eq!(
        compare_row(choice.row, PeerGroup::SameRegion).label,
        "Trusts in NHS England's Midlands region"
    );
}

fn value(v: f64) -> Value<f64> {
    Value::found(v, Span::new(0, 3))
}

fn dudley_reply_dma() -> Dma {
    let mut pillars = Pillars::default();
    for (p, v) in [
        (Pillar::EmpowerCitizens, 2.4),
        (Pillar::EnsureSmartFoundations, 3.2),
        (Pillar::HealthyPopulations, 2.8),
        (Pillar::ImproveCare, 2.8),
        (Pillar::SafePractice, 2.8),
        (Pillar::SupportPeople, 3.5),
        (Pillar::WellLed, 4.3),
    ] {
        *pillars.get_mut(p) = Some(value(v));
    }
    Dma {
        overall: Some(value(3.1)),
        pillars,
    }
}

#[test]
fn an_foi_overall_is_compared_with_the_pillar_mean_of_peers() {
    let ds = dataset();
    let dudley = ds
        .trust_by_name("THE DUDLEY GROUP NHS FOUNDATION TRUST")
        .unwrap();
    let row = choose_row(dudley.id, None).row;
    let cmp = compare_response(&dudley_reply_dma(), row, PeerGroup::SameCareSetting);
    assert_eq!(cmp.subject, Subject::Response { grouped_as: row });
    let overall = cmp
        .measures
        .iter()
        .find(|m| m.measure == Measure::PillarMean)
        .unwrap();
    // The reply's stated 3.1, against other acute trusts' pillar means (never the weighted
    // comparable score).
    assert_eq!(overall.subject, Some(3.1));
    let csv = read_csv("tests/data/dma_2025_trust_wide.csv");
    let peer_means: Vec<f64> = csv
        .iter()
        .filter(|r| r["care_setting"] == "Acute" && r["organisation"] != dudley.name)
        .map(|r| measure_of(r, Measure::PillarMean))
        .collect();
    assert!(close(
        overall.peers.unwrap().median,
        percentile_inc(&peer_means, 0.5)
    ));
    let above = peer_means.iter().filter(|v| **v > 3.1 + 1e-9).count();
    assert_eq!(overall.position.unwrap().rank, above + 1);

    // No stated overall: the mean of the reply's pillars is used.
    let mut no_overall = dudley_reply_dma();
    no_overall.overall = None;
    let cmp = compare_response(&no_overall, row, PeerGroup::National);
    assert!(close(cmp.measures[7].subject.unwrap(), 21.8 / 7.0));
    // A pillar the reply left out has no position.
    let mut partial = dudley_reply_dma();
    *partial.pillars.get_mut(Pillar::SafePractice) = None;
    partial.overall = None;
    let cmp = compare_response(&partial, row, PeerGroup::National);
    assert_eq!(cmp.measures[Pillar::SafePractice.index()].position, None);
    assert_eq!(cmp.measures[7].subject, None);
    assert!(cmp.measures[7].peers.is_some());
}

#[test]
fn the_row_standing_for_a_trust_is_explained() {
    let ds = dataset();
    let id = |name: &str| ds.trust_by_name(name).unwrap().id;
    let c = choose_row(id("ISLE OF WIGHT NHS TRUST"), None);
    assert_eq!(
        (c.setting, c.reason),
        (CareSetting::Acute, RowReason::MainSetting)
    );
    let c = choose_row(id("ISLE OF WIGHT NHS TRUST"), Some(CareSetting::Ambulance));
    assert_eq!(
        (c.setting, c.reason),
        (CareSetting::Ambulance, RowReason::Requested)
    );
    let c = choose_row(id("BERKSHIRE HEALTHCARE NHS FOUNDATION TRUST"), None);
    assert_eq!(
        (c.setting, c.reason),
        (CareSetting::MentalHealth, RowReason::MainSetting)
    );
    let c = choose_row(id("LEEDS COMMUNITY HEALTHCARE NHS TRUST"), None);
    assert_eq!(
        (c.setting, c.reason),
        (CareSetting::Community, RowReason::NamedInTitle)
    );
    let c = choose_row(
        id("WEST MIDLANDS AMBULANCE SERVICE UNIVERSITY NHS FOUNDATION TRUST"),
        None,
    );
    assert_eq!(
        (c.setting, c.reason),
        (CareSetting::Ambulance, RowReason::OnlyRow)
    );
    assert!(c.other_rows.is_empty());
    // Asking for a setting the trust does not have falls back, and says so.
    let c = choose_row(
        id("LEICESTERSHIRE PARTNERSHIP NHS TRUST"),
        Some(CareSetting::Acute),
    );
    assert_ne!(c.setting, CareSetting::Acute);
    assert!(
        c.explanation.contains("It has no Acute assessment"),
        "{}",
        c.explanation
    );
}

#[test]
fn change_since_2024_uses_only_the_comparable_measure() {
    let ds = dataset();
    let dudley = ds
        .trust_by_name("THE DUDLEY GROUP NHS FOUNDATION TRUST")
        .unwrap();
    let ch = comparable_change(choose_row(dudley.id, None).row);
    assert!(close(ch.score_2024, 2.619047619047619));
    assert!(close(ch.score_2025, 2.9404761904761902));
    assert!(close(ch.change, 2.9404761904761902 - 2.619047619047619));
    assert_eq!(ch.locator, "'SC - 24 vs 25 Overall DMA'!B26:G26");
    assert_eq!(ch.note, COMPARABLE_NOTE);
    let icb = ds
        .icb_by_name("NHS NORTHAMPTONSHIRE INTEGRATED CARE BOARD")
        .unwrap();
    let ch = icb_comparable_change(icb.id);
    assert!((ch.score_2025 - 3.736).abs() < 0.0005 && (ch.score_2024 - 3.569).abs() < 0.0005);
}

#[test]
fn icbs_are_compared_only_with_icbs() {
    let ds = dataset();
    let csv = read_csv("tests/data/dma_2025_icb_wide.csv");
    for icb in &ds.icbs {
        let cmp = compare_icb(icb.id);
        assert_eq!(cmp.n_peers, 41);
        assert_eq!(cmp.caveat, RANK_CAVEAT);
        for ms in &cmp.measures {
            let others: Vec<f64> = csv
                .iter()
                .filter(|r| r["organisation"] != icb.name)
                .map(|r| measure_of(r, ms.measure))
                .collect();
            assert!(
                close(ms.peers.unwrap().median, percentile_inc(&others, 0.5)),
                "{}",
                icb.name
            );
        }
    }
    let all = icb_distribution(Measure::Pillar(Pillar::EnsureSmartFoundations)).unwrap();
    assert_eq!((all.n, all.median, all.max), (42, 3.0, 4.5));
}

fn response(status: DmaStatus, dma: Option<Dma>) -> Response {
    Response {
        dma,
        dma_status: Value::found(status, Span::new(0, 1)),
        ..Response::default()
    }
}

#[test]
fn withheld_scores_are_replaced_by_labelled_dataset_values() {
    let ds = dataset();
    let lpt = ds
        .trust_by_name("LEICESTERSHIRE PARTNERSHIP NHS TRUST")
        .unwrap();
    // The LPT reply withheld its DMA under s22.
    let published = published_in_place_of(&response(DmaStatus::Exempt, None), lpt.id, None)
        .expect("published values offered");
    let csv = read_csv("tests/data/dma_2025_trust_wide.csv");
    let row = ds.row(published.row.row);
    let expected = csv
        .iter()
        .find(|r| r["organisation"] == lpt.name && r["care_setting"] == row.setting.label())
        .unwrap();
    let values: Vec<f64> = published.pillars.iter().map(|p| p.value()).collect();
    assert_eq!(values, pillars(expected).to_vec());
    assert!(close(
        published.pillar_mean.value(),
        pillars(expected).iter().sum::<f64>() / 7.0
    ));
    assert!(
        published
            .label
            .contains("Published by NHS England on 30 March 2026"),
        "{}",
        published.label
    );
    assert!(published.label.contains("not figures from this response"));
    assert_eq!(published.locator, row.pillars_at);
    for status in [
        DmaStatus::NotHeld,
        DmaStatus::NotAnswered,
        DmaStatus::NotAssessed,
    ] {
        assert!(published_in_place_of(&response(status, None), lpt.id, None).is_some());
    }
    // A reply that disclosed all seven pillars keeps its own values.
    let dudley = ds
        .trust_by_name("THE DUDLEY GROUP NHS FOUNDATION TRUST")
        .unwrap();
    let disclosed = response(DmaStatus::Disclosed, Some(dudley_reply_dma()));
    assert_eq!(published_in_place_of(&disclosed, dudley.id, None), None);
    // One with only some pillars gets the full published set to show beside them.
    let mut partial = dudley_reply_dma();
    *partial.pillars.get_mut(Pillar::WellLed) = None;
    assert!(published_in_place_of(
        &response(DmaStatus::Partial, Some(partial)),
        dudley.id,
        None
    )
    .is_some());
    assert_eq!(
        published_dma(dudley.id, Some(CareSetting::Community))
            .row
            .setting,
        CareSetting::Community
    );
}
