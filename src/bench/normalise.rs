//! Normalising organisation names and postcodes so that the spellings found in FOI replies
//! ("Dudley Group FT", "Guy's & St Thomas'", "Leics Partnership NHS Trust") compare equal to the
//! workbook's and the ODS list's ("THE DUDLEY GROUP NHS FOUNDATION TRUST", ...).
//!
//! A name becomes a [`NameKey`]: its *core* tokens (the words that tell trusts apart: place names,
//! "Partnership", "Ambulance") plus flags for the organisation-type words that were dropped
//! ("NHS", "Foundation Trust", "ICB"). Every step is linear in the input, and inputs are cut at
//! [`MAX_NAME_CHARS`] characters.

use crate::model::Span;

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

/// A UK postcode starting at byte `i` of `b`: outward code (A9, A99, A9A, AA9, AA99, AA9A), up
/// to two spaces or tabs, inward code (9AA), any letter case. Returns (end, outward, inward).
/// Hand-written rather than a regex so the dataset code carries no regex engine or Unicode
/// tables into the wasm (this runs over whole responses, once per letter that starts a word).
fn postcode_at(text: &str, i: usize) -> Option<(usize, String, String)> {
    let b = text.as_bytes();
    let alpha = |k: usize| b.get(k).is_some_and(u8::is_ascii_alphabetic);
    let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    let letters = if alpha(i) && alpha(i + 1) {
        2
    } else if alpha(i) {
        1
    } else {
        return None;
    };
    let d = i + letters;
    if !digit(d) {
        return None;
    }
    // The outward code may end in one more letter or digit ("SW1A", "DY10"); try the longer
    // form first, then the shorter (the extra digit may start the inward code: "DY12HQ").
    for outward_end in [d + 2, d + 1] {
        if outward_end == d + 2 && !(alpha(d + 1) || digit(d + 1)) {
            continue;
        }
        let mut k = outward_end;
        while k < outward_end + 2 && matches!(b.get(k), Some(b' ' | b'\t')) {
            k += 1;
        }
        if digit(k) && alpha(k + 1) && alpha(k + 2) && !word_char_at(text, k + 3) {
            let up =
                |r: std::ops::Range<usize>| String::from_utf8_lossy(&b[r]).to_ascii_uppercase();
            return Some((k + 3, up(i..outward_end), up(k..k + 3)));
        }
    }
    None
}

/// True when the character starting at byte `k` is a letter or digit (of any script).
fn word_char_at(text: &str, k: usize) -> bool {
    text.get(k..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_alphanumeric)
}

/// True when the character ending just before byte `k` is a letter or digit.
fn word_char_before(text: &str, k: usize) -> bool {
    text.get(..k)
        .and_then(|head| head.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

/// The canonical spelling of a UK postcode ("dy12hq" → "DY1 2HQ"), or `None` if `s` is not one.
pub fn normalise_postcode(s: &str) -> Option<String> {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    match postcode_at(&compact, 0) {
        Some((end, outward, inward)) if end == compact.len() => Some(format!("{outward} {inward}")),
        _ => None,
    }
}

/// Every postcode-shaped string in `text`, with its byte span, canonically spelled. A postcode
/// must stand as its own word ("DY1 2HQ", not "XDY1 2HQ" or "DY1 2HQS").
pub fn find_postcodes(text: &str) -> Vec<(Span, String)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_alphabetic() && !word_char_before(text, i) {
            if let Some((end, outward, inward)) = postcode_at(text, i) {
                out.push((Span::new(i, end), format!("{outward} {inward}")));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
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
        for (text, expected) in [
            ("dy12hq", vec!["DY1 2HQ"]),
            ("SW1A 1AA and M13 9WL", vec!["SW1A 1AA", "M13 9WL"]),
            ("B15  2TG", vec!["B15 2TG"]),
            ("DY10 1AB.", vec!["DY10 1AB"]),
            ("XDY1 2HQ", vec![]),
            ("DY1 2HQS", vec![]),
            ("éDY1 2HQ", vec![]),
            ("West Midlands\u{a0}DY1 2HQ\u{a0}", vec!["DY1 2HQ"]),
            ("•DY1 2HQ–", vec!["DY1 2HQ"]),
            ("FY 2023/24 £16,467,000 A1 BC 12AB", vec![]),
        ] {
            let got: Vec<String> = find_postcodes(text).into_iter().map(|p| p.1).collect();
            assert_eq!(got, expected, "{text:?}");
        }
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
