//! Digital Maturity Assessment scores: the overall score and the seven pillars.
//!
//! A score is read only when it sits next to its name: in the cell to the right ("Well Led<TAB>4.3"),
//! right after it in prose ("Well Led 4.3, Ensure Smart Foundations 3.2", "overall score of 2.9"),
//! on the line below a name that stands alone (PDF tables that paste one cell per line), under
//! its name in a grid whose header lists the pillars, or as the lone number answering a question
//! that asked for the overall score. Between the name and the number only filler words may stand
//! ("score", "is", ":", the masked "(on a scale of 1.0 to 5.0)"). Scores must be 1.0–5.0; two
//! scores on one row (2024 and 2025) are read by their column years, else left empty with a
//! warning. A line that puts numbers *before* names ("4.3 (Well Led), 3.2 (...)") is not read by
//! position, because reading it the other way round would shift every score by one.

use super::answers::Role;
use super::candidates::{Candidate, Candidates, Field};
use super::doc::{Doc, Num};
use super::labels;
use super::layout::Separator;
use super::spend::quote;
use super::topics::{self, Topic};
use crate::model::Confidence;

/// Read every DMA score in `doc` into `out`.
pub fn extract(doc: &Doc<'_>, out: &mut Candidates) {
    for i in 0..doc.lines.len() {
        if !eligible(doc, i) {
            continue;
        }
        let anchors = anchors(doc, i);
        if anchors.is_empty() {
            if !enumerated_answer(doc, i, out) {
                lone_answer(doc, i, out);
            }
            continue;
        }
        if grid(doc, i, &anchors, out) {
            continue;
        }
        // Every name is in the question part of a "Q? Answer: 3.2" line: read the answer.
        let answer_from = doc.answer_part(i).map_or(doc.lines[i].start, |(a, _)| a);
        if answer_from > doc.lines[i].start
            && doc.text[doc.lines[i].start..answer_from].contains('?')
            && anchors.iter().all(|a| a.end <= answer_from)
        {
            lone_answer(doc, i, out);
            continue;
        }
        let ends: Vec<usize> = (0..anchors.len())
            .map(|k| segment_end(doc, i, &anchors, k))
            .collect();
        let forward: Vec<Reading> = anchors
            .iter()
            .zip(&ends)
            .map(|(a, &e)| forward_reading(doc, a, e))
            .collect();
        if numbers_before_names(doc, i, &anchors, &forward) {
            reversed(doc, i, &anchors, &forward, out);
            continue;
        }
        for (k, a) in anchors.iter().enumerate() {
            apply(doc, i, a, &forward[k], ends[k], anchors.len(), out);
        }
    }
}

/// What follows a name.
#[derive(Clone, Debug, PartialEq)]
enum Reading {
    Nothing,
    One(Num),
    /// Several scores (a column per year, or "2.5 in 2024 and 2.8 in 2025").
    Many(Vec<Num>),
    OutOfScale(Num),
}

/// Where anchor `k`'s segment ends: at the next name, and in prose at the end of its sentence.
fn segment_end(doc: &Doc<'_>, i: usize, anchors: &[Anchor], k: usize) -> usize {
    let line = &doc.lines[i];
    let mut end = anchors.get(k + 1).map_or(line.end, |n| n.start);
    if line.separator == Separator::None {
        end = end.min(doc.sentence_at(anchors[k].start).1.max(anchors[k].end));
    }
    end
}

/// A calendar year written as a number ("2025"): never a score, and allowed between a name and
/// its score.
fn is_year_number(n: &Num) -> bool {
    n.decimals == 0 && (1900.0..=2100.0).contains(&n.value)
}

fn forward_reading(doc: &Doc<'_>, a: &Anchor, seg_end: usize) -> Reading {
    let overall = a.field == Field::Overall;
    let nums: Vec<Num> = score_numbers(doc, a.end, seg_end)
        .into_iter()
        .filter(|n| !is_year_number(n))
        .collect();
    // Only the first number can be reached through filler: any later one has the earlier
    // number's digits in between (years aside, which are not in `nums`).
    let first_pos = 0;
    if !nums
        .first()
        .is_some_and(|n| filler_between(doc, a.end, n.start, overall))
    {
        return Reading::Nothing;
    }
    let first = nums[first_pos];
    if !in_scale(&first) {
        return Reading::OutOfScale(first);
    }
    let mut all = vec![first];
    // A row has a handful of year columns; more numbers than that is not a score row.
    all.extend(
        nums[first_pos + 1..]
            .iter()
            .copied()
            .filter(in_scale)
            .take(9),
    );
    if all.len() == 1 {
        Reading::One(first)
    } else {
        Reading::Many(all)
    }
}

fn candidate(field: Field, n: &Num, confidence: Confidence) -> Candidate {
    Candidate {
        field,
        value: n.value,
        start: n.start,
        end: n.end,
        precision: 10f64.powi(-(n.decimals as i32)),
        confidence,
    }
}

fn apply(
    doc: &Doc<'_>,
    i: usize,
    a: &Anchor,
    r: &Reading,
    seg_end: usize,
    anchors_on_line: usize,
    out: &mut Candidates,
) {
    match r {
        Reading::Nothing => {
            if anchors_on_line == 1
                && filler_between(doc, a.end, seg_end, a.field == Field::Overall)
            {
                next_line_value(doc, i, a, out);
            }
        }
        Reading::One(n) => out.add(candidate(a.field, n, Confidence::High)),
        Reading::OutOfScale(n) => out.warn(
            Some(a.field),
            format!(
                "{}: {} is outside the DMA scale of 1.0 to 5.0; not used",
                a.field.describe(),
                quote(doc, n.start, n.end)
            ),
            n.start,
            n.end,
        ),
        Reading::Many(all) => {
            if let Some((n, heading)) = own_score_column(doc, i, all) {
                out.add(candidate(a.field, &n, Confidence::High));
                out.note(
                    Some(a.field),
                    format!(
                        "{}: the score under \"{heading}\" {} is used; the other columns are benchmarks",
                        a.field.describe(),
                        quote(doc, n.start, n.end)
                    ),
                    n.start,
                    n.end,
                );
                return;
            }
            let pick =
                latest_year_column(doc, i, all).or_else(|| latest_year_in_prose(doc, i, a, all));
            match pick {
                Some((n, year, others)) => {
                    out.add(candidate(a.field, &n, Confidence::High));
                    out.note(
                        Some(a.field),
                        format!(
                            "{}: scores for {} given; the {year} score {} is used",
                            a.field.describe(),
                            others,
                            quote(doc, n.start, n.end)
                        ),
                        n.start,
                        n.end,
                    );
                }
                None => out.ambiguous(
                    a.field,
                    format!(
                        "several scores ({}) follow the name and nothing says which is the most recent",
                        all.iter()
                            .map(|n| doc.text[n.start..n.end].to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    all[0].start,
                    all[all.len() - 1].end,
                ),
            }
        }
    }
}

/// "in 2024 our overall score was 2.5 and in 2025 it was 2.8": each score preceded by its own
/// year; the latest year's score.
/// Of scores each tied to a different year, the latest one, its year, and the years in order
/// ("2024 and 2025"); `None` when two scores claim the same year.
fn latest_of(mapped: &[(Num, u16)]) -> Option<(Num, u16, String)> {
    let mut ys: Vec<u16> = mapped.iter().map(|m| m.1).collect();
    ys.sort();
    ys.dedup();
    if ys.len() != mapped.len() {
        return None;
    }
    let best = mapped.iter().max_by_key(|m| m.1)?;
    let list = ys
        .iter()
        .map(|y| y.to_string())
        .collect::<Vec<_>>()
        .join(" and ");
    Some((best.0, best.1, list))
}

/// The year that `after` (the text following a score) opens with: " in 2025", " (2024)".
fn year_right_after(after: &str) -> Option<u16> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(r"^\s*(?:in|for|\(|-|–)\s*(?P<y>20[1-3]\d)\b").expect("year after regex")
    });
    re.captures(after)?.name("y")?.as_str().parse().ok()
}

fn latest_year_in_prose(
    doc: &Doc<'_>,
    i: usize,
    a: &Anchor,
    nums: &[Num],
) -> Option<(Num, u16, String)> {
    let _ = i;
    if nums.len() > 8 {
        return None;
    }
    let (sentence_start, sentence_end) = doc.sentence_at(a.start);
    // "2.6 and 2.9 in 2024 and 2025 respectively": the years after the scores, in order.
    if doc.text[sentence_start..sentence_end]
        .to_ascii_lowercase()
        .contains("respectively")
    {
        let last = nums.last()?.end;
        let years: Vec<u16> = super::doc::numbers(doc.text, last, sentence_end)
            .iter()
            .filter(|m| is_year_number(m) && (2018.0..=2035.0).contains(&m.value))
            .map(|m| m.value as u16)
            .collect();
        if years.len() != nums.len() {
            return None;
        }
        let mapped: Vec<(Num, u16)> = nums.iter().copied().zip(years).collect();
        return latest_of(&mapped);
    }
    let mut mapped: Vec<(Num, u16)> = Vec::new();
    // "3.4 in 2025 and 3.1 in 2024", "3.4 (2025), 3.1 (2024)": each score followed by its year.
    for (k, n) in nums.iter().enumerate() {
        let until = nums.get(k + 1).map_or(sentence_end, |m| m.start);
        match year_right_after(&doc.text[n.end..until]) {
            Some(y) => mapped.push((*n, y)),
            None => {
                mapped.clear();
                break;
            }
        }
    }
    let mut from = sentence_start;
    for n in nums.iter().skip(mapped.len()) {
        let years: Vec<u16> = doc
            .free_numbers(from, n.start)
            .iter()
            .chain(super::doc::numbers(doc.text, from, n.start).iter())
            .filter(|m| is_year_number(m) && (2018.0..=2035.0).contains(&m.value))
            .map(|m| m.value as u16)
            .collect::<std::collections::BTreeSet<u16>>()
            .into_iter()
            .collect();
        let [y] = years.as_slice() else { return None };
        mapped.push((*n, *y));
        from = n.end;
    }
    latest_of(&mapped)
}

/// Number-first lines ("2.9 for Well Led, 2.4 for Ensure Smart Foundations"): each name takes
/// the score right before it, joined only by "for"/"in"/"(" and the like.
fn reversed(
    doc: &Doc<'_>,
    i: usize,
    anchors: &[Anchor],
    forward: &[Reading],
    out: &mut Candidates,
) {
    let line = &doc.lines[i];
    let nums: Vec<Num> = score_numbers(doc, line.start, line.end)
        .into_iter()
        .filter(|n| !is_year_number(n))
        .collect();
    // Names are read left to right and each takes the nearest unclaimed score before it, so the
    // claimed scores only move right: `free` is the first score not yet taken.
    let mut free = 0usize;
    let mut unread = Vec::new();
    for (k, a) in anchors.iter().enumerate() {
        if a.field == Field::Overall {
            if let Reading::One(n) = &forward[k] {
                free = free.max(nums.partition_point(|m| m.start <= n.start));
                out.add(candidate(a.field, n, Confidence::High));
                continue;
            }
        }
        let before = nums.partition_point(|n| n.end <= a.start);
        match before
            .checked_sub(1)
            .filter(|&j| j >= free)
            .map(|j| (j, &nums[j]))
        {
            Some((j, n)) if in_scale(n) && tight_gap(doc, n.end, a.start) => {
                free = j + 1;
                out.add(candidate(a.field, n, Confidence::High));
            }
            _ => unread.push(a.field.describe()),
        }
    }
    if !unread.is_empty() {
        unread.truncate(7);
        out.warn(
            None,
            format!(
                "{}: scores are written before the names here; no score could be tied to {}",
                quote(doc, line.start, line.end),
                unread.join(", ")
            ),
            line.start,
            line.end,
        );
    }
}

/// Between a score and the name after it: nothing but "for", "in", "(", "-", ":" and "the".
fn tight_gap(doc: &Doc<'_>, from: usize, to: usize) -> bool {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(
            r#"(?i)^[\s(\-:"']*(?:(?:for|in|on|at|from)\s+)?(?:the\s+)?(?:pillar\s+)?["'(]?\s*$"#,
        )
        .expect("gap regex")
    });
    from <= to && re.is_match(&doc.text[from..to])
}

fn eligible(doc: &Doc<'_>, i: usize) -> bool {
    let line = &doc.lines[i];
    !line.is_blank()
        && doc.roles[i].role != Role::Closing
        && !doc.roles[i].quoted
        && matches!(doc.topic(i), Some(Topic::Dma) | None)
}

#[derive(Clone, Copy, Debug)]
struct Anchor {
    field: Field,
    start: usize,
    end: usize,
}

/// Pillar names and "overall" words on line `i`, in order.
fn anchors(doc: &Doc<'_>, i: usize) -> Vec<Anchor> {
    let line = &doc.lines[i];
    let mut out: Vec<Anchor> = labels::pillars_in(doc.text, line.start, line.end)
        .into_iter()
        .map(|p| Anchor {
            field: Field::Pillar(p.pillar),
            start: p.start,
            end: p.end,
        })
        .collect();
    // Outside the DMA part, "overall" counts only in a sentence that names the DMA.
    let in_section = doc.topic(i) == Some(Topic::Dma);
    for (s, e) in labels::overall_anchors(doc.text, line.start, line.end) {
        let ok = in_section || {
            let (a, b) = doc.sentence_at(s);
            topics::mentions(&doc.text[a..b], Topic::Dma)
        };
        if ok {
            out.push(Anchor {
                field: Field::Overall,
                start: s,
                end: e,
            });
        }
    }
    out.sort_by_key(|a| a.start);
    // "Overall score" twice in one phrase ("overall average") is one anchor.
    out.dedup_by(|b, a| {
        a.field == Field::Overall && b.field == Field::Overall && b.start <= a.end + 12
    });
    out
}

fn in_scale(n: &Num) -> bool {
    (1.0..=5.0).contains(&n.value) && n.decimals <= 2
}

/// Free numbers that could be scores (not masked), in `start..end`.
fn score_numbers(doc: &Doc<'_>, start: usize, end: usize) -> Vec<Num> {
    doc.free_numbers(start, end)
}

/// Only filler between an anchor and its number.
fn filler_between(doc: &Doc<'_>, from: usize, to: usize, overall: bool) -> bool {
    const PILLAR_FILLER: &[&str] = &[
        "score",
        "scores",
        "scored",
        "scoring",
        "pillar",
        "rating",
        "rated",
        "result",
        "of",
        "is",
        "was",
        "at",
        "a",
        "dma",
        "level",
        "self",
        "assessed",
        "assessment",
        "current",
        "currently",
        "2024",
        "2025",
        "2023",
        "out",
        "overall",
        "average",
        "mean",
    ];
    const OVERALL_FILLER: &[&str] = &[
        "digital",
        "maturity",
        "the",
        "trust",
        "trusts",
        "s",
        "our",
        "your",
        "on",
        "scale",
        "for",
        "in",
        "and",
        "if",
        "completed",
        "most",
        "recent",
        "submission",
        "submitted",
        "nhs",
        "england",
        "nhse",
        "to",
        "across",
        "all",
        "pillars",
        "seven",
        "7",
        "by",
        "as",
        "be",
        "been",
        "has",
        "have",
        "we",
        "i",
        "can",
        "confirm",
        "that",
        "response",
        "answer",
        "which",
        "this",
        "were",
        "are",
        "overall",
        "dma",
    ];
    if from > to {
        return false;
    }
    let blank = doc.masks.blank_out(doc.text, from, to);
    blank
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            let w = w.to_ascii_lowercase();
            let year = w.len() == 4 && w.chars().all(|c| c.is_ascii_digit());
            year || PILLAR_FILLER.contains(&w.as_str())
                || (overall && OVERALL_FILLER.contains(&w.as_str()))
        })
}

/// For a row with several scores, the header cell above each score: walks up over the table's
/// other data rows (at most a dozen) to the first row without scores.
fn column_headers<'a>(doc: &Doc<'a>, i: usize, nums: &[Num]) -> Option<Vec<(Num, &'a str)>> {
    let row = &doc.lines[i];
    if row.separator == Separator::None || nums.len() > 8 || row.cells.len() > 64 {
        return None;
    }
    let mut j = i;
    let header = loop {
        j = j.checked_sub(1)?;
        if i - j > 12 {
            return None;
        }
        let h = &doc.lines[j];
        if h.is_blank() {
            continue;
        }
        if h.separator == Separator::None || h.cells.len() > 64 {
            return None;
        }
        let data_row = score_numbers(doc, h.start, h.end)
            .iter()
            .any(|n| in_scale(n) && !is_year_number(n));
        if !data_row {
            break h;
        }
    };
    let used = |l: &super::layout::Line<'_>| {
        l.cells
            .iter()
            .rposition(|c| !c.text.is_empty())
            .map_or(0, |p| p + 1)
    };
    let mut out = Vec::new();
    for n in nums {
        let k = row
            .cells
            .iter()
            .position(|c| c.start <= n.start && n.end <= c.end)?;
        let hk = if header.separator == row.separator && header.separator != Separator::Spaces {
            let off = used(row) as isize - used(header) as isize;
            usize::try_from(k as isize - off).ok()?
        } else {
            let col = row.cells[k].column;
            header
                .cells
                .iter()
                .enumerate()
                .min_by_key(|(_, c)| (c.column as isize - col as isize).abs())?
                .0
        };
        out.push((*n, header.cells.get(hk)?.text));
    }
    Some(out)
}

/// The score under the latest year heading, that year, and the years seen.
fn latest_year_column(doc: &Doc<'_>, i: usize, nums: &[Num]) -> Option<(Num, u16, String)> {
    let mapped: Vec<(Num, u16)> = column_headers(doc, i, nums)?
        .into_iter()
        .map(|(n, h)| calendar_year(h).map(|y| (n, y)))
        .collect::<Option<_>>()?;
    latest_of(&mapped)
}

/// A score beside benchmark columns ("National average", "Peer median"): the one column that
/// is not a benchmark is the trust's own; returns it with its heading.
fn own_score_column(doc: &Doc<'_>, i: usize, nums: &[Num]) -> Option<(Num, String)> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(r"(?i)\b(?:national|average|avg|median|mean|peer|peers|england|benchmark|target|comparator|region(?:al)?|icb|ics|system|sector|all\s+trusts)\b")
            .expect("benchmark regex")
    });
    let mapped = column_headers(doc, i, nums)?;
    let own: Vec<&(Num, &str)> = mapped.iter().filter(|(_, h)| !re.is_match(h)).collect();
    match own.as_slice() {
        [(n, h)] if mapped.len() > 1 => Some((*n, h.to_string())),
        _ => None,
    }
}

/// "2025", "2025 score", "DMA 2024": a calendar year heading a score column.
fn calendar_year(cell: &str) -> Option<u16> {
    let t = cell.trim();
    if t.len() > 24 {
        return None;
    }
    let digits: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .collect();
    match digits.as_slice() {
        [y] if y.len() == 4 => {
            let y: u16 = y.parse().ok()?;
            (2018..=2035).contains(&y).then_some(y)
        }
        _ => None,
    }
}

/// "Well Led" alone on its line, its score alone on the next line.
fn next_line_value(doc: &Doc<'_>, i: usize, a: &Anchor, out: &mut Candidates) {
    let Some(j) = doc.next_filled_within(i, 2) else {
        return;
    };
    if !eligible(doc, j) {
        return;
    }
    let next = &doc.lines[j];
    if !anchors(doc, j).is_empty() {
        return;
    }
    let (from, to) = doc.answer_part(j).unwrap_or((next.start, next.end));
    let from = from.min(to);
    let nums = score_numbers(doc, from, to);
    let [n] = nums.as_slice() else { return };
    // The line must be the number and nothing else (a marker or bullet aside).
    let blank = doc.masks.blank_out(doc.text, from, to);
    let rest: String = blank
        .chars()
        .enumerate()
        .filter(|(k, _)| from + k < n.start || from + k >= n.end)
        .map(|(_, c)| c)
        .collect();
    let words = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| {
            !matches!(
                w.to_ascii_lowercase().as_str(),
                "our" | "response" | "answer" | "score"
            )
        })
        .count();
    if words > 0 || !in_scale(n) {
        return;
    }
    out.add(Candidate {
        field: a.field,
        value: n.value,
        start: n.start,
        end: n.end,
        precision: 10f64.powi(-(n.decimals as i32)),
        confidence: Confidence::High,
    });
}

/// A header row of pillar names with the scores in the row below, matched by order.
fn grid(doc: &Doc<'_>, i: usize, names: &[Anchor], out: &mut Candidates) -> bool {
    let anchors_of = anchors;
    let anchors = names;
    let line = &doc.lines[i];
    if anchors.len() < 3 || anchors.len() > 16 || line.separator == Separator::None {
        return false;
    }
    if !score_numbers(doc, line.start, line.end)
        .iter()
        .all(|n| !in_scale(n))
    {
        return false;
    }
    // Each anchor must be its own cell.
    let own_cells = anchors.iter().all(|a| {
        line.cells
            .iter()
            .any(|c| c.start <= a.start && a.end <= c.end && c.text.len() <= a.end - a.start + 24)
    });
    if !own_cells {
        return false;
    }
    let Some(j) = doc.next_filled_within(i, 3) else {
        return false;
    };
    let row = &doc.lines[j];
    if row.separator == Separator::None || !anchors_of(doc, j).is_empty() {
        return false;
    }
    let nums: Vec<Num> = score_numbers(doc, row.start, row.end);
    if nums.len() != anchors.len() || !nums.iter().all(in_scale) {
        out.warn(
            None,
            format!(
                "{}: a row of pillar names, but the row below has {} scores for {} names; not read",
                quote(doc, line.start, line.end),
                nums.len(),
                anchors.len()
            ),
            row.start,
            row.end,
        );
        return true;
    }
    for (a, n) in anchors.iter().zip(&nums) {
        out.add(Candidate {
            field: a.field,
            value: n.value,
            start: n.start,
            end: n.end,
            precision: 10f64.powi(-(n.decimals as i32)),
            confidence: Confidence::High,
        });
    }
    true
}

/// Is there a score before the first pillar name that no earlier name ("Overall 3.1, ...")
/// claims? Then the line puts scores before names ("4.3 (Well Led), 3.2 (...)") and reading
/// forwards would shift every score by one.
fn numbers_before_names(doc: &Doc<'_>, i: usize, anchors: &[Anchor], forward: &[Reading]) -> bool {
    let line = &doc.lines[i];
    let Some(first_pillar) = anchors
        .iter()
        .position(|a| matches!(a.field, Field::Pillar(_)))
    else {
        return false;
    };
    let claimed: Vec<usize> = forward[..first_pillar]
        .iter()
        .flat_map(|r| match r {
            Reading::One(n) => vec![n.start],
            Reading::Many(v) => v.iter().map(|n| n.start).collect(),
            _ => vec![],
        })
        .collect();
    score_numbers(doc, line.start, anchors[first_pillar].start)
        .iter()
        .any(|n| in_scale(n) && !is_year_number(n) && !claimed.contains(&n.start))
}

/// "a) 2.4" under a quoted or restated question list whose "a)" asked for the overall score (or
/// named one pillar).
fn enumerated_answer(doc: &Doc<'_>, i: usize, out: &mut Candidates) -> bool {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(r"(?i)^[\s>•*-]*(?:(?:our\s+)?(?:response|answer)\s*:\s*)?\(?(?P<e>[a-h]|[ivx]{1,4}|\d{1,2})[.)]\s*(?P<n>\d(?:\.\d{1,2})?)\s*(?:/\s*5(?:\.0)?)?\s*\.?\s*$")
            .expect("enumerated answer regex")
    });
    let line = &doc.lines[i];
    let Some(c) = re.captures(line.text) else {
        return false;
    };
    let (Some(e), Some(nm)) = (c.name("e"), c.name("n")) else {
        return false;
    };
    let nums = score_numbers(doc, line.start + nm.start(), line.start + nm.end());
    let [n] = nums.as_slice() else { return false };
    if !in_scale(n) {
        return false;
    }
    let label = e.as_str().to_ascii_lowercase();
    for j in (i.saturating_sub(60)..i).rev() {
        let q = &doc.lines[j];
        if !opens_with(q.text, &label) || re.is_match(q.text) {
            continue;
        }
        let pillars = labels::pillars_in(doc.text, q.start, q.end);
        let overall = !labels::overall_anchors(doc.text, q.start, q.end).is_empty();
        let field = match (overall, pillars.as_slice()) {
            (true, []) => Field::Overall,
            (false, [one]) => Field::Pillar(one.pillar),
            _ => return false,
        };
        out.add(candidate(field, n, Confidence::High));
        return true;
    }
    false
}

/// Does `line` open with the sub-question label `label` ("a", "ii", "3") followed by "." or ")"
/// and text: "> a) Your overall DMA score", "(b) If readily available"?
fn opens_with(line: &str, label: &str) -> bool {
    let t =
        line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '>' | '•' | '*' | '-'));
    let t = t.strip_prefix('(').unwrap_or(t);
    let Some(head) = t.get(..label.len()) else {
        return false;
    };
    if !head.eq_ignore_ascii_case(label) {
        return false;
    }
    let rest = &t[label.len()..];
    let Some(rest) = rest.strip_prefix(['.', ')']) else {
        return false;
    };
    rest.starts_with([' ', '\t']) && !rest.trim().is_empty()
}

/// The lone number answering a question that asked for the overall score:
/// "OUR RESPONSE: 2.9" or "a) 2.9" under "a) Your overall DMA score ...".
fn lone_answer(doc: &Doc<'_>, i: usize, out: &mut Candidates) {
    let line = &doc.lines[i];
    let (from, to) = doc.answer_part(i).unwrap_or((line.start, line.end));
    // "3. DMA overall score? Answer: 3.2" asks on the answer's own line.
    let asked_here = from > line.start && {
        let question = &doc.text[line.start..from];
        topics::mentions(question, Topic::Dma)
            && !labels::overall_anchors(doc.text, line.start, from).is_empty()
    };
    if doc.roles[i].role != Role::Answer || (doc.topic(i) != Some(Topic::Dma) && !asked_here) {
        return;
    }
    let nums: Vec<Num> = score_numbers(doc, from, to);
    let [n] = nums.as_slice() else { return };
    if !in_scale(n) {
        return;
    }
    let words_before = doc.masks.blank_out(doc.text, from, n.start);
    if words_before.split_whitespace().count() > 3 {
        return;
    }
    // The question this answers: the request lines above, back to the previous answer.
    let mut asks_overall = asked_here;
    let mut j = i;
    let mut seen_question = false;
    for _ in 0..40 {
        let Some(k) = j.checked_sub(1) else { break };
        j = k;
        match doc.roles[j].role {
            Role::Question => {
                seen_question = true;
                let l = &doc.lines[j];
                if !labels::overall_anchors(doc.text, l.start, l.end).is_empty() {
                    asks_overall = true;
                }
            }
            Role::Answer if seen_question => break,
            Role::Answer => {
                // Another number earlier in the same answer: this one is not alone.
                let (a, b) = doc.answer_part(j).unwrap_or((0, 0));
                if score_numbers(doc, a, b).iter().any(in_scale) {
                    return;
                }
            }
            _ => {}
        }
    }
    if asks_overall {
        out.add(Candidate {
            field: Field::Overall,
            value: n.value,
            start: n.start,
            end: n.end,
            precision: 10f64.powi(-(n.decimals as i32)),
            confidence: Confidence::Medium,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_year_headings() {
        assert_eq!(calendar_year("2025"), Some(2025));
        assert_eq!(calendar_year("DMA 2024 score"), Some(2024));
        assert_eq!(calendar_year("2023/24"), None);
        assert_eq!(calendar_year("Well Led"), None);
    }
}
