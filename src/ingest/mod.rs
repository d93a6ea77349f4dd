//! File bytes → text, one module per format. The text each reader returns is what extraction
//! sees and what evidence spans point into; [`Document::locators`] map spans of that text back
//! to where they were in the file ("page 2", "'FOI response'!B7", "attachment reply.pdf").
//!
//! Every reader treats its input as hostile: sizes are checked before parsing (see [`limits`]),
//! decompression is capped, nothing recurses without a depth limit, and failures come back as
//! an [`IngestError`] whose message tells the user what to do instead. No reader panics on any
//! input (property tests in `tests/ingest_props.rs`); on wasm32 a panic would abort the worker.
//!
//! The format is chosen by content first (magic bytes, zip entry names, compound-file stream
//! names, text that looks like e-mail headers or HTML) and by the file name's extension only
//! when the content is ambiguous, so a PDF saved as `reply.docx` still reads as a PDF.

mod archive;
mod builder;
mod cells;
mod cfb;
mod charset;
mod docx;
mod eml;
mod html;
mod html_tokens;
pub mod limits;
mod odf;
mod pdf;
mod sniff;
pub mod txt;
pub mod wire;
mod xls;
mod xlsx;
mod xml;

use crate::model::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The text of one input file, ready for extraction. (Serialisable: in the browser it comes
/// back from the separate reader module as JSON, see [`wire`].)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub text: String,
    pub format: Format,
    /// Where parts of `text` came from in the file: pages, sheets and cells, e-mail attachments.
    /// Sorted by span start; spans nest (an attachment contains its pages) but never cross.
    pub locators: Vec<Locator>,
    /// Things the user should know about the conversion, e.g. an attachment that was skipped or
    /// a page without text. Plain sentences, shown beside the result.
    pub notes: Vec<String>,
}

impl Document {
    /// Where byte `offset` of the text came from, outermost first (e.g. the attachment, then
    /// its page). Empty for formats without locators (plain text, HTML).
    pub fn places_at(&self, offset: usize) -> Vec<&Place> {
        let mut found: Vec<&Locator> = self
            .locators
            .iter()
            .filter(|l| l.span.start <= offset && offset < l.span.end)
            .collect();
        // Outer spans start earlier or, when they start together, end later.
        found.sort_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then(b.span.end.cmp(&a.span.end))
        });
        found.into_iter().map(|l| &l.place).collect()
    }

    /// A human description of where `span` came from, e.g. "attachment reply.pdf, page 2" or
    /// "'FOI response'!B7"; `None` when the format has no locators.
    pub fn describe(&self, span: Span) -> Option<String> {
        let places = self.places_at(span.start);
        if places.is_empty() {
            return None;
        }
        // A cell names its sheet already: "'FOI response'!B2", not "sheet 'FOI response', ...".
        let named_by_a_cell = |sheet: &str| {
            places
                .iter()
                .any(|p| matches!(p, Place::Cell { sheet: s, .. } if s == sheet))
        };
        Some(
            places
                .iter()
                .filter(|p| !matches!(p, Place::Sheet(s) if named_by_a_cell(s)))
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        )
    }
}

/// A span of the extracted text and the place in the file it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Locator {
    pub span: Span,
    pub place: Place,
}

/// A place in a file, as a user would look for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Place {
    /// A PDF page, 1-based.
    Page(u32),
    /// A whole worksheet.
    Sheet(String),
    /// One spreadsheet cell; `row` and `col` are 0-based (A1 is row 0, col 0).
    Cell { sheet: String, row: u32, col: u32 },
    /// The body of an e-mail.
    MessageBody,
    /// A file attached to an e-mail.
    Attachment(String),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Page(n) => write!(f, "page {n}"),
            Place::Sheet(name) => write!(f, "sheet {}", quote_sheet_name(name)),
            Place::Cell { sheet, row, col } => {
                write!(
                    f,
                    "{}!{}{}",
                    quote_sheet_name(sheet),
                    column_letters(*col),
                    row + 1
                )
            }
            Place::MessageBody => write!(f, "message body"),
            Place::Attachment(name) => write!(f, "attachment {name}"),
        }
    }
}

/// Sheet names as spreadsheet formulas write them: bare when simple, else in single quotes.
fn quote_sheet_name(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// A list counter as Roman numerals ("IV"); numbers beyond 3999 as digits. Word and
/// OpenDocument lists both number this way.
pub(crate) fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            s.push_str(numeral);
            n -= value;
        }
    }
    s
}

/// 0 → "A", 25 → "Z", 26 → "AA", 16383 → "XFD".
pub fn column_letters(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The file formats foi-lens reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    Text,
    Email,
    Html,
    Docx,
    Odt,
    Xlsx,
    Xls,
    Ods,
    Pdf,
}

impl Format {
    /// What users call files of this format, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Format::Text => "text file",
            Format::Email => "e-mail",
            Format::Html => "web page",
            Format::Docx => "Word document",
            Format::Odt => "OpenDocument text",
            Format::Xlsx => "Excel spreadsheet",
            Format::Xls => "Excel 97-2003 spreadsheet",
            Format::Ods => "OpenDocument spreadsheet",
            Format::Pdf => "PDF",
        }
    }
}

/// Why a file could not be read; the message tells the user what to do instead.
#[derive(Clone, Debug, PartialEq)]
pub enum IngestError {
    /// 0 bytes.
    Empty,
    /// Over [`limits::MAX_FILE_BYTES`]; refused before any parsing.
    TooLarge { bytes: u64, limit: u64 },
    /// Needs a password to open (`what` is e.g. "PDF", "Word document").
    PasswordProtected { what: String },
    /// A PDF whose pages are images only.
    NoTextLayer { pages: usize },
    /// A compressed file that would expand beyond the limits.
    ZipBomb { what: String, detail: String },
    /// Within the byte limit but too much content to handle (e.g. millions of cells).
    TooMuchContent { what: String, detail: String },
    /// The right kind of file but broken (truncated download, corrupted zip, bad XML).
    Damaged { what: String, detail: String },
    /// Not a document at all: an image, a program, an archive of some kind…
    NotADocument { looks_like: String },
    /// A document format foi-lens does not read, with what to do instead.
    Unsupported { what: String, advice: String },
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IngestError::Empty => write!(
                f,
                "the file is empty (0 bytes): nothing to parse. Check that the download or \
                 attachment saved completely and try again, or paste the reply's text"
            ),
            IngestError::TooLarge { bytes, limit } => write!(
                f,
                "the file is {}, over the {} limit: foi-lens reads FOI replies, not archives. \
                 Save just the part with the answer (e.g. the pages with the figures, or one \
                 sheet) as a new file, or paste its text",
                human_bytes(*bytes),
                human_bytes(*limit)
            ),
            IngestError::PasswordProtected { what } => write!(
                f,
                "This {what} is password-protected: it cannot be read without the password. \
                 Open it with the password and copy the text (or save/print an unprotected \
                 copy), then paste or drop that instead"
            ),
            IngestError::NoTextLayer { pages } => write!(
                f,
                "This PDF has no text layer: it is a scan ({pages} {} of images only). Copy the \
                 text from the original document, run text recognition (OCR, e.g. \"Recognise \
                 text\" in your PDF reader) and drop the result, or paste the text. You can also \
                 ask the authority for an accessible copy",
                if *pages == 1 { "page" } else { "pages" }
            ),
            IngestError::ZipBomb { what, detail } => write!(
                f,
                "This {what} {detail}, far more than any real document: refusing to unpack it \
                 (it looks like a {} bomb). If it is genuine, open it in office software and \
                 save a smaller copy, or paste the text",
                if what == "PDF" {
                    "decompression"
                } else {
                    "zip"
                }
            ),
            IngestError::TooMuchContent { what, detail } => write!(
                f,
                "This {what} is too big to read here: {detail}. Copy the part with the answer \
                 into a new file, or paste it"
            ),
            IngestError::Damaged { what, detail } => write!(
                f,
                "This {what} is damaged and cannot be read ({detail}). If it was downloaded or \
                 saved from an e-mail, do that again; or open it in office software (which can \
                 often repair it) and save a fresh copy; or copy the text and paste it"
            ),
            IngestError::NotADocument { looks_like } => write!(
                f,
                "This looks like {looks_like}, not a document with text. foi-lens reads .txt, \
                 .eml, .html, .docx, .odt, .xlsx, .xls, .ods and .pdf files; if this is a picture \
                 of the reply, run text recognition (OCR) on it or type out the figures"
            ),
            IngestError::Unsupported { what, advice } => {
                write!(f, "{what} cannot be read by foi-lens: {advice}")
            }
        }
    }
}

impl std::error::Error for IngestError {}

fn human_bytes(n: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if n >= MB {
        let tenths = n * 10 / MB;
        if tenths % 10 == 0 {
            format!("{} MB", tenths / 10)
        } else {
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    } else if n >= 1024 {
        format!("{} KB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

/// Turn a file's bytes into text, choosing the reader by content and then by name.
pub fn extract_text(name: &str, bytes: &[u8]) -> Result<Document, IngestError> {
    extract_nested(name, bytes, 0)
}

/// [`extract_text`] for a caller that has the other readers elsewhere: a plain-text file is
/// decoded here and any other format is handed to `read_other`. The page's wasm calls this so
/// that it carries only the text decoder; the PDF, Word, spreadsheet, e-mail and web-page
/// readers live in a separate wasm module the parsing worker loads when the first such file
/// arrives (`src/bin/foi-lens-reader.rs`). Same checks and same answers as [`extract_text`].
pub fn extract_text_or(
    name: &str,
    bytes: &[u8],
    read_other: impl FnOnce(&str, &[u8]) -> Result<Document, String>,
) -> Result<Document, String> {
    check_size(bytes).map_err(|e| e.to_string())?;
    if sniff::is_plain_text(name, bytes).map_err(|e| e.to_string())? {
        Ok(plain_text(name, bytes))
    } else {
        read_other(name, bytes)
    }
}

/// Refuse empty and oversized input before any parsing.
fn check_size(bytes: &[u8]) -> Result<(), IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(IngestError::TooLarge {
            bytes: bytes.len() as u64,
            limit: limits::MAX_FILE_BYTES,
        });
    }
    Ok(())
}

fn plain_text(name: &str, bytes: &[u8]) -> Document {
    Document {
        text: txt::decode(bytes),
        format: Format::Text,
        locators: Vec::new(),
        notes: sniff::text_under_document_name(name).into_iter().collect(),
    }
}

/// [`extract_text`] for a file found inside another (an e-mail attachment): `depth` counts the
/// nesting so an e-mail attached to an e-mail attached to … stops at [`limits::MAX_NESTING`].
pub(crate) fn extract_nested(
    name: &str,
    bytes: &[u8],
    depth: usize,
) -> Result<Document, IngestError> {
    check_size(bytes)?;
    match sniff::detect(name, bytes)? {
        Format::Text => Ok(plain_text(name, bytes)),
        Format::Html => html::read(bytes),
        Format::Email => eml::read(bytes, depth),
        Format::Docx => docx::read(bytes),
        Format::Odt => odf::read_text_document(bytes),
        Format::Ods => odf::read_spreadsheet(bytes),
        Format::Xlsx => xlsx::read(bytes),
        Format::Xls => xls::read(bytes),
        Format::Pdf => pdf::read(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_spreadsheet_naming() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(column_letters(16383), "XFD");
    }

    #[test]
    fn cell_places_print_like_spreadsheet_references() {
        let cell = |sheet: &str, row, col| Place::Cell {
            sheet: sheet.into(),
            row,
            col,
        };
        assert_eq!(cell("Sheet1", 6, 2).to_string(), "Sheet1!C7");
        assert_eq!(cell("FOI response", 0, 1).to_string(), "'FOI response'!B1");
        assert_eq!(cell("Trust's", 0, 0).to_string(), "'Trust''s'!A1");
    }

    #[test]
    fn describe_joins_nested_places_outermost_first() {
        let doc = Document {
            text: "x".repeat(100),
            format: Format::Email,
            locators: vec![
                Locator {
                    span: Span::new(10, 90),
                    place: Place::Attachment("reply.pdf".into()),
                },
                Locator {
                    span: Span::new(10, 40),
                    place: Place::Page(1),
                },
                Locator {
                    span: Span::new(40, 90),
                    place: Place::Page(2),
                },
            ],
            notes: vec![],
        };
        assert_eq!(
            doc.describe(Span::new(45, 50)).as_deref(),
            Some("attachment reply.pdf, page 2")
        );
        assert_eq!(doc.describe(Span::new(5, 6)), None);
    }

    #[test]
    fn empty_and_oversized_files_are_refused_before_parsing() {
        assert_eq!(extract_text("a.pdf", b""), Err(IngestError::Empty));
        let big = vec![b'a'; limits::MAX_FILE_BYTES as usize + 1];
        match extract_text("big.txt", &big) {
            Err(IngestError::TooLarge { bytes, limit }) => {
                assert_eq!(bytes, limits::MAX_FILE_BYTES + 1);
                assert_eq!(limit, limits::MAX_FILE_BYTES);
            }
            other => panic!("expected TooLarge, got {other:?}"),
        }
    }

    #[test]
    fn messages_say_what_to_do_next() {
        let m = IngestError::TooLarge {
            bytes: 63 * 1024 * 1024 + 300_000,
            limit: 50 * 1024 * 1024,
        }
        .to_string();
        assert!(
            m.starts_with("the file is 63.2 MB, over the 50 MB limit"),
            "{m}"
        );
        let m = IngestError::NoTextLayer { pages: 1 }.to_string();
        assert!(
            m.starts_with("This PDF has no text layer: it is a scan (1 page of images only)"),
            "{m}"
        );
        let m = IngestError::PasswordProtected { what: "PDF".into() }.to_string();
        assert!(m.starts_with("This PDF is password-protected: "), "{m}");
    }
}
