//! Between the page and a link: the [`View`] of what is on screen (for "Copy link" and "Copy
//! embed code"), and what a decoded view opens to ([`open`]): the parsed response with the
//! sender's corrections re-applied and the benchmark choices they made.
//!
//! A choice that cannot be reproduced here (an organisation this build's dataset does not have,
//! a correction that no longer fits the parse) is not silently dropped: [`Opened::problems`]
//! says so, for the page to show.

use super::{contract_from_values, values_for_link, ShareError, View};
use crate::bench::organisation_list;
use crate::chart::compare::{
    group_from_key, group_key, setting_from_key, setting_key, Choices, OrgPick,
};
use crate::model::Response;
use crate::report::fields::{apply_edits, Path};
use crate::report::json::{from_contract, to_contract};
use serde_json::{Map, Value as Json};

/// `View::trust` for "do not compare with other trusts".
pub const NO_ORGANISATION: &str = "none";

/// The benchmark choices as a view carries them (`trust`, `peers`, `setting`); defaults are left
/// out so links stay short.
fn put_choices(view: &mut View, choices: &Choices) {
    view.trust = match choices.org {
        OrgPick::Auto => None,
        OrgPick::Nobody => Some(NO_ORGANISATION.into()),
        OrgPick::Org(o) => Some(o.name().to_string()),
    };
    view.peers =
        (choices.group != Choices::default().group).then(|| group_key(choices.group).to_string());
    view.setting = choices.setting.map(|s| setting_key(Some(s)).to_string());
}

/// The view of a document read from `text` (named `name`) with the user's corrections, as a
/// share link carries it.
pub fn link_view(
    name: &str,
    text: &str,
    edits: &[(Path, String)],
    choices: &Choices,
    chart: Option<&str>,
) -> View {
    let mut view = View {
        text: Some(text.to_string()),
        name: Some(name.to_string()),
        edits: edits
            .iter()
            .map(|(p, typed)| (p.to_string(), typed.clone()))
            .collect(),
        chart: chart.map(str::to_string),
        ..View::default()
    };
    put_choices(&mut view, choices);
    view
}

/// A response's figures for a link (no evidence: the link does not carry the text).
pub fn link_values(response: &Response, text: &str) -> Map<String, Json> {
    values_for_link(&to_contract(response, text))
}

/// The view an embed carries: the figures only (a chart needs no text, and the code stays
/// short), the document's name (so the embed can say foi-lens read the figures from a reply),
/// and the organisation *in use* pinned, so the embed compares with the same trust
/// whatever a future matcher would find. `compared_as`: the organisation's name in the DMA
/// dataset, or `None` when not compared.
pub fn embed_view(
    name: &str,
    response: &Response,
    text: &str,
    choices: &Choices,
    compared_as: Option<&str>,
    chart: &str,
) -> View {
    let mut view = View {
        values: Some(link_values(response, text)),
        name: Some(name.to_string()),
        chart: Some(chart.to_string()),
        ..View::default()
    };
    put_choices(&mut view, choices);
    view.trust = Some(compared_as.unwrap_or(NO_ORGANISATION).to_string());
    view
}

/// What a view opens to.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// Where the figures came from, for people.
    pub name: String,
    /// The reply's text ("" when the view carries figures only).
    pub text: String,
    /// What the parser read from `text` (or the figures as given).
    pub parsed: Response,
    /// The sender's corrections that apply, in order.
    pub edits: Vec<(Path, String)>,
    /// `parsed` with `edits` applied.
    pub response: Response,
    pub choices: Choices,
    pub chart: Option<String>,
    /// True when the view carried the text (evidence can be shown).
    pub carries_text: bool,
    /// True when foi-lens read the figures from a reply (a view with the text, or one a
    /// foi-lens page made, which names its source); false for figures a publisher wrote.
    pub read_from_reply: bool,
    /// What could not be reproduced, for the user.
    pub problems: Vec<String>,
}

/// Open a decoded view: parse its text and re-apply its corrections, or read its figures.
pub fn open(view: &View) -> Result<Opened, ShareError> {
    let mut problems = Vec::new();
    let (text, parsed, edits, carries_text) = match (&view.text, &view.values) {
        (Some(text), _) => {
            let parsed = crate::parse(text);
            let mut edits = Vec::new();
            let mut unknown = 0;
            for (path, typed) in &view.edits {
                match Path::parse(path) {
                    Some(p) => edits.push((p, typed.clone())),
                    None => unknown += 1,
                }
            }
            if unknown > 0 {
                problems.push(format!(
                    "{} of the sender's corrections name figures this foi-lens does not know, so they were left out.",
                    count(unknown, "correction")
                ));
            }
            (text.clone(), parsed, edits, true)
        }
        (None, Some(values)) => {
            let response = from_contract(&contract_from_values(values))
                .map_err(|e| ShareError::Damaged(format!("its figures cannot be read: {e}")))?;
            (String::new(), response, Vec::new(), false)
        }
        (None, None) => {
            return Err(ShareError::Damaged(
                "it has neither a reply text nor figures".into(),
            ))
        }
    };
    let (response, skipped) = apply_edits(&parsed, &edits);
    if !skipped.is_empty() {
        problems.push(format!(
            "{} no longer fit what this foi-lens reads from the text ({}), so they were left out.",
            count(skipped.len(), "of the sender's corrections"),
            skipped
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let edits = edits
        .into_iter()
        .filter(|(p, _)| !skipped.contains(p))
        .collect();
    let choices = choices_of(view, &mut problems);
    Ok(Opened {
        name: view
            .name
            .clone()
            .unwrap_or_else(|| "a shared link".to_string()),
        text,
        parsed,
        edits,
        response,
        choices,
        chart: view.chart.clone(),
        carries_text,
        read_from_reply: carries_text || view.name.is_some(),
        problems,
    })
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}")
    }
}

/// The benchmark choices a view asks for; anything this build cannot honour falls back to the
/// default, with a problem saying so.
fn choices_of(view: &View, problems: &mut Vec<String>) -> Choices {
    let mut choices = Choices::default();
    if let Some(trust) = view.trust.as_deref() {
        if trust == NO_ORGANISATION {
            choices.org = OrgPick::Nobody;
        } else {
            match organisation_list().iter().find(|c| c.org.name() == trust) {
                Some(c) => choices.org = OrgPick::Org(c.org),
                None => problems.push(format!(
                    "The link compares with “{trust}”, which is not in this foi-lens's DMA data; it is matched automatically instead."
                )),
            }
        }
    }
    if let Some(peers) = view.peers.as_deref() {
        match group_from_key(peers) {
            Some(g) => choices.group = g,
            None => problems.push(format!(
                "The link's peer group “{peers}” is unknown here; all trusts in England are used instead."
            )),
        }
    }
    if let Some(setting) = view.setting.as_deref() {
        // An unknown care setting falls back to the trust's main one, which the page names.
        choices.setting = setting_from_key(setting);
    }
    choices
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::PeerGroup;
    use crate::report::fields::field;

    fn dudley() -> String {
        std::fs::read_to_string(format!(
            "{}/tests/fixtures/dudley_it_spend_dma_himss_2025.txt",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    fn some_trust() -> crate::bench::Org {
        organisation_list()
            .iter()
            .find(|c| matches!(c.org, crate::bench::Org::Trust(_)))
            .unwrap()
            .org
    }

    #[test]
    fn a_link_reopens_with_the_same_figures_corrections_and_choices() {
        let text = dudley();
        let edits = vec![(Path::SpendTotal(0), "16500000".to_string())];
        let choices = Choices {
            org: OrgPick::Org(some_trust()),
            setting: None,
            group: PeerGroup::SameRegion,
        };
        let view = link_view("reply.txt", &text, &edits, &choices, Some("dma"));
        assert_eq!(view.peers.as_deref(), Some("region"));
        let code = super::super::encode(&view);
        let opened = open(&super::super::decode(&code).unwrap()).unwrap();
        assert_eq!(opened.name, "reply.txt");
        assert_eq!(opened.edits, edits);
        assert_eq!(opened.choices, choices);
        assert_eq!(opened.chart.as_deref(), Some("dma"));
        assert!(opened.carries_text);
        assert_eq!(opened.problems, Vec::<String>::new());
        let total = field(&opened.response, Path::SpendTotal(0)).unwrap();
        assert_eq!(total.shown.as_deref(), Some("£16,500,000"));
        assert!(total.edited);
        // The parse itself is the same as the sender's.
        assert_eq!(opened.parsed, crate::parse(&text));
    }

    #[test]
    fn a_figures_only_view_opens_to_the_same_figures() {
        let text = dudley();
        let mut r = crate::parse(&text);
        crate::report::fields::apply_edit(&mut r, Path::SpendTotal(0), "1000000").unwrap();
        let view = embed_view("reply.txt", &r, &text, &Choices::default(), None, "spend");
        assert_eq!(view.trust.as_deref(), Some(NO_ORGANISATION));
        let opened = open(&view).unwrap();
        assert!(!opened.carries_text);
        assert!(opened.read_from_reply, "made by foi-lens from a reply");
        assert_eq!(opened.choices.org, OrgPick::Nobody);
        for p in crate::report::fields::card_paths(&r) {
            let (a, b) = (field(&r, p), field(&opened.response, p));
            assert_eq!(
                a.as_ref().map(|f| (&f.shown, f.edited)),
                b.as_ref().map(|f| (&f.shown, f.edited)),
                "{p}"
            );
        }
    }

    #[test]
    fn what_cannot_be_reproduced_is_said_not_dropped_silently() {
        let view = View {
            text: Some(dudley()),
            edits: vec![
                ("no.such.path".into(), "1".into()),
                ("it_spend[9].total_gbp".into(), "5".into()),
            ],
            trust: Some("Imaginary NHS Trust".into()),
            peers: Some("galaxy".into()),
            ..View::default()
        };
        let opened = open(&view).unwrap();
        assert_eq!(opened.edits, vec![]);
        assert_eq!(opened.choices, Choices::default());
        assert_eq!(opened.problems.len(), 4, "{:?}", opened.problems);
        assert!(opened.problems[0].starts_with("1 correction"));
        assert!(opened.problems[1].contains("it_spend[9].total_gbp"));
        assert!(opened.problems[2].contains("Imaginary NHS Trust"));
    }

    #[test]
    fn figures_that_are_not_a_response_are_a_damaged_link() {
        let mut values = Map::new();
        values.insert("it_spend".into(), Json::from("lots"));
        let view = View {
            values: Some(values),
            ..View::default()
        };
        match open(&view) {
            Err(ShareError::Damaged(why)) => assert!(
                why.starts_with("its figures cannot be read: it_spend"),
                "{why}"
            ),
            other => panic!("{other:?}"),
        }
    }
}
