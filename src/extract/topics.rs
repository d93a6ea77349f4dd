//! Which question a piece of text is about: IT spend, the Digital Maturity Assessment, or HIMSS.
//!
//! A reply to the July 2025 round-robin has three parts, and the same digit means different
//! things in each (a "3" is a DMA score in one and an EMRAM stage in another; an amount in the
//! HIMSS answer is an EPR budget, not IT spend). Topics are read from keywords; a *section*
//! switches only on a question or heading line, so an answer that mentions another topic in
//! passing does not move the section.

use regex::Regex;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Topic {
    Spend,
    Dma,
    Himss,
}

fn topic_regexes() -> &'static [(Topic, Regex); 3] {
    static RES: OnceLock<[(Topic, Regex); 3]> = OnceLock::new();
    RES.get_or_init(|| {
        let re = |p: &str| super::rx::compile(p).expect("topic regex");
        [
            (
                Topic::Spend,
                re(r"(?i)\b(?:it|ict|im&t|im\s*&\s*t|imt|digital|technology|information\s+technology)\s+(?:spend|spending|expenditure|budgets?|costs)\b|\bspend(?:ing)?\s+on\s+(?:it|ict|im&t|digital|technology)\b|\btotal\s+(?:it\s+)?spend\b|\bwhole\s+trust'?s?\s+(?:it\s+)?spend"),
            ),
            (
                Topic::Dma,
                re(r"(?i)\bdigital\s+maturity\b|\bDMA\b|\bpillars?\b|\bwhat\s+good\s+looks\s+like\b|\bWGLL\b"),
            ),
            (
                Topic::Himss,
                re(r"(?i)\bHIM{1,2}SS\b|\bEMRAM\b|\bINFRAM\b|\belectronic\s+medical\s+record\s+adoption\b|\binfrastructure\s+adoption\s+model\b"),
            ),
        ]
    })
}

/// The one topic `text` mentions, or `None` when it mentions none or several.
pub fn local_topic(text: &str) -> Option<Topic> {
    // One pass for the three topics.
    static SET: OnceLock<regex::RegexSet> = OnceLock::new();
    let set = SET.get_or_init(|| {
        let sources: Vec<&str> = topic_regexes().iter().map(|(_, re)| re.as_str()).collect();
        regex::RegexSet::new(sources).expect("topic regex set")
    });
    let hits = set.matches(text);
    let mut found = hits.iter();
    match (found.next(), found.next()) {
        (Some(k), None) => Some(topic_regexes()[k].0),
        _ => None,
    }
}

/// True when `text` mentions `topic`.
pub fn mentions(text: &str, topic: Topic) -> bool {
    topic_regexes()
        .iter()
        .any(|(t, re)| *t == topic && re.is_match(text))
}

/// A line that asks something or heads a part of the reply: numbered ("1.", "Q2", "b)"), ends in
/// "?" or ":", asks ("please provide", "what is", "which"), or is a short heading.
pub fn is_question_like(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)^\s*(?:[•*-]\s*)?(?:q(?:uestion)?\s*\d{1,2}|\(?\d{1,2}[a-z]?[.)]|\(?[a-h][.)]|\([a-h]\)|\(?[ivx]{1,4}[.)])\s|\?|\bplease\s+(?:provide|confirm|state|supply|advise|detail|list|indicate)|^\s*(?:[•*-]\s*)?(?:(?:q(?:uestion)?\s*)?\(?(?:\d{1,2}[a-z]?|[a-h]|[ivx]{1,4})[.)]\s+)?(?:what|which|how\s+much|how\s+many|do\s+you|does\s+the\s+trust|has\s+the\s+trust|have\s+you|could\s+you|can\s+you|is\s+the\s+trust)\b|\bbased\s+on\s+your\b|^\s*(?:request|question)\s*\d*\s*[:.-]",
        )
        .expect("question regex")
    });
    // "> 1. What is ..." in a quoted e-mail asks just the same.
    let t = text.trim().trim_start_matches(['>', ' ', '\t']).trim();
    if t.is_empty() {
        return false;
    }
    // A line ending in ":" asks or heads something, unless it is a long sentence introducing a
    // quotation ("... refused under section 12, which states:").
    if re.is_match(t) || (t.ends_with(':') && t.split_whitespace().count() <= 24) {
        return true;
    }
    is_heading(t)
}

/// A line that *asks* (rather than a numbered answer or a heading): a "?", the request's wording
/// ("please provide", "what is", "your Trust"), or a short line ending in ":".
pub fn asks(text: &str) -> bool {
    let t = text.trim().trim_start_matches(['>', ' ', '\t']).trim();
    !t.is_empty() && (asks_in_words(t) || (t.ends_with(':') && t.split_whitespace().count() <= 24))
}

/// A line whose *wording* asks: a "?", "please provide", "what is", "your Trust". (Not a short
/// line ending in ":", which in an answer introduces the figures: "2) Our scores were:".)
pub fn asks_in_words(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)\?|\bplease\s+(?:provide|confirm|state|supply|advise|detail|list|indicate)|^\s*(?:[•*-]\s*)?(?:(?:q(?:uestion)?\s*)?\(?(?:\d{1,2}[a-z]?|[a-h]|[ivx]{1,4})[.)]\s+)?(?:what|which|how\s+much|how\s+many|do\s+you|does\s+the\s+trust|has\s+the\s+trust|have\s+you|could\s+you|can\s+you|is\s+the\s+trust)\b|\bbased\s+on\s+your\b|\byour\s+(?:whole\s+)?(?:trust|organisation|overall|most\s+recent)\b|\bif\s+readily\s+available\b",
        )
        .expect("asks regex")
    });
    re.is_match(text.trim().trim_start_matches(['>', ' ', '\t']).trim())
}

/// A short title line: a few words, no sentence punctuation, no figures (a year or a question
/// number such as "Question 2" or "Q1" aside).
pub fn is_heading(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let figure = |w: &&str| {
        let digits: String = w.chars().filter(|c| c.is_ascii_digit()).collect();
        let year = digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
        let numbering = digits.len() <= 2
            && w.trim_end_matches(['.', ')', ':'])
                .trim_start_matches(['Q', 'q', '('])
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase() && c < 'i');
        !digits.is_empty() && !year && !numbering
    };
    // "EMRAM – N/A", "INFRAM: None": a label and its one-word answer, not a title.
    let short_answer = words.len() >= 2 && {
        let last = words[words.len() - 1].trim_end_matches(['.', '!']);
        let before = words[words.len() - 2];
        matches!(
            last.to_ascii_lowercase().as_str(),
            "n/a" | "none" | "nil" | "no" | "yes"
        ) && (before.ends_with([':', '-', '–', '—']) || matches!(before, "-" | "–" | "—"))
    };
    (1..=8).contains(&words.len())
        && !short_answer
        && !t.ends_with(['.', ',', ';'])
        && !t.contains('£')
        && !words.iter().any(figure)
        && t.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(|c| c.is_uppercase())
}

/// The complaints / sign-off boilerplate that ends a reply: nothing after it answers a question.
pub fn is_closing(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)^\s*(?:if\s+you\s+are\s+(?:dissatisfied|unhappy|not\s+(?:happy|satisfied))|if\s+you\s+(?:have\s+any|require)\s+(?:further|queries|questions)|yours\s+(?:sincerely|faithfully)|kind\s+regards|best\s+regards|should\s+you\s+(?:disagree|be\s+dissatisfied|wish\s+to\s+complain)|you\s+have\s+the\s+right\s+to\s+(?:request|ask|complain|appeal)|complaints?\s+procedure|right\s+(?:of|to)\s+(?:appeal|complain)|internal\s+review|copyright|re-?use\s+of\s+(?:public\s+sector\s+)?information)",
        )
        .expect("closing regex")
    });
    re.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_from_the_round_robin_questions() {
        assert_eq!(
            local_topic("1. What is your whole Trust's IT spend for the following financial year?"),
            Some(Topic::Spend)
        );
        assert_eq!(
            local_topic("Based on your most recent Digital Maturity Assessment (DMA) submission"),
            Some(Topic::Dma)
        );
        assert_eq!(
            local_topic("Which HIMSS EMRAM score have your Trust currently achieved (0-7):"),
            Some(Topic::Himss)
        );
        assert_eq!(local_topic("RE: IT spend, DMA and HIMSS"), None);
        assert_eq!(local_topic("Well Led\t4.3"), None);
    }

    #[test]
    fn question_lines_and_headings() {
        assert!(is_question_like(
            "2. Based on your most recent Digital Maturity"
        ));
        assert!(is_question_like("FY 2023/2024 (£):"));
        assert!(is_question_like("Digital Maturity Assessment"));
        assert!(is_question_like(
            "Digital Maturity Assessment 2025 - pillar scores"
        ));
        assert!(is_question_like("Question 1 - IT spend"));
        assert!(is_question_like(
            "> 3. Based on your most recent HIMSS EMRAM"
        ));
        assert!(!is_question_like("Well Led 3.2"));
        assert!(is_question_like(
            "b) If readily available, the individual scores"
        ));
        assert!(!is_question_like(
            "The Trust does not hold this information."
        ));
        assert!(!is_question_like("Well Led 4.3"));
    }

    #[test]
    fn closing_boilerplate() {
        assert!(is_closing(
            "If you are dissatisfied with our response, you have"
        ));
        assert!(is_closing("Yours sincerely"));
        assert!(!is_closing("The Trust is not dissatisfied"));
    }
}
