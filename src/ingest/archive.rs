//! Bounded access to the zip container of .docx, .xlsx, .odt and .ods files: our own small
//! reader of the central directory (the `zip` crate costs 70 KB gzipped in the page beyond the
//! inflate code it wraps) on `flate2`'s raw inflate.
//!
//! Archives listing more than [`MAX_ZIP_ENTRIES`] entries, or whose entries declare more than
//! [`MAX_UNZIPPED_BYTES`] in total, are refused before anything is inflated; an entry that
//! inflates past its declared size is stopped there (damaged or a bomb), so declared sizes are
//! a real bound on memory and time, "overlapping entry" bombs included. CRC-32 is checked.

use super::limits::{MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES};
use super::xml::{decode, XmlEvent, XmlReader};
use super::{Format, IngestError};
use std::collections::HashMap;

/// One central-directory entry.
#[derive(Clone, Copy)]
struct Entry {
    method: u16,
    encrypted: bool,
    crc: u32,
    compressed: u64,
    size: u64,
    local_header: u64,
}

pub struct Archive<'a> {
    bytes: &'a [u8],
    entries: HashMap<String, Entry>,
    /// Entry names in directory order.
    order: Vec<String>,
    what: &'static str,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(
        b.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}

/// Where the central directory is and how many entries it lists, from the end-of-central-
/// directory record (or its zip64 variant), found by scanning back over the last 64 KB.
struct Directory {
    entries: u64,
    offset: u64,
}

fn end_record(bytes: &[u8]) -> Option<Directory> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let search_from = bytes.len().saturating_sub(22 + 65_535);
    let tail = &bytes[search_from..];
    let pos = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| tail[i..].starts_with(EOCD))?;
    let eocd = &tail[pos..];
    let mut dir = Directory {
        entries: u16_at(eocd, 10)? as u64,
        offset: u32_at(eocd, 16)? as u64,
    };
    if dir.entries == 0xFFFF || dir.offset == 0xFFFF_FFFF {
        // zip64: a locator (20 bytes) just before the EOCD points at the zip64 EOCD record.
        let eocd_abs = search_from + pos;
        let locator = bytes.get(eocd_abs.checked_sub(20)?..eocd_abs)?;
        if locator.starts_with(b"PK\x06\x07") {
            let at = usize::try_from(u64_at(locator, 8)?).ok()?;
            let record = bytes.get(at..at.checked_add(56)?)?;
            if record.starts_with(b"PK\x06\x06") {
                dir = Directory {
                    entries: u64_at(record, 32)?,
                    offset: u64_at(record, 48)?,
                };
            }
        }
    }
    Some(dir)
}

impl<'a> Archive<'a> {
    /// Open `bytes` as the zip container of a `format` document, enforcing the limits.
    pub fn open(bytes: &'a [u8], format: Format) -> Result<Self, IngestError> {
        Self::open_as(bytes, format.describe())
    }

    fn open_as(bytes: &'a [u8], what: &'static str) -> Result<Self, IngestError> {
        let damaged = |detail: &str| IngestError::Damaged {
            what: what.into(),
            detail: detail.into(),
        };
        let dir = end_record(bytes).ok_or_else(|| {
            damaged("the end of the file is missing, so it was probably cut short while downloading or copying")
        })?;
        if dir.entries > MAX_ZIP_ENTRIES {
            return Err(IngestError::ZipBomb {
                what: what.into(),
                detail: format!(
                    "lists {} files inside (the limit is {MAX_ZIP_ENTRIES})",
                    dir.entries
                ),
            });
        }
        let mut entries = HashMap::new();
        let mut order = Vec::new();
        let mut declared: u64 = 0;
        let mut at = usize::try_from(dir.offset).unwrap_or(usize::MAX);
        for _ in 0..dir.entries {
            let header = bytes.get(at..).filter(|h| h.starts_with(b"PK\x01\x02"));
            let Some(h) = header else {
                return Err(damaged(
                    "its list of contents is broken (the file may be cut short)",
                ));
            };
            let (
                Some(flags),
                Some(method),
                Some(crc),
                Some(csize),
                Some(usize_),
                Some(nlen),
                Some(xlen),
                Some(clen),
                Some(local),
            ) = (
                u16_at(h, 8),
                u16_at(h, 10),
                u32_at(h, 16),
                u32_at(h, 20),
                u32_at(h, 24),
                u16_at(h, 28),
                u16_at(h, 30),
                u16_at(h, 32),
                u32_at(h, 42),
            )
            else {
                return Err(damaged("its list of contents is broken"));
            };
            let (nlen, xlen, clen) = (nlen as usize, xlen as usize, clen as usize);
            let Some(name) = h.get(46..46 + nlen) else {
                return Err(damaged("its list of contents is broken"));
            };
            let name = String::from_utf8_lossy(name).into_owned();
            let mut entry = Entry {
                method,
                encrypted: flags & 1 != 0,
                crc,
                compressed: csize as u64,
                size: usize_ as u64,
                local_header: local as u64,
            };
            // zip64 sizes and offset live in extra field 0x0001, in this order, when saturated.
            if let Some(extra) = h.get(46 + nlen..46 + nlen + xlen) {
                let mut i = 0;
                while i + 4 <= extra.len() {
                    let (id, len) = (
                        u16_at(extra, i).unwrap_or(0),
                        u16_at(extra, i + 2).unwrap_or(0) as usize,
                    );
                    if id == 1 {
                        let mut field = i + 4;
                        for value in [
                            &mut entry.size,
                            &mut entry.compressed,
                            &mut entry.local_header,
                        ] {
                            if *value == 0xFFFF_FFFF {
                                if let Some(v) = u64_at(extra, field) {
                                    *value = v;
                                    field += 8;
                                }
                            }
                        }
                    }
                    i += 4 + len;
                }
            }
            declared = declared.saturating_add(entry.size);
            if let std::collections::hash_map::Entry::Vacant(slot) = entries.entry(name.clone()) {
                slot.insert(entry);
                order.push(name);
            }
            at = at.saturating_add(46 + nlen + xlen + clen);
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
        Ok(Archive {
            bytes,
            entries,
            order,
            what,
        })
    }

    pub fn names(&self) -> Vec<String> {
        self.order.clone()
    }

    pub fn contains(&self, name: &str) -> bool {
        self.entries.contains_key(name)
    }

    /// The bytes of entry `name`, `Ok(None)` when there is no such entry.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, IngestError> {
        let Some(&entry) = self.entries.get(name) else {
            return Ok(None);
        };
        let damaged = |detail: String| IngestError::Damaged {
            what: self.what.into(),
            detail,
        };
        if entry.encrypted {
            return Err(IngestError::PasswordProtected {
                what: self.what.into(),
            });
        }
        let local = usize::try_from(entry.local_header).unwrap_or(usize::MAX);
        let header = self
            .bytes
            .get(local..)
            .filter(|h| h.starts_with(b"PK\x03\x04"));
        let (Some(nlen), Some(xlen)) = (
            header.and_then(|h| u16_at(h, 26)),
            header.and_then(|h| u16_at(h, 28)),
        ) else {
            return Err(damaged(format!(
                "its part {name} cannot be found where the zip directory says"
            )));
        };
        let start = local.saturating_add(30 + nlen as usize + xlen as usize);
        let end = start.saturating_add(usize::try_from(entry.compressed).unwrap_or(usize::MAX));
        let Some(data) = self.bytes.get(start..end) else {
            return Err(damaged(format!("its part {name} is cut short")));
        };
        let size = usize::try_from(entry.size).unwrap_or(usize::MAX);
        let out = match entry.method {
            0 => data.to_vec(),
            8 => inflate_exact(data, size)
                .map_err(|e| damaged(format!("its part {name} cannot be unpacked: {e}")))?,
            other => {
                return Err(damaged(format!(
                    "its part {name} uses compression method {other}, which office files do not"
                )))
            }
        };
        if out.len() != size {
            return Err(damaged(format!(
                "its part {name} is {} bytes, not the {size} its header says",
                out.len()
            )));
        }
        let mut crc = flate2::Crc::new();
        crc.update(&out);
        if crc.sum() != entry.crc {
            return Err(damaged(format!("its part {name} fails its checksum")));
        }
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

/// Raw-deflate `data` into exactly `size` bytes at most: output past the declared size is an
/// error (a lying header, or a bomb), never an allocation.
fn inflate_exact(data: &[u8], size: usize) -> Result<Vec<u8>, String> {
    use flate2::{Decompress, FlushDecompress, Status};
    let mut d = Decompress::new(false);
    let mut out = Vec::with_capacity(size.min(MAX_UNZIPPED_BYTES as usize));
    loop {
        let before = (d.total_in(), d.total_out());
        let consumed = (d.total_in() as usize).min(data.len());
        if out.len() == out.capacity() {
            // Full at the declared size: anything more is a lie.
            let mut probe = [0u8; 1];
            let n = Decompress::decompress(
                &mut d,
                &data[consumed..],
                &mut probe,
                FlushDecompress::None,
            );
            return match n {
                Ok(_) if d.total_out() > before.1 => {
                    Err("it is larger than its declared size".into())
                }
                _ => Ok(out),
            };
        }
        match d.decompress_vec(&data[consumed..], &mut out, FlushDecompress::None) {
            Ok(Status::StreamEnd) => return Ok(out),
            Ok(_) if (d.total_in(), d.total_out()) == before => return Ok(out), // truncated input
            Ok(_) => {}
            Err(e) => return Err(format!("corrupt data ({e})")),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Package relationships (OPC `_rels/*.rels`), shared by the Word and Excel readers.

/// `word/document.xml` → `word/_rels/document.xml.rels`.
pub fn rels_path(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

pub struct Relationship {
    pub id: String,
    pub kind: String,
    /// Resolved to a path inside the zip.
    pub target: String,
}

pub fn relationships(
    zip: &mut Archive<'_>,
    rels_part: &str,
) -> Result<Vec<Relationship>, IngestError> {
    let Some(bytes) = zip.read(rels_part)? else {
        return Ok(Vec::new());
    };
    let base = rels_part.split("_rels/").next().unwrap_or("");
    let text = decode(&bytes);
    let mut reader = XmlReader::new(&text);
    let mut out = Vec::new();
    while let Ok(Some(ev)) = reader.next() {
        if let XmlEvent::Open(tag) = ev {
            if tag.name.ends_with("Relationship") && tag.attr("TargetMode") != Some("External") {
                if let (Some(kind), Some(target)) = (tag.attr("Type"), tag.attr("Target")) {
                    out.push(Relationship {
                        id: tag.attr("Id").unwrap_or("").to_string(),
                        kind: kind.to_string(),
                        target: resolve(base, target),
                    });
                }
            }
        }
    }
    Ok(out)
}

/// Resolve a relationship target against the directory of the part that names it.
pub fn resolve(base: &str, target: &str) -> String {
    let joined = if let Some(abs) = target.strip_prefix('/') {
        abs.to_string()
    } else {
        format!("{base}{target}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for p in joined.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
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
    use std::io::{Cursor, Write};

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
        assert_eq!(end_record(&z).map(|d| d.entries), Some(3));
        assert!(end_record(b"PK\x03\x04 no end").is_none());
    }
}
