//! Excel 97-2003 workbooks (.xls, BIFF8; also Excel 95's BIFF5): the Workbook stream is taken
//! out of the compound file by `cfb`, then its records are read here — sheet names, the shared
//! string table (with its CONTINUE records), text, number, RK, formula-result and boolean cells,
//! and the number formats that say which numbers are dates.
//!
//! Our own reader rather than calamine's: calamine's BIFF and compound-file code slices records
//! at unchecked offsets and allocates declared dimensions, so damaged files panicked (an abort in
//! the wasm worker) or asked for gigabytes — the property tests found both. Here every read is
//! bounds-checked and cells are collected sparsely (at most [`MAX_CELLS`]).
//!
//! [`MAX_CELLS`]: super::limits::MAX_CELLS

use super::builder::TextBuilder;
use super::cells::{
    builtin_format_code, format_number, is_builtin_date_format, is_date_format, number_text,
    serial_date_text, write_sheet, CellBudget,
};
use super::cfb;
use super::charset::Charset;
use super::{Document, Format, IngestError};
use std::collections::HashMap;

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    d.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    d.get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn f64_at(d: &[u8], at: usize) -> Option<f64> {
    d.get(at..at + 8)
        .and_then(|b| b.try_into().ok())
        .map(f64::from_le_bytes)
}

/// One record with the CONTINUE records that follow it (as separate segments, because a
/// string that crosses into a CONTINUE restarts with a flags byte).
struct Record<'a> {
    kind: u16,
    offset: usize,
    segments: Vec<&'a [u8]>,
}

fn records(stream: &[u8]) -> Vec<Record<'_>> {
    let mut out: Vec<Record<'_>> = Vec::new();
    let mut i = 0usize;
    while i + 4 <= stream.len() {
        let kind = u16::from_le_bytes([stream[i], stream[i + 1]]);
        let len = u16::from_le_bytes([stream[i + 2], stream[i + 3]]) as usize;
        let end = (i + 4 + len).min(stream.len());
        let data = &stream[i + 4..end];
        if kind == CONTINUE {
            if let Some(last) = out.last_mut() {
                last.segments.push(data);
            }
        } else {
            out.push(Record {
                kind,
                offset: i,
                segments: vec![data],
            });
        }
        i = end;
    }
    out
}

/// Reads across a record's segments.
struct Reader<'a, 'r> {
    segments: &'r [&'a [u8]],
    seg: usize,
    pos: usize,
}

impl<'a, 'r> Reader<'a, 'r> {
    fn new(segments: &'r [&'a [u8]]) -> Self {
        Reader {
            segments,
            seg: 0,
            pos: 0,
        }
    }

    /// Move to the next segment when this one is used up.
    fn normalise(&mut self) {
        while self.seg < self.segments.len() && self.pos >= self.segments[self.seg].len() {
            self.seg += 1;
            self.pos = 0;
        }
    }

    fn byte(&mut self) -> Option<u8> {
        self.normalise();
        let b = *self.segments.get(self.seg)?.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([
            self.byte()?,
            self.byte()?,
            self.byte()?,
            self.byte()?,
        ]))
    }

    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            self.normalise();
            let seg = self.segments.get(self.seg)?;
            let take = n.min(seg.len() - self.pos);
            self.pos += take;
            n -= take;
        }
        Some(())
    }

    /// `cch` characters, one or two bytes each; a CONTINUE in the middle starts with a new
    /// flags byte saying which (BIFF8 §2.5.293).
    fn chars(&mut self, cch: usize, mut wide: bool, encoding: &Codepage) -> Option<String> {
        let mut out = String::with_capacity(cch.min(1 << 16));
        let mut left = cch;
        let mut units: Vec<u16> = Vec::new();
        let mut bytes: Vec<u8> = Vec::new();
        while left > 0 {
            if self.seg < self.segments.len() && self.pos >= self.segments[self.seg].len() {
                // Crossing into a CONTINUE segment: flush and read its flags byte.
                flush(&mut out, &mut units, &mut bytes, encoding);
                self.seg += 1;
                self.pos = 0;
                wide = self.byte()? & 1 != 0;
                continue;
            }
            if wide {
                units.push(self.u16()?);
            } else {
                bytes.push(self.byte()?);
            }
            left -= 1;
        }
        flush(&mut out, &mut units, &mut bytes, encoding);
        Some(out)
    }
}

fn flush(out: &mut String, units: &mut Vec<u16>, bytes: &mut Vec<u8>, encoding: &Codepage) {
    out.extend(char::decode_utf16(units.drain(..)).map(|r| r.unwrap_or('\u{FFFD}')));
    if !bytes.is_empty() {
        out.push_str(&encoding.decode(bytes));
        bytes.clear();
    }
}

/// How 8-bit strings are encoded: Latin-1 for BIFF8's "compressed" strings, the workbook's
/// code page for BIFF5 (the Western ones; others read as Windows-1252, keeping the figures).
enum Codepage {
    Latin1,
    Other(Charset),
}

impl Codepage {
    fn decode(&self, bytes: &[u8]) -> String {
        match self {
            Codepage::Latin1 => bytes.iter().map(|&b| b as char).collect(),
            Codepage::Other(c) => c.decode(bytes),
        }
    }

    fn from_id(id: u16) -> Codepage {
        Codepage::Other(match id {
            10000 => Charset::MacRoman,
            28605 => Charset::Iso8859_15,
            65001 => Charset::Utf8,
            1200 => Charset::Utf16Le,
            _ => Charset::Windows1252,
        })
    }
}

/// An XLUnicodeString (BIFF8: u16 length, flags, characters) or a BIFF5 byte string.
fn unicode_string(
    r: &mut Reader<'_, '_>,
    biff8: bool,
    short: bool,
    codepage: &Codepage,
) -> Option<String> {
    let cch = if short {
        r.byte()? as usize
    } else {
        r.u16()? as usize
    };
    if !biff8 {
        return r.chars(cch, false, codepage);
    }
    let flags = r.byte()?;
    let runs = if flags & 0x08 != 0 {
        r.u16()? as usize
    } else {
        0
    };
    let ext = if flags & 0x04 != 0 {
        r.u32()? as usize
    } else {
        0
    };
    let s = r.chars(cch, flags & 1 != 0, &Codepage::Latin1)?;
    r.skip(runs * 4)?;
    r.skip(ext)?;
    Some(s)
}

/// The shared string table: every string in order (stops at the first damaged one).
fn shared_strings(rec: &Record<'_>, limit: usize) -> Vec<String> {
    let mut r = Reader::new(&rec.segments);
    let (Some(_total), Some(unique)) = (r.u32(), r.u32()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for _ in 0..(unique as usize).min(limit) {
        match unicode_string(&mut r, true, false, &Codepage::Latin1) {
            Some(s) => out.push(s),
            None => break,
        }
    }
    out
}

/// RK-encoded numbers (§2.5.217): 30 bits of integer or the top of a double, maybe ÷ 100.
fn rk_value(rk: u32) -> f64 {
    let v = if rk & 2 != 0 {
        ((rk as i32) >> 2) as f64
    } else {
        f64::from_bits(((rk & 0xFFFF_FFFC) as u64) << 32)
    };
    if rk & 1 != 0 {
        v / 100.0
    } else {
        v
    }
}

pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let damaged = |detail: &str| IngestError::Damaged {
        what: Format::Xls.describe().into(),
        detail: detail.into(),
    };
    let stream = cfb::stream(bytes, &["Workbook", "Book"])
        .ok_or_else(|| damaged("its workbook stream cannot be found"))?;
    let records = records(&stream);
    let first = records
        .first()
        .filter(|r| r.kind == BOF)
        .ok_or_else(|| damaged("its workbook stream does not start like an Excel workbook"))?;
    let biff8 = u16_at(first.segments[0], 0).unwrap_or(0x0600) >= 0x0600;
    let mut codepage = if biff8 {
        Codepage::Latin1
    } else {
        Codepage::Other(Charset::Windows1252)
    };

    // Workbook globals: sheet list, shared strings, formats, date system.
    let mut sheets: Vec<(usize, String)> = Vec::new(); // (BOF offset, name)
    let mut sst: Vec<String> = Vec::new();
    let mut formats: HashMap<u16, String> = HashMap::new();
    let mut xf_format: Vec<u16> = Vec::new();
    let mut is_1904 = false;
    let mut depth = 0usize;
    for rec in &records {
        let data = rec.segments[0];
        match rec.kind {
            BOF => depth += 1,
            EOF => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break; // end of the globals substream
                }
            }
            // FilePass: the workbook is encrypted (XOR or RC4).
            0x002F => {
                return Err(IngestError::PasswordProtected {
                    what: Format::Xls.describe().into(),
                })
            }
            0x0042 if !biff8 => codepage = Codepage::from_id(u16_at(data, 0).unwrap_or(1252)),
            0x0022 => is_1904 = u16_at(data, 0) == Some(1),
            0x0085 => {
                // BoundSheet: BOF offset, visibility, type (0 = worksheet), name.
                let (Some(offset), Some(&kind)) = (u32_at(data, 0), data.get(5)) else {
                    continue;
                };
                if kind != 0 {
                    continue;
                }
                let mut r = Reader::new(&rec.segments);
                let name = r
                    .skip(6)
                    .and_then(|_| unicode_string(&mut r, biff8, true, &codepage))
                    .unwrap_or_default();
                sheets.push((offset as usize, name));
            }
            0x00FC => sst = shared_strings(rec, super::limits::MAX_CELLS as usize),
            0x041E | 0x001E => {
                let mut r = Reader::new(&rec.segments);
                let Some(id) = r.u16() else { continue };
                let code = if biff8 {
                    unicode_string(&mut r, true, false, &codepage)
                } else {
                    r.byte().and_then(|n| r.chars(n as usize, false, &codepage))
                };
                if let Some(code) = code {
                    formats.insert(id, code);
                }
            }
            0x00E0 if xf_format.len() < 65_536 => xf_format.push(u16_at(data, 2).unwrap_or(0)),
            _ => {}
        }
    }

    let format_of = |xf: u16| -> (bool, Option<&str>) {
        let id = xf_format.get(xf as usize).copied().unwrap_or(0);
        match formats.get(&id) {
            Some(code) => (is_date_format(code), Some(code.as_str())),
            None => (is_builtin_date_format(id), builtin_format_code(id)),
        }
    };
    let number = |value: f64, xf: u16| -> String {
        let (date, code) = format_of(xf);
        if date {
            if let Some(d) = serial_date_text(value, is_1904) {
                return d;
            }
        }
        number_text(
            value,
            code.and_then(|c| format_number(value, c)).as_deref(),
            false,
        )
    };

    let mut out = TextBuilder::new();
    let mut budget = CellBudget::new(Format::Xls);
    let by_offset: HashMap<usize, usize> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == BOF)
        .map(|(i, r)| (r.offset, i))
        .collect();
    for (offset, name) in &sheets {
        let Some(&start) = by_offset.get(offset) else {
            out.note(format!(
                "Sheet {name:?} could not be found in the workbook; the other sheets were read."
            ));
            continue;
        };
        let mut cells: Vec<(u32, u32, String)> = Vec::new();
        let mut depth = 0usize;
        let mut pending_formula: Option<(u32, u32)> = None;
        for rec in &records[start..] {
            let data = rec.segments[0];
            match rec.kind {
                BOF => depth += 1,
                EOF => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                _ if depth != 1 => {}
                kind => {
                    let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) else {
                        continue;
                    };
                    let (row, col) = (row as u32, col as u32);
                    let xf = u16_at(data, 4).unwrap_or(0);
                    let mut push = |cells: &mut Vec<(u32, u32, String)>,
                                    r: u32,
                                    c: u32,
                                    text: String|
                     -> Result<(), IngestError> {
                        let text = text.trim().to_string();
                        if !text.is_empty() {
                            budget.spend(1)?;
                            cells.push((r, c, text));
                        }
                        Ok(())
                    };
                    match kind {
                        0x00FD => {
                            if let Some(s) = u32_at(data, 6).and_then(|i| sst.get(i as usize)) {
                                push(&mut cells, row, col, s.clone())?;
                            }
                        }
                        0x0204 | 0x00D6 => {
                            let mut r = Reader::new(&rec.segments);
                            if let Some(s) = r
                                .skip(6)
                                .and_then(|_| unicode_string(&mut r, biff8, false, &codepage))
                            {
                                push(&mut cells, row, col, s)?;
                            }
                        }
                        0x0203 => {
                            if let Some(v) = f64_at(data, 6) {
                                push(&mut cells, row, col, number(v, xf))?;
                            }
                        }
                        0x027E => {
                            if let Some(rk) = u32_at(data, 6) {
                                push(&mut cells, row, col, number(rk_value(rk), xf))?;
                            }
                        }
                        0x00BD => {
                            // MulRk: (xf, rk) pairs for consecutive columns, last column at the end.
                            let pairs = data.len().saturating_sub(6) / 6;
                            for k in 0..pairs {
                                let at = 4 + 6 * k;
                                if let (Some(xf), Some(rk)) =
                                    (u16_at(data, at), u32_at(data, at + 2))
                                {
                                    push(
                                        &mut cells,
                                        row,
                                        col + k as u32,
                                        number(rk_value(rk), xf),
                                    )?;
                                }
                            }
                        }
                        0x0205 => {
                            if let (Some(&v), Some(&is_error)) = (data.get(6), data.get(7)) {
                                let text = if is_error != 0 {
                                    error_text(v)
                                } else if v != 0 {
                                    "TRUE"
                                } else {
                                    "FALSE"
                                };
                                push(&mut cells, row, col, text.into())?;
                            }
                        }
                        0x0006 => {
                            let Some(result) = data.get(6..14) else {
                                continue;
                            };
                            if result[6] == 0xFF && result[7] == 0xFF {
                                match result[0] {
                                    0 => pending_formula = Some((row, col)), // text in the STRING record next
                                    1 => push(
                                        &mut cells,
                                        row,
                                        col,
                                        if result[2] != 0 { "TRUE" } else { "FALSE" }.into(),
                                    )?,
                                    2 => push(&mut cells, row, col, error_text(result[2]).into())?,
                                    _ => {}
                                }
                            } else if let Some(v) = f64_at(data, 6) {
                                push(&mut cells, row, col, number(v, xf))?;
                            }
                        }
                        0x0207 => {
                            if let Some((r0, c0)) = pending_formula.take() {
                                let mut r = Reader::new(&rec.segments);
                                if let Some(s) = unicode_string(&mut r, biff8, false, &codepage) {
                                    push(&mut cells, r0, c0, s)?;
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        write_sheet(&mut out, name, cells);
    }
    Ok(out.finish(Format::Xls))
}

fn error_text(code: u8) -> &'static str {
    match code {
        0x00 => "#NULL!",
        0x07 => "#DIV/0!",
        0x0F => "#VALUE!",
        0x17 => "#REF!",
        0x1D => "#NAME?",
        0x24 => "#NUM!",
        _ => "#N/A",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rk_numbers() {
        assert_eq!(rk_value(0x0000_0192), 100.0); // integer 100 (100 << 2 | 2)
        assert_eq!(rk_value(0x0000_0193), 1.0); // integer 100, ÷ 100
        assert_eq!(rk_value(0x3FF0_0000), 1.0); // IEEE high bits of 1.0
        assert_eq!(rk_value((16_467_000u32 << 2) | 2), 16_467_000.0);
    }

    #[test]
    fn strings_continue_across_records_with_a_new_flags_byte() {
        // "Capital" as 8-bit chars, then a CONTINUE whose flags byte switches to UTF-16 for " £".
        let first: &[u8] = &[9, 0, 0, b'C', b'a', b'p', b'i', b't', b'a', b'l'];
        let second: &[u8] = &[1, b' ', 0, 0xA3, 0];
        let segments = [first, second];
        let mut r = Reader::new(&segments);
        assert_eq!(
            unicode_string(&mut r, true, false, &Codepage::Latin1).as_deref(),
            Some("Capital £")
        );
    }
}
