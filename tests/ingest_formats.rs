//! Every real-format fixture in `tests/fixtures/files/` (made by LibreOffice, Chromium, qpdf and
//! Python's email package from the text fixtures; see the README there) reads into text whose
//! key lines match the source text: the TAB-separated figure rows survive, the money and the
//! pillar scores are there, and locators point at pages, cells and attachments.

#![cfg(not(target_arch = "wasm32"))]

use foi_lens::ingest::{extract_text, Document, Format};
use foi_lens::model::Span;
use std::path::Path;

fn read(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/files")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    extract_text(name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn source(stem: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{stem}.txt"));
    std::fs::read_to_string(path).unwrap()
}

fn has_line(doc: &Document, line: &str) -> bool {
    doc.text.lines().any(|l| l == line)
}

fn assert_lines(doc: &Document, name: &str, lines: &[&str]) {
    let missing: Vec<&&str> = lines.iter().filter(|l| !has_line(doc, l)).collect();
    assert!(
        missing.is_empty(),
        "{name}: missing lines {missing:?} in:\n{}",
        doc.text
    );
}

/// The Dudley lines whose response is a figure on one line: the rows a table extractor needs.
fn dudley_figure_rows() -> Vec<String> {
    source("dudley_it_spend_dma_himss_2025")
        .lines()
        .filter(|l| {
            l.split('\t')
                .nth(1)
                .is_some_and(|cell| cell.starts_with('£') || cell.parse::<f64>().is_ok())
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn dudley_figure_rows_are_nine_pillars_money_and_overall() {
    // Guards the helper: it must find the rows the other tests rely on.
    let rows = dudley_figure_rows();
    assert_eq!(rows.len(), 12, "{rows:?}");
    assert!(rows.contains(&"Capital & Revenue Cost\t£16,467,000".to_string()));
    assert!(rows.contains(&"Well Led\t4.3".to_string()));
}

#[test]
fn word_odt_html_and_html_email_keep_every_figure_row_of_the_source() {
    let rows = dudley_figure_rows();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    for (name, format) in [
        ("dudley.docx", Format::Docx),
        ("dudley.odt", Format::Odt),
        ("dudley.html", Format::Html),
        ("dudley_reply_html_body.eml", Format::Email),
    ] {
        let doc = read(name);
        assert_eq!(doc.format, format, "{name}");
        assert_lines(&doc, name, &rows);
        assert_lines(
            &doc,
            name,
            &[
                "Ref: FOI-072025-0001722",
                "Question\tResponse",
                "FY 2023/2024 (£):",
            ],
        );
    }
}

#[test]
fn pdfs_keep_the_figure_rows_from_every_producer_and_encryption() {
    let rows: Vec<String> = dudley_figure_rows()
        .into_iter()
        // In the PDF the overall-score question wraps and its answer sits beside the last line.
        .filter(|r| !r.starts_with("A) Your overall DMA score"))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    for name in [
        "dudley.pdf",
        "dudley_objstm.pdf",
        "dudley_qdf.pdf",
        "dudley_chromium.pdf",
        "restricted_rc4.pdf",
        "restricted_aes256.pdf",
    ] {
        let doc = read(name);
        assert_eq!(doc.format, Format::Pdf, "{name}");
        assert_lines(&doc, name, &rows);
        assert_lines(
            &doc,
            name,
            &["Ref: FOI-072025-0001722", "Question\tResponse"],
        );
        // The overall score is centred beside a question that wraps over two lines: it joins
        // whichever half it is nearer (LibreOffice and Chromium centre differently).
        assert!(
            has_line(&doc, "1.0 to 5.0).\t3.1")
                || has_line(&doc, "A) Your overall DMA score (on a scale of\t3.1"),
            "{name}: overall score not on its question's row:\n{}",
            doc.text
        );
    }
}

#[test]
fn pdf_pages_have_locators() {
    let doc = read("dudley.pdf");
    let at = doc.text.find("£16,467,000").unwrap();
    assert_eq!(
        doc.describe(Span::new(at, at + 11)).as_deref(),
        Some("page 1")
    );
    let at = doc.text.find("Well Led\t4.3").unwrap();
    assert_eq!(
        doc.describe(Span::new(at, at + 3)).as_deref(),
        Some("page 2")
    );
}

#[test]
fn lpt_prose_keeps_money_and_bulleted_pillars_in_every_format() {
    let pillars = [
        "• Empower Citizens",
        "• Ensure Smart Foundations",
        "• Healthy Populations",
        "• Improve Care",
        "• Safe Practice",
        "• Support People",
        "• Well Led",
    ];
    for name in ["lpt.docx", "lpt.odt", "lpt.pdf"] {
        let doc = read(name);
        assert!(doc.text.contains("£13,107,000"), "{name}");
        assert!(doc.text.contains("£11,415,000"), "{name}");
        assert!(doc.text.contains("exempt under Section 22"), "{name}");
        assert_lines(&doc, name, &pillars);
    }
    let docx = read("lpt.docx");
    assert_lines(
        &docx,
        "lpt.docx",
        &["FY 2023/2024 (£): OUR RESPONSE: £13,107,000."],
    );
}

#[test]
fn spreadsheets_give_sheet_headings_rows_money_iso_dates_and_cell_locators() {
    for (name, format, money) in [
        ("dudley_llr.xlsx", Format::Xlsx, "£16,467,000"),
        ("dudley_llr.ods", Format::Ods, "£16,467,000"),
        ("dudley_llr.xls", Format::Xls, "£16,467,000"),
    ] {
        let doc = read(name);
        assert_eq!(doc.format, format, "{name}");
        let row = format!("Capital & Revenue Cost\t{money}");
        assert_lines(
            &doc,
            name,
            &[
                "FOI response",
                "Table 9",
                &row,
                "Date:\t2025-09-26",
                "Well Led\t4.3",
                "\t2022/23\t2023/24\t2024/25",
                "Financial year ending\t2025",
            ],
        );
        let at = doc.text.find(money).unwrap();
        assert_eq!(
            doc.describe(Span::new(at, at + money.len())).as_deref(),
            Some("'FOI response'!B8"),
            "{name}"
        );
        let at = doc
            .text
            .find("264116")
            .or_else(|| doc.text.find("264,116"))
            .unwrap();
        assert_eq!(
            doc.describe(Span::new(at, at + 1)).as_deref(),
            Some("'Table 9'!C12"),
            "{name}"
        );
    }
    // Three file formats written by one program from one sheet read the same.
    let xlsx = read("dudley_llr.xlsx");
    assert_eq!(read("dudley_llr.ods").text, xlsx.text);
    assert_eq!(read("dudley_llr.xls").text, xlsx.text);
    // The year-by-category grid keeps its empty cells as empty columns.
    let ods = read("dudley_llr.ods");
    assert_lines(
        &ods,
        "dudley_llr.ods",
        &[
            "Post Implementation Capital UHL EPR\t\t2,570,000\t1,284,000",
            "Revenue Sub Total\t£3,753,000\t£4,461,116\t£3,665,116",
        ],
    );
}

#[test]
fn an_email_with_the_reply_attached_reads_the_attachment_with_locators() {
    let doc = read("dudley_reply_with_pdf.eml");
    assert_eq!(doc.format, Format::Email);
    assert_lines(
        &doc,
        "eml",
        &[
            "Subject: RE: FOI-072025-0001722 – IT spend, DMA and HIMSS",
            "Attachment: FOI-072025-0001722 response.pdf",
            "Capital & Revenue Cost\t£16,467,000",
        ],
    );
    assert!(
        doc.text.contains("fee £0"),
        "quoted-printable Latin-1 body decoded:\n{}",
        doc.text
    );
    let at = doc.text.find("£16,467,000").unwrap();
    assert_eq!(
        doc.describe(Span::new(at, at + 1)).as_deref(),
        Some("attachment FOI-072025-0001722 response.pdf, page 1")
    );
    let at = doc.text.find("Please find attached").unwrap();
    assert_eq!(
        doc.describe(Span::new(at, at + 1)).as_deref(),
        Some("message body")
    );
    assert!(doc.notes.is_empty(), "{:?}", doc.notes);
}

#[test]
fn a_misnamed_file_reads_by_its_content() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/files");
    for (file, pretend, format) in [
        ("dudley.pdf", "reply.docx", Format::Pdf),
        ("dudley.docx", "reply.pdf", Format::Docx),
        ("dudley_llr.xlsx", "reply.ods", Format::Xlsx),
        ("dudley.html", "reply.txt", Format::Html),
        ("dudley_reply_with_pdf.eml", "reply.txt", Format::Email),
    ] {
        let bytes = std::fs::read(root.join(file)).unwrap();
        let doc =
            extract_text(pretend, &bytes).unwrap_or_else(|e| panic!("{file} as {pretend}: {e}"));
        assert_eq!(doc.format, format, "{file} as {pretend}");
        assert!(
            has_line(&doc, "Capital & Revenue Cost\t£16,467,000"),
            "{file} as {pretend}"
        );
    }
    // Plain text under a document's name is read too, with a note saying so.
    let text = source("dudley_it_spend_dma_himss_2025");
    let doc = extract_text("reply.pdf", text.as_bytes()).unwrap();
    assert_eq!(doc.format, Format::Text);
    assert_eq!(doc.text, text);
    assert_eq!(
        doc.notes,
        ["This file is named .pdf but contains plain text, not a PDF; it was read as text."]
    );
}

/// What a reader could not convert may hide figures, so its notes reach the response's warnings
/// (the CLI's JSON, the app's card and a batch's warning count).
#[test]
fn a_readers_notes_become_warnings_of_the_response() {
    let text = source("dudley_it_spend_dma_himss_2025");
    let doc = extract_text("reply.pdf", text.as_bytes()).unwrap();
    let response = foi_lens::parse_document("reply.pdf", &doc);
    assert_eq!(response.file.as_deref(), Some("reply.pdf"));
    let from_reader: Vec<_> = response
        .warnings
        .iter()
        .filter(|w| w.message.starts_with("Reading reply.pdf: "))
        .collect();
    assert_eq!(from_reader.len(), 1, "{:?}", response.warnings);
    assert_eq!(
        from_reader[0].message,
        "Reading reply.pdf: This file is named .pdf but contains plain text, not a PDF; it was read as text."
    );
    assert_eq!(from_reader[0].field, None);
    // The figures are those of the text all the same.
    assert_eq!(response.it_spend, foi_lens::parse(&text).it_spend);
}

/// Every format must give the same answers as its text.
#[test]
fn parse_gives_the_same_answers_for_every_format_as_for_the_text() {
    let fields = [
        "organisation",
        "reference",
        "it_spend",
        "dma",
        "dma_status",
        "emram_stage",
        "infram_stage",
        "himss_status",
        "exemptions",
    ];
    for (stem, files) in [
        (
            "dudley_it_spend_dma_himss_2025",
            &[
                "dudley.docx",
                "dudley.odt",
                "dudley.html",
                "dudley_reply_html_body.eml",
                "dudley_reply_with_pdf.eml",
                "dudley.pdf",
                "dudley_chromium.pdf",
                "dudley_objstm.pdf",
                "dudley_qdf.pdf",
                "restricted_rc4.pdf",
                "restricted_aes256.pdf",
                "dudley_llr.xlsx",
                "dudley_llr.ods",
                "dudley_llr.xls",
            ][..],
        ),
        (
            "lpt_it_spend_dma_himss_2025",
            &["lpt.docx", "lpt.odt", "lpt.pdf"][..],
        ),
    ] {
        let text = source(stem);
        let expected = foi_lens::report::json::to_contract(&foi_lens::parse(&text), &text);
        for file in files {
            let doc = read(file);
            let got = foi_lens::report::json::to_contract(&foi_lens::parse(&doc.text), &doc.text);
            for field in fields {
                assert_eq!(got[field], expected[field], "{file}: {field}");
            }
        }
    }
}

/// The money-table extractor finds the same "Table 9" in the spreadsheet versions of the LLR
/// strategy as in its text: caption, years, unit, and every row's label and values.
#[test]
fn spreadsheets_give_the_same_money_table_as_the_text() {
    fn table_9(text: &str) -> serde_json::Value {
        let contract = foi_lens::report::json::to_contract(&foi_lens::parse(text), text);
        let table = contract["tables"]
            .as_array()
            .and_then(|ts| {
                ts.iter().find(|t| {
                    t["caption"]
                        .as_str()
                        .is_some_and(|c| c.starts_with("Table 9 -"))
                })
            })
            .cloned()
            .unwrap_or_else(|| panic!("no Table 9 found in:\n{text}"));
        let rows: Vec<serde_json::Value> = table["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| serde_json::json!({"label": r["label"], "values": r["values"]}))
            .collect();
        serde_json::json!({"caption": table["caption"], "years": table["years"], "unit": table["unit"], "rows": rows})
    }
    let expected = table_9(&source("llr_digital_strategy_2022_25"));
    assert_eq!(
        expected["rows"].as_array().map(Vec::len),
        Some(12),
        "{expected}"
    );
    for name in ["dudley_llr.xlsx", "dudley_llr.ods", "dudley_llr.xls"] {
        let mut got = table_9(&read(name).text);
        // The fixture's sheet adds one line below the table ("Financial year ending 2025", to
        // check that years print plainly); compare the table's own twelve rows.
        if let Some(rows) = got["rows"].as_array_mut() {
            rows.truncate(12);
        }
        assert_eq!(got, expected, "{name}");
    }
}

/// `parse --json` says where in the file each figure's evidence is: the PDF page, the
/// spreadsheet cell, the e-mail attachment.
#[test]
fn cli_json_evidence_names_the_page_cell_or_attachment() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let evidence = |file: &str, path: &str| -> serde_json::Value {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_foi-lens"))
            .args(["parse", "--json"])
            .arg(fixtures.join(file))
            .output()
            .unwrap();
        let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        j["evidence"][path].clone()
    };
    let place = |file: &str, path: &str| -> Option<String> {
        evidence(&format!("files/{file}"), path)["where"]
            .as_str()
            .map(str::to_string)
    };
    assert_eq!(
        place("dudley.pdf", "dma.overall").as_deref(),
        Some("page 1")
    );
    assert_eq!(
        place("dudley.pdf", "dma.pillars.empower_citizens").as_deref(),
        Some("page 2")
    );
    assert_eq!(
        place("dudley_llr.xlsx", "dma.overall").as_deref(),
        Some("'FOI response'!B22")
    );
    assert_eq!(
        place("dudley_reply_with_pdf.eml", "dma.pillars.empower_citizens").as_deref(),
        Some("attachment FOI-072025-0001722 response.pdf, page 2")
    );
    // Plain text has no places.
    let txt = evidence("dudley_it_spend_dma_himss_2025.txt", "dma.overall");
    assert!(txt.is_object(), "the text reply has DMA evidence: {txt}");
    assert!(txt.get("where").is_none());
}
