//! Excel workbooks (.xlsx) via calamine's streaming cell reader (.xls has its own reader, `xls`):
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
use super::cells::{format_number, number_text, plain_number, write_sheet, CellBudget};
use super::{Document, Format, IngestError};
use calamine::{DataRef, Reader};
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
