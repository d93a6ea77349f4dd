//! Multi-year money tables in long documents (strategies, board papers, spreadsheets saved as
//! text): find each table, read its caption, unit, year and total columns, row labels and
//! figures as printed (each with its span), and check every printed total against its parts.
//!
//! The pipeline, one module per step:
//! - [`single_space`]: re-splits tables printed with single spaces (PDF text without layout);
//! - [`header`]: a line with two or more financial-year cells, plus its wrapped header lines;
//! - [`body`]: the rows under it, aligned to the header's columns (by index or position);
//! - [`transposed`]: tables with the years down the side, turned into the same shape;
//! - [`caption`]: the "Figure/Table N" line above or below, else the nearest heading above;
//! - [`labels`]: row names (continuation rows qualified by their group), total rows;
//! - [`cell`]: each figure read exactly, with its printed precision;
//! - [`totals`] (+ [`subset`]): totals checked across and down, warnings and notes.
//!
//! A table is only reported when it is about money: a unit in its header, caption or the lines
//! just above (`(£m's)`, `£000`, `£k`), or a `£` on its figures. Everything is linear in the
//! text except the totals checks, which run under a work budget.

mod body;
mod caption;
mod cell;
mod header;
mod labels;
mod single_space;
mod subset;
mod totals;
mod transposed;

use crate::extract::layout::{self, Line};
use crate::extract::money::unit_from_header;
use crate::extract::normalise::Normalised;
use crate::model::{MoneyTable, MoneyUnit, Span, TableColumn, TableRow, Value, Warning};
use body::{Body, BodyRow};
use cell::CellValue;
use header::{ColumnKind, Header};
use totals::{CheckColumn, CheckRow, Part};

/// Every multi-year money table in the text, in document order.
pub fn find_tables(n: &Normalised) -> Vec<MoneyTable> {
    let lines = single_space::resplit(&n.text, layout::lines(&n.text));
    let mut found: Vec<(Header, Body<'_>)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let after_last = |first: usize| found.last().is_none_or(|(_, b)| first > b.last_line);
        if let Some(h) = header::read_header(&lines, i).filter(|h| after_last(h.first_line)) {
            if let Some(b) = body::read_body(&lines, &h) {
                i = b.last_line + 1;
                found.push((h, b));
                continue;
            }
        } else if let Some((h, b)) = transposed::read_transposed(&lines, i) {
            i = b.last_line + 1;
            found.push((h, b));
            continue;
        }
        i += 1;
    }
    let extents: Vec<(usize, usize)> = found
        .iter()
        .map(|(h, b)| (h.first_line, b.last_line))
        .collect();
    let captions = caption::captions(&lines, &extents);
    found
        .iter()
        .zip(captions)
        .filter_map(|((h, b), c)| build_table(n, &lines, h, b, c.map(|c| c.line)))
        .collect()
}

/// The unit a table's figures are in, and per value column the unit to read bare numbers in
/// (they differ only when columns declare different units).
fn table_unit(
    lines: &[Line<'_>],
    header: &Header,
    body: &Body<'_>,
    caption_line: Option<usize>,
) -> Option<(MoneyUnit, Vec<MoneyUnit>)> {
    let column_units: Vec<Option<MoneyUnit>> = header
        .value_columns()
        .map(|c| unit_from_header(&c.label))
        .collect();
    let declared = column_units.iter().flatten().copied().next();
    let nearby = || {
        header
            .texts(lines)
            .into_iter()
            .chain(caption_line.map(|l| lines[l].text))
            .chain(
                (header.first_line.saturating_sub(2)..header.first_line)
                    .map(|l| lines[l].text)
                    .filter(|t| t.trim().len() <= 80),
            )
            .find_map(unit_from_header)
    };
    let from_figures = || {
        // "£2,129,000" or "£1.2m" on the figures themselves: the commonest printed unit.
        let mut counts = [0usize; 4];
        for slot in body.rows.iter().flat_map(|r| r.values.iter().flatten()) {
            if let CellValue::Number(n) = slot.value {
                if n.pound_sign || n.unit.is_some() {
                    counts[unit_index(n.unit.unwrap_or(MoneyUnit::Pounds))] += 1;
                }
            }
        }
        let (best, &count) = counts.iter().enumerate().max_by_key(|(_, c)| **c)?;
        (count > 0).then(|| UNITS[best])
    };
    let unit = declared.or_else(nearby).or_else(from_figures)?;
    let per_column = column_units.iter().map(|u| u.unwrap_or(unit)).collect();
    Some((unit, per_column))
}

const UNITS: [MoneyUnit; 4] = [
    MoneyUnit::Pounds,
    MoneyUnit::Thousands,
    MoneyUnit::Millions,
    MoneyUnit::Billions,
];

fn unit_index(u: MoneyUnit) -> usize {
    UNITS.iter().position(|x| *x == u).unwrap_or(0)
}

fn build_table(
    n: &Normalised,
    lines: &[Line<'_>],
    header: &Header,
    body: &Body<'_>,
    caption_line: Option<usize>,
) -> Option<MoneyTable> {
    let (unit, column_units) = table_unit(lines, header, body, caption_line)?;
    let value_columns: Vec<&header::Column> = header.value_columns().collect();
    let mut year_count = 0;
    let columns: Vec<TableColumn> = value_columns
        .iter()
        .map(|c| TableColumn {
            label: clean(&c.label),
            year: match c.kind {
                ColumnKind::Year(y) => Some(y),
                _ => None,
            },
            is_total: c.kind == ColumnKind::Total,
            span: c.span.map(|(s, e)| n.span(s, e)),
        })
        .collect();
    let fields: Vec<String> = columns
        .iter()
        .map(|c| {
            if c.is_total {
                "total".to_string()
            } else {
                year_count += 1;
                format!("values[{}]", year_count - 1)
            }
        })
        .collect();
    let first_total = columns.iter().position(|c| c.is_total);
    let check_columns: Vec<CheckColumn> = columns
        .iter()
        .zip(&fields)
        .enumerate()
        .map(|(k, (c, f))| CheckColumn {
            name: c
                .year
                .map(|y| y.to_string())
                .unwrap_or_else(|| "total".to_string()),
            field: f.clone(),
            is_year: c.year.is_some(),
            is_total: Some(k) == first_total,
        })
        .collect();

    let indexed = header.separator != layout::Separator::Spaces;
    let raw_labels: Vec<labels::RawLabel<'_>> = body.rows.iter().map(|r| r.label.clone()).collect();
    let names = labels::name_rows(&raw_labels, indexed);
    let mut checks: Vec<Warning> = Vec::new();
    if column_units.iter().any(|u| *u != unit) {
        checks.push(Warning::note(
            None,
            format!(
                "The columns of this table are printed in different units; all figures are given in {}.",
                unit.symbol()
            ),
            None,
        ));
    }
    let mut rows: Vec<TableRow> = Vec::new();
    let mut check_rows: Vec<CheckRow> = Vec::new();
    for (row, name) in body.rows.iter().zip(names) {
        let Some(name) = name else { continue };
        let r = rows.len();
        let (values, parts, spans) =
            read_values(n, row, unit, &column_units, r, &fields, &mut checks);
        rows.push(TableRow {
            label: name.label.clone(),
            values,
            is_total: name.is_total,
            span: Some(n.span(row.start, row.end)),
            parts: None,
        });
        check_rows.push(CheckRow {
            label: name.label,
            is_total: name.is_total,
            stems: name.stems,
            cells: parts,
            spans,
        });
    }
    if rows.is_empty() {
        return None;
    }
    let checked = totals::check_totals(unit, &check_columns, &check_rows);
    for (row, parts) in rows.iter_mut().zip(checked.parts) {
        row.parts = parts;
    }
    checks.extend(checked.warnings);
    let caption = caption_line.map(|l| {
        let line = &lines[l];
        let text = line.text.trim();
        let lead = line.text.len() - line.text.trim_start().len();
        Value::found(
            clean(text),
            n.span(line.start + lead, line.start + lead + text.len()),
        )
    });
    let last = &lines[body.last_line];
    let first = &lines[header.first_line];
    Some(MoneyTable {
        caption,
        unit,
        columns,
        rows,
        checks,
        span: n.span(first.start, last.end),
        sums: checked.sums,
    })
}

type RowValues = (Vec<Option<Value<f64>>>, Vec<Part>, Vec<Option<Span>>);

/// A row's figures in the table's unit, the same as parts for the totals checks, and their spans.
fn read_values(
    n: &Normalised,
    row: &BodyRow<'_>,
    unit: MoneyUnit,
    column_units: &[MoneyUnit],
    r: usize,
    fields: &[String],
    checks: &mut Vec<Warning>,
) -> RowValues {
    let mut values = Vec::with_capacity(column_units.len());
    let mut parts = Vec::with_capacity(column_units.len());
    let mut spans = Vec::with_capacity(column_units.len());
    if row.misaligned {
        checks.push(Warning::new(
            Some(format!("rows[{r}]")),
            "The figures on this row do not line up with the table's columns, so none were read.",
            Some(n.span(row.start, row.end)),
        ));
    }
    for (k, slot) in row.values.iter().enumerate() {
        let context = column_units.get(k).copied().unwrap_or(unit);
        let span = slot.map(|s| n.span(s.start, s.end));
        let (value, part) = match slot.map(|s| s.value) {
            None | Some(CellValue::Empty) | Some(CellValue::Dash) => (None, Part::Nothing),
            Some(CellValue::NoFigure) => (None, Part::Unknown),
            Some(CellValue::Text) => {
                let text = slot.map_or("", |s| &n.text[s.start..s.end]);
                checks.push(Warning::new(
                    Some(format!("rows[{r}].{}", fields[k])),
                    format!("Could not read \"{text}\" as an amount; left empty."),
                    span,
                ));
                (None, Part::Unknown)
            }
            Some(CellValue::Number(num)) => {
                let v = num.in_unit(context, unit);
                let micro = num.micro(context);
                (
                    Some(Value::found(v, n.span(num.start, num.end))),
                    Part::Num {
                        micro,
                        ulp: num.ulp(context),
                    },
                )
            }
        };
        spans.push(value.as_ref().and_then(|v: &Value<f64>| v.span).or(span));
        values.push(value);
        parts.push(part);
    }
    if row.misaligned {
        parts.iter_mut().for_each(|p| *p = Part::Unknown);
    }
    (values, parts, spans)
}

fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
