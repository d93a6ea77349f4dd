//! HIMSS EMRAM and INFRAM stages (0–7).
//!
//! A stage is read only next to its model's name: "EMRAM Stage 5", "INFRAM: 2", the cell right of
//! "Which HIMSS EMRAM score have your Trust currently achieved (0-7):", or alone on the line
//! below it. Never from the scale in the question ("(0-7)", "from stage 0 to stage 7"), never from
//! a plan or target ("working towards Stage 7", "aim to reach stage 6 by 2027"), never from a
//! lapsed past validation. O-EMRAM (outpatients) and other HIMSS models are not EMRAM.

use super::answers::Role;
use super::candidates::{Candidate, Candidates, Field};
use super::doc::{Doc, Num};
use super::labels::{self, HimssModel};
use super::spend::quote;
use super::topics::{self, Topic};
use crate::model::Confidence;
use regex::Regex;
use std::sync::OnceLock;

/// Read every EMRAM / INFRAM stage in `doc` into `out`.
pub fn extract(doc: &Doc<'_>, out: &mut Candidates) {
    for i in 0..doc.lines.len() {
        if !eligible(doc, i) {
            continue;
        }
        let line = &doc.lines[i];
        let models = labels::himss_models_in(doc.text, line.start, line.end);
        if models.is_empty() {
            himss_shorthand(doc, i, out);
            continue;
        }
        if asks_about_plans(doc, i) {
            continue;
        }
        for (k, &(model, _, end)) in models.iter().enumerate() {
            let mut seg_end = models.get(k + 1).map_or(line.end, |m| m.1);
            if line.separator == super::layout::Separator::None {
                // In prose a stage belongs to the model named in its own sentence (a ";" only
                // separates clauses about the same model).
                if let Some(stop) = (end..seg_end).find(|&b| {
                    doc.text.as_bytes()[b] != b';' && super::doc::ends_sentence(doc.text, b)
                }) {
                    seg_end = stop + 1;
                }
            }
            let Some(field) = field_of(model) else {
                continue;
            };
            // "EMRAM and INFRAM: stage 0": one figure for two models.
            let next_field = models.get(k + 1).and_then(|m| field_of(m.0));
            if let (Some(&(_, next_start, _)), Some(next_field)) = (models.get(k + 1), next_field) {
                if joint(&doc.text[end..next_start]) {
                    if respectively(doc, i, &models[k..k + 2], out) {
                        break;
                    }
                    let after = models.get(k + 2).map_or(line.end, |m| m.1);
                    if let Some((s, e)) = stage_in(doc, models[k + 1].2, after, true) {
                        out.ambiguous(
                            field,
                            format!(
                                "one stage {} given for EMRAM and INFRAM together",
                                quote(doc, s, e)
                            ),
                            s,
                            e,
                        );
                        out.ambiguous(
                            next_field,
                            format!(
                                "one stage {} given for EMRAM and INFRAM together",
                                quote(doc, s, e)
                            ),
                            s,
                            e,
                        );
                    }
                    continue;
                }
            }
            read_segment(doc, i, field, end, seg_end, models.len(), out);
        }
    }
}

/// "Our EMRAM and INFRAM stages are 4 and 2 respectively": two stages after the two names, in
/// order. True when read.
fn respectively(
    doc: &Doc<'_>,
    i: usize,
    pair: &[(HimssModel, usize, usize)],
    out: &mut Candidates,
) -> bool {
    let _ = i;
    let (sentence_start, sentence_end) = doc.sentence_at(pair[1].1);
    if sentence_start > pair[0].1 {
        return false;
    }
    let sentence = &doc.text[pair[1].2..sentence_end];
    if !sentence.to_ascii_lowercase().contains("respectively") {
        return false;
    }
    let nums: Vec<Num> = doc
        .free_numbers(pair[1].2, sentence_end)
        .into_iter()
        .filter(|n| n.decimals == 0 && n.value <= 7.0)
        .collect();
    let [a, b] = nums.as_slice() else {
        return false;
    };
    let (Some(first), Some(second)) = (field_of(pair[0].0), field_of(pair[1].0)) else {
        return false;
    };
    for (field, n) in [first, second].into_iter().zip([a, b]) {
        out.add(Candidate {
            field,
            value: n.value,
            start: n.start,
            end: n.end,
            precision: 1.0,
            confidence: Confidence::High,
        });
    }
    true
}

/// "The Trust is a HIMSS Stage 6 organisation": a HIMSS stage without a model's name is, by
/// long usage, the EMRAM stage (read with medium confidence).
fn himss_shorthand(doc: &Doc<'_>, i: usize, out: &mut Candidates) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(r"(?i)\bHIM{1,2}SS\s+(?:stage|level)\s*(?P<n>[0-7]|zero|one|two|three|four|five|six|seven)\b")
            .expect("himss shorthand regex")
    });
    let line = &doc.lines[i];
    for c in re.captures_iter(line.text) {
        let (Some(whole), Some(n)) = (c.get(0), c.name("n")) else {
            continue;
        };
        let (s, e) = (line.start + whole.start(), line.start + n.end());
        if doc.masks.covers(line.start + n.start(), e) || future_before(doc, line.start, s) {
            continue;
        }
        if let Some(v) = word_number(n.as_str()) {
            out.add(Candidate {
                field: Field::Emram,
                value: v as f64,
                start: s,
                end: e,
                precision: 1.0,
                confidence: Confidence::Medium,
            });
        }
    }
}

fn field_of(m: HimssModel) -> Option<Field> {
    match m {
        HimssModel::Emram => Some(Field::Emram),
        HimssModel::Infram => Some(Field::Infram),
        HimssModel::Other => None,
    }
}

fn eligible(doc: &Doc<'_>, i: usize) -> bool {
    let line = &doc.lines[i];
    // Every form names a model: "EMRAM", "INFRAM", "HIMSS", or "... Adoption Model".
    let named = line.text.as_bytes().windows(3).any(|w| {
        w.eq_ignore_ascii_case(b"ram")
            || w.eq_ignore_ascii_case(b"mss")
            || w.eq_ignore_ascii_case(b"ado")
    });
    named
        && !line.is_blank()
        && doc.roles[i].role != Role::Closing
        && !doc.roles[i].quoted
        && match doc.topic(i) {
            Some(Topic::Himss) => true,
            None => topics::mentions(line.text, Topic::Himss),
            _ => false,
        }
}

fn joint(between: &str) -> bool {
    let t = between.trim().to_ascii_lowercase();
    matches!(
        t.as_str(),
        "and" | "&" | "/" | "," | "or" | "and himss" | "and himms"
    )
}

/// The question of this row (or the request this answer follows) is about plans to reassess.
fn asks_about_plans(doc: &Doc<'_>, i: usize) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(r"(?i)\bplans?\s+to\s+re-?assess|\bworking\s+towards\s+achieving\b|\bwhen\s+(?:will\s+it|it\s+will)\s+be\s+achieved")
            .expect("plans regex")
    });
    let line = &doc.lines[i];
    let ask_end = match doc.roles[i].role {
        Role::Answer if doc.roles[i].answer_from > line.start => doc.roles[i].answer_from,
        Role::Answer => line.start,
        _ => line.end,
    };
    re.is_match(&doc.text[line.start..ask_end.min(line.end)])
}

fn future_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)\b(?:aim|aims|aiming|plan|plans|planned|planning|target|targets|targeting|towards|toward|will|would|could|intend|intends|intention|aspire|aspiration|ambition|hope|hoping|expect|expected|expecting|next|future|reassess|re-assess|seek|seeking|ready\s+for|working\s+to|estimate[ds]?|equivalent|previously|formerly|lapsed|expired|until)\b",
        )
        .expect("future regex")
    })
}

fn stage_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(r"(?i)\b(?:stage|level)\s*(?:of\s+)?(?P<n>[0-7]|zero|one|two|three|four|five|six|seven)\b")
            .expect("stage regex")
    })
}

fn word_number(w: &str) -> Option<u8> {
    Some(match w.to_ascii_lowercase().as_str() {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        d => d.parse().ok()?,
    })
}

/// The stage in `from..to`: "Stage N"/"Level N", or a bare 0–7 after filler words only.
/// Returns the evidence range; `strict` refuses anything but one clean reading.
fn stage_in(doc: &Doc<'_>, from: usize, to: usize, strict: bool) -> Option<(usize, usize)> {
    let found = stages(doc, from, to);
    match found.as_slice() {
        [one] => Some((one.1, one.2)),
        [first, ..] if !strict => Some((first.1, first.2)),
        _ => None,
    }
}

/// Every stage reading in `from..to`: (stage, start, end), plans and scales excluded.
fn stages(doc: &Doc<'_>, from: usize, to: usize) -> Vec<(u8, usize, usize)> {
    let Some(slice) = doc.text.get(from..to) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for c in stage_regex().captures_iter(slice) {
        let (Some(whole), Some(n)) = (c.get(0), c.name("n")) else {
            continue;
        };
        let (s, e) = (from + n.start(), from + n.end());
        if doc.masks.covers(s, e) || followed_by_scale(doc.text, e) {
            continue;
        }
        if future_before(doc, from, from + whole.start()) {
            continue;
        }
        if let Some(v) = word_number(n.as_str()) {
            out.push((v, from + whole.start(), e));
        }
    }
    if out.is_empty() {
        // A bare digit after filler only: "EMRAM score ... (0-7):<TAB>5".
        let nums: Vec<Num> = doc.free_numbers(from, to);
        if let Some(n) = nums.first() {
            if n.decimals == 0
                && (0.0..=7.0).contains(&n.value)
                && filler_only(doc, from, n.start)
                && !future_before(doc, from, n.start)
            {
                out.push((n.value as u8, n.start, n.end));
            }
        }
    }
    out
}

/// "stage 0 to 7" / "stages 0-7": the number is a scale bound.
fn followed_by_scale(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start();
    rest.starts_with("to ")
        || rest.starts_with('-')
            && rest[1..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
}

fn future_before(doc: &Doc<'_>, _from: usize, at: usize) -> bool {
    // Words earlier in the same sentence count, even before the model's name ("we are working
    // towards EMRAM Stage 7").
    let (start, _) = doc.sentence_at(at);
    let head = &doc.text[start.min(at)..at];
    future_regex().is_match(head)
}

fn filler_only(doc: &Doc<'_>, from: usize, to: usize) -> bool {
    const FILLER: &[&str] = &[
        "which",
        "himss",
        "himms",
        "score",
        "scores",
        "have",
        "has",
        "your",
        "our",
        "trust",
        "s",
        "currently",
        "current",
        "achieved",
        "achieve",
        "is",
        "at",
        "we",
        "are",
        "the",
        "of",
        "a",
        "stage",
        "level",
        "validated",
        "rating",
        "rated",
        "response",
        "answer",
        "self",
        "assessed",
        "assessment",
        "model",
        "adoption",
        "electronic",
        "medical",
        "record",
        "infrastructure",
        "emram",
        "infram",
        "status",
    ];
    if from > to {
        return false;
    }
    doc.masks
        .blank_out(doc.text, from, to)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| FILLER.contains(&w.to_ascii_lowercase().as_str()))
}

fn read_segment(
    doc: &Doc<'_>,
    i: usize,
    field: Field,
    from: usize,
    to: usize,
    models_on_line: usize,
    out: &mut Candidates,
) {
    let found = stages(doc, from, to);
    let mut distinct: Vec<u8> = found.iter().map(|f| f.0).collect();
    distinct.sort();
    distinct.dedup();
    match (found.first(), distinct.len()) {
        (None, _) => {
            if models_on_line == 1 && filler_only(doc, from, to) {
                next_line_stage(doc, i, field, out);
            }
        }
        (Some(&(v, s, e)), 1) => out.add(Candidate {
            field,
            value: v as f64,
            start: s,
            end: e,
            precision: 1.0,
            confidence: Confidence::High,
        }),
        (Some(&(_, s, _)), _) => out.ambiguous(
            field,
            format!(
                "several stages mentioned ({})",
                found
                    .iter()
                    .map(|f| doc.text[f.1..f.2].to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            s,
            found[found.len() - 1].2,
        ),
    }
}

/// The model named alone on a line, its stage alone on the next.
fn next_line_stage(doc: &Doc<'_>, i: usize, field: Field, out: &mut Candidates) {
    let Some(j) = doc.next_filled_within(i, 2) else {
        return;
    };
    if !labels::himss_models_in(doc.text, doc.lines[j].start, doc.lines[j].end).is_empty() {
        return;
    }
    let line = &doc.lines[j];
    let (from, to) = doc.answer_part(j).unwrap_or((line.start, line.end));
    let from = from.min(to);
    let found = stages(doc, from, to);
    let [(v, s, e)] = found.as_slice() else {
        return;
    };
    // Nothing but the stage (and a marker) on that line.
    let rest = doc.masks.blank_out(doc.text, from, to);
    let words = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| {
            !matches!(
                w.to_ascii_lowercase().as_str(),
                "stage"
                    | "level"
                    | "our"
                    | "response"
                    | "answer"
                    | "0"
                    | "1"
                    | "2"
                    | "3"
                    | "4"
                    | "5"
                    | "6"
                    | "7"
            )
        })
        .count();
    if words > 0 {
        return;
    }
    out.add(Candidate {
        field,
        value: *v as f64,
        start: *s,
        end: *e,
        precision: 1.0,
        confidence: Confidence::High,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_numbers() {
        assert_eq!(word_number("Six"), Some(6));
        assert_eq!(word_number("0"), Some(0));
        assert_eq!(word_number("eight"), None);
    }

    #[test]
    fn joint_mentions() {
        assert!(joint(" and "));
        assert!(joint(" / "));
        assert!(!joint(" stage 5, and "));
    }
}
