//! CLI parity: `foi-lens parse FILE... --csv` writes the same bytes as the app's "Export CSV" of
//! a workspace holding the same files, including a file that could not be read.
// Native only: reads the fixtures from the repository.
#![cfg(not(target_arch = "wasm32"))]

use foi_lens::workspace::transfer::{responses_csv, spend_csv};
use foi_lens::workspace::Workspace;
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

fn cli(args: &[String]) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = foi_lens::cli::run_to(args, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// The workspace the app builds from the same files: each file's text parsed (as the worker
/// does) and added under its file name; an unreadable file added with its reason.
fn app_workspace(files: &[PathBuf], missing: &str) -> Workspace {
    let mut ws = Workspace::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let doc = foi_lens::ingest::extract_text(&name, &bytes).unwrap();
        let mut response = foi_lens::parse(&doc.text);
        response.file = Some(name.clone());
        ws.add_parsed(name, doc.text, response);
    }
    ws.add_failed(
        missing.into(),
        "cannot read: No such file or directory (os error 2)".into(),
    );
    ws
}

#[test]
fn parse_csv_gives_the_apps_csv_byte_for_byte() {
    let files = fixtures();
    assert!(files.len() >= 4);
    let missing = "no-such-reply.txt";
    let mut args: Vec<String> = vec!["parse".into()];
    args.extend(files.iter().map(|p| p.to_string_lossy().into_owned()));
    args.push(format!("/nonexistent/{missing}"));
    let ws = app_workspace(&files, missing);

    args.push("--csv".into());
    let (code, out, err) = cli(&args);
    assert_eq!(code, 1, "one file could not be read");
    assert!(err.contains("no-such-reply.txt: cannot read"), "{err}");
    assert_eq!(out, responses_csv(&ws));

    // What the rows say that does not depend on the extractor: one record per file, in order,
    // the letterhead match with its ODS code, and the unreadable file with its reason.
    let records: Vec<&str> = out.split("\r\n").collect();
    assert_eq!(
        records.len(),
        files.len() + 3,
        "header, files, failure, final CRLF"
    );
    let record = |file: &str| {
        records
            .iter()
            .find(|r| r.starts_with(&format!("{file},")))
            .unwrap_or_else(|| panic!("no record for {file}"))
    };
    let dudley = record("dudley_it_spend_dma_himss_2025.txt");
    assert!(
        dudley.contains(",The Dudley Group NHS Foundation Trust,RNA,"),
        "{dudley}"
    );
    let lpt = record("lpt_it_spend_dma_himss_2025.txt");
    assert!(
        lpt.contains(",Leicestershire Partnership NHS Trust,RT5,"),
        "{lpt}"
    );
    assert_eq!(
        records[records.len() - 2],
        *record("no-such-reply.txt"),
        "last, as given"
    );
    assert!(records[records.len() - 2]
        .ends_with(",cannot read: No such file or directory (os error 2)"));

    *args.last_mut().unwrap() = "--csv-spend".into();
    let (_, out, _) = cli(&args);
    assert_eq!(out, spend_csv(&ws));
    assert!(out.starts_with("file,organisation,match,match_ods_code,year,total_gbp,"));
}

#[test]
fn unknown_csv_flags_say_which_exist() {
    let (code, _, err) = cli(&["parse".into(), "x.txt".into(), "--tsv".into()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("use --json, --csv, --csv-spend or --csv-tables"),
        "{err}"
    );
}
