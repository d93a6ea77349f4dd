//! Spreadsheet cells as text, shared by the .xlsx/.xls reader (`sheet`) and the .ods reader
//! (`odf`): how numbers are printed so money and years survive, the cap on filled cells, and
//! how a row of cells becomes one TAB-separated line with a locator per cell.

use super::builder::TextBuilder;
use super::limits::{MAX_CELLS, MAX_COLUMN_GAP};
use super::{Format, IngestError, Place};

/// Counts filled cells against [`MAX_CELLS`].
pub struct CellBudget {
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

/// The text for a number cell: `display` (what the sheet shows) when it has the same value,
/// else the plain number. A display that rounds (2.8 shown as "3") or scales ("£16,467k") is
/// not the value, and a wrong number is worse than a plain one.
pub fn number_text(value: f64, display: Option<&str>, percent: bool) -> String {
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
pub fn format_number(value: f64, code: &str) -> Option<String> {
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

/// One row as a line: filled cells at their columns, TABs for the gaps (narrowed when huge).
pub fn write_row(out: &mut TextBuilder, sheet: &str, row: u64, cells: &[(u64, String)]) {
    out.end_line();
    // A cell at column c is preceded by one TAB per column since the previous filled cell (or
    // since column A for the first), so columns line up across rows.
    let mut previous: Option<u64> = None;
    for (col, text) in cells {
        let tabs = match previous {
            None => *col,
            Some(p) => col.saturating_sub(p),
        }
        .min(MAX_COLUMN_GAP as u64);
        for _ in 0..tabs {
            out.push('\t');
        }
        previous = Some(*col);
        let start = out.offset();
        out.push_str(&text.replace(['\t', '\n', '\r'], " "));
        if row < u32::MAX as u64 && *col < u32::MAX as u64 {
            out.locate_from(
                start,
                Place::Cell {
                    sheet: sheet.to_string(),
                    row: row as u32,
                    col: *col as u32,
                },
            );
        }
    }
    out.end_line();
}

/// A sheet as text: its name on a line, then its rows in order.
pub fn write_sheet(out: &mut TextBuilder, name: &str, mut cells: Vec<(u32, u32, String)>) {
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

/// Number formats Excel has built in that show dates or times.
pub fn is_builtin_date_format(id: u16) -> bool {
    matches!(id, 14..=22 | 45..=47)
}

/// Does a custom number format show a date or time (d, m, y, h, s outside quotes/brackets)?
pub fn is_date_format(code: &str) -> bool {
    let mut in_quotes = false;
    let mut in_bracket = false;
    let mut prev = ' ';
    for c in code.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '[' if !in_quotes => in_bracket = true,
            ']' if !in_quotes => in_bracket = false,
            _ if in_quotes || in_bracket || prev == '\\' => {}
            'd' | 'D' | 'm' | 'M' | 'y' | 'Y' | 'h' | 'H' | 's' | 'S' => {
                return !code.eq_ignore_ascii_case("general")
            }
            _ => {}
        }
        prev = c;
    }
    false
}

/// An Excel date serial as ISO 8601 ("2025-09-26", "2025-09-26 14:30", "14:30").
pub fn serial_date_text(serial: f64, is_1904: bool) -> Option<String> {
    if !serial.is_finite() || !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let mut days = serial.floor() as i64;
    let seconds = ((serial - serial.floor()) * 86_400.0).round() as i64;
    let (h, mi, s) = (seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
    let time = if s == 0 {
        format!("{h:02}:{mi:02}")
    } else {
        format!("{h:02}:{mi:02}:{s:02}")
    };
    if days == 0 && !is_1904 {
        return Some(time);
    }
    // Days since 1970-01-01 of the serial's day (1900 system: serial 1 = 1900-01-01, and
    // Excel's fictitious 1900-02-29 is serial 60).
    if is_1904 {
        days += 1462; // serial 0 of the 1904 system is serial 1462 of the 1900 system
    } else if days < 61 {
        days += 1; // before the fictitious leap day the offset is one day more
    }
    let unix_days = days - 25_569; // 1899-12-30 → 1970-01-01
    let (y, m, d) = civil_from_days(unix_days);
    Some(if seconds == 0 {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!("{y:04}-{m:02}-{d:02} {time}")
    })
}

/// Howard Hinnant's days → (year, month, day) for the proleptic Gregorian calendar.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The codes of Excel's built-in number formats that `format_number` can imitate (ids 5–8 are
/// locale-dependent currencies and are left plain).
pub fn builtin_format_code(id: u16) -> Option<&'static str> {
    Some(match id {
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        37 | 38 => "#,##0",
        39 | 40 => "#,##0.00",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_serials_become_iso_dates() {
        assert_eq!(
            serial_date_text(45926.0, false).as_deref(),
            Some("2025-09-26")
        );
        assert_eq!(serial_date_text(1.0, false).as_deref(), Some("1900-01-01"));
        assert_eq!(serial_date_text(59.0, false).as_deref(), Some("1900-02-28"));
        assert_eq!(serial_date_text(61.0, false).as_deref(), Some("1900-03-01"));
        assert_eq!(
            serial_date_text(45926.5, false).as_deref(),
            Some("2025-09-26 12:00")
        );
        assert_eq!(serial_date_text(0.75, false).as_deref(), Some("18:00"));
        assert_eq!(serial_date_text(0.0, true).as_deref(), Some("1904-01-01"));
        assert_eq!(serial_date_text(-1.0, false), None);
    }

    #[test]
    fn date_formats() {
        assert!(is_date_format("dd/mm/yyyy"));
        assert!(is_date_format("[$-809]dd mmmm yyyy;@"));
        assert!(!is_date_format("\"£\"#,##0"));
        assert!(!is_date_format("[Red]#,##0.00"));
        assert!(!is_date_format("General"));
        assert!(is_builtin_date_format(14) && !is_builtin_date_format(4));
    }

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
