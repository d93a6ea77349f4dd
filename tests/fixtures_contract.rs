//! Every field of every hand-checked fixture, through the CLI's JSON contract.
//!
//! For each `tests/fixtures/*.expected.json` (except long-document table cases, which
//! `fixtures_tables.rs` checks) this runs `foi-lens parse FILE --json` in-process and compares
//! each field the way `../shared/tools/score.py` does. Fields the parser does not get right yet
//! are listed in [`KNOWN_GAPS`], the one explicit place; a listed gap that starts passing fails
//! the test too, so the list can only shrink.

#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// (fixture stem, field) pairs that are known not to match yet.
const KNOWN_GAPS: &[(&str, &str)] = &[];

const PILLARS: [&str; 7] = [
    "well_led",
    "ensure_smart_foundations",
    "safe_practice",
    "support_people",
    "empower_citizens",
    "improve_care",
    "healthy_populations",
];
const BREAKDOWN: [&str; 6] = [
    "staff",
    "software",
    "services",
    "hardware",
    "communications",
    "other",
];

/// Field name → value, flattened as score.py flattens them (years keyed by label).
fn flatten(d: &Value) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for key in [
        "organisation",
        "reference",
        "date",
        "dma_status",
        "himss_status",
        "emram_stage",
        "infram_stage",
    ] {
        out.insert(key.to_string(), d[key].clone());
    }
    let mut ex: Vec<String> = d["exemptions"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e.as_str().map(str::to_lowercase))
                .collect()
        })
        .unwrap_or_default();
    ex.sort();
    ex.dedup();
    out.insert("exemptions".into(), Value::from(ex));
    for row in d["it_spend"].as_array().into_iter().flatten() {
        let y = row["year"].as_str().unwrap_or("?");
        out.insert(format!("it_spend[{y}].total"), row["total_gbp"].clone());
        for k in BREAKDOWN {
            out.insert(format!("it_spend[{y}].{k}"), row["breakdown"][k].clone());
        }
    }
    out.insert("dma.overall".into(), d["dma"]["overall"].clone());
    for p in PILLARS {
        out.insert(format!("dma.{p}"), d["dma"]["pillars"][p].clone());
    }
    out
}

fn same(expected: &Value, got: &Value) -> bool {
    match (expected.as_f64(), got.as_f64()) {
        (Some(e), Some(g)) => (e - g).abs() < if e.abs() >= 100.0 { 0.5 } else { 1e-6 },
        _ => expected == got,
    }
}

fn run_cli(path: &Path) -> Value {
    let args = vec![
        "parse".to_string(),
        path.display().to_string(),
        "--json".to_string(),
    ];
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = foi_lens::cli::run_to(&args, &mut out, &mut err);
    assert_eq!(
        code,
        0,
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&err)
    );
    serde_json::from_slice(&out).expect("CLI prints JSON")
}

/// A copy of `path` without its leading `# ` lines ("# synthetic: ...", "# source: URL"), as
/// `score.py` hands the document to the CLI: the parser sees only the reply itself.
fn without_header_comments(path: &Path) -> std::path::PathBuf {
    let raw = std::fs::read(path).unwrap();
    let mut rest: &[u8] = &raw;
    while rest.starts_with(b"# ") {
        rest = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => &rest[i + 1..],
            None => &[],
        };
    }
    while let [b'\r' | b'\n', tail @ ..] = rest {
        rest = tail;
    }
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(path.file_name().unwrap());
    std::fs::write(&out, rest).unwrap();
    out
}

#[test]
fn every_fixture_field_matches_or_is_a_listed_gap() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut expected_paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    expected_paths.sort();
    let (mut fields, mut right) = (0, 0);
    let mut failures = Vec::new();
    let mut cases = 0;
    for exp_path in expected_paths {
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(&exp_path).unwrap()).unwrap();
        if expected["kind"] == "strategy_tables" {
            continue;
        }
        let stem = exp_path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".expected.json", "");
        let input = dir.join(format!("{stem}.txt"));
        let got = run_cli(&without_header_comments(&input));
        assert_eq!(got["schema"], "foi-lens/1");
        cases += 1;
        let (e, g) = (flatten(&expected), flatten(&got));
        let keys: std::collections::BTreeSet<&String> = e.keys().chain(g.keys()).collect();
        for k in keys {
            let ev = e.get(k).cloned().unwrap_or(Value::Null);
            let gv = g.get(k).cloned().unwrap_or(Value::Null);
            fields += 1;
            let ok = same(&ev, &gv);
            let gap = KNOWN_GAPS.contains(&(stem.as_str(), k.as_str()));
            if ok {
                right += 1;
            }
            match (ok, gap) {
                (false, false) => failures.push(format!("{stem}: {k}: expected {ev}, got {gv}")),
                (true, true) => {
                    failures.push(format!("{stem}: {k} now passes: remove it from KNOWN_GAPS"))
                }
                _ => {}
            }
        }
    }
    println!(
        "fixture fields right: {right} of {fields} ({cases} responses, {} known gaps)",
        KNOWN_GAPS.len()
    );
    assert!(cases >= 2, "expected at least the two FOI fixtures");
    assert!(
        failures.is_empty(),
        "{} field(s) wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
