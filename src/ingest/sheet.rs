//! Excel workbooks (.xlsx via calamine's streaming cell reader, .xls via calamine's ranges):
//! each sheet becomes a heading line with its name, then one line per row of TAB-separated
//! cells, every cell recorded as a locator ("'FOI response'!B7").
//!
//! Numbers are printed so money and years survive: as the cell's number format would show them
//! ("£16,467,000", "16.5%") when that display equals the stored value, otherwise as the plain
//! value with no exponent and no float noise ("16467000", "2.8"); date cells as ISO dates
//! ("2025-09-26"), never as serials like 45926 (number printing lives in `cells`, shared with
//! the .ods reader).

use super::archive::Archive;
use super::builder::TextBuilder;
use super::cells::{format_number, number_text, plain_number, write_row, CellBudget};
use super::cfb;
use super::{Document, Format, IngestError, Place};
use calamine::{Data, DataRef, Reader};
use std::io::Cursor;

pub fn read_xlsx(bytes: &[u8]) -> Result<Document, IngestError> {
    // The zip limits first: calamine reads the same archive, and the zip crate enforces the
    // declared sizes we check here.
    Archive::open(bytes, Format::Xlsx)?;
    let mut workbook = calamine::Xlsx::new(Cursor::new(bytes))
        .map_err(|e| workbook_error(Format::Xlsx, &e.to_string()))?;
    let sheets: Vec<(String, bool)> = workbook
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.typ == calamine::SheetType::WorkSheet))
        .collect();
    let mut out = TextBuilder::new();
    let mut budget = CellBudget::new(Format::Xlsx);
    for (name, is_worksheet) in sheets {
        if !is_worksheet {
            continue; // chart sheets and macro sheets have no cells to read
        }
        let mut cells: Vec<(u32, u32, String)> = Vec::new();
        {
            let mut reader = match workbook.worksheet_cells_reader(&name) {
                Ok(r) => r,
                Err(e) => {
                    out.note(format!(
                        "Sheet {name:?} could not be read ({e}); the other sheets were."
                    ));
                    continue;
                }
            };
            loop {
                let next = reader
                    .next_cell_with_style_id()
                    .map_err(|e| workbook_error(Format::Xlsx, &e.to_string()))?;
                let Some((cell, style)) = next else { break };
                let (row, col) = cell.get_position();
                let format_code = reader
                    .styles()
                    .get(style)
                    .and_then(|s| s.number_format.as_ref())
                    .map(|f| f.format_code.as_str());
                let text = data_ref_text(cell.get_value(), format_code);
                if text.is_empty() {
                    continue;
                }
                budget.spend(1)?;
                cells.push((row, col, text));
            }
        }
        write_sheet(&mut out, &name, cells);
    }
    Ok(out.finish(Format::Xlsx))
}

/// Most cells one .xls sheet's bounding box (or its declared dimensions) may span: calamine
/// allocates all of them, about 50 bytes each.
const MAX_XLS_GRID: u64 = 2_000_000;

pub fn read_xls(bytes: &[u8]) -> Result<Document, IngestError> {
    check_xls_grid(bytes)?;
    let mut workbook = calamine::Xls::new(Cursor::new(bytes))
        .map_err(|e| workbook_error(Format::Xls, &e.to_string()))?;
    let names: Vec<String> = workbook.sheet_names().to_vec();
    let mut out = TextBuilder::new();
    let mut budget = CellBudget::new(Format::Xls);
    for name in names {
        let range = match workbook.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                out.note(format!(
                    "Sheet {name:?} could not be read ({e}); the other sheets were."
                ));
                continue;
            }
        };
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let mut cells = Vec::new();
        for (r, c, value) in range.used_cells() {
            let text = data_text(value);
            if text.is_empty() {
                continue;
            }
            budget.spend(1)?;
            cells.push((
                row0.saturating_add(r as u32),
                col0.saturating_add(c as u32),
                text,
            ));
        }
        write_sheet(&mut out, &name, cells);
    }
    Ok(out.finish(Format::Xls))
}

/// Measure every sheet's bounding box from the BIFF cell records before calamine allocates it:
/// a 6 KB file with cells at A1 and IV65536 would otherwise cost a gigabyte.
fn check_xls_grid(bytes: &[u8]) -> Result<(), IngestError> {
    let Some(stream) = cfb::stream(bytes, &["Workbook", "Book"]) else {
        return Err(IngestError::Damaged {
            what: Format::Xls.describe().into(),
            detail: "its workbook stream cannot be found".into(),
        });
    };
    let too_big = |sheet: usize, rows: u64, cols: u64| IngestError::TooMuchContent {
        what: Format::Xls.describe().into(),
        detail: format!(
            "sheet {sheet} spans {rows} rows by {cols} columns, more than {MAX_XLS_GRID} cells"
        ),
    };
    let u16_at = |d: &[u8], at: usize| {
        d.get(at..at + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as u64)
    };
    let u32_at = |d: &[u8], at: usize| {
        d.get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64)
    };
    let mut depth = 0usize;
    let mut sheet = 0usize;
    // (first row, last row, first column, last column) of the current sheet's cells.
    let mut bbox: Option<(u64, u64, u64, u64)> = None;
    let mut i = 0usize;
    while i + 4 <= stream.len() {
        let kind = u16::from_le_bytes([stream[i], stream[i + 1]]);
        let len = u16::from_le_bytes([stream[i + 2], stream[i + 3]]) as usize;
        let Some(data) = stream.get(i + 4..i + 4 + len) else {
            break;
        };
        i += 4 + len;
        match kind {
            0x0809 => {
                depth += 1;
                if depth == 1 {
                    sheet += 1;
                    bbox = None;
                }
            }
            0x000A => depth = depth.saturating_sub(1),
            _ if depth != 1 => {}
            0x0200 => {
                let (rows, cols) = if len >= 14 {
                    (
                        u32_at(data, 4)
                            .unwrap_or(0)
                            .saturating_sub(u32_at(data, 0).unwrap_or(0)),
                        u16_at(data, 10)
                            .unwrap_or(0)
                            .saturating_sub(u16_at(data, 8).unwrap_or(0)),
                    )
                } else {
                    (
                        u16_at(data, 2)
                            .unwrap_or(0)
                            .saturating_sub(u16_at(data, 0).unwrap_or(0)),
                        u16_at(data, 6)
                            .unwrap_or(0)
                            .saturating_sub(u16_at(data, 4).unwrap_or(0)),
                    )
                };
                if rows.saturating_mul(cols) > MAX_XLS_GRID {
                    return Err(too_big(sheet.saturating_sub(1), rows, cols));
                }
            }
            0x0203 | 0x0204 | 0x00FD | 0x027E | 0x0205 | 0x0006 | 0x00D6 | 0x00BD => {
                let (Some(row), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) else {
                    continue;
                };
                let last = if kind == 0x00BD {
                    u16_at(data, len.saturating_sub(2)).unwrap_or(first)
                } else {
                    first
                };
                let b = bbox.get_or_insert((row, row, first, last));
                *b = (b.0.min(row), b.1.max(row), b.2.min(first), b.3.max(last));
                let (rows, cols) = (b.1 - b.0 + 1, b.3.saturating_sub(b.2) + 1);
                if rows.saturating_mul(cols) > MAX_XLS_GRID {
                    return Err(too_big(sheet.saturating_sub(1), rows, cols));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn workbook_error(format: Format, message: &str) -> IngestError {
    let lower = message.to_ascii_lowercase();
    if lower.contains("password") || lower.contains("encrypt") {
        IngestError::PasswordProtected {
            what: format.describe().into(),
        }
    } else {
        IngestError::Damaged {
            what: format.describe().into(),
            detail: message.to_string(),
        }
    }
}

/// A sheet as text: its name on a line, then its rows in order.
fn write_sheet(out: &mut TextBuilder, name: &str, mut cells: Vec<(u32, u32, String)>) {
    out.blank_line();
    let start = out.offset();
    out.push_str(name);
    out.end_line();
    cells.sort_by_key(|&(r, c, _)| (r, c));
    let mut last_row: Option<u32> = None;
    let mut i = 0;
    while i < cells.len() {
        let row = cells[i].0;
        let j = cells[i..]
            .iter()
            .position(|c| c.0 != row)
            .map_or(cells.len(), |k| i + k);
        if last_row.is_some_and(|last| row > last + 1) {
            out.blank_line(); // empty rows between blocks of a sheet separate tables
        }
        let row_cells: Vec<(u64, String)> = cells[i..j]
            .iter()
            .map(|(_, c, t)| (*c as u64, t.clone()))
            .collect();
        write_row(out, name, row as u64, &row_cells);
        last_row = Some(row);
        i = j;
    }
    out.end_line();
    out.locate_from(start, Place::Sheet(name.to_string()));
}

fn data_ref_text(value: &DataRef<'_>, format_code: Option<&str>) -> String {
    match value {
        DataRef::Int(i) => number_text(
            *i as f64,
            format_code
                .and_then(|f| format_number(*i as f64, f))
                .as_deref(),
            false,
        ),
        DataRef::Float(f) => number_text(
            *f,
            format_code.and_then(|c| format_number(*f, c)).as_deref(),
            false,
        ),
        DataRef::String(s) => s.trim().to_string(),
        DataRef::SharedString(s) => s.trim().to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        DataRef::DateTime(dt) => date_text(dt),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

fn data_text(value: &Data) -> String {
    match value {
        Data::Int(i) => plain_number(*i as f64),
        Data::Float(f) => plain_number(*f),
        Data::String(s) => s.trim().to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(dt) => date_text(dt),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// An Excel date serial as ISO 8601: "2025-09-26", "2025-09-26 14:30", or "14:30" for a time.
fn date_text(dt: &calamine::ExcelDateTime) -> String {
    if dt.is_duration() || !dt.as_f64().is_finite() {
        return plain_number(dt.as_f64());
    }
    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    let time = if s == 0 {
        format!("{h:02}:{mi:02}")
    } else {
        format!("{h:02}:{mi:02}:{s:02}")
    };
    let value = dt.as_f64();
    if (0.0..1.0).contains(&value) && value > 0.0 {
        time
    } else if h == 0 && mi == 0 && s == 0 {
        format!("{y:04}-{mo:02}-{d:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02} {time}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso_not_serials() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        let dt = |v| ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false);
        assert_eq!(date_text(&dt(45926.0)), "2025-09-26");
        assert_eq!(date_text(&dt(45926.5)), "2025-09-26 12:00");
        assert_eq!(date_text(&dt(0.75)), "18:00");
    }
}
