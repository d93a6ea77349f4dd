//! A workspace exported as JSON and imported again is the same workspace: every value, evidence
//! span, confidence, correction (and what it replaced), failure and benchmark choice.
// Native only: reads the fixtures from the repository.
#![cfg(not(target_arch = "wasm32"))]

use foi_lens::model::*;
use foi_lens::workspace::transfer::{export_json, import_json};
use foi_lens::workspace::{Edit, MatchChoice, Outcome, Workspace};
use serde_json::{json, Value as Json};
use std::path::Path;

/// Every text fixture, parsed as the app and the CLI parse them.
fn fixture_workspace() -> Workspace {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 4, "fixtures missing: {names:?}");
    let mut ws = Workspace::new();
    for name in names {
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        let mut r = foi_lens::parse(&text);
        r.file = Some(name.clone());
        ws.add_parsed(name, text, r);
    }
    ws
}

/// A response with every kind of value the model has, some read with medium confidence, with
/// warnings and a money table (year, total and extra columns, a total row with its parts, sum
/// checks), so nothing the parser can produce escapes the round trip.
fn everything() -> (String, Response) {
    let source = "The Dudley Group NHS Foundation Trust FOI-072025-0001722 26.9.25 \
                  2023/24 £16,467,000 staff £6,167,000 Overall 3.1 Well Led 4.3 EMRAM 5 \
                  s22 s43 Table 9 2018/19 2019/20 Total With VAT EPR 1.5 2.5 4.0 4.8 \
                  Kit 0.5 0.5 1.0 1.2 All 2.0 3.0 5.0 6.0"
        .to_string();
    let at = |needle: &str| {
        let s = source.find(needle).unwrap();
        Span::new(s, s + needle.len())
    };
    let mut r = Response {
        file: Some("dudley.txt".into()),
        organisation: Some(Value::found(
            "The Dudley Group NHS Foundation Trust".into(),
            at("The Dudley Group NHS Foundation Trust"),
        )),
        reference: Some(Value::found(
            "FOI-072025-0001722".into(),
            at("FOI-072025-0001722"),
        )),
        date: Some(
            Value::found("2025-09-26".into(), at("26.9.25")).with_confidence(Confidence::Medium),
        ),
        ..Response::default()
    };
    let mut y = SpendYear::new(FinYear(2023), Some(at("2023/24")));
    y.total = Some(Value::found(16_467_000, at("£16,467,000")));
    y.breakdown.staff = Some(Value::found(6_167_000, at("£6,167,000")));
    r.it_spend.push(y);
    r.it_spend.push(SpendYear::new(FinYear(2024), None));
    let mut dma = Dma {
        overall: Some(Value::found(3.1, at("3.1"))),
        ..Dma::default()
    };
    *dma.pillars.get_mut(Pillar::WellLed) =
        Some(Value::found(4.3, at("4.3")).with_confidence(Confidence::Medium));
    r.dma = Some(dma);
    r.dma_status = Value::found(DmaStatus::Partial, at("Overall"));
    r.himss_status = Value::found(HimssStatus::Disclosed, at("EMRAM"));
    r.emram_stage = Some(Value::found(5, at("5 ")));
    r.exemptions = vec![
        Value::found("s22".into(), at("s22")),
        Value::found("s43".into(), at("s43")),
    ];
    r.warnings = vec![
        Warning::new(
            Some("it_spend[1].total_gbp".into()),
            "2024/25 is mentioned but no total is given",
            Some(at("2023/24")),
        ),
        Warning::note(None, "Figures exclude VAT", None),
    ];
    let col = |label: &str, year: Option<u16>, is_total: bool| TableColumn {
        label: label.into(),
        year: year.map(FinYear),
        is_total,
        span: Some(at(label)),
    };
    let cells = |vals: [&str; 4]| -> Vec<Option<Value<f64>>> {
        vals.iter()
            .map(|v| {
                let s = source.find(&format!(" {v}")).unwrap() + 1;
                Some(Value::found(v.parse().unwrap(), Span::new(s, s + v.len())))
            })
            .collect()
    };
    let mut kit = cells(["0.5", "0.5", "1.0", "1.2"]);
    kit[3] = kit[3].take().map(|v| v.with_confidence(Confidence::Medium));
    r.tables.push(MoneyTable {
        caption: Some(Value::found("Table 9".into(), at("Table 9"))),
        unit: MoneyUnit::Millions,
        columns: vec![
            col("2018/19", Some(2018), false),
            col("2019/20", Some(2019), false),
            col("Total", None, true),
            col("With VAT", None, true),
        ],
        rows: vec![
            TableRow {
                label: "EPR".into(),
                values: cells(["1.5", "2.5", "4.0", "4.8"]),
                is_total: false,
                span: Some(at("EPR")),
                parts: None,
            },
            TableRow {
                label: "Kit".into(),
                values: kit,
                is_total: false,
                span: Some(at("Kit")),
                parts: None,
            },
            TableRow {
                label: "All".into(),
                values: cells(["2.0", "3.0", "5.0", "6.0"]),
                is_total: true,
                span: Some(at("All")),
                parts: Some(TotalParts {
                    rows: vec![0, 1],
                    basis: PartsBasis::Block,
                }),
            },
        ],
        checks: vec![Warning::note(
            Some("rows[1].total".into()),
            "agrees within rounding",
            None,
        )],
        span: at("Table 9"),
        sums: vec![
            SumCheck {
                row: 2,
                column: 0,
                direction: SumDirection::Down,
                printed: 2.0,
                computed: 2.0,
                parts: vec![0, 1],
                outcome: SumOutcome::Exact,
            },
            SumCheck {
                row: 0,
                column: 2,
                direction: SumDirection::Across,
                printed: 4.0,
                computed: 4.0,
                parts: vec![0, 1],
                outcome: SumOutcome::Exact,
            },
        ],
    });
    (source, r)
}

fn edit(ws: &mut Workspace, index: usize, path: &str, value: Json) {
    match &mut std::rc::Rc::make_mut(&mut ws.entries[index]).outcome {
        Outcome::Parsed(p) => p.edit(Edit::new(path, value)).unwrap(),
        Outcome::Failed { .. } => panic!("entry {index} failed"),
    }
}

#[test]
fn parse_edit_export_import_gives_the_same_workspace() {
    let mut ws = fixture_workspace();
    let tables: usize = ws
        .entries
        .iter()
        .map(|e| e.response().unwrap().tables.len())
        .sum();
    assert!(
        tables >= 2,
        "the strategy fixtures' money tables are part of the round trip"
    );
    let (source, r) = everything();
    let rich = ws.len();
    ws.add_parsed("dudley.txt".into(), source, r);
    ws.add_failed(
        "scan.pdf".into(),
        "This PDF has no text layer: it is a scan".into(),
    );
    // Corrections of every kind, including ones that add, remove and shift values.
    edit(
        &mut ws,
        0,
        "organisation",
        json!("The Dudley Group NHS Foundation Trust"),
    );
    edit(&mut ws, 0, "dma.overall", json!(3.2));
    edit(&mut ws, rich, "it_spend[0].total_gbp", json!(16_500_000));
    edit(&mut ws, rich, "it_spend[1].total_gbp", json!(18_351_000));
    edit(&mut ws, rich, "dma.pillars.well_led", json!(4.4));
    edit(&mut ws, rich, "exemptions[1]", Json::Null);
    edit(&mut ws, rich, "exemptions[0]", json!("s12"));
    edit(&mut ws, rich, "himss_status", json!("not_held"));
    edit(&mut ws, rich, "date", Json::Null);
    edit(&mut ws, rich, "tables[0].rows[0].values[1]", json!(2.25));
    edit(&mut ws, rich, "tables[0].rows[1].total", Json::Null);
    edit(&mut ws, rich, "tables[0].rows[2].columns[3]", json!(6.5));
    std::rc::Rc::make_mut(&mut ws.entries[1]).match_choice = Some(MatchChoice::Trust {
        name: "THE DUDLEY GROUP NHS FOUNDATION TRUST".into(),
        ods_code: Some("RNA".into()),
    });
    std::rc::Rc::make_mut(&mut ws.entries[2]).match_choice = Some(MatchChoice::NotInDataset);

    let text = export_json(&ws);
    let imported = import_json(&text).unwrap();
    assert_eq!(imported.problems, Vec::<String>::new());
    let mut back = Workspace::new();
    imported.add_to(&mut back);
    assert_eq!(back, ws);

    // The corrections can still be undone after the import: the parse came back too.
    let original = ws.entries[rich].clone();
    let Outcome::Parsed(p) = &mut std::rc::Rc::make_mut(&mut back.entries[rich]).outcome else {
        panic!()
    };
    p.revert("exemptions[0]").unwrap();
    let codes: Vec<&str> = p
        .current()
        .exemptions
        .iter()
        .map(|e| e.value.as_str())
        .collect();
    assert_eq!(codes, ["s22"], "only the removal of s43 is left");
    let Outcome::Parsed(orig) = &original.outcome else {
        panic!()
    };
    assert_eq!(orig.parsed(), p.parsed());

    // And exporting again gives the same bytes.
    assert_eq!(export_json(&ws), text);
}

#[test]
fn the_export_is_the_contract_plus_source_edits_and_workspace() {
    let mut ws = Workspace::new();
    let (source, r) = everything();
    ws.add_parsed("dudley.txt".into(), source.clone(), r);
    edit(&mut ws, 0, "dma.overall", json!(3.2));
    ws.add_failed("scan.pdf".into(), "no text layer".into());
    let doc: Json = serde_json::from_str(&export_json(&ws)).unwrap();
    let first = &doc[0];
    assert_eq!(first["schema"], "foi-lens/1");
    assert_eq!(first["dma"]["overall"], json!(3.2));
    assert_eq!(first["edited"], json!(["dma.overall"]));
    assert_eq!(first["evidence"]["dma.overall"]["text"], "3.1");
    assert_eq!(
        first["confidence"],
        json!({"date": "medium", "dma.pillars.well_led": "medium",
               "tables[0].rows[1].columns[3]": "medium"})
    );
    assert_eq!(first["source"], json!(source));
    assert_eq!(
        first["edits"],
        json!([{"path": "dma.overall", "value": 3.2,
                "was": {"value": 3.1, "span": first["evidence"]["dma.overall"].as_object().map(|o| json!({"start": o["start"], "end": o["end"]})).unwrap(),
                        "confidence": "high", "edited": false}}])
    );
    assert_eq!(first["workspace"], json!({"id": 1, "name": "dudley.txt"}));
    assert_eq!(
        doc[1],
        json!({"schema": "foi-lens/1", "file": "scan.pdf", "error": "no text layer",
               "workspace": {"id": 2, "name": "scan.pdf"}})
    );
}

#[test]
fn cli_output_without_source_imports_with_a_note() {
    let (source, r) = everything();
    let contract = foi_lens::report::json::to_contract(&r, &source);
    let imported = import_json(&contract.to_string()).unwrap();
    assert_eq!(imported.entries.len(), 1);
    assert_eq!(imported.entries[0].name, "dudley.txt");
    assert_eq!(imported.entries[0].response(), Some(&r));
    assert_eq!(imported.problems.len(), 1);
    assert!(
        imported.problems[0].contains("no source text"),
        "{:?}",
        imported.problems
    );
}

#[test]
fn unreadable_objects_are_skipped_with_a_reason_and_the_rest_come_in() {
    let (source, r) = everything();
    let good = foi_lens::report::json::to_contract(&r, &source);
    let mut wrong_total = good.clone();
    wrong_total["it_spend"][0]["total_gbp"] = json!("£16m");
    let doc = json!([good, {"schema": "other/2"}, wrong_total, 42]);
    let imported = import_json(&doc.to_string()).unwrap();
    assert_eq!(imported.entries.len(), 1);
    assert_eq!(imported.problems.len(), 4, "{:?}", imported.problems);
    assert!(imported.problems[1]
        .starts_with("response 2 was not imported: this is a \"other/2\" object"));
    assert!(imported.problems[2]
        .contains("it_spend[0].total_gbp: expected whole pounds or null, got \"£16m\""));
    assert!(imported.problems[3].contains("response: expected an object, got 42"));
}

#[test]
fn files_that_are_not_exports_say_what_to_import_instead() {
    for (text, says) in [
        ("not json", "This file is not JSON"),
        (
            "\"a string\"",
            "neither a list of responses nor one response",
        ),
        ("[{\"hello\": 1}]", "Nothing in this file could be imported"),
    ] {
        let e = import_json(text).unwrap_err();
        assert!(e.0.contains(says), "{text}: {e}");
    }
    assert!(import_json("[]").unwrap().entries.is_empty());
}

/// Hostile imports: every prefix of an export and many single-character mutations of it are
/// read without panicking (errors are fine, crashes are not).
#[test]
fn mutated_exports_never_panic() {
    let mut ws = fixture_workspace();
    let (source, r) = everything();
    ws.add_parsed("dudley.txt".into(), source, r);
    let idx = ws.len() - 1;
    edit(&mut ws, idx, "exemptions[0]", Json::Null);
    let text = export_json(&ws);
    let bytes = text.as_bytes();
    let step = (bytes.len() / 150).max(1);
    for cut in (0..bytes.len()).step_by(step) {
        if let Ok(s) = std::str::from_utf8(&bytes[..cut]) {
            let _ = import_json(s);
        }
    }
    let replacements = [
        "0",
        "-1",
        "null",
        "\"x\"",
        "[]",
        "{}",
        "9999999999999999999",
        "1e400",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..300 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let at = (seed as usize) % bytes.len();
        if !text.is_char_boundary(at) {
            continue;
        }
        // Replace the JSON token starting at a digit, quote or bracket with something else.
        let end = text[at..]
            .find([',', '}', ']'])
            .map(|e| at + e)
            .unwrap_or(text.len());
        let mutated = format!(
            "{}{}{}",
            &text[..at],
            replacements[i % replacements.len()],
            &text[end..]
        );
        let _ = import_json(&mutated);
    }
}
