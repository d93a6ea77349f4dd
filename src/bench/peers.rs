//! Peer groups and comparisons: where a trust (or an FOI response's own figures) sits among
//! other trusts' DMA 2025 results, which care-setting row stands for a trust, the 2024 → 2025
//! change, ICB comparisons, and the dataset values to show when a response withheld its scores.
//!
//! Rules this module enforces by its types:
//! - The unit is one trust × care-setting assessment (as NHS England publishes them). A subject
//!   is compared with *other* trusts' rows; all of the subject trust's own rows are left out.
//! - An FOI's "overall" is compared with the dataset's **pillar mean** ([`Measure::PillarMean`]);
//!   the weighted comparable-domains score is a different measure and only appears in
//!   [`ComparableChange`] (2024 → 2025), never beside an FOI overall.
//! - ICBs assessed a different instrument: [`compare_icb`] compares an ICB with the other ICBs
//!   only, and trust comparisons never include ICBs.
//! - Dataset values offered in place of withheld ones are [`PublishedScore`]s, a separate type
//!   from the response's `model::Value`s, labelled with their source.

use super::data::{dataset, display_case, CareSetting, IcbId, RowId, TrustId, TrustRow};
use super::stats::{distribution, position, Distribution, Position};
use crate::model::{Dma, DmaStatus, Pillar, Response};

/// Shown wherever a rank or percentile appears.
pub const RANK_CAVEAT: &str = "DMA scores are self-assessed by each trust and ICB. NHS England \
says the DMA is not a league table: it is for tracking progress and benchmarking with peers, so a \
rank only shows where one self-assessment sits among others.";

/// Shown beside the 2024 → 2025 change.
pub const COMPARABLE_NOTE: &str = "The 2024 and 2025 scores here are NHS England's weighted \
overall over the assessment domains comparable between the two years. It is a different measure \
from the mean of the seven pillars and from an FOI reply's \"overall\" score.";

/// What is compared: one pillar, or the plain mean of the seven (the FOI "overall").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Measure {
    Pillar(Pillar),
    /// Mean of the seven 2025 pillar scores.
    PillarMean,
}

impl Measure {
    /// The seven pillars, then the pillar mean.
    pub const ALL: [Measure; 8] = [
        Measure::Pillar(Pillar::WellLed),
        Measure::Pillar(Pillar::EnsureSmartFoundations),
        Measure::Pillar(Pillar::SafePractice),
        Measure::Pillar(Pillar::SupportPeople),
        Measure::Pillar(Pillar::EmpowerCitizens),
        Measure::Pillar(Pillar::ImproveCare),
        Measure::Pillar(Pillar::HealthyPopulations),
        Measure::PillarMean,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Measure::Pillar(p) => p.label(),
            Measure::PillarMean => "Mean of the seven pillars",
        }
    }

    fn of_pillars(self, pillars: &[f64; 7]) -> f64 {
        match self {
            Measure::Pillar(p) => pillars[p.index()],
            Measure::PillarMean => pillars.iter().sum::<f64>() / 7.0,
        }
    }

    /// This measure for a dataset row.
    pub fn of_row(self, row: &TrustRow) -> f64 {
        self.of_pillars(&row.pillars)
    }
}

/// Which other trusts a subject is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeerGroup {
    /// Every trust in England.
    National,
    /// Trusts assessed for the same care setting (the comparison NHS England says is usually
    /// meaningful).
    SameCareSetting,
    /// Trusts in the same NHS England region.
    SameRegion,
    /// Trusts in the same integrated care board.
    SameIcb,
}

impl PeerGroup {
    pub const ALL: [PeerGroup; 4] = [
        PeerGroup::National,
        PeerGroup::SameCareSetting,
        PeerGroup::SameRegion,
        PeerGroup::SameIcb,
    ];

    /// A label for this group as seen from `subject` ("Acute trusts in England").
    pub fn label(self, subject: RowId) -> String {
        let ds = dataset();
        let row = ds.row(subject);
        let trust = ds.trust(row.trust);
        match self {
            PeerGroup::National => "Trusts in England".to_string(),
            PeerGroup::SameCareSetting => match row.setting {
                CareSetting::MentalHealth => "Mental health trusts in England".to_string(),
                s => format!("{} trusts in England", s.label()),
            },
            PeerGroup::SameRegion => {
                format!(
                    "Trusts in NHS England's {} region",
                    display_case(&trust.region)
                )
            }
            PeerGroup::SameIcb => format!("Trusts in {}", ds.icb(trust.icb).display_name),
        }
    }
}

/// Why a row was chosen to stand for a trust.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowReason {
    /// The trust submitted for one care setting only.
    OnlyRow,
    /// The caller asked for this setting.
    Requested,
    /// The trust's name names the setting ("... Ambulance Service ...", "... Mental Health ...").
    NamedInTitle,
    /// Several settings: the main one by the rule Acute, then Mental Health, then Ambulance, then
    /// Community (acute and mental-health trusts often also run community services).
    MainSetting,
}

/// The row standing for a trust, why, and what else could be chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct RowChoice {
    pub row: RowId,
    pub setting: CareSetting,
    pub reason: RowReason,
    /// The trust's other care-setting rows (to offer as alternatives).
    pub other_rows: Vec<RowId>,
    /// A sentence for the user: which row is used and why.
    pub explanation: String,
}

/// Choose the row that stands for `trust`: `preferred` if the trust has that setting, else the
/// only row, else the setting its name names, else the main setting (see [`RowReason`]).
pub fn choose_row(trust: TrustId, preferred: Option<CareSetting>) -> RowChoice {
    let ds = dataset();
    let t = ds.trust(trust);
    let rows: Vec<&TrustRow> = t.rows.iter().map(|r| ds.row(*r)).collect();
    let has = |s: CareSetting| rows.iter().find(|r| r.setting == s).map(|r| r.id);
    let settings: Vec<&str> = rows.iter().map(|r| r.setting.label()).collect();

    let requested = preferred.and_then(has);
    let named: Vec<RowId> = setting_named_in(&t.name)
        .into_iter()
        .filter_map(has)
        .collect();
    let (row, reason) = if let Some(r) = requested {
        (r, RowReason::Requested)
    } else if rows.len() == 1 {
        (rows[0].id, RowReason::OnlyRow)
    } else if named.len() == 1 {
        (named[0], RowReason::NamedInTitle)
    } else {
        let main = [
            CareSetting::Acute,
            CareSetting::MentalHealth,
            CareSetting::Ambulance,
            CareSetting::Community,
        ]
        .into_iter()
        .find_map(has)
        .expect("every trust has at least one row");
        (main, RowReason::MainSetting)
    };
    let setting = ds.row(row).setting;
    let mut explanation = match reason {
        RowReason::OnlyRow => format!(
            "{} was assessed for one care setting ({}).",
            t.display_name,
            setting.label()
        ),
        RowReason::Requested => format!(
            "Using {}'s {} assessment, as chosen.",
            t.display_name,
            setting.label()
        ),
        RowReason::NamedInTitle => format!(
            "{} was assessed for {}; its {} assessment is used because its name says {}.",
            t.display_name,
            settings.join(" and "),
            setting.label(),
            setting.label().to_lowercase()
        ),
        RowReason::MainSetting => format!(
            "{} was assessed for {}; its {} assessment is used as its main care setting.",
            t.display_name,
            settings.join(" and "),
            setting.label()
        ),
    };
    if let (Some(p), None) = (preferred, requested) {
        explanation.push_str(&format!(" It has no {} assessment.", p.label()));
    }
    if rows.len() > 1 && reason != RowReason::Requested {
        explanation.push_str(" Choose another care setting to compare that assessment instead.");
    }
    RowChoice {
        row,
        setting,
        reason,
        other_rows: t.rows.iter().copied().filter(|r| *r != row).collect(),
        explanation,
    }
}

/// Care settings a trust's name spells out.
fn setting_named_in(name: &str) -> Vec<CareSetting> {
    let upper = format!(" {} ", name.to_uppercase());
    let mut out = Vec::new();
    if upper.contains(" AMBULANCE ") {
        out.push(CareSetting::Ambulance);
    }
    if upper.contains(" MENTAL HEALTH ") {
        out.push(CareSetting::MentalHealth);
    }
    if upper.contains(" COMMUNITY ") {
        out.push(CareSetting::Community);
    }
    if [" HOSPITAL ", " HOSPITALS ", " INFIRMARY "]
        .iter()
        .any(|w| upper.contains(w))
    {
        out.push(CareSetting::Acute);
    }
    out
}

/// The rows `subject` is compared with in `group`: other trusts' rows only.
pub fn peer_rows(subject: RowId, group: PeerGroup) -> Vec<RowId> {
    let ds = dataset();
    let me = ds.row(subject);
    let my_trust = ds.trust(me.trust);
    ds.rows
        .iter()
        .filter(|r| r.trust != me.trust)
        .filter(|r| {
            let t = ds.trust(r.trust);
            match group {
                PeerGroup::National => true,
                PeerGroup::SameCareSetting => r.setting == me.setting,
                PeerGroup::SameRegion => t.region == my_trust.region,
                PeerGroup::SameIcb => t.icb == my_trust.icb,
            }
        })
        .map(|r| r.id)
        .collect()
}

/// One measure's peer summary and the subject's place in it.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureStats {
    pub measure: Measure,
    /// The subject's value (`None` when a response did not give it).
    pub subject: Option<f64>,
    /// The peers' distribution (`None` with no peers).
    pub peers: Option<Distribution>,
    /// The subject's rank and percentile among the peers.
    pub position: Option<Position>,
}

/// Whose values are being compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A dataset row's own 2025 values.
    DatasetRow(RowId),
    /// A response's own figures; the row only decides the peer group.
    Response { grouped_as: RowId },
}

/// A subject against one peer group, for all eight measures.
#[derive(Clone, Debug, PartialEq)]
pub struct PeerComparison {
    pub subject: Subject,
    pub group: PeerGroup,
    /// "Acute trusts in England".
    pub label: String,
    pub n_peers: usize,
    /// In [`Measure::ALL`] order.
    pub measures: Vec<MeasureStats>,
    /// Always [`RANK_CAVEAT`]: show it with any rank.
    pub caveat: &'static str,
}

fn compare(
    subject: Subject,
    row: RowId,
    group: PeerGroup,
    values: [Option<f64>; 8],
) -> PeerComparison {
    let ds = dataset();
    let peers = peer_rows(row, group);
    let measures = Measure::ALL
        .iter()
        .zip(values)
        .map(|(m, subject_value)| {
            let peer_values: Vec<f64> = peers.iter().map(|r| m.of_row(ds.row(*r))).collect();
            MeasureStats {
                measure: *m,
                subject: subject_value,
                peers: distribution(&peer_values),
                position: subject_value.and_then(|v| position(v, &peer_values)),
            }
        })
        .collect();
    PeerComparison {
        subject,
        group,
        label: group.label(row),
        n_peers: peers.len(),
        measures,
        caveat: RANK_CAVEAT,
    }
}

/// A dataset row's 2025 values against its peers in `group`.
pub fn compare_row(row: RowId, group: PeerGroup) -> PeerComparison {
    let r = dataset().row(row);
    let values = Measure::ALL.map(|m| Some(m.of_row(r)));
    compare(Subject::DatasetRow(row), row, group, values)
}

/// A response's own DMA figures against the peers of the trust it came from (`grouped_as`, from
/// [`choose_row`]). Each pillar is compared where the response gives it; the pillar mean uses
/// the response's stated overall, or the mean of its seven pillars when it states none (see
/// [`response_overall`]).
pub fn compare_response(dma: &Dma, grouped_as: RowId, group: PeerGroup) -> PeerComparison {
    let mut values = [None; 8];
    for p in Pillar::ALL {
        values[p.index()] = dma.pillars.get(p).map(|v| v.value);
    }
    values[7] = response_overall(dma).map(|(v, _)| v);
    compare(Subject::Response { grouped_as }, grouped_as, group, values)
}

/// Where a response's "overall" figure came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverallSource {
    /// The response printed it.
    Stated,
    /// Computed here as the mean of the seven pillars the response gave.
    MeanOfPillars,
}

/// The response's overall DMA score to set beside the dataset's pillar mean.
pub fn response_overall(dma: &Dma) -> Option<(f64, OverallSource)> {
    match &dma.overall {
        Some(v) => Some((v.value, OverallSource::Stated)),
        None => dma
            .pillars
            .mean()
            .map(|m| (m, OverallSource::MeanOfPillars)),
    }
}

/// A set of dataset rows with no subject: every field that is `Some` must match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowFilter {
    pub setting: Option<CareSetting>,
    /// Region as printed in the workbook ("MIDLANDS").
    pub region: Option<String>,
    pub icb: Option<IcbId>,
}

impl RowFilter {
    fn admits(&self, row: &TrustRow) -> bool {
        let t = dataset().trust(row.trust);
        self.setting.is_none_or(|s| row.setting == s)
            && self
                .region
                .as_ref()
                .is_none_or(|r| t.region.eq_ignore_ascii_case(r))
            && self.icb.is_none_or(|i| t.icb == i)
    }
}

/// Summary of every row matching `filter` (e.g. all acute rows, for a chart of many
/// responses); `None` when no row matches.
pub fn distribution_where(filter: &RowFilter, measure: Measure) -> Option<Distribution> {
    let values: Vec<f64> = dataset()
        .rows
        .iter()
        .filter(|r| filter.admits(r))
        .map(|r| measure.of_row(r))
        .collect();
    distribution(&values)
}

/// Summary of all 42 ICBs' own DMA for `measure`.
pub fn icb_distribution(measure: Measure) -> Option<Distribution> {
    let values: Vec<f64> = dataset()
        .icbs
        .iter()
        .map(|i| measure.of_pillars(&i.pillars))
        .collect();
    distribution(&values)
}

/// A change in NHS England's weighted comparable-domains overall, 2024 → 2025.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparableChange {
    pub score_2024: f64,
    pub score_2025: f64,
    /// 2025 minus 2024.
    pub change: f64,
    /// Workbook cells the two scores came from.
    pub locator: String,
    /// Always [`COMPARABLE_NOTE`].
    pub note: &'static str,
}

/// A trust row's 2024 → 2025 change (comparable domains only).
pub fn comparable_change(row: RowId) -> ComparableChange {
    let r = dataset().row(row);
    ComparableChange {
        score_2024: r.comparable_2024,
        score_2025: r.comparable_2025,
        change: r.comparable_2025 - r.comparable_2024,
        locator: r.comparable_at.clone(),
        note: COMPARABLE_NOTE,
    }
}

/// An ICB's 2024 → 2025 change (comparable domains only).
pub fn icb_comparable_change(icb: IcbId) -> ComparableChange {
    let i = dataset().icb(icb);
    ComparableChange {
        score_2024: i.comparable_2024,
        score_2025: i.comparable_2025,
        change: i.comparable_2025 - i.comparable_2024,
        locator: i.comparable_at.clone(),
        note: COMPARABLE_NOTE,
    }
}

/// An ICB's own DMA against the other ICBs.
#[derive(Clone, Debug, PartialEq)]
pub struct IcbComparison {
    pub icb: IcbId,
    pub n_peers: usize,
    /// In [`Measure::ALL`] order.
    pub measures: Vec<MeasureStats>,
    pub caveat: &'static str,
}

/// An ICB's 2025 pillars and pillar mean against the other ICBs (never against trusts: the ICB
/// DMA is a different instrument).
pub fn compare_icb(icb: IcbId) -> IcbComparison {
    let ds = dataset();
    let me = ds.icb(icb);
    let peers: Vec<&[f64; 7]> = ds
        .icbs
        .iter()
        .filter(|i| i.id != icb)
        .map(|i| &i.pillars)
        .collect();
    let measures = Measure::ALL
        .iter()
        .map(|m| {
            let values: Vec<f64> = peers.iter().map(|p| m.of_pillars(p)).collect();
            let mine = m.of_pillars(&me.pillars);
            MeasureStats {
                measure: *m,
                subject: Some(mine),
                peers: distribution(&values),
                position: position(mine, &values),
            }
        })
        .collect();
    IcbComparison {
        icb,
        n_peers: peers.len(),
        measures,
        caveat: RANK_CAVEAT,
    }
}

/// A score taken from the published dataset, not from a response. Deliberately not a
/// `model::Value`: it has no span in the response and must be labelled as the dataset's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PublishedScore(f64);

impl PublishedScore {
    pub fn value(self) -> f64 {
        self.0
    }
}

/// The DMA 2025 scores NHS England published for a trust, to show (labelled) where a response
/// withheld or did not give its own.
#[derive(Clone, Debug, PartialEq)]
pub struct PublishedDma {
    pub trust: TrustId,
    /// Which care-setting row, and why.
    pub row: RowChoice,
    /// In [`Pillar::ALL`] order.
    pub pillars: [PublishedScore; 7],
    pub pillar_mean: PublishedScore,
    /// Workbook cells of the pillars.
    pub locator: String,
    /// "Published by NHS England on 30 March 2026 (DMA 2025 results data file); not figures
    /// from this response."
    pub label: String,
}

/// The published 2025 scores for `trust` (row chosen as [`choose_row`] does).
pub fn published_dma(trust: TrustId, preferred: Option<CareSetting>) -> PublishedDma {
    let ds = dataset();
    let choice = choose_row(trust, preferred);
    let r = ds.row(choice.row);
    PublishedDma {
        trust,
        pillars: r.pillars.map(PublishedScore),
        pillar_mean: PublishedScore(r.pillar_mean()),
        locator: r.pillars_at.clone(),
        label: format!(
            "Published by NHS England on {} (DMA 2025 results data file, {} assessment); not \
             figures from this response.",
            super::data::human_date(&ds.source.publication_date),
            r.setting.label()
        ),
        row: choice,
    }
}

/// The published scores to offer when `response` did not disclose its DMA scores (withheld
/// under an exemption, not held, not answered, partial, or said not assessed); `None` when it
/// disclosed them all.
pub fn published_in_place_of(
    response: &Response,
    trust: TrustId,
    preferred: Option<CareSetting>,
) -> Option<PublishedDma> {
    let complete = response
        .dma
        .as_ref()
        .is_some_and(|d| d.pillars.count() == 7);
    let disclosed = response.dma_status.value == DmaStatus::Disclosed && complete;
    (!disclosed).then(|| published_dma(trust, preferred))
}
