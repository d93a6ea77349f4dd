//! Money as printed in FOI replies and board papers: `£13,107,000`, `13,107,000`, `£13.1m`,
//! `£13.1 million`, `£1,234k`, `£1.2bn`, `£ 13 107 000`, `(1,234)` (negative), `-£5`, `£0`, `nil`,
//! and units given once in a column header: `(£000)`, `£'000`, `£k`, `(£m's)`, `£ millions`.
//!
//! Works on cleaned text (see `normalise`): dashes are already `-`, spaces are plain spaces.
//! Returns amounts with their byte range so the caller can keep the evidence span.

use crate::model::MoneyUnit;
use regex::Regex;
use std::sync::OnceLock;

/// One amount found in text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Amount {
    /// The value in pounds (not yet rounded: callers round to whole pounds for the contract, or
    /// keep the printed value for tables via [`Amount::printed`]).
    pub pounds: f64,
    /// The number as printed, before applying any unit (2.25 for "£2.25m").
    pub printed: f64,
    /// Byte range of the whole amount (sign, brackets, £ and unit included).
    pub start: usize,
    pub end: usize,
    /// The unit applied: printed beside the number, else the caller's context unit.
    pub unit: MoneyUnit,
    /// True when the unit was printed beside the number (`£13.1m`) rather than assumed.
    pub unit_printed: bool,
    /// True when a `£`/`GBP` was printed.
    pub pound_sign: bool,
    /// True when the number used thousands separators (`13,107,000`).
    pub grouped: bool,
}

impl Amount {
    /// Whole pounds, rounded half away from zero; `None` if out of range.
    pub fn whole_pounds(&self) -> Option<i64> {
        let r = self.pounds.round();
        (r.is_finite() && r.abs() < 9e15).then_some(r as i64)
    }

    /// Evidence that this is money and not some other number: a pound sign, a printed unit, or
    /// thousands separators.
    pub fn looks_like_money(&self) -> bool {
        self.pound_sign || self.unit_printed || self.grouped
    }
}

fn amount_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(
            r"(?xi)
            (?P<open>\(\s*)?
            (?P<sign>-)?                          # a minus is glued to the figure (-£5, £-5);
            (?P<cur>£|GBP\b)?\s*                 # in 2024-25 - £5.1m the spaced dash is not one
            (?P<sign2>-)?
            (?P<num>
                \d{1,3}(?:,\d{3})+(?:\.\d+)?      # 13,107,000(.50)
              | \d{1,3}(?:\x20\d{3})+(?:\.\d+)?     # 13 107 000 (only trusted after £)
              | \d+(?:\.\d+)?                      # 13107000 / 13.1
              | \.\d+                              # .5
            )
            (?P<unit>
                \s*(?:bn|billions?)\b
              | \s*(?:m|mn|millions?)\b
              | \s*(?:k|thousands?)\b
            )?
            (?P<close>\s*\))?",
        )
        .expect("money regex")
    })
}

/// All amounts in `text` that look like money. With `context` (a unit from a column header or a
/// question such as "IT spend (£)"), bare numbers count as money in that unit too.
pub fn find_amounts(text: &str, context: Option<MoneyUnit>) -> Vec<Amount> {
    amount_regex()
        .captures_iter(text)
        .filter_map(|c| amount_from_captures(text, &c, context))
        .filter(|a| context.is_some() || a.looks_like_money())
        .collect()
}

/// Parse `text` as one amount and nothing else (a table cell, an answer after "Response:").
/// Allows surrounding spaces, a trailing full stop and the words "nil"/"none"/"zero" (= £0).
pub fn parse_amount(text: &str, context: Option<MoneyUnit>) -> Option<Amount> {
    let trimmed_start = text.len() - text.trim_start().len();
    let body = text.trim().trim_end_matches(['.', ';', ',']).trim_end();
    if body.is_empty() {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    if matches!(lower.as_str(), "nil" | "£nil" | "none" | "zero" | "£ nil") {
        return Some(Amount {
            pounds: 0.0,
            printed: 0.0,
            start: trimmed_start,
            end: trimmed_start + body.len(),
            unit: context.unwrap_or_default(),
            unit_printed: false,
            pound_sign: lower.contains('£'),
            grouped: false,
        });
    }
    let c = amount_regex().captures(body)?;
    let whole = c.get(0)?;
    if whole.start() != 0 || whole.end() != body.len() {
        return None;
    }
    let mut a = amount_from_captures(body, &c, context)?;
    a.start += trimmed_start;
    a.end += trimmed_start;
    Some(a)
}

fn amount_from_captures(
    text: &str,
    c: &regex::Captures<'_>,
    context: Option<MoneyUnit>,
) -> Option<Amount> {
    let whole = c.get(0)?;
    let num = c.name("num")?;
    let digits = num.as_str();
    let pound_sign = c.name("cur").is_some();
    let space_grouped = digits.contains(' ');
    let grouped = digits.contains(',') || space_grouped;
    if space_grouped && !pound_sign {
        return None; // "2023 45" or a phone number, not money
    }
    // Leading zeros: "000" in "(£000)" is a unit marker, "0303" a phone number.
    let int_part = digits.split('.').next().unwrap_or("");
    if int_part.len() > 1 && int_part.starts_with('0') {
        return None;
    }
    if !is_standalone_number(text, num.start(), amount_end(c, num)) {
        return None;
    }
    let printed: f64 = digits.replace([',', ' '], "").parse().ok()?;
    let unit_word = c
        .name("unit")
        .map(|u| u.as_str().trim().to_ascii_lowercase());
    let unit = match unit_word.as_deref() {
        Some(w) if w.starts_with('b') => Some(MoneyUnit::Billions),
        Some(w) if w.starts_with('m') => Some(MoneyUnit::Millions),
        Some(w) if w.starts_with('k') || w.starts_with('t') => Some(MoneyUnit::Thousands),
        _ => None,
    };
    // "£13.1m": the unit belongs to the number only when no letter follows it directly
    // ("13 managers" is not £13m); the \b in the regex already guarantees that.
    let negative = c.name("sign").is_some() || c.name("sign2").is_some();
    let bracketed = c.name("open").is_some() && c.name("close").is_some();
    // A lone "(" or ")" is punctuation around the amount, not part of it.
    let (start, end) = match (c.name("open"), c.name("close")) {
        (Some(o), Some(cl)) => (o.start(), cl.end()),
        (Some(_), None) => (
            c.name("sign")
                .or(c.name("cur"))
                .or(c.name("sign2"))
                .unwrap_or(num)
                .start(),
            amount_end(c, num),
        ),
        (None, Some(_)) => (whole.start(), amount_end(c, num)),
        (None, None) => (whole.start(), whole.end()),
    };
    let unit_applied = unit.or(context).unwrap_or_default();
    let sign = if negative || bracketed { -1.0 } else { 1.0 };
    Some(Amount {
        pounds: sign * printed * unit_applied.factor(),
        printed: sign * printed,
        start,
        end,
        unit: unit_applied,
        unit_printed: unit.is_some(),
        pound_sign,
        grouped,
    })
}

fn amount_end(c: &regex::Captures<'_>, num: regex::Match<'_>) -> usize {
    c.name("unit").map(|u| u.end()).unwrap_or(num.end())
}

/// A number glued to other digits or letters is part of something else: a year range
/// ("2023/24", "2023-24"), a date ("26.9.25"), a percentage, a reference ("FOI-0722"), a section
/// ("s22"), an ordinal ("1st").
fn is_standalone_number(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let mut after = text[end..].chars();
    let next = after.next();
    let next2 = after.next();
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    if before.is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '.' || c == '_') {
        return false;
    }
    if before == Some('-')
        && text[..start.saturating_sub(1)]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
    {
        return false; // "2023-24": the 24
    }
    match next {
        Some('%') | Some('/') => false,
        Some('-') | Some('.') | Some(':') if digit(next2) => false,
        // "1st", "22a": not money ("13.1m" ends after its unit, so this sees what follows "m").
        Some(c) if c.is_alphanumeric() => false,
        _ => true,
    }
}

/// The unit a header or question declares for the numbers under it: `(£000)`, `£'000`, `£000s`,
/// `£k`, `(£m)`, `£m's`, `£ millions`, `£bn`, plain `(£)`. `None` when no pound unit is declared.
pub fn unit_from_header(header: &str) -> Option<MoneyUnit> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(
            r"(?xi)
            £\s*(?:
                (?P<thousand>'?000'?s?|k\b|thousands?\b)
              | (?P<million>m(?:'?s)?\b|mn\b|millions?\b)
              | (?P<billion>bn\b|billions?\b)
              | (?P<pound>\s*\)|\s*$|\s*:|\s+[a-z])
            )
            | \((?:in\s+)?(?P<thousand2>thousands|£?\s*000s?|k)\)
            | \((?:in\s+)?(?P<million2>millions|£?\s*m)\)
            | (?P<thousand3>\bgbp\s*'?000s?\b)",
        )
        .expect("unit regex")
    });
    let c = re.captures(header)?;
    if c.name("thousand").is_some()
        || c.name("thousand2").is_some()
        || c.name("thousand3").is_some()
    {
        Some(MoneyUnit::Thousands)
    } else if c.name("million").is_some() || c.name("million2").is_some() {
        Some(MoneyUnit::Millions)
    } else if c.name("billion").is_some() {
        Some(MoneyUnit::Billions)
    } else {
        Some(MoneyUnit::Pounds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MoneyUnit::*;

    fn pounds(s: &str) -> Option<f64> {
        parse_amount(s, None).map(|a| a.pounds)
    }

    #[test]
    fn every_printed_form_parses_to_pounds() {
        assert_eq!(pounds("£13,107,000"), Some(13_107_000.0));
        assert_eq!(pounds("13,107,000"), Some(13_107_000.0));
        assert_eq!(pounds("£13.1m"), Some(13_100_000.0));
        assert_eq!(pounds("£13.1 million"), Some(13_100_000.0));
        assert_eq!(pounds("£1,234k"), Some(1_234_000.0));
        assert_eq!(pounds("£1.2bn"), Some(1_200_000_000.0));
        assert_eq!(pounds("£ 13 107 000"), Some(13_107_000.0));
        assert_eq!(pounds("(1,234)"), Some(-1234.0));
        assert_eq!(pounds("-£5"), Some(-5.0));
        assert_eq!(pounds("£-5"), Some(-5.0));
        assert_eq!(pounds("£0"), Some(0.0));
        assert_eq!(pounds("nil"), Some(0.0));
        assert_eq!(pounds("£13,107,000."), Some(13_107_000.0));
        assert_eq!(pounds("GBP 2.5m"), Some(2_500_000.0));
        assert_eq!(pounds("£264,116.50"), Some(264_116.5));
    }

    #[test]
    fn whole_pounds_round_half_away_from_zero() {
        assert_eq!(
            parse_amount("£264,116.50", None).unwrap().whole_pounds(),
            Some(264_117)
        );
        assert_eq!(
            parse_amount("£13.1m", None).unwrap().whole_pounds(),
            Some(13_100_000)
        );
    }

    #[test]
    fn context_unit_applies_to_bare_numbers_only() {
        let a = parse_amount("2.250", Some(Millions)).unwrap();
        assert_eq!(
            (a.printed, a.pounds, a.unit_printed),
            (2.25, 2_250_000.0, false)
        );
        let a = parse_amount("£500k", Some(Millions)).unwrap();
        assert_eq!((a.pounds, a.unit), (500_000.0, Thousands));
        assert_eq!(
            parse_amount("1,234", Some(Thousands)).unwrap().pounds,
            1_234_000.0
        );
    }

    #[test]
    fn whole_cell_parse_rejects_extra_words() {
        assert_eq!(pounds("£13,107,000 including VAT"), None);
        assert_eq!(pounds("We do not hold this"), None);
        assert_eq!(pounds("3.1"), Some(3.1)); // a number; the caller decides it is not money
        assert_eq!(pounds(""), None);
        assert_eq!(pounds("-"), None);
    }

    #[test]
    fn years_dates_phones_sections_and_percentages_are_not_money() {
        let found = |s: &str| {
            find_amounts(s, None)
                .iter()
                .map(|a| a.pounds)
                .collect::<Vec<_>>()
        };
        assert!(found("FY 2023/2024 (£):").is_empty());
        assert!(found("Date: 26.9.25").is_empty());
        assert!(found("Tel: 0303 123 1113").is_empty());
        assert!(found("Section 22 (1)(a)").is_empty());
        assert!(found("an increase of 12%").is_empty());
        assert!(found("(£000)").is_empty());
        assert!(found("2023-24 and 2024-25").is_empty());
        assert!(found("we have 13 managers").is_empty());
        assert!(find_amounts("Section 22 (1)(a)", Some(Pounds))
            .iter()
            .all(|a| a.pounds != 1.0));
    }

    #[test]
    fn amounts_in_prose_are_found_with_their_ranges() {
        let text = "FY 2023/2024 (£): OUR RESPONSE: £13,107,000. Next year £11.4m (approx).";
        let found = find_amounts(text, None);
        let got: Vec<(&str, f64)> = found
            .iter()
            .map(|a| (&text[a.start..a.end], a.pounds))
            .collect();
        assert_eq!(
            got,
            vec![("£13,107,000", 13_107_000.0), ("£11.4m", 11_400_000.0)]
        );
    }

    #[test]
    fn brackets_around_an_amount_mean_negative_only_when_closed() {
        let text = "a refund (£1,200) and (see £3,000 above";
        let got: Vec<f64> = find_amounts(text, None).iter().map(|a| a.pounds).collect();
        assert_eq!(got, vec![-1200.0, 3000.0]);
    }

    #[test]
    fn header_units() {
        assert_eq!(unit_from_header("2018-19 (£m's)"), Some(Millions));
        assert_eq!(unit_from_header("Cost (£000)"), Some(Thousands));
        assert_eq!(unit_from_header("£'000"), Some(Thousands));
        assert_eq!(unit_from_header("£000s"), Some(Thousands));
        assert_eq!(unit_from_header("Spend £k"), Some(Thousands));
        assert_eq!(unit_from_header("£ millions"), Some(Millions));
        assert_eq!(unit_from_header("FY 2023/2024 (£):"), Some(Pounds));
        assert_eq!(unit_from_header("£bn"), Some(Billions));
        assert_eq!(unit_from_header("(£)"), Some(Pounds));
        assert_eq!(unit_from_header("Total 3 year Investment"), None);
        assert_eq!(unit_from_header("£13,107,000"), None);
    }
}
