//! Bounded access to the zip container of .docx, .xlsx, .odt and .ods files.
//!
//! Before the `zip` crate parses anything we read the end-of-central-directory record ourselves
//! and refuse archives listing more than [`MAX_ZIP_ENTRIES`]; then we refuse archives whose
//! entries declare more than [`MAX_UNZIPPED_BYTES`] in total. The `zip` crate (since 2.x) stops
//! any entry that inflates past its declared size, so declared sizes are a real bound on memory
//! and time, including for "overlapping entry" bombs and for calamine, which reads the same zip.

use super::limits::{MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES};
use super::{Format, IngestError};
use std::io::{Cursor, Read};

pub struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    what: &'static str,
}

impl<'a> Archive<'a> {
    /// Open `bytes` as the zip container of a `format` document, enforcing the limits.
    pub fn open(bytes: &'a [u8], format: Format) -> Result<Self, IngestError> {
        Self::open_as(bytes, format.describe())
    }

    fn open_as(bytes: &'a [u8], what: &'static str) -> Result<Self, IngestError> {
        let damaged = |detail: String| IngestError::Damaged {
            what: what.into(),
            detail,
        };
        let entries = declared_entry_count(bytes).ok_or_else(|| {
            damaged("the end of the file is missing, so it was probably cut short while downloading or copying".into())
        })?;
        if entries > MAX_ZIP_ENTRIES {
            return Err(IngestError::ZipBomb {
                what: what.into(),
                detail: format!("lists {entries} files inside (the limit is {MAX_ZIP_ENTRIES})"),
            });
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| damaged(format!("its zip structure is broken: {e}")))?;
        let mut declared: u64 = 0;
        for i in 0..zip.len() {
            let entry = zip
                .by_index_data(i)
                .map_err(|e| damaged(format!("its zip directory is broken: {e}")))?;
            declared = declared.saturating_add(entry.size());
        }
        if declared > MAX_UNZIPPED_BYTES {
            return Err(IngestError::ZipBomb {
                what: what.into(),
                detail: format!(
                    "would expand to {} MB when unzipped (the limit is {} MB)",
                    declared / (1024 * 1024),
                    MAX_UNZIPPED_BYTES / (1024 * 1024)
                ),
            });
        }
        Ok(Archive { zip, what })
    }

    pub fn names(&self) -> Vec<String> {
        self.zip
            .file_names()
            .filter_map(Result::ok)
            .map(|n| n.into_owned())
            .collect()
    }

    pub fn contains(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The bytes of entry `name`, `Ok(None)` when there is no such entry.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, IngestError> {
        let what = self.what;
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let mut entry = self
            .zip
            .by_index(index)
            .map_err(|e| entry_error(what, name, e))?;
        let mut out = Vec::with_capacity(entry.size().min(16 * 1024 * 1024) as usize);
        (&mut entry)
            .take(MAX_UNZIPPED_BYTES)
            .read_to_end(&mut out)
            .map_err(|e| IngestError::Damaged {
                what: what.into(),
                detail: format!("its part {name} cannot be unpacked: {e}"),
            })?;
        Ok(Some(out))
    }

    /// Like [`read`](Self::read) but a missing entry is an error: the document cannot be read
    /// without it.
    pub fn read_required(&mut self, name: &str) -> Result<Vec<u8>, IngestError> {
        let what = self.what;
        self.read(name)?.ok_or_else(|| IngestError::Damaged {
            what: what.into(),
            detail: format!("its main part {name} is missing"),
        })
    }
}

fn entry_error(what: &str, name: &str, e: zip::result::ZipError) -> IngestError {
    let text = e.to_string();
    if text.to_ascii_lowercase().contains("password")
        || text.to_ascii_lowercase().contains("encrypt")
    {
        IngestError::PasswordProtected { what: what.into() }
    } else {
        IngestError::Damaged {
            what: what.into(),
            detail: format!("its part {name} cannot be opened: {text}"),
        }
    }
}

/// The entry count from the end-of-central-directory record (or its zip64 variant), found by
/// scanning backwards over the last 64 KB as zip readers do. `None` when there is no such record
/// (a truncated file).
fn declared_entry_count(bytes: &[u8]) -> Option<u64> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let search_from = bytes.len().saturating_sub(22 + 65_535);
    let tail = &bytes[search_from..];
    let pos = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| tail[i..].starts_with(EOCD))?;
    let eocd = &tail[pos..];
    let count = u16::from_le_bytes([eocd[10], eocd[11]]) as u64;
    if count != 0xFFFF {
        return Some(count);
    }
    // zip64: a locator (20 bytes) just before the EOCD points at the zip64 EOCD record.
    let eocd_abs = search_from + pos;
    let locator = bytes.get(eocd_abs.checked_sub(20)?..eocd_abs)?;
    if !locator.starts_with(b"PK\x06\x07") {
        return Some(count);
    }
    let offset = u64::from_le_bytes(locator[8..16].try_into().ok()?) as usize;
    let record = bytes.get(offset..offset.checked_add(56)?)?;
    if !record.starts_with(b"PK\x06\x06") {
        return Some(count);
    }
    Some(u64::from_le_bytes(record[32..40].try_into().ok()?))
}

/// Which office format a zip file is, from its entries; other zips get a helpful refusal.
pub fn classify(bytes: &[u8], ext: &str) -> Result<Format, IngestError> {
    let what: &'static str = match ext {
        "docx" | "docm" | "dotx" => "Word document",
        "xlsx" | "xlsm" => "Excel spreadsheet",
        "odt" => "OpenDocument text",
        "ods" => "OpenDocument spreadsheet",
        _ => "zip file",
    };
    let mut archive = Archive::open_as(bytes, what)?;
    if archive.contains("word/document.xml") || archive.contains("word/document2.xml") {
        return Ok(Format::Docx);
    }
    if archive.contains("xl/workbook.xml") {
        return Ok(Format::Xlsx);
    }
    if archive.contains("xl/workbook.bin") {
        return Err(IngestError::Unsupported {
            what: "An Excel binary workbook (.xlsb)".into(),
            advice: "open it in Excel or LibreOffice and save it as .xlsx".into(),
        });
    }
    if archive.contains("ppt/presentation.xml") {
        return Err(IngestError::Unsupported {
            what: "A PowerPoint presentation".into(),
            advice: "export it as PDF and drop the PDF".into(),
        });
    }
    if let Some(mimetype) = archive.read("mimetype")? {
        let mimetype = String::from_utf8_lossy(&mimetype);
        let mimetype = mimetype.trim();
        if mimetype.starts_with("application/vnd.oasis.opendocument.text") {
            return Ok(Format::Odt);
        }
        if mimetype.starts_with("application/vnd.oasis.opendocument.spreadsheet") {
            return Ok(Format::Ods);
        }
        if mimetype.starts_with("application/vnd.oasis.opendocument.presentation") {
            return Err(IngestError::Unsupported {
                what: "An OpenDocument presentation".into(),
                advice: "export it as PDF and drop the PDF".into(),
            });
        }
    }
    if archive.contains("content.xml") {
        // An OpenDocument file without the mimetype entry (some generators omit it).
        return Ok(match ext {
            "ods" => Format::Ods,
            _ => Format::Odt,
        });
    }
    let names = archive.names();
    if what != "zip file" {
        return Err(IngestError::Damaged {
            what: what.into(),
            detail: "it is a zip file but has none of the parts such a document must have".into(),
        });
    }
    let examples: Vec<&str> = names
        .iter()
        .filter(|n| !n.ends_with('/'))
        .take(3)
        .map(String::as_str)
        .collect();
    Err(IngestError::Unsupported {
        what: format!(
            "A zip archive of {} files{}",
            names.len(),
            if examples.is_empty() {
                String::new()
            } else {
                format!(" ({}…)", examples.join(", "))
            }
        ),
        advice: "unzip it and drop the documents inside".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn office_formats_are_told_apart_by_their_parts() {
        let docx = zip_with(&[
            ("[Content_Types].xml", b"<x/>"),
            ("word/document.xml", b"<x/>"),
        ]);
        assert_eq!(classify(&docx, "pdf").unwrap(), Format::Docx);
        let ods = zip_with(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("content.xml", b"<x/>"),
        ]);
        assert_eq!(classify(&ods, "").unwrap(), Format::Ods);
    }

    #[test]
    fn plain_zip_archives_are_refused_with_advice() {
        let z = zip_with(&[("reply.pdf", b"%PDF"), ("cover.txt", b"hi")]);
        match classify(&z, "zip") {
            Err(IngestError::Unsupported { what, advice }) => {
                assert_eq!(what, "A zip archive of 2 files (reply.pdf, cover.txt…)");
                assert_eq!(advice, "unzip it and drop the documents inside");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn truncated_zip_is_damaged_not_a_crash() {
        let docx = zip_with(&[("word/document.xml", &[b'a'; 5000])]);
        match classify(&docx[..docx.len() - 30], "docx") {
            Err(IngestError::Damaged { what, detail }) => {
                assert_eq!(what, "Word document");
                assert!(detail.contains("cut short"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn entry_count_is_read_from_the_end_record() {
        let z = zip_with(&[("a", b"1"), ("b", b"2"), ("c", b"3")]);
        assert_eq!(declared_entry_count(&z), Some(3));
        assert_eq!(declared_entry_count(b"PK\x03\x04 no end"), None);
    }
}
