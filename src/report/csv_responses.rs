//! A batch of responses as CSV, in two shapes (both written by the app's "Export CSV" and by
//! `foi-lens parse FILE... --csv` / `--csv-spend`, from the same rows, so they are identical):
//!
//! - [`write_responses`]: one record per response, wide: organisation and its benchmark match,
//!   the years covered, total and breakdown per year (one column per year × figure, for every
//!   year any response in the batch gives), DMA overall and the seven pillars, statuses,
//!   exemptions, and how many warnings and hand corrections. A file that could not be read is a
//!   record with its `error`.
//! - [`write_spend`]: tidy IT spend, one record per response and financial year.
//!
//! Money is whole pounds, blank where the response gives no figure (never 0). Text from
//! documents is defused against spreadsheet formulas (`csv::text_field`).

use super::csv::{text_field, CsvWriter};
use crate::bench::OverallSource;
use crate::model::{FinYear, Pillar, SpendCategory};
use crate::workspace::row::{Row, YearSpend};
use std::collections::BTreeSet;
use std::io::{self, Write};

/// Every financial year any row gives spend for, in order.
pub fn years_in(rows: &[Row]) -> Vec<FinYear> {
    let set: BTreeSet<FinYear> = rows
        .iter()
        .flat_map(|r| r.spend.iter().map(|s| s.year))
        .collect();
    set.into_iter().collect()
}

/// `2023/24` as a column-name suffix: `2023_24`.
fn year_key(y: FinYear) -> String {
    y.to_string().replace('/', "_")
}

fn money(p: Option<i64>) -> String {
    p.map(|p| p.to_string()).unwrap_or_default()
}

/// A score as the response printed it (shortest exact form: `3.1`, `3`, `3.14`).
fn score(s: Option<f64>) -> String {
    s.map(|s| s.to_string()).unwrap_or_default()
}

/// The header of the wide CSV for a batch covering `years`.
pub fn responses_header(years: &[FinYear]) -> Vec<String> {
    let mut h: Vec<String> = [
        "file",
        "organisation",
        "reference",
        "date",
        "match",
        "match_ods_code",
        "match_basis",
        "years",
    ]
    .map(String::from)
    .to_vec();
    for y in years {
        let k = year_key(*y);
        h.push(format!("total_gbp_{k}"));
        for c in SpendCategory::ALL {
            h.push(format!("{}_gbp_{k}", c.key()));
        }
    }
    h.push("dma_overall".into());
    h.push("dma_overall_source".into());
    h.extend(Pillar::ALL.iter().map(|p| p.key().to_string()));
    h.extend(
        [
            "dma_status",
            "emram_stage",
            "infram_stage",
            "himss_status",
            "exemptions",
            "warnings",
            "corrections",
            "error",
        ]
        .map(String::from),
    );
    h
}

/// One response as a wide record (see [`responses_header`]).
pub fn response_record(row: &Row, years: &[FinYear]) -> Vec<String> {
    let t = |s: &str| text_field(s).into_owned();
    let opt = |s: &Option<String>| s.as_deref().map(t).unwrap_or_default();
    let mut rec = vec![
        t(&row.name),
        opt(&row.organisation),
        opt(&row.reference),
        opt(&row.date),
        row.matched.as_ref().map(|m| t(&m.name)).unwrap_or_default(),
        row.matched
            .as_ref()
            .and_then(|m| m.ods_code.clone())
            .unwrap_or_default(),
        row.matched
            .as_ref()
            .map(|m| m.basis.describe())
            .unwrap_or_default(),
        row.spend
            .iter()
            .map(|s| s.year.to_string())
            .collect::<Vec<_>>()
            .join(";"),
    ];
    for y in years {
        match row.spend.iter().find(|s| s.year == *y) {
            Some(s) => {
                rec.push(money(s.total));
                rec.extend(s.parts.iter().map(|p| money(*p)));
            }
            None => rec.extend(std::iter::repeat_n(String::new(), 7)),
        }
    }
    match row.dma_overall {
        Some((v, OverallSource::Stated)) => {
            rec.push(score(Some(v)));
            rec.push("stated".into());
        }
        Some((v, OverallSource::MeanOfPillars)) => {
            // Computed here: two decimals, as precise as one-decimal pillars allow.
            rec.push(score(Some((v * 100.0).round() / 100.0)));
            rec.push("mean of pillars".into());
        }
        None => rec.extend([String::new(), String::new()]),
    }
    rec.extend(row.pillars.iter().map(|p| score(*p)));
    let failed = row.error.is_some();
    rec.push(if failed {
        String::new()
    } else {
        row.dma_status.key().into()
    });
    rec.push(row.emram_stage.map(|s| s.to_string()).unwrap_or_default());
    rec.push(row.infram_stage.map(|s| s.to_string()).unwrap_or_default());
    rec.push(if failed {
        String::new()
    } else {
        row.himss_status.key().into()
    });
    rec.push(row.exemptions.join(";"));
    rec.push(if failed {
        String::new()
    } else {
        row.warnings.to_string()
    });
    rec.push(if failed {
        String::new()
    } else {
        row.corrections.to_string()
    });
    rec.push(row.error.as_deref().map(t).unwrap_or_default());
    rec
}

/// The wide CSV: one record per row, header first (always, even for no rows).
pub fn write_responses<W: Write>(out: W, rows: &[Row]) -> io::Result<W> {
    let years = years_in(rows);
    let mut csv = CsvWriter::new(out);
    csv.write_record(responses_header(&years))?;
    for row in rows {
        csv.write_record(response_record(row, &years))?;
    }
    Ok(csv.into_inner())
}

/// The header of the tidy spend CSV.
pub const SPEND_HEADER: [&str; 12] = [
    "file",
    "organisation",
    "match",
    "match_ods_code",
    "year",
    "total_gbp",
    "staff_gbp",
    "software_gbp",
    "services_gbp",
    "hardware_gbp",
    "communications_gbp",
    "other_gbp",
];

fn spend_record(row: &Row, s: &YearSpend) -> Vec<String> {
    let t = |s: &str| text_field(s).into_owned();
    let mut rec = vec![
        t(&row.name),
        row.organisation.as_deref().map(t).unwrap_or_default(),
        row.matched.as_ref().map(|m| t(&m.name)).unwrap_or_default(),
        row.matched
            .as_ref()
            .and_then(|m| m.ods_code.clone())
            .unwrap_or_default(),
        s.year.to_string(),
        money(s.total),
    ];
    rec.extend(s.parts.iter().map(|p| money(*p)));
    rec
}

/// Tidy IT spend: one record per response and financial year it gives, header first. Responses
/// with no spend years (refusals, unreadable files) have no records here; the wide CSV lists
/// them.
pub fn write_spend<W: Write>(out: W, rows: &[Row]) -> io::Result<W> {
    let mut csv = CsvWriter::new(out);
    csv.write_record(SPEND_HEADER)?;
    for row in rows {
        for s in &row.spend {
            csv.write_record(spend_record(row, s))?;
        }
    }
    Ok(csv.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DmaStatus, HimssStatus};
    use crate::workspace::row::{MatchBasis, Matched};

    fn row() -> Row {
        Row {
            id: 1,
            name: "dudley.txt".into(),
            organisation: Some("The Dudley Group NHS Foundation Trust".into()),
            reference: Some("FOI-072025-0001722".into()),
            date: Some("2025-09-26".into()),
            matched: Some(Matched {
                org: crate::bench::match_organisation("Dudley Group")
                    .best
                    .unwrap()
                    .org,
                name: "The Dudley Group NHS Foundation Trust".into(),
                ods_code: Some("RNA".into()),
                basis: MatchBasis::Automatic {
                    via: "name".into(),
                    score: 1.0,
                },
            }),
            spend: vec![YearSpend {
                year: FinYear(2024),
                total: Some(18_351_000),
                parts: [Some(6_306_000), None, None, None, None, None],
            }],
            dma_overall: Some((3.1, OverallSource::Stated)),
            pillars: [
                Some(4.3),
                Some(3.2),
                Some(2.8),
                Some(3.5),
                Some(2.4),
                Some(2.8),
                None,
            ],
            dma_status: DmaStatus::Disclosed,
            himss_status: HimssStatus::NotAssessed,
            emram_stage: None,
            infram_stage: Some(2),
            exemptions: vec!["s22".into(), "s43".into()],
            warnings: 2,
            corrections: 1,
            error: None,
        }
    }

    fn failed() -> Row {
        Row {
            id: 2,
            name: "=scan.pdf".into(),
            error: Some("This PDF has no text layer, it is a scan".into()),
            matched: None,
            spend: vec![],
            dma_overall: None,
            pillars: [None; 7],
            exemptions: vec![],
            warnings: 0,
            corrections: 0,
            organisation: None,
            reference: None,
            date: None,
            infram_stage: None,
            ..row()
        }
    }

    fn text(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn the_wide_csv_has_a_column_per_year_and_figure_and_blank_for_unknown() {
        let mut older = row();
        older.name = "b.txt".into();
        older.spend[0].year = FinYear(2023);
        older.dma_overall = Some((3.114_285, OverallSource::MeanOfPillars));
        let out = text(write_responses(Vec::new(), &[row(), older, failed()]).unwrap());
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "file,organisation,reference,date,match,match_ods_code,match_basis,years,\
             total_gbp_2023_24,staff_gbp_2023_24,software_gbp_2023_24,services_gbp_2023_24,\
             hardware_gbp_2023_24,communications_gbp_2023_24,other_gbp_2023_24,\
             total_gbp_2024_25,staff_gbp_2024_25,software_gbp_2024_25,services_gbp_2024_25,\
             hardware_gbp_2024_25,communications_gbp_2024_25,other_gbp_2024_25,\
             dma_overall,dma_overall_source,well_led,ensure_smart_foundations,safe_practice,\
             support_people,empower_citizens,improve_care,healthy_populations,dma_status,\
             emram_stage,infram_stage,himss_status,exemptions,warnings,corrections,error"
        );
        assert_eq!(
            lines[1],
            "dudley.txt,The Dudley Group NHS Foundation Trust,FOI-072025-0001722,2025-09-26,\
             The Dudley Group NHS Foundation Trust,RNA,name 1.00,2024/25,,,,,,,,\
             18351000,6306000,,,,,,3.1,stated,4.3,3.2,2.8,3.5,2.4,2.8,,disclosed,,2,\
             not_assessed,s22;s43,2,1,"
        );
        assert!(
            lines[2].contains(",2023/24,18351000,6306000,,,,,,,,,,,,,3.11,mean of pillars,"),
            "{}",
            lines[2]
        );
        // The failed file: its name defused, every figure blank, the reason last.
        assert_eq!(
            lines[3],
            format!(
                "'=scan.pdf{}\"This PDF has no text layer, it is a scan\"",
                ",".repeat(38)
            )
        );
        assert_eq!(lines[0].split(',').count(), 39);
        assert_eq!(lines[4], "", "records end in CRLF");
        assert_eq!(lines.len(), 5);
    }

    #[test]
    fn the_tidy_csv_has_one_record_per_response_and_year() {
        let out = text(write_spend(Vec::new(), &[row(), failed()]).unwrap());
        assert_eq!(
            out,
            "file,organisation,match,match_ods_code,year,total_gbp,staff_gbp,software_gbp,\
             services_gbp,hardware_gbp,communications_gbp,other_gbp\r\n\
             dudley.txt,The Dudley Group NHS Foundation Trust,\
             The Dudley Group NHS Foundation Trust,RNA,2024/25,18351000,6306000,,,,,\r\n"
        );
    }

    #[test]
    fn an_empty_batch_is_just_the_header() {
        let out = text(write_responses(Vec::new(), &[]).unwrap());
        assert_eq!(out, responses_header(&[]).join(",") + "\r\n");
    }
}
