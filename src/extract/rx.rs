//! Compiling the extraction regexes.
//!
//! A Unicode word boundary (`\b`) stops the regex crate's fast lazy DFA at the first non-ASCII
//! byte, and replies are full of them (`£`, curly quotes, bullets), so every search would fall
//! back to the slow PikeVM. [`compile`] turns `\b` into the ASCII word boundary `(?-u:\b)`.
//! Every boundary in our patterns sits next to an ASCII letter or digit, where the two agree.

use regex::Regex;

/// `RegexSet::new` with ASCII word boundaries.
pub fn compile_set<S: AsRef<str>>(patterns: &[S]) -> Result<regex::RegexSet, regex::Error> {
    regex::RegexSet::new(
        patterns
            .iter()
            .map(|p| p.as_ref().replace(r"\b", r"(?-u:\b)")),
    )
}

/// `Regex::new` with ASCII word boundaries.
pub fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_boundaries_match_like_unicode_ones_next_to_ascii_words() {
        let re = compile(r"(?i)\bstage\s+(\d)\b").unwrap();
        assert_eq!(&re.captures("EMRAM Stage 6 – £5m").unwrap()[1], "6");
        assert!(!re.is_match("backstage 6"));
        let money = compile(r"£\d+\b").unwrap();
        assert_eq!(money.find("cost £450.").unwrap().as_str(), "£450");
    }
}
