//! Excel workbooks (.xlsx via calamine's streaming cell reader, .xls via calamine's ranges):
//! each sheet becomes a heading line with its name, then one line per row of TAB-separated
//! cells, every cell recorded as a locator ("'FOI response'!B7").
//!
//! Numbers are printed so money and years survive: as the cell's number format would show them
//! ("£16,467,000", "16.5%") when that display equals the stored value, otherwise as the plain
//! value with no exponent and no float noise ("16467000", "2.8"); date cells as ISO dates
//! ("2025-09-26"), never as serials like 45926. Also used for .ods by `odf`.

use super::archive::Archive;
use super::builder::TextBuilder;
use super::limits::MAX_CELLS;
use super::odf::write_row;
use super::{Document, Format, IngestError, Place};
use calamine::{Data, DataRef, Reader};
use std::io::Cursor;

/// Counts filled cells against [`MAX_CELLS`].
pub(crate) struct CellBudget {
    format: Format,
    used: u64,
}

impl CellBudget {
    pub fn new(format: Format) -> Self {
        CellBudget { format, used: 0 }
    }

    pub fn spend(&mut self, cells: u64) -> Result<(), IngestError> {
        self.used = self.used.saturating_add(cells);
        if self.used > MAX_CELLS {
            return Err(IngestError::TooMuchContent {
                what: self.format.describe().into(),
                detail: format!("it has more than {MAX_CELLS} filled cells"),
            });
        }
        Ok(())
    }
}

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

pub fn read_xls(bytes: &[u8]) -> Result<Document, IngestError> {
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

/// The text for a number cell: `display` (what the sheet shows) when it has the same value,
/// else the plain number. A display that rounds (2.8 shown as "3") or scales ("£16,467k") is
/// not the value, and a wrong number is worse than a plain one.
pub(crate) fn number_text(value: f64, display: Option<&str>, percent: bool) -> String {
    if let Some(shown) = display {
        if let Some(n) = parse_display_number(shown) {
            let n = if shown.contains('%') { n / 100.0 } else { n };
            if (n - value).abs() <= 1e-9 * value.abs().max(1.0) {
                return shown.trim().replace('\u{a0}', " ");
            }
        }
    }
    if percent {
        return format!("{}%", plain_number(value * 100.0));
    }
    plain_number(value)
}

/// A displayed number ("£16,467,000", "(1,234.50)", "16.5%", "-£3") as a value; `None` when the
/// display has anything else in it (units, words, exponents).
fn parse_display_number(shown: &str) -> Option<f64> {
    let s = shown.trim();
    let negative =
        (s.starts_with('(') && s.ends_with(')')) || s.starts_with('-') || s.starts_with("−");
    let mut digits = String::new();
    for c in s.chars() {
        match c {
            '0'..='9' | '.' => digits.push(c),
            ',' | ' ' | '\u{a0}' | '£' | '$' | '€' | '%' | '(' | ')' | '-' | '−' | '+' => {}
            _ => return None,
        }
    }
    if digits.is_empty() {
        return None;
    }
    let n: f64 = digits.parse().ok()?;
    Some(if negative { -n } else { n })
}

/// A number without exponent or float noise: integers in full ("16467000"), others with at most
/// 15 significant digits ("2.8", not "2.7999999999999998").
pub(crate) fn plain_number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let magnitude = if v == 0.0 {
        0
    } else {
        v.abs().log10().floor() as i32
    };
    let decimals = (14 - magnitude).clamp(0, 20) as usize;
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

/// Render `value` with the common parts of an Excel number format: currency symbol, thousands
/// grouping, fixed decimals, percent. `None` for formats this does not imitate (General, text,
/// scientific, fractions, scaling by thousands, dates).
fn format_number(value: f64, code: &str) -> Option<String> {
    let section = code.split(';').next()?.trim();
    let lower = section.to_ascii_lowercase();
    if section.is_empty()
        || lower == "general"
        || section == "@"
        || lower.contains("e+")
        || lower.contains("e-")
        || section.contains('?')
        || section.contains('/')
    {
        return None;
    }
    // Literal text in quotes and escaped characters are decoration; drop them for the analysis.
    let mut plain = String::new();
    let mut chars = section.chars().peekable();
    let mut in_quotes = false;
    let mut in_bracket = String::new();
    let mut currency = "";
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' => in_quotes = false,
                '£' => currency = "£",
                '€' => currency = "€",
                '$' => currency = "$",
                _ => {}
            }
            continue;
        }
        if !in_bracket.is_empty() {
            in_bracket.push(c);
            if c == ']' {
                if let Some(sym) = in_bracket.strip_prefix("[$").and_then(|b| b.chars().next()) {
                    if matches!(sym, '£' | '$' | '€') {
                        currency = match sym {
                            '£' => "£",
                            '€' => "€",
                            _ => "$",
                        };
                    }
                }
                in_bracket.clear();
            }
            continue;
        }
        match c {
            '"' => in_quotes = true,
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => in_bracket.push('['),
            '£' => currency = "£",
            '€' => currency = "€",
            '$' => currency = "$",
            _ => plain.push(c),
        }
    }
    if plain.chars().any(|c| c.is_ascii_alphabetic()) {
        return None; // dates, times or words: not a plain number format
    }
    let percent = plain.contains('%');
    let grouping = plain.contains("#,#") || plain.contains("0,0") || plain.contains("#,0");
    // A comma after the last digit placeholder scales by a thousand: not the stored value.
    let last_placeholder = plain.rfind(['0', '#'])?;
    if plain[last_placeholder..].contains(',') {
        return None;
    }
    let decimals = plain
        .split_once('.')
        .map(|(_, frac)| frac.chars().take_while(|c| matches!(c, '0' | '#')).count())
        .unwrap_or(0)
        .min(10);
    let x = if percent { value * 100.0 } else { value };
    let fixed = format!("{:.decimals$}", x.abs());
    let (int_part, frac_part) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let int_part = if grouping {
        group_thousands(int_part)
    } else {
        int_part.to_string()
    };
    let mut s = String::new();
    if x < 0.0 && fixed.chars().any(|c| c.is_ascii_digit() && c != '0') {
        s.push('-');
    }
    s.push_str(currency);
    s.push_str(&int_part);
    if !frac_part.is_empty() {
        s.push('.');
        s.push_str(frac_part);
    }
    if percent {
        s.push('%');
    }
    Some(s)
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_have_no_exponent_or_noise() {
        assert_eq!(plain_number(16467000.0), "16467000");
        assert_eq!(plain_number(1.6467e7), "16467000");
        assert_eq!(plain_number(2.8), "2.8");
        assert_eq!(plain_number(0.1 + 0.2), "0.3");
        assert_eq!(plain_number(-1234.5), "-1234.5");
        assert_eq!(plain_number(2025.0), "2025");
        assert_eq!(plain_number(1e20), "100000000000000000000");
        assert_eq!(plain_number(f64::NAN), "");
    }

    #[test]
    fn number_formats_are_imitated_for_money_and_percent() {
        assert_eq!(
            format_number(16467000.0, "\"£\"#,##0").as_deref(),
            Some("£16,467,000")
        );
        assert_eq!(
            format_number(16467000.0, "[$£-809]#,##0;[RED]\\-[$£-809]#,##0").as_deref(),
            Some("£16,467,000")
        );
        assert_eq!(
            format_number(-6167000.0, "_-£* #,##0_-;\\-£* #,##0_-;_-£* \"-\"_-;_-@_-").as_deref(),
            Some("-£6,167,000")
        );
        assert_eq!(format_number(0.165, "0.0%").as_deref(), Some("16.5%"));
        assert_eq!(format_number(2.8, "0.0").as_deref(), Some("2.8"));
        assert_eq!(
            format_number(1234.5, "#,##0.00").as_deref(),
            Some("1,234.50")
        );
        assert_eq!(format_number(16467000.0, "General"), None);
        assert_eq!(format_number(16467000.0, "0.00E+00"), None);
        assert_eq!(format_number(16467000.0, "#,##0,\"k\""), None);
        assert_eq!(format_number(45926.0, "dd/mm/yyyy"), None);
    }

    #[test]
    fn a_display_that_rounds_or_scales_gives_way_to_the_value() {
        assert_eq!(
            number_text(16467000.0, Some("£16,467,000"), false),
            "£16,467,000"
        );
        assert_eq!(number_text(2.8, Some("3"), false), "2.8");
        assert_eq!(number_text(16467000.0, Some("£16,467k"), false), "16467000");
        assert_eq!(number_text(16467000.0, Some("1.65E+07"), false), "16467000");
        assert_eq!(number_text(0.165, Some("16.5%"), true), "16.5%");
        assert_eq!(number_text(0.165, None, true), "16.5%");
        assert_eq!(number_text(-1234.0, Some("(1,234)"), false), "(1,234)");
    }

    #[test]
    fn dates_are_iso_not_serials() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        let dt = |v| ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false);
        assert_eq!(date_text(&dt(45926.0)), "2025-09-26");
        assert_eq!(date_text(&dt(45926.5)), "2025-09-26 12:00");
        assert_eq!(date_text(&dt(0.75)), "18:00");
    }

    #[test]
    fn the_cell_budget_refuses_past_the_limit() {
        let mut b = CellBudget::new(Format::Xlsx);
        assert!(b.spend(MAX_CELLS).is_ok());
        match b.spend(1) {
            Err(IngestError::TooMuchContent { what, detail }) => {
                assert_eq!(what, "Excel spreadsheet");
                assert_eq!(detail, "it has more than 1000000 filled cells");
            }
            other => panic!("{other:?}"),
        }
    }
}
