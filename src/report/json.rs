//! The public JSON contract, `schema: "foi-lens/1"` (see DESIGN.md): one flat object per response
//! with plain values (money in whole pounds, years as "2023/24", unknown = null), plus
//! `evidence` (contract path → span and quoted source text), `edited` (paths the user changed),
//! `confidence` (paths of values read by a weaker rule: `"medium"`), `warnings` and `tables`.
//!
//! [`from_contract`] reads such an object back into a [`Response`], exactly as it was exported
//! (values, evidence spans, edited marks, confidence, warnings), so a batch exported from the
//! app or the CLI can be imported again.

use crate::model::*;
use serde_json::{json, Map, Value as Json};

mod read;
pub use read::{from_contract, ContractError};

pub const SCHEMA: &str = "foi-lens/1";

/// Build the contract object for `response`, quoting evidence from `source` (the text the
/// response was parsed from).
pub fn to_contract(response: &Response, source: &str) -> Json {
    let mut ev = Evidence {
        source,
        evidence: Map::new(),
        edited: Vec::new(),
        confidence: Map::new(),
    };
    let it_spend: Vec<Json> = response
        .it_spend
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut breakdown = Map::new();
            for c in SpendCategory::ALL {
                let path = format!("it_spend[{i}].breakdown.{}", c.key());
                breakdown.insert(c.key().into(), ev.value(&path, s.breakdown.get(c)));
            }
            if let Some(span) = s.year_span {
                ev.span(&format!("it_spend[{i}].year"), span);
            }
            json!({
                "year": s.year.to_string(),
                "total_gbp": ev.value(&format!("it_spend[{i}].total_gbp"), s.total.as_ref()),
                "breakdown": breakdown,
            })
        })
        .collect();
    let dma = response.dma.as_ref().map(|d| {
        let mut pillars = Map::new();
        for p in Pillar::ALL {
            let path = format!("dma.pillars.{}", p.key());
            pillars.insert(p.key().into(), ev.value(&path, d.pillars.get(p)));
        }
        json!({"overall": ev.value("dma.overall", d.overall.as_ref()), "pillars": pillars})
    });
    let exemptions: Vec<Json> = response
        .exemptions
        .iter()
        .enumerate()
        .map(|(i, e)| ev.value(&format!("exemptions[{i}]"), Some(e)))
        .collect();
    let mut out = json!({
        "schema": SCHEMA,
        "file": response.file,
        "organisation": ev.value("organisation", response.organisation.as_ref()),
        "reference": ev.value("reference", response.reference.as_ref()),
        "date": ev.value("date", response.date.as_ref()),
        "it_spend": it_spend,
        "dma": dma,
        "dma_status": ev.status("dma_status", &response.dma_status, DmaStatus::key),
        "emram_stage": ev.value("emram_stage", response.emram_stage.as_ref()),
        "infram_stage": ev.value("infram_stage", response.infram_stage.as_ref()),
        "himss_status": ev.status("himss_status", &response.himss_status, HimssStatus::key),
        "exemptions": exemptions,
    });
    let tables: Vec<Json> = response
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| table(i, t, &mut ev))
        .collect();
    let obj = out.as_object_mut().expect("json! object");
    obj.insert("evidence".into(), Json::Object(ev.evidence));
    obj.insert("edited".into(), json!(ev.edited));
    obj.insert("confidence".into(), Json::Object(ev.confidence));
    obj.insert(
        "warnings".into(),
        Json::Array(
            response
                .warnings
                .iter()
                .map(|w| warning(w, source))
                .collect(),
        ),
    );
    obj.insert("tables".into(), Json::Array(tables));
    out
}

/// Collects `evidence`, `edited` and `confidence` entries while the contract values are written.
struct Evidence<'a> {
    source: &'a str,
    evidence: Map<String, Json>,
    edited: Vec<String>,
    /// Only values that are not `High` are listed.
    confidence: Map<String, Json>,
}

impl Evidence<'_> {
    fn span(&mut self, path: &str, span: Span) {
        self.evidence
            .insert(path.into(), span_json(span, self.source));
    }

    fn value<T: serde::Serialize>(&mut self, path: &str, v: Option<&Value<T>>) -> Json {
        let Some(v) = v else { return Json::Null };
        if let Some(span) = v.span {
            self.span(path, span);
        }
        self.marks(path, v);
        serde_json::to_value(&v.value).unwrap_or(Json::Null)
    }

    fn status<T: Copy>(&mut self, path: &str, v: &Value<T>, key: fn(T) -> &'static str) -> Json {
        if let Some(span) = v.span {
            self.span(path, span);
        }
        self.marks(path, v);
        json!(key(v.value))
    }

    fn marks<T>(&mut self, path: &str, v: &Value<T>) {
        if v.edited {
            self.edited.push(path.into());
        }
        if v.confidence != Confidence::High {
            self.confidence.insert(path.into(), json!(v.confidence));
        }
    }
}

/// Add `where` ("page 2", "Sheet1!C7", "attachment reply.pdf, page 1") to each `evidence` entry
/// of a contract whose span `describe` can place in the original file (PDFs, spreadsheets,
/// e-mails). Plain text has no places: the contract is left as it is.
pub fn add_places(contract: &mut Json, describe: impl Fn(Span) -> Option<String>) {
    let Some(evidence) = contract.get_mut("evidence").and_then(Json::as_object_mut) else {
        return;
    };
    for entry in evidence.values_mut() {
        let start = entry.get("start").and_then(Json::as_u64);
        let end = entry.get("end").and_then(Json::as_u64);
        if let (Some(start), Some(end)) = (start, end) {
            if let Some(place) = describe(Span::new(start as usize, end as usize)) {
                entry["where"] = json!(place);
            }
        }
    }
}

fn span_json(span: Span, source: &str) -> Json {
    json!({"start": span.start, "end": span.end, "text": span.text(source)})
}

fn warning(w: &Warning, source: &str) -> Json {
    let mut o = json!({
        "level": w.level,
        "field": w.field,
        "message": w.message,
    });
    if let Some(span) = w.span {
        o["span"] = span_json(span, source);
    }
    o
}

/// The contract path of column `col`'s cell within a row of `t`: `"values[k]"` for the k-th
/// year column, `"total"` for the (first) total column, `"columns[i]"` for any other column (a
/// second total). Checks, sums, evidence and corrections of table cells all use these paths.
pub fn table_cell_field(t: &MoneyTable, col: usize) -> String {
    let year_index = t.columns[..col.min(t.columns.len())]
        .iter()
        .filter(|c| c.year.is_some())
        .count();
    match t.columns.get(col) {
        Some(c) if c.year.is_some() => format!("values[{year_index}]"),
        Some(_) if t.columns.iter().position(|c| c.is_total) == Some(col) => "total".into(),
        _ => format!("columns[{col}]"),
    }
}

/// The column a cell path of [`table_cell_field`] names, if `t` has it (only by its own name).
pub fn table_cell_column(t: &MoneyTable, field: &str) -> Option<usize> {
    if field == "total" {
        return t.columns.iter().position(|c| c.is_total);
    }
    let index = |prefix: &str| -> Option<usize> {
        let digits = field.strip_prefix(prefix)?.strip_suffix(']')?;
        if digits.is_empty() || digits.len() > 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok()
    };
    if let Some(k) = index("values[") {
        return (0..t.columns.len())
            .filter(|&i| t.columns[i].year.is_some())
            .nth(k);
    }
    // Only the canonical name: a year or total column is not also `columns[i]`.
    index("columns[").filter(|&i| i < t.columns.len() && table_cell_field(t, i) == field)
}

/// A money table in contract form: `years` and per-row `values` cover the year columns, `total`
/// the (first) total column. Beyond the required keys: each row's `spans` (evidence of each
/// value, same order as `values`) and `total_span`, a total row's `parts` (the row indices it
/// adds up, and how they were found), and `sums` (every total checked, with `field` paths like
/// the ones in `checks`). So that an export can be read back exactly: a column's `span` where it
/// has one, a row's `other_cells` (cells of columns that are neither years nor the first total),
/// and the caption's and cells' `edited` and `confidence` marks in the response's lists
/// (`tables[0].caption`, `tables[0].rows[3].values[1]`).
fn table(index: usize, t: &MoneyTable, ev: &mut Evidence) -> Json {
    let source = ev.source;
    let year_cols: Vec<usize> = (0..t.columns.len())
        .filter(|&i| t.columns[i].year.is_some())
        .collect();
    let total_col = t.columns.iter().position(|c| c.is_total);
    let num = |v: &Option<Value<f64>>| v.as_ref().map(|v| json!(v.value)).unwrap_or(Json::Null);
    let span_of = |v: &Option<Value<f64>>| {
        v.as_ref()
            .and_then(|v| v.span)
            .map(|s| span_json(s, source))
            .unwrap_or(Json::Null)
    };
    fn cell(r: &TableRow, i: usize) -> &Option<Value<f64>> {
        r.values.get(i).unwrap_or(&None)
    }
    let field = |i: usize| table_cell_field(t, i);
    if let Some(c) = &t.caption {
        ev.marks(&format!("tables[{index}].caption"), c);
    }
    let rows: Vec<Json> = t
        .rows
        .iter()
        .enumerate()
        .map(|(r_index, r)| {
            for (col, v) in r.values.iter().enumerate() {
                if let Some(v) = v {
                    ev.marks(
                        &format!("tables[{index}].rows[{r_index}].{}", field(col)),
                        v,
                    );
                }
            }
            let values: Vec<Json> = year_cols.iter().map(|&i| num(cell(r, i))).collect();
            let spans: Vec<Json> = year_cols.iter().map(|&i| span_of(cell(r, i))).collect();
            let mut o = json!({"label": r.label, "values": values, "spans": spans});
            if let Some(i) = total_col {
                o["total"] = num(cell(r, i));
                o["total_span"] = span_of(cell(r, i));
            }
            let other: Vec<Json> = (0..t.columns.len())
                .filter(|&i| !year_cols.contains(&i) && Some(i) != total_col)
                .filter_map(|i| {
                    let v = cell(r, i).as_ref()?;
                    Some(json!({"field": field(i), "value": v.value,
                                "span": v.span.map(|s| span_json(s, source))}))
                })
                .collect();
            if !other.is_empty() {
                o["other_cells"] = json!(other);
            }
            if r.is_total {
                o["is_total"] = json!(true);
            }
            if let Some(parts) = &r.parts {
                o["parts"] = json!({"rows": parts.rows, "basis": parts.basis});
            }
            if let Some(span) = r.span {
                o["span"] = json!({"start": span.start, "end": span.end});
            }
            o
        })
        .collect();
    let sums: Vec<Json> = t
        .sums
        .iter()
        .map(|s| {
            let parts: Vec<Json> = match s.direction {
                SumDirection::Down => s.parts.iter().map(|&r| json!(r)).collect(),
                SumDirection::Across => s.parts.iter().map(|&c| json!(field(c))).collect(),
            };
            json!({
                "field": format!("rows[{}].{}", s.row, field(s.column)),
                "direction": s.direction,
                "printed": s.printed,
                "computed": s.computed,
                "outcome": s.outcome,
                "parts": parts,
            })
        })
        .collect();
    let columns: Vec<Json> = t
        .columns
        .iter()
        .map(|c| {
            let mut o = json!({"label": c.label, "year": c.year.map(|y| y.to_string()), "is_total": c.is_total});
            if let Some(span) = c.span {
                o["span"] = json!({"start": span.start, "end": span.end});
            }
            o
        })
        .collect();
    json!({
        "caption": t.caption.as_ref().map(|c| c.value.clone()),
        "caption_span": t.caption.as_ref().and_then(|c| c.span).map(|s| span_json(s, source)),
        "unit": t.unit.symbol(),
        "years": year_cols.iter().map(|&i| t.columns[i].year.map(|y| y.to_string())).collect::<Vec<_>>(),
        "has_total_column": total_col.is_some(),
        "columns": columns,
        "rows": rows,
        "checks": t.checks.iter().map(|w| warning(w, source)).collect::<Vec<_>>(),
        "sums": sums,
        "span": {"start": t.span.start, "end": t.span.end},
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_has_every_required_key_and_quotes_evidence() {
        let source = "Total IT spend 2023/24: £16,467,000";
        let mut r = Response::default();
        let mut y = SpendYear::new(FinYear(2023), Some(Span::new(15, 22)));
        y.total = Some(Value::found(16_467_000, Span::new(24, source.len())));
        r.it_spend.push(y);
        r.exemptions.push(Value::edited("s22".to_string(), None));
        let j = to_contract(&r, source);
        for key in [
            "schema",
            "file",
            "organisation",
            "reference",
            "date",
            "it_spend",
            "dma",
            "dma_status",
            "emram_stage",
            "infram_stage",
            "himss_status",
            "exemptions",
            "evidence",
            "warnings",
        ] {
            assert!(j.get(key).is_some(), "missing {key}");
        }
        assert_eq!(j["schema"], "foi-lens/1");
        assert_eq!(j["it_spend"][0]["year"], "2023/24");
        assert_eq!(j["it_spend"][0]["total_gbp"], 16_467_000);
        assert_eq!(j["it_spend"][0]["breakdown"]["software"], Json::Null);
        assert_eq!(
            j["evidence"]["it_spend[0].total_gbp"]["text"],
            "£16,467,000"
        );
        assert_eq!(j["evidence"]["it_spend[0].year"]["text"], "2023/24");
        assert_eq!(j["dma_status"], "not_answered");
        assert_eq!(j["exemptions"], json!(["s22"]));
        assert_eq!(j["edited"], json!(["exemptions[0]"]));
    }
}
