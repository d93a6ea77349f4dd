//! Numbers that are never values: the parts of a reply that contain digits but are not answers.
//!
//! FOI replies restate the request ("on a scale of 1.0 to 5.0", "(0-7)"), quote the Act
//! ("Section 22 (1)(a)"), number their questions ("1.", "a)", "Q3"), and carry dates, phone
//! numbers, postcodes, references and URLs. Any of those digits could be mistaken for a DMA
//! score, a HIMSS stage or an amount. [`Masks::new`] finds them once, over the whole cleaned text,
//! and every extractor asks [`Masks::covers`] before it accepts a number.

use regex::{Regex, RegexSet};
use std::sync::OnceLock;

/// Sorted, merged byte ranges of cleaned text that hold no values.
#[derive(Clone, Debug, Default)]
pub struct Masks {
    ranges: Vec<(usize, usize)>,
}

impl Masks {
    /// Find every masked range in `text` (cleaned). Linear in the text length: each pattern is a
    /// single regex pass.
    pub fn new(text: &str) -> Masks {
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        // One pass finds which patterns occur at all; only those are then scanned for ranges.
        let (set, res) = patterns();
        for k in set.matches(text).iter() {
            for m in res[k].find_iter(text) {
                ranges.push((m.start(), m.end()));
            }
        }
        enumerator_ranges(text, &mut ranges);
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
        for (s, e) in ranges {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        Masks { ranges: merged }
    }

    /// True when any byte of `start..end` is masked.
    pub fn covers(&self, start: usize, end: usize) -> bool {
        let i = self.ranges.partition_point(|r| r.1 <= start);
        self.ranges.get(i).is_some_and(|r| r.0 < end.max(start + 1))
    }

    /// The masked ranges overlapping `start..end`, clipped to it.
    pub fn within(&self, start: usize, end: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let i = self.ranges.partition_point(|r| r.1 <= start);
        self.ranges[i..]
            .iter()
            .take_while(move |r| r.0 < end)
            .map(move |r| (r.0.max(start), r.1.min(end)))
    }

    /// `text[start..end]` with masked bytes replaced by spaces (same length, so offsets hold).
    pub fn blank_out(&self, text: &str, start: usize, end: usize) -> String {
        let mut s: Vec<u8> = text.as_bytes()[start..end].to_vec();
        for (a, b) in self.within(start, end) {
            for byte in &mut s[a - start..b - start] {
                // Only ASCII bytes are replaced so the result stays valid UTF-8.
                if byte.is_ascii() {
                    *byte = b' ';
                }
            }
        }
        String::from_utf8(s).unwrap_or_default()
    }
}

fn patterns() -> &'static (RegexSet, Vec<Regex>) {
    static RES: OnceLock<(RegexSet, Vec<Regex>)> = OnceLock::new();
    RES.get_or_init(|| {
        let num = r"\d+(?:\.\d+)?";
        let month = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
        let sources = [
            // Scales: "on a scale of 1.0 to 5.0", "scale 1-5", "scored from 1.0 (least mature) to
            // 5.0 (most mature)", "from stage 0 to stage 7", "(0-7)", "1 to 5 scale", "out of 5".
            format!(r"(?i)\bscale\s+(?:of\s+)?(?:from\s+)?{num}\s*(?:-|to|and)\s*{num}"),
            format!(
                r"(?i)\bfrom\s+(?:stages?\s+|levels?\s+)?(?:{num}|zero|one)\s*(?:\([^)\n]{{0,40}}\)\s*)?(?:-|to)\s*(?:stages?\s+|levels?\s+)?{num}(?:\s*\([^)\n]{{0,40}}\))?"
            ),
            format!(r"(?i)\(\s*(?:stages?\s+|levels?\s+)?{num}\s*(?:-|to)\s*{num}\s*\)"),
            format!(r"(?i)\b{num}\s*(?:-|to)\s*{num}\s*(?:point\s+)?scale"),
            format!(r"(?i){num}\s*\((?:least|most|lowest|highest|low|high)\b[^)\n]{{0,30}}\)"),
            format!(r"(?i)\bout\s+of\s+{num}"),
            format!(r"(?i)\b(?:between|range\s+of)\s+{num}\s*(?:and|to|-)\s*{num}"),
            format!(
                r"(?i)\b(?:stages?|levels?)\s+{num}\s*(?:-|to)\s*(?:stages?\s+|levels?\s+)?{num}"
            ),
            // Sections of the Act and their sub-sections: "Section 22 (1)(a)", "s.43(2)",
            // "sections 21 and 22", "Regulation 12(4)(a)", and the bare "(1)"/"(a)" that open
            // quoted sub-sections.
            r"(?i)(?:\b(?:sections?|regulations?|reg\.?|paragraph|para\.?|article|schedule)[ \t]*|(?:^|[\s(\[,;])s\.?[ \t]?)\d+[a-z]?(?:\s*\(\s*[0-9a-z]{1,4}\s*\))*(?:\s*(?:,|and|or|&)\s*\d+[a-z]?(?:\s*\(\s*[0-9a-z]{1,4}\s*\))*)*".to_string(),
            r"(?m)^[\t ]*\(\s*\d{1,2}\s*\)".to_string(),
            r"\(\s*\d{1,2}\s*\)\s*\(\s*[a-z]{1,3}\s*\)".to_string(),
            // Acts and years of Acts: "Freedom of Information Act 2000", "Data Protection Act 2018".
            r"(?i)\bact\s+\d{4}\b".to_string(),
            // Dates: 26.9.25, 26/09/2025, 2025-09-26, 26 September 2025, September 26, 2025,
            // 1st April 2023, March 2024; times 10:30.
            r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b".to_string(),
            r"\b\d{4}-\d{2}-\d{2}\b".to_string(),
            format!(r"(?i)\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{month}\.?,?\s+\d{{2,4}}\b"),
            format!(r"(?i)\b\d{{1,2}}(?:st|nd|rd|th)?\s+{month}\b\.?"),
            format!(r"(?i)\b{month}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"),
            format!(r"(?i)\b{month}\.?\s+\d{{4}}\b"),
            r"\b\d{1,2}:\d{2}(?::\d{2})?\b".to_string(),
            // Phone numbers: 0303 123 1113, 01384 456111, +44 (0)20 7946 0000, 0800-123-456.
            r"(?:\+44\s*(?:\(0\)\s*)?|\b0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b".to_string(),
            r"(?i)\b(?:tel|telephone|phone|fax|mob(?:ile)?|ext(?:ension)?)\.?\s*(?:no\.?|number)?\s*[:.]?\s*[+\d][\d ()-]{3,20}".to_string(),
            // UK postcodes: DY1 2HQ, SK9 5AF, LE1 5WW.
            r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b".to_string(),
            // URLs and e-mail addresses.
            r"(?i)\b(?:https?://|www\.)\S+".to_string(),
            r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+".to_string(),
            // References: "Ref: FOI-072025-0001722", "Our ref 2025/123", "FOI 12345".
            r"\b(?i:ref(?:erence)?|case|request)\s*(?i:no\.?|number|id)?\s*[:#.]?\s*(?:[A-Z]{1,6}[-/ ]?)?\d[\w/-]*".to_string(),
            r"(?i)\bFOI[A-Z]?[\s/_-]*\d[\w/-]*".to_string(),
            // Counts of things: "7 pillars", "47 domains", "18 hours", "20 working days", "12%".
            format!(
                r"(?i)(?:^|[^\d,.£\w]){num}\x20?(?:%|per\x20?cent\b|pillars?\b|domains?\b|stages?\b|levels?\b|hours?\b|days?\b|working\x20days\b|weeks?\b|months?\b|years?\b|staff\b|people\b|wte\b|fte\b|posts?\b|questions?\b|points?\b|trusts?\b|sites?\b|hospitals?\b|beds?\b)"
            ),
            // "Version 2.1", "v1.0", "ISO 27001", "NHS number".
            format!(r"(?i)\b(?:version|v)\s*{num}\b"),
            r"(?i)\b(?:iso|bs|en)\s*\d+".to_string(),
            // Numbering inside a line: "... 3.4 2) Ensure Smart Foundations", "(b) Safe Practice".
            r"(?:^|[\s;,])\(?\d{1,2}\)[ \t]+[A-Z]".to_string(),
            // "Top 10", "No. 5", "number 3", "page 2", "item 4", "appendix 1", "table 2", "note 1".
            format!(
                r"(?i)\b(?:top|no\.|number|page|item|appendix|annex|table|figure|fig\.|note|question|q|part|point|step|phase|tranche|wave|year|tier|band|pillar|domain|theme|objective|priority|principle|standard|criterion|outcome)[ \t]?{num}\b"
            ),
        ];
        let set = super::rx::compile_set(&sources).expect("mask regex set");
        let res = sources
            .iter()
            .map(|p| super::rx::compile(p).expect("mask regex"))
            .collect();
        (set, res)
    })
}

/// Question numbering at the start of a line or cell: "1.", "2)", "Q3", "3a.", "a)", "(b)",
/// "iv)", "2.1 " followed by words. A number that ends the line on its own is not an enumerator
/// (it is an answer).
fn enumerator_ranges(text: &str, out: &mut Vec<(usize, usize)>) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(
            r"(?mi)(?:^|\t|\|)[\t •*>-]*(?:q(?:uestion)?\s*\d{1,2}[a-z]?[.):]?|\(?\d{1,2}[a-z]?(?:\.\d{1,2})?[.):]|\(?[a-z][.)]|\([a-z]\)|\(?[ivx]{1,4}[.)])[\t ]+[A-Za-z(\x22']",
        )
        .expect("enumerator regex")
    });
    for m in re.find_iter(text) {
        // Mask the enumerator itself, not the first letter of the question after it.
        out.push((m.start(), m.end().saturating_sub(1)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str, needle: &str) -> bool {
        let m = Masks::new(text);
        let i = text.find(needle).expect("needle");
        m.covers(i, i + needle.len())
    }

    #[test]
    fn scale_text_is_masked() {
        let t = "A) Your overall DMA score (on a scale of 1.0 to 5.0).\t3.1";
        assert!(masked(t, "1.0"));
        assert!(masked(t, "5.0"));
        assert!(!masked(t, "3.1"));
        assert!(masked("achieved (0-7):\t5", "0-7"));
        assert!(!masked("achieved (0-7):\t5", "5"));
        assert!(masked(
            "each scored from 1.0 (least mature) to 5.0 (most mature)",
            "5.0"
        ));
        assert!(masked("scored from stage 0 to stage 7", "7"));
        assert!(masked("3.2 out of 5", "5"));
    }

    #[test]
    fn act_sections_dates_phones_and_counts_are_masked() {
        assert!(masked(
            "exempt under Section 22 (1)(a) of the Act",
            "22 (1)(a)"
        ));
        assert!(masked("(1)         Information is exempt", "(1)"));
        assert!(masked("s.43(2) applies", "43(2)"));
        assert!(masked("Date: 26.9.25", "26.9.25"));
        assert!(masked("on 1 April 2023 we", "1 April"));
        assert!(masked("Tel: 0303 123 1113", "0303 123 1113"));
        assert!(masked("seven pillars or 7 pillars", "7 pillars"));
        assert!(masked("Ref: FOI-072025-0001722", "072025"));
        assert!(masked("Freedom of Information Act 2000", "2000"));
        assert!(!masked("Well Led\t4.3", "4.3"));
    }

    #[test]
    fn question_numbers_are_masked_but_bare_answers_are_not() {
        let t = "1. What is your spend?\n2) Which stage\na) Your overall\n3.1\nQ4 HIMSS\n";
        let m = Masks::new(t);
        let at = |s: &str| t.find(s).unwrap();
        assert!(m.covers(at("1."), at("1.") + 1));
        assert!(m.covers(at("2)"), at("2)") + 1));
        assert!(m.covers(at("a)"), at("a)") + 1));
        assert!(!m.covers(at("3.1"), at("3.1") + 3));
        assert!(m.covers(at("Q4"), at("Q4") + 2));
    }

    #[test]
    fn blank_out_keeps_offsets() {
        let t = "score (on a scale of 1.0 to 5.0): 3.1";
        let m = Masks::new(t);
        let b = m.blank_out(t, 0, t.len());
        assert_eq!(b.len(), t.len());
        assert!(b.ends_with("3.1"));
        assert!(!b.contains("5.0"));
    }
}
