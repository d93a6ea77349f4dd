//! FOI exemptions the reply *applies*: "exempt under Section 22", "we are relying on s.43(2)",
//! "section 12 ... exceeds the appropriate limit".
//!
//! A section counts only in the trust's own words, in a sentence that applies it (exempt,
//! withheld, refuse, engage, rely, cost limit...). Not counted: the request restated ("if you
//! rely on section 21, please..."), quotations of the Act or of guidance ("...which states:
//! Section 22 (1) Information is exempt information if—"), text in quotation marks, negations
//! ("we have not applied section 43"), and procedural sections that are not exemptions (s1, s10,
//! s16, s17 refusal notices, s50 complaints).

use super::answers::{self, Role};
use super::doc::Doc;
use super::layout::Separator;
use regex::Regex;
use std::sync::OnceLock;

/// An applied exemption: its code ("s22") and where it was cited (cleaned text range).
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub code: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
}

fn reference_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)\b(?:sections?|ss?\.|s|§)\s*(?P<list>\d{1,2}(?:\s*\(\s*[0-9a-z]{1,4}\s*\))*(?:\s*(?:,|and|&|or|/)\s*(?:(?:sections?|s\.?)\s*)?\d{1,2}(?:\s*\(\s*[0-9a-z]{1,4}\s*\))*)*)\b",
        )
        .expect("section regex")
    })
}

fn applying_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)\bexempt|\bexemptions?\b|\bwithh[eo]ld|\bwithholding\b|\brefus|\bengag|\bappl(?:y|ies|ied|ying)\b|\brel(?:y|ies|ied|ying)\b|\binvok|\bcit(?:e|ed|ing)\b|\bcost\s+limit|\bappropriate\s+limit|\bexceed|\bvexatious|\brepeated\s+request|\breasonably\s+accessible|\bby\s+virtue\s+of|\bunder\s+(?:section|s\.?\s*\d)|\bpursuant|\bpublicly\s+available|\bavailable\s+(?:at|on|via|from)\b",
        )
        .expect("applying regex")
    })
}

fn negation_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)\b(?:not|n't|no\s+longer)\s+(?:\w+\s+){0,2}?(?:appl|engag|rel[yi]|exempt|withh|invok)|\bnot\s+consider(?:ed)?\s+(?:that\s+)?(?:any\s+|the\s+)?(?:exemption|section|s\.?\s*\d)|\bno\s+exemptions?\b|\b(?:does|do|did|will)\s+not\s*[.;]?\s*$",
        )
        .expect("negation regex")
    })
}

/// Sections of the Act that are grounds for refusing: s12 (cost), s14 (vexatious) and Part II
/// exemptions (s21–s44).
fn is_ground(n: u32) -> bool {
    n == 12 || n == 14 || (21..=44).contains(&n)
}

/// Every exemption applied in `doc`, in order, one entry per citation.
pub fn find(doc: &Doc<'_>) -> Vec<Applied> {
    let mut out = Vec::new();
    for (i, line) in doc.lines.iter().enumerate() {
        let role = doc.roles[i];
        // A citation has a section number: a line without digits cites nothing.
        if line.is_blank()
            || role.quoted
            || role.role == Role::Question
            || !line.text.bytes().any(|b| b.is_ascii_digit())
            || !may_cite(line.text)
        {
            continue;
        }
        // In a marker-style reply the question part of a line is the request.
        let from = if role.role == Role::Answer {
            role.answer_from.min(line.end)
        } else {
            line.start
        };
        let sentences = doc.sentences(from, line.end);
        let last = sentences.len().saturating_sub(1);
        for (k, &(s, e)) in sentences.iter().enumerate() {
            let sentence = &doc.text[s..e];
            // A sentence cut by a table row break goes on in the next row's answer: read its end
            // too, so "... whether section 43 applies to the / figures and concluded that it
            // does not." is seen whole.
            let carried = if k == last && !sentence.trim_end().ends_with(['.', '!', '?', ';', ':'])
            {
                continuation(doc, i)
            } else {
                String::new()
            };
            if answers::is_requester_voice(sentence)
                && !sentence.to_ascii_lowercase().contains("please note")
            {
                continue;
            }
            // A sentence wrapped from the line above ("... we are therefore withholding them
            // under / section 22 of the Act.") is read with its beginning.
            let lead = if k == 0 {
                wrapped_from_above(doc, i)
            } else {
                String::new()
            };
            let unquoted = blank_quotations(sentence);
            let whole = format!("{lead} {unquoted} {carried}");
            let applying = format!("{lead} {unquoted}");
            if !applying_regex().is_match(&applying) || negation_regex().is_match(&whole) {
                continue;
            }
            if !lead.is_empty() && answers::is_requester_voice(&applying) {
                continue;
            }
            for c in reference_regex().captures_iter(&unquoted) {
                let Some(list) = c.name("list") else { continue };
                let whole = c
                    .get(0)
                    .map_or((list.start(), list.end()), |m| (m.start(), m.end()));
                for n in section_numbers(list.as_str()) {
                    if is_ground(n) {
                        out.push(Applied {
                            code: format!("s{n}"),
                            start: s + whole.0,
                            end: s + whole.1,
                            line: i,
                        });
                    }
                }
            }
        }
    }
    out
}

/// A quick test that a line could cite a section: "section", "s." / "s 22" / "s22", or "§".
fn may_cite(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(7).any(|w| w.eq_ignore_ascii_case(b"section"))
        || b.contains(&0xA7) // the second byte of '§'
        || b.windows(3).any(|w| {
            matches!(w[0], b's' | b'S') && (w[1] == b'.' || w[1] == b' ' || w[1].is_ascii_digit())
                && (w[2].is_ascii_digit() || w[2] == b' ')
        })
}

/// The first sentence of the answer on the next non-blank line (where a wrapped sentence ends).
/// The unfinished last sentence of the line above `i`, when line `i` goes on with it: the lines
/// are adjacent prose of the same role and the one above does not end a sentence.
fn wrapped_from_above(doc: &Doc<'_>, i: usize) -> String {
    let Some(p) = i.checked_sub(1) else {
        return String::new();
    };
    let (above, here) = (&doc.lines[p], &doc.lines[i]);
    let (ra, rh) = (doc.roles[p], doc.roles[i]);
    let joins = !above.is_blank()
        && above.separator == Separator::None
        && here.separator == Separator::None
        && ra.role == rh.role
        && !ra.quoted
        && !above.text.trim_end().ends_with(['.', '!', '?', ';', ':'])
        && here
            .text
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase());
    if !joins {
        return String::new();
    }
    doc.sentences(above.start, above.end)
        .last()
        .map(|&(s, e)| blank_quotations(&doc.text[s..e]))
        .unwrap_or_default()
}

fn continuation(doc: &Doc<'_>, i: usize) -> String {
    let Some(j) = doc.next_filled_within(i, 2) else {
        return String::new();
    };
    let Some((from, to)) = doc
        .answer_part(j)
        .or(Some((doc.lines[j].start, doc.lines[j].end)))
    else {
        return String::new();
    };
    doc.sentences(from, to)
        .first()
        .map(|&(s, e)| blank_quotations(&doc.text[s..e]))
        .unwrap_or_default()
}

/// The section numbers in "22 (1)(a)", "21 and 22", "40(2), 43(2)": the numbers not inside
/// brackets.
fn section_numbers(list: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for ch in list.chars().chain(std::iter::once(' ')) {
        match ch {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            d if d.is_ascii_digit() && depth == 0 => {
                cur.push(d);
                continue;
            }
            _ => {}
        }
        if !cur.is_empty() {
            if let Ok(n) = cur.parse() {
                out.push(n);
            }
            cur.clear();
        }
    }
    out
}

/// `s` with text inside double quotation marks blanked (same length).
fn blank_quotations(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut inside = false;
    for ch in s.chars() {
        if ch == '"' {
            inside = !inside;
            out.push(ch);
        } else if inside {
            for _ in 0..ch.len_utf8() {
                out.push(' ');
            }
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::normalise::Normalised;
    use super::*;

    fn codes(text: &str) -> Vec<String> {
        let n = Normalised::new(text);
        let d = Doc::new(&n);
        let mut c: Vec<String> = find(&d).into_iter().map(|a| a.code).collect();
        c.dedup();
        c
    }

    #[test]
    fn applied_sections_count() {
        assert_eq!(
            codes("OUR RESPONSE: this information is exempt under Section 22 of the Freedom of Information Act which states:\nSection 22\n(1) Information is exempt information if—\n(a) the information is held"),
            ["s22"]
        );
        assert_eq!(
            codes("We estimate that complying would exceed the appropriate limit under Section 12 of the Act."),
            ["s12"]
        );
        assert_eq!(
            codes(
                "The Trust is relying on sections 40(2) and 43(2) to withhold the supplier names."
            ),
            ["s40", "s43"]
        );
        assert_eq!(
            codes("This is exempt under s.21 as it is publicly available at https://x"),
            ["s21"]
        );
    }

    #[test]
    fn sections_that_are_not_applied_do_not_count() {
        assert!(codes("If you rely on section 21, please provide a link.").is_empty());
        assert!(codes("We have not applied section 43 to this request.").is_empty());
        assert!(codes("This letter is a refusal notice under section 17 of the Act.").is_empty());
        assert!(codes("The ICO guidance states \"section 43 exempts trade secrets\".").is_empty());
        assert!(codes("You may complain to the ICO under section 50.").is_empty());
    }

    #[test]
    fn section_number_lists() {
        assert_eq!(section_numbers("22 (1)(a)"), [22]);
        assert_eq!(section_numbers("21 and 22"), [21, 22]);
        assert_eq!(section_numbers("40(2), s43(2)"), [40, 43]);
    }
}
