//! One line per entry: what the workspace table, the CSV exports and the comparison charts show
//! (organisation and its benchmark match, spend per year, DMA overall and pillars, statuses,
//! exemptions, how many warnings and corrections). Computed from the corrected response, so
//! every view of a batch agrees with the detail card.

use super::{Entry, EntryId, MatchChoice};
use crate::bench::{self, MatchVia, Org, OverallSource};
use crate::model::{DmaStatus, FinYear, HimssStatus, Pillar, Pounds, Response, SpendCategory};
use serde::{Deserialize, Serialize};

/// IT spend for one year, as one row shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct YearSpend {
    pub year: FinYear,
    pub total: Option<Pounds>,
    /// In [`SpendCategory::ALL`] order.
    pub parts: [Option<Pounds>; 6],
}

/// How an entry was tied to a dataset organisation.
#[derive(Clone, Debug, PartialEq)]
pub enum MatchBasis {
    /// Found by foi-lens: which of the organisation's names (or address) matched, and how well
    /// (0–1).
    Automatic { via: String, score: f64 },
    /// Chosen by the user.
    Chosen,
}

impl MatchBasis {
    /// For a CSV cell or a table: "chosen", "name 0.97", "postcode 0.90".
    pub fn describe(&self) -> String {
        match self {
            MatchBasis::Automatic { via, score } => format!("{via} {score:.2}"),
            MatchBasis::Chosen => "chosen".into(),
        }
    }
}

/// The dataset organisation an entry is from.
#[derive(Clone, Debug, PartialEq)]
pub struct Matched {
    pub org: Org,
    /// For people: "The Dudley Group NHS Foundation Trust".
    pub name: String,
    pub ods_code: Option<String>,
    pub basis: MatchBasis,
}

/// The summary of one entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: EntryId,
    /// File name or "pasted text 2".
    pub name: String,
    /// The organisation as the response names itself.
    pub organisation: Option<String>,
    pub reference: Option<String>,
    pub date: Option<String>,
    pub matched: Option<Matched>,
    pub spend: Vec<YearSpend>,
    /// The response's overall DMA score (stated, or the mean of its seven pillars).
    pub dma_overall: Option<(f64, OverallSource)>,
    pub pillars: [Option<f64>; 7],
    pub dma_status: DmaStatus,
    pub himss_status: HimssStatus,
    pub emram_stage: Option<u8>,
    pub infram_stage: Option<u8>,
    /// `"s22"`, ... in order of first use.
    pub exemptions: Vec<String>,
    pub warnings: usize,
    /// How many values were corrected by hand.
    pub corrections: usize,
    /// Why the file could not be read.
    pub error: Option<String>,
}

impl Row {
    /// Summarise `entry`, matching it to the dataset (the user's choice first, else
    /// automatically from the organisation name and the text).
    pub fn of(entry: &Entry) -> Row {
        Row::summarise(entry, true)
    }

    /// Like [`Row::of`] but never matching afresh: an entry whose kept automatic match is
    /// missing or stale gets no match (the page fills those in a few at a time, so importing
    /// 500 replies does not stop the page for a second). Also says whether it is such an entry.
    pub fn of_kept(entry: &Entry) -> (Row, bool) {
        let pending = entry.match_choice.is_none()
            && entry
                .response()
                .is_some_and(|r| !entry.auto_match.get().is_some_and(|m| m.is_valid_for(r)));
        (Row::summarise(entry, false), pending)
    }

    fn summarise(entry: &Entry, compute: bool) -> Row {
        let Some(r) = entry.response() else {
            return Row::failed(entry);
        };
        let corrections = match &entry.outcome {
            super::Outcome::Parsed(p) => p.steps().len(),
            super::Outcome::Failed { .. } => 0,
        };
        Row {
            id: entry.id,
            name: entry.name.clone(),
            organisation: r.organisation.as_ref().map(|v| v.value.clone()),
            reference: r.reference.as_ref().map(|v| v.value.clone()),
            date: r.date.as_ref().map(|v| v.value.clone()),
            matched: matched(
                entry.match_choice.as_ref(),
                entry.auto_match.get(),
                r,
                &entry.source,
                compute,
            ),
            spend: spend(r),
            dma_overall: r.dma.as_ref().and_then(bench::response_overall),
            pillars: Pillar::ALL.map(|p| {
                r.dma
                    .as_ref()
                    .and_then(|d| d.pillars.get(p))
                    .map(|v| v.value)
            }),
            dma_status: r.dma_status.value,
            himss_status: r.himss_status.value,
            emram_stage: r.emram_stage.as_ref().map(|v| v.value),
            infram_stage: r.infram_stage.as_ref().map(|v| v.value),
            exemptions: r.exemptions.iter().map(|e| e.value.clone()).collect(),
            warnings: r.warnings.len(),
            corrections,
            error: None,
        }
    }

    fn failed(entry: &Entry) -> Row {
        Row {
            id: entry.id,
            name: entry.name.clone(),
            organisation: None,
            reference: None,
            date: None,
            matched: None,
            spend: Vec::new(),
            dma_overall: None,
            pillars: [None; 7],
            dma_status: DmaStatus::NotAnswered,
            himss_status: HimssStatus::NotAnswered,
            emram_stage: None,
            infram_stage: None,
            exemptions: Vec::new(),
            warnings: 0,
            corrections: 0,
            error: entry.error().map(str::to_string),
        }
    }

    /// What to call this entry on a chart axis: the matched trust's short name, else the
    /// organisation the response names, else the file name.
    pub fn label(&self) -> String {
        match (&self.matched, &self.organisation) {
            (Some(m), _) => short_name(&m.name),
            (None, Some(o)) => short_name(o),
            (None, None) => self.name.clone(),
        }
    }

    /// Total IT spend in `year`, if the response gives it.
    pub fn total_for(&self, year: FinYear) -> Option<Pounds> {
        self.spend
            .iter()
            .find(|s| s.year == year)
            .and_then(|s| s.total)
    }
}

fn spend(r: &Response) -> Vec<YearSpend> {
    r.it_spend
        .iter()
        .map(|s| YearSpend {
            year: s.year,
            total: s.total.as_ref().map(|v| v.value),
            parts: SpendCategory::ALL.map(|c| s.breakdown.get(c).map(|v| v.value)),
        })
        .collect()
}

fn via_label(via: &MatchVia) -> &'static str {
    match via {
        MatchVia::DatasetName => "name",
        MatchVia::OdsName { .. } => "ODS name",
        MatchVia::FormerName { .. } => "former name",
        MatchVia::Abbreviation { .. } => "initialism",
        MatchVia::Postcode { .. } => "postcode",
        MatchVia::Address { .. } => "address",
    }
}

fn org_details(org: Org) -> (String, Option<String>) {
    let ds = bench::dataset();
    match org {
        Org::Trust(t) => {
            let t = ds.trust(t);
            (t.display_name.clone(), t.ods_code.clone())
        }
        Org::Icb(i) => (ds.icb(i).display_name.clone(), None),
    }
}

/// The dataset organisation for a stored choice, if the dataset still has it.
pub fn resolve_choice(choice: &MatchChoice) -> Option<Org> {
    let ds = bench::dataset();
    match choice {
        MatchChoice::Trust { name, ods_code } => ods_code
            .as_ref()
            .and_then(|code| {
                ds.trusts
                    .iter()
                    .find(|t| t.ods_code.as_deref() == Some(code.as_str()))
            })
            .or_else(|| ds.trust_by_name(name))
            .map(|t| Org::Trust(t.id)),
        MatchChoice::Icb { name } => ds.icb_by_name(name).map(|i| Org::Icb(i.id)),
        MatchChoice::NotInDataset => None,
    }
}

/// The stored form of choosing `org`.
pub fn choice_of(org: Org) -> MatchChoice {
    let ds = bench::dataset();
    match org {
        Org::Trust(t) => {
            let t = ds.trust(t);
            MatchChoice::Trust {
                name: t.name.clone(),
                ods_code: t.ods_code.clone(),
            }
        }
        Org::Icb(i) => MatchChoice::Icb {
            name: ds.icb(i).name.clone(),
        },
    }
}

/// The automatic benchmark match of an entry, kept with it so that 500 stored replies do not
/// have to be matched again on every load (matching reads the whole text: about a millisecond
/// each). Valid only for the organisation name and the dataset it was computed with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AutoMatch {
    /// The organisation as the (corrected) response named it when this was computed.
    pub organisation: Option<String>,
    /// [`dataset_fingerprint`] when this was computed.
    pub dataset: String,
    /// What was found, if anything confident.
    pub found: Option<AutoFound>,
}

/// A confident automatic match.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AutoFound {
    pub choice: MatchChoice,
    /// Which name matched: "name", "ODS name", "postcode", ...
    pub via: String,
    pub score: f64,
}

/// Identifies the bundled dataset (its workbook and ODS list), so a match computed with another
/// one is computed again.
pub fn dataset_fingerprint() -> String {
    let ds = bench::dataset();
    format!(
        "{}+{}",
        ds.source
            .file
            .sha256
            .get(..16)
            .unwrap_or(&ds.source.file.sha256),
        ds.ods_source
            .file
            .sha256
            .get(..16)
            .unwrap_or(&ds.ods_source.file.sha256)
    )
}

impl AutoMatch {
    /// Match `r` (parsed from `source`) to the dataset now.
    pub fn compute(r: &Response, source: &str) -> AutoMatch {
        let found = bench::organisation_of_response(r, source)
            .best
            .map(|best| AutoFound {
                choice: choice_of(best.org),
                via: via_label(&best.via).to_string(),
                score: best.score,
            });
        AutoMatch {
            organisation: r.organisation.as_ref().map(|v| v.value.clone()),
            dataset: dataset_fingerprint(),
            found,
        }
    }

    /// True if this was computed for `r`'s organisation with the bundled dataset.
    pub fn is_valid_for(&self, r: &Response) -> bool {
        self.organisation.as_deref() == r.organisation.as_ref().map(|v| v.value.as_str())
            && self.dataset == dataset_fingerprint()
    }
}

fn matched(
    choice: Option<&MatchChoice>,
    cached: Option<&AutoMatch>,
    r: &Response,
    source: &str,
    compute: bool,
) -> Option<Matched> {
    if let Some(choice) = choice {
        let org = resolve_choice(choice)?;
        let (name, ods_code) = org_details(org);
        return Some(Matched {
            org,
            name,
            ods_code,
            basis: MatchBasis::Chosen,
        });
    }
    let fresh;
    let auto = match cached.filter(|c| c.is_valid_for(r)) {
        Some(c) => c,
        None if !compute => return None,
        None => {
            fresh = AutoMatch::compute(r, source);
            &fresh
        }
    };
    let found = auto.found.as_ref()?;
    let org = resolve_choice(&found.choice)?;
    let (name, ods_code) = org_details(org);
    Some(Matched {
        org,
        name,
        ods_code,
        basis: MatchBasis::Automatic {
            via: found.via.clone(),
            score: found.score,
        },
    })
}

/// A trust's name without the words every trust shares, for chart axes:
/// "The Dudley Group NHS Foundation Trust" → "Dudley Group".
pub fn short_name(name: &str) -> String {
    let mut s = name.trim();
    for prefix in ["The ", "THE "] {
        s = s.strip_prefix(prefix).unwrap_or(s);
    }
    for suffix in [
        " NHS Foundation Trust",
        " NHS Trust",
        " Foundation Trust",
        " Integrated Care Board",
        " NHS FOUNDATION TRUST",
        " NHS TRUST",
    ] {
        if let Some(rest) = s.strip_suffix(suffix) {
            if !rest.trim().is_empty() {
                s = rest;
                break;
            }
        }
    }
    s.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dma, Span, SpendYear, Value};
    use crate::workspace::Workspace;

    #[test]
    fn short_names_drop_the_shared_words_only() {
        assert_eq!(
            short_name("The Dudley Group NHS Foundation Trust"),
            "Dudley Group"
        );
        assert_eq!(
            short_name("Leicestershire Partnership NHS Trust"),
            "Leicestershire Partnership"
        );
        assert_eq!(short_name("NHS Trust"), "NHS Trust");
        assert_eq!(
            short_name("NHS Black Country Integrated Care Board"),
            "NHS Black Country"
        );
    }

    fn dudley() -> Response {
        let mut r = Response {
            organisation: Some(Value::found(
                "The Dudley Group NHS Foundation Trust".into(),
                Span::new(0, 37),
            )),
            ..Response::default()
        };
        let mut y = SpendYear::new(FinYear(2023), None);
        y.total = Some(Value::found(16_467_000, Span::new(0, 1)));
        y.breakdown.staff = Some(Value::found(6_167_000, Span::new(0, 1)));
        r.it_spend.push(y);
        let mut dma = Dma::default();
        for (p, v) in Pillar::ALL.iter().zip([4.3, 3.2, 2.8, 3.5, 2.4, 2.8, 2.8]) {
            *dma.pillars.get_mut(*p) = Some(Value::found(v, Span::new(0, 1)));
        }
        r.dma = Some(dma);
        r.dma_status.value = DmaStatus::Disclosed;
        r
    }

    #[test]
    fn a_row_carries_the_figures_and_the_automatic_match() {
        let mut ws = Workspace::new();
        ws.add_parsed("dudley.txt".into(), "x".into(), dudley());
        let row = Row::of(&ws.entries[0]);
        let m = row.matched.clone().expect("Dudley is in the dataset");
        assert_eq!(m.name, "The Dudley Group NHS Foundation Trust");
        assert_eq!(m.ods_code.as_deref(), Some("RNA"));
        assert!(matches!(m.basis, MatchBasis::Automatic { .. }));
        assert_eq!(row.label(), "Dudley Group");
        assert_eq!(row.total_for(FinYear(2023)), Some(16_467_000));
        assert_eq!(row.spend[0].parts[0], Some(6_167_000));
        let (overall, source) = row.dma_overall.unwrap();
        assert!((overall - 21.8 / 7.0).abs() < 1e-9);
        assert_eq!(source, OverallSource::MeanOfPillars);
    }

    #[test]
    fn the_users_choice_overrides_the_match_and_survives_by_ods_code() {
        let mut ws = Workspace::new();
        ws.add_parsed("dudley.txt".into(), "x".into(), dudley());
        let lpt = bench::match_organisation("Leicestershire Partnership NHS Trust")
            .best
            .unwrap()
            .org;
        let mut choice = choice_of(lpt);
        // A renamed trust in a newer dataset is still found by its ODS code.
        if let MatchChoice::Trust { name, .. } = &mut choice {
            *name = "SOME OLD NAME".into();
        }
        std::rc::Rc::make_mut(&mut ws.entries[0]).match_choice = Some(choice);
        let row = Row::of(&ws.entries[0]);
        let m = row.matched.unwrap();
        assert_eq!(m.org, lpt);
        assert_eq!(m.basis, MatchBasis::Chosen);
        std::rc::Rc::make_mut(&mut ws.entries[0]).match_choice = Some(MatchChoice::NotInDataset);
        assert_eq!(Row::of(&ws.entries[0]).matched, None);
    }

    #[test]
    fn the_kept_automatic_match_is_used_while_it_fits_and_recomputed_after_a_correction() {
        let mut ws = Workspace::new();
        ws.add_parsed("dudley.txt".into(), "x".into(), dudley());
        let e = std::rc::Rc::make_mut(&mut ws.entries[0]);
        assert!(e.refresh_auto_match());
        assert!(!e.refresh_auto_match(), "still valid: nothing to do");
        // A kept match is what the row shows (here doctored, to see that it is used).
        let lpt = bench::match_organisation("Leicestershire Partnership NHS Trust")
            .best
            .unwrap()
            .org;
        if let Some(m) = e.auto_match.0.as_mut() {
            m.found.as_mut().unwrap().choice = choice_of(lpt);
        }
        assert_eq!(Row::of(e).matched.unwrap().org, lpt);
        assert_eq!(Row::of_kept(e).0.matched.unwrap().org, lpt);
        assert!(!Row::of_kept(e).1);
        // Correcting the organisation makes it stale: the row matches afresh.
        if let crate::workspace::Outcome::Parsed(p) = &mut e.outcome {
            p.edit(crate::workspace::Edit::new(
                "organisation",
                serde_json::json!("The Dudley Group NHS Foundation Trust (corrected)"),
            ))
            .unwrap();
        }
        assert_eq!(
            Row::of_kept(e).0.matched,
            None,
            "stale: not matched on the spot"
        );
        assert!(Row::of_kept(e).1, "but marked as waiting for a match");
        let m = Row::of(e).matched.unwrap();
        assert_eq!(m.name, "The Dudley Group NHS Foundation Trust");
        assert!(e.refresh_auto_match());
        assert!(!Row::of_kept(e).1);
    }

    #[test]
    fn a_failed_file_is_a_row_with_its_reason() {
        let mut ws = Workspace::new();
        ws.add_failed("scan.pdf".into(), "This PDF has no text layer".into());
        let row = Row::of(&ws.entries[0]);
        assert_eq!(row.error.as_deref(), Some("This PDF has no text layer"));
        assert_eq!(row.label(), "scan.pdf");
        assert!(row.spend.is_empty());
    }
}
