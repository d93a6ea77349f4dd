//! Corrections made by hand, addressed by the value's contract path (`"dma.overall"`,
//! `"it_spend[1].breakdown.staff"`, `"exemptions[0]"`, `"tables[0].rows[3].values[1]"`) and
//! carrying the new value in contract form (whole
//! pounds, scores, `"s22"`, status keys; `null` removes an optional value). Money-table cells are
//! addressed as the contract addresses them: `values[k]` is the k-th year column, `total` the
//! (first) total column, `columns[i]` any other column (see `report::json::table_cell_field`).
//!
//! [`apply`] behaves like the results card's own correction: the value becomes
//! `Value::edited` and keeps the span of the evidence it replaces; a removed exemption leaves
//! the list. [`apply_step`] also records what was there before, so a list of [`Step`]s can be
//! undone in reverse order ([`unapply`]) — which is how an exported response, whose file holds
//! only the corrected values and the steps, gets its parse back on import.
//!
//! Every input is untrusted (imported files): wrong types, unknown paths and out-of-range
//! indices are errors with a message, never panics.

use crate::model::{
    Dma, DmaStatus, HimssStatus, MoneyTable, Pillar, Response, SpendCategory, Value,
};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::fmt;

/// One correction: the value at `path` becomes `value`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    pub path: String,
    pub value: Json,
}

impl Edit {
    pub fn new(path: impl Into<String>, value: Json) -> Edit {
        Edit {
            path: path.into(),
            value,
        }
    }
}

/// A correction as applied, with what it replaced (so it can be undone). Stored and exported as
/// `{"path", "value", "was", "created_dma"}` (see [`StepRecord`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "StepRecord", into = "StepRecord")]
pub struct Step {
    pub edit: Edit,
    /// The value (with its evidence span, confidence and edited mark) before this correction;
    /// `None` where there was none.
    pub was: Option<Value<Json>>,
    /// True when the response had no DMA at all before this correction created one.
    pub created_dma: bool,
}

/// A [`Step`] as written: the edit's fields beside the others. (Written out rather than with
/// `#[serde(flatten)]`, which costs the wasm far more code.)
#[derive(Clone, Serialize, Deserialize)]
pub struct StepRecord {
    path: String,
    value: Json,
    was: Option<Value<Json>>,
    #[serde(default, skip_serializing_if = "is_false")]
    created_dma: bool,
}

impl From<StepRecord> for Step {
    fn from(r: StepRecord) -> Step {
        Step {
            edit: Edit {
                path: r.path,
                value: r.value,
            },
            was: r.was,
            created_dma: r.created_dma,
        }
    }
}

impl From<Step> for StepRecord {
    fn from(s: Step) -> StepRecord {
        StepRecord {
            path: s.edit.path,
            value: s.edit.value,
            was: s.was,
            created_dma: s.created_dma,
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Why a correction cannot be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditError(pub String);

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EditError {}

fn fail<T>(msg: String) -> Result<T, EditError> {
    Err(EditError(msg))
}

/// A place in a response that holds one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Organisation,
    Reference,
    Date,
    SpendTotal(usize),
    SpendPart(usize, SpendCategory),
    DmaOverall,
    DmaPillar(Pillar),
    DmaStatus,
    HimssStatus,
    Emram,
    Infram,
    Exemption(usize),
    Cell {
        table: usize,
        row: usize,
        cell: CellRef,
    },
}

/// Which cell of a table row, as the contract names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CellRef {
    /// `values[k]`: the k-th year column.
    Year(usize),
    /// `total`: the first total column.
    Total,
    /// `columns[i]`: any other column, by its index.
    Column(usize),
}

impl CellRef {
    fn parse(s: &str) -> Option<CellRef> {
        if s == "total" {
            return Some(CellRef::Total);
        }
        if let Some(rest) = s.strip_prefix("values[") {
            let (k, rest) = index_then(rest)?;
            return rest.is_empty().then_some(CellRef::Year(k));
        }
        let (i, rest) = index_then(s.strip_prefix("columns[")?)?;
        rest.is_empty().then_some(CellRef::Column(i))
    }

    fn field(self) -> String {
        match self {
            CellRef::Year(k) => format!("values[{k}]"),
            CellRef::Total => "total".into(),
            CellRef::Column(i) => format!("columns[{i}]"),
        }
    }

    /// The model column of this cell in `t`.
    fn column(self, t: &MoneyTable) -> Option<usize> {
        crate::report::json::table_cell_column(t, &self.field())
    }
}

/// `"12].rest"` → `(12, "rest")`; indices are bounded so a hostile path cannot overflow.
fn index_then(s: &str) -> Option<(usize, &str)> {
    let (digits, rest) = s.split_once(']')?;
    if digits.is_empty() || digits.len() > 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, rest))
}

impl Place {
    fn parse(path: &str) -> Option<Place> {
        Some(match path {
            "organisation" => Place::Organisation,
            "reference" => Place::Reference,
            "date" => Place::Date,
            "dma.overall" => Place::DmaOverall,
            "dma_status" => Place::DmaStatus,
            "himss_status" => Place::HimssStatus,
            "emram_stage" => Place::Emram,
            "infram_stage" => Place::Infram,
            _ => {
                if let Some(key) = path.strip_prefix("dma.pillars.") {
                    return Pillar::from_key(key).map(Place::DmaPillar);
                }
                if let Some(rest) = path.strip_prefix("it_spend[") {
                    let (i, rest) = index_then(rest)?;
                    if rest == ".total_gbp" {
                        return Some(Place::SpendTotal(i));
                    }
                    let key = rest.strip_prefix(".breakdown.")?;
                    return SpendCategory::from_key(key).map(|c| Place::SpendPart(i, c));
                }
                if let Some(rest) = path.strip_prefix("exemptions[") {
                    let (i, rest) = index_then(rest)?;
                    return rest.is_empty().then_some(Place::Exemption(i));
                }
                let rest = path.strip_prefix("tables[")?;
                let (table, rest) = index_then(rest)?;
                let (row, rest) = index_then(rest.strip_prefix(".rows[")?)?;
                let cell = CellRef::parse(rest.strip_prefix('.')?)?;
                return Some(Place::Cell { table, row, cell });
            }
        })
    }

    fn is_dma_value(self) -> bool {
        matches!(self, Place::DmaOverall | Place::DmaPillar(_))
    }
}

/// A mutable handle on the value at a place.
enum Slot<'a> {
    Text(&'a mut Option<Value<String>>),
    Money(&'a mut Option<Value<i64>>),
    Score(&'a mut Option<Value<f64>>),
    Stage(&'a mut Option<Value<u8>>),
    Dma(&'a mut Value<DmaStatus>),
    Himss(&'a mut Value<HimssStatus>),
    Exemption(&'a mut Vec<Value<String>>, usize),
}

fn no_place(path: &str) -> EditError {
    EditError(format!(
        "the response has no value at {path:?} (no such year, table, row or exemption)"
    ))
}

/// The slot at `place`. DMA values need a DMA to live in: with `create` one is made (as a
/// correction of a response that gave none does), otherwise `None` means "no value here".
fn slot<'a>(
    r: &'a mut Response,
    place: Place,
    path: &str,
    create: bool,
) -> Result<Option<Slot<'a>>, EditError> {
    let dma = |r: &'a mut Response| -> Option<&'a mut Dma> {
        if create {
            Some(r.dma.get_or_insert_with(Dma::default))
        } else {
            r.dma.as_mut()
        }
    };
    Ok(Some(match place {
        Place::Organisation => Slot::Text(&mut r.organisation),
        Place::Reference => Slot::Text(&mut r.reference),
        Place::Date => Slot::Text(&mut r.date),
        Place::SpendTotal(i) => {
            Slot::Money(&mut r.it_spend.get_mut(i).ok_or_else(|| no_place(path))?.total)
        }
        Place::SpendPart(i, c) => Slot::Money(
            r.it_spend
                .get_mut(i)
                .ok_or_else(|| no_place(path))?
                .breakdown
                .get_mut(c),
        ),
        Place::DmaOverall => match dma(r) {
            Some(d) => Slot::Score(&mut d.overall),
            None => return Ok(None),
        },
        Place::DmaPillar(p) => match dma(r) {
            Some(d) => Slot::Score(d.pillars.get_mut(p)),
            None => return Ok(None),
        },
        Place::DmaStatus => Slot::Dma(&mut r.dma_status),
        Place::HimssStatus => Slot::Himss(&mut r.himss_status),
        Place::Emram => Slot::Stage(&mut r.emram_stage),
        Place::Infram => Slot::Stage(&mut r.infram_stage),
        Place::Exemption(i) => {
            if i >= r.exemptions.len() {
                return Err(no_place(path));
            }
            Slot::Exemption(&mut r.exemptions, i)
        }
        Place::Cell { table, row, cell } => {
            let t = r.tables.get_mut(table).ok_or_else(|| no_place(path))?;
            let col = cell.column(t).ok_or_else(|| no_place(path))?;
            Slot::Score(
                t.rows
                    .get_mut(row)
                    .and_then(|r| r.values.get_mut(col))
                    .ok_or_else(|| no_place(path))?,
            )
        }
    }))
}

fn parse_place(path: &str) -> Result<Place, EditError> {
    Place::parse(path).ok_or_else(|| {
        EditError(format!(
            "{:?} is not the path of a value that can be corrected",
            path.chars().take(80).collect::<String>()
        ))
    })
}

/// Apply one correction to `r`.
pub fn apply(r: &mut Response, edit: &Edit) -> Result<(), EditError> {
    let place = parse_place(&edit.path)?;
    let path = edit.path.as_str();
    let v = &edit.value;
    let Some(slot) = slot(r, place, path, !v.is_null())? else {
        return Ok(()); // removing a DMA value from a response without a DMA: nothing to do
    };
    match slot {
        Slot::Text(s) => {
            let text = optional(v, path, |v| {
                let t = v.as_str()?;
                let ok = if place == Place::Date {
                    is_iso_date(t)
                } else {
                    !t.trim().is_empty() && t.chars().count() <= 1000
                };
                ok.then(|| t.to_string())
            })?;
            set(s, text);
        }
        Slot::Money(s) => set(s, optional(v, path, Json::as_i64)?),
        Slot::Score(s) => set(
            s,
            optional(v, path, |v| v.as_f64().filter(|x| x.is_finite()))?,
        ),
        Slot::Stage(s) => set(
            s,
            optional(v, path, |v| v.as_u64().and_then(|n| u8::try_from(n).ok()))?,
        ),
        // Statuses and exemptions are changed in place (span and confidence kept), as the
        // results card's own correction does.
        Slot::Dma(s) => {
            s.value = required(v, path)?;
            s.edited = true;
        }
        Slot::Himss(s) => {
            s.value = required(v, path)?;
            s.edited = true;
        }
        Slot::Exemption(list, i) => match v {
            Json::Null => {
                list.remove(i);
            }
            Json::String(code) if is_section(code) => {
                list[i].value = code.clone();
                list[i].edited = true;
            }
            _ => return fail(format!("{path}: expected a section like \"s22\", got {v}")),
        },
    }
    Ok(())
}

/// Apply one correction and record what it replaced.
pub fn apply_step(r: &mut Response, edit: Edit) -> Result<Step, EditError> {
    let place = parse_place(&edit.path)?;
    let created_dma = place.is_dma_value() && r.dma.is_none() && !edit.value.is_null();
    let was = value_at(r, &edit.path)?;
    apply(r, &edit)?;
    Ok(Step {
        edit,
        was,
        created_dma,
    })
}

/// Undo one step (the last one applied to `r`): put back what it replaced.
pub fn unapply(r: &mut Response, step: &Step) -> Result<(), EditError> {
    let path = step.edit.path.as_str();
    let place = parse_place(path)?;
    if let Place::Exemption(i) = place {
        if step.edit.value.is_null() {
            // The correction removed this exemption: put it back where it was.
            let was = step
                .was
                .clone()
                .ok_or_else(|| EditError(format!("{path}: no record of the removed exemption")))?;
            if i > r.exemptions.len() {
                return Err(no_place(path));
            }
            r.exemptions.insert(i, typed(was, path)?);
            return Ok(());
        }
    }
    if step.created_dma {
        r.dma = None;
        return Ok(());
    }
    let Some(slot) = slot(r, place, path, step.was.is_some())? else {
        return Ok(());
    };
    let was = step.was.clone();
    match slot {
        Slot::Text(s) => *s = was.map(|w| typed(w, path)).transpose()?,
        Slot::Money(s) => *s = was.map(|w| typed(w, path)).transpose()?,
        Slot::Score(s) => *s = was.map(|w| typed(w, path)).transpose()?,
        Slot::Stage(s) => *s = was.map(|w| typed(w, path)).transpose()?,
        Slot::Dma(s) => *s = typed(was.ok_or_else(|| no_place(path))?, path)?,
        Slot::Himss(s) => *s = typed(was.ok_or_else(|| no_place(path))?, path)?,
        Slot::Exemption(list, i) => list[i] = typed(was.ok_or_else(|| no_place(path))?, path)?,
    }
    Ok(())
}

/// The value at `path` (with span, confidence and edited mark), `None` where there is none.
pub fn value_at(r: &Response, path: &str) -> Result<Option<Value<Json>>, EditError> {
    fn j<T: Serialize>(v: &Value<T>) -> Value<Json> {
        Value {
            value: serde_json::to_value(&v.value).unwrap_or(Json::Null),
            span: v.span,
            confidence: v.confidence,
            edited: v.edited,
        }
    }
    let spend = |i: usize| r.it_spend.get(i).ok_or_else(|| no_place(path));
    let dma = r.dma.as_ref();
    Ok(match parse_place(path)? {
        Place::Organisation => r.organisation.as_ref().map(j),
        Place::Reference => r.reference.as_ref().map(j),
        Place::Date => r.date.as_ref().map(j),
        Place::SpendTotal(i) => spend(i)?.total.as_ref().map(j),
        Place::SpendPart(i, c) => spend(i)?.breakdown.get(c).map(j),
        Place::DmaOverall => dma.and_then(|d| d.overall.as_ref()).map(j),
        Place::DmaPillar(p) => dma.and_then(|d| d.pillars.get(p)).map(j),
        Place::DmaStatus => Some(j(&r.dma_status)),
        Place::HimssStatus => Some(j(&r.himss_status)),
        Place::Emram => r.emram_stage.as_ref().map(j),
        Place::Infram => r.infram_stage.as_ref().map(j),
        Place::Exemption(i) => Some(j(r.exemptions.get(i).ok_or_else(|| no_place(path))?)),
        Place::Cell { table, row, cell } => r
            .tables
            .get(table)
            .and_then(|t| t.rows.get(row)?.values.get(cell.column(t)?))
            .ok_or_else(|| no_place(path))?
            .as_ref()
            .map(j),
    })
}

/// Replace an optional value, keeping the evidence span of the value it replaces.
fn set<T>(slot: &mut Option<Value<T>>, value: Option<T>) {
    *slot = value.map(|v| Value::edited(v, slot.as_ref().and_then(|old| old.span)));
}

fn optional<T>(
    v: &Json,
    path: &str,
    read: impl Fn(&Json) -> Option<T>,
) -> Result<Option<T>, EditError> {
    if v.is_null() {
        return Ok(None);
    }
    match read(v) {
        Some(t) => Ok(Some(t)),
        None => fail(format!(
            "{path}: {} is not a value this place can hold",
            short(v)
        )),
    }
}

fn required<T: serde::de::DeserializeOwned>(v: &Json, path: &str) -> Result<T, EditError> {
    serde_json::from_value(v.clone())
        .map_err(|_| EditError(format!("{path}: {} is not one of the statuses", short(v))))
}

fn typed<T: serde::de::DeserializeOwned>(
    v: Value<Json>,
    path: &str,
) -> Result<Value<T>, EditError> {
    let value = serde_json::from_value(v.value.clone()).map_err(|_| {
        EditError(format!(
            "{path}: the recorded earlier value {} does not fit",
            short(&v.value)
        ))
    })?;
    Ok(Value {
        value,
        span: v.span,
        confidence: v.confidence,
        edited: v.edited,
    })
}

fn short(v: &Json) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

/// `YYYY-MM-DD` with a plausible month and day.
fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|d| d.parse::<u32>().ok());
    matches!((num(0..4), num(5..7), num(8..10)), (Some(_), Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d))
}

/// `"s22"`, `"s43"`, `"s40"` ...: the contract's spelling of an FOI Act section.
fn is_section(code: &str) -> bool {
    code.len() >= 2
        && code.len() <= 4
        && code.starts_with('s')
        && code[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Confidence, FinYear, MoneyTable, MoneyUnit, Span, SpendYear, TableColumn, TableRow,
    };
    use serde_json::json;

    fn sample() -> Response {
        let mut r = Response {
            organisation: Some(Value::found("Dudley".into(), Span::new(0, 6))),
            ..Response::default()
        };
        let mut y = SpendYear::new(FinYear(2023), Some(Span::new(10, 17)));
        y.total =
            Some(Value::found(16_467_000, Span::new(20, 31)).with_confidence(Confidence::Medium));
        r.it_spend.push(y);
        r.exemptions = vec![
            Value::found("s22".into(), Span::new(40, 43)),
            Value::found("s43".into(), Span::new(50, 53)),
        ];
        r.tables.push(MoneyTable {
            caption: None,
            unit: MoneyUnit::Millions,
            columns: vec![
                TableColumn {
                    label: "Total".into(),
                    year: None,
                    is_total: true,
                    span: None,
                },
                TableColumn {
                    label: "2018/19".into(),
                    year: Some(FinYear(2018)),
                    is_total: false,
                    span: None,
                },
            ],
            rows: vec![TableRow {
                label: "EPR".into(),
                values: vec![None, Some(Value::found(1.5, Span::new(60, 63)))],
                is_total: false,
                span: None,
                parts: None,
            }],
            checks: vec![],
            span: Span::new(55, 70),
            sums: vec![],
        });
        r
    }

    /// Apply all edits as steps, then undo them in reverse: back to the start exactly.
    fn round_trip(edits: &[Edit]) -> Response {
        let start = sample();
        let mut r = start.clone();
        let steps: Vec<Step> = edits
            .iter()
            .map(|e| apply_step(&mut r, e.clone()).unwrap())
            .collect();
        let edited = r.clone();
        for s in steps.iter().rev() {
            unapply(&mut r, s).unwrap();
        }
        assert_eq!(r, start, "undoing {edits:?}");
        edited
    }

    #[test]
    fn corrections_keep_the_evidence_span_and_mark_the_value_edited() {
        let r = round_trip(&[Edit::new("it_spend[0].total_gbp", json!(16_500_000))]);
        let total = r.it_spend[0].total.clone().unwrap();
        assert_eq!(total.value, 16_500_000);
        assert_eq!(total.span, Some(Span::new(20, 31)));
        assert!(total.edited);
        assert_eq!(
            total.confidence,
            Confidence::High,
            "a person's figure is not a guess"
        );
    }

    #[test]
    fn every_kind_of_place_round_trips() {
        let r = round_trip(&[
            Edit::new(
                "organisation",
                json!("The Dudley Group NHS Foundation Trust"),
            ),
            Edit::new("reference", Json::Null),
            Edit::new("date", json!("2025-09-26")),
            Edit::new("it_spend[0].breakdown.staff", json!(6_167_000)),
            Edit::new("dma.overall", json!(3.1)),
            Edit::new("dma.pillars.well_led", json!(4.3)),
            Edit::new("dma_status", json!("disclosed")),
            Edit::new("himss_status", json!("not_assessed")),
            Edit::new("emram_stage", json!(5)),
            Edit::new("exemptions[1]", json!("s12")),
            Edit::new("tables[0].rows[0].values[0]", json!(1.25)),
            Edit::new("tables[0].rows[0].total", json!(1.25)),
            Edit::new("organisation", Json::Null),
        ]);
        assert_eq!(r.organisation, None);
        assert_eq!(r.dma.as_ref().unwrap().overall.as_ref().unwrap().value, 3.1);
        assert_eq!(r.dma_status.value, DmaStatus::Disclosed);
        assert!(r.dma_status.edited);
        assert_eq!(r.exemptions[1].value, "s12");
        assert_eq!(r.exemptions[1].span, Some(Span::new(50, 53)));
        assert_eq!(r.emram_stage.as_ref().unwrap().value, 5);
        // `values[0]` is the first *year* column, which this table prints second.
        assert_eq!(r.tables[0].rows[0].values[1].as_ref().unwrap().value, 1.25);
        assert_eq!(r.tables[0].rows[0].values[0].as_ref().unwrap().value, 1.25);
    }

    #[test]
    fn removing_an_exemption_shifts_the_rest_and_undo_puts_it_back() {
        let r = round_trip(&[
            Edit::new("exemptions[0]", Json::Null),
            Edit::new("exemptions[0]", json!("s40")),
        ]);
        let codes: Vec<&str> = r.exemptions.iter().map(|e| e.value.as_str()).collect();
        assert_eq!(codes, ["s40"]);
    }

    #[test]
    fn a_dma_created_by_a_correction_goes_away_on_undo() {
        let r = round_trip(&[Edit::new("dma.pillars.improve_care", json!(2.8))]);
        assert!(r.dma.is_some());
        // Removing a DMA value where there is no DMA is a no-op, not an error.
        let mut plain = sample();
        apply(&mut plain, &Edit::new("dma.overall", Json::Null)).unwrap();
        assert_eq!(plain, sample());
    }

    #[test]
    fn wrong_types_unknown_paths_and_missing_places_are_refused_with_a_reason() {
        let mut r = sample();
        for (path, value, says) in [
            ("it_spend[0].total_gbp", json!("lots"), "not a value"),
            ("it_spend[0].total_gbp", json!(1.5), "not a value"),
            ("it_spend[3].total_gbp", json!(1), "no value at"),
            ("dma_status", json!("great"), "not one of the statuses"),
            ("dma_status", Json::Null, "not one of the statuses"),
            ("date", json!("26/09/2025"), "not a value"),
            ("emram_stage", json!(300), "not a value"),
            ("exemptions[0]", json!("section 22"), "expected a section"),
            ("exemptions[9]", Json::Null, "no value at"),
            ("tables[0].rows[0].values[7]", json!(1), "no value at"),
            ("tables[0].rows[0].columns[1]", json!(1), "no value at"),
            ("tables[0].rows[0].values", json!(1), "not the path"),
            (
                "tables[0].rows[99999999].values[0]",
                json!(1),
                "not the path",
            ),
            ("dma.pillars.nonsense", json!(1), "not the path"),
            ("warnings[0]", json!(1), "not the path"),
        ] {
            let e = apply(&mut r, &Edit::new(path, value)).unwrap_err();
            assert!(e.0.contains(says), "{path}: {e}");
        }
        assert_eq!(r, sample(), "refused corrections change nothing");
    }

    #[test]
    fn steps_serialise_with_the_edit_flattened() {
        let mut r = sample();
        let step = apply_step(&mut r, Edit::new("dma.overall", json!(3.2))).unwrap();
        let j = serde_json::to_value(&step).unwrap();
        assert_eq!(
            j,
            json!({"path": "dma.overall", "value": 3.2, "was": null, "created_dma": true})
        );
        let back: Step = serde_json::from_value(j).unwrap();
        assert_eq!(back, step);
    }
}
