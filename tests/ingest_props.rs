//! Property tests: no reader panics (or runs away) on arbitrary bytes, on files that start like
//! each supported format, or on mutated copies of the real fixtures — including mutations of the
//! XML inside zip-based files and of uncompressed PDF content, which byte flips of the
//! compressed files would rarely reach. (On wasm32 a panic aborts the worker, so "returns
//! an error" is the only acceptable failure.)

#![cfg(not(target_arch = "wasm32"))]

use foi_lens::ingest::extract_text;
use proptest::prelude::*;
use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/files")
            .join(name),
    )
    .unwrap()
}

const NAMES: &[&str] = &[
    "reply.txt",
    "reply.pdf",
    "reply.docx",
    "reply.odt",
    "reply.xlsx",
    "reply.xls",
    "reply.ods",
    "reply.eml",
    "reply.html",
    "reply",
];

/// Run the reader; any panic fails the property (proptest reports it), and so does slowness.
fn never_panics(name: &str, bytes: &[u8]) {
    let start = Instant::now();
    let _ = extract_text(name, bytes);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{name}: {} bytes took {:?}",
        bytes.len(),
        start.elapsed()
    );
}

/// A mutation: overwrite, insert or delete bytes at a position, or truncate.
#[derive(Clone, Debug)]
enum Mutation {
    Overwrite(usize, Vec<u8>),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(p, b)| Mutation::Overwrite(p, b)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(p, b)| Mutation::Insert(p, b)),
        (any::<usize>(), 1..64usize).prop_map(|(p, n)| Mutation::Delete(p, n)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// Tokens that steer mutations into the parsers' interesting paths.
fn token_mutation() -> impl Strategy<Value = Mutation> {
    let tokens: Vec<&'static [u8]> = vec![
        b"<<",
        b">>",
        b"[",
        b"]",
        b"(",
        b")",
        b" R ",
        b" obj ",
        b"endobj",
        b"stream\n",
        b"endstream",
        b"BT",
        b"ET",
        b" Tj ",
        b" TJ ",
        b" Tf ",
        b" Td ",
        b" Tm ",
        b" cm ",
        b" Do ",
        b" q ",
        b" Q ",
        b"BI ID",
        b" EI ",
        b"/Length 999999",
        b"-1",
        b"99999999999",
        b"1e308",
        b"<w:tbl>",
        b"</w:tc>",
        b"<w:p>",
        b"<w:tr>",
        b"&amp;",
        b"&#0;",
        b"<table:table-cell table:number-columns-repeated=\"99999\">",
        b"<c r=\"XFD1048576\">",
        b"<![CDATA[",
        b"]]>",
        b"<!--",
        b"\r\n--",
        b"Content-Type: multipart/mixed; boundary=x\r\n",
        b"=?utf-8?b?",
        b"\xff\xfe",
    ];
    (any::<usize>(), prop::sample::select(tokens), any::<bool>()).prop_map(|(p, t, insert)| {
        if insert {
            Mutation::Insert(p, t.to_vec())
        } else {
            Mutation::Overwrite(p, t.to_vec())
        }
    })
}

fn apply(mut data: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = data.len().max(1);
        match m {
            Mutation::Overwrite(p, b) => {
                let p = p % len;
                for (i, byte) in b.iter().enumerate() {
                    if let Some(slot) = data.get_mut(p + i) {
                        *slot = *byte;
                    }
                }
            }
            Mutation::Insert(p, b) => {
                let p = p % (data.len() + 1);
                data.splice(p..p, b.iter().copied());
            }
            Mutation::Delete(p, n) => {
                let p = p % len;
                let end = (p + n).min(data.len());
                if p < end {
                    data.drain(p..end);
                }
            }
            Mutation::Truncate(p) => data.truncate(p % len),
        }
    }
    data
}

/// Mutate one part of a zip-based document and zip it again (stored, so the XML is what the
/// reader sees).
fn mutate_zip_part(zip_bytes: &[u8], part: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..src.len() {
        let mut entry = src.by_index(i).unwrap();
        let name = entry.name().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == part {
            data = apply(data, mutations);
        }
        out.start_file(name, opts).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

const FIXTURES: &[&str] = &[
    "dudley.docx",
    "dudley.odt",
    "dudley.pdf",
    "dudley.html",
    "lpt.docx",
    "lpt.odt",
    "lpt.pdf",
    "dudley_llr.xlsx",
    "dudley_llr.ods",
    "dudley_llr.xls",
    "dudley_reply_with_pdf.eml",
    "dudley_reply_html_body.eml",
    "truncated.docx",
    "encrypted_password.pdf",
    "restricted_rc4.pdf",
    "restricted_aes256.pdf",
    "dudley_objstm.pdf",
    "dudley_qdf.pdf",
    "dudley_chromium.pdf",
    "scanned.pdf",
    "corners.xlsx",
    "corners.xls",
    "repeat_bomb.ods",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096), name in prop::sample::select(NAMES)) {
        never_panics(name, &bytes);
    }

    #[test]
    fn bytes_behind_a_format_header_never_panic(
        header in prop::sample::select(vec![&b"%PDF-1.7\n"[..], b"PK\x03\x04", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", b"<!DOCTYPE html>", b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n", b"\xEF\xBB\xBF", b"\xFF\xFE"]),
        body in prop::collection::vec(any::<u8>(), 0..2048),
        name in prop::sample::select(NAMES),
    ) {
        let mut bytes = header.to_vec();
        bytes.extend(body);
        never_panics(name, &bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn mutated_fixtures_never_panic(
        which in 0..FIXTURES.len(),
        mutations in prop::collection::vec(prop_oneof![mutation(), token_mutation()], 1..6),
        name in prop::sample::select(NAMES),
    ) {
        let data = apply(fixture(FIXTURES[which]), &mutations);
        never_panics(FIXTURES[which], &data);
        never_panics(name, &data);
    }

    #[test]
    fn mutated_xml_inside_office_files_never_panics(
        which in 0..8usize,
        mutations in prop::collection::vec(prop_oneof![mutation(), token_mutation()], 1..8),
    ) {
        let (file, part) = [("dudley_llr.xlsx", "xl/sharedStrings.xml"), ("dudley_llr.xlsx", "xl/styles.xml"), ("dudley_llr.xlsx", "xl/workbook.xml"),
            ("dudley.docx", "word/document.xml"),
            ("lpt.docx", "word/numbering.xml"),
            ("dudley.odt", "content.xml"),
            ("dudley_llr.ods", "content.xml"),
            ("dudley_llr.xlsx", "xl/worksheets/sheet1.xml"),
        ][which];
        let data = mutate_zip_part(&fixture(file), part, &mutations);
        never_panics(file, &data);
    }

    #[test]
    fn mutated_pdf_content_and_fonts_never_panic(
        mutations in prop::collection::vec(prop_oneof![mutation(), token_mutation(), token_mutation()], 1..10),
    ) {
        // QDF: every stream uncompressed, so mutations reach content streams, fonts and CMaps.
        let data = apply(fixture("dudley_qdf.pdf"), &mutations);
        never_panics("dudley_qdf.pdf", &data);
    }
}
