//! Question → answer pairing: which text is the trust's answer and which is the request restated.
//!
//! Replies answer in three main shapes:
//! - a marker: "OUR RESPONSE:", "Response:", "Answer:" on the same line as the question
//!   ("FY 2023/2024 (£): OUR RESPONSE: £13,107,000.") — the answer is the rest of that line — or
//!   at the start of a line, when the answer runs on until the next question;
//! - a two-column Question/Response table: the first cell asks, the other cells answer. An
//!   answer may wrap over several rows (seeds/001: one "not held" sentence spread over the
//!   Software, Services and Hardware rows); such *continuation* rows are flagged so their labels
//!   never receive a value from someone else's sentence;
//! - plain letter prose, where every sentence in the trust's voice is an answer.
//!
//! Status words ("not held", "exempt") and values count only in answers; the request restated in a
//! reply ("If not held, please say so") must not.

use super::layout::{Line, Separator};
use super::topics;
use regex::Regex;
use std::sync::OnceLock;

/// What a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Role {
    /// Letter prose, headers, tables without a question column.
    #[default]
    Neutral,
    /// The request restated.
    Question,
    /// The trust's answer (from `answer_from` to the end of the line).
    Answer,
    /// Complaints procedure and sign-off.
    Closing,
}

/// Per-line result of pairing.
#[derive(Clone, Copy, Debug, Default)]
pub struct LineRole {
    pub role: Role,
    /// Byte offset (in the cleaned text) where the answer part of the line starts: after a
    /// response marker, after the question cell of a table row, or the line start.
    pub answer_from: usize,
    /// A table row whose answer cell continues the sentence of the row above.
    pub continuation: bool,
    /// Part of a quotation of the Act or of guidance ("... which states:").
    pub quoted: bool,
}

/// The byte range (relative to `line`) of a response marker such as "OUR RESPONSE:", if any.
///
/// A marker opens the line ("Response: ...", "A1. ...") or follows a finished question on it
/// ("FY 2023/2024 (£): OUR RESPONSE: £13m"); "Date of response:", "FOI Response - Reference"
/// and the heading "REQUEST & OUR RESPONSE:" are not markers.
pub fn response_marker(line: &str) -> Option<(usize, usize)> {
    let has = |w: &[u8]| {
        line.as_bytes()
            .windows(w.len())
            .any(|x| x.eq_ignore_ascii_case(w))
    };
    if !(has(b"respons") || has(b"answer") || has(b"reply") || line.trim_start().starts_with('A')) {
        return None;
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)\b(?P<m>(?:(?:our|the\s+trust'?s?|trust'?s?|organisation'?s?)\s+)?(?:response|answer|reply)(?:\s+from\s+the\s+trust)?\s*(?P<sep>:|-\s|–\s))|^\s*(?P<a>A(?:\d{1,2}[a-z]?\s*[:.)]|\s*:)\s)",
        )
        .expect("marker regex")
    });
    // A marker is near the start or after a short question; a line of a thousand "response:"s
    // is not worth a thousand looks.
    for c in re.captures_iter(line).take(8) {
        let m = c.name("m").or(c.name("a"))?;
        let before = &line[..m.start()];
        let lead = before.trim();
        let at_start = lead.is_empty() || is_enumerator(lead);
        if c.name("a").is_some() {
            return Some((m.start(), m.end()));
        }
        let after_question = before.ends_with('\t')
            || before.trim_end().ends_with(['?', ':', ')', '.'])
            || before.trim_end().ends_with('|');
        let dash = c.name("sep").is_some_and(|s| s.as_str() != ":");
        if at_start || (after_question && !dash) {
            return Some((m.start(), m.end()));
        }
    }
    None
}

/// "1.", "2a)", "Q3", "(b)", "iv." — question numbering on its own.
fn is_enumerator(t: &str) -> bool {
    if t.len() > 16 {
        return false;
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(r"(?i)^[•*>\s-]*\(?(?:q(?:uestion)?\s*\d{1,2}[a-z]?|\d{1,2}[a-z]?|[a-h]|[ivx]{1,4})[.):]?$")
            .expect("enumerator regex")
    });
    re.is_match(t)
}

/// A line that starts a new question: "REQUEST:", "Question 2:", "Q3.", "2. Based on ...".
/// The line `ingest` writes before each e-mail attachment's text ("Attachment: reply.pdf").
fn is_attachment_boundary(line: &str) -> bool {
    line.starts_with("Attachment: ") && !line.contains('\t')
}

pub fn starts_question(line: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)^[\s>]*(?:(?:request|question|q)\s*\d{0,2}[a-z]?\s*(?:[:.)\-–]|$)|q\d{1,2}[a-z]?\s|(?:q(?:uestion)?\s*)?\d{1,2}[a-z]?[.)]\s+[A-Za-z])",
        )
        .expect("question start regex")
    });
    re.is_match(line)
}

/// "Request 2:", "Question 3.", "Q4" — a question named as such (not a bare "4.").
fn starts_explicit_question(line: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(r"(?i)^[\s>]*(?:request|question|q)\s*\d{0,2}[a-z]?\s*(?:[:.)\-–]|\s|$)")
            .expect("explicit question regex")
    });
    re.is_match(line)
}

/// "... which states:", "Section 12 provides:" — what follows is quoted text, not the trust's words.
fn introduces_quote(line: &str) -> bool {
    if !line.trim_end().ends_with([':', '-', '–']) {
        return false;
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(r"(?i)\b(?:states?|provides?|reads?|says|defined\s+as|(?P<follows>as\s+follows))\s*(?:that)?\s*[:\-–]\s*$")
            .expect("quote regex")
    });
    // "as follows:" quotes only when it introduces the law or guidance ("Section 12 is as
    // follows:"); "Our DMA scores were as follows:" introduces the trust's own figures.
    static SOURCE: OnceLock<Regex> = OnceLock::new();
    let source = SOURCE.get_or_init(|| {
        super::rx::compile(r"(?i)\b(?:section|s\.?\s*\d|act|guidance|ico|regulations?|definitions?|code\s+of\s+practice|legislation|exemption)\b")
            .expect("quote source regex")
    });
    match re.captures(line.trim_end()) {
        Some(c) if c.name("follows").is_some() => source.is_match(line),
        Some(_) => true,
        None => false,
    }
}

/// Assign a role to every line.
pub fn assign_roles(lines: &[Line<'_>]) -> Vec<LineRole> {
    let mut out = vec![LineRole::default(); lines.len()];
    let mut in_answer = false; // an answer that began with a marker at a line start
    let mut in_closing = false;
    let mut quoting = false;
    let any_marker = lines.iter().any(|l| response_marker(l.text).is_some());
    for (i, line) in lines.iter().enumerate() {
        let r = &mut out[i];
        r.answer_from = line.start;
        if line.is_blank() {
            quoting = false;
            r.role = if in_closing {
                Role::Closing
            } else if in_answer {
                Role::Answer
            } else {
                Role::Neutral
            };
            continue;
        }
        if is_attachment_boundary(line.text) {
            // An e-mail's attachment is a document of its own: the covering note's sign-off
            // ("Kind regards") does not end the reply that follows.
            in_closing = false;
            in_answer = false;
            quoting = false;
            continue;
        }
        if topics::is_closing(line.text) {
            in_closing = true;
            in_answer = false;
        }
        if in_closing {
            // A new question after the sign-off (rare: replies that put the complaints text
            // first) reopens the body.
            if starts_question(line.text) && !topics::is_closing(line.text) {
                in_closing = false;
            } else {
                r.role = Role::Closing;
                continue;
            }
        }
        if let Some((_, end)) = response_marker(line.text) {
            quoting = false;
            r.role = Role::Answer;
            r.answer_from = line.start + end;
            // A marker at the start of the line opens an answer that runs on; one after a
            // question on the same line answers just that line.
            in_answer = marker_at_line_start(line.text);
            if introduces_quote(line.text) {
                quoting = true;
            }
            continue;
        }
        if starts_question(line.text) {
            // Under a "Response:" heading, "1) The Trust ..." answers question 1: numbered
            // answers mirror numbered questions. Only a line that names itself a question or
            // request, or asks in words, ends the answer.
            if !(in_answer
                && !starts_explicit_question(line.text)
                && !topics::asks_in_words(line.text))
            {
                in_answer = false;
                quoting = false;
            }
        }
        if quoting {
            r.quoted = true;
        }
        if in_answer {
            r.role = Role::Answer;
        } else if any_marker {
            // In a marker-style reply, text outside answers is the request restated.
            r.role = Role::Question;
        } else if let Some(from) = table_answer_start(line) {
            r.role = Role::Answer;
            r.answer_from = from;
        } else if let Some(from) = answer_after_label(line) {
            // "3. HIMSS: the Trust has no EMRAM or INFRAM stage." asks and answers on one line.
            r.role = Role::Answer;
            r.answer_from = from;
        } else if topics::asks(line.text) || topics::is_heading(line.text.trim()) {
            // A numbered line in the trust's own words ("2. The Trust's DMA submission ...") is
            // an answer, not the request restated.
            r.role = Role::Question;
        }
        if introduces_quote(line.text) {
            quoting = true;
        }
    }
    mark_continuations(lines, &mut out);
    out
}

/// "Label: answer" on one prose line: where the answer starts, when the label is a question or a
/// heading and the rest is not itself a question.
fn answer_after_label(line: &Line<'_>) -> Option<usize> {
    if line.separator != Separator::None {
        return None;
    }
    // A label colon is followed by a space ("https://..." is not a label).
    let colon = label_colon(line.text)?;
    let head = &line.text[..colon + 1];
    let rest = line.text[colon + 1..].trim();
    let words = head.split_whitespace().count();
    if !(1..=20).contains(&words) || rest.is_empty() || rest.contains('?') || starts_question(rest)
    {
        return None;
    }
    if !topics::is_question_like(head) || is_requester_voice(rest) {
        return None;
    }
    // "The Trust does not hold its own DMA scores: ..." is a statement, not a label: a label is
    // short, or asks.
    let statement = head.split_whitespace().any(|w| {
        matches!(
            w.to_ascii_lowercase()
                .trim_matches(|c: char| !c.is_alphanumeric()),
            "we" | "our" | "does" | "do" | "is" | "are" | "was" | "were" | "has" | "have" | "not"
        )
    });
    if statement || (words > 6 && !topics::asks(head)) {
        return None;
    }
    let lead = line.text[colon + 1..].len() - line.text[colon + 1..].trim_start().len();
    Some(line.start + colon + 1 + lead)
}

/// The first ":" followed by whitespace, within the first dozen words.
pub fn label_colon(text: &str) -> Option<usize> {
    let colon = text
        .char_indices()
        .find(|&(i, c)| c == ':' && text[i + 1..].starts_with([' ', '\t']))?
        .0;
    (text[..colon].split_whitespace().count() <= 12).then_some(colon)
}

fn marker_at_line_start(line: &str) -> bool {
    response_marker(line).is_some_and(|(s, _)| line[..s].trim().is_empty())
}

/// For a table row "question<TAB>answer", where the answer starts; `None` if the row has no
/// answer cell.
fn table_answer_start(line: &Line<'_>) -> Option<usize> {
    if line.separator == Separator::None || line.cells.len() < 2 {
        return None;
    }
    let first = line.cells.first()?;
    let rest = line.cells[1..].iter().find(|c| !c.text.is_empty())?;
    if first.text.is_empty() {
        return Some(rest.start);
    }
    Some(rest.start)
}

/// A two-column row whose answer cell carries on the sentence of the row above: it starts in
/// lower case, or the cell above stopped mid-sentence and both are prose.
fn mark_continuations(lines: &[Line<'_>], out: &mut [LineRole]) {
    let mut prev_answer: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        let answer = if line.separator == Separator::Tab || line.separator == Separator::Pipe {
            line.cells
                .get(1..)
                .and_then(|rest| rest.iter().find(|c| !c.text.is_empty()))
                .map(|c| c.text)
        } else {
            None
        };
        let label_filled = line.cells.first().is_some_and(|c| !c.text.is_empty());
        match (prev_answer, answer) {
            (Some(prev), Some(cur)) if label_filled && is_prose(cur) && is_prose(prev) => {
                let starts_lower = cur.chars().next().is_some_and(|c| c.is_lowercase());
                let prev_unfinished = !prev.trim_end().ends_with(['.', '!', '?', '"', ')']);
                if starts_lower || prev_unfinished {
                    out[i].continuation = true;
                }
            }
            _ => {}
        }
        prev_answer = answer;
    }
}

/// Several words of text (not a figure or a one-word answer like "No").
fn is_prose(cell: &str) -> bool {
    cell.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
        >= 3
}

/// True when `sentence` is the requester speaking (the request restated or its conditions),
/// not the trust: "please provide", "if you", "your Trust".
pub fn is_requester_voice(sentence: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)\bplease\s+(?:provide|include|state|confirm|supply|list|give|detail|indicate|send|explain|advise\s+(?:if|whether|which))\b|\bif\s+(?:you|the\s+trust|not\s+held|readily|this|any|information)\b|\byour\s+(?:whole\s+)?(?:trust|organisation|overall|most\s+recent|it\s+spend|dma)\b|\bhave\s+your\s+trust\b|\bI\s+(?:would\s+like|am\s+writing|request)\b|\bwhere\s+(?:an?\s+)?exemption",
        )
        .expect("voice regex")
    });
    re.is_match(sentence)
}

#[cfg(test)]
mod tests {
    use super::super::layout::lines;
    use super::*;

    #[test]
    fn numbered_answers_under_a_response_heading_stay_answers() {
        let text = "Request:\n1) How much did you spend on IT?\n2) Please provide your DMA scores.\nResponse:\n1) This would exceed the cost limit under Section 12.\n2) Our DMA scores were as follows:\nWell Led 3.6\nQuestion 3: Do you have a HIMSS stage?\n3) The Trust has no HIMSS stage.";
        let ls = lines(text);
        let roles = assign_roles(&ls);
        let role = |needle: &str| {
            let i = ls.iter().position(|l| l.text.contains(needle)).unwrap();
            roles[i]
        };
        // The request's numbered lines ask; the response's numbered lines answer.
        assert_eq!(role("1) How much").role, Role::Question);
        assert_eq!(role("2) Please provide").role, Role::Question);
        assert_eq!(role("1) This would exceed").role, Role::Answer);
        assert_eq!(role("2) Our DMA").role, Role::Answer);
        // "were as follows:" introduces the trust's figures, not a quotation.
        assert_eq!(role("Well Led 3.6").role, Role::Answer);
        assert!(!role("Well Led 3.6").quoted);
        // A question named as such ends the answer.
        assert_eq!(role("Question 3").role, Role::Question);
    }

    #[test]
    fn as_follows_quotes_only_the_law_or_guidance() {
        assert!(introduces_quote("Section 12 of the Act is as follows:"));
        assert!(introduces_quote("The ICO guidance clearly states:"));
        assert!(!introduces_quote(
            "Our DMA scores for 2024 were as follows:"
        ));
    }

    #[test]
    fn markers_same_line_and_next_line() {
        let text = "REQUEST & OUR RESPONSE:\nREQUEST:\n1. What is your spend?\nFY 2023/2024 (£): OUR RESPONSE: £13,107,000.\nDEFINITION: include staff.\n2. DMA?\nOUR RESPONSE: exempt under Section 22 which states:\nSection 22\n(1) Information is exempt\n3. HIMSS?\nOUR RESPONSE: Not applicable.";
        let ls = lines(text);
        let roles = assign_roles(&ls);
        let role = |needle: &str| {
            let i = ls.iter().position(|l| l.text.contains(needle)).unwrap();
            roles[i]
        };
        assert_eq!(role("REQUEST & OUR").role, Role::Question);
        let fy = role("FY 2023");
        assert_eq!(fy.role, Role::Answer);
        assert!(text[fy.answer_from..].starts_with(" £13,107,000."));
        assert_eq!(role("DEFINITION").role, Role::Question);
        let heading = ls.iter().position(|l| l.text == "Section 22").unwrap();
        assert_eq!(roles[heading].role, Role::Answer);
        assert!(roles[heading].quoted);
        assert!(role("(1) Information").quoted);
        assert_eq!(role("3. HIMSS").role, Role::Question);
        assert_eq!(role("Not applicable").role, Role::Answer);
    }

    #[test]
    fn wrapped_answers_in_a_two_column_table_are_continuations() {
        let text = "Question\tResponse\nIT Staff\t£6,167,000\nSoftware\tWe are unable to answer this as we do not hold the information you have\nServices\trequested in a reportable format.\nHardware\tWhen information is not in a reportable format\nCommunication Equipment\tThe ICO guidance clearly states \"FOIA only applies\".";
        let ls = lines(text);
        let roles = assign_roles(&ls);
        let flags: Vec<bool> = roles.iter().map(|r| r.continuation).collect();
        assert_eq!(flags, [false, false, false, true, false, true]);
        assert_eq!(roles[1].role, Role::Answer);
        assert_eq!(&text[roles[1].answer_from..roles[1].answer_from + 2], "£");
    }

    #[test]
    fn requester_voice() {
        assert!(is_requester_voice("If not held, please say so."));
        assert!(is_requester_voice("Please provide your overall DMA score"));
        assert!(!is_requester_voice(
            "The Trust does not hold this information."
        ));
        assert!(!is_requester_voice(
            "Please note this information is exempt under section 22."
        ));
    }
}
