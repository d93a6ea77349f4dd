//! Finding the responding organisation in the whole text of a response, for when the extractor
//! found no name: letterhead and signature cues (headquarters postcode, address lines, "... NHS
//! Foundation Trust" phrases, initialisms), each kept with the byte span it was read from.
//!
//! A response often names other bodies too (its ICB, a partner trust, NHS England, the ICO), so
//! cues are weighed: names at the top or bottom of the text (letterhead, signature) count fully,
//! names in the body a little less, ICBs less again (a trust's reply names its ICB; an ICB's
//! reply names itself so often it still wins), and an organisation seen through several kinds of
//! cue (postcode *and* name) gains a little. Work is linear in the text: postcodes are found
//! anywhere; names and address lines only near organisation-type words and in the first and last
//! lines, with a cap on how many are scored.

use super::matching::{
    abbreviation_targets, address_targets, decide, match_organisation, name_targets,
    postcode_targets, MatchResult, MatchVia, Org, Scan, Target,
};
use super::normalise::{find_postcodes, name_key, raw_words};
use crate::model::{Response, Span};
use std::collections::HashMap;

/// Lines at the top and at the bottom of a response read as letterhead and signature.
const EDGE_LINES: usize = 25;
/// Body mentions count this much of a letterhead/signature mention.
const BODY_FACTOR: f64 = 0.9;
/// A cue for an ICB counts this much of the same cue for a trust.
const ICB_FACTOR: f64 = 0.8;
/// Initialisms in running text are weak on their own ("LPT advise ...").
const ABBREVIATION_IN_TEXT: f64 = 0.55;
/// Bonus per additional *kind* of cue for the same organisation, and per repeated mention.
const KIND_BONUS: f64 = 0.05;
const REPEAT_BONUS: f64 = 0.02;
const MAX_REPEAT_BONUSES: usize = 3;
/// Most "... Trust" phrases scored in one text (first and last halves of this many).
const MAX_NAME_PHRASES: usize = 300;
/// Most words looked back from "Trust" for the start of a name.
const MAX_NAME_WORDS: usize = 10;

/// What kind of evidence a cue is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// "... NHS Foundation Trust", "... Integrated Care Board".
    Name,
    /// A headquarters postcode from the ODS list.
    Postcode,
    /// A distinctive headquarters address line ("Russells Hall Hospital").
    Address,
    /// An upper-case initialism ("LPT").
    Abbreviation,
}

/// One piece of evidence for an organisation, with where it is in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct TextCue {
    pub org: Org,
    pub kind: CueKind,
    pub span: Span,
    /// The cue's own strength (before position weighting), 0–1.
    pub score: f64,
}

/// The organisation a whole response comes from, with the evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct TextMatch {
    /// Best guess and alternatives, as for a name (see `match_organisation`).
    pub result: MatchResult,
    /// Cues for the best match and the alternatives, in text order.
    pub cues: Vec<TextCue>,
}

/// A cue before weighing.
struct Cue {
    target: Target,
    kind: CueKind,
    span: Span,
    score: f64,
    /// In the letterhead or signature lines.
    edge: bool,
    via: MatchVia,
}

struct Word {
    start: usize,
    end: usize,
    line: usize,
    /// Upper case, edge punctuation removed.
    bare: String,
    /// The word ends a clause ("RESPONSE:", "Trust.").
    ends_clause: bool,
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut line = 0;
    let mut start: Option<usize> = None;
    let push = |s: usize, e: usize, line: usize, out: &mut Vec<Word>| {
        let raw = &text[s..e];
        let bare: String = raw
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_uppercase();
        let last = raw.chars().last().unwrap_or(' ');
        // "St." and "Co." end in a full stop without ending anything.
        let short_abbrev = last == '.' && bare.chars().count() <= 3;
        out.push(Word {
            start: s,
            end: e,
            line,
            bare,
            ends_clause: matches!(last, '.' | ':' | ';' | '!' | '?' | ')' | '|') && !short_abbrev,
        });
    };
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                push(s, i, line, &mut out);
            }
            if c == '\n' {
                line += 1;
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        push(s, text.len(), line, &mut out);
    }
    out
}

/// Where the organisation-type phrase ending at word `i` ends (index of its last word), if the
/// word is "Trust", "FT", "ICB" or the "Board" of "Integrated Care Board".
fn is_anchor(ws: &[Word], i: usize) -> bool {
    match ws[i].bare.as_str() {
        "TRUST" | "FT" | "NHSFT" | "ICB" => true,
        "BOARD" | "SYSTEM" => i >= 2 && ws[i - 1].bare == "CARE" && ws[i - 2].bare == "INTEGRATED",
        _ => false,
    }
}

/// Which organisation the response at `text` comes from, by letterhead, signature and name cues.
pub fn find_organisation_in_text(text: &str) -> TextMatch {
    let ws = words(text);
    let last_line = ws.last().map(|w| w.line).unwrap_or(0);
    let at_edge = |line: usize| line < EDGE_LINES || line + EDGE_LINES > last_line;
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| {
        line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    };

    let mut cues: Vec<Cue> = Vec::new();

    // Postcodes, anywhere.
    for (span, postcode) in find_postcodes(text) {
        let edge = at_edge(line_of(span.start));
        for (target, score, via, _) in postcode_targets(&postcode) {
            cues.push(Cue {
                target,
                kind: CueKind::Postcode,
                span,
                score,
                edge,
                via,
            });
        }
    }

    // "... Trust" / "... Integrated Care Board" phrases: the best-scoring start within the
    // clause. Capped: the first and last MAX_NAME_PHRASES / 2 anchors.
    let anchors: Vec<usize> = (0..ws.len()).filter(|&i| is_anchor(&ws, i)).collect();
    let half = MAX_NAME_PHRASES / 2;
    let chosen: Vec<usize> = if anchors.len() > MAX_NAME_PHRASES {
        anchors[..half]
            .iter()
            .chain(&anchors[anchors.len() - half..])
            .copied()
            .collect()
    } else {
        anchors
    };
    for a in chosen {
        let mut best: Option<(Target, f64, Span, MatchVia)> = None;
        let mut k = a;
        while k > 0 && a - k < MAX_NAME_WORDS {
            let prev = &ws[k - 1];
            if prev.ends_clause || ws[a].line - prev.line > 1 {
                break;
            }
            k -= 1;
            // A name starts with a capital ("The Dudley ...", "Leicestershire ..."), so only
            // capitalised words (or digits) are tried as its first word.
            let starts_name = text[ws[k].start..ws[k].end]
                .chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(|c| c.is_uppercase() || c.is_numeric());
            if !starts_name {
                continue;
            }
            let span = Span::new(ws[k].start, ws[a].end);
            let key = name_key(span.text(text));
            if key.core.is_empty() {
                continue;
            }
            for (t, s, via, _) in name_targets(&key, Scan::SharedWord) {
                if best.as_ref().is_none_or(|b| s > b.1) {
                    best = Some((t, s, span, via));
                }
            }
        }
        if let Some((target, score, span, via)) = best {
            let edge = at_edge(ws[a].line);
            cues.push(Cue {
                target,
                kind: CueKind::Name,
                span,
                score,
                edge,
                via,
            });
        }
    }

    // Address lines and initialisms in the letterhead and signature lines.
    let mut edge_lines: HashMap<usize, (usize, usize)> = HashMap::new();
    for w in ws.iter().filter(|w| at_edge(w.line)) {
        let e = edge_lines.entry(w.line).or_insert((w.start, w.end));
        e.1 = w.end;
    }
    let mut lines: Vec<(usize, usize)> = edge_lines.into_values().collect();
    lines.sort_unstable();
    for (s, e) in lines {
        let span = Span::new(s, e);
        for (target, score, via, _) in address_targets(&name_key(span.text(text))) {
            let line_span = match &via {
                MatchVia::Address { line, .. } => find_words(text, span, line).unwrap_or(span),
                _ => span,
            };
            cues.push(Cue {
                target,
                kind: CueKind::Address,
                span: line_span,
                score,
                edge: true,
                via,
            });
        }
    }
    for w in &ws {
        let Some(span) = initialism_span(text, w) else {
            continue;
        };
        let abbr = span.text(text).to_ascii_uppercase();
        for (target, s, via, _) in abbreviation_targets(&abbr) {
            // Only an initialism that names one organisation is worth a cue.
            if s > 0.8 {
                cues.push(Cue {
                    target,
                    kind: CueKind::Abbreviation,
                    span,
                    score: ABBREVIATION_IN_TEXT,
                    edge: at_edge(w.line),
                    via,
                });
            }
        }
    }

    // Weigh and combine per organisation.
    let mut per_target: HashMap<Target, Vec<(CueKind, f64, usize)>> = HashMap::new();
    for (n, c) in cues.iter().enumerate() {
        let mut w = c.score * if c.edge { 1.0 } else { BODY_FACTOR };
        if matches!(c.target, Target::Org(Org::Icb(_))) {
            w *= ICB_FACTOR;
        }
        per_target.entry(c.target).or_default().push((c.kind, w, n));
    }
    let mut scored: Vec<(Target, f64, MatchVia, String)> = per_target
        .into_iter()
        .map(|(t, cs)| {
            let strongest = cs
                .iter()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .expect("at least one cue");
            let top = strongest.1;
            let cue = &cues[strongest.2];
            let mut kinds: Vec<CueKind> = cs.iter().map(|c| c.0).collect();
            kinds.sort_by_key(|k| *k as u8);
            kinds.dedup();
            let repeats = (cs.len() - 1).min(MAX_REPEAT_BONUSES);
            let score = top + KIND_BONUS * (kinds.len() - 1) as f64 + REPEAT_BONUS * repeats as f64;
            (t, score, cue.via.clone(), cue.span.text(text).to_string())
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let result = decide(scored, "this response");

    let shown: Vec<Org> = result
        .best
        .iter()
        .chain(&result.alternatives)
        .map(|m| m.org)
        .collect();
    let mut out_cues: Vec<TextCue> = cues
        .into_iter()
        .filter_map(|c| match c.target {
            Target::Org(org) if shown.contains(&org) => Some(TextCue {
                org,
                kind: c.kind,
                span: c.span,
                score: c.score.min(1.0),
            }),
            _ => None,
        })
        .collect();
    out_cues.sort_by_key(|c| (c.span.start, c.span.end));
    out_cues.dedup();
    TextMatch {
        result,
        cues: out_cues,
    }
}

/// The organisation a parsed response comes from: the extractor's organisation name if it
/// matches confidently, else the whole-text cues, else whichever result has more to offer the
/// user (the name's alternatives when there was a name). `text` is the text `response` was
/// parsed from.
pub fn organisation_of_response(response: &Response, text: &str) -> MatchResult {
    let by_name = response
        .organisation
        .as_ref()
        .map(|v| match_organisation(&v.value));
    if let Some(r) = &by_name {
        if r.best.is_some() {
            return r.clone();
        }
    }
    let by_text = find_organisation_in_text(text).result;
    match by_name {
        Some(r) if by_text.best.is_none() && !r.alternatives.is_empty() => r,
        _ => by_text,
    }
}

/// The span of a word written as an initialism: 3–8 ASCII letters, starting with a capital, at
/// most one lower-case letter ("LPT", "SaTH"), edge punctuation excluded ("(UHL)," → "UHL").
fn initialism_span(text: &str, w: &Word) -> Option<Span> {
    let raw = &text[w.start..w.end];
    let lead = raw.find(|c: char| c.is_alphanumeric())?;
    let core = raw[lead..].trim_end_matches(|c: char| !c.is_alphanumeric());
    let ok = (3..=8).contains(&core.len())
        && core.bytes().all(|b| b.is_ascii_alphabetic())
        && core.as_bytes()[0].is_ascii_uppercase()
        && core.bytes().filter(u8::is_ascii_lowercase).count() <= 1;
    ok.then(|| Span::new(w.start + lead, w.start + lead + core.len()))
}

/// The span of `needle`'s words inside `within` (compared as [`raw_words`]: case, apostrophes
/// and punctuation ignored), if they occur there in order.
fn find_words(text: &str, within: Span, needle: &str) -> Option<Span> {
    let target = raw_words(needle);
    if target.is_empty() {
        return None;
    }
    let hay: Vec<(usize, usize, String)> = within
        .text(text)
        .split_whitespace()
        .map(|w| {
            let start = w.as_ptr() as usize - text.as_ptr() as usize;
            (start, start + w.len(), raw_words(w).join(""))
        })
        .collect();
    hay.windows(target.len())
        .find(|win| win.iter().zip(&target).all(|(h, t)| h.2 == *t))
        .map(|win| Span::new(win[0].0, win[win.len() - 1].1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        words(text)
            .iter()
            .filter_map(|w| initialism_span(text, w))
            .map(|s| s.text(text))
            .collect()
    }

    #[test]
    fn initialisms_are_short_capitalised_ascii_words() {
        assert_eq!(
            spans("LPT advise (UHL), SaTH and SECAmb"),
            ["LPT", "UHL", "SaTH"]
        );
        // Letters whose upper case is ASCII but which are not ASCII themselves are not initialisms
        // (their byte lengths differ, so a span would not fit the text).
        assert!(spans("UHſ ıUHL ÉMAS").is_empty());
        assert!(spans("the NHS DMA Trust").contains(&"NHS"));
    }

    #[test]
    fn clauses_end_at_punctuation_but_not_at_st_dot() {
        let ws = words("RESPONSE: St. Helens and Knowsley");
        assert!(ws[0].ends_clause);
        assert!(!ws[1].ends_clause);
        assert_eq!(ws[2].bare, "HELENS");
    }

    #[test]
    fn address_lines_are_found_whatever_the_apostrophes() {
        let text = "Trust Headquarters Russell's Hall Hospital Dudley";
        let span = find_words(text, Span::new(0, text.len()), "RUSSELLS HALL HOSPITAL").unwrap();
        assert_eq!(span.text(text), "Russell's Hall Hospital");
        assert_eq!(
            find_words(text, Span::new(0, text.len()), "MANOR HOSPITAL"),
            None
        );
    }

    #[test]
    fn acronyms_common_in_foi_replies_are_no_organisations_initials() {
        for w in [
            "NHS", "DMA", "FOI", "FOIA", "ICO", "EPR", "EHR", "ICT", "CEO", "CIO", "CFO", "GDPR",
            "VAT", "HIMSS", "EMRAM", "INFRAM", "WGLL", "ICS", "ICB", "PDF", "CQC", "DHSC", "NHSE",
            "NHSX", "SIRO", "DPO", "PFI", "PAS", "DSPT", "CSU", "ENT", "ICU", "MRI", "SOC", "NED",
            "EPRR", "THE", "AND", "FOR", "YES", "NOT", "OUR", "ALL", "ANY", "HAS",
        ] {
            assert!(
                abbreviation_targets(w).is_empty(),
                "{w} is taken as an initialism"
            );
        }
    }
}
