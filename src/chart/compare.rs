//! What the page compares one response with: the dataset organisation it is matched to (or the
//! one the user chose instead), which care-setting assessment stands for it, its peer group, and
//! from those the inputs of the DMA charts and the summary's benchmark sentence.
//!
//! The response's own scores are compared when it gave them. When it withheld them, the scores
//! NHS England has since published stand in, always named as dataset values ("… (NHS England
//! data, not this response)"), never mixed with the response's figures.

use super::dma::{Peers, Scores};
use crate::bench::{
    self, dataset, CareSetting, MatchResult, Measure, Org, PeerComparison, PeerGroup, RowChoice,
    TrustId,
};
use crate::model::Response;
use crate::report::summary::{short_name, Published, Standing};

/// The user's choices that shape the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choices {
    pub org: OrgPick,
    /// The care setting to compare, for a trust assessed for several (`None`: its main one).
    pub setting: Option<CareSetting>,
    pub group: PeerGroup,
}

impl Default for Choices {
    fn default() -> Self {
        Choices {
            org: OrgPick::Auto,
            setting: None,
            group: PeerGroup::National,
        }
    }
}

/// Which dataset organisation the response is compared as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgPick {
    /// Whatever the matching finds confidently.
    Auto,
    /// The user said: do not compare.
    Nobody,
    /// The user chose this one.
    Org(Org),
}

/// Everything the page shows about the benchmark for one response.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// What automatic matching found (for the "matched to … / change" control).
    pub matched: MatchResult,
    /// The organisation in use, and whether the user picked it.
    pub org: Option<Org>,
    pub picked: bool,
    /// For a trust: the assessment row that stands for it.
    pub row: Option<RowChoice>,
    /// Care settings the trust was assessed for (to choose from when several).
    pub settings: Vec<CareSetting>,
    /// Why there is no comparison, for people (no match, an ICB, …).
    pub note: Option<String>,
    /// The scores compared: the response's, or the published ones when it withheld them.
    pub subject: Option<Scores>,
    /// True when `subject` comes from the dataset, not from the response.
    pub subject_from_dataset: bool,
    /// The peer group's members (other trusts' assessments) and name.
    pub peers: Option<Peers>,
    /// Medians, quartiles, ranks (from `bench`), for the table and the summary.
    pub stats: Option<PeerComparison>,
    /// Every assessment NHS England published for the trust, when the response did not give
    /// all seven pillar scores (labelled as dataset values).
    pub published: Vec<Scores>,
    /// "Published by NHS England on 30 March 2026 …; not figures from this response."
    pub published_label: Option<String>,
    /// The publication date for prose ("30 March 2026").
    pub published_on: String,
}

impl Comparison {
    /// Where the response's overall score (or published mean) stands, for the summary.
    pub fn standing(&self) -> Option<Standing> {
        let stats = self.stats.as_ref()?;
        if self.subject_from_dataset {
            return None; // the summary states the published figures separately
        }
        let mean = stats
            .measures
            .iter()
            .find(|m| m.measure == Measure::PillarMean)?;
        let pos = mean.position?;
        Some(Standing {
            group: lower_group(&stats.label),
            n: stats.n_peers,
            percentile: pos.percentile,
        })
    }

    /// The published scores in the summary's terms.
    pub fn published_for_summary(&self) -> Option<Published> {
        if self.published.is_empty() {
            return None;
        }
        let ds = dataset();
        let trust = match self.org? {
            Org::Trust(t) => ds.trust(t),
            Org::Icb(_) => return None,
        };
        let means = trust
            .rows
            .iter()
            .map(|r| {
                let row = ds.row(*r);
                (row.setting.label().to_lowercase(), row.pillar_mean())
            })
            .collect();
        Some(Published {
            means,
            when: self.published_on.clone(),
        })
    }
}

/// A stable key for a peer group (form values, URLs).
pub fn group_key(g: PeerGroup) -> &'static str {
    match g {
        PeerGroup::National => "national",
        PeerGroup::SameCareSetting => "care-setting",
        PeerGroup::SameRegion => "region",
        PeerGroup::SameIcb => "icb",
    }
}

pub fn group_from_key(key: &str) -> Option<PeerGroup> {
    PeerGroup::ALL.into_iter().find(|g| group_key(*g) == key)
}

/// What a peer-group menu says, before a subject is known.
pub fn group_menu_label(g: PeerGroup) -> &'static str {
    match g {
        PeerGroup::National => "All trusts in England",
        PeerGroup::SameCareSetting => "Same care setting",
        PeerGroup::SameRegion => "Same NHS region",
        PeerGroup::SameIcb => "Same integrated care board",
    }
}

/// A stable key for an organisation choice (form values, URLs): "auto", "none", or the
/// organisation's place in `bench::organisation_list()` ("org:17").
pub fn pick_key(pick: OrgPick) -> String {
    match pick {
        OrgPick::Auto => "auto".into(),
        OrgPick::Nobody => "none".into(),
        OrgPick::Org(o) => bench::organisation_list()
            .iter()
            .position(|c| c.org == o)
            .map(|i| format!("org:{i}"))
            .unwrap_or_else(|| "auto".into()),
    }
}

pub fn pick_from_key(key: &str) -> Option<OrgPick> {
    match key {
        "auto" => Some(OrgPick::Auto),
        "none" => Some(OrgPick::Nobody),
        _ => {
            let i: usize = key.strip_prefix("org:")?.parse().ok()?;
            bench::organisation_list()
                .get(i)
                .map(|c| OrgPick::Org(c.org))
        }
    }
}

/// A stable key for a care setting choice ("" = the trust's main one).
pub fn setting_key(s: Option<CareSetting>) -> &'static str {
    match s {
        None => "",
        Some(CareSetting::Acute) => "acute",
        Some(CareSetting::Community) => "community",
        Some(CareSetting::MentalHealth) => "mental-health",
        Some(CareSetting::Ambulance) => "ambulance",
    }
}

pub fn setting_from_key(key: &str) -> Option<CareSetting> {
    CareSetting::ALL
        .into_iter()
        .find(|s| setting_key(Some(*s)) == key)
}

/// "Acute trusts in England" → "acute trusts in England" (proper names kept).
pub fn lower_group(label: &str) -> String {
    let mut words = label.splitn(2, ' ');
    let first = words.next().unwrap_or("");
    let rest = words.next().unwrap_or("");
    let first = if first == "Trusts" || first.chars().skip(1).all(|c| c.is_lowercase()) {
        first.to_lowercase()
    } else {
        first.to_string()
    };
    if rest.is_empty() {
        first
    } else {
        format!("{first} {rest}")
    }
}

/// Compare `response` (parsed from `text`) as `choices` say.
pub fn compare(response: &Response, text: &str, choices: &Choices) -> Comparison {
    let ds = dataset();
    let matched = bench::organisation_of_response(response, text);
    let (org, picked) = match choices.org {
        OrgPick::Auto => (matched.best.as_ref().map(|m| m.org), false),
        OrgPick::Nobody => (None, true),
        OrgPick::Org(o) => (Some(o), true),
    };
    let mut out = Comparison {
        matched,
        org,
        picked,
        row: None,
        settings: Vec::new(),
        note: None,
        subject: None,
        subject_from_dataset: false,
        peers: None,
        stats: None,
        published: Vec::new(),
        published_label: None,
        published_on: crate::bench::data::human_date(&ds.source.publication_date),
    };
    let trust: TrustId = match org {
        None => {
            out.note = Some(if picked {
                "Not compared with other trusts (as you chose).".to_string()
            } else {
                out.matched.note.clone().unwrap_or_else(|| {
                    "The organisation could not be matched to the DMA 2025 data; choose it from the list.".to_string()
                })
            });
            return out;
        }
        Some(Org::Icb(_)) => {
            out.note = Some(
                "This is an integrated care board: ICBs assessed a different DMA from trusts, so \
                 it is not compared with trusts here."
                    .to_string(),
            );
            return out;
        }
        Some(Org::Trust(t)) => t,
    };
    let t = ds.trust(trust);
    out.settings = t.rows.iter().map(|r| ds.row(*r).setting).collect();
    let choice = bench::choose_row(trust, choices.setting);
    let row = ds.row(choice.row);
    let name = short_name(&t.display_name);

    let published = bench::published_in_place_of(response, trust, choices.setting);
    let own = Scores::of_response(response, &format!("{name} (this response)"));
    let (subject, from_dataset) = match (&published, own) {
        (None, Some(own)) => (Some(own), false),
        (Some(_), _) => (
            Some(Scores {
                name: format!(
                    "{name}, {} (NHS England data, not this response)",
                    row.setting.label()
                ),
                values: row.pillars.map(Some),
            }),
            true,
        ),
        (None, None) => (None, false),
    };
    out.stats = Some(match (&response.dma, from_dataset) {
        (Some(dma), false) => bench::compare_response(dma, choice.row, choices.group),
        _ => bench::compare_row(choice.row, choices.group),
    });
    let members: Vec<(String, [f64; 7])> = bench::peers::peer_rows(choice.row, choices.group)
        .into_iter()
        .map(|r| {
            let row = ds.row(r);
            let who = &ds.trust(row.trust).display_name;
            let label = if ds.trust(row.trust).rows.len() > 1 {
                format!("{who} ({})", row.setting.label())
            } else {
                who.clone()
            };
            (label, row.pillars)
        })
        .collect();
    out.peers = Some(Peers {
        group: choices.group.label(choice.row),
        members,
    });
    if let Some(p) = &published {
        out.published = t
            .rows
            .iter()
            .map(|r| {
                let row = ds.row(*r);
                Scores {
                    name: format!("{} assessment (NHS England data)", row.setting.label()),
                    values: row.pillars.map(Some),
                }
            })
            .collect();
        out.published_label = Some(p.label.clone());
    }
    out.subject = subject;
    out.subject_from_dataset = from_dataset;
    out.row = Some(choice);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dma, DmaStatus, Pillar, Span, Value};

    fn v<T>(x: T) -> Value<T> {
        Value::found(x, Span::new(0, 1))
    }

    /// The Dudley Group's reply as the contract has it (tests/fixtures), built by hand.
    fn dudley() -> Response {
        let mut dma = Dma {
            overall: Some(v(3.1)),
            ..Dma::default()
        };
        for (p, x) in Pillar::ALL.iter().zip([4.3, 3.2, 2.8, 3.5, 2.4, 2.8, 2.8]) {
            *dma.pillars.get_mut(*p) = Some(v(x));
        }
        Response {
            organisation: Some(v("The Dudley Group NHS Foundation Trust".into())),
            dma: Some(dma),
            dma_status: v(DmaStatus::Disclosed),
            ..Response::default()
        }
    }

    fn lpt() -> Response {
        Response {
            organisation: Some(v("Leicestershire Partnership NHS Trust".into())),
            dma_status: v(DmaStatus::Exempt),
            exemptions: vec![v("s22".into())],
            ..Response::default()
        }
    }

    #[test]
    fn dudley_is_matched_and_compared_as_an_acute_trust() {
        let c = compare(
            &dudley(),
            "",
            &Choices {
                group: PeerGroup::SameCareSetting,
                ..Choices::default()
            },
        );
        assert_eq!(
            c.org.unwrap().name(),
            "The Dudley Group NHS Foundation Trust"
        );
        assert!(!c.picked);
        assert_eq!(c.row.as_ref().unwrap().setting, CareSetting::Acute);
        let subject = c.subject.as_ref().unwrap();
        assert!(!c.subject_from_dataset);
        assert_eq!(subject.name, "The Dudley Group (this response)");
        assert_eq!(subject.values[0], Some(4.3));
        let peers = c.peers.as_ref().unwrap();
        assert_eq!(peers.group, "Acute trusts in England");
        let stats = c.stats.as_ref().unwrap();
        assert_eq!(peers.members.len(), stats.n_peers);
        assert!(peers.members.len() > 100, "{}", peers.members.len());
        assert!(
            peers.members.iter().all(|m| !m.0.contains("Dudley Group")),
            "a trust is not its own peer"
        );
        // The radar's median is the bench module's median.
        let median = peers.median().unwrap();
        for (i, m) in stats.measures.iter().take(7).enumerate() {
            let want = m.peers.as_ref().unwrap().median;
            assert!((median.values[i].unwrap() - want).abs() < 1e-9);
        }
        let standing = c.standing().unwrap();
        assert_eq!(standing.group, "acute trusts in England");
        assert_eq!(standing.n, stats.n_peers);
        assert!((0.0..=100.0).contains(&standing.percentile));
        assert!(c.published.is_empty(), "disclosed: nothing stands in");
    }

    #[test]
    fn dudley_summary_places_it_among_trusts_in_england() {
        let c = compare(&dudley(), "", &Choices::default());
        let ctx = crate::report::summary::Context {
            standing: c.standing(),
            published: c.published_for_summary(),
        };
        let s = crate::report::summary::summary(&dudley(), &ctx);
        // 3.1 against the pillar means of the 283 other trusts' 2025 assessments: 16 above, 3
        // tied, 264 below (counted separately from data/dma2025.json), so 17th of 284.
        let stats = c.stats.as_ref().unwrap();
        let pos = stats.measures[7].position.unwrap();
        assert_eq!((pos.rank, pos.out_of), (17, 284));
        assert_eq!(
            (pos.peers_above, pos.peers_tied, pos.peers_below),
            (16, 3, 264)
        );
        assert!(
            s.contains("self-assessed digital maturity, 3.1 out of 5, is in the top quarter of trusts in England (set against the mean of the seven pillar scores of 283 other assessments"),
            "{s}"
        );
    }

    #[test]
    fn withheld_scores_are_replaced_by_labelled_dataset_values() {
        let c = compare(&lpt(), "", &Choices::default());
        assert_eq!(
            c.org.unwrap().name(),
            "Leicestershire Partnership NHS Trust"
        );
        assert!(c.subject_from_dataset);
        let subject = c.subject.as_ref().unwrap();
        assert!(
            subject
                .name
                .ends_with("(NHS England data, not this response)"),
            "{}",
            subject.name
        );
        let settings: Vec<&str> = c.settings.iter().map(|s| s.label()).collect();
        assert_eq!(c.published.len(), settings.len());
        assert!(settings.contains(&"Mental Health"), "{settings:?}");
        assert!(c.published[0]
            .name
            .ends_with("assessment (NHS England data)"));
        assert!(c
            .published_label
            .as_ref()
            .unwrap()
            .contains("not figures from this response"));
        assert_eq!(c.published_on, "30 March 2026");
        assert!(
            c.standing().is_none(),
            "a rank of dataset values is not the response's"
        );
        let p = c.published_for_summary().unwrap();
        assert_eq!(p.means.len(), settings.len());
        // The same row's numbers as the dataset.
        let ds = dataset();
        let row = ds.row(c.row.as_ref().unwrap().row);
        assert_eq!(subject.values, row.pillars.map(Some));
    }

    #[test]
    fn the_user_can_choose_another_trust_or_none() {
        let ds = dataset();
        let other = ds
            .trusts
            .iter()
            .find(|t| t.display_name.contains("Leicestershire Partnership"))
            .unwrap();
        let c = compare(
            &dudley(),
            "",
            &Choices {
                org: OrgPick::Org(Org::Trust(other.id)),
                ..Choices::default()
            },
        );
        assert!(c.picked);
        assert_eq!(c.org, Some(Org::Trust(other.id)));
        assert!(
            !c.subject_from_dataset,
            "the response's own scores are still compared"
        );
        let none = compare(
            &dudley(),
            "",
            &Choices {
                org: OrgPick::Nobody,
                ..Choices::default()
            },
        );
        assert!(none.subject.is_none() && none.stats.is_none());
        assert_eq!(
            none.note.as_deref(),
            Some("Not compared with other trusts (as you chose).")
        );
    }

    #[test]
    fn an_unknown_organisation_says_to_choose() {
        let r = Response {
            organisation: Some(v("Acme Widgets Ltd".into())),
            ..Response::default()
        };
        let c = compare(&r, "Acme Widgets Ltd, 1 High Street", &Choices::default());
        assert!(c.org.is_none());
        assert!(c.note.as_ref().unwrap().contains("choose"), "{:?}", c.note);
    }

    #[test]
    fn choices_round_trip_through_their_keys() {
        for g in PeerGroup::ALL {
            assert_eq!(group_from_key(group_key(g)), Some(g));
        }
        let list = bench::organisation_list();
        let some = OrgPick::Org(list[3].org);
        assert_eq!(pick_from_key(&pick_key(some)), Some(some));
        assert_eq!(pick_key(OrgPick::Auto), "auto");
        assert_eq!(pick_from_key("none"), Some(OrgPick::Nobody));
        assert_eq!(pick_from_key("org:99999"), None);
        assert_eq!(pick_from_key("org:x"), None);
        for s in CareSetting::ALL {
            assert_eq!(setting_from_key(setting_key(Some(s))), Some(s));
        }
        assert_eq!(setting_from_key(""), None);
    }

    #[test]
    fn group_labels_read_in_a_sentence() {
        assert_eq!(lower_group("Trusts in England"), "trusts in England");
        assert_eq!(
            lower_group("Acute trusts in England"),
            "acute trusts in England"
        );
        assert_eq!(
            lower_group("Trusts in NHS Black Country Integrated Care Board"),
            "trusts in NHS Black Country Integrated Care Board"
        );
    }
}
