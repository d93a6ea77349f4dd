//! The native command line: `foi-lens parse FILE... [--json | --csv | --csv-spend | --csv-tables]`
//! and friends.
//!
//! Kept in the library (not `main.rs`) so integration tests can call [`run_to`] and check what a
//! user would see, without spawning processes.

use std::io::Write;
use std::path::Path;

const USAGE: &str = "\
foi-lens: extract IT spend, DMA and HIMSS figures (with evidence) from NHS FOI responses

usage:
  foi-lens parse FILE... [--json | --csv | --csv-spend | --csv-tables]
                                            parse responses. --json (default): the foi-lens/1
                                            contract, one object per file (an array for several);
                                            --csv: one row per response (organisation, match,
                                            spend per year, DMA, statuses, exemptions), the same
                                            file as the app's \"Export CSV\"; --csv-spend: one row
                                            per response and year; --csv-tables: every money-table
                                            cell, one row each
  foi-lens import-dma PATH.xlsx [--ods etr.csv] [--out data/]
                                            rebuild the bundled DMA dataset (data/dma2025.json)
                                            from NHS England's DMA results workbook and the ODS
                                            trust list (default: etr.csv beside the workbook)
  foi-lens help                             this text
";

/// Run the CLI with `args` (without the program name); returns the process exit code.
pub fn run(args: Vec<String>) -> i32 {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    run_to(&args, &mut stdout.lock(), &mut stderr.lock())
}

/// Like [`run`], writing to the given streams.
pub fn run_to(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let result = match args.first().map(String::as_str) {
        Some("parse") => parse_command(&args[1..], out, err),
        Some("import-dma") => import_dma_command(&args[1..], out),
        Some("help" | "--help" | "-h") => {
            let _ = out.write_all(USAGE.as_bytes());
            Ok(0)
        }
        Some(other) => Err(format!("unknown command {other:?}; try `foi-lens help`")),
        None => Err("no command given; try `foi-lens parse FILE --json`".into()),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(err, "foi-lens: {message}");
            2
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum OutputFormat {
    Json,
    /// One record per response (`report::csv_responses::write_responses`).
    Csv,
    /// One record per response and year (`report::csv_responses::write_spend`).
    CsvSpend,
    /// One record per money-table cell (`report::csv_tables`).
    CsvTables,
}

fn parse_command(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, String> {
    let mut format = OutputFormat::Json;
    let mut files = Vec::new();
    for a in args {
        match a.as_str() {
            "--json" => format = OutputFormat::Json,
            "--csv" => format = OutputFormat::Csv,
            "--csv-spend" => format = OutputFormat::CsvSpend,
            "--csv-tables" => format = OutputFormat::CsvTables,
            flag if flag.starts_with("--") => {
                return Err(format!(
                    "unknown option {flag}; use --json, --csv, --csv-spend or --csv-tables"
                ))
            }
            file => files.push(file.to_string()),
        }
    }
    if files.is_empty() {
        return Err(
            "parse needs at least one FILE (e.g. `foi-lens parse reply.txt --json`)".into(),
        );
    }
    match format {
        OutputFormat::Csv | OutputFormat::CsvSpend => {
            return write_batch_csv(&files, format == OutputFormat::Csv, out, err)
        }
        OutputFormat::CsvTables => return write_csv(&files, out, err),
        OutputFormat::Json => {}
    }
    let mut objects = Vec::new();
    let mut failures = 0;
    for file in &files {
        match parse_one(Path::new(file), |r, d| {
            let mut contract = crate::report::json::to_contract(r, &d.text);
            crate::report::json::add_places(&mut contract, |span| d.describe(span));
            contract
        }) {
            Ok(obj) => objects.push(obj),
            Err(reason) => {
                failures += 1;
                let _ = writeln!(err, "foi-lens: {file}: {reason}");
            }
        }
    }
    let json = if files.len() == 1 {
        objects.pop().unwrap_or(serde_json::Value::Null)
    } else {
        serde_json::Value::Array(objects)
    };
    if !(files.len() == 1 && failures == 1) {
        let text = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
        writeln!(out, "{text}").map_err(|e| e.to_string())?;
    }
    Ok(if failures > 0 { 1 } else { 0 })
}

/// `--csv` / `--csv-spend`: the files as a workspace (unreadable ones as records with their
/// error), written by the same functions as the app's CSV export, so the bytes are the same.
fn write_batch_csv(
    files: &[String],
    wide: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, String> {
    let mut ws = crate::workspace::Workspace::new();
    let mut failures = 0;
    for file in files {
        let path = Path::new(file);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.clone());
        match parse_one(path, |r, d| (r.clone(), d.text.clone())) {
            Ok((response, text)) => {
                ws.add_parsed(name, text, response);
            }
            Err(reason) => {
                failures += 1;
                let _ = writeln!(err, "foi-lens: {file}: {reason}");
                ws.add_failed(name, reason);
            }
        }
    }
    let csv = if wide {
        crate::workspace::transfer::responses_csv(&ws)
    } else {
        crate::workspace::transfer::spend_csv(&ws)
    };
    out.write_all(csv.as_bytes())
        .map_err(|e| format!("cannot write CSV: {e}"))?;
    Ok(if failures > 0 { 1 } else { 0 })
}

/// `--csv-tables`: the money tables of every file as tidy CSV (one record per table cell), with
/// the header once even when no table is found.
fn write_csv(files: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, String> {
    let mut csv = crate::report::csv::CsvWriter::new(out);
    let mut failures = 0;
    let io_error = |e: std::io::Error| format!("cannot write CSV: {e}");
    crate::report::csv_tables::write_tables(&mut csv, "", &[]).map_err(io_error)?;
    for file in files {
        match parse_one(Path::new(file), |r, _| (r.file.clone(), r.tables.clone())) {
            Ok((name, tables)) => {
                let name = name.as_deref().unwrap_or(file);
                crate::report::csv_tables::write_tables(&mut csv, name, &tables)
                    .map_err(io_error)?;
            }
            Err(reason) => {
                failures += 1;
                let _ = writeln!(err, "foi-lens: {file}: {reason}");
            }
        }
    }
    Ok(if failures > 0 { 1 } else { 0 })
}

/// Read, convert and parse one file and `render` the response (with the document it was parsed
/// from: its text and where each part of it sits in the file); a panic anywhere in the core is caught and reported as this file's error so the rest
/// of a batch still goes through.
fn parse_one<T>(
    path: &Path,
    render: fn(&crate::Response, &crate::ingest::Document) -> T,
) -> Result<T, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let result = std::panic::catch_unwind(|| {
        let doc = crate::ingest::extract_text(&name, &bytes)?;
        let response = crate::parse_document(&name, &doc);
        Ok::<_, crate::ingest::IngestError>(render(&response, &doc))
    });
    match result {
        Ok(Ok(json)) => Ok(json),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => {
            Err("internal error while parsing this file (please report it with the file)".into())
        }
    }
}

/// `foi-lens import-dma PATH.xlsx [--ods etr.csv] [--out data/]`: regenerate the bundled dataset.
fn import_dma_command(args: &[String], out: &mut dyn Write) -> Result<i32, String> {
    let mut xlsx = None;
    let mut ods = None;
    let mut out_dir = std::path::PathBuf::from("data");
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--ods" => {
                ods = Some(
                    it.next()
                        .ok_or("--ods needs a path to the ODS etr.csv")?
                        .clone(),
                )
            }
            "--out" => out_dir = it.next().ok_or("--out needs a directory")?.into(),
            flag if flag.starts_with("--") => {
                return Err(format!(
                    "unknown option {flag}; import-dma takes --ods FILE and --out DIR"
                ))
            }
            path if xlsx.is_none() => xlsx = Some(std::path::PathBuf::from(path)),
            extra => {
                return Err(format!(
                    "import-dma takes one workbook; unexpected {extra:?}"
                ))
            }
        }
    }
    let xlsx = xlsx.ok_or(
        "import-dma needs the DMA workbook, e.g. `foi-lens import-dma \
        data/source/Digital+Maturity+Assessment+Results+Data+File+v2.xlsx`",
    )?;
    let ods = match ods {
        Some(p) => std::path::PathBuf::from(p),
        None => xlsx.with_file_name("etr.csv"),
    };
    let imported = crate::bench::import::import_files(&xlsx, &ods).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(&out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let target = out_dir.join(crate::bench::data::BUNDLE_FILE_NAME);
    let json = imported.bundle.to_json();
    std::fs::write(&target, &json)
        .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    for line in &imported.log {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "wrote {} ({} bytes)", target.display(), json.len());
    Ok(0)
}
