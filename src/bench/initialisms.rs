//! Initialisms NHS bodies are known by ("UHL", "LPT", "DGFT", "GOSH"), generated from their
//! names, ranked by how standard the form is, and the test for whether a query is one.

use super::normalise::raw_words;

/// How an initialism was formed, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Tier {
    /// Initials of every distinguishing word plus the body's own suffix ("UHL", "LPT", "DGFT").
    Canonical,
    /// A form people commonly use that drops or adds words: "University"/"Teaching" dropped
    /// ("MFT", "WMAS"), a "for ..." clause cut ("GOSH"), "and"/"of" kept ("SaTH", "CoCH").
    Variant,
    /// A foundation trust written with a plain trust's suffix ("GSTT" for an FT): rare usage.
    Suffix,
}

/// Initialisms an organisation is known by, generated from one of its names: "University
/// Hospitals of Leicester NHS Trust" → UHL, UHLT; "The Dudley Group NHS Foundation Trust" → DGFT;
/// "Great Ormond Street Hospital for Children" → GOSH (loose); "Shrewsbury and Telford Hospital"
/// → STH, SATH (loose).
pub(super) fn initialisms(name: &str, is_icb: bool) -> Vec<(String, Tier)> {
    let mut words = raw_words(name);
    // "NATIONAL HEALTH SERVICE TRUST" is "NHS TRUST".
    if let Some(p) = words
        .windows(3)
        .position(|w| w == ["NATIONAL", "HEALTH", "SERVICE"])
    {
        words.splice(p..p + 3, ["NHS".to_string()]);
    }
    let foundation = words.iter().any(|w| w == "FOUNDATION");
    let drop: &[&str] = if is_icb {
        &["NHS", "INTEGRATED", "CARE", "BOARD", "THE"]
    } else {
        &["NHS", "FOUNDATION", "TRUST", "THE"]
    };
    let content: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !drop.contains(w))
        .collect();
    let stop = ["AND", "OF", "FOR", "UPON", "ON", "IN", "AT"];
    let initials = |ws: &[&str]| -> String { ws.iter().filter_map(|w| w.chars().next()).collect() };

    let mut variants: Vec<(String, Tier)> =
        vec![(initials(&without(&content, &stop)), Tier::Canonical)];
    variants.push((initials(&content), Tier::Variant));
    // "Manchester University" is "MFT", but "University Hospitals Dorset" is never "HDFT": the
    // qualifier is dropped only after the first word.
    if let Some((first, rest)) = content.split_first() {
        let mut shorter = vec![*first];
        shorter.extend(without(
            rest,
            &[&stop[..], &["UNIVERSITY", "TEACHING"]].concat(),
        ));
        variants.push((initials(&without(&shorter, &stop)), Tier::Variant));
    }
    if let Some(p) = content.iter().position(|w| *w == "FOR") {
        variants.push((initials(&without(&content[..p], &stop)), Tier::Variant));
    }

    let mut out: Vec<(String, Tier)> = Vec::new();
    let mut push = |s: String, tier: Tier| {
        if s.len() >= 3 && !out.iter().any(|(o, t)| *o == s && *t <= tier) {
            out.retain(|(o, _)| *o != s);
            out.push((s, tier));
        }
    };
    for (i, tier) in variants {
        if i.is_empty() {
            continue;
        }
        push(i.clone(), tier);
        if is_icb {
            push(format!("{i}ICB"), tier);
        } else if foundation {
            push(format!("{i}FT"), tier);
            push(format!("{i}T"), Tier::Suffix);
        } else {
            push(format!("{i}T"), tier);
        }
    }
    if is_icb {
        // ICB initials are short place codes ("BLMK", "BSW") that trusts share: never canonical.
        for o in &mut out {
            o.1 = o.1.max(Tier::Variant);
        }
    }
    out
}

fn without<'a>(words: &[&'a str], skip: &[&str]) -> Vec<&'a str> {
    words
        .iter()
        .copied()
        .filter(|w| !skip.contains(w))
        .collect()
}

/// The query as an initialism: one word of 3–8 letters once "NHS", "Trust", "FT" are removed.
pub(super) fn lone_abbreviation(query: &str) -> Option<String> {
    let words = raw_words(query);
    if words.len() > 4 {
        return None;
    }
    let rest: Vec<&String> = words
        .iter()
        .filter(|w| !["NHS", "TRUST", "FOUNDATION", "THE", "ICB"].contains(&w.as_str()))
        .collect();
    match rest.as_slice() {
        [w] if (3..=8).contains(&w.len()) && w.chars().all(|c| c.is_ascii_alphabetic()) => {
            // "UHL NHS Trust" is written "UHLT" nowhere, but its own initials are "UHL".
            Some(w.to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn abbrs(name: &str) -> Vec<String> {
        initialisms(name, false)
            .into_iter()
            .map(|(a, _)| a)
            .collect()
    }

    #[test]
    fn initialisms_follow_nhs_usage() {
        let uhl = abbrs("UNIVERSITY HOSPITALS OF LEICESTER NHS TRUST");
        assert!(
            uhl.contains(&"UHL".to_string()) && uhl.contains(&"UHLT".to_string()),
            "{uhl:?}"
        );
        let dudley = abbrs("THE DUDLEY GROUP NHS FOUNDATION TRUST");
        assert!(dudley.contains(&"DGFT".to_string()), "{dudley:?}");
        let lpt = abbrs("LEICESTERSHIRE PARTNERSHIP NHS TRUST");
        assert!(lpt.contains(&"LPT".to_string()), "{lpt:?}");
        assert!(
            abbrs("GREAT ORMOND STREET HOSPITAL FOR CHILDREN NHS FOUNDATION TRUST")
                .contains(&"GOSH".to_string())
        );
        assert!(
            abbrs("THE SHREWSBURY AND TELFORD HOSPITAL NHS TRUST").contains(&"SATH".to_string())
        );
        assert!(
            abbrs("PORTSMOUTH HOSPITALS UNIVERSITY NATIONAL HEALTH SERVICE TRUST")
                .contains(&"PHUT".to_string())
        );
    }

    #[test]
    fn canonical_initials_of_one_trust_are_loose_for_another() {
        // Leicestershire Partnership NHS Trust is "LPT"; Lincolnshire Partnership NHS Foundation
        // Trust is "LPFT" and only loosely "LPT".
        let leics = initialisms("LEICESTERSHIRE PARTNERSHIP NHS TRUST", false);
        let lincs = initialisms("LINCOLNSHIRE PARTNERSHIP NHS FOUNDATION TRUST", false);
        assert!(leics.contains(&("LPT".to_string(), Tier::Canonical)));
        assert!(lincs.contains(&("LPT".to_string(), Tier::Suffix)));
        assert!(lincs.contains(&("LPFT".to_string(), Tier::Canonical)));
    }

    #[test]
    fn a_query_is_an_initialism_when_one_short_word_is_left() {
        assert_eq!(lone_abbreviation("UHL NHS Trust").as_deref(), Some("UHL"));
        assert_eq!(lone_abbreviation("Dudley Group"), None);
        assert_eq!(lone_abbreviation("A1"), None);
    }
}
