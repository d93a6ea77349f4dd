//! The responding organisation: the NHS body that wrote the reply, not the ICO, not the
//! requester, not NHS England, not a partner trust mentioned in passing.
//!
//! Names are found by their legal suffix ("... NHS Foundation Trust", "... NHS Trust",
//! "... Health Board", "... Integrated Care Board") and read backwards over capitalised words
//! ("The Dudley Group", "Guy's and St Thomas'", "University Hospitals of Leicester"). Each
//! distinct body is scored: mentions, a place in the letterhead or sign-off, and wording that
//! marks the writer ("X advise that", "on behalf of X"). One clear winner is kept; a close call
//! gives `None` and a warning naming the candidates.

use super::candidates::Note;
use super::doc::Doc;
use crate::model::Level;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The organisation and the cleaned-text range of its best mention.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub value: String,
    pub start: usize,
    pub end: usize,
}

fn suffix_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)\b(?:NHS\s+Foundation\s+Trust|NHS\s+Trust|Foundation\s+Trust|NHS\s+FT|University\s+Health\s+Board|Health\s+Board|Integrated\s+Care\s+Board)\b",
        )
        .expect("org suffix regex")
    })
}

fn writer_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)^\s*(?:\(the\s+trust\)\s*)?(?:advises?|can\s+confirm|confirms?|holds?|does\s+not|do\s+not|has|have|is\s+(?:unable|not|able|pleased)|received|would\s+like|responds?|'s\s+response|response)\b",
        )
        .expect("writer regex")
    })
}

fn addressed_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(r"(?i)(?:on\s+behalf\s+of|contacting|request\s+to|wrote\s+to|from|sincerely,?|regards,?|team,?)\s*$")
            .expect("addressed regex")
    })
}

/// Words that end a name when reading backwards: they start sentences or address lines.
const STOP: &[&str] = &[
    "dear",
    "re",
    "from",
    "to",
    "at",
    "for",
    "regards",
    "sincerely",
    "subject",
    "yours",
    "thank",
    "thanks",
    "please",
    "on",
    "behalf",
    "this",
    "that",
    "your",
    "our",
    "which",
    "each",
    "every",
    "all",
    "any",
    "in",
    "by",
    "with",
    "as",
    "whilst",
    "while",
    "why",
    "note",
    "response",
    "request",
    "foi",
    "freedom",
    "information",
    "act",
    "team",
    "office",
    "officer",
    "manager",
    "governance",
    "if",
    "when",
    "where",
    "within",
    "across",
    "between",
    "and",
    "or",
    "both",
    "email",
    "e-mail",
    "tel",
    "telephone",
    "website",
    "address",
    "headquarters",
    "hq",
];

const CONNECTORS: &[&str] = &["of", "and", "&", "upon", "on", "for", "the"];

/// The name ending at suffix `s..e` (cleaned text), read backwards; `None` if no name precedes it.
fn name_before(text: &str, line_start: usize, s: usize, e: usize) -> Option<(usize, String)> {
    let head = &text[line_start..s];
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut pos = head.len();
    for w in head.split_whitespace().rev().take(12) {
        let at = head[..pos].rfind(w)?;
        pos = at;
        if w.ends_with([',', ':', ';', '.', ')', '(', '"']) {
            break;
        }
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
        let lower = bare.to_ascii_lowercase();
        let capital = bare.chars().next().is_some_and(|c| c.is_uppercase());
        if lower == "the" && capital {
            words.push((at, w));
            break;
        }
        if CONNECTORS.contains(&lower.as_str()) && !capital {
            words.push((at, w));
            continue;
        }
        if !capital || STOP.contains(&lower.as_str()) {
            break;
        }
        words.push((at, w));
    }
    // Connectors cannot start a name.
    while words
        .last()
        .is_some_and(|(_, w)| CONNECTORS.contains(&w.to_ascii_lowercase().as_str()) && *w != "The")
    {
        words.pop();
    }
    let (first_at, _) = *words.last()?;
    let start = line_start + first_at;
    let name = text[start..e]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some((start, name))
}

/// A letterhead that breaks the name before its suffix ("Royal Tamar Valley Hospitals" /
/// "NHS Foundation Trust"): the suffix opens its line and the line above is a short run of
/// capitalised words.
fn name_on_line_above(doc: &Doc<'_>, i: usize, s: usize, e: usize) -> Option<(usize, String)> {
    let line = &doc.lines[i];
    if !doc.text[line.start..s].trim().is_empty() {
        return None;
    }
    let above = (i.saturating_sub(2)..i)
        .rev()
        .find(|&j| !doc.lines[j].is_blank())?;
    if above + 1 != i {
        return None; // a blank line between: not one heading
    }
    let prev = &doc.lines[above];
    let words: Vec<&str> = prev.text.split_whitespace().collect();
    let capitalised = |w: &&str| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            || CONNECTORS.contains(&w.to_ascii_lowercase().as_str())
    };
    let first_ok = words
        .first()
        .is_some_and(|w| !STOP.contains(&w.to_ascii_lowercase().as_str()));
    if words.is_empty()
        || words.len() > 8
        || !first_ok
        || !words.iter().all(capitalised)
        || prev.text.trim_end().ends_with(['.', ',', ':', ';'])
        || prev.text.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    let start = prev.start + (prev.text.len() - prev.text.trim_start().len());
    let name = format!(
        "{} {}",
        prev.text.trim(),
        doc.text[s..e]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    );
    Some((start, name))
}

/// A key that is the same for "The Dudley Group NHS Foundation Trust" and "Dudley Group NHS FT".
fn key(name: &str) -> String {
    let lower = name.to_lowercase().replace('&', " and ");
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| !matches!(*w, "the" | "nhs" | "trust" | "foundation" | "ft"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The responding organisation.
pub fn organisation(doc: &Doc<'_>, notes: &mut Vec<Note>) -> Option<Found> {
    struct Cand {
        printed: BTreeMap<String, usize>,
        score: i32,
        best: (i32, usize, usize),
    }
    let filled: Vec<usize> = (0..doc.lines.len())
        .filter(|&i| !doc.lines[i].is_blank())
        .collect();
    let head: Vec<usize> = filled.iter().copied().take(10).collect();
    let tail: Vec<usize> = filled.iter().rev().copied().take(10).collect();
    let mut cands: BTreeMap<String, Cand> = BTreeMap::new();
    // One pass over the whole text; each name is then read within its own line.
    for m in suffix_regex().find_iter(doc.text) {
        let i = doc.line_of(m.start());
        let line = &doc.lines[i];
        if m.end() > line.end {
            continue; // a suffix broken over two lines
        }
        {
            let (s, e) = (m.start(), m.end());
            let Some((start, name)) = name_before(doc.text, line.start, s, e)
                .or_else(|| name_on_line_above(doc, i, s, e))
            else {
                continue;
            };
            let k = key(&name);
            if k.is_empty() || k.split_whitespace().count() > 9 {
                continue;
            }
            let mut score = 1;
            if head.contains(&i) || tail.contains(&i) {
                score += 2;
            }
            if writer_regex().is_match(&doc.text[e..line.end]) {
                score += 2;
            }
            // The name may start on the line above (a broken letterhead): look before its start,
            // on its own line.
            let name_line = &doc.lines[doc.line_of(start)];
            let before = &doc.text[name_line.start.min(start)..start];
            // Only the words just before the name matter ("on behalf of", "Yours sincerely,").
            let mut near = start.saturating_sub(40).max(name_line.start).min(start);
            while !doc.text.is_char_boundary(near) {
                near += 1;
            }
            if addressed_regex().is_match(&doc.text[near..start]) {
                score += 2;
            }
            // A name on its own line is a letterhead or a signature.
            if before.trim().is_empty() && doc.text[e..line.end].trim().is_empty() {
                score += 1;
            }
            let c = cands.entry(k).or_insert(Cand {
                printed: BTreeMap::new(),
                score: 0,
                best: (i32::MIN, start, e),
            });
            *c.printed.entry(name).or_insert(0) += 1;
            c.score += score;
            if score > c.best.0 {
                c.best = (score, start, e);
            }
        }
    }
    let mut ranked: Vec<(&String, &Cand)> = cands.iter().collect();
    ranked.sort_by_key(|c| std::cmp::Reverse(c.1.score));
    let (_, top) = ranked.first()?;
    if let Some((_, second)) = ranked.get(1) {
        if top.score < 2 * second.score {
            let names: Vec<String> = ranked
                .iter()
                .take(3)
                .map(|(_, c)| {
                    let n = c
                        .printed
                        .iter()
                        .max_by_key(|p| p.1)
                        .map(|p| p.0.clone())
                        .unwrap_or_default();
                    format!("\"{n}\" (line {})", doc.line_number(c.best.1))
                })
                .collect();
            notes.push(Note {
                level: Level::Warning,
                field: None,
                message: format!(
                    "organisation: the reply names several NHS bodies ({}) and it is not clear which one wrote it; left empty",
                    names.join(", ")
                ),
                range: Some((top.best.1, top.best.2)),
            });
            return None;
        }
    }
    // The spelling used most often; the longest on a tie (it is the most complete).
    let printed = top
        .printed
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(a.0.len().cmp(&b.0.len())))
        .map(|p| p.0.clone())?;
    Some(Found {
        value: printed,
        start: top.best.1,
        end: top.best.2,
    })
}

#[cfg(test)]
mod tests {
    use super::super::normalise::Normalised;
    use super::*;

    fn org(text: &str) -> Option<String> {
        let n = Normalised::new(text);
        let d = Doc::new(&n);
        organisation(&d, &mut Vec::new()).map(|f| f.value)
    }

    #[test]
    fn names_read_backwards_over_capitalised_words() {
        assert_eq!(
            org("OUR RESPONSE: Leicestershire Partnership NHS Trust advise that this is exempt")
                .as_deref(),
            Some("Leicestershire Partnership NHS Trust")
        );
        assert_eq!(
            org("Yours sincerely\n\nFreedom of Information Team\nThe Dudley Group NHS Foundation Trust").as_deref(),
            Some("The Dudley Group NHS Foundation Trust")
        );
        assert_eq!(
            org("Thank you for contacting Guy's and St Thomas' NHS Foundation Trust.").as_deref(),
            Some("Guy's and St Thomas' NHS Foundation Trust")
        );
        assert_eq!(
            org("University Hospitals of Leicester NHS Trust").as_deref(),
            Some("University Hospitals of Leicester NHS Trust")
        );
    }

    #[test]
    fn the_ico_and_nhs_england_are_not_the_writer() {
        assert_eq!(
            org(
                "Information Commissioner's Office, Wycliffe House\nNHS England publishes the DMA."
            ),
            None
        );
    }

    #[test]
    fn the_writer_beats_a_partner_mentioned_once() {
        let t = "Royal Example NHS Foundation Trust\nFreedom of Information\n\nOur EPR is shared with Other Place NHS Trust and the figures below are ours.\n\nYours sincerely\nRoyal Example NHS Foundation Trust\n";
        assert_eq!(
            org(t).as_deref(),
            Some("Royal Example NHS Foundation Trust")
        );
    }
}
