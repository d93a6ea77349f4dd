//! The long-document fixtures (`"kind": "strategy_tables"`): every expected table must be found
//! through the CLI's JSON contract with exactly the expected caption, unit, years, total column,
//! rows (labels, values, totals, total flags) and every `must_warn` disagreement (as a warning on
//! the right cell, with the printed and computed figures). A fixture whose `must_warn` is empty
//! must produce no warning at all, in any table of the document.

#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::path::Path;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn parse_json(path: &Path) -> Value {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let args = vec![
        "parse".to_string(),
        path.to_string_lossy().into_owned(),
        "--json".to_string(),
    ];
    let code = foi_lens::cli::run_to(&args, &mut out, &mut err);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    serde_json::from_slice(&out).expect("CLI prints JSON")
}

fn table_cases() -> Vec<(String, Value, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fixtures dir") {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".expected.json") else {
            continue;
        };
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if expected["kind"] != "strategy_tables" {
            continue;
        }
        let got = parse_json(&dir.join(format!("{stem}.txt")));
        cases.push((stem.to_string(), expected, got));
    }
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    cases
}

/// Every difference between an expected table and the one found, as readable lines.
fn compare_table(expected: &Value, got: &Value) -> Vec<String> {
    let mut diffs = Vec::new();
    for key in ["caption", "unit", "years", "has_total_column"] {
        if expected[key] != got[key] {
            diffs.push(format!(
                "{key}: expected {}, got {}",
                expected[key], got[key]
            ));
        }
    }
    let want = expected["rows"].as_array().unwrap();
    let have = got["rows"].as_array().unwrap();
    if want.len() != have.len() {
        diffs.push(format!(
            "{} rows expected, {} found",
            want.len(),
            have.len()
        ));
    }
    for (i, (w, h)) in want.iter().zip(have).enumerate() {
        if w["label"] != h["label"] {
            diffs.push(format!(
                "row {i} label: expected {}, got {}",
                w["label"], h["label"]
            ));
        }
        let same_number = |a: &Value, b: &Value| match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => close(x, y),
            (None, None) => a.is_null() && b.is_null(),
            _ => false,
        };
        let wv = w["values"].as_array().unwrap();
        let hv = h["values"].as_array().unwrap();
        if wv.len() != hv.len() || wv.iter().zip(hv).any(|(a, b)| !same_number(a, b)) {
            diffs.push(format!(
                "row {i} values: expected {}, got {}",
                w["values"], h["values"]
            ));
        }
        if w.get("total").is_some() && !same_number(&w["total"], &h["total"]) {
            diffs.push(format!(
                "row {i} total: expected {}, got {}",
                w["total"], h["total"]
            ));
        }
        let flag = |v: &Value| v["is_total"].as_bool().unwrap_or(false);
        if flag(w) != flag(h) {
            diffs.push(format!(
                "row {i} is_total: expected {}, got {}",
                flag(w),
                flag(h)
            ));
        }
    }
    diffs
}

/// The check a `must_warn` entry asks for: a mismatch on that cell with those figures, and a
/// warning (not a note) on the same cell.
fn find_warning(expected_table: &Value, got: &Value, must: &Value) -> Result<(), String> {
    let rows = got["rows"].as_array().unwrap();
    let row = rows
        .iter()
        .position(|r| r["label"] == must["row"])
        .ok_or_else(|| format!("no row {}", must["row"]))?;
    let column = must["column"].as_str().unwrap();
    let field = if column == "total" {
        format!("rows[{row}].total")
    } else {
        let k = expected_table["years"]
            .as_array()
            .unwrap()
            .iter()
            .position(|y| y == column)
            .ok_or_else(|| format!("no year {column}"))?;
        format!("rows[{row}].values[{k}]")
    };
    let (direction, computed) = match (
        must.get("computed_from_rows"),
        must.get("computed_from_row_values"),
    ) {
        (Some(c), _) => ("down", c.as_f64().unwrap()),
        (_, Some(c)) => ("across", c.as_f64().unwrap()),
        _ => return Err(format!("must_warn entry without a computed value: {must}")),
    };
    let printed = must["printed"].as_f64().unwrap();
    let sum = got["sums"].as_array().unwrap().iter().find(|s| {
        s["field"] == field.as_str()
            && s["direction"] == direction
            && s["outcome"] == "mismatch"
            && close(s["printed"].as_f64().unwrap(), printed)
            && close(s["computed"].as_f64().unwrap(), computed)
    });
    if sum.is_none() {
        return Err(format!(
            "no {direction} mismatch on {field} printed {printed} computed {computed}; sums on it: {:?}",
            got["sums"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| s["field"] == field.as_str())
                .collect::<Vec<_>>()
        ));
    }
    let warned = got["checks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["level"] == "warning" && c["field"] == field.as_str());
    if !warned {
        return Err(format!("no warning on {field}"));
    }
    Ok(())
}

#[test]
fn every_expected_table_is_found_exactly_with_its_warnings() {
    let cases = table_cases();
    assert!(cases.len() >= 2, "the two strategy fixtures are present");
    let mut failures = Vec::new();
    for (stem, expected, got) in &cases {
        let tables = got["tables"].as_array().unwrap();
        for want in expected["must_include_tables"].as_array().unwrap() {
            let Some(found) = tables.iter().find(|t| t["caption"] == want["caption"]) else {
                failures.push(format!(
                    "{stem}: no table captioned {}; captions found: {:?}",
                    want["caption"],
                    tables.iter().map(|t| &t["caption"]).collect::<Vec<_>>()
                ));
                continue;
            };
            for d in compare_table(want, found) {
                failures.push(format!("{stem} / {}: {d}", want["caption"]));
            }
            let must = want["must_warn"].as_array().unwrap();
            for m in must {
                if let Err(e) = find_warning(want, found, m) {
                    failures.push(format!("{stem} / {}: {e}", want["caption"]));
                }
            }
            if must.is_empty() {
                // A case where a false alarm would be wrong: nothing to say about this table.
                for c in found["checks"].as_array().unwrap() {
                    failures.push(format!("{stem}: unexpected check {c}"));
                }
            }
        }
        let warn_free = expected["must_include_tables"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["must_warn"].as_array().is_some_and(|m| m.is_empty()));
        if warn_free {
            for t in tables {
                for c in t["checks"].as_array().unwrap() {
                    if c["level"] == "warning" {
                        failures.push(format!("{stem}: unexpected warning {c}"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The grand total of Figure C agrees with the detail rows but not with the organisation totals;
/// the explanation must name the organisation total that is wrong.
#[test]
fn grand_total_disagreement_names_the_wrong_group_total() {
    let cases = table_cases();
    let (_, _, got) = cases
        .iter()
        .find(|(stem, _, _)| stem == "llr_digital_strategy_2018_21")
        .expect("fixture");
    let table = got["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| {
            t["caption"]
                .as_str()
                .is_some_and(|c| c.starts_with("Figure C"))
        })
        .expect("Figure C");
    let rows = table["rows"].as_array().unwrap();
    let grand = rows.len() - 1;
    assert!(rows[grand]["label"]
        .as_str()
        .unwrap()
        .starts_with("Grand Total"));
    for k in [1, 2] {
        let field = format!("rows[{grand}].values[{k}]");
        let explained = table["checks"].as_array().unwrap().iter().any(|c| {
            c["field"] == field.as_str()
                && c["message"]
                    .as_str()
                    .unwrap()
                    .contains("\"LLR Local Authorities Total\" is off by £0.009m")
        });
        assert!(explained, "no explanation on {field}: {}", table["checks"]);
    }
    // The grand total itself is right (within rounding): no warning on it.
    assert!(!table["checks"].as_array().unwrap().iter().any(|c| {
        c["level"] == "warning"
            && c["field"]
                .as_str()
                .is_some_and(|f| f.starts_with(&format!("rows[{grand}]")))
    }));
    // Table 9's revenue sub total covers the Elective Recovery row though its label says neither.
    let (_, _, got) = cases
        .iter()
        .find(|(stem, _, _)| stem == "llr_digital_strategy_2022_25")
        .expect("fixture");
    let table9 = got["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| {
            t["caption"]
                .as_str()
                .is_some_and(|c| c.starts_with("Table 9"))
        })
        .expect("Table 9");
    let rows = table9["rows"].as_array().unwrap();
    let revenue = rows
        .iter()
        .find(|r| r["label"] == "Revenue Sub Total")
        .unwrap();
    let parts: Vec<&str> = revenue["parts"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            rows[i.as_u64().unwrap() as usize]["label"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(
        parts,
        [
            "Implementation Revenue UHL EPR",
            "Post Implementation Revenue UHL EPR",
            "Digital Implementation Teams Revenue (NHSE allocation)",
            "Tech enabled Remote Monitoring Revenue (NHSE allocation)",
            "ShCR Revenue (PDC 21/22)",
            "Elective Recovery (Virtual Wards / Remote Monitoring) (PDC 22/23)",
        ]
    );
}
