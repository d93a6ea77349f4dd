//! Names of the things asked for, as replies spell them: spend categories and totals, the seven
//! DMA pillars (with the NHS England data file's aliases), the "overall" score, and the HIMSS
//! models. Matching is case-insensitive and tolerant of hyphens and word order within reason,
//! but never fuzzy: a label either names the field or it does not.

use crate::model::{Pillar, SpendCategory};
use regex::Regex;
use std::sync::OnceLock;

/// What a spend row label names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpendLabel {
    Total,
    Part(SpendCategory),
    /// Capital or revenue alone: a split the contract does not carry.
    Capital,
    Revenue,
    /// A budget, forecast or plan beside the actual spend: not the answer.
    Budget,
}

fn category_regexes() -> &'static [(SpendCategory, Regex); 6] {
    static RES: OnceLock<[(SpendCategory, Regex); 6]> = OnceLock::new();
    RES.get_or_init(|| {
        let re = |p: &str| super::rx::compile(p).expect("category regex");
        [
            (
                SpendCategory::Staff,
                re(r"(?i)\bstaff(?:ing)?\b|\bpay\b|\bsalar(?:y|ies)\b|\bworkforce\b|\bpersonnel\b|\bemployees?\b|\bemployment\b"),
            ),
            (
                SpendCategory::Software,
                re(r"(?i)\bsoftware\b|\blicen[cs]es?\b|\blicen[cs]ing\b|\bapplications?\b"),
            ),
            (SpendCategory::Services, re(r"(?i)\bservices?\b")),
            (
                SpendCategory::Hardware,
                re(r"(?i)\bhardware\b|\bdevices?\b|\bend[\s-]?user\s+(?:computing|devices)\b"),
            ),
            (
                SpendCategory::Communications,
                re(r"(?i)\bcommunications?\b|\btelecom(?:munication)?s?\b|\btelephony\b|\bcomms\b|\bnetworks?(?:ing)?\b|\bconnectivity\b"),
            ),
            (
                SpendCategory::Other,
                re(r"(?i)\bother\b|\bmiscellaneous\b|\bmisc\.?\b|\bsundry\b"),
            ),
        ]
    })
}

/// Categories named in `label`, in contract order.
pub fn categories_in(label: &str) -> Vec<SpendCategory> {
    static SET: OnceLock<regex::RegexSet> = OnceLock::new();
    let set = SET.get_or_init(|| {
        let sources: Vec<&str> = category_regexes()
            .iter()
            .map(|(_, re)| re.as_str())
            .collect();
        regex::RegexSet::new(sources).expect("category regex set")
    });
    let res = category_regexes();
    let mut out: Vec<SpendCategory> = set.matches(label).iter().map(|k| res[k].0).collect();
    // "Communication equipment" is communications, not hardware; "IT services staff" is staff.
    if out.contains(&SpendCategory::Communications) {
        out.retain(|c| *c != SpendCategory::Hardware);
    }
    if out.contains(&SpendCategory::Staff) && out.contains(&SpendCategory::Services) {
        out.retain(|c| *c != SpendCategory::Services);
    }
    // "Other IT spend" next to a named category is still that category's "other".
    out
}

fn total_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)\btotal\b|\bwhole\b|\boverall\b|\bgrand\b|\bcombined\b|\bcapital\s*(?:&|and|\+|/)\s*revenue\b|\brevenue\s*(?:&|and|\+|/)\s*capital\b|\b(?:it|ict|im&t|digital|technology)\s+(?:spend|spending|expenditure|costs?)\b|^\W*(?:spend|expenditure|amount|cost)\W*$",
        )
        .expect("total regex")
    })
}

fn non_it_group_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)\b(?:agency|nursing|nurses?|medical|clinical|locums?|bank|doctors?|midwi\w*|estates?|catering|cleaning|porters?|portering|pharmacy|theatres?)\s+(?:and\s+\w+\s+)?(?:staff(?:ing)?|pay|workforce|personnel|employees?|salar(?:y|ies)|devices?|equipment|services?)\b",
        )
        .expect("non-IT group regex")
    })
}

/// What a spend label names, or `None` if it names nothing we carry (or several categories).
pub fn spend_label(label: &str) -> Option<SpendLabel> {
    // "Agency staff", "nursing pay", "medical devices": a category word naming a part of the
    // trust that is not IT. Nothing we carry, whatever else the label says.
    if non_it_group_regex().is_match(label) {
        return None;
    }
    let lower = label.to_ascii_lowercase();
    // "Non-pay" is everything but staff: not one of our categories.
    let cats = if lower.contains("non-pay") || lower.contains("non pay") {
        Vec::new()
    } else {
        categories_in(label)
    };
    let total = total_regex().is_match(label);
    // "Total revenue spend", "Software (capital)": one side of the capital + revenue split is
    // never the whole figure the request asks for, whatever else the label says.
    let capital = lower.contains("capital");
    let revenue = lower.contains("revenue");
    if capital != revenue {
        return Some(if capital {
            SpendLabel::Capital
        } else {
            SpendLabel::Revenue
        });
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // Column headings "Actual (£)" / "Outturn" beside "Budget (£)" / "Forecast" / "Plan".
    if cats.is_empty() && !words.is_empty() && words.len() <= 4 {
        let only = |set: &[&str]| {
            words.iter().any(|w| set.contains(w))
                && words.iter().all(|w| {
                    set.contains(w) || matches!(*w, "spend" | "it" | "gbp" | "000" | "k" | "m")
                })
        };
        if only(&["actual", "actuals", "outturn"]) {
            return Some(SpendLabel::Total);
        }
        if only(&["budget", "budgeted", "forecast", "plan", "planned"]) {
            return Some(SpendLabel::Budget);
        }
    }
    match cats.as_slice() {
        [one] => {
            // "Total software" is software; "Total (staff, software, ...)" is the total (below).
            Some(SpendLabel::Part(*one))
        }
        [] if total => Some(SpendLabel::Total),
        [_, _, ..] if lower.contains("total") => Some(SpendLabel::Total),
        _ => None,
    }
}

/// `spend_label` for a table row label, which must be made of the request's own vocabulary:
/// a trust's cost centres ("Service Desk", "Clinical Systems", "Network Services") are not the
/// requested categories, even when they share a word with one.
pub fn spend_label_strict(label: &str) -> Option<SpendLabel> {
    let kind = spend_label(label)?;
    if !matches!(kind, SpendLabel::Part(_)) {
        return Some(kind);
    }
    const VOCABULARY: &[&str] = &[
        "it",
        "ict",
        "im",
        "t",
        "imt",
        "digital",
        "technology",
        "information",
        "staff",
        "staffing",
        "pay",
        "salaries",
        "salary",
        "workforce",
        "people",
        "employee",
        "employees",
        "costs",
        "cost",
        "spend",
        "spending",
        "expenditure",
        "total",
        "and",
        "of",
        "on",
        "for",
        "the",
        "in",
        "software",
        "licences",
        "licenses",
        "licence",
        "license",
        "licensing",
        // "Software licences & maintenance", "Hardware support": upkeep of the same thing.
        "maintenance",
        "support",
        "subscriptions",
        "subscription",
        "applications",
        "services",
        "service",
        "managed",
        "contracted",
        "contracts",
        "external",
        "hardware",
        "equipment",
        "devices",
        "device",
        "communication",
        "communications",
        "comms",
        "telecoms",
        "telecommunications",
        "telephony",
        "networks",
        "network",
        "connectivity",
        "other",
        "miscellaneous",
        "misc",
        "sundry",
        "which",
        "gbp",
        "000",
        "k",
        "m",
        "a",
        "including",
        "inc",
        "incl",
        "all",
    ];
    let ok = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            let w = w.to_ascii_lowercase();
            VOCABULARY.contains(&w.as_str()) || w.chars().all(|c| c.is_ascii_digit())
        });
    ok.then_some(kind)
}

/// Words that say a figure is not one of ours: the cost limit of s12, per-hour rates, budgets
/// for projects, percentages of turnover.
pub fn is_non_spend_context(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)appropriate\s+limit|cost\s+limit|per\s+hour|an\s+hour|hourly|fees\s+regulations|\bsection\s+12\b|\b\d+\s+hours\b|\bturnover\b|\bper\s+cent\b|\bpercentage\b|\bincome\b|\bsalary\s+band",
        )
        .expect("non-spend regex")
    });
    re.is_match(text)
}

/// The whole trust's finances ("the Trust's total expenditure was £612m", turnover, income), in a
/// sentence that does not name IT: never IT spend.
pub fn is_whole_trust_finance(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    static IT: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)\b(?:trust'?s?|organisation'?s?)\s+(?:total\s+|overall\s+|annual\s+|operating\s+|whole\s+)?(?:expenditure|budget|income|turnover|costs|spend)\b|\b(?:operating|organisational)\s+(?:expenditure|costs|budget)\b|\bturnover\b|\bincome\b",
        )
        .expect("trust finance regex")
    });
    let it = IT.get_or_init(|| {
        super::rx::compile(r"(?i)\b(?:it|ict|im&t|imt|digital|technology)\b").expect("it regex")
    });
    re.is_match(text) && !it.is_match(text)
}

/// A pillar name found in text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PillarMatch {
    pub pillar: Pillar,
    pub start: usize,
    pub end: usize,
}

fn pillar_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)\b(?:(?P<well_led>well[\s-]*led)|(?P<smart>(?:ensure\s+)?smart\s+foundations?)|(?P<safe>safe\s+practices?)|(?P<people>support\s+(?:our\s+|the\s+)?(?:people|workforce))|(?P<citizens>empower(?:ing)?\s+(?:the\s+)?(?:citizens?|people))|(?P<care>improv(?:e|ing)\s+care)|(?P<pop>healthy\s+populations?))\b",
        )
        .expect("pillar regex")
    })
}

/// Pillar names in `text[start..end]`, with absolute offsets.
pub fn pillars_in(text: &str, start: usize, end: usize) -> Vec<PillarMatch> {
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    pillar_regex()
        .captures_iter(slice)
        .filter_map(|c| {
            let (pillar, m) = [
                ("well_led", Pillar::WellLed),
                ("smart", Pillar::EnsureSmartFoundations),
                ("safe", Pillar::SafePractice),
                ("people", Pillar::SupportPeople),
                ("citizens", Pillar::EmpowerCitizens),
                ("care", Pillar::ImproveCare),
                ("pop", Pillar::HealthyPopulations),
            ]
            .into_iter()
            .find_map(|(name, p)| c.name(name).map(|m| (p, m)))?;
            Some(PillarMatch {
                pillar,
                start: start + m.start(),
                end: start + m.end(),
            })
        })
        .collect()
}

/// Words that introduce the overall DMA score.
pub fn overall_anchors(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(r"(?i)\boverall\b|\baverage\b|\bmean\s+(?:dma\s+)?score\b")
            .expect("overall regex")
    });
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    re.find_iter(slice)
        .map(|m| (start + m.start(), start + m.end()))
        .collect()
}

/// Which HIMSS model a mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HimssModel {
    Emram,
    Infram,
    /// O-EMRAM (outpatients), AMAM, CCMM, DIAM...: not asked for, but a stage after them is
    /// theirs, so they end the reading of the model before them.
    Other,
}

/// EMRAM / INFRAM mentions in `text[start..end]` (not O-EMRAM, the outpatient model, nor the
/// other HIMSS models).
pub fn himss_models_in(text: &str, start: usize, end: usize) -> Vec<(HimssModel, usize, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)(?P<pre>o-?|outpatient\s+)?\b(?:(?P<emram>emram|electronic\s+medical\s+record\s+adoption\s+model)|(?P<infram>infram|infrastructure\s+adoption\s+model)|(?P<other>amam|ccmm|diam|cisom|dham))\b",
        )
        .expect("himss regex")
    });
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    re.captures_iter(slice)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let (s, e) = (start + whole.start(), start + whole.end());
            if c.name("pre").is_some() || c.name("other").is_some() {
                Some((HimssModel::Other, s, e))
            } else if let Some(m) = c.name("emram") {
                Some((HimssModel::Emram, start + m.start(), start + m.end()))
            } else {
                c.name("infram")
                    .map(|m| (HimssModel::Infram, start + m.start(), start + m.end()))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_non_it_part_of_the_trust_is_no_spend_category() {
        for label in [
            "agency staff",
            "Nursing pay",
            "spend on medical devices",
            "bank and agency staff",
        ] {
            assert_eq!(spend_label(label), None, "{label}");
        }
        assert_eq!(
            spend_label("IT staff"),
            Some(SpendLabel::Part(SpendCategory::Staff))
        );
        assert_eq!(
            spend_label("Cyber security services"),
            Some(SpendLabel::Part(SpendCategory::Services))
        );
    }

    use super::*;
    use SpendCategory::*;

    #[test]
    fn spend_labels_from_real_replies() {
        assert_eq!(
            spend_label("Capital & Revenue Cost"),
            Some(SpendLabel::Total)
        );
        assert_eq!(spend_label("IT Staff"), Some(SpendLabel::Part(Staff)));
        assert_eq!(
            spend_label("Communication Equipment"),
            Some(SpendLabel::Part(Communications))
        );
        assert_eq!(spend_label("Hardware"), Some(SpendLabel::Part(Hardware)));
        assert_eq!(spend_label("Other IT spend"), Some(SpendLabel::Part(Other)));
        assert_eq!(spend_label("Total IT spend"), Some(SpendLabel::Total));
        assert_eq!(spend_label("Revenue"), Some(SpendLabel::Revenue));
        assert_eq!(
            spend_label("Total revenue spend"),
            Some(SpendLabel::Revenue)
        );
        assert_eq!(spend_label("Software (capital)"), Some(SpendLabel::Capital));
        assert_eq!(
            spend_label("Total capital and revenue"),
            Some(SpendLabel::Total)
        );
        assert_eq!(spend_label("Capital"), Some(SpendLabel::Capital));
        assert_eq!(spend_label("Software and services"), None);
        assert_eq!(spend_label("Thank you for your request"), None);
        assert_eq!(spend_label_strict("Service Desk"), None);
        assert_eq!(spend_label_strict("Clinical Systems"), None);
        assert_eq!(
            spend_label_strict("IT staff costs"),
            Some(SpendLabel::Part(Staff))
        );
        assert_eq!(
            spend_label_strict("Communication Equipment"),
            Some(SpendLabel::Part(Communications))
        );
        assert_eq!(
            spend_label_strict("Capital & Revenue Cost"),
            Some(SpendLabel::Total)
        );
        assert_eq!(
            spend_label("Total (staff, software, services)"),
            Some(SpendLabel::Total)
        );
    }

    #[test]
    fn pillar_names_and_aliases_in_any_case() {
        let t = "WELL LED 4.3, Support Workforce 3.5; empower people 2.4 Ensure Smart Foundations";
        let got: Vec<Pillar> = pillars_in(t, 0, t.len()).iter().map(|m| m.pillar).collect();
        assert_eq!(
            got,
            [
                Pillar::WellLed,
                Pillar::SupportPeople,
                Pillar::EmpowerCitizens,
                Pillar::EnsureSmartFoundations
            ]
        );
    }

    #[test]
    fn himss_models_mark_outpatient_emram_as_another_model() {
        let t = "EMRAM stage 5, O-EMRAM stage 6, INFRAM stage 2";
        let got: Vec<HimssModel> = himss_models_in(t, 0, t.len()).iter().map(|m| m.0).collect();
        assert_eq!(
            got,
            [HimssModel::Emram, HimssModel::Other, HimssModel::Infram]
        );
    }
}
