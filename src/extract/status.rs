//! What a reply did with the DMA and HIMSS questions when it gave no figure: withheld under an
//! exemption, not held, not assessed — read from the trust's own answer to that question, never
//! from the request restated in the reply ("If not held, please say so") or from quoted Act text.

use super::answers::{self, Role};
use super::doc::Doc;
use super::exemptions::Applied;
use super::topics::Topic;
use regex::Regex;
use std::sync::OnceLock;

/// Evidence of each kind of non-answer for one topic (cleaned-text ranges).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Signals {
    pub exempt: Option<(usize, usize)>,
    pub not_assessed: Option<(usize, usize)>,
    pub not_held: Option<(usize, usize)>,
}

fn not_held_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)\bnot\s+(?:currently\s+|centrally\s+|routinely\s+)?held\b|\bdo(?:es)?\s*(?:not|n't)\s+(?:currently\s+|centrally\s+|routinely\s+)?hold\b|\bholds?\s+no\b|\bno\s+(?:recorded\s+)?information\s+(?:is\s+)?held\b|\bnot\s+(?:formally\s+)?recorded\b|\bnot\s+in\s+a\s+reportable\s+format\b|\bnot\s+known\b|\bnot\s+(?:readily\s+)?(?:available|retrievable)\b",
        )
        .expect("not held regex")
    })
}

fn not_assessed_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)\bnot\s+applicable\b|\bnon[\s-]?applicable\b|^\W*n/?a\W*$|[:\-–\t]\s*n/a\W*$|\bno\s+(?:formal\s+|current\s+|recent\s+|external\s+)?(?:HIM{1,2}SS\s+)?(?:EMRAM\s+|INFRAM\s+|DMA\s+|digital\s+maturity\s+)?(?:assessments?|validations?|accreditations?|scores?|stages?|ratings?)\b|\bnot\s+(?:yet\s+|been\s+|formally\s+|currently\s+|externally\s+)*(?:assessed|validated|accredited|measured|undertaken|completed|participated|participating|submitted|scored|rated|signed\s+up)\b|\bha(?:ve|s)\s*(?:not|n't)\s+(?:yet\s+|formally\s+|previously\s+|ever\s+|currently\s+)*(?:had|looked|undertaken|completed|participated|been|carried\s+out|done|submitted|engaged|signed\s+up|used|pursued|sought|received|achieved)\b|\bdo(?:es)?\s*(?:not|n't)\s+(?:currently\s+)?(?:use|participate|subscribe|undertake|take\s+part|engage|measure|have\s+(?:a|an|any)\s+(?:HIM{1,2}SS|EMRAM|INFRAM|formal|current|DMA))\b|\bnever\s+(?:been\s+)?(?:assessed|undertaken|participated|completed)\b|\bnot\s+(?:a\s+)?(?:HIM{1,2}SS|EMRAM)\s+(?:member|participant|customer)\b|\bno\s+plans\s+to\s+undertake\b|\bno\s+(?:HIM{1,2}SS\s+)?(?:EMRAM|INFRAM)(?:\s+(?:or|and|/)\s+(?:INFRAM|EMRAM))?\s+(?:stages?|scores?|assessments?|validations?|ratings?)\b",
        )
        .expect("not assessed regex")
    })
}

fn exempt_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(r"(?i)\bexempt\b|\bexemptions?\s+(?:applies|applied|under)\b|\bwithheld\b|\bwithhold(?:ing)?\b|\brefus(?:e|ed|ing)\b")
            .expect("exempt regex")
    })
}

fn negated_exempt_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(r"(?i)\b(?:not|n't)\s+(?:\w+\s+){0,2}?(?:exempt|withh|refus)")
            .expect("negated exempt regex")
    })
}

/// Read the answer text of `topic` for refusal / absence wording.
pub fn signals(doc: &Doc<'_>, topic: Topic, applied: &[Applied]) -> Signals {
    let mut s = Signals::default();
    for a in applied {
        // A citation in a paragraph of its own is about the topic that paragraph names.
        let about = doc.topic(a.line).or_else(|| doc.paragraph_topic(a.line));
        if about == Some(topic) && s.exempt.is_none() {
            s.exempt = Some((a.start, a.end));
        }
    }
    for i in 0..doc.lines.len() {
        if doc.topic(i) != Some(topic) || doc.roles[i].quoted {
            continue;
        }
        if !matches!(doc.roles[i].role, Role::Answer | Role::Neutral) {
            continue;
        }
        let Some((from, to)) = doc.answer_part(i) else {
            continue;
        };
        for (a, b) in doc.sentences(from, to) {
            let sentence = &doc.text[a..b];
            if answers::is_requester_voice(sentence)
                && !sentence.to_ascii_lowercase().contains("please note")
            {
                continue;
            }
            let hit = |re: &Regex| re.find(sentence).map(|m| (a + m.start(), a + m.end()));
            if s.not_assessed.is_none() {
                s.not_assessed = hit(not_assessed_regex());
            }
            if s.not_held.is_none() {
                s.not_held = hit(not_held_regex());
            }
            if s.exempt.is_none() && !negated_exempt_regex().is_match(sentence) {
                s.exempt = hit(exempt_regex());
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::super::normalise::Normalised;
    use super::*;

    fn himss(text: &str) -> Signals {
        let n = Normalised::new(text);
        let d = Doc::new(&n);
        signals(&d, Topic::Himss, &[])
    }

    #[test]
    fn dudley_and_lpt_himss_answers_are_not_assessed() {
        let s = himss("Which HIMSS EMRAM score have your Trust currently achieved (0-7):\tnon-applicable as we haven't had a formal EMRAM assessment\n");
        assert!(s.not_assessed.is_some());
        // "EMRAM – N/A" under a HIMSS heading: the label, then "N/A".
        let s = himss("3. HIMSS EMRAM / INFRAM\n\nEMRAM – N/A\nINFRAM – N/A\n");
        assert!(s.not_assessed.is_some());
        let s = himss("3. Based on your most recent HIMSS EMRAM assessment:\nOUR RESPONSE: Not applicable - no HIMSS assessment and no plans to undertake.\n");
        assert!(s.not_assessed.is_some());
        assert!(s.exempt.is_none());
    }

    #[test]
    fn not_known_is_not_held() {
        let s = himss("3. HIMSS EMRAM stage?\nThe Trust's EMRAM stage is not known.\n");
        assert!(s.not_held.is_some());
        assert!(s.not_assessed.is_none());
    }

    #[test]
    fn the_request_restated_is_not_an_answer() {
        let s =
            himss("3. Which HIMSS EMRAM stage have you achieved? If not held, please say so.\n");
        assert_eq!(s, Signals::default());
    }
}
