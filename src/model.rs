//! The data model: what a parsed FOI response is.
//!
//! Every extracted figure is a [`Value`] that remembers the byte [`Span`] of the original text it
//! came from (like a typst-syntax node knows its span), how sure the parser was, and whether the
//! user edited it. Absent or withheld figures are `None`, never a guessed number: the status fields
//! and [`Warning`]s say why they are absent.
//!
//! This module is plain data (serde-serialisable, no logic beyond small accessors) so that the CLI,
//! the exporters and the Yew app all share one vocabulary. The public JSON contract
//! (`schema: "foi-lens/1"`) is produced from it by `report::json`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A byte range `start..end` in the original text handed to `parse` (UTF-8 byte offsets, always on
/// char boundaries).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers in `source`, or "" when the span does not fit the source (e.g.
    /// an edited response shown against a different text).
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or("")
    }
}

/// How sure the parser is of a value. Values it is *unsure* of are not returned at all (null plus
/// a warning); `Medium` marks values read by a weaker rule (e.g. a unit inferred from a column
/// header rather than printed beside the number).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    #[default]
    High,
    Medium,
}

/// One extracted (or user-edited) value with its evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Value<T> {
    pub value: T,
    /// Where in the source text the value was read. `None` only for values the user typed in.
    pub span: Option<Span>,
    #[serde(default)]
    pub confidence: Confidence,
    /// True once the user has changed the value by hand; the span then still points at the
    /// original evidence so the UI can show what was replaced.
    #[serde(default)]
    pub edited: bool,
}

impl<T> Value<T> {
    /// A value read from the source at `span`.
    pub fn found(value: T, span: Span) -> Self {
        Value {
            value,
            span: Some(span),
            confidence: Confidence::High,
            edited: false,
        }
    }

    /// A value the user entered or changed.
    pub fn edited(value: T, span: Option<Span>) -> Self {
        Value {
            value,
            span,
            confidence: Confidence::High,
            edited: true,
        }
    }

    pub fn with_confidence(mut self, confidence: Confidence) -> Self {
        self.confidence = confidence;
        self
    }
}

/// Money in whole pounds (the contract's unit). Fractions of a pound in a source are rounded.
pub type Pounds = i64;

/// A UK public-sector financial year, April to March, named by the calendar year it starts in:
/// `FinYear(2023)` is "2023/24".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct FinYear(pub u16);

impl FinYear {
    /// Parse the contract's own spelling, `"2023/24"`.
    pub fn from_label(label: &str) -> Option<FinYear> {
        let (a, b) = label.split_once('/')?;
        let start: u16 = a.parse().ok()?;
        let end: u16 = b.parse().ok()?;
        (a.len() == 4 && b.len() == 2 && (start + 1) % 100 == end).then_some(FinYear(start))
    }
}

impl fmt::Display for FinYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.0, (self.0 + 1) % 100)
    }
}

impl From<FinYear> for String {
    fn from(y: FinYear) -> String {
        y.to_string()
    }
}

impl TryFrom<String> for FinYear {
    type Error = String;
    fn try_from(s: String) -> Result<FinYear, String> {
        FinYear::from_label(&s)
            .ok_or_else(|| format!("not a financial year like \"2023/24\": {s:?}"))
    }
}

/// The parts of IT spend the July 2025 round-robin asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpendCategory {
    Staff,
    Software,
    Services,
    Hardware,
    Communications,
    Other,
}

impl SpendCategory {
    pub const ALL: [SpendCategory; 6] = [
        SpendCategory::Staff,
        SpendCategory::Software,
        SpendCategory::Services,
        SpendCategory::Hardware,
        SpendCategory::Communications,
        SpendCategory::Other,
    ];

    /// The contract key (`"staff"`, `"communications"`, ...).
    pub fn key(self) -> &'static str {
        match self {
            SpendCategory::Staff => "staff",
            SpendCategory::Software => "software",
            SpendCategory::Services => "services",
            SpendCategory::Hardware => "hardware",
            SpendCategory::Communications => "communications",
            SpendCategory::Other => "other",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            SpendCategory::Staff => "IT staff",
            SpendCategory::Software => "Software",
            SpendCategory::Services => "Services",
            SpendCategory::Hardware => "Hardware",
            SpendCategory::Communications => "Communications",
            SpendCategory::Other => "Other",
        }
    }

    pub fn from_key(key: &str) -> Option<SpendCategory> {
        SpendCategory::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// IT spend split by category; `None` where the response gives no figure.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    pub staff: Option<Value<Pounds>>,
    pub software: Option<Value<Pounds>>,
    pub services: Option<Value<Pounds>>,
    pub hardware: Option<Value<Pounds>>,
    pub communications: Option<Value<Pounds>>,
    pub other: Option<Value<Pounds>>,
}

impl Breakdown {
    pub fn get(&self, c: SpendCategory) -> Option<&Value<Pounds>> {
        self.slot(c).as_ref()
    }

    pub fn get_mut(&mut self, c: SpendCategory) -> &mut Option<Value<Pounds>> {
        match c {
            SpendCategory::Staff => &mut self.staff,
            SpendCategory::Software => &mut self.software,
            SpendCategory::Services => &mut self.services,
            SpendCategory::Hardware => &mut self.hardware,
            SpendCategory::Communications => &mut self.communications,
            SpendCategory::Other => &mut self.other,
        }
    }

    fn slot(&self, c: SpendCategory) -> &Option<Value<Pounds>> {
        match c {
            SpendCategory::Staff => &self.staff,
            SpendCategory::Software => &self.software,
            SpendCategory::Services => &self.services,
            SpendCategory::Hardware => &self.hardware,
            SpendCategory::Communications => &self.communications,
            SpendCategory::Other => &self.other,
        }
    }

    pub fn is_empty(&self) -> bool {
        SpendCategory::ALL.iter().all(|c| self.get(*c).is_none())
    }
}

/// IT spend for one financial year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpendYear {
    pub year: FinYear,
    /// Where the year itself was written (e.g. "FY 2023/2024 (£):").
    pub year_span: Option<Span>,
    pub total: Option<Value<Pounds>>,
    pub breakdown: Breakdown,
}

impl SpendYear {
    pub fn new(year: FinYear, year_span: Option<Span>) -> Self {
        SpendYear {
            year,
            year_span,
            total: None,
            breakdown: Breakdown::default(),
        }
    }
}

/// The seven pillars of NHS England's "What Good Looks Like" framework, scored 1.0–5.0 in the
/// Digital Maturity Assessment. Order is the contract's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pillar {
    WellLed,
    EnsureSmartFoundations,
    SafePractice,
    SupportPeople,
    EmpowerCitizens,
    ImproveCare,
    HealthyPopulations,
}

impl Pillar {
    pub const ALL: [Pillar; 7] = [
        Pillar::WellLed,
        Pillar::EnsureSmartFoundations,
        Pillar::SafePractice,
        Pillar::SupportPeople,
        Pillar::EmpowerCitizens,
        Pillar::ImproveCare,
        Pillar::HealthyPopulations,
    ];

    /// The contract key (`"well_led"`, ...).
    pub fn key(self) -> &'static str {
        match self {
            Pillar::WellLed => "well_led",
            Pillar::EnsureSmartFoundations => "ensure_smart_foundations",
            Pillar::SafePractice => "safe_practice",
            Pillar::SupportPeople => "support_people",
            Pillar::EmpowerCitizens => "empower_citizens",
            Pillar::ImproveCare => "improve_care",
            Pillar::HealthyPopulations => "healthy_populations",
        }
    }

    /// The WGLL name, as FOI requests spell it.
    pub fn label(self) -> &'static str {
        match self {
            Pillar::WellLed => "Well Led",
            Pillar::EnsureSmartFoundations => "Ensure Smart Foundations",
            Pillar::SafePractice => "Safe Practice",
            Pillar::SupportPeople => "Support People",
            Pillar::EmpowerCitizens => "Empower Citizens",
            Pillar::ImproveCare => "Improve Care",
            Pillar::HealthyPopulations => "Healthy Populations",
        }
    }

    /// Other names the same pillar goes by: the NHS England data file says "Support Workforce"
    /// and "Empower People".
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Pillar::SupportPeople => &["Support Workforce"],
            Pillar::EmpowerCitizens => &["Empower People"],
            _ => &[],
        }
    }

    pub fn from_key(key: &str) -> Option<Pillar> {
        Pillar::ALL.into_iter().find(|p| p.key() == key)
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Scores for the seven pillars, indexed by [`Pillar::index`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Pillars(pub [Option<Value<f64>>; 7]);

impl Pillars {
    pub fn get(&self, p: Pillar) -> Option<&Value<f64>> {
        self.0[p.index()].as_ref()
    }

    pub fn get_mut(&mut self, p: Pillar) -> &mut Option<Value<f64>> {
        &mut self.0[p.index()]
    }

    pub fn count(&self) -> usize {
        self.0.iter().filter(|v| v.is_some()).count()
    }

    /// The plain mean of the seven scores, when all seven are present (how FOI replies compute
    /// their "overall").
    pub fn mean(&self) -> Option<f64> {
        let vals: Vec<f64> = self.0.iter().flatten().map(|v| v.value).collect();
        (vals.len() == 7).then(|| vals.iter().sum::<f64>() / 7.0)
    }
}

/// A Digital Maturity Assessment result as disclosed in a response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dma {
    pub overall: Option<Value<f64>>,
    pub pillars: Pillars,
}

/// What a response did with the DMA question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DmaStatus {
    /// Overall and/or all pillars given.
    Disclosed,
    /// Some figures given, others withheld or missing.
    Partial,
    /// Withheld under an FOI exemption (see `exemptions`).
    Exempt,
    NotHeld,
    /// The body says it has not done the assessment.
    NotAssessed,
    /// The response does not address it.
    #[default]
    NotAnswered,
}

impl DmaStatus {
    pub fn key(self) -> &'static str {
        match self {
            DmaStatus::Disclosed => "disclosed",
            DmaStatus::Partial => "partial",
            DmaStatus::Exempt => "exempt",
            DmaStatus::NotHeld => "not_held",
            DmaStatus::NotAssessed => "not_assessed",
            DmaStatus::NotAnswered => "not_answered",
        }
    }
}

/// What a response said about HIMSS EMRAM / INFRAM.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HimssStatus {
    Disclosed,
    NotAssessed,
    NotHeld,
    Exempt,
    #[default]
    NotAnswered,
}

impl HimssStatus {
    pub fn key(self) -> &'static str {
        match self {
            HimssStatus::Disclosed => "disclosed",
            HimssStatus::NotAssessed => "not_assessed",
            HimssStatus::NotHeld => "not_held",
            HimssStatus::Exempt => "exempt",
            HimssStatus::NotAnswered => "not_answered",
        }
    }
}

/// How serious a warning is: `Warning`s need a reader's attention (an ambiguous figure, a total
/// that does not add up); `Note`s are worth knowing but not alarming (a difference within the
/// printed rounding, a VAT remark).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    #[default]
    Warning,
    Note,
}

/// Something the reader should know about the extraction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    #[serde(default)]
    pub level: Level,
    /// The contract path of the field concerned (`"it_spend[1].total_gbp"`, `"dma"`,
    /// `"tables[0].rows[3].values[1]"`), when there is one.
    pub field: Option<String>,
    /// A plain-English sentence: what was seen, where, and why no value (or this value) was kept.
    pub message: String,
    pub span: Option<Span>,
}

impl Warning {
    pub fn new(field: Option<String>, message: impl Into<String>, span: Option<Span>) -> Self {
        Warning {
            level: Level::Warning,
            field,
            message: message.into(),
            span,
        }
    }

    pub fn note(field: Option<String>, message: impl Into<String>, span: Option<Span>) -> Self {
        Warning {
            level: Level::Note,
            ..Warning::new(field, message, span)
        }
    }
}

/// The unit a money table's figures are printed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum MoneyUnit {
    #[default]
    #[serde(rename = "£")]
    Pounds,
    #[serde(rename = "£k")]
    Thousands,
    #[serde(rename = "£m")]
    Millions,
    #[serde(rename = "£bn")]
    Billions,
}

impl MoneyUnit {
    /// Pounds per printed unit.
    pub fn factor(self) -> f64 {
        match self {
            MoneyUnit::Pounds => 1.0,
            MoneyUnit::Thousands => 1e3,
            MoneyUnit::Millions => 1e6,
            MoneyUnit::Billions => 1e9,
        }
    }

    /// The contract's spelling: "£", "£k", "£m", "£bn".
    pub fn symbol(self) -> &'static str {
        match self {
            MoneyUnit::Pounds => "£",
            MoneyUnit::Thousands => "£k",
            MoneyUnit::Millions => "£m",
            MoneyUnit::Billions => "£bn",
        }
    }
}

/// A column of a money table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableColumn {
    /// The header as printed.
    pub label: String,
    /// The financial year the column is for; `None` for a total column.
    pub year: Option<FinYear>,
    pub is_total: bool,
    pub span: Option<Span>,
}

/// A row of a money table. `values[i]` belongs to `MoneyTable::columns[i]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableRow {
    /// The row label; continuation rows are qualified by their group ("LPT / HSLI").
    pub label: String,
    /// Values as printed, in the table's unit; `None` for a blank or "-" cell (never 0).
    pub values: Vec<Option<Value<f64>>>,
    pub is_total: bool,
    pub span: Option<Span>,
    /// For a total row: the rows it was found to add up (indices into `MoneyTable::rows`) and
    /// how they were found. `None` for other rows, and for totals whose parts could not be told
    /// apart (then `MoneyTable::checks` says why).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<TotalParts>,
}

/// Which rows a total row sums, and the evidence for that.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TotalParts {
    /// Indices into `MoneyTable::rows`, in table order.
    pub rows: Vec<usize>,
    pub basis: PartsBasis,
}

/// How the parts of a total row were found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartsBasis {
    /// The rows whose labels carry the total's qualifier ("Revenue Sub Total" → "... Revenue").
    Label,
    /// The run of rows directly above (or, for a total printed first, below) the total.
    Block,
    /// The rows of the block not claimed by the other totals printed beside this one.
    Remainder,
    /// Every non-total row above it (a grand total).
    AllRowsAbove,
    /// The group totals above it (a grand total of sub-totals).
    GroupTotals,
    /// The only combination of rows in the block whose sums match in every column.
    Search,
}

/// Which way a total is summed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SumDirection {
    /// A row's total column against its year columns.
    Across,
    /// A total row against the rows it sums, in one column.
    Down,
}

/// What a sum check found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SumOutcome {
    Exact,
    /// Off by no more than the printed rounding of the figures involved (a `Level::Note`).
    WithinRounding,
    /// Off by more than rounding can explain (a `Level::Warning`).
    Mismatch,
}

/// One printed total checked against its parts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SumCheck {
    /// The total cell: `MoneyTable::rows[row].values[column]`.
    pub row: usize,
    pub column: usize,
    pub direction: SumDirection,
    /// Both in the table's unit.
    pub printed: f64,
    pub computed: f64,
    /// Down: the row indices summed; Across: the column indices summed.
    pub parts: Vec<usize>,
    pub outcome: SumOutcome,
}

/// A multi-year money table found in a document (strategies, board papers, spreadsheets).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MoneyTable {
    pub caption: Option<Value<String>>,
    pub unit: MoneyUnit,
    pub columns: Vec<TableColumn>,
    pub rows: Vec<TableRow>,
    /// Totals that do not add up (warnings) and rounding differences (notes); `field`s are
    /// relative to this table (`"rows[3].values[1]"`).
    pub checks: Vec<Warning>,
    pub span: Span,
    /// Every total that could be checked, with the result (exact sums too, so a reader can see
    /// what was verified). Disagreements also appear in `checks` as readable sentences.
    #[serde(default)]
    pub sums: Vec<SumCheck>,
}

/// Everything extracted from one response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// The file name the text came from, if any.
    pub file: Option<String>,
    /// The responding body (not the ICO, not the requester).
    pub organisation: Option<Value<String>>,
    /// The FOI reference number as printed.
    pub reference: Option<Value<String>>,
    /// The date of the response, ISO `YYYY-MM-DD`.
    pub date: Option<Value<String>>,
    /// One entry per financial year mentioned, in year order.
    pub it_spend: Vec<SpendYear>,
    /// `None` when no score was disclosed.
    pub dma: Option<Dma>,
    pub dma_status: Value<DmaStatus>,
    pub emram_stage: Option<Value<u8>>,
    pub infram_stage: Option<Value<u8>>,
    pub himss_status: Value<HimssStatus>,
    /// Exemptions applied, as `"s22"`, `"s43"`, in order of first use.
    pub exemptions: Vec<Value<String>>,
    pub tables: Vec<MoneyTable>,
    pub warnings: Vec<Warning>,
}

impl Default for Value<DmaStatus> {
    fn default() -> Self {
        Value {
            value: DmaStatus::NotAnswered,
            span: None,
            confidence: Confidence::High,
            edited: false,
        }
    }
}

impl Default for Value<HimssStatus> {
    fn default() -> Self {
        Value {
            value: HimssStatus::NotAnswered,
            span: None,
            confidence: Confidence::High,
            edited: false,
        }
    }
}

impl Response {
    /// The spend entry for `year`, if the response has one.
    pub fn spend_for(&self, year: FinYear) -> Option<&SpendYear> {
        self.it_spend.iter().find(|s| s.year == year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fin_year_prints_and_parses_the_contract_spelling() {
        assert_eq!(FinYear(2023).to_string(), "2023/24");
        assert_eq!(FinYear(1999).to_string(), "1999/00");
        assert_eq!(FinYear::from_label("2024/25"), Some(FinYear(2024)));
        assert_eq!(FinYear::from_label("2024/26"), None);
        assert_eq!(FinYear::from_label("24/25"), None);
    }

    #[test]
    fn pillar_mean_needs_all_seven() {
        let mut p = Pillars::default();
        for (i, v) in [4.3, 3.2, 2.8, 3.5, 2.4, 2.8, 2.8].into_iter().enumerate() {
            p.0[i] = Some(Value::found(v, Span::new(0, 1)));
        }
        assert!((p.mean().unwrap() - 21.8 / 7.0).abs() < 1e-9);
        p.0[3] = None;
        assert_eq!(p.mean(), None);
    }

    #[test]
    fn span_text_is_empty_when_out_of_range() {
        assert_eq!(Span::new(2, 5).text("abcdef"), "cde");
        assert_eq!(Span::new(2, 50).text("abcdef"), "");
    }
}
