//! The bundled NHS England Digital Maturity Assessment 2024/2025 dataset, organisation-name
//! matching and peer-group statistics. Pure and natively testable; builds for wasm32 too (the
//! import, which reads the official workbook, is native only).
//!
//! The API the chart, summary and UI code use:
//! - data: [`dataset()`] (loaded once from the embedded `data/dma2025.json`), [`Trust`],
//!   [`TrustRow`] (one trust × care setting, with workbook locators), [`Icb`], [`CareSetting`];
//! - matching: [`match_organisation`] (a name as written → best match with a score, ranked
//!   alternatives, or none and why), [`find_organisation_in_text`] (a whole response, by
//!   letterhead/signature/postcode cues, with spans), [`organisation_of_response`] (the
//!   extractor's name, falling back to the text), [`organisation_list`] and
//!   [`search_organisations`] (the list the user chooses from);
//! - comparison: [`choose_row`] (which care-setting row stands for a trust, and why),
//!   [`compare_row`] / [`compare_response`] (peer-group n, quartiles, rank, percentile for the
//!   seven pillars and their mean), [`comparable_change`] (2024 → 2025, comparable measure
//!   only), [`compare_icb`] (ICBs against ICBs), [`published_in_place_of`] (dataset values,
//!   labelled, where a response withheld its own), and [`RANK_CAVEAT`] to show with any rank.
//!
//! Statistical definitions (quartiles as Excel `QUARTILE.INC`; percentile = share of peers
//! below, ties half) are in [`stats`].

pub mod data;
#[cfg(not(target_arch = "wasm32"))]
pub mod import;
#[cfg(not(target_arch = "wasm32"))]
mod import_ods;
mod initialisms;
pub mod matching;
pub mod normalise;
pub mod peers;
pub mod similarity;
pub mod stats;
pub mod text_cues;

pub use data::{dataset, CareSetting, Dataset, Icb, IcbId, RowId, Trust, TrustId, TrustRow};
pub use matching::{
    match_organisation, organisation_list, search_organisations, MatchResult, MatchVia, Org,
    OrgChoice, OrgMatch, MATCH_THRESHOLD,
};
pub use peers::{
    choose_row, comparable_change, compare_icb, compare_response, compare_row, distribution_where,
    icb_comparable_change, icb_distribution, published_dma, published_in_place_of,
    response_overall, ComparableChange, IcbComparison, Measure, MeasureStats, OverallSource,
    PeerComparison, PeerGroup, PublishedDma, PublishedScore, RowChoice, RowFilter, RowReason,
    Subject, COMPARABLE_NOTE, RANK_CAVEAT,
};
pub use stats::{Distribution, Position};
pub use text_cues::{
    find_organisation_in_text, organisation_of_response, CueKind, TextCue, TextMatch,
};
