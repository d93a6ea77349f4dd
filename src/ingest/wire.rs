//! The reader module's answer as bytes. In the browser the file readers run in their own wasm
//! module (`src/bin/foi-lens-reader.rs`), which shares no Rust types with the page's module:
//! it hands back the [`Document`] (or the reader's message) as JSON, and the parsing worker
//! turns that back into a `Document` here. Both halves are plain functions so the round trip
//! is tested natively on real files.

use super::{extract_text, Document};

/// A file starting with these bytes makes [`read_to_wire`] panic on purpose, so the browser
/// tests can check the real recovery path of the file-reader module (its trap becomes this
/// file's error; the next file gets a fresh instance). It sniffs as a PDF, so it is sent there.
pub const SELF_TEST_PANIC: &[u8] = b"%PDF-1.7\n% FOI-LENS SELF-TEST: PANIC IN THE FILE READERS\n";

/// Read `bytes` (a file called `name`) with every reader and encode the outcome: the document,
/// or the message saying why it could not be read and what to do instead.
pub fn read_to_wire(name: &str, bytes: &[u8]) -> Vec<u8> {
    if bytes.starts_with(SELF_TEST_PANIC) {
        panic!("self-test: the file readers panicked on {name}");
    }
    let outcome: Result<Document, String> = extract_text(name, bytes).map_err(|e| e.to_string());
    // Serialising these types cannot fail (strings, numbers and enums only).
    serde_json::to_vec(&outcome).unwrap_or_default()
}

/// Decode what [`read_to_wire`] wrote.
pub fn from_wire(bytes: &[u8]) -> Result<Document, String> {
    serde_json::from_slice::<Result<Document, String>>(bytes).unwrap_or_else(|e| {
        Err(format!(
            "foi-lens's file reader sent back an answer this page cannot read ({e}); reload \
             the page (a newer version may have been installed) and open the file again"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{Format, Place};

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!("tests/fixtures/files/{name}")).unwrap()
    }

    #[test]
    fn a_document_survives_the_trip_with_its_places_and_notes() {
        for name in [
            "dudley.pdf",
            "dudley_llr.xlsx",
            "dudley_reply_with_pdf.eml",
            "scanned.pdf",
        ] {
            let bytes = fixture(name);
            let direct = extract_text(name, &bytes);
            let back = from_wire(&read_to_wire(name, &bytes));
            assert_eq!(back, direct.map_err(|e| e.to_string()), "{name}");
        }
        let pdf = from_wire(&read_to_wire("dudley.pdf", &fixture("dudley.pdf"))).unwrap();
        assert_eq!(pdf.format, Format::Pdf);
        assert!(pdf.text.contains("Dudley"));
        assert_eq!(pdf.locators[0].place, Place::Page(1));
    }

    #[test]
    fn a_refusal_keeps_the_readers_words() {
        let bomb = fixture("zipbomb.docx");
        let expected = extract_text("zipbomb.docx", &bomb).unwrap_err().to_string();
        assert_eq!(
            from_wire(&read_to_wire("zipbomb.docx", &bomb)),
            Err(expected)
        );
    }

    #[test]
    fn the_self_test_file_makes_the_readers_panic_and_is_sent_to_them() {
        assert_eq!(
            crate::ingest::sniff::is_plain_text("broken.pdf", SELF_TEST_PANIC),
            Ok(false)
        );
        let caught = std::panic::catch_unwind(|| read_to_wire("broken.pdf", SELF_TEST_PANIC));
        assert!(caught.is_err());
    }

    #[test]
    fn a_garbled_answer_is_an_error_that_says_what_to_do() {
        let e = from_wire(b"{\"Ok\":{\"text\":").unwrap_err();
        assert!(e.contains("reload the page"), "{e}");
        assert!(from_wire(b"").is_err());
    }
}
