//! Financial years as written in replies: `FY 2023/2024`, `2023/24`, `2023-24`, `23/24`,
//! `FY23/24`, `2023 to 2024` (after "financial year"), `financial year ending March 2024`, `FYE 2024`,
//! `year ended 31 March 2024`, `1 April 2023 to 31 March 2024`.
//!
//! UK public bodies run April–March, so "year ending March 2024" is 2023/24. A bare `FY24` is
//! found but flagged `ambiguous` (some writers mean the year *ending* 2024, some the year
//! starting): callers must not use it without other evidence.

use crate::model::FinYear;
use regex::Regex;
use std::sync::OnceLock;

/// A financial year found in text, with its byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearMatch {
    pub year: FinYear,
    pub start: usize,
    pub end: usize,
    /// True for forms like "FY24" that name only one calendar year.
    pub ambiguous: bool,
}

fn year_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(
            r"(?xi)
            # 2023/24, 2023/2024, 2023-24, FY 2023/2024, financial year 2023 to 2024
            (?P<pair>
                (?:\b(?:FY|F/Y)\s*|\b)
                (?P<a4>(?:19|20)\d{2})\s*(?:/|-|to|and)\s*(?P<b>(?:19|20)?\d{2})\b
            )
            # 23/24, FY23/24, FY 23-24
          | (?P<short>
                (?:\b(?:FY|F/Y)\s*|\b)
                (?P<a2>\d{2})\s*[/-]\s*(?P<b2>\d{2})\b
            )
            # (financial) year ending/ended (31st) March 2024 ; year ending 31/03/2024
          | (?P<ending>
                \byear\s+(?:ending|ended|end|to)\s+
                (?:(?:31(?:st)?\s+)?march\s+(?P<e1>(?:19|20)\d{2})
                  | 31[/.-]0?3[/.-](?P<e2>(?:19|20)\d{2}))
              # FYE 2024, FYE March 2024, YE 31/03/2024, FYE24 (financial year ending)
              | \b(?:FYE|F/YE|YE)\s*
                (?:(?:31(?:st)?\s+)?march\s+(?P<e3>(?:19|20)\d{2})
                  | 31[/.-]0?3[/.-](?P<e4>(?:19|20)\d{2})
                  | (?P<e5>(?:19|20)\d{2})
                  | (?P<e6>\d{2}))\b
            )
            # (1st) April 2023 to (31st) March 2024
          | (?P<span>
                \b(?:1(?:st)?\s+)?april\s+(?P<s1>(?:19|20)\d{2})\s*(?:-|to|until)\s*
                (?:31(?:st)?\s+)?march\s+(?P<s2>(?:19|20)\d{2})\b
            )
            # FY24, FY2024
          | (?P<fy>\bFY\s?(?P<f>(?:20)?\d{2})\b)",
        )
        .expect("year regex")
    })
}

/// All financial years in `text`, in order.
pub fn find_fin_years(text: &str) -> Vec<YearMatch> {
    year_regex()
        .captures_iter(text)
        .filter_map(|c| year_from_captures(text, &c))
        .collect()
}

/// Parse `text` as one financial year and nothing else (ignoring surrounding punctuation such
/// as "(£):").
pub fn parse_fin_year(text: &str) -> Option<FinYear> {
    let found = find_fin_years(text);
    match found.as_slice() {
        [one] if !one.ambiguous => {
            let rest = format!("{}{}", &text[..one.start], &text[one.end..]);
            let leftover = rest
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            matches!(leftover.as_str(), "" | "fy" | "financialyear" | "year").then_some(one.year)
        }
        _ => None,
    }
}

fn year_from_captures(text: &str, c: &regex::Captures<'_>) -> Option<YearMatch> {
    let whole = c.get(0)?;
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u16>().ok());
    let (start_year, ambiguous) = if c.name("pair").is_some() {
        let a = num("a4")?;
        let b = num("b")?;
        let b_full = if c.name("b")?.as_str().len() == 2 {
            a / 100 * 100 + b
        } else {
            b
        };
        let connector = &text[c.name("a4")?.end()..c.name("b")?.start()];
        // "2023 to 2024" / "2023 and 2024" are ranges of calendar years unless a financial-year
        // word is right before them.
        if (connector.contains("to") || connector.contains("and"))
            && !financial_context(text, whole.start())
        {
            return None;
        }
        if b_full != a + 1 || glued_to_date(text, whole.start(), whole.end()) {
            return None;
        }
        (a, false)
    } else if c.name("short").is_some() {
        let a = num("a2")?;
        let b = num("b2")?;
        if (a + 1) % 100 != b || glued_to_date(text, whole.start(), whole.end()) {
            return None;
        }
        (2000 + a, false)
    } else if c.name("ending").is_some() {
        let end_year = num("e1")
            .or_else(|| num("e2"))
            .or_else(|| num("e3"))
            .or_else(|| num("e4"))
            .or_else(|| num("e5"))
            .or_else(|| num("e6").map(|y| 2000 + y))?;
        (end_year - 1, false)
    } else if c.name("span").is_some() {
        let s1 = num("s1")?;
        if num("s2")? != s1 + 1 {
            return None;
        }
        (s1, false)
    } else {
        let f = num("f")?;
        let end_year = if f < 100 { 2000 + f } else { f };
        (end_year - 1, true)
    };
    Some(YearMatch {
        year: FinYear(start_year),
        start: whole.start(),
        end: whole.end(),
        ambiguous,
    })
}

/// "1/23/24", "23/24/2025", "2023/24/25": parts of dates or longer sequences, not years.
fn glued_to_date(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let date_sep = |c: Option<char>| matches!(c, Some('/') | Some('.'));
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    (date_sep(before) && digit(text[..start.saturating_sub(1)].chars().next_back()))
        || (date_sep(after) && digit(text[(end + 1).min(text.len())..].chars().next()))
        || digit(before)
        || digit(after)
}

fn financial_context(text: &str, start: usize) -> bool {
    let from = text[..start]
        .char_indices()
        .rev()
        .nth(24)
        .map(|(i, _)| i)
        .unwrap_or(0);
    let before = text[from..start].to_ascii_lowercase();
    before.contains("financial year") || before.contains("fy") || before.contains("f/y")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years(s: &str) -> Vec<String> {
        find_fin_years(s)
            .iter()
            .map(|y| format!("{}{}", y.year, if y.ambiguous { "?" } else { "" }))
            .collect()
    }

    #[test]
    fn every_written_form_is_found() {
        assert_eq!(years("FY 2023/2024 (£):"), ["2023/24"]);
        assert_eq!(years("in 2023/24 and 2024-25"), ["2023/24", "2024/25"]);
        assert_eq!(years("FY23/24: £5m; 24/25: £6m"), ["2023/24", "2024/25"]);
        assert_eq!(years("financial year ending March 2024"), ["2023/24"]);
        assert_eq!(years("for the year ended 31st March 2025"), ["2024/25"]);
        assert_eq!(years("year ending 31/03/2024"), ["2023/24"]);
        // "FYE" is the financial year *ending* then: never ambiguous.
        assert_eq!(years("FYE 2023   FYE 2024"), ["2022/23", "2023/24"]);
        assert_eq!(
            years("FYE March 2024, YE 31/03/2025, FYE24"),
            ["2023/24", "2024/25", "2023/24"]
        );
        assert_eq!(years("from 1 April 2023 to 31 March 2024"), ["2023/24"]);
        assert_eq!(years("financial year 2023 to 2024"), ["2023/24"]);
        assert_eq!(years("2018-19 (£m's)"), ["2018/19"]);
        assert_eq!(years("FY24 spend"), ["2023/24?"]);
    }

    #[test]
    fn dates_and_non_consecutive_pairs_are_not_years() {
        assert!(years("Date: 1/23/24").is_empty());
        assert!(years("23/24/2025").is_empty());
        assert!(years("2023/25").is_empty());
        assert!(years("between 2019 and 2020 we").is_empty());
        assert!(years("Ref 12/345").is_empty());
        assert!(years("FOI-072025-0001722").is_empty());
    }

    #[test]
    fn whole_string_parse_allows_labels_only() {
        assert_eq!(parse_fin_year("FY 2023/2024 (£):"), Some(FinYear(2023)));
        assert_eq!(parse_fin_year("2024/25"), Some(FinYear(2024)));
        assert_eq!(parse_fin_year("Total 2024/25"), None);
        assert_eq!(parse_fin_year("FY24"), None);
    }
}
