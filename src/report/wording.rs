//! Plain English for the codes a response is reduced to: FOI exemptions ("Withheld under section
//! 22: intended for future publication"), what a response did with the DMA and HIMSS questions,
//! and dates as people write them. Used by the app's results card and by the summary paragraph,
//! so both say the same thing in the same words.

use crate::model::{DmaStatus, HimssStatus};

/// The FOI Act 2000 section number in an exemption code as the parser writes it ("s22",
/// "s43(2)", "S 40"): `22`, `43`, `40`.
pub fn section_number(code: &str) -> Option<u16> {
    let rest = code.trim().trim_start_matches(['s', 'S']).trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|n| (1..=100).contains(n))
}

/// What an FOI Act 2000 exemption is for, in a few words, for the sections FOI officers cite.
pub fn exemption_reason(section: u16) -> Option<&'static str> {
    Some(match section {
        12 => "the cost of finding the information would exceed the legal limit",
        14 => "the request is vexatious or repeated",
        21 => "the information is already reasonably accessible elsewhere",
        22 => "intended for future publication",
        23 => "information supplied by or relating to security bodies",
        24 => "national security",
        26 => "defence",
        27 => "international relations",
        30 => "investigations and proceedings by public authorities",
        31 => "law enforcement (for example, cyber security)",
        32 => "court records",
        33 => "audit functions",
        35 => "formulation of government policy",
        36 => "prejudice to the effective conduct of public affairs",
        38 => "health and safety",
        40 => "personal information",
        41 => "information provided in confidence",
        42 => "legal professional privilege",
        43 => "commercial interests",
        44 => "disclosure is prohibited by another law",
        _ => return None,
    })
}

/// One exemption for people: "Section 22: intended for future publication"; an unknown section
/// is still named ("Section 99 of the FOI Act"); a code that is not a section is shown as given.
pub fn exemption_text(code: &str) -> String {
    match section_number(code) {
        Some(n) => match exemption_reason(n) {
            Some(why) => format!("Section {n}: {why}"),
            None => format!("Section {n} of the FOI Act"),
        },
        None => code.trim().to_string(),
    }
}

/// "section 22" / "sections 22 and 43" / "sections 21, 22 and 43", from exemption codes.
pub fn sections_phrase(codes: &[&str]) -> Option<String> {
    let mut nums: Vec<u16> = codes.iter().filter_map(|c| section_number(c)).collect();
    nums.dedup();
    let words: Vec<String> = nums.iter().map(u16::to_string).collect();
    match words.as_slice() {
        [] => None,
        [one] => Some(format!("section {one}")),
        [rest @ .., last] => Some(format!("sections {} and {last}", rest.join(", "))),
    }
}

/// What the response did with the DMA question, in one line. With exemptions cited, a withheld
/// DMA says under which section and why: "Withheld under section 22: intended for future
/// publication".
pub fn dma_status_text(status: DmaStatus, exemptions: &[&str]) -> String {
    match status {
        DmaStatus::Disclosed => "Disclosed in the response".into(),
        DmaStatus::Partial => {
            "Partly disclosed: some scores given, others withheld or missing".into()
        }
        DmaStatus::Exempt => withheld_text(exemptions),
        DmaStatus::NotHeld => "Not held: the organisation says it does not hold the scores".into(),
        DmaStatus::NotAssessed => {
            "Not assessed: the organisation says it has not completed a DMA".into()
        }
        DmaStatus::NotAnswered => "Not answered in this response".into(),
    }
}

/// What the response said about HIMSS EMRAM / INFRAM, in one line.
pub fn himss_status_text(status: HimssStatus, exemptions: &[&str]) -> String {
    match status {
        HimssStatus::Disclosed => "Disclosed in the response".into(),
        HimssStatus::NotAssessed => "Not assessed: no HIMSS assessment has been done".into(),
        HimssStatus::NotHeld => "Not held: the organisation says it does not hold this".into(),
        HimssStatus::Exempt => withheld_text(exemptions),
        HimssStatus::NotAnswered => "Not answered in this response".into(),
    }
}

fn withheld_text(exemptions: &[&str]) -> String {
    let known: Vec<u16> = exemptions
        .iter()
        .filter_map(|c| section_number(c))
        .collect();
    match known.as_slice() {
        [] => "Withheld under an FOI exemption".into(),
        [one] => match exemption_reason(*one) {
            Some(why) => format!("Withheld under section {one}: {why}"),
            None => format!("Withheld under section {one} of the FOI Act"),
        },
        _ => {
            let codes: Vec<&str> = exemptions.to_vec();
            let phrase = sections_phrase(&codes).unwrap_or_default();
            format!("Withheld under {phrase} of the FOI Act")
        }
    }
}

/// The label a status select offers for each DMA status (short: the line above explains).
pub fn dma_status_label(status: DmaStatus) -> &'static str {
    match status {
        DmaStatus::Disclosed => "Disclosed",
        DmaStatus::Partial => "Partly disclosed",
        DmaStatus::Exempt => "Withheld (exempt)",
        DmaStatus::NotHeld => "Not held",
        DmaStatus::NotAssessed => "Not assessed",
        DmaStatus::NotAnswered => "Not answered",
    }
}

/// The label a status select offers for each HIMSS status.
pub fn himss_status_label(status: HimssStatus) -> &'static str {
    match status {
        HimssStatus::Disclosed => "Disclosed",
        HimssStatus::NotAssessed => "Not assessed",
        HimssStatus::NotHeld => "Not held",
        HimssStatus::Exempt => "Withheld (exempt)",
        HimssStatus::NotAnswered => "Not answered",
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// An ISO date as people write it in Britain: "2025-09-26" → "26 September 2025". Anything
/// that is not an ISO date is returned unchanged.
pub fn long_date(iso: &str) -> String {
    match parse_iso(iso) {
        Some((y, m, d)) => format!("{d} {} {y}", MONTHS[m as usize - 1]),
        None => iso.to_string(),
    }
}

/// A date typed by a person ("26/09/2025", "26.9.25", "26 September 2025", "2025-09-26") as
/// ISO `YYYY-MM-DD`; `None` if it is not a real date.
pub fn parse_date(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches('.');
    if let Some((y, m, d)) = parse_iso(t) {
        return Some(iso(y, m, d));
    }
    let parts: Vec<&str> = t
        .split(|c: char| c == '/' || c == '.' || c == '-' || c.is_whitespace() || c == ',')
        .filter(|p| !p.is_empty())
        .collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let day: u32 = d
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()?;
    let month: u32 = match m.parse::<u32>() {
        Ok(n) => n,
        Err(_) => {
            let lower = m.to_ascii_lowercase();
            if lower.len() < 3 {
                return None;
            }
            MONTHS
                .iter()
                .position(|name| name.to_ascii_lowercase().starts_with(&lower[..3]))?
                as u32
                + 1
        }
    };
    let year: u32 = match (y.len(), y.parse::<u32>().ok()?) {
        (2, n) => 2000 + n,
        (4, n) => n,
        _ => return None,
    };
    valid(year, month, day).then(|| iso(year, month, day))
}

fn iso(y: u32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn parse_iso(t: &str) -> Option<(u32, u32, u32)> {
    let b = t.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = t.get(0..4)?.parse().ok()?;
    let m = t.get(5..7)?.parse().ok()?;
    let d = t.get(8..10)?.parse().ok()?;
    valid(y, m, d).then_some((y, m, d))
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2100).contains(&y) && (1..=days).contains(&d)
}

/// "1 value" / "3 values".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_22_is_future_publication() {
        assert_eq!(section_number("s22"), Some(22));
        assert_eq!(section_number("S 43(2)"), Some(43));
        assert_eq!(section_number("section"), None);
        assert_eq!(
            exemption_text("s22"),
            "Section 22: intended for future publication"
        );
        assert_eq!(exemption_text("s99"), "Section 99 of the FOI Act");
        assert_eq!(exemption_text("EIR 12(4)(b)"), "EIR 12(4)(b)");
    }

    #[test]
    fn withheld_dma_names_the_section_and_the_reason() {
        assert_eq!(
            dma_status_text(DmaStatus::Exempt, &["s22"]),
            "Withheld under section 22: intended for future publication"
        );
        assert_eq!(
            dma_status_text(DmaStatus::Exempt, &["s22", "s43"]),
            "Withheld under sections 22 and 43 of the FOI Act"
        );
        assert_eq!(
            dma_status_text(DmaStatus::Exempt, &[]),
            "Withheld under an FOI exemption"
        );
        assert_eq!(
            himss_status_text(HimssStatus::NotAssessed, &[]),
            "Not assessed: no HIMSS assessment has been done"
        );
    }

    #[test]
    fn sections_are_listed_in_prose() {
        assert_eq!(sections_phrase(&["s22"]).unwrap(), "section 22");
        assert_eq!(
            sections_phrase(&["s21", "s22", "s43"]).unwrap(),
            "sections 21, 22 and 43"
        );
        assert_eq!(sections_phrase(&["x"]), None);
    }

    #[test]
    fn dates_read_as_people_type_them() {
        assert_eq!(long_date("2025-09-26"), "26 September 2025");
        assert_eq!(long_date("soon"), "soon");
        assert_eq!(parse_date("26.9.25").unwrap(), "2025-09-26");
        assert_eq!(parse_date("26/09/2025").unwrap(), "2025-09-26");
        assert_eq!(parse_date("26 Sept 2025").unwrap(), "2025-09-26");
        assert_eq!(parse_date("1st March 2024").unwrap(), "2024-03-01");
        assert_eq!(parse_date("2025-09-26").unwrap(), "2025-09-26");
        assert_eq!(parse_date("31/02/2025"), None);
        assert_eq!(parse_date("29/02/2024").unwrap(), "2024-02-29");
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("1 Ma 2024"), None);
    }
}
