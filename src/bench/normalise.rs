//! Normalising organisation names and postcodes so that the spellings found in FOI replies
//! ("Dudley Group FT", "Guy's & St Thomas'", "Leics Partnership NHS Trust") compare equal to the
//! workbook's and the ODS list's ("THE DUDLEY GROUP NHS FOUNDATION TRUST", ...).
//!
//! A name becomes a [`NameKey`]: its *core* tokens (the words that tell trusts apart: place names,
//! "Partnership", "Ambulance") plus flags for the organisation-type words that were dropped
//! ("NHS", "Foundation Trust", "ICB"). Every step is linear in the input, and inputs are cut at
//! [`MAX_NAME_CHARS`] characters.

use crate::model::Span;
use regex::Regex;
use std::sync::OnceLock;

/// Longest name looked at; anything after it is ignored (a name is never this long).
pub const MAX_NAME_CHARS: usize = 300;

/// Most core tokens kept from one name.
const MAX_CORE_TOKENS: usize = 24;

/// Words that say what kind of body it is, not which one.
const TYPE_WORDS: [&str; 5] = ["NHS", "FOUNDATION", "TRUST", "ICB", "THE"];

/// Function words that carry no identity ("University Hospitals *of* Leicester").
const STOP_WORDS: [&str; 9] = ["AND", "OF", "FOR", "UPON", "ON", "IN", "AT", "A", "AN"];

/// Standard abbreviations of English county names as trusts write them ("Leics", "Herts").
const COUNTY_ABBREVIATIONS: [(&str, &str); 22] = [
    ("BEDS", "BEDFORDSHIRE"),
    ("BERKS", "BERKSHIRE"),
    ("BUCKS", "BUCKINGHAMSHIRE"),
    ("CAMBS", "CAMBRIDGESHIRE"),
    ("DERBYS", "DERBYSHIRE"),
    ("GLOS", "GLOUCESTERSHIRE"),
    ("HANTS", "HAMPSHIRE"),
    ("HERTS", "HERTFORDSHIRE"),
    ("LANCS", "LANCASHIRE"),
    ("LEICS", "LEICESTERSHIRE"),
    ("LINCS", "LINCOLNSHIRE"),
    ("NORTHANTS", "NORTHAMPTONSHIRE"),
    ("NOTTS", "NOTTINGHAMSHIRE"),
    ("OXON", "OXFORDSHIRE"),
    ("SHROPS", "SHROPSHIRE"),
    ("STAFFS", "STAFFORDSHIRE"),
    ("WARKS", "WARWICKSHIRE"),
    ("WILTS", "WILTSHIRE"),
    ("WORCS", "WORCESTERSHIRE"),
    ("YORKS", "YORKSHIRE"),
    ("NOTTM", "NOTTINGHAM"),
    ("BHAM", "BIRMINGHAM"), // "B'ham": apostrophes are already dropped by `raw_words`
];

/// Other short forms seen in letterheads and signatures.
const WORD_ABBREVIATIONS: [(&str, &str); 8] = [
    ("SAINT", "ST"),
    ("UNIV", "UNIVERSITY"),
    ("UNI", "UNIVERSITY"),
    ("HOSP", "HOSPITAL"),
    ("HOSPS", "HOSPITAL"),
    ("CTR", "CENTRE"),
    ("CENTER", "CENTRE"),
    ("GRP", "GROUP"),
];

/// A name reduced to what identifies it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameKey {
    /// Distinguishing tokens, upper case, singular, in order, without repeats.
    pub core: Vec<String>,
    /// "NHS Foundation Trust", "NHS FT", "FT" seen.
    pub foundation: bool,
    /// "Trust" seen (with or without "Foundation").
    pub trust: bool,
    /// "Integrated Care Board/System", "ICB" or "ICS" seen.
    pub icb: bool,
}

/// The words of a name, upper case, "&"/"+" spelled "AND", apostrophes dropped ("GUY'S" →
/// "GUYS"), other punctuation as spaces. No substitutions: this is what initialisms are built from.
pub fn raw_words(name: &str) -> Vec<String> {
    let mut cleaned = String::with_capacity(name.len().min(MAX_NAME_CHARS * 4));
    for c in name.chars().take(MAX_NAME_CHARS) {
        match c {
            '&' | '+' => cleaned.push_str(" AND "),
            '\'' | '’' | '‘' | '`' | '´' => {}
            c if c.is_alphanumeric() => cleaned.extend(c.to_uppercase()),
            _ => cleaned.push(' '),
        }
    }
    cleaned.split_whitespace().map(str::to_string).collect()
}

/// Reduce a name to its [`NameKey`].
pub fn name_key(name: &str) -> NameKey {
    let words = expand_words(raw_words(name));
    let mut key = NameKey::default();
    for w in words {
        match w.as_str() {
            "FOUNDATION" => key.foundation = true,
            "TRUST" => key.trust = true,
            "ICB" => key.icb = true,
            w if TYPE_WORDS.contains(&w) || STOP_WORDS.contains(&w) => {}
            _ => {
                let t = stem(&w);
                if !key.core.contains(&t) && key.core.len() < MAX_CORE_TOKENS {
                    key.core.push(t);
                }
            }
        }
    }
    key
}

/// Substitute abbreviations and multi-word type phrases.
fn expand_words(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len() + 4);
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        let next = |k: usize| words.get(i + k).map(String::as_str);
        if w == "NATIONAL" && next(1) == Some("HEALTH") && next(2) == Some("SERVICE") {
            out.push("NHS".into());
            i += 3;
            continue;
        }
        if w == "INTEGRATED"
            && next(1) == Some("CARE")
            && matches!(next(2), Some("BOARD" | "BOARDS" | "SYSTEM" | "SYSTEMS"))
        {
            out.push("ICB".into());
            i += 3;
            continue;
        }
        match w {
            "FT" => out.extend(["FOUNDATION".to_string(), "TRUST".to_string()]),
            "NHSFT" => out.extend(["NHS", "FOUNDATION", "TRUST"].map(String::from)),
            "NHST" => out.extend(["NHS", "TRUST"].map(String::from)),
            "ICS" | "ICB" => out.push("ICB".into()),
            "HEALTHCARE" => out.extend(["HEALTH".to_string(), "CARE".to_string()]),
            _ => {
                let replaced = COUNTY_ABBREVIATIONS
                    .iter()
                    .chain(WORD_ABBREVIATIONS.iter())
                    .find(|(short, _)| *short == w)
                    .map(|(_, long)| long.to_string());
                out.push(replaced.unwrap_or_else(|| w.to_string()));
            }
        }
        i += 1;
    }
    out
}

/// A light singular: "HOSPITALS" → "HOSPITAL", "SERVICES" → "SERVICE", "WOMENS" → "WOMEN".
/// Applied to both sides of every comparison, so over-stemming ("THOMAS" → "THOMA") is harmless.
pub fn stem(word: &str) -> String {
    if word.len() > 3 && word.ends_with('S') && !word.ends_with("SS") {
        word[..word.len() - 1].to_string()
    } else {
        word.to_string()
    }
}

/// True when `a` and `b` differ by at most `max` single-character edits (Levenshtein), in
/// O(len × max) time.
pub fn within_edits(a: &str, b: &str, max: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    // Banded dynamic programme: only cells within `max` of the diagonal can stay <= max.
    let inf = max + 1;
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j.min(inf)).collect();
    for i in 1..=a.len() {
        let mut cur = vec![inf; b.len() + 1];
        cur[0] = i.min(inf);
        let lo = i.saturating_sub(max).max(1);
        let hi = (i + max).min(b.len());
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j - 1] + cost)
                .min(prev[j] + 1)
                .min(cur[j - 1] + 1)
                .min(inf);
        }
        if cur.iter().all(|&v| v > max) {
            return false;
        }
        prev = cur;
    }
    prev[b.len()] <= max
}

fn postcode_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // UK postcode: outward code (A9, A99, A9A, AA9, AA99, AA9A) then inward code (9AA).
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b([A-Z]{1,2}[0-9][A-Z0-9]?)[ \t]{0,2}([0-9][A-Z]{2})\b")
            .expect("postcode regex")
    })
}

/// The canonical spelling of a UK postcode ("dy12hq" → "DY1 2HQ"), or `None` if `s` is not one.
pub fn normalise_postcode(s: &str) -> Option<String> {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() > 8 {
        return None;
    }
    let m = postcode_regex().captures(&compact)?;
    if m.get(0)?.as_str().len() != compact.len() {
        return None;
    }
    Some(format!("{} {}", m[1].to_uppercase(), m[2].to_uppercase()))
}

/// Every postcode-shaped string in `text`, with its byte span, canonically spelled.
pub fn find_postcodes(text: &str) -> Vec<(Span, String)> {
    postcode_regex()
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            Some((
                Span::new(m.start(), m.end()),
                format!("{} {}", c[1].to_uppercase(), c[2].to_uppercase()),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn core(s: &str) -> Vec<String> {
        name_key(s).core
    }

    #[test]
    fn type_words_are_flags_not_tokens() {
        let k = name_key("The Dudley Group NHS Foundation Trust");
        assert_eq!(k.core, vec!["DUDLEY", "GROUP"]);
        assert!(k.foundation && k.trust && !k.icb);
        assert_eq!(name_key("Dudley Group FT"), k);
        assert_eq!(name_key("DUDLEY GROUP NHSFT"), k);
    }

    #[test]
    fn ampersand_saint_apostrophes_and_plurals_compare_equal() {
        assert_eq!(
            core("Guy's & St Thomas' NHS Foundation Trust"),
            core("GUYS AND SAINT THOMAS NHS FOUNDATION TRUST")
        );
        assert_eq!(
            core("University Hospital of Leicester"),
            core("UNIVERSITY HOSPITALS OF LEICESTER")
        );
        assert_eq!(
            core("Leics Partnership"),
            vec!["LEICESTERSHIRE", "PARTNERSHIP"]
        );
        assert_eq!(core("Berkshire Health Care"), core("BERKSHIRE HEALTHCARE"));
    }

    #[test]
    fn icb_spellings_collapse() {
        let a = name_key("NHS Black Country Integrated Care Board");
        let b = name_key("Black Country ICS");
        assert!(a.icb && b.icb);
        assert_eq!(a.core, b.core);
        assert_eq!(
            core("PORTSMOUTH HOSPITALS UNIVERSITY NATIONAL HEALTH SERVICE TRUST"),
            vec!["PORTSMOUTH", "HOSPITAL", "UNIVERSITY"]
        );
    }

    #[test]
    fn postcodes_are_found_and_canonical() {
        assert_eq!(normalise_postcode("dy12hq").as_deref(), Some("DY1 2HQ"));
        assert_eq!(normalise_postcode("SW1A 1AA").as_deref(), Some("SW1A 1AA"));
        assert_eq!(normalise_postcode("2023/24"), None);
        let text = "Russells Hall Hospital Dudley West Midlands DY1 2HQ\nRef: FOI-1";
        let found = find_postcodes(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "DY1 2HQ");
        assert_eq!(found[0].0.text(text), "DY1 2HQ");
    }

    #[test]
    fn bounded_edit_distance() {
        assert!(within_edits("LEICESTER", "LEICSETER", 2));
        assert!(within_edits("DUDLEY", "DUDLY", 1));
        assert!(!within_edits("DUDLEY", "DERBY", 1));
        assert!(!within_edits("A", "ABCDEFG", 2));
    }

    #[test]
    fn huge_names_are_cut() {
        let long = "Dudley ".repeat(10_000);
        assert_eq!(core(&long), vec!["DUDLEY"]);
    }
}
