//! The shared view of one reply that every extractor reads: cleaned text, lines and cells, who is
//! speaking on each line (answers), which question each line belongs to (topics), and which
//! digits are never values (masks). Built once per parse, in linear time.

use super::answers::{self, LineRole, Role};
use super::layout::{self, Line, Separator};
use super::mask::Masks;
use super::normalise::Normalised;
use super::topics::{self, Topic};
use crate::model::Span;
use regex::Regex;
use std::sync::OnceLock;

pub struct Doc<'a> {
    pub norm: &'a Normalised,
    /// The cleaned text all offsets below refer to.
    pub text: &'a str,
    pub lines: Vec<Line<'a>>,
    pub roles: Vec<LineRole>,
    /// The topic a line's own words name (one topic only).
    pub local: Vec<Option<Topic>>,
    /// The topic of the question the line sits under.
    pub section: Vec<Option<Topic>>,
    pub masks: Masks,
}

/// A number written as digits ("3.1", "5", "2.94"), with its place in the cleaned text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub decimals: usize,
}

impl<'a> Doc<'a> {
    pub fn new(norm: &'a Normalised) -> Doc<'a> {
        let text = norm.text.as_str();
        let lines = layout::lines(text);
        let roles = answers::assign_roles(&lines);
        let masks = Masks::new(text);
        let local: Vec<Option<Topic>> = lines.iter().map(|l| topics::local_topic(l.text)).collect();
        let mut section = Vec::with_capacity(lines.len());
        let mut current: Option<Topic> = None;
        // Question number → topic, so that answers numbered like the questions ("1." ... "3.")
        // fall under the same topic even when they do not repeat its keywords.
        let mut numbered: Vec<(String, Topic)> = Vec::new();
        // The last question number seen: "a)" under "2." is "2(a)", and a reply that letters
        // its questions and answers "a)" to "d)" with no numbers keys them "(a)" to "(d)".
        let mut last_number = String::new();
        for (i, line) in lines.iter().enumerate() {
            let role = roles[i];
            if role.role == Role::Closing {
                current = None;
            } else if !line.is_blank() {
                let asking = question_part(line, &role);
                let number = question_number(line.text).map(|n| {
                    if n.starts_with('(') {
                        format!("{last_number}{n}")
                    } else {
                        last_number = n.clone();
                        n
                    }
                });
                // The topic first (most lines name none), then whether the line asks.
                let named = if std::ptr::eq(asking, line.text) {
                    local[i]
                } else {
                    topics::local_topic(asking)
                };
                let topic = named.filter(|_| topics::is_question_like(asking));
                if let Some(t) = topic {
                    current = Some(t);
                    if let Some(n) = &number {
                        if !numbered.iter().any(|(k, _)| k == n) {
                            numbered.push((n.clone(), t));
                        }
                    }
                } else if let Some(n) = number.filter(|_| local[i].is_none()) {
                    if let Some((_, t)) = numbered.iter().find(|(k, _)| *k == n) {
                        current = Some(*t);
                    }
                }
            }
            section.push(current);
        }
        Doc {
            norm,
            text,
            lines,
            roles,
            local,
            section,
            masks,
        }
    }

    /// The original-text span of the cleaned range `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        self.norm.span(start, end)
    }

    /// The topic that governs line `i`: its section, else its own words.
    pub fn topic(&self, i: usize) -> Option<Topic> {
        self.section[i].or(self.local[i])
    }

    /// The one topic named in the paragraph that line `i` ends (the lines above it up to a blank
    /// line, at most six): "With regard to the Digital Maturity Assessment, ... we are /
    /// withholding them under / section 22." `None` when the paragraph names none or several.
    pub fn paragraph_topic(&self, i: usize) -> Option<Topic> {
        let mut found: Option<Topic> = None;
        for j in (i.saturating_sub(5)..=i).rev() {
            if self.lines[j].is_blank() {
                break;
            }
            if let Some(t) = self.local[j] {
                if found.is_some_and(|f| f != t) {
                    return None;
                }
                found = Some(t);
            }
        }
        found
    }

    /// The index of the line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.end < offset)
            .min(self.lines.len().saturating_sub(1))
    }

    /// 1-based line number for messages.
    pub fn line_number(&self, offset: usize) -> usize {
        self.line_of(offset) + 1
    }

    /// The next non-blank line after `i`, if any.
    pub fn next_filled(&self, i: usize) -> Option<usize> {
        (i + 1..self.lines.len()).find(|&j| !self.lines[j].is_blank())
    }

    /// The next non-blank line after `i`, if it is at most `reach` lines on.
    pub fn next_filled_within(&self, i: usize, reach: usize) -> Option<usize> {
        (i + 1..self.lines.len().min(i + 1 + reach)).find(|&j| !self.lines[j].is_blank())
    }

    /// The sentence around byte `at` (bounded scan; see [`sentence_around`]).
    pub fn sentence_at(&self, at: usize) -> (usize, usize) {
        let l = &self.lines[self.line_of(at)];
        sentence_around(self.text, (l.start, l.end), at)
    }

    /// The answer part of line `i` (after a marker or question cell), or `None` when the line
    /// is not an answer.
    pub fn answer_part(&self, i: usize) -> Option<(usize, usize)> {
        let line = &self.lines[i];
        let r = self.roles[i];
        match r.role {
            Role::Answer => Some((r.answer_from.min(line.end), line.end)),
            Role::Neutral => Some((line.start, line.end)),
            _ => None,
        }
    }

    /// Sentences of `start..end` (a line or part of one): split after `.`, `!`, `?` or `;`
    /// followed by a space (not inside numbers such as "13.1").
    pub fn sentences(&self, start: usize, end: usize) -> Vec<(usize, usize)> {
        sentences(self.text, start, end)
    }

    /// Standalone numbers in `start..end` that are not masked (not dates, scales, sections...).
    pub fn free_numbers(&self, start: usize, end: usize) -> Vec<Num> {
        numbers(self.text, start, end)
            .into_iter()
            .filter(|n| !self.masks.covers(n.start, n.end))
            .collect()
    }
}

/// The question number a line opens with ("1.", "2)", "Q3", "Question 3", "A3", "Answer 3"),
/// normalised to its digits; or a letter ("a)", "(b)") as "(a)", which the caller qualifies by
/// the number above it, because lettered sub-questions repeat from question to question.
fn question_number(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)^[\s>•*-]*(?:q(?:uestion)?\s*(?P<q>\d{1,2})\b|a(?:nswer)?\s*(?P<a>\d{1,2})\b|(?P<n>\d{1,2})[.)](?:\s|$)|\(?(?P<l>[a-h])[.)](?:\s|$))",
        )
        .expect("question number regex")
    });
    // Cheap test first: a question number starts the line (after quoting and bullets).
    let first = text
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '>' | '•' | '*' | '-'))
        .chars()
        .next()?;
    if !(first.is_ascii_digit() || first.is_ascii_alphabetic() || first == '(') {
        return None;
    }
    let c = re.captures(text)?;
    // Lettered items ("a)", "(b)") are their own series: "a" is not "1".
    if let Some(l) = c.name("l") {
        return Some(format!("({})", l.as_str().to_ascii_lowercase()));
    }
    c.name("q")
        .or(c.name("a"))
        .or(c.name("n"))
        .map(|m| m.as_str().trim_start_matches('0').to_string())
}

/// The part of a line that asks: the question cell of a table row, the text before a response
/// marker, or the whole line.
fn question_part<'a>(line: &Line<'a>, role: &LineRole) -> &'a str {
    if role.role == Role::Answer && role.answer_from > line.start {
        let cut = role.answer_from.min(line.end) - line.start;
        let head = &line.text[..cut];
        // Drop the marker itself ("OUR RESPONSE:") from what asks.
        return match answers::response_marker(head) {
            Some((s, _)) => &head[..s],
            None => match line.separator {
                Separator::Tab | Separator::Pipe | Separator::Spaces => {
                    line.cells.first().map(|c| c.text).unwrap_or(head)
                }
                Separator::None => head,
            },
        };
    }
    // "HIMSS: not applicable", "IT spend: we do not hold ...": a short label before a colon
    // heads what follows it on the line.
    if line.separator == Separator::None {
        if let Some(colon) = answers::label_colon(line.text) {
            let head = &line.text[..colon + 1];
            let words = head.split_whitespace().count();
            if (1..=8).contains(&words) && colon + 1 < line.text.trim_end().len() {
                return head;
            }
        }
    }
    line.text
}

/// Sentence ranges within `text[start..end]`.
pub fn sentences(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = start;
    let mut i = start;
    while i < end {
        if ends_sentence(text, i) {
            out.push((s, i + 1));
            s = i + 1;
        }
        i += 1;
    }
    if s < end {
        out.push((s, end));
    }
    out.retain(|&(a, b)| !text[a..b].trim().is_empty());
    out
}

/// Does the byte at `i` end a sentence? `!`, `?`, `;`, or a full stop that is not inside a
/// number ("13.1") or after an abbreviation ("e.g.", "No."), followed by a space or the end.
pub fn ends_sentence(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    match bytes.get(i) {
        Some(b'!' | b'?' | b';') => true,
        Some(b'.') => {
            let next = bytes.get(i + 1).copied();
            let prev_digit = i > 0 && bytes[i - 1].is_ascii_digit();
            let next_digit = next.is_some_and(|c| c.is_ascii_digit());
            !(prev_digit && next_digit)
                && (next.is_none()
                    || next == Some(b' ')
                    || next == Some(b'\t')
                    || next == Some(b'\n'))
                && !abbreviation_before(text, i)
        }
        _ => false,
    }
}

/// How far a sentence is looked for around a position: bounded, so that a ten-megabyte line
/// without full stops costs the same per figure as an ordinary one.
const SENTENCE_REACH: usize = 400;

/// The sentence of line `line` (a byte range) around byte `at`, found by scanning at most
/// [`SENTENCE_REACH`] bytes each way.
pub fn sentence_around(text: &str, line: (usize, usize), at: usize) -> (usize, usize) {
    let (ls, le) = line;
    let at = at.clamp(ls, le);
    let lo = at.saturating_sub(SENTENCE_REACH).max(ls);
    let mut start = lo;
    let mut i = at;
    while i > lo {
        i -= 1;
        if ends_sentence(text, i) {
            start = i + 1;
            break;
        }
    }
    let hi = (at + SENTENCE_REACH).min(le);
    let mut end = hi;
    let mut j = at;
    while j < hi {
        if ends_sentence(text, j) {
            end = j + 1;
            break;
        }
        j += 1;
    }
    // Stay on character boundaries.
    while start > ls && !text.is_char_boundary(start) {
        start -= 1;
    }
    while end < le && !text.is_char_boundary(end) {
        end += 1;
    }
    (start, end.max(start))
}

fn abbreviation_before(text: &str, dot: usize) -> bool {
    let mut from = dot.saturating_sub(8);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let head = &text[from..dot];
    let word: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    matches!(
        word.to_ascii_lowercase().as_str(),
        "e" | "g"
            | "i"
            | "eg"
            | "ie"
            | "etc"
            | "no"
            | "approx"
            | "c"
            | "s"
            | "inc"
            | "incl"
            | "excl"
            | "est"
            | "ref"
            | "vs"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "st"
            | "para"
    )
}

fn number_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| super::rx::compile(r"\d+(?:\.\d+)?").expect("number regex"))
}

/// Standalone decimal numbers in `text[start..end]`: not glued to letters, other digits, `£`,
/// `%`, thousands separators or date/year separators.
pub fn numbers(text: &str, start: usize, end: usize) -> Vec<Num> {
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for m in number_regex().find_iter(slice) {
        let (s, e) = (start + m.start(), start + m.end());
        if !standalone(text, s, e) {
            continue;
        }
        let Ok(value) = m.as_str().parse::<f64>() else {
            continue;
        };
        let decimals = m.as_str().split('.').nth(1).map_or(0, str::len);
        out.push(Num {
            start: s,
            end: e,
            value,
            decimals,
        });
    }
    out
}

fn standalone(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let before2 = text[..s].chars().rev().nth(1);
    let mut after_it = text[e..].chars();
    let after = after_it.next();
    let after2 = after_it.next();
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '£' | '$' | '€' | '_' | '#')) {
        return false;
    }
    if matches!(before, Some('.') | Some(',') | Some('/') | Some(':')) && digit(before2) {
        return false;
    }
    if before == Some('-') && digit(before2) {
        return false;
    }
    match after {
        Some(c) if c.is_alphanumeric() => false,
        Some('%') | Some('£') => false,
        Some(',') | Some(':') | Some('-') | Some('.') if digit(after2) => false,
        Some('/') => {
            // "3.2/5" or "3.2/5.0" is a score out of five; "23/24" is a year.
            let rest = &text[e + 1..];
            let denom: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            matches!(denom.as_str(), "5" | "5.0" | "5.00" | "7")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_numbers_letters_and_answer_numbers() {
        assert_eq!(
            question_number("Q2 What was your IT spend?").as_deref(),
            Some("2")
        );
        assert_eq!(question_number("A2 £20,874,512").as_deref(), Some("2"));
        assert_eq!(question_number("Answer 3: not held").as_deref(), Some("3"));
        assert_eq!(
            question_number("a) Total spend on IT").as_deref(),
            Some("(a)")
        );
        assert_eq!(question_number("(b) Breakdown").as_deref(), Some("(b)"));
        // A year or an amount is not a question number.
        assert_eq!(question_number("A 2022/23 figure"), None);
        assert_eq!(question_number("2022/23: £7,912,000"), None);
    }

    #[test]
    fn sentences_do_not_split_numbers() {
        let t = "Spend was £13.1m. Next year £11.4m; the rest. Done";
        let got: Vec<&str> = sentences(t, 0, t.len())
            .into_iter()
            .map(|(a, b)| t[a..b].trim())
            .collect();
        assert_eq!(
            got,
            [
                "Spend was £13.1m.",
                "Next year £11.4m;",
                "the rest.",
                "Done"
            ]
        );
    }

    #[test]
    fn numbers_are_standalone_only() {
        let t = "Well Led 4.3, FY23 2023/24 £5 12% 3.2/5 1,234 s22 2.8";
        let got: Vec<f64> = numbers(t, 0, t.len()).iter().map(|n| n.value).collect();
        assert_eq!(got, [4.3, 3.2, 2.8]);
    }

    #[test]
    fn sections_follow_questions_not_passing_mentions() {
        let text = "1. What is your IT spend?\n2023/24: £1m\n2. Digital Maturity Assessment (DMA) scores:\nWell Led\t4.3\nOUR RESPONSE: we report IT spend elsewhere\nIf you are dissatisfied, complain.\n";
        let n = Normalised::new(text);
        let d = Doc::new(&n);
        let topics: Vec<Option<Topic>> = (0..d.lines.len()).map(|i| d.section[i]).collect();
        assert_eq!(
            &topics[..6],
            &[
                Some(Topic::Spend),
                Some(Topic::Spend),
                Some(Topic::Dma),
                Some(Topic::Dma),
                Some(Topic::Dma),
                None
            ]
        );
    }
}
