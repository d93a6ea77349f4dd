//! Money tables as tidy CSV: one record per (file, table, row, column) — every value cell of
//! every table, blank where the document printed a dash or nothing — so a table can be pivoted,
//! charted or joined in any tool. Columns: see [`HEADER`].

use super::csv::{text_field, CsvWriter};
use crate::model::MoneyTable;
use std::collections::HashMap;
use std::io::{self, Write};

/// The header record.
pub const HEADER: [&str; 15] = [
    "file",
    "table",
    "caption",
    "unit",
    "row",
    "label",
    "is_total_row",
    "column",
    "year",
    "is_total_column",
    "value",
    "value_gbp",
    "span_start",
    "span_end",
    "checks",
];

/// Write the header (once per writer) and one record per value cell of `tables`. `table` and
/// `row` are 1-based; `value` is as printed in `unit`; `value_gbp` is in whole pounds; the span
/// is the byte range of the figure in the source text; `checks` counts the warnings and notes
/// on that cell.
pub fn write_tables<W: Write>(
    csv: &mut CsvWriter<W>,
    file: &str,
    tables: &[MoneyTable],
) -> io::Result<()> {
    if !csv.has_header() {
        csv.write_record(HEADER)?;
    }
    for (t, table) in tables.iter().enumerate() {
        let caption = table
            .caption
            .as_ref()
            .map(|c| c.value.as_str())
            .unwrap_or("");
        // Per column, the contract path of its cells within a row; per cell path, how many
        // checks name it (counted once, so wide tables stay linear).
        let suffixes = field_suffixes(table);
        let mut check_counts: HashMap<&str, usize> = HashMap::new();
        for w in &table.checks {
            if let Some(f) = w.field.as_deref() {
                *check_counts.entry(f).or_default() += 1;
            }
        }
        for (r, row) in table.rows.iter().enumerate() {
            for (c, column) in table.columns.iter().enumerate() {
                let cell = row.values.get(c).and_then(Option::as_ref);
                let field = format!("rows[{r}].{}", suffixes[c]);
                let checks = check_counts.get(field.as_str()).copied().unwrap_or(0);
                let value = cell.map(|v| v.value.to_string()).unwrap_or_default();
                let gbp = cell
                    .map(|v| v.value * table.unit.factor())
                    .filter(|p| p.is_finite() && p.abs() < 9e15)
                    .map(|p| (p.round() as i64).to_string())
                    .unwrap_or_default();
                let span = cell.and_then(|v| v.span);
                let span_part = |f: fn(&crate::model::Span) -> usize| {
                    span.map(|s| f(&s).to_string()).unwrap_or_default()
                };
                csv.write_record([
                    text_field(file).into_owned(),
                    (t + 1).to_string(),
                    text_field(caption).into_owned(),
                    table.unit.symbol().to_string(),
                    (r + 1).to_string(),
                    text_field(&row.label).into_owned(),
                    bool_field(row.is_total).to_string(),
                    text_field(&column.label).into_owned(),
                    column.year.map(|y| y.to_string()).unwrap_or_default(),
                    bool_field(column.is_total).to_string(),
                    value,
                    gbp,
                    span_part(|s| s.start),
                    span_part(|s| s.end),
                    checks.to_string(),
                ])?;
            }
        }
    }
    Ok(())
}

fn bool_field(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// The contract path of each column's cells within a row ("values[1]", "total"), as `checks`
/// use it.
fn field_suffixes(table: &MoneyTable) -> Vec<String> {
    let first_total = table.columns.iter().position(|x| x.is_total);
    let mut years = 0;
    table
        .columns
        .iter()
        .enumerate()
        .map(|(c, column)| {
            if column.year.is_some() {
                years += 1;
                format!("values[{}]", years - 1)
            } else if first_total == Some(c) {
                "total".to_string()
            } else {
                format!("columns[{c}]")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    #[test]
    fn one_record_per_cell_with_blanks_for_missing_figures() {
        let table = MoneyTable {
            caption: Some(Value::found(
                "Table 9, funding".to_string(),
                Span::new(0, 5),
            )),
            unit: MoneyUnit::Millions,
            columns: vec![
                TableColumn {
                    label: "2018-19".into(),
                    year: Some(FinYear(2018)),
                    is_total: false,
                    span: None,
                },
                TableColumn {
                    label: "Total".into(),
                    year: None,
                    is_total: true,
                    span: None,
                },
            ],
            rows: vec![TableRow {
                label: "=cmd".into(),
                values: vec![Some(Value::found(0.009, Span::new(10, 15))), None],
                is_total: false,
                span: None,
                parts: None,
            }],
            checks: vec![Warning::new(Some("rows[0].total".into()), "x", None)],
            span: Span::new(0, 20),
            sums: Vec::new(),
        };
        let mut w = CsvWriter::new(Vec::new());
        write_tables(&mut w, "a.txt", &[table]).unwrap();
        let text = String::from_utf8(w.into_inner()).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], HEADER.join(","));
        assert_eq!(
            lines[1],
            "a.txt,1,\"Table 9, funding\",£m,1,'=cmd,false,2018-19,2018/19,false,0.009,9000,10,15,0"
        );
        assert_eq!(
            lines[2],
            "a.txt,1,\"Table 9, funding\",£m,1,'=cmd,false,Total,,true,,,,,1"
        );
        assert_eq!(lines.len(), 4); // trailing CRLF
    }
}
