//! The values a response shows, addressed by their contract path (`"it_spend[1].total_gbp"`,
//! `"dma.pillars.well_led"`, `"tables[0].rows[3].values[1]"`, the same paths as the JSON
//! contract's `evidence` and `Warning::field`): what each says for people, where its evidence is,
//! and how a person's correction is applied.
//!
//! Corrections are kept as the text the person typed, keyed by path, and applied on top of the
//! parsed response ([`apply_edits`]): the parse stays untouched, an edit can be undone by
//! dropping it, and a corrected value is `Value::edited` with the original evidence span kept.

use super::{format, wording};
use crate::extract::money::parse_amount;
use crate::model::{
    DmaStatus, HimssStatus, MoneyUnit, Pillar, Pounds, Response, Span, SpendCategory, Value,
};
use std::fmt;

/// Where a value lives in a [`Response`]; prints and parses as its contract path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Path {
    Organisation,
    Reference,
    Date,
    SpendTotal(usize),
    SpendPart(usize, SpendCategory),
    DmaOverall,
    DmaPillar(Pillar),
    DmaStatus,
    Emram,
    Infram,
    HimssStatus,
    Exemption(usize),
    /// `values[col]` of a money table row; `col` indexes `MoneyTable::columns`.
    TableCell {
        table: usize,
        row: usize,
        col: usize,
    },
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Organisation => f.write_str("organisation"),
            Path::Reference => f.write_str("reference"),
            Path::Date => f.write_str("date"),
            Path::SpendTotal(i) => write!(f, "it_spend[{i}].total_gbp"),
            Path::SpendPart(i, c) => write!(f, "it_spend[{i}].breakdown.{}", c.key()),
            Path::DmaOverall => f.write_str("dma.overall"),
            Path::DmaPillar(p) => write!(f, "dma.pillars.{}", p.key()),
            Path::DmaStatus => f.write_str("dma_status"),
            Path::Emram => f.write_str("emram_stage"),
            Path::Infram => f.write_str("infram_stage"),
            Path::HimssStatus => f.write_str("himss_status"),
            Path::Exemption(i) => write!(f, "exemptions[{i}]"),
            Path::TableCell { table, row, col } => {
                write!(f, "tables[{table}].rows[{row}].values[{col}]")
            }
        }
    }
}

impl Path {
    /// Read a contract path back; `None` for paths that name no single value.
    pub fn parse(path: &str) -> Option<Path> {
        Some(match path {
            "organisation" => Path::Organisation,
            "reference" => Path::Reference,
            "date" => Path::Date,
            "dma.overall" => Path::DmaOverall,
            "dma_status" => Path::DmaStatus,
            "emram_stage" => Path::Emram,
            "infram_stage" => Path::Infram,
            "himss_status" => Path::HimssStatus,
            _ => {
                if let Some(key) = path.strip_prefix("dma.pillars.") {
                    return Pillar::from_key(key).map(Path::DmaPillar);
                }
                if let Some(rest) = path.strip_prefix("it_spend[") {
                    let (i, rest) = index_then(rest)?;
                    if rest == ".total_gbp" {
                        return Some(Path::SpendTotal(i));
                    }
                    let key = rest.strip_prefix(".breakdown.")?;
                    return SpendCategory::from_key(key).map(|c| Path::SpendPart(i, c));
                }
                if let Some(rest) = path.strip_prefix("exemptions[") {
                    let (i, rest) = index_then(rest)?;
                    return rest.is_empty().then_some(Path::Exemption(i));
                }
                let rest = path.strip_prefix("tables[")?;
                let (table, rest) = index_then(rest)?;
                let (row, rest) = index_then(rest.strip_prefix(".rows[")?)?;
                let (col, rest) = index_then(rest.strip_prefix(".values[")?)?;
                return rest
                    .is_empty()
                    .then_some(Path::TableCell { table, row, col });
            }
        })
    }

    /// The path inside table `table` that a table check's relative `field` names
    /// (`"rows[3].values[1]"`).
    pub fn in_table(table: usize, relative: &str) -> Option<Path> {
        match Path::parse(&format!("tables[{table}].{relative}"))? {
            p @ Path::TableCell { .. } => Some(p),
            _ => None,
        }
    }
}

/// `"12].rest"` → `(12, "rest")`.
fn index_then(s: &str) -> Option<(usize, &str)> {
    let (digits, rest) = s.split_once(']')?;
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, rest))
}

/// What kind of value a field holds: decides how it is shown, edited and checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Date,
    /// Whole pounds.
    Money,
    /// A DMA score, 1.0 to 5.0.
    Score,
    /// A HIMSS stage, 0 to 7.
    Stage,
    DmaStatus,
    HimssStatus,
    Exemption,
    /// A money-table cell, in the table's unit.
    TableMoney(MoneyUnit),
}

/// One value as the results card shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub path: Path,
    /// What the value is, for people and screen readers: "IT spend 2023/24, IT staff".
    pub label: String,
    /// The value for people ("£16,467,000", "3.1", "26 September 2025"); `None` when the
    /// response gives none.
    pub shown: Option<String>,
    /// The text an edit box starts with.
    pub draft: String,
    pub kind: Kind,
    /// The evidence in the source text.
    pub span: Option<Span>,
    pub edited: bool,
}

/// The field at `path`, or `None` when the response has no such place (a spend year or table
/// row it does not have). A place with no value is a field with `shown: None`.
pub fn field(r: &Response, path: Path) -> Option<Field> {
    let f = |label: String, kind: Kind, shown: Option<String>, draft: String, v: ValueMeta| {
        Some(Field {
            path,
            label,
            shown,
            draft,
            kind,
            span: v.span,
            edited: v.edited,
        })
    };
    match path {
        Path::Organisation => text_field(path, "Organisation", r.organisation.as_ref()),
        Path::Reference => text_field(path, "FOI reference", r.reference.as_ref()),
        Path::Date => {
            let v = r.date.as_ref();
            f(
                "Date of the response".into(),
                Kind::Date,
                v.map(|d| wording::long_date(&d.value)),
                v.map(|d| d.value.clone()).unwrap_or_default(),
                meta(v),
            )
        }
        Path::SpendTotal(i) => {
            let s = r.it_spend.get(i)?;
            money_field(
                path,
                format!("IT spend {}, total", s.year),
                s.total.as_ref(),
            )
        }
        Path::SpendPart(i, c) => {
            let s = r.it_spend.get(i)?;
            money_field(
                path,
                format!("IT spend {}, {}", s.year, c.label()),
                s.breakdown.get(c),
            )
        }
        Path::DmaOverall => score_field(
            path,
            "DMA overall score".into(),
            r.dma.as_ref().and_then(|d| d.overall.as_ref()),
        ),
        Path::DmaPillar(p) => score_field(
            path,
            format!("DMA {}", p.label()),
            r.dma.as_ref().and_then(|d| d.pillars.get(p)),
        ),
        Path::DmaStatus => {
            let v = &r.dma_status;
            f(
                "What the response did with the DMA question".into(),
                Kind::DmaStatus,
                Some(wording::dma_status_text(v.value, &exemption_codes(r))),
                v.value.key().into(),
                meta(Some(v)),
            )
        }
        Path::HimssStatus => {
            let v = &r.himss_status;
            f(
                "What the response did with the HIMSS question".into(),
                Kind::HimssStatus,
                Some(wording::himss_status_text(v.value, &exemption_codes(r))),
                v.value.key().into(),
                meta(Some(v)),
            )
        }
        Path::Emram => stage_field(path, "HIMSS EMRAM stage", r.emram_stage.as_ref()),
        Path::Infram => stage_field(path, "HIMSS INFRAM stage", r.infram_stage.as_ref()),
        Path::Exemption(i) => {
            let v = r.exemptions.get(i)?;
            f(
                "FOI exemption cited".into(),
                Kind::Exemption,
                Some(wording::exemption_text(&v.value)),
                v.value.clone(),
                meta(Some(v)),
            )
        }
        Path::TableCell { table, row, col } => {
            let t = r.tables.get(table)?;
            let rw = t.rows.get(row)?;
            let column = t.columns.get(col)?;
            let v = rw.values.get(col)?.as_ref();
            f(
                format!("{}, {} ({})", rw.label, column.label, t.unit.symbol()),
                Kind::TableMoney(t.unit),
                v.map(|v| format::table_number(v.value)),
                v.map(|v| format::table_number(v.value)).unwrap_or_default(),
                meta(v),
            )
        }
    }
}

struct ValueMeta {
    span: Option<Span>,
    edited: bool,
}

fn meta<T>(v: Option<&Value<T>>) -> ValueMeta {
    ValueMeta {
        span: v.and_then(|v| v.span),
        edited: v.is_some_and(|v| v.edited),
    }
}

fn text_field(path: Path, label: &str, v: Option<&Value<String>>) -> Option<Field> {
    Some(Field {
        path,
        label: label.into(),
        shown: v.map(|v| v.value.clone()),
        draft: v.map(|v| v.value.clone()).unwrap_or_default(),
        kind: Kind::Text,
        span: meta(v).span,
        edited: meta(v).edited,
    })
}

fn money_field(path: Path, label: String, v: Option<&Value<Pounds>>) -> Option<Field> {
    Some(Field {
        path,
        label,
        shown: v.map(|v| format::pounds(v.value)),
        draft: v.map(|v| format::pounds(v.value)).unwrap_or_default(),
        kind: Kind::Money,
        span: meta(v).span,
        edited: meta(v).edited,
    })
}

fn score_field(path: Path, label: String, v: Option<&Value<f64>>) -> Option<Field> {
    Some(Field {
        path,
        label,
        shown: v.map(|v| format::score(v.value)),
        draft: v.map(|v| format::score(v.value)).unwrap_or_default(),
        kind: Kind::Score,
        span: meta(v).span,
        edited: meta(v).edited,
    })
}

fn stage_field(path: Path, label: &str, v: Option<&Value<u8>>) -> Option<Field> {
    Some(Field {
        path,
        label: label.into(),
        shown: v.map(|v| format!("Stage {}", v.value)),
        draft: v.map(|v| v.value.to_string()).unwrap_or_default(),
        kind: Kind::Stage,
        span: meta(v).span,
        edited: meta(v).edited,
    })
}

/// The exemption codes a response cites, in order.
pub fn exemption_codes(r: &Response) -> Vec<&str> {
    r.exemptions.iter().map(|e| e.value.as_str()).collect()
}

/// The DMA statuses an edit may choose from: `(contract key, label)`.
pub fn dma_status_choices() -> Vec<(&'static str, &'static str)> {
    DMA_STATUSES
        .iter()
        .map(|s| (s.key(), wording::dma_status_label(*s)))
        .collect()
}

/// The HIMSS statuses an edit may choose from: `(contract key, label)`.
pub fn himss_status_choices() -> Vec<(&'static str, &'static str)> {
    HIMSS_STATUSES
        .iter()
        .map(|s| (s.key(), wording::himss_status_label(*s)))
        .collect()
}

const DMA_STATUSES: [DmaStatus; 6] = [
    DmaStatus::Disclosed,
    DmaStatus::Partial,
    DmaStatus::Exempt,
    DmaStatus::NotHeld,
    DmaStatus::NotAssessed,
    DmaStatus::NotAnswered,
];

const HIMSS_STATUSES: [HimssStatus; 5] = [
    HimssStatus::Disclosed,
    HimssStatus::NotAssessed,
    HimssStatus::NotHeld,
    HimssStatus::Exempt,
    HimssStatus::NotAnswered,
];

/// Why a typed correction was not accepted; says what to type instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditError(pub String);

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn err<T>(msg: impl Into<String>) -> Result<T, EditError> {
    Err(EditError(msg.into()))
}

/// Longest text a person may type into a text field (an organisation name is far shorter).
const MAX_TEXT: usize = 300;

/// Apply one correction: `text` as typed for the value at `path`. An empty `text` removes an
/// optional value (a figure the person judges wrong); statuses cannot be removed. The value
/// becomes `Value::edited`, keeping the span of the evidence it replaces.
pub fn apply_edit(r: &mut Response, path: Path, text: &str) -> Result<(), EditError> {
    let t = text.trim();
    match path {
        Path::Organisation => set_text(&mut r.organisation, t),
        Path::Reference => set_text(&mut r.reference, t),
        Path::Date => {
            if t.is_empty() {
                r.date = None;
                return Ok(());
            }
            let Some(iso) = wording::parse_date(t) else {
                return err(format!(
                    "\"{}\" is not a date: type it like 26/09/2025 or 26 September 2025",
                    short(t)
                ));
            };
            set(&mut r.date, iso);
            Ok(())
        }
        Path::SpendTotal(i) => {
            let s = place(r.it_spend.get_mut(i))?;
            set_money(&mut s.total, t)
        }
        Path::SpendPart(i, c) => {
            let s = place(r.it_spend.get_mut(i))?;
            set_money(s.breakdown.get_mut(c), t)
        }
        Path::DmaOverall => set_score(&mut r.dma.get_or_insert_with(Default::default).overall, t),
        Path::DmaPillar(p) => set_score(
            r.dma
                .get_or_insert_with(Default::default)
                .pillars
                .get_mut(p),
            t,
        ),
        Path::DmaStatus => {
            let Some(s) = DMA_STATUSES.iter().find(|s| s.key() == t) else {
                return err(format!("\"{}\" is not a DMA status", short(t)));
            };
            r.dma_status.value = *s;
            r.dma_status.edited = true;
            Ok(())
        }
        Path::HimssStatus => {
            let Some(s) = HIMSS_STATUSES.iter().find(|s| s.key() == t) else {
                return err(format!("\"{}\" is not a HIMSS status", short(t)));
            };
            r.himss_status.value = *s;
            r.himss_status.edited = true;
            Ok(())
        }
        Path::Emram => set_stage(&mut r.emram_stage, t),
        Path::Infram => set_stage(&mut r.infram_stage, t),
        Path::Exemption(i) => {
            place(r.exemptions.get(i))?;
            if t.is_empty() {
                r.exemptions.remove(i);
                return Ok(());
            }
            let Some(n) = wording::section_number(t) else {
                return err(format!(
                    "\"{}\" is not an FOI section: type it like s22 or s43",
                    short(t)
                ));
            };
            let v = &mut r.exemptions[i];
            v.value = format!("s{n}");
            v.edited = true;
            Ok(())
        }
        Path::TableCell { table, row, col } => {
            let t_ = place(r.tables.get_mut(table))?;
            let unit = t_.unit;
            let cell = place(place(t_.rows.get_mut(row))?.values.get_mut(col))?;
            if t.is_empty() {
                *cell = None;
                return Ok(());
            }
            let Some(a) = parse_amount(t, Some(unit)) else {
                return err(format!(
                    "\"{}\" is not an amount: type a number in {} like 1.25, or with a unit like £1.2m",
                    short(t),
                    unit.symbol()
                ));
            };
            set(cell, a.pounds / unit.factor());
            Ok(())
        }
    }
}

/// The parsed response with every correction applied in the order they were made (a later
/// correction of the same value replaces the earlier one: see [`record_edit`]). Corrections that
/// no longer fit (the response has no such place) are skipped and returned.
pub fn apply_edits(original: &Response, edits: &[(Path, String)]) -> (Response, Vec<Path>) {
    let mut r = original.clone();
    let mut skipped = Vec::new();
    for (path, text) in edits {
        if apply_edit(&mut r, *path, text).is_err() {
            skipped.push(*path);
        }
    }
    (r, skipped)
}

/// Add a correction to the list: it replaces any earlier correction of the same value and goes
/// last, so replaying the list gives what the person saw.
pub fn record_edit(edits: &mut Vec<(Path, String)>, path: Path, text: &str) {
    edits.retain(|(p, _)| *p != path);
    edits.push((path, text.to_string()));
}

fn place<T>(slot: Option<T>) -> Result<T, EditError> {
    match slot {
        Some(s) => Ok(s),
        None => err("this value is no longer in the response"),
    }
}

fn short(t: &str) -> String {
    let mut s: String = t.chars().take(40).collect();
    if s.len() < t.len() {
        s.push('…');
    }
    s
}

/// Replace the value, keeping the span of the evidence it replaces.
fn set<T>(slot: &mut Option<Value<T>>, value: T) {
    let span = slot.as_ref().and_then(|v| v.span);
    *slot = Some(Value::edited(value, span));
}

fn set_text(slot: &mut Option<Value<String>>, t: &str) -> Result<(), EditError> {
    if t.is_empty() {
        *slot = None;
        return Ok(());
    }
    if t.chars().count() > MAX_TEXT {
        return err(format!("that is longer than {MAX_TEXT} characters"));
    }
    let one_line: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    set(slot, one_line);
    Ok(())
}

fn set_money(slot: &mut Option<Value<Pounds>>, t: &str) -> Result<(), EditError> {
    if t.is_empty() {
        *slot = None;
        return Ok(());
    }
    let amount = parse_amount(t, Some(MoneyUnit::Pounds)).and_then(|a| a.whole_pounds());
    match amount {
        Some(p) if p >= 0 => {
            set(slot, p);
            Ok(())
        }
        Some(_) => err("IT spend cannot be negative"),
        None => err(format!(
            "\"{}\" is not an amount of money: type it like £16,467,000 or £16.5m",
            short(t)
        )),
    }
}

fn set_score(slot: &mut Option<Value<f64>>, t: &str) -> Result<(), EditError> {
    if t.is_empty() {
        *slot = None;
        return Ok(());
    }
    let number = t
        .trim_end_matches("out of 5")
        .trim_end_matches("/5")
        .trim()
        .replace(',', ".");
    match number.parse::<f64>() {
        Ok(s) if (1.0..=5.0).contains(&s) => {
            set(slot, s);
            Ok(())
        }
        Ok(_) => err("DMA scores run from 1.0 to 5.0"),
        Err(_) => err(format!(
            "\"{}\" is not a score: type a number from 1.0 to 5.0, like 3.1",
            short(t)
        )),
    }
}

fn set_stage(slot: &mut Option<Value<u8>>, t: &str) -> Result<(), EditError> {
    if t.is_empty() {
        *slot = None;
        return Ok(());
    }
    let digits = t
        .trim_start_matches(|c: char| c.is_alphabetic() || c.is_whitespace())
        .trim();
    match digits.parse::<u8>() {
        Ok(s) if s <= 7 => {
            set(slot, s);
            Ok(())
        }
        _ => err("HIMSS stages run from 0 to 7: type a whole number"),
    }
}

/// The evidence for a value split out of `text` for display: the text before it, the evidence
/// itself, the text after it, and the 1-based line it starts on. `None` when the span does not
/// fit the text (e.g. it was made for another text), so nothing wrong is ever highlighted.
pub fn split_at_evidence(text: &str, span: Span) -> Option<(&str, &str, &str, usize)> {
    let before = text.get(..span.start)?;
    let evidence = text.get(span.start..span.end)?;
    let after = text.get(span.end..)?;
    let line = 1 + before.bytes().filter(|b| *b == b'\n').count();
    Some((before, evidence, after, line))
}

/// Every field of the results card, in reading order: organisation, reference, date, spend (per
/// year: total then each category), DMA (overall then pillars), statuses, stages, exemptions.
pub fn card_paths(r: &Response) -> Vec<Path> {
    let mut out = vec![Path::Organisation, Path::Reference, Path::Date];
    for i in 0..r.it_spend.len() {
        out.push(Path::SpendTotal(i));
        out.extend(SpendCategory::ALL.iter().map(|c| Path::SpendPart(i, *c)));
    }
    out.push(Path::DmaStatus);
    if r.dma.is_some() {
        out.push(Path::DmaOverall);
        out.extend(Pillar::ALL.iter().map(|p| Path::DmaPillar(*p)));
    }
    out.extend([Path::HimssStatus, Path::Emram, Path::Infram]);
    out.extend((0..r.exemptions.len()).map(Path::Exemption));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FinYear, MoneyTable, SpendYear, TableColumn, TableRow};

    fn response() -> Response {
        let mut r = Response::default();
        let mut y = SpendYear::new(FinYear(2023), None);
        y.total = Some(Value::found(16_467_000, Span::new(10, 21)));
        r.it_spend.push(y);
        r.exemptions
            .push(Value::found("s22".into(), Span::new(30, 40)));
        r.tables.push(MoneyTable {
            caption: None,
            unit: MoneyUnit::Millions,
            columns: vec![TableColumn {
                label: "2018/19".into(),
                year: Some(FinYear(2018)),
                is_total: false,
                span: None,
            }],
            rows: vec![TableRow {
                label: "HSLI".into(),
                values: vec![Some(Value::found(1.721, Span::new(50, 55)))],
                is_total: false,
                span: None,
                parts: None,
            }],
            checks: vec![],
            span: Span::new(0, 60),
            sums: vec![],
        });
        r
    }

    #[test]
    fn paths_print_and_parse_as_contract_paths() {
        for p in [
            Path::Organisation,
            Path::SpendTotal(1),
            Path::SpendPart(0, SpendCategory::Communications),
            Path::DmaPillar(Pillar::SupportPeople),
            Path::Exemption(2),
            Path::TableCell {
                table: 1,
                row: 12,
                col: 3,
            },
        ] {
            assert_eq!(Path::parse(&p.to_string()), Some(p), "{p}");
        }
        assert_eq!(
            Path::SpendPart(0, SpendCategory::Staff).to_string(),
            "it_spend[0].breakdown.staff"
        );
        assert_eq!(
            Path::parse("it_spend[1].total_gbp"),
            Some(Path::SpendTotal(1))
        );
        assert_eq!(Path::parse("it_spend[x].total_gbp"), None);
        assert_eq!(Path::parse("dma"), None);
        assert_eq!(Path::parse("tables[0].rows[1].values[2]x"), None);
        assert_eq!(
            Path::in_table(2, "rows[3].values[1]"),
            Some(Path::TableCell {
                table: 2,
                row: 3,
                col: 1
            })
        );
    }

    #[test]
    fn fields_are_shown_for_people_with_their_evidence() {
        let r = response();
        let f = field(&r, Path::SpendTotal(0)).unwrap();
        assert_eq!(f.label, "IT spend 2023/24, total");
        assert_eq!(f.shown.as_deref(), Some("£16,467,000"));
        assert_eq!(f.span, Some(Span::new(10, 21)));
        assert!(!f.edited);
        let staff = field(&r, Path::SpendPart(0, SpendCategory::Staff)).unwrap();
        assert_eq!(staff.shown, None);
        assert!(field(&r, Path::SpendTotal(1)).is_none());
        let ex = field(&r, Path::Exemption(0)).unwrap();
        assert_eq!(
            ex.shown.as_deref(),
            Some("Section 22: intended for future publication")
        );
        let cell = field(
            &r,
            Path::TableCell {
                table: 0,
                row: 0,
                col: 0,
            },
        )
        .unwrap();
        assert_eq!(cell.shown.as_deref(), Some("1.721"));
        assert_eq!(cell.label, "HSLI, 2018/19 (£m)");
    }

    #[test]
    fn an_edit_is_marked_and_keeps_the_evidence_it_replaces() {
        let mut r = response();
        apply_edit(&mut r, Path::SpendTotal(0), "£16.5m").unwrap();
        let v = r.it_spend[0].total.as_ref().unwrap();
        assert_eq!(v.value, 16_500_000);
        assert!(v.edited);
        assert_eq!(v.span, Some(Span::new(10, 21)));
        apply_edit(
            &mut r,
            Path::SpendPart(0, SpendCategory::Staff),
            "6,167,000",
        )
        .unwrap();
        let staff = r.it_spend[0].breakdown.staff.as_ref().unwrap();
        assert_eq!(
            (staff.value, staff.span, staff.edited),
            (6_167_000, None, true)
        );
        apply_edit(&mut r, Path::DmaPillar(Pillar::WellLed), "4.3").unwrap();
        assert_eq!(
            r.dma
                .as_ref()
                .unwrap()
                .pillars
                .get(Pillar::WellLed)
                .unwrap()
                .value,
            4.3
        );
        apply_edit(&mut r, Path::Date, "26.9.25").unwrap();
        assert_eq!(r.date.as_ref().unwrap().value, "2025-09-26");
        apply_edit(&mut r, Path::DmaStatus, "exempt").unwrap();
        assert_eq!(r.dma_status.value, DmaStatus::Exempt);
        assert!(r.dma_status.edited);
        apply_edit(
            &mut r,
            Path::TableCell {
                table: 0,
                row: 0,
                col: 0,
            },
            "£1,800k",
        )
        .unwrap();
        assert_eq!(r.tables[0].rows[0].values[0].as_ref().unwrap().value, 1.8);
    }

    #[test]
    fn bad_edits_say_what_to_type() {
        let mut r = response();
        let before = r.clone();
        let e = apply_edit(&mut r, Path::SpendTotal(0), "lots").unwrap_err();
        assert!(e.0.contains("£16,467,000"), "{e}");
        assert_eq!(
            apply_edit(&mut r, Path::DmaOverall, "6").unwrap_err().0,
            "DMA scores run from 1.0 to 5.0"
        );
        assert!(apply_edit(&mut r, Path::Emram, "8").is_err());
        assert!(apply_edit(&mut r, Path::Date, "31/02/2025").is_err());
        assert!(apply_edit(&mut r, Path::DmaStatus, "maybe").is_err());
        assert!(apply_edit(&mut r, Path::SpendTotal(0), "-£5").is_err());
        assert!(apply_edit(&mut r, Path::SpendTotal(3), "£5").is_err());
        assert!(apply_edit(&mut r, Path::Exemption(0), "secret").is_err());
        assert_eq!(r.it_spend, before.it_spend);
        assert_eq!(r.exemptions, before.exemptions);
    }

    #[test]
    fn clearing_removes_a_figure() {
        let mut r = response();
        apply_edit(&mut r, Path::SpendTotal(0), "  ").unwrap();
        assert_eq!(r.it_spend[0].total, None);
        apply_edit(&mut r, Path::Exemption(0), "").unwrap();
        assert!(r.exemptions.is_empty());
        assert!(apply_edit(&mut r, Path::DmaStatus, "").is_err());
    }

    #[test]
    fn edits_apply_on_top_of_the_parse_and_stale_ones_are_skipped() {
        let original = response();
        let mut edits = Vec::new();
        record_edit(&mut edits, Path::SpendTotal(0), "£17m");
        record_edit(&mut edits, Path::SpendTotal(5), "£1");
        record_edit(&mut edits, Path::SpendTotal(0), "£18m");
        assert_eq!(edits.len(), 2);
        let (r, skipped) = apply_edits(&original, &edits);
        assert_eq!(r.it_spend[0].total.as_ref().unwrap().value, 18_000_000);
        assert_eq!(skipped, vec![Path::SpendTotal(5)]);
        assert_eq!(
            original.it_spend[0].total.as_ref().unwrap().value,
            16_467_000
        );
    }

    #[test]
    fn evidence_is_split_out_only_when_the_span_fits() {
        let text = "Ref: 1\nTotal £5,000\n";
        assert_eq!(
            split_at_evidence(text, Span::new(13, 20)),
            Some(("Ref: 1\nTotal ", "£5,000", "\n", 2))
        );
        assert_eq!(split_at_evidence(text, Span::new(14, 20)), None); // inside the £
        assert_eq!(split_at_evidence(text, Span::new(13, 99)), None);
    }

    #[test]
    fn card_lists_spend_then_dma_then_himss() {
        let r = response();
        let paths: Vec<String> = card_paths(&r).iter().map(|p| p.to_string()).collect();
        assert_eq!(paths[3], "it_spend[0].total_gbp");
        assert_eq!(paths[4], "it_spend[0].breakdown.staff");
        assert_eq!(paths[10], "dma_status");
        assert_eq!(paths.last().unwrap(), "exemptions[0]");
    }
}
