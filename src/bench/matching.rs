//! Organisation matching: from a name as a response writes it ("Dudley Group FT", "LPT",
//! "University Hospitals of Leicester NHS Trust", a letterhead "Russells Hall Hospital Dudley
//! DY1 2HQ") to a trust or ICB in the dataset, with a score and ranked alternatives.
//!
//! Each organisation is known by several *aliases*: its workbook name, its current ODS name, the
//! names of closed organisations that became it (from the import's ODS links), its headquarters
//! postcode and address lines, and initialisms generated from all of these ("UHL", "LPT", "DGFT").
//! A query is scored against every alias (weighted Dice over normalised tokens, see
//! `similarity`); the organisation's score is its best alias's. The best organisation is only
//! returned when it clears [`MATCH_THRESHOLD`] *and* beats the next one by [`MATCH_MARGIN`];
//! otherwise the result says why and the caller offers [`search_organisations`] to the user.

use super::data::{dataset, display_case, Dataset, IcbId, OdsLink, TrustId};
use super::initialisms::{initialisms, lone_abbreviation, Tier};
use super::normalise::{find_postcodes, name_key, raw_words, NameKey};
use super::similarity::{token_credit, weighted_dice, weighted_dice_exact, TokenWeights};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Lowest score at which a match is returned without asking the user.
pub const MATCH_THRESHOLD: f64 = 0.8;
/// How far the best organisation must be ahead of the second to be returned.
pub const MATCH_MARGIN: f64 = 0.08;
/// How many alternatives a [`MatchResult`] lists.
const MAX_ALTERNATIVES: usize = 5;
/// Alternatives scoring below this are noise, not suggestions.
const MIN_ALTERNATIVE_SCORE: f64 = 0.25;

/// Score of an initialism that only one organisation has in its canonical form.
const ABBREVIATION_UNIQUE: f64 = 0.92;
/// ... that one organisation has only in a looser form ("SATH", "WMAS", "GSTT").
const ABBREVIATION_LOOSE: f64 = 0.85;
/// ... that several organisations share.
const ABBREVIATION_SHARED: f64 = 0.6;
/// Score of a headquarters postcode of an open organisation (a closed one scores a little less).
const POSTCODE_SCORE: f64 = 0.95;
/// Score of one distinctive headquarters address line of three or more words ("RUSSELLS HALL
/// HOSPITAL") found whole in the query; a two-word line ("ST GEORGE'S") is weaker evidence.
const ADDRESS_LINE_SCORE: f64 = 0.85;
const SHORT_ADDRESS_LINE_SCORE: f64 = 0.7;
/// Names of organisations that closed and became this one count slightly less than current ones.
const FORMER_NAME_FACTOR: f64 = 0.95;
/// A trust name asked for as an ICB, or the reverse.
const WRONG_KIND_FACTOR: f64 = 0.8;
/// Highest score for a query that is only part of several organisations' names.
const SHARED_PART_CAP: f64 = MATCH_THRESHOLD - 0.01;

/// A body the dataset has figures for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Org {
    Trust(TrustId),
    Icb(IcbId),
}

impl Org {
    /// The display name ("The Dudley Group NHS Foundation Trust").
    pub fn name(self) -> &'static str {
        let ds = dataset();
        match self {
            Org::Trust(t) => &ds.trust(t).display_name,
            Org::Icb(i) => &ds.icb(i).display_name,
        }
    }
}

/// Which alias matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MatchVia {
    /// The workbook's own name for it.
    DatasetName,
    /// Its name in the ODS list (may be newer than the workbook's).
    OdsName { code: String },
    /// A closed organisation that became it (merger or renaming).
    FormerName {
        code: String,
        closed: Option<String>,
    },
    /// An initialism of one of its names.
    Abbreviation { abbreviation: String },
    /// Its headquarters postcode in the ODS list.
    Postcode { postcode: String, code: String },
    /// A line of its headquarters address in the ODS list ("RUSSELLS HALL HOSPITAL").
    Address { line: String, code: String },
}

/// One candidate organisation for a query.
#[derive(Clone, Debug, PartialEq)]
pub struct OrgMatch {
    pub org: Org,
    /// 0–1; [`MATCH_THRESHOLD`] and above is a confident match.
    pub score: f64,
    pub via: MatchVia,
    /// The alias text that matched best, as stored (e.g. the ODS name).
    pub matched: String,
}

/// The answer to "which organisation is this?".
#[derive(Clone, Debug, PartialEq)]
pub struct MatchResult {
    /// The confident match, if there is one.
    pub best: Option<OrgMatch>,
    /// Other candidates, best first (excluding `best`).
    pub alternatives: Vec<OrgMatch>,
    /// When `best` is `None`: why, in a sentence for the user.
    pub note: Option<String>,
}

/// An entry of the searchable list the UI offers when no match is confident.
#[derive(Clone, Debug, PartialEq)]
pub struct OrgChoice {
    pub org: Org,
    /// "The Dudley Group NHS Foundation Trust".
    pub label: String,
    /// "Trust · Acute & Community · Midlands · NHS Black Country Integrated Care Board".
    pub detail: String,
}

/// What an alias points at: a dataset organisation, or an ODS organisation with no dataset row
/// (a Welsh trust, a trust renamed or merged in a way the import could not tie up).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Target {
    Org(Org),
    OdsOnly(usize),
}

#[derive(Clone, Debug)]
struct Alias {
    target: Target,
    key: NameKey,
    text: String,
    via: MatchVia,
}

struct SiteLine {
    target: Target,
    key: NameKey,
    line: String,
    code: String,
}

struct Index {
    aliases: Vec<Alias>,
    /// Core token → aliases containing it (to score only plausible aliases for text scans).
    token_aliases: HashMap<String, Vec<usize>>,
    weights: TokenWeights,
    abbreviations: HashMap<String, Vec<(Target, Tier)>>,
    postcodes: HashMap<String, Vec<usize>>,
    sites: Vec<SiteLine>,
    choices: Vec<OrgChoice>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| build_index(dataset()))
}

fn build_index(ds: &Dataset) -> Index {
    let mut aliases = Vec::new();
    for t in &ds.trusts {
        aliases.push(Alias {
            target: Target::Org(Org::Trust(t.id)),
            key: name_key(&t.name),
            text: t.name.clone(),
            via: MatchVia::DatasetName,
        });
    }
    for i in &ds.icbs {
        aliases.push(Alias {
            target: Target::Org(Org::Icb(i.id)),
            key: name_key(&i.name),
            text: i.name.clone(),
            via: MatchVia::DatasetName,
        });
    }
    for (n, o) in ds.ods.iter().enumerate() {
        let (target, via) = match (o.trust, o.link) {
            (Some(t), Some(OdsLink::SharedPostcode)) => (
                Target::Org(Org::Trust(TrustId(t))),
                MatchVia::FormerName {
                    code: o.code.clone(),
                    closed: o.closed.clone(),
                },
            ),
            (Some(t), _) if ds.trusts[t].ods_code.as_deref() != Some(&o.code) => (
                // An older organisation with the same name as the trust.
                Target::Org(Org::Trust(TrustId(t))),
                MatchVia::FormerName {
                    code: o.code.clone(),
                    closed: o.closed.clone(),
                },
            ),
            (Some(t), _) => (
                Target::Org(Org::Trust(TrustId(t))),
                MatchVia::OdsName {
                    code: o.code.clone(),
                },
            ),
            (None, _) => (
                Target::OdsOnly(n),
                MatchVia::OdsName {
                    code: o.code.clone(),
                },
            ),
        };
        let key = name_key(&o.name);
        let duplicate = aliases.iter().any(|a| a.target == target && a.key == key);
        if !duplicate {
            aliases.push(Alias {
                target,
                key,
                text: o.name.clone(),
                via,
            });
        }
    }

    // Token rarity is counted per organisation (all its aliases together), so a trust known by
    // three names does not make its own words look common.
    let mut per_target: HashMap<Target, NameKey> = HashMap::new();
    for a in &aliases {
        let k = per_target.entry(a.target).or_default();
        for t in &a.key.core {
            if !k.core.contains(t) {
                k.core.push(t.clone());
            }
        }
    }
    let mut targets: Vec<(&Target, &NameKey)> = per_target.iter().collect();
    targets.sort_by_key(|(t, _)| **t);
    let weights = TokenWeights::from_keys(targets.iter().map(|(_, k)| *k));

    let mut abbreviations: HashMap<String, Vec<(Target, Tier)>> = HashMap::new();
    for a in &aliases {
        if let Target::OdsOnly(n) = a.target {
            if ds.ods[n].closed.is_some() {
                continue; // a closed body with no successor: its initials would only add noise
            }
        }
        let is_icb = matches!(a.target, Target::Org(Org::Icb(_)));
        for (abbr, tier) in initialisms(&a.text, is_icb) {
            let entry = abbreviations.entry(abbr).or_default();
            match entry.iter_mut().find(|(t, _)| *t == a.target) {
                Some(existing) => existing.1 = existing.1.min(tier),
                None => entry.push((a.target, tier)),
            }
        }
    }

    let mut postcodes: HashMap<String, Vec<usize>> = HashMap::new();
    for (n, o) in ds.ods.iter().enumerate() {
        postcodes.entry(o.postcode.clone()).or_default().push(n);
    }

    let sites = site_lines(ds);
    let choices = build_choices(ds);
    let mut token_aliases: HashMap<String, Vec<usize>> = HashMap::new();
    for (n, a) in aliases.iter().enumerate() {
        for t in &a.key.core {
            token_aliases.entry(t.clone()).or_default().push(n);
        }
    }
    Index {
        aliases,
        token_aliases,
        weights,
        abbreviations,
        postcodes,
        sites,
        choices,
    }
}

pub(super) fn ods_target(ds: &Dataset, n: usize) -> Target {
    match ds.ods[n].trust {
        Some(t) => Target::Org(Org::Trust(TrustId(t))),
        None => Target::OdsOnly(n),
    }
}

/// Headquarters address lines that name one organisation and nothing else: at least two core
/// words ("RUSSELLS HALL HOSPITAL", not "LONDON"), not shared with another organisation
/// ("TRUST HEADQUARTERS", "QUEEN ELIZABETH HOSPITAL").
fn site_lines(ds: &Dataset) -> Vec<SiteLine> {
    let mut by_key: HashMap<Vec<String>, Vec<(Target, String, String)>> = HashMap::new();
    for (n, o) in ds.ods.iter().enumerate() {
        for line in &o.address {
            let key = name_key(line);
            if key.core.len() < 2
                || key
                    .core
                    .iter()
                    .any(|t| t.chars().any(|c| c.is_ascii_digit()))
            {
                continue; // a town, or a street number / floor: not a name
            }
            by_key.entry(key.core.clone()).or_default().push((
                ods_target(ds, n),
                line.clone(),
                o.code.clone(),
            ));
        }
    }
    let mut out: Vec<SiteLine> = by_key
        .into_iter()
        .filter_map(|(core, uses)| {
            let first = uses.first()?.clone();
            uses.iter().all(|u| u.0 == first.0).then(|| SiteLine {
                target: first.0,
                key: NameKey {
                    core,
                    ..NameKey::default()
                },
                line: first.1,
                code: first.2,
            })
        })
        .collect();
    out.sort_by(|a, b| a.line.cmp(&b.line));
    out
}

fn build_choices(ds: &Dataset) -> Vec<OrgChoice> {
    let mut out = Vec::new();
    for t in &ds.trusts {
        let settings: Vec<&str> = t.rows.iter().map(|r| ds.row(*r).setting.label()).collect();
        out.push(OrgChoice {
            org: Org::Trust(t.id),
            label: t.display_name.clone(),
            detail: format!(
                "Trust · {} · {} · {}",
                settings.join(" & "),
                display_case(&t.region),
                ds.icb(t.icb).display_name
            ),
        });
    }
    for i in &ds.icbs {
        out.push(OrgChoice {
            org: Org::Icb(i.id),
            label: i.display_name.clone(),
            detail: format!("Integrated care board · {}", display_case(&i.region)),
        });
    }
    out.sort_by_key(|a| a.label.to_lowercase());
    out
}

/// How thoroughly to compare a query with the aliases.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Scan {
    /// Every alias, with misspellings and truncations: for a name the user or extractor gave.
    Thorough,
    /// Only aliases sharing an exact word with the query, compared word for word: for phrases
    /// cut from running text.
    SharedWord,
}

/// Score every target for `query`; the best alias per target, best first.
pub(super) fn score_targets(query: &str) -> Vec<(Target, f64, MatchVia, String)> {
    score_targets_with(query, Scan::Thorough)
}

pub(super) fn score_targets_with(query: &str, scan: Scan) -> Vec<(Target, f64, MatchVia, String)> {
    let mut best: HashMap<Target, (f64, MatchVia, String)> = HashMap::new();
    let mut offer = |target: Target, score: f64, via: MatchVia, text: String| {
        let e = best
            .entry(target)
            .or_insert((0.0, via.clone(), text.clone()));
        if score > e.0 {
            *e = (score, via, text);
        }
    };

    // A name is never longer than this; what follows is ignored (bounded work).
    let query: String = query
        .chars()
        .take(super::normalise::MAX_NAME_CHARS)
        .collect();
    let query = query.as_str();
    // A parenthesised abbreviation ("... Leicester (UHL)") is tried on its own.
    let (main, bracketed) = split_brackets(query);
    let key = name_key(&main);

    // 1. Names. A part of a name shared by several organisations ("Oxford": Oxford Health,
    // Oxford University Hospitals) is a question, not an answer, however few words the
    // others add: unless one name is exactly the query, such matches stay below the threshold.
    let shared_part = ambiguous_part(&key);
    for (t, s, v, x) in name_targets(&key, scan) {
        let s = if shared_part.contains(&t) {
            s.min(SHARED_PART_CAP)
        } else {
            s
        };
        offer(t, s, v, x);
    }

    // 2. Initialisms: the query is one word once type words are gone ("UHL", "LPT NHS Trust").
    for candidate in [Some(main.as_str()), bracketed.as_deref()]
        .into_iter()
        .flatten()
    {
        if let Some(abbr) = lone_abbreviation(candidate) {
            for (t, s, v, x) in abbreviation_targets(&abbr) {
                offer(t, s, v, x);
            }
        }
    }

    // 3. Postcodes.
    for (_, postcode) in find_postcodes(query) {
        for (t, s, v, x) in postcode_targets(&postcode) {
            offer(t, s, v, x);
        }
    }

    // 4. Headquarters address lines found whole in the query.
    for (t, s, v, x) in address_targets(&key) {
        offer(t, s, v, x);
    }

    let mut scored: Vec<(Target, f64, MatchVia, String)> = best
        .into_iter()
        .map(|(t, (s, v, x))| (t, s, v, x))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored
}

/// The organisations whose names all contain every word of `key`, when there are several and
/// none of them is named exactly `key`; empty otherwise.
fn ambiguous_part(key: &NameKey) -> Vec<Target> {
    let ix = index();
    let Some(first) = key.core.first() else {
        return Vec::new();
    };
    let mut containing: Vec<Target> = Vec::new();
    for &n in ix
        .token_aliases
        .get(first)
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        let a = &ix.aliases[n];
        if key.core.iter().all(|t| a.key.core.contains(t)) {
            if a.key.core.len() == key.core.len() {
                return Vec::new(); // this alias is exactly the query
            }
            if !containing.contains(&a.target) {
                containing.push(a.target);
            }
        }
    }
    if containing.len() >= 2 {
        containing
    } else {
        Vec::new()
    }
}

/// Organisations whose names (any alias) resemble `key`, best alias per alias (not merged).
pub(super) fn name_targets(key: &NameKey, scan: Scan) -> Vec<(Target, f64, MatchVia, String)> {
    let ix = index();
    let mut out = Vec::new();
    let mut offer = |t: Target, s: f64, v: MatchVia, x: String| out.push((t, s, v, x));
    if !key.core.is_empty() {
        // Aliases sharing a word with the query; when thorough, also those with a word an
        // unknown query word may stand for ("LIECESTER", "ROY"). A query word that is itself a
        // name word means that word, so it is not also tried as a misspelling of others.
        let mut words: Vec<&String> = Vec::new();
        for t in &key.core {
            if ix.token_aliases.contains_key(t) {
                words.push(t);
            } else if scan == Scan::Thorough {
                words.extend(
                    ix.token_aliases
                        .keys()
                        .filter(|v| token_credit(t, v, false) > 0.0),
                );
            }
        }
        let mut candidates: Vec<usize> = words
            .iter()
            .filter_map(|t| ix.token_aliases.get(*t))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for a in candidates.iter().map(|&n| &ix.aliases[n]) {
            let mut s = match scan {
                Scan::Thorough => weighted_dice(key, &a.key, &ix.weights),
                Scan::SharedWord => weighted_dice_exact(key, &a.key, &ix.weights),
            };
            if s <= 0.0 {
                continue;
            }
            let alias_is_icb = matches!(a.target, Target::Org(Org::Icb(_)));
            if key.icb != alias_is_icb && (key.icb || key.trust) {
                s *= WRONG_KIND_FACTOR;
            }
            if key.trust && !alias_is_icb && key.foundation != a.key.foundation {
                s *= 0.98; // "NHS Trust" asked, "NHS Foundation Trust" found: a tie-breaker only
            }
            if matches!(a.via, MatchVia::FormerName { .. }) {
                s *= FORMER_NAME_FACTOR;
            }
            offer(a.target, s, a.via.clone(), a.text.clone());
        }
    }

    out
}

/// Organisations known by the initialism `abbr` (upper case), scored by how unambiguous it is.
pub(super) fn abbreviation_targets(abbr: &str) -> Vec<(Target, f64, MatchVia, String)> {
    let ds = dataset();
    let Some(hits) = index().abbreviations.get(abbr) else {
        return Vec::new();
    };
    // Confident only when one organisation has it in a common form (canonical or variant) and
    // no other organisation does: "MFT" is Medway's initials and Manchester's usual short name,
    // so it stays a question; "LPT" is Leicestershire's, and only a rare form of Lincolnshire's.
    let common = hits.iter().filter(|(_, t)| *t <= Tier::Variant).count();
    hits.iter()
        .map(|(target, tier)| {
            let score = match (common, tier) {
                (1, Tier::Canonical) => ABBREVIATION_UNIQUE,
                (1, Tier::Variant) => ABBREVIATION_LOOSE,
                (0, _) if hits.len() == 1 => ABBREVIATION_LOOSE,
                _ => ABBREVIATION_SHARED,
            };
            let via = MatchVia::Abbreviation {
                abbreviation: abbr.to_string(),
            };
            (*target, score, via, target_name(ds, *target))
        })
        .collect()
}

/// Organisations whose ODS headquarters postcode is `postcode` (canonical spelling).
pub(super) fn postcode_targets(postcode: &str) -> Vec<(Target, f64, MatchVia, String)> {
    let ds = dataset();
    let ix = index();
    ix.postcodes
        .get(postcode)
        .map(Vec::as_slice)
        .unwrap_or(&[])
        .iter()
        .map(|&n| {
            let o = &ds.ods[n];
            let score = if o.closed.is_some() {
                POSTCODE_SCORE * FORMER_NAME_FACTOR
            } else {
                POSTCODE_SCORE
            };
            let via = MatchVia::Postcode {
                postcode: postcode.to_string(),
                code: o.code.clone(),
            };
            (ods_target(ds, n), score, via, o.name.clone())
        })
        .collect()
}

/// Organisations with a distinctive headquarters address line all of whose words are in `key`.
pub(super) fn address_targets(key: &NameKey) -> Vec<(Target, f64, MatchVia, String)> {
    if key.core.len() < 2 {
        return Vec::new();
    }
    // (lines found, best single-line score, line, ODS code) per organisation
    let mut per_target: HashMap<Target, (usize, f64, String, String)> = HashMap::new();
    for s in &index().sites {
        if s.key.core.iter().all(|t| key.core.contains(t)) {
            let line_score = if s.key.core.len() >= 3 {
                ADDRESS_LINE_SCORE
            } else {
                SHORT_ADDRESS_LINE_SCORE
            };
            let e = per_target
                .entry(s.target)
                .or_insert((0, 0.0, s.line.clone(), s.code.clone()));
            e.0 += 1;
            if line_score > e.1 {
                (e.1, e.2) = (line_score, s.line.clone());
            }
        }
    }
    let mut out: Vec<(Target, f64, MatchVia, String)> = per_target
        .into_iter()
        .map(|(target, (count, line_score, line, code))| {
            // Two lines of the same address are stronger evidence than one.
            let score = if count >= 2 {
                line_score + 0.05
            } else {
                line_score
            };
            let via = MatchVia::Address {
                line: line.clone(),
                code,
            };
            (target, score, via, line)
        })
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

fn target_name(ds: &Dataset, t: Target) -> String {
    match t {
        Target::Org(Org::Trust(id)) => ds.trust(id).name.clone(),
        Target::Org(Org::Icb(id)) => ds.icb(id).name.clone(),
        Target::OdsOnly(n) => ds.ods[n].name.clone(),
    }
}

/// "University Hospitals of Leicester (UHL)" → ("University Hospitals of Leicester ", Some("UHL")).
fn split_brackets(query: &str) -> (String, Option<String>) {
    let q: String = query
        .chars()
        .take(super::normalise::MAX_NAME_CHARS)
        .collect();
    match (q.find('('), q.find(')')) {
        (Some(a), Some(b)) if a < b => {
            let inside = q[a + 1..b].trim().to_string();
            let outside = format!("{}{}", &q[..a], &q[b + 1..]);
            if outside.trim().is_empty() {
                (inside, None)
            } else {
                (outside, Some(inside))
            }
        }
        _ => (q.to_string(), None),
    }
}

/// Which dataset organisation `name` (as written in a response) refers to.
pub fn match_organisation(name: &str) -> MatchResult {
    let by_name = decide(score_targets(name), &format!("{:?}", name.trim()));
    if by_name.best.is_some() {
        return by_name;
    }
    // "Freedom of Information Team, Leicestershire Partnership NHS Trust": a name inside a
    // longer line is found the way names in a response are (phrases ending "... Trust").
    let within = super::text_cues::find_organisation_in_text(name).result;
    if within.best.is_some() {
        within
    } else {
        by_name
    }
}

/// Turn ranked candidates into a [`MatchResult`]: a confident best, or none with the reason.
/// Scores may exceed 1 internally (corroborated text cues); they are reported capped at 1.
/// `query` names the input in notes (a quoted name, or "this response").
pub(super) fn decide(scored: Vec<(Target, f64, MatchVia, String)>, query: &str) -> MatchResult {
    let ds = dataset();
    let mut orgs: Vec<OrgMatch> = Vec::new();
    let mut top_unlisted: Option<(usize, f64)> = None;
    for (target, score, via, matched) in scored {
        match target {
            Target::Org(org) => orgs.push(OrgMatch {
                org,
                score,
                via,
                matched,
            }),
            Target::OdsOnly(n) => {
                if top_unlisted.is_none() {
                    top_unlisted = Some((n, score));
                }
            }
        }
    }
    let first = orgs.first().map(|m| m.score).unwrap_or(0.0);
    let second = orgs.get(1).map(|m| m.score).unwrap_or(0.0);
    // An ODS organisation outside the dataset that fits better than any dataset one blocks a
    // confident match: "Welsh Ambulance Services" must not become "... Ambulance Service".
    let unlisted_wins = top_unlisted.is_some_and(|(_, s)| s >= first - MATCH_MARGIN / 2.0);

    let confident = first >= MATCH_THRESHOLD && first - second >= MATCH_MARGIN && !unlisted_wins;
    let note = if confident {
        None
    } else if let (true, Some((n, s))) = (unlisted_wins, top_unlisted) {
        let o = &ds.ods[n];
        (s >= MATCH_THRESHOLD)
            .then(|| match &o.closed {
                Some(c) => format!(
                    "{} (ODS {}) closed on {}; the DMA 2025 data has no row for it. Choose the \
                     trust that took over its services.",
                    display_case(&o.name),
                    o.code,
                    c
                ),
                None => format!(
                    "{} (ODS {}) is an NHS trust with no row in the DMA 2025 data (the assessment \
                     covers trusts in England; it may also have been renamed or merged since). \
                     Choose the organisation from the list if it is in the data under another \
                     name.",
                    display_case(&o.name),
                    o.code
                ),
            })
            .or_else(|| Some(no_match_note(query)))
    } else if first >= MATCH_THRESHOLD {
        Some(format!(
            "{query} fits both {} and {} about equally; choose one.",
            orgs[0].org.name(),
            orgs[1].org.name()
        ))
    } else {
        Some(no_match_note(query))
    };
    let mut alternatives: Vec<OrgMatch> = orgs
        .into_iter()
        .filter(|m| m.score >= MIN_ALTERNATIVE_SCORE)
        .take(MAX_ALTERNATIVES + 1)
        .map(|mut m| {
            m.score = m.score.min(1.0);
            m
        })
        .collect();
    let best = if confident && !alternatives.is_empty() {
        Some(alternatives.remove(0))
    } else {
        None
    };
    alternatives.truncate(MAX_ALTERNATIVES);
    MatchResult {
        best,
        alternatives,
        note,
    }
}

fn no_match_note(query: &str) -> String {
    format!(
        "No trust or ICB in the DMA 2025 data matches {} closely enough; choose it from the list.",
        query.chars().take(80).collect::<String>()
    )
}

/// Every trust and ICB in the dataset, sorted by name, for a searchable list.
pub fn organisation_list() -> &'static [OrgChoice] {
    &index().choices
}

/// The searchable list filtered and ranked for what the user has typed so far: name, ODS name,
/// former name, initialism, postcode, or any part of a name ("dud" finds Dudley). An empty query
/// returns the whole list in name order (scores 0).
pub fn search_organisations(query: &str, limit: usize) -> Vec<(OrgChoice, f64)> {
    let ix = index();
    let typed: String = raw_words(query).join(" ");
    if typed.is_empty() {
        return ix
            .choices
            .iter()
            .take(limit)
            .map(|c| (c.clone(), 0.0))
            .collect();
    }
    let mut scores: HashMap<Org, f64> = HashMap::new();
    for (target, score, ..) in score_targets(query) {
        if let Target::Org(o) = target {
            scores.insert(o, score);
        }
    }
    // Substring of any alias: what people expect of a search box while typing.
    for a in &ix.aliases {
        let Target::Org(o) = a.target else { continue };
        let alias_words = raw_words(&a.text).join(" ");
        if let Some(pos) = alias_words.find(&typed) {
            let at_word_start = pos == 0 || alias_words.as_bytes()[pos - 1] == b' ';
            let coverage = typed.len() as f64 / alias_words.len().max(1) as f64;
            let s = 0.4 + 0.4 * coverage + if at_word_start { 0.1 } else { 0.0 };
            let e = scores.entry(o).or_insert(0.0);
            *e = e.max(s);
        }
    }
    let mut out: Vec<(OrgChoice, f64)> = ix
        .choices
        .iter()
        .filter_map(|c| {
            scores
                .get(&c.org)
                .filter(|s| **s >= MIN_ALTERNATIVE_SCORE)
                .map(|s| (c.clone(), *s))
        })
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.label.cmp(&b.0.label)));
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracketed_initialisms_are_split_off() {
        assert_eq!(
            split_brackets("University Hospitals of Leicester (UHL)"),
            (
                "University Hospitals of Leicester ".to_string(),
                Some("UHL".to_string())
            )
        );
    }
}
