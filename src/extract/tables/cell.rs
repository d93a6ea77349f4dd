//! Reading one cell of a money column: a number as printed (kept exactly, with its precision, so
//! totals can be checked without floating-point noise), a dash or blank (no figure), a word
//! that means "no figure" (`n/a`, `TBC`), or text that is not an amount at all.

use crate::extract::money::parse_amount;
use crate::model::MoneyUnit;

/// What a cell in a value column holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum CellValue {
    /// Nothing printed.
    Empty,
    /// `-`, `--`, `£ -`: printed as "no figure" (shown as null, counted as nothing in sums).
    Dash,
    /// A word meaning no figure is given (`n/a`, `TBC`, `not known`): null, and a sum over it
    /// cannot be checked.
    NoFigure,
    Number(Num),
    /// Anything else (words, dates, percentages, garbled digits): null and not summable.
    Text,
}

impl CellValue {
    /// True for cells that look like they belong in a money column (a number or a dash).
    pub(crate) fn is_value_like(&self) -> bool {
        matches!(self, CellValue::Number(_) | CellValue::Dash)
    }
}

/// A number exactly as printed: `sign * mantissa / 10^decimals` in `unit` (or in the table's
/// unit when no unit was printed beside it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Num {
    pub mantissa: i128,
    pub decimals: u32,
    /// The unit printed beside the number (`£1.2m`), if any.
    pub unit: Option<MoneyUnit>,
    pub pound_sign: bool,
    /// Thousands separators were printed (`2,129,000`).
    pub grouped: bool,
    /// Byte range of the amount in the text the cell came from.
    pub start: usize,
    pub end: usize,
}

/// Micro-pounds: exact integer arithmetic for sums of printed figures in any unit.
pub(crate) type Micro = i128;

const MAX_MANTISSA_DIGITS: usize = 24;

impl Num {
    fn unit_or(&self, context: MoneyUnit) -> MoneyUnit {
        self.unit.unwrap_or(context)
    }

    /// The value in micro-pounds, reading an unlabelled number in `context`.
    pub(crate) fn micro(&self, context: MoneyUnit) -> Micro {
        scale(self.mantissa, self.decimals, self.unit_or(context))
    }

    /// One unit of the last printed digit, in micro-pounds (at least 1).
    pub(crate) fn ulp(&self, context: MoneyUnit) -> Micro {
        scale(1, self.decimals, self.unit_or(context)).max(1)
    }

    /// The value in the table's unit (reading an unlabelled number in `context`): exactly as
    /// printed when the units agree.
    pub(crate) fn in_unit(&self, context: MoneyUnit, table_unit: MoneyUnit) -> f64 {
        let printed = self.mantissa as f64 / 10f64.powi(self.decimals as i32);
        let unit = self.unit_or(context);
        if unit == table_unit {
            // Parse the decimal text so 0.009 is the double nearest 0.009, not 9/1000 rounded twice.
            format!("{}e-{}", self.mantissa, self.decimals)
                .parse()
                .unwrap_or(printed)
        } else {
            printed * unit.factor() / table_unit.factor()
        }
    }
}

fn unit_exponent(unit: MoneyUnit) -> u32 {
    match unit {
        MoneyUnit::Pounds => 0,
        MoneyUnit::Thousands => 3,
        MoneyUnit::Millions => 6,
        MoneyUnit::Billions => 9,
    }
}

/// `mantissa / 10^decimals` units of `unit`, in micro-pounds (rounded half away from zero when
/// the figure is finer than a micro-pound; saturating on absurd sizes).
fn scale(mantissa: i128, decimals: u32, unit: MoneyUnit) -> Micro {
    let exp = 6 + unit_exponent(unit) as i64 - decimals as i64;
    if exp >= 0 {
        mantissa.saturating_mul(10i128.saturating_pow(exp as u32))
    } else {
        let div = 10i128.saturating_pow((-exp) as u32);
        let q = mantissa / div;
        let r = mantissa % div;
        if r.abs() * 2 >= div {
            q + mantissa.signum()
        } else {
            q
        }
    }
}

const FOOTNOTE_MARKS: &[char] = &['*', '†', '‡', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// A cheap test before the amount regex: an amount starts with a digit, `£`, `(`, a sign, a
/// decimal point or "GBP" and has a digit, unless it is one of the zero words.
fn could_be_amount(t: &str) -> bool {
    let starts_right = t.chars().next().is_some_and(|c| {
        c.is_ascii_digit() || matches!(c, '£' | '(' | '-' | '+' | '.' | 'G' | 'g')
    });
    let zero_word = matches!(
        t.to_ascii_lowercase().as_str(),
        "nil" | "£nil" | "£ nil" | "none" | "zero"
    );
    zero_word || (starts_right && t.bytes().any(|b| b.is_ascii_digit()))
}

/// Words that stand for "no figure here".
fn is_no_figure_word(lower: &str) -> bool {
    matches!(
        lower.trim_end_matches('.'),
        "n/a"
            | "na"
            | "n.a"
            | "n/k"
            | "nk"
            | "tbc"
            | "tbd"
            | "tba"
            | "unknown"
            | "not known"
            | "not applicable"
            | "not available"
            | "not held"
            | "*"
            | "x"
    )
}

/// A dash in any of its printed forms (after normalisation every dash is `-`), including the
/// spreadsheet accounting style `£ -` and a run of dashes.
fn is_dash(text: &str) -> bool {
    let t = text.trim_start_matches('£').trim();
    !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b == b'-')
}

/// Read a cell of a value column. `offset` is the byte offset of `text` in the normalised text.
pub(crate) fn read_cell(text: &str, offset: usize) -> CellValue {
    let t = text.trim();
    if t.is_empty() {
        return CellValue::Empty;
    }
    if is_dash(t) {
        return CellValue::Dash;
    }
    if t.len() <= 16 && is_no_figure_word(&t.to_ascii_lowercase()) {
        return CellValue::NoFigure;
    }
    if t.len() > 64 {
        return CellValue::Text;
    }
    // A footnote mark after a figure ("1,200*", "1,200¹") is not part of it.
    let t = t.trim_end_matches(FOOTNOTE_MARKS).trim_end();
    if !could_be_amount(t) {
        return CellValue::Text; // labels and words: no regex needed
    }
    let Some(a) = parse_amount(t, None) else {
        return CellValue::Text;
    };
    let lead = text.len() - text.trim_start().len();
    let amount_text = &t[a.start..a.end];
    let Some((mantissa, decimals)) = exact_number(amount_text) else {
        // "nil"/"none"/"zero": parse_amount reads them as 0.
        return if a.printed == 0.0 {
            CellValue::Number(Num {
                mantissa: 0,
                decimals: 0,
                unit: None,
                pound_sign: a.pound_sign,
                grouped: false,
                start: offset + lead + a.start,
                end: offset + lead + a.end,
            })
        } else {
            CellValue::Text
        };
    };
    let sign = if a.printed < 0.0 { -1 } else { 1 };
    CellValue::Number(Num {
        mantissa: sign * mantissa,
        decimals,
        unit: a.unit_printed.then_some(a.unit),
        pound_sign: a.pound_sign,
        grouped: a.grouped,
        start: offset + lead + a.start,
        end: offset + lead + a.end,
    })
}

/// The digits of the (single) number in an amount's text, as an exact mantissa and the number
/// of decimals: "£2,129,000" → (2129000, 0); "(0.009)" → (9, 3). Sign is handled by the caller.
fn exact_number(amount: &str) -> Option<(i128, u32)> {
    let first = amount.find(|c: char| c.is_ascii_digit() || c == '.')?;
    let rest = &amount[first..];
    let len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || c == ' '))
        .unwrap_or(rest.len());
    let number = rest[..len].trim_end_matches([' ', ',', '.']);
    let (int_part, frac_part) = match number.split_once('.') {
        Some((i, f)) => (i, f),
        None => (number, ""),
    };
    let int_digits: String = int_part.chars().filter(char::is_ascii_digit).collect();
    if !frac_part.bytes().all(|b| b.is_ascii_digit())
        || int_digits.len() + frac_part.len() > MAX_MANTISSA_DIGITS
        || int_digits.len() + frac_part.len() == 0
    {
        return None;
    }
    let digits = format!("{int_digits}{frac_part}");
    let mantissa: i128 = digits.parse().ok()?;
    Some((mantissa, frac_part.len() as u32))
}

#[cfg(test)]
mod tests {
    use super::*;
    use MoneyUnit::*;

    fn num(text: &str) -> Num {
        match read_cell(text, 0) {
            CellValue::Number(n) => n,
            other => panic!("{text:?} read as {other:?}"),
        }
    }

    #[test]
    fn numbers_keep_their_printed_precision() {
        let n = num("0.009");
        assert_eq!((n.mantissa, n.decimals), (9, 3));
        assert_eq!(n.micro(Millions), 9_000_000_000);
        assert_eq!(n.ulp(Millions), 1_000_000_000);
        assert_eq!(n.in_unit(Millions, Millions), 0.009);
        let n = num("£2,129,000");
        assert_eq!((n.mantissa, n.decimals, n.pound_sign), (2_129_000, 0, true));
        assert_eq!(n.micro(Pounds), 2_129_000_000_000);
        assert_eq!(num(" 264,116.50 ").in_unit(Pounds, Pounds), 264_116.5);
    }

    #[test]
    fn brackets_are_negative_and_printed_units_convert() {
        let n = num("(1,234)");
        assert_eq!(n.mantissa, -1234);
        assert_eq!(n.in_unit(Thousands, Thousands), -1234.0);
        let n = num("£1.5m");
        assert_eq!(n.unit, Some(Millions));
        assert_eq!(n.in_unit(Millions, Thousands), 1500.0);
        assert_eq!(n.micro(Pounds), 1_500_000_000_000);
    }

    #[test]
    fn dashes_blanks_and_words_are_not_numbers() {
        assert_eq!(read_cell("-", 0), CellValue::Dash);
        assert_eq!(read_cell("£ -", 0), CellValue::Dash);
        assert_eq!(read_cell("  ", 0), CellValue::Empty);
        assert_eq!(read_cell("n/a", 0), CellValue::NoFigure);
        assert_eq!(read_cell("TBC", 0), CellValue::NoFigure);
        assert_eq!(read_cell("12%", 0), CellValue::Text);
        assert_eq!(read_cell("Jun-22", 0), CellValue::Text);
        assert_eq!(read_cell("2 160", 0), CellValue::Text);
        assert_eq!(read_cell("18/19 - Q4", 0), CellValue::Text);
    }

    #[test]
    fn footnote_marks_after_a_figure_are_not_part_of_it() {
        let text = "1,200*";
        let n = num(text);
        assert_eq!((n.mantissa, &text[n.start..n.end]), (1200, "1,200"));
        assert_eq!(num("£3.5m¹").unit, Some(Millions));
        assert_eq!(read_cell("*", 0), CellValue::NoFigure);
    }

    #[test]
    fn spans_point_at_the_amount() {
        let text = "x\t £1,200 ";
        let CellValue::Number(n) = read_cell(&text[2..], 2) else {
            panic!()
        };
        assert_eq!(&text[n.start..n.end], "£1,200");
    }

    #[test]
    fn absurdly_long_numbers_are_text_not_a_panic() {
        assert_eq!(read_cell(&"9".repeat(40), 0), CellValue::Text);
        let n = num("999,999,999,999,999,999");
        assert!(n.micro(Billions) > 0);
    }
}
