//! What the parsing worker does for one file, and what the page tells the user about it. Pure:
//! the worker (`scope`) and the CLI-like native tests call the same [`parse_bytes`], so a file
//! gives the same answer in the worker as anywhere else.

use crate::model::Response;
use crate::workspace::row::AutoMatch;

/// Largest file the page hands to the worker (the readers' own limit). Checked before the file
/// is read at all, so a 2 GB video dropped by mistake costs nothing.
pub const MAX_FILE_BYTES: u64 = crate::ingest::limits::MAX_FILE_BYTES;

/// How long one file may take in the worker before it is stopped (the readers are bounded, so
/// only a bug gets here; generous for a 50 MB PDF on a slow machine).
pub const TIMEOUT_SECONDS: u32 = 120;

/// A file starting with these bytes makes the worker panic on purpose, so the browser tests can
/// check the real recovery path (a wasm trap becomes this file's error, a fresh worker reads the
/// rest). Nobody writes this by accident; anyone who does just sees that file's error line.
pub const SELF_TEST_PANIC: &[u8] = b"FOI-LENS SELF-TEST: PANIC IN A READER\n";

/// Where a file is in the worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Turning the file's bytes into text (PDF, Word, spreadsheet, e-mail readers).
    Reading,
    /// Finding the figures in the text.
    Extracting,
}

impl Stage {
    pub fn key(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Extracting => "extracting",
        }
    }

    pub fn from_key(key: &str) -> Option<Stage> {
        match key {
            "reading" => Some(Stage::Reading),
            "extracting" => Some(Stage::Extracting),
            _ => None,
        }
    }

    /// For a progress line: "reading the file", "finding the figures".
    pub fn describe(self) -> &'static str {
        match self {
            Stage::Reading => "reading the file",
            Stage::Extracting => "finding the figures",
        }
    }
}

/// A file read and parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// The text the figures were read from (evidence spans point into it).
    pub text: String,
    pub response: Response,
    /// Its automatic benchmark match, computed here too (about a millisecond per reply, which
    /// 500 replies would otherwise spend on the page's thread).
    pub auto_match: AutoMatch,
}

/// Read `bytes` (a file called `name`) and parse it, reporting each stage as it starts.
/// Plain text is decoded here; other formats go to `read_other` (in the browser, the separate
/// file-reader module: `reader::read`; natively, [`read_with_every_reader`]). `Err` is the
/// reader's message, which says what to do instead.
pub fn parse_bytes(
    name: &str,
    bytes: &[u8],
    read_other: impl FnOnce(&str, &[u8]) -> Result<crate::ingest::Document, String>,
    mut progress: impl FnMut(Stage),
) -> Result<Parsed, String> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large_message(bytes.len() as u64));
    }
    progress(Stage::Reading);
    if bytes.starts_with(SELF_TEST_PANIC) {
        panic!("self-test: a reader panicked on {name}");
    }
    let doc = crate::ingest::extract_text_or(name, bytes, read_other)?;
    progress(Stage::Extracting);
    let response = crate::parse_document(name, &doc);
    let auto_match = AutoMatch::compute(&response, &doc.text);
    Ok(Parsed {
        text: doc.text,
        response,
        auto_match,
    })
}

/// Every reader, in this module: what [`parse_bytes`] is given outside the browser.
pub fn read_with_every_reader(name: &str, bytes: &[u8]) -> Result<crate::ingest::Document, String> {
    crate::ingest::extract_text(name, bytes).map_err(|e| e.to_string())
}

/// Parse pasted text (no file, so no file name in the response).
pub fn parse_pasted(text: String, mut progress: impl FnMut(Stage)) -> Parsed {
    progress(Stage::Extracting);
    let response = crate::parse(&text);
    let auto_match = AutoMatch::compute(&response, &text);
    Parsed {
        text,
        response,
        auto_match,
    }
}

/// Why a file over [`MAX_FILE_BYTES`] is not read, and what to do instead (the readers' own
/// words for it).
pub fn too_large_message(bytes: u64) -> String {
    crate::ingest::IngestError::TooLarge {
        bytes,
        limit: MAX_FILE_BYTES,
    }
    .to_string()
}

/// What the user sees when the worker stopped inside a reader (a bug: wasm aborts on a panic).
pub fn crash_message(detail: Option<&str>) -> String {
    let mut m = String::from(
        "foi-lens stopped with an internal error while reading this file; the other files are \
         not affected. Open the file, copy its text and paste it instead, and please report the \
         problem with the file",
    );
    if let Some(d) = detail.filter(|d| !d.trim().is_empty()) {
        m.push_str(&format!(
            " (the error was: {})",
            d.chars().take(200).collect::<String>()
        ));
    }
    m
}

/// What the user sees when a file took longer than [`TIMEOUT_SECONDS`].
pub fn timeout_message() -> String {
    format!(
        "reading this file took longer than {TIMEOUT_SECONDS} seconds, so it was stopped; the \
         other files are not affected. Save the part with the answer as a smaller file, or copy \
         its text and paste it"
    )
}

/// What the user sees when the browser could not start the worker at all.
pub fn no_worker_message(detail: &str) -> String {
    format!(
        "this browser could not start foi-lens's background reader ({}), so files cannot be \
         read here. Paste the text of each reply instead, or open foi-lens in a current \
         version of Firefox, Chrome, Edge or Safari",
        detail.chars().take(200).collect::<String>()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_then_parsed_and_named() {
        let mut stages = Vec::new();
        let p = parse_bytes(
            "reply.txt",
            "IT spend 2023/24: £1,000".as_bytes(),
            read_with_every_reader,
            |s| stages.push(s),
        )
        .unwrap();
        assert_eq!(stages, [Stage::Reading, Stage::Extracting]);
        assert_eq!(p.text, "IT spend 2023/24: £1,000");
        assert_eq!(p.response.file.as_deref(), Some("reply.txt"));
    }

    #[test]
    fn only_files_that_are_not_plain_text_go_to_the_other_readers() {
        let mut asked = Vec::new();
        let mut other = |name: &str, bytes: &[u8]| {
            asked.push(name.to_string());
            read_with_every_reader(name, bytes)
        };
        let p = parse_bytes(
            "reply.txt",
            b"IT spend 2023/24: \xc2\xa31,000",
            &mut other,
            |_| {},
        );
        assert_eq!(p.unwrap().text, "IT spend 2023/24: £1,000");
        let docx = std::fs::read("tests/fixtures/files/dudley.docx").unwrap();
        let p = parse_bytes("dudley.docx", &docx, &mut other, |_| {}).unwrap();
        assert!(p.text.contains("Dudley"), "{}", p.text);
        assert_eq!(asked, ["dudley.docx"]);
        // What the other readers say is the file's error, word for word.
        let e = parse_bytes(
            "r.pdf",
            b"%PDF-1.7",
            |_: &str, _: &[u8]| Err("no readers here".into()),
            |_| {},
        );
        assert_eq!(e.unwrap_err(), "no readers here");
    }

    #[test]
    fn empty_and_oversized_files_are_refused_with_what_to_do() {
        let e = parse_bytes("empty.txt", b"", read_with_every_reader, |_| {}).unwrap_err();
        assert!(e.contains("empty"), "{e}");
        let big = vec![b'a'; MAX_FILE_BYTES as usize + 1];
        let mut started = false;
        let e =
            parse_bytes("big.txt", &big, read_with_every_reader, |_| started = true).unwrap_err();
        assert!(!started, "refused before reading");
        assert!(
            e.starts_with("the file is 50 MB, over the 50 MB limit"),
            "{e}"
        );
        assert!(too_large_message(63 * 1_048_576).starts_with("the file is 63 MB"));
    }

    #[test]
    fn the_self_test_file_panics_like_a_broken_reader() {
        let caught = std::panic::catch_unwind(|| {
            parse_bytes("x.txt", SELF_TEST_PANIC, read_with_every_reader, |_| {}).ok();
        });
        assert!(caught.is_err());
        // Only at the very start: the phrase inside a reply is just text.
        let mut quoted = b"He wrote: ".to_vec();
        quoted.extend_from_slice(SELF_TEST_PANIC);
        assert!(parse_bytes("y.txt", &quoted, read_with_every_reader, |_| {}).is_ok());
    }

    #[test]
    fn pasted_text_has_no_file_name() {
        let p = parse_pasted("nothing here".into(), |_| {});
        assert_eq!(p.response.file, None);
        assert_eq!(p.text, "nothing here");
    }

    #[test]
    fn stage_keys_round_trip_and_crash_messages_say_what_to_do() {
        for s in [Stage::Reading, Stage::Extracting] {
            assert_eq!(Stage::from_key(s.key()), Some(s));
        }
        assert_eq!(Stage::from_key("x"), None);
        let m = crash_message(Some("RuntimeError: unreachable"));
        assert!(m.contains("paste it instead"), "{m}");
        assert!(m.ends_with("(the error was: RuntimeError: unreachable)"));
        assert!(!crash_message(Some("  ")).contains("the error was"));
        assert!(timeout_message().contains("120 seconds"));
    }
}
