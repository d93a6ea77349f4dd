//! Reading the foi-lens/1 contract back into a [`Response`]: the inverse of `to_contract`.
//!
//! Every object is untrusted (a file someone dropped on the page): wrong types, missing keys and
//! spans that do not make sense are errors naming the path and what was expected, never panics.
//! Optional keys that older exports lack (`edited`, `confidence`, `evidence`) default to empty.

use crate::model::*;
use serde_json::{Map, Value as Json};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Why an object is not a readable foi-lens/1 response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContractError(pub String);

impl fmt::Display for ContractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ContractError {}

type Result<T> = std::result::Result<T, ContractError>;

fn bad<T>(path: &str, expected: &str, got: &Json) -> Result<T> {
    let mut shown = got.to_string();
    if shown.chars().count() > 60 {
        shown = format!("{}…", shown.chars().take(60).collect::<String>());
    }
    Err(ContractError(format!(
        "{path}: expected {expected}, got {shown}"
    )))
}

/// The marks `to_contract` writes beside the values, by contract path.
struct Marks {
    evidence: HashMap<String, Span>,
    edited: HashSet<String>,
    confidence: HashMap<String, Confidence>,
}

impl Marks {
    fn read(obj: &Map<String, Json>) -> Result<Marks> {
        let mut evidence = HashMap::new();
        match obj.get("evidence") {
            None | Some(Json::Null) => {}
            Some(Json::Object(m)) => {
                for (path, e) in m {
                    evidence.insert(path.clone(), span(&format!("evidence.{path}"), e)?);
                }
            }
            Some(other) => return bad("evidence", "an object", other),
        }
        let mut edited = HashSet::new();
        match obj.get("edited") {
            None | Some(Json::Null) => {}
            Some(Json::Array(a)) => {
                for p in a {
                    match p.as_str() {
                        Some(p) => edited.insert(p.to_string()),
                        None => return bad("edited", "a list of paths", p),
                    };
                }
            }
            Some(other) => return bad("edited", "a list of paths", other),
        }
        let mut confidence = HashMap::new();
        match obj.get("confidence") {
            None | Some(Json::Null) => {}
            Some(Json::Object(m)) => {
                for (path, c) in m {
                    let c: Confidence = serde_json::from_value(c.clone()).or_else(|_| {
                        bad(&format!("confidence.{path}"), "\"high\" or \"medium\"", c)
                    })?;
                    confidence.insert(path.clone(), c);
                }
            }
            Some(other) => return bad("confidence", "an object", other),
        }
        Ok(Marks {
            evidence,
            edited,
            confidence,
        })
    }

    /// `value` at `path` with its marks (evidence from the `evidence` list).
    fn value<T>(&self, path: &str, value: T) -> Value<T> {
        self.value_with_span(path, value, self.evidence.get(path).copied())
    }

    /// `value` at `path` with its marks and the given evidence (table cells keep theirs inside
    /// the table).
    fn value_with_span<T>(&self, path: &str, value: T, span: Option<Span>) -> Value<T> {
        Value {
            value,
            span,
            confidence: self.confidence.get(path).copied().unwrap_or_default(),
            edited: self.edited.contains(path),
        }
    }
}

/// A `{start, end}` object (a `text` beside them is the quote and is not needed).
fn span(path: &str, j: &Json) -> Result<Span> {
    let start = j.get("start").and_then(Json::as_u64);
    let end = j.get("end").and_then(Json::as_u64);
    match (start, end) {
        (Some(s), Some(e)) if s <= e && e <= usize::MAX as u64 => Ok(Span {
            start: s as usize,
            end: e as usize,
        }),
        _ => bad(path, "a span {\"start\": n, \"end\": m} with n <= m", j),
    }
}

fn optional_span(path: &str, j: Option<&Json>) -> Result<Option<Span>> {
    match j {
        None | Some(Json::Null) => Ok(None),
        Some(j) => span(path, j).map(Some),
    }
}

fn field<'a>(obj: &'a Map<String, Json>, key: &str) -> &'a Json {
    obj.get(key).unwrap_or(&Json::Null)
}

fn opt_string(path: &str, j: &Json) -> Result<Option<String>> {
    match j {
        Json::Null => Ok(None),
        Json::String(s) => Ok(Some(s.clone())),
        other => bad(path, "text or null", other),
    }
}

/// Whole pounds (a JSON integer, or a float with no fraction, as some tools write them).
fn opt_pounds(path: &str, j: &Json) -> Result<Option<Pounds>> {
    match j {
        Json::Null => Ok(None),
        Json::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Ok(Some(i)),
            (None, Some(f)) if f.fract() == 0.0 && f.abs() < 9e15 => Ok(Some(f as i64)),
            _ => bad(path, "whole pounds", j),
        },
        other => bad(path, "whole pounds or null", other),
    }
}

fn opt_number(path: &str, j: &Json) -> Result<Option<f64>> {
    match j {
        Json::Null => Ok(None),
        Json::Number(n) => n
            .as_f64()
            .map(Some)
            .map_or_else(|| bad(path, "a number", j), Ok),
        other => bad(path, "a number or null", other),
    }
}

fn opt_stage(path: &str, j: &Json) -> Result<Option<u8>> {
    match j {
        Json::Null => Ok(None),
        _ => match j.as_u64().and_then(|n| u8::try_from(n).ok()) {
            Some(n) => Ok(Some(n)),
            None => bad(path, "a stage 0-7 or null", j),
        },
    }
}

fn array<'a>(path: &str, j: &'a Json) -> Result<&'a [Json]> {
    match j {
        Json::Null => Ok(&[]),
        Json::Array(a) => Ok(a),
        other => bad(path, "a list", other),
    }
}

fn object<'a>(path: &str, j: &'a Json) -> Result<&'a Map<String, Json>> {
    match j {
        Json::Object(o) => Ok(o),
        other => bad(path, "an object", other),
    }
}

/// Read one foi-lens/1 object back into the response it was written from.
pub fn from_contract(j: &Json) -> Result<Response> {
    let obj = object("response", j)?;
    match obj.get("schema").and_then(Json::as_str) {
        Some(super::SCHEMA) => {}
        Some(other) => {
            return Err(ContractError(format!(
                "this is a {other:?} object; foi-lens reads \"{}\" responses (exported by the \
                 app or by `foi-lens parse --json`)",
                super::SCHEMA
            )))
        }
        None => {
            return Err(ContractError(format!(
                "this object has no \"schema\": \"{}\"; it is not a foi-lens response",
                super::SCHEMA
            )))
        }
    }
    let m = Marks::read(obj)?;
    let text = |key: &str| -> Result<Option<Value<String>>> {
        Ok(opt_string(key, field(obj, key))?.map(|s| m.value(key, s)))
    };
    let mut r = Response {
        file: opt_string("file", field(obj, "file"))?,
        organisation: text("organisation")?,
        reference: text("reference")?,
        date: text("date")?,
        ..Response::default()
    };
    for (i, s) in array("it_spend", field(obj, "it_spend"))?
        .iter()
        .enumerate()
    {
        r.it_spend.push(spend_year(i, s, &m)?);
    }
    r.dma = match field(obj, "dma") {
        Json::Null => None,
        d => Some(dma(d, &m)?),
    };
    r.dma_status = status("dma_status", field(obj, "dma_status"), &m)?;
    r.himss_status = status("himss_status", field(obj, "himss_status"), &m)?;
    for key in ["emram_stage", "infram_stage"] {
        let v = opt_stage(key, field(obj, key))?.map(|n| m.value(key, n));
        if key == "emram_stage" {
            r.emram_stage = v;
        } else {
            r.infram_stage = v;
        }
    }
    for (i, e) in array("exemptions", field(obj, "exemptions"))?
        .iter()
        .enumerate()
    {
        let path = format!("exemptions[{i}]");
        match e.as_str() {
            Some(code) => r.exemptions.push(m.value(&path, code.to_string())),
            None => return bad(&path, "a section like \"s22\"", e),
        }
    }
    for (i, w) in array("warnings", field(obj, "warnings"))?
        .iter()
        .enumerate()
    {
        r.warnings.push(warning(&format!("warnings[{i}]"), w)?);
    }
    for (i, t) in array("tables", field(obj, "tables"))?.iter().enumerate() {
        r.tables.push(table(i, t, &m)?);
    }
    Ok(r)
}

fn spend_year(i: usize, j: &Json, m: &Marks) -> Result<SpendYear> {
    let path = format!("it_spend[{i}]");
    let o = object(&path, j)?;
    let year = match field(o, "year").as_str().and_then(FinYear::from_label) {
        Some(y) => y,
        None => {
            return bad(
                &format!("{path}.year"),
                "a year like \"2023/24\"",
                field(o, "year"),
            )
        }
    };
    let mut s = SpendYear::new(year, m.evidence.get(&format!("{path}.year")).copied());
    let total_path = format!("{path}.total_gbp");
    s.total = opt_pounds(&total_path, field(o, "total_gbp"))?.map(|v| m.value(&total_path, v));
    if let Some(b) = o.get("breakdown").filter(|b| !b.is_null()) {
        let b = object(&format!("{path}.breakdown"), b)?;
        for c in SpendCategory::ALL {
            let p = format!("{path}.breakdown.{}", c.key());
            *s.breakdown.get_mut(c) = opt_pounds(&p, field(b, c.key()))?.map(|v| m.value(&p, v));
        }
    }
    Ok(s)
}

fn dma(j: &Json, m: &Marks) -> Result<Dma> {
    let o = object("dma", j)?;
    let mut d = Dma {
        overall: opt_number("dma.overall", field(o, "overall"))?.map(|v| m.value("dma.overall", v)),
        ..Dma::default()
    };
    if let Some(p) = o.get("pillars").filter(|p| !p.is_null()) {
        let p = object("dma.pillars", p)?;
        for pillar in Pillar::ALL {
            let path = format!("dma.pillars.{}", pillar.key());
            *d.pillars.get_mut(pillar) =
                opt_number(&path, field(p, pillar.key()))?.map(|v| m.value(&path, v));
        }
    }
    Ok(d)
}

fn status<T: serde::de::DeserializeOwned>(path: &str, j: &Json, m: &Marks) -> Result<Value<T>> {
    match serde_json::from_value::<T>(j.clone()) {
        Ok(v) => Ok(m.value(path, v)),
        Err(_) => bad(path, "a status key like \"disclosed\"", j),
    }
}

fn warning(path: &str, j: &Json) -> Result<Warning> {
    let o = object(path, j)?;
    let level = match o.get("level") {
        None | Some(Json::Null) => Level::default(),
        Some(l) => serde_json::from_value(l.clone())
            .or_else(|_| bad(&format!("{path}.level"), "\"warning\" or \"note\"", l))?,
    };
    let message = match field(o, "message").as_str() {
        Some(s) => s.to_string(),
        None => return bad(&format!("{path}.message"), "text", field(o, "message")),
    };
    Ok(Warning {
        level,
        field: opt_string(&format!("{path}.field"), field(o, "field"))?,
        message,
        span: optional_span(&format!("{path}.span"), o.get("span"))?,
    })
}

/// A money table: the year columns' cells come from each row's `values` and `spans`, the first
/// total column's from `total` and `total_span`, any other column's from `other_cells`; the
/// marks of every cell from the response's `edited` and `confidence` lists.
fn table(index: usize, j: &Json, m: &Marks) -> Result<MoneyTable> {
    let path = format!("tables[{index}]");
    let o = object(&path, j)?;
    let unit = match field(o, "unit").as_str() {
        Some("£") => MoneyUnit::Pounds,
        Some("£k") => MoneyUnit::Thousands,
        Some("£m") => MoneyUnit::Millions,
        Some("£bn") => MoneyUnit::Billions,
        _ => {
            return bad(
                &format!("{path}.unit"),
                "\"£\", \"£k\", \"£m\" or \"£bn\"",
                field(o, "unit"),
            )
        }
    };
    let mut columns = Vec::new();
    for (i, c) in array(&format!("{path}.columns"), field(o, "columns"))?
        .iter()
        .enumerate()
    {
        let cp = format!("{path}.columns[{i}]");
        let c = object(&cp, c)?;
        let year = match field(c, "year") {
            Json::Null => None,
            y => match y.as_str().and_then(FinYear::from_label) {
                Some(y) => Some(y),
                None => return bad(&format!("{cp}.year"), "a year like \"2023/24\" or null", y),
            },
        };
        columns.push(TableColumn {
            label: opt_string(&format!("{cp}.label"), field(c, "label"))?.unwrap_or_default(),
            year,
            is_total: field(c, "is_total").as_bool().unwrap_or(false),
            span: optional_span(&format!("{cp}.span"), c.get("span"))?,
        });
    }
    let mut t = MoneyTable {
        caption: opt_string(&format!("{path}.caption"), field(o, "caption"))?
            .map(|c| m.value_with_span(&format!("{path}.caption"), c, None)),
        unit,
        columns,
        rows: Vec::new(),
        checks: Vec::new(),
        span: span(&format!("{path}.span"), field(o, "span"))?,
        sums: Vec::new(),
    };
    if let Some(c) = &mut t.caption {
        c.span = optional_span(&format!("{path}.caption_span"), o.get("caption_span"))?;
    }
    let year_cols: Vec<usize> = (0..t.columns.len())
        .filter(|&i| t.columns[i].year.is_some())
        .collect();
    let total_col = t.columns.iter().position(|c| c.is_total);
    let rows_json = array(&format!("{path}.rows"), field(o, "rows"))?;
    for (r, row) in rows_json.iter().enumerate() {
        let rp = format!("{path}.rows[{r}]");
        let row = object(&rp, row)?;
        let mut values: Vec<Option<Value<f64>>> = vec![None; t.columns.len()];
        // (column, value, span) triples from wherever the contract keeps them.
        let mut cells: Vec<(usize, &Json, Option<&Json>)> = Vec::new();
        let printed = array(&format!("{rp}.values"), field(row, "values"))?;
        let spans = array(&format!("{rp}.spans"), field(row, "spans"))?;
        if printed.len() > year_cols.len() || spans.len() > printed.len() {
            return bad(
                &format!("{rp}.values"),
                "one value (and span) per year column",
                field(row, "values"),
            );
        }
        for (k, v) in printed.iter().enumerate() {
            cells.push((year_cols[k], v, spans.get(k)));
        }
        if let Some(col) = total_col {
            cells.push((col, field(row, "total"), row.get("total_span")));
        }
        for (i, c) in array(&format!("{rp}.other_cells"), field(row, "other_cells"))?
            .iter()
            .enumerate()
        {
            let cp = format!("{rp}.other_cells[{i}]");
            let c = object(&cp, c)?;
            let col = field(c, "field")
                .as_str()
                .and_then(|f| crate::report::json::table_cell_column(&t, f))
                .filter(|col| !year_cols.contains(col) && Some(*col) != total_col);
            match col {
                Some(col) => cells.push((col, field(c, "value"), c.get("span"))),
                None => {
                    return bad(
                        &format!("{cp}.field"),
                        "a column of this table",
                        field(c, "field"),
                    )
                }
            }
        }
        for (col, v, sp) in cells {
            let cell_path = format!("{rp}.{}", crate::report::json::table_cell_field(&t, col));
            values[col] = match opt_number(&cell_path, v)? {
                Some(v) => {
                    let span = optional_span(&format!("{cell_path} span"), sp)?;
                    Some(m.value_with_span(&cell_path, v, span))
                }
                None => None,
            };
        }
        let parts = match row.get("parts") {
            None | Some(Json::Null) => None,
            Some(p) => {
                let pp = format!("{rp}.parts");
                let p = object(&pp, p)?;
                let rows: Vec<usize> =
                    serde_json::from_value(field(p, "rows").clone()).or_else(|_| {
                        bad(
                            &format!("{pp}.rows"),
                            "a list of row numbers",
                            field(p, "rows"),
                        )
                    })?;
                if rows.iter().any(|&i| i >= rows_json.len()) {
                    return bad(
                        &format!("{pp}.rows"),
                        "rows of this table",
                        field(p, "rows"),
                    );
                }
                let basis = serde_json::from_value(field(p, "basis").clone()).or_else(|_| {
                    bad(
                        &format!("{pp}.basis"),
                        "how the parts were found",
                        field(p, "basis"),
                    )
                })?;
                Some(TotalParts { rows, basis })
            }
        };
        t.rows.push(TableRow {
            label: opt_string(&format!("{rp}.label"), field(row, "label"))?.unwrap_or_default(),
            values,
            is_total: field(row, "is_total").as_bool().unwrap_or(false),
            span: optional_span(&format!("{rp}.span"), row.get("span"))?,
            parts,
        });
    }
    for (i, w) in array(&format!("{path}.checks"), field(o, "checks"))?
        .iter()
        .enumerate()
    {
        t.checks.push(warning(&format!("{path}.checks[{i}]"), w)?);
    }
    for (i, s) in array(&format!("{path}.sums"), field(o, "sums"))?
        .iter()
        .enumerate()
    {
        let sum = sum_check(&format!("{path}.sums[{i}]"), s, &t)?;
        t.sums.push(sum);
    }
    Ok(t)
}

/// A checked total: `field` names the total cell (`rows[3].total`); `parts` are row numbers
/// (down) or cell paths (across).
fn sum_check(path: &str, j: &Json, t: &MoneyTable) -> Result<SumCheck> {
    let o = object(path, j)?;
    let cell = field(o, "field").as_str().and_then(|f| {
        let rest = f.strip_prefix("rows[")?;
        let (row, rest) = rest.split_once("].")?;
        let row: usize = row.parse().ok()?;
        let col = crate::report::json::table_cell_column(t, rest)?;
        (row < t.rows.len()).then_some((row, col))
    });
    let Some((row, column)) = cell else {
        return bad(
            &format!("{path}.field"),
            "a cell of this table",
            field(o, "field"),
        );
    };
    let direction: SumDirection =
        serde_json::from_value(field(o, "direction").clone()).or_else(|_| {
            bad(
                &format!("{path}.direction"),
                "\"across\" or \"down\"",
                field(o, "direction"),
            )
        })?;
    let outcome: SumOutcome =
        serde_json::from_value(field(o, "outcome").clone()).or_else(|_| {
            bad(
                &format!("{path}.outcome"),
                "an outcome",
                field(o, "outcome"),
            )
        })?;
    let number = |key: &str| match field(o, key).as_f64() {
        Some(v) => Ok(v),
        None => bad(&format!("{path}.{key}"), "a number", field(o, key)),
    };
    let mut parts = Vec::new();
    for p in array(&format!("{path}.parts"), field(o, "parts"))? {
        let part = match direction {
            SumDirection::Down => p.as_u64().map(|r| r as usize).filter(|&r| r < t.rows.len()),
            SumDirection::Across => p
                .as_str()
                .and_then(|f| crate::report::json::table_cell_column(t, f)),
        };
        match part {
            Some(i) => parts.push(i),
            None => return bad(&format!("{path}.parts"), "rows or cells of this table", p),
        }
    }
    Ok(SumCheck {
        row,
        column,
        direction,
        printed: number("printed")?,
        computed: number("computed")?,
        parts,
        outcome,
    })
}
