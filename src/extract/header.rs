//! The letter's reference and date.
//!
//! Reference: the value after "Our ref", "Ref:", "Reference:", "FOI reference", "Request
//! number"... (never "Your ref", which is the requester's), or an "FOI-1234"-style token near the
//! top. It must contain digits ("FOI/REF FOI-" in a footer is a blank template).
//! Date: a line labelled "Date:", "Date of response:", "Sent:", or a line that is only a date
//! near the top (the letterhead). Dates of the request ("Date received", "your request dated")
//! are not the response date. Conflicting candidates → `None` and a warning.

use super::candidates::Note;
use super::dates;
use super::doc::Doc;
use crate::model::Level;
use regex::Regex;
use std::sync::OnceLock;

/// A header value and its cleaned-text range.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub value: String,
    pub start: usize,
    pub end: usize,
}

fn reference_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)(?:^|[\s(\[|:])(?P<label>(?P<your>your\s+)?(?:(?P<our>our|trust|foi|foia|request|case|freedom\s+of\s+information)\s+)?(?:ref(?:erence)?|request\s+(?:no|number|id)|case\s+(?:no|number)|no)\b\.?(?:\s+(?:no|number)\b\.?)?|(?:foi|information)\s+request\s*[:#])\s*[:#.]?\s*(?P<ref>(?-i:FOI[A-Z]?|FOIR|FOIA)?[\s/_-]*[A-Za-z0-9][A-Za-z0-9/_.-]*(?:\x20[A-Za-z0-9/_.-]*\d[A-Za-z0-9/_.-]*)*)",
        )
        .expect("reference regex")
    })
}

fn foi_token_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(
            r"\b(?:[A-Z]{2,6}[/-])?(?:FOI|FOIA|FOIR|foi)[\s/_-]*\d[A-Za-z0-9/_-]*\d\b",
        )
        .expect("foi token regex")
    })
}

/// Clean a reference token: trailing punctuation off, must hold at least two digits, not a date.
fn clean_reference(raw: &str) -> Option<&str> {
    let t = raw
        .trim()
        .trim_end_matches(['.', '-', '/', '_', ',', ';', ':']);
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    if digits < 2 || t.len() > 40 || dates::parse_date(t).is_some() {
        return None;
    }
    // "2000" (the Act) or a bare year is not a reference; nor is a one- or two-digit number.
    if t.chars().all(|c| c.is_ascii_digit())
        && (t.len() <= 2 || t.parse::<u32>().is_ok_and(|y| (1990..=2100).contains(&y)))
    {
        return None;
    }
    Some(t)
}

/// The response's reference.
pub fn reference(doc: &Doc<'_>, notes: &mut Vec<Note>) -> Option<Found> {
    // (priority, value, start, end): 0 = "our ref", 1 = "ref"/"reference", 2 = bare FOI token.
    let mut found: Vec<(u8, String, usize, usize)> = Vec::new();
    for (i, line) in doc.lines.iter().enumerate() {
        // A reference has at least two digits, and a label (or an "FOI" near the top).
        let labelled = ["ref", "no", "number", "request", "case"]
            .iter()
            .any(|w| has_word(line.text, w.as_bytes()))
            || (i < 15 && has_word(line.text, b"foi"));
        if !labelled
            || line
                .text
                .bytes()
                .filter(u8::is_ascii_digit)
                .nth(1)
                .is_none()
        {
            continue;
        }
        for c in reference_regex().captures_iter(line.text) {
            if c.name("your").is_some() {
                continue;
            }
            let (Some(label), Some(r)) = (c.name("label"), c.name("ref")) else {
                continue;
            };
            // "No." alone is too common ("No. of staff") to be a reference label.
            let label_l = label.as_str().to_ascii_lowercase();
            if label_l.trim_end_matches('.').trim() == "no" {
                continue;
            }
            let Some(value) = clean_reference(r.as_str()) else {
                continue;
            };
            let lead = r.as_str().len() - r.as_str().trim_start().len();
            let start = line.start + r.start() + lead;
            let priority = if c
                .name("our")
                .is_some_and(|m| m.as_str().eq_ignore_ascii_case("our"))
            {
                0
            } else {
                1
            };
            found.push((priority, value.to_string(), start, start + value.len()));
        }
        if i < 15 {
            for m in foi_token_regex().find_iter(line.text) {
                if let Some(value) = clean_reference(m.as_str()) {
                    let start = line.start + m.start();
                    found.push((2, value.to_string(), start, start + value.len()));
                }
            }
        }
    }
    pick(doc, found, "reference", notes)
}

/// `text` contains `word` (ASCII, any case) somewhere.
fn has_word(text: &str, word: &[u8]) -> bool {
    text.as_bytes()
        .windows(word.len())
        .any(|w| w.eq_ignore_ascii_case(word))
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The best-priority candidates must agree; else nothing.
fn pick(
    doc: &Doc<'_>,
    mut found: Vec<(u8, String, usize, usize)>,
    what: &str,
    notes: &mut Vec<Note>,
) -> Option<Found> {
    let best = found.iter().map(|f| f.0).min()?;
    found.retain(|f| f.0 == best);
    let first = found[0].clone();
    let mut distinct: Vec<String> = found.iter().map(|f| norm(&f.1)).collect();
    distinct.sort();
    distinct.dedup();
    if distinct.len() > 1 {
        let seen: Vec<String> = found
            .iter()
            .map(|f| format!("\"{}\" (line {})", f.1, doc.line_number(f.2)))
            .collect();
        notes.push(Note {
            level: Level::Warning,
            field: None,
            message: format!(
                "{what}: several different values {}; left empty",
                seen.join(", ")
            ),
            range: Some((first.2, first.3)),
        });
        return None;
    }
    Some(Found {
        value: first.1,
        start: first.2,
        end: first.3,
    })
}

fn date_label_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)^[\s|]*(?:date(?:\s+of\s+(?:response|reply|letter|issue|disclosure))?|response\s+(?:date|sent|issued)|date\s+(?:sent|responded|issued|of\s+this\s+letter)|sent|dated|issued|responded|reply\s+date)\s*(?:[:\-–|\t]\s*)*(?P<rest>.*)$",
        )
        .expect("date label regex")
    })
}

fn inline_date_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(r"(?i)\b(?:sent|responded|issued|response\s+date|(?:response|reply|letter)\s+dated)\s*(?:on\s+)?[:\-]?\s*(?P<rest>\d{1,2}\S*.{0,20})")
            .expect("inline date regex")
    })
}

/// The response's date.
pub fn date(doc: &Doc<'_>, notes: &mut Vec<Note>) -> Option<Found> {
    let mut found: Vec<(u8, String, usize, usize)> = Vec::new();
    let top: Vec<usize> = (0..doc.lines.len())
        .filter(|&i| !doc.lines[i].is_blank())
        .take(25)
        .collect();
    for (i, line) in doc.lines.iter().enumerate() {
        if line.is_blank() || !line.text.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        if let Some(f) = labelled_date(doc, line) {
            found.push(f);
            continue;
        }
        // "..., sent 01/08/2025" / "responded on 3 September 2025" / "response dated 1 July
        // 2025" inside a sentence (not "your request dated": the request's date).
        if has_word(line.text, b"sent")
            || has_word(line.text, b"respond")
            || has_word(line.text, b"issued")
            || has_word(line.text, b"dated")
        {
            for c in inline_date_regex().captures_iter(line.text) {
                let Some(rest) = c.name("rest") else { continue };
                if let Some(d) = dates::find_dates(rest.as_str())
                    .into_iter()
                    .find(|d| d.start == 0)
                {
                    let start = line.start + rest.start();
                    found.push((0, d.iso, start, start + d.end));
                }
            }
        }
        // A line that is only a date, in the letterhead.
        if line.text.len() <= 48 && top.contains(&i) {
            if let Some(d) = dates::parse_date(line.text) {
                found.push((1, d.iso, line.start + d.start, line.start + d.end));
            }
        }
    }
    // A disclosure log's "Published: 03/09/2025" is the next best thing to a letter date.
    if found.is_empty() {
        for line in &doc.lines {
            if let Some(c) = published_regex().captures(line.text) {
                if let Some(d) = c
                    .name("rest")
                    .and_then(|r| leading_date(r.as_str()).map(|d| (r.start(), d)))
                {
                    let start = line.start + d.0 + d.1.start;
                    found.push((1, d.1.iso, start, line.start + d.0 + d.1.end));
                }
            }
        }
    }
    pick(doc, found, "date", notes)
}

fn published_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(r"(?i)^\s*(?:date\s+)?published(?:\s+on)?\s*[:\-]?\s*(?P<rest>.*)$")
            .expect("published regex")
    })
}

/// "Date: 26.9.25" on a line, in one of its cells, or across a label cell and its value cell
/// ("Date:   1 October 2025" in a space-aligned letterhead).
fn labelled_date(
    doc: &Doc<'_>,
    line: &super::layout::Line<'_>,
) -> Option<(u8, String, usize, usize)> {
    let labels_a_date = ["date", "sent", "issued", "respon", "reply"]
        .iter()
        .any(|w| has_word(line.text, w.as_bytes()));
    if !labels_a_date {
        return None;
    }
    let mut pieces: Vec<(usize, &str)> = vec![(line.start, line.text)];
    if line.cells.len() > 1 {
        pieces.extend(line.cells.iter().map(|c| (c.start, c.text)));
        pieces.extend(
            line.cells
                .windows(2)
                .map(|w| (w[0].start, &doc.text[w[0].start..w[1].end])),
        );
    }
    for (at, piece) in pieces {
        let Some(c) = date_label_regex().captures(piece) else {
            continue;
        };
        let Some(rest) = c.name("rest") else { continue };
        if let Some(d) = leading_date(rest.as_str()) {
            let start = at + rest.start() + d.start;
            return Some((0, d.iso, start, at + rest.start() + d.end));
        }
    }
    None
}

/// A date at the very start of `rest` (after an optional weekday), followed by nothing but a time.
fn leading_date(rest: &str) -> Option<dates::DateMatch> {
    let found = dates::find_dates(rest);
    let d = found.first()?;
    let before = rest[..d.start]
        .trim()
        .trim_end_matches(',')
        .to_ascii_lowercase();
    let weekday = before.is_empty()
        || [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "mon",
            "tue",
            "wed",
            "thu",
            "fri",
            "sat",
            "sun",
        ]
        .contains(&before.as_str());
    let after = rest[d.end..].trim();
    let tail_ok = after.is_empty()
        || after
            .split_whitespace()
            .next()
            .is_some_and(|w| w.contains(':') || w.eq_ignore_ascii_case("at"));
    (weekday && tail_ok).then(|| d.clone())
}

#[cfg(test)]
mod tests {
    use super::super::normalise::Normalised;
    use super::*;

    fn header(text: &str) -> (Option<String>, Option<String>, usize) {
        let n = Normalised::new(text);
        let d = Doc::new(&n);
        let mut notes = Vec::new();
        let r = reference(&d, &mut notes).map(|f| f.value);
        let dt = date(&d, &mut notes).map(|f| f.value);
        (r, dt, notes.len())
    }

    #[test]
    fn dudley_header() {
        let (r, d, _) =
            header("Trust HQ\n\nRef: FOI-072025-0001722\n\nDate: 26.9.25\n\nbody\nFOI/REF FOI-\n");
        assert_eq!(r.as_deref(), Some("FOI-072025-0001722"));
        assert_eq!(d.as_deref(), Some("2025-09-26"));
    }

    #[test]
    fn your_ref_and_request_dates_are_not_ours() {
        let (r, d, _) = header(
            "Your ref: ABC123\nOur ref: FOI 25/0456\nDate received: 3 July 2025\n\nThank you for your request dated 3 July 2025.\n",
        );
        assert_eq!(r.as_deref(), Some("FOI 25/0456"));
        assert_eq!(d, None);
    }

    #[test]
    fn letterhead_date_line_and_sent_header() {
        let (_, d, _) = header("Freedom of Information Office\n12 August 2025\n\nDear Requester\n");
        assert_eq!(d.as_deref(), Some("2025-08-12"));
        let (_, d, _) = header("Sent: Friday, September 26, 2025 10:12 AM\nSubject: FOI\n");
        assert_eq!(d.as_deref(), Some("2025-09-26"));
    }

    #[test]
    fn conflicting_labelled_dates_give_none_and_a_warning() {
        let (_, d, warnings) = header("Date: 12/08/2025\nbody\nDate: 19/08/2025\n");
        assert_eq!(d, None);
        assert_eq!(warnings, 1);
    }
}
