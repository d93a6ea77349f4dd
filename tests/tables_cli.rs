//! The CLI's two outputs for money tables: `--json` carries them in the contract (with value
//! evidence, parts and sums) and `--csv-tables` lists every table cell as one tidy record.

#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn run(args: &[&str]) -> (i32, String, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = foi_lens::cli::run_to(&args, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn csv_has_one_record_per_table_cell_with_evidence() {
    let path = fixture("llr_digital_strategy_2022_25.txt");
    let (code, out, err) = run(&["parse", &path, "--csv-tables"]);
    assert_eq!(code, 0, "{err}");
    let records: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        records[0],
        "file,table,caption,unit,row,label,is_total_row,column,year,is_total_column,value,value_gbp,span_start,span_end,checks"
    );
    // Table 2: 2 rows x 3 years; Table 9: 12 rows x 3 years.
    assert_eq!(records.len(), 1 + 6 + 36);
    let elective: Vec<&str> = records
        .iter()
        .copied()
        .filter(|r| r.contains("Elective Recovery"))
        .collect();
    assert_eq!(elective.len(), 3);
    let caption =
        "Table 9 - Additional Technology Funding Capital and Revenue Requirements for Three Years";
    let prefix = format!(
        "llr_digital_strategy_2022_25.txt,2,{caption},£,10,Elective Recovery (Virtual Wards / Remote Monitoring) (PDC 22/23),false,"
    );
    assert!(
        elective[0].starts_with(&format!("{prefix}2022/23,2022/23,false,,,,,0")),
        "{}",
        elective[0]
    );
    assert!(elective[1].starts_with(&format!("{prefix}2023/24,2023/24,false,264116,264116,")));
    // The span is the figure in the file as given.
    let fields: Vec<&str> = elective[1].split(',').collect();
    let (start, end): (usize, usize) = (
        fields[fields.len() - 3].parse().unwrap(),
        fields[fields.len() - 2].parse().unwrap(),
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(&text[start..end], "264,116");
}

#[test]
fn csv_of_a_reply_without_tables_is_the_header_alone_and_errors_go_to_stderr() {
    let (code, out, err) = run(&[
        "parse",
        &fixture("dudley_it_spend_dma_himss_2025.txt"),
        "/no/such/file.txt",
        "--csv-tables",
    ]);
    assert_eq!(code, 1);
    assert_eq!(out.matches("\r\n").count(), 1);
    assert!(err.contains("/no/such/file.txt: cannot read"), "{err}");
}

#[test]
fn json_tables_carry_evidence_parts_and_sums() {
    let (code, out, err) = run(&[
        "parse",
        &fixture("llr_digital_strategy_2018_21.txt"),
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let figure_c = &json["tables"][0];
    assert_eq!(figure_c["unit"], "£m");
    let la_total = &figure_c["rows"][15];
    assert_eq!(la_total["label"], "LLR Local Authorities Total");
    assert_eq!(la_total["spans"][1]["text"], "0.009");
    assert_eq!(la_total["parts"]["rows"], serde_json::json!([13, 14]));
    assert_eq!(la_total["parts"]["basis"], "label");
    let mismatch = figure_c["sums"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["field"] == "rows[15].values[1]")
        .unwrap();
    assert_eq!(mismatch["outcome"], "mismatch");
    assert_eq!(mismatch["direction"], "down");
}
