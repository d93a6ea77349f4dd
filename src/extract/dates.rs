//! Calendar dates as UK letters write them, to ISO `YYYY-MM-DD`: "26.9.25", "26/09/2025",
//! "26-09-2025", "26 September 2025", "26th Sept 2025", "Friday, 26 September 2025",
//! "September 26, 2025", "2025-09-26", "26-Sep-2025". Numeric dates are day-first (British);
//! impossible dates ("31/02/2025") are rejected, never corrected.

use regex::Regex;
use std::sync::OnceLock;

/// A date found in text, with its byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMatch {
    pub iso: String,
    pub start: usize,
    pub end: usize,
}

const MONTH: &str = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

fn date_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(&format!(
            r"(?xi)
            \b(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})\b
          | \b(?P<d>\d{{1,2}})[./-](?P<m>\d{{1,2}})[./-](?P<y>\d{{4}}|\d{{2}})\b
          | \b(?P<td>\d{{1,2}})(?:st|nd|rd|th)?[\s-]+(?:of\s+)?{MONTH}\.?[\s,-]+(?P<ty>\d{{4}})\b
          | \b(?P<mon2>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>\d{{4}})\b
            "
        ))
        .expect("date regex")
    })
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    let m = match n.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn iso(y: u32, m: u32, d: u32) -> Option<String> {
    ((1990..=2100).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// All valid dates in `text`.
pub fn find_dates(text: &str) -> Vec<DateMatch> {
    date_regex()
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
            let iso = if let Some(y) = num("iy") {
                iso(y, num("im")?, num("id")?)
            } else if let Some(d) = num("d") {
                let ys = c.name("y")?.as_str();
                let y = if ys.len() == 2 {
                    2000 + num("y")?
                } else {
                    num("y")?
                };
                iso(y, num("m")?, d)
            } else if let Some(d) = num("td") {
                iso(num("ty")?, month_number(c.name("mon")?.as_str())?, d)
            } else {
                iso(
                    num("my")?,
                    month_number(c.name("mon2")?.as_str())?,
                    num("md")?,
                )
            }?;
            Some(DateMatch {
                iso,
                start: whole.start(),
                end: whole.end(),
            })
        })
        .collect()
}

/// `text` is one date and nothing else (a weekday and punctuation aside).
pub fn parse_date(text: &str) -> Option<DateMatch> {
    let found = find_dates(text);
    let [one] = found.as_slice() else { return None };
    let rest = format!("{}{}", &text[..one.start], &text[one.end..]);
    let rest = rest.to_ascii_lowercase();
    let ok = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            matches!(
                w,
                "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "mon"
                    | "tue"
                    | "tues"
                    | "wed"
                    | "thu"
                    | "thur"
                    | "thurs"
                    | "fri"
                    | "sat"
                    | "sun"
            )
        });
    ok.then(|| one.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso_of(s: &str) -> Option<String> {
        parse_date(s).map(|d| d.iso)
    }

    #[test]
    fn every_written_form() {
        assert_eq!(iso_of("26.9.25").as_deref(), Some("2025-09-26"));
        assert_eq!(iso_of("26/09/2025").as_deref(), Some("2025-09-26"));
        assert_eq!(iso_of("26-09-2025").as_deref(), Some("2025-09-26"));
        assert_eq!(iso_of("26 September 2025").as_deref(), Some("2025-09-26"));
        assert_eq!(iso_of("26th Sept 2025").as_deref(), Some("2025-09-26"));
        assert_eq!(
            iso_of("Friday, 26 September 2025").as_deref(),
            Some("2025-09-26")
        );
        assert_eq!(iso_of("September 26, 2025").as_deref(), Some("2025-09-26"));
        assert_eq!(iso_of("2025-09-26").as_deref(), Some("2025-09-26"));
        assert_eq!(iso_of("26-Sep-2025").as_deref(), Some("2025-09-26"));
    }

    #[test]
    fn impossible_or_partial_dates_are_rejected() {
        assert_eq!(iso_of("31/02/2025"), None);
        assert_eq!(iso_of("13/13/2025"), None);
        assert_eq!(iso_of("September 2025"), None);
        assert_eq!(iso_of("2023/24"), None);
        assert_eq!(iso_of("received 26/09/2025"), None);
    }
}
