//! Which reader a file needs: by content first (magic bytes; the entries of a zip; the stream
//! names of an OLE compound file; e-mail headers or HTML markup at the start of text), by the
//! name's extension only when the content leaves it open. Files that are not documents at all
//! (pictures, programs, archives) are named in the error so the user knows what they dropped.

use super::{archive, Format, IngestError};

/// Decide the format of `bytes` (named `name`), or explain why it cannot be read.
pub fn detect(name: &str, bytes: &[u8]) -> Result<Format, IngestError> {
    detect_with(name, bytes, |container, bytes, ext| match container {
        Container::Zip => archive::classify(bytes, ext),
        Container::Compound => classify_compound_file(bytes),
    })
}

/// Is this file plain text (which the page's wasm decodes itself), or does it need the file
/// readers? Answered as [`detect`] would, except that a zip or compound file is not opened to
/// see which kind of document it holds: whatever it is, it is not plain text. (Opening them
/// would bring the inflate and compound-file code into the page's wasm; the reader module
/// classifies them properly, and gives the same errors as [`detect`].)
pub fn is_plain_text(name: &str, bytes: &[u8]) -> Result<bool, IngestError> {
    // Not opened: any format but plain text gives the same answer.
    let not_opened = |_: Container, _: &[u8], _: &str| Ok(Format::Docx);
    Ok(detect_with(name, bytes, not_opened)? == Format::Text)
}

/// The two kinds of file that hold other files, whose format is known only from inside.
enum Container {
    Zip,
    Compound,
}

/// [`detect`], with the opening of containers given.
fn detect_with(
    name: &str,
    bytes: &[u8],
    open: impl FnOnce(Container, &[u8], &str) -> Result<Format, IngestError>,
) -> Result<Format, IngestError> {
    let ext = extension(name);
    if find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some() {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"PK\x05\x06")
        || bytes.starts_with(b"PK\x07\x08")
    {
        return open(Container::Zip, bytes, &ext);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return open(Container::Compound, bytes, &ext);
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(IngestError::Unsupported {
            what: "An RTF document".into(),
            advice: "open it in Word or LibreOffice and save it as .docx or PDF, or copy the text and paste it".into(),
        });
    }
    if bytes.starts_with(b"%!PS") {
        return Err(IngestError::Unsupported {
            what: "A PostScript file".into(),
            advice: "convert it to PDF (any PDF viewer or `ps2pdf` can), then drop the PDF".into(),
        });
    }
    if !looks_like_text(bytes) {
        let looks_like = describe_binary(bytes)
            .unwrap_or("binary data of an unknown kind")
            .to_string();
        let looks_like = match expected_by_extension(&ext) {
            Some(expected) => {
                format!("{looks_like} (although it is named .{ext}, it is not a {expected})")
            }
            None => looks_like,
        };
        return Err(IngestError::NotADocument { looks_like });
    }
    let head = text_head(bytes);
    if let Some(format) = classify_markup(&head) {
        return Ok(format);
    }
    match email_evidence(&head) {
        EmailEvidence::Strong => return Ok(Format::Email),
        EmailEvidence::Weak if matches!(ext.as_str(), "eml" | "mht" | "mhtml") => {
            return Ok(Format::Email)
        }
        _ => {}
    }
    if matches!(ext.as_str(), "htm" | "html" | "xhtml") && head.contains('<') {
        return Ok(Format::Html);
    }
    Ok(Format::Text)
}

/// The lower-case extension of a file name ("" when there is none).
pub fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// A note for plain text that arrived under a document's name (read as text all the same:
/// the content decides).
pub fn text_under_document_name(name: &str) -> Option<String> {
    let ext = extension(name);
    let expected = expected_by_extension(&ext)?;
    Some(format!(
        "This file is named .{ext} but contains plain text, not a {expected}; it was read as text."
    ))
}

/// The kind of document a binary extension promises, for messages about mismatches.
fn expected_by_extension(ext: &str) -> Option<&'static str> {
    Some(match ext {
        "pdf" => "PDF",
        "docx" | "docm" | "dotx" => "Word document",
        "doc" => "Word document",
        "odt" => "OpenDocument text",
        "xlsx" | "xlsm" | "xls" => "spreadsheet",
        "ods" => "OpenDocument spreadsheet",
        _ => return None,
    })
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// OLE compound files hold the old binary Office formats and Outlook messages; the directory
/// stores stream names in UTF-16, so a search for the name tells them apart without parsing.
fn classify_compound_file(bytes: &[u8]) -> Result<Format, IngestError> {
    let has = |name: &str| {
        let utf16: Vec<u8> = name.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        find(bytes, &utf16).is_some()
    };
    if has("EncryptedPackage") {
        return Err(IngestError::PasswordProtected {
            what: "Office document".into(),
        });
    }
    if has("Workbook") || has("Book") {
        return Ok(Format::Xls);
    }
    if has("WordDocument") {
        return Err(IngestError::Unsupported {
            what: "A Word 97-2003 document (.doc)".into(),
            advice: "open it in Word or LibreOffice and save it as .docx or PDF, or copy the text and paste it".into(),
        });
    }
    if has("__substg1.0_") {
        return Err(IngestError::Unsupported {
            what: "An Outlook message (.msg)".into(),
            advice: "in Outlook use File > Save As and choose .eml (or drag the attachment out and drop it here), or copy the text and paste it".into(),
        });
    }
    if has("PowerPoint Document") {
        return Err(IngestError::Unsupported {
            what: "A PowerPoint 97-2003 presentation (.ppt)".into(),
            advice: "export it as PDF and drop the PDF".into(),
        });
    }
    Err(IngestError::Unsupported {
        what: "An old-style Office file of an unknown kind".into(),
        advice: "open it in office software and save it as .docx, .xlsx or PDF".into(),
    })
}

/// Names for common non-document files, from their magic bytes.
fn describe_binary(b: &[u8]) -> Option<&'static str> {
    let at = |offset: usize, magic: &[u8]| b.get(offset..offset + magic.len()) == Some(magic);
    Some(if at(0, b"\x89PNG\r\n\x1a\n") {
        "a PNG image"
    } else if at(0, &[0xFF, 0xD8, 0xFF]) {
        "a JPEG image (a photo or a scan)"
    } else if at(0, b"GIF87a") || at(0, b"GIF89a") {
        "a GIF image"
    } else if at(0, b"II*\0") || at(0, b"MM\0*") {
        "a TIFF image (often a scan or a fax)"
    } else if at(0, b"RIFF") && at(8, b"WEBP") {
        "a WebP image"
    } else if at(0, b"BM") && b.len() > 26 && at(6, &[0, 0, 0, 0]) {
        "a BMP image"
    } else if at(4, b"ftypheic") || at(4, b"ftypheix") || at(4, b"ftypmif1") {
        "a HEIC photo (as phones take)"
    } else if at(4, b"ftyp") {
        "a video or audio file (MP4/MOV)"
    } else if at(0, b"RIFF") && at(8, b"WAVE") {
        "a WAV audio file"
    } else if at(0, b"ID3") {
        "an MP3 audio file"
    } else if at(0, b"MZ") {
        "a Windows program (.exe or .dll)"
    } else if at(0, b"\x7fELF") {
        "a Linux program"
    } else if at(0, &[0xCF, 0xFA, 0xED, 0xFE])
        || at(0, &[0xFE, 0xED, 0xFA, 0xCE])
        || at(0, &[0xCA, 0xFE, 0xBA, 0xBE])
    {
        "a compiled program"
    } else if at(0, &[0x1F, 0x8B]) {
        "a gzip-compressed file (decompress it first)"
    } else if at(0, b"BZh") {
        "a bzip2-compressed file (decompress it first)"
    } else if at(0, &[0xFD, b'7', b'z', b'X', b'Z', 0]) {
        "an xz-compressed file (decompress it first)"
    } else if at(0, &[b'7', b'z', 0xBC, 0xAF, 0x27, 0x1C]) {
        "a 7-Zip archive (unpack it and drop the documents inside)"
    } else if at(0, b"Rar!\x1a\x07") {
        "a RAR archive (unpack it and drop the documents inside)"
    } else if at(0, &[0x28, 0xB5, 0x2F, 0xFD]) {
        "a zstd-compressed file (decompress it first)"
    } else if at(0, b"SQLite format 3\0") {
        "an SQLite database"
    } else if at(0, b"\0asm") {
        "a WebAssembly module"
    } else if at(0, b"wOFF") || at(0, b"wOF2") || at(0, b"OTTO") {
        "a font file"
    } else {
        return None;
    })
}

/// Text has (almost) no control bytes other than TAB, CR, LF and FF; UTF-16 text (with or without
/// a byte-order mark) has NULs in every other byte, which also counts as text.
pub(crate) fn looks_like_text(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.starts_with(&[0xFF, 0xFE])
        || sample.starts_with(&[0xFE, 0xFF])
        || utf16_without_bom(sample).is_some()
    {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| matches!(b, 0x00..=0x08 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F))
        .count();
    let nul = sample.contains(&0);
    !nul && control * 200 <= sample.len()
}

/// Big- or little-endian UTF-16 without a BOM: nearly all of one byte lane is zero (ASCII text),
/// nearly none of the other. Returns `true` for little-endian.
pub(crate) fn utf16_without_bom(sample: &[u8]) -> Option<bool> {
    let pairs = sample.len() / 2;
    if pairs < 4 {
        return None;
    }
    let (mut even_zero, mut odd_zero) = (0, 0);
    for pair in sample.chunks_exact(2) {
        even_zero += (pair[0] == 0) as usize;
        odd_zero += (pair[1] == 0) as usize;
    }
    if odd_zero * 10 >= pairs * 9 && even_zero * 10 <= pairs {
        Some(true)
    } else if even_zero * 10 >= pairs * 9 && odd_zero * 10 <= pairs {
        Some(false)
    } else {
        None
    }
}

/// The first few KB as text, for looking at headers and markup.
fn text_head(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(8 * 1024)];
    let text = super::txt::decode(head);
    text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .to_string()
}

/// HTML (and the XML flavours of office documents) by their first tags.
fn classify_markup(head: &str) -> Option<Format> {
    let lower: String = head
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    let starts = |p: &str| lower.starts_with(p);
    if starts("<!doctype html")
        || starts("<html")
        || starts("<head")
        || starts("<body")
        || starts("<table")
    {
        return Some(Format::Html);
    }
    if starts("<?xml") || starts("<!--") || starts("<!doctype") {
        if lower.contains("<html") {
            return Some(Format::Html);
        }
        if lower.contains("opendocument:xmlns:office") && lower.contains("office:document") {
            return Some(
                if lower.contains("office:spreadsheet")
                    || lower.contains("vnd.oasis.opendocument.spreadsheet")
                {
                    Format::Ods
                } else {
                    Format::Odt
                },
            );
        }
        if starts("<!--") {
            return Some(Format::Html);
        }
    }
    None
}

enum EmailEvidence {
    Strong,
    Weak,
    None,
}

/// Does the text start with RFC 5322 header lines? Headers only a mail system writes
/// (Received, Message-ID, MIME-Version, …) are strong evidence; From/To/Subject/Date alone could
/// also start a pasted letter, so they count only with an e-mail extension.
fn email_evidence(head: &str) -> EmailEvidence {
    let mut strong = false;
    let mut weak = 0;
    let mut headers = 0;
    for line in head.lines().take(200) {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            if headers == 0 {
                return EmailEvidence::None;
            }
            continue; // folded continuation of the previous header
        }
        let Some((field, _)) = line.split_once(':') else {
            return if headers >= 2 && strong {
                EmailEvidence::Strong
            } else {
                EmailEvidence::None
            };
        };
        if field.is_empty()
            || !field
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return if headers >= 2 && strong {
                EmailEvidence::Strong
            } else {
                EmailEvidence::None
            };
        }
        headers += 1;
        match field.to_ascii_lowercase().as_str() {
            "received"
            | "message-id"
            | "mime-version"
            | "return-path"
            | "delivered-to"
            | "content-type"
            | "x-mailer"
            | "dkim-signature"
            | "authentication-results"
            | "thread-index" => strong = true,
            "from" | "to" | "subject" | "date" | "cc" | "sent" => weak += 1,
            _ => {}
        }
    }
    if headers >= 2 && strong {
        EmailEvidence::Strong
    } else if weak >= 2 {
        EmailEvidence::Weak
    } else {
        EmailEvidence::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn looks_like(name: &str, bytes: &[u8]) -> String {
        match detect(name, bytes) {
            Err(IngestError::NotADocument { looks_like }) => looks_like,
            other => panic!("expected NotADocument, got {other:?}"),
        }
    }

    #[test]
    fn the_pages_plain_text_question_agrees_with_detect_on_every_fixture() {
        let mut files: Vec<_> = std::fs::read_dir("tests/fixtures/files")
            .unwrap()
            .chain(std::fs::read_dir("tests/fixtures").unwrap())
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        let mut zips = 0;
        for path in &files {
            let name = path.file_name().unwrap().to_str().unwrap();
            let bytes = std::fs::read(path).unwrap();
            let got = is_plain_text(name, &bytes);
            match detect(name, &bytes) {
                Ok(format) => assert_eq!(got, Ok(format == Format::Text), "{name}"),
                // A damaged zip or compound file is the readers' to explain: not plain text.
                Err(_) if bytes.starts_with(b"PK") || bytes.starts_with(&[0xD0, 0xCF]) => {
                    zips += 1;
                    assert_eq!(got, Ok(false), "{name}")
                }
                Err(e) => assert_eq!(got, Err(e), "{name}"),
            }
        }
        assert!(files.len() > 100, "{} files", files.len());
        assert!(zips >= 1, "a damaged zip among the fixtures");
    }

    #[test]
    fn pdf_magic_wins_over_the_extension() {
        assert_eq!(detect("reply.docx", b"%PDF-1.7\n...").unwrap(), Format::Pdf);
        // Some generators put junk before the header; readers accept it within 1 KB.
        assert_eq!(detect("x", b"\r\n\r\n%PDF-1.4\n").unwrap(), Format::Pdf);
    }

    #[test]
    fn pictures_and_programs_are_named() {
        assert_eq!(
            looks_like("scan.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            "a PNG image"
        );
        assert_eq!(
            looks_like("reply.docx", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            "a PNG image (although it is named .docx, it is not a Word document)"
        );
        assert_eq!(
            looks_like("setup.exe", b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff"),
            "a Windows program (.exe or .dll)"
        );
        assert_eq!(
            looks_like("photo.jpg", &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F']),
            "a JPEG image (a photo or a scan)"
        );
        assert_eq!(
            looks_like("x.bin", &[0x00, 0x01, 0x02, 0x03, 0x99, 0x00]),
            "binary data of an unknown kind"
        );
    }

    #[test]
    fn email_needs_mail_system_headers_or_an_eml_name() {
        let mail = b"Received: from x\r\nFrom: a@b\r\nSubject: FOI\r\n\r\nbody";
        assert_eq!(detect("reply.txt", mail).unwrap(), Format::Email);
        let letter = b"From: FOI Team\nDate: 26 Sep 2025\nSubject: Your request\n\nDear ...";
        assert_eq!(detect("reply.txt", letter).unwrap(), Format::Text);
        assert_eq!(detect("reply.eml", letter).unwrap(), Format::Email);
        let dudley = b"Trust Headquarters\n\nRef: FOI-1\n\nDate: 26.9.25\n";
        assert_eq!(detect("x.eml", dudley).unwrap(), Format::Text);
    }

    #[test]
    fn html_by_markup_or_by_name() {
        assert_eq!(
            detect("x.txt", b"\xEF\xBB\xBF  <!DOCTYPE html><p>hi").unwrap(),
            Format::Html
        );
        assert_eq!(
            detect("x", b"<html><body>x</body></html>").unwrap(),
            Format::Html
        );
        assert_eq!(
            detect("x.htm", b"<p>Capital &amp; Revenue</p>").unwrap(),
            Format::Html
        );
        assert_eq!(
            detect("x.txt", b"Costs <5k were excluded").unwrap(),
            Format::Text
        );
    }

    #[test]
    fn utf16_text_without_bom_is_text() {
        let utf16: Vec<u8> = "Capital & Revenue Cost\t£16,467,000"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(detect("x.txt", &utf16).unwrap(), Format::Text);
    }

    #[test]
    fn plain_text_under_an_office_name_is_read_as_text_with_a_note() {
        assert_eq!(
            detect("reply.docx", b"IT spend 2023/24: \xc2\xa313,107,000").unwrap(),
            Format::Text
        );
        assert_eq!(
            text_under_document_name("reply.docx").as_deref(),
            Some("This file is named .docx but contains plain text, not a Word document; it was read as text.")
        );
        assert_eq!(text_under_document_name("reply.txt"), None);
    }

    #[test]
    fn old_office_files_get_advice() {
        let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        cfb.extend("WordDocument".encode_utf16().flat_map(|u| u.to_le_bytes()));
        match detect("x.doc", &cfb) {
            Err(IngestError::Unsupported { what, advice }) => {
                assert!(what.contains(".doc"));
                assert!(advice.contains("save it as .docx or PDF"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn extensions_are_lower_case_and_need_a_stem() {
        assert_eq!(extension("Reply.PDF"), "pdf");
        assert_eq!(extension("dir.v2/reply"), "");
        assert_eq!(extension(".bashrc"), "");
        assert_eq!(extension("a.tar.gz"), "gz");
    }
}
