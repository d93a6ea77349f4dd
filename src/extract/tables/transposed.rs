//! Tables with the years down the side: a header of categories ("IT staff (£)", "Software (£)",
//! "Total (£)") over rows that each start with a financial year, perhaps closed by a "Total" row.
//! They are read, then turned a quarter-turn into the same shape as year-column tables (years
//! as columns, categories as rows; the "Total" row becomes the total column and a "Total"
//! category the total row), so captions, units, labels and totals checks work the same way.

use super::body::{align, Body, BodyRow};
use super::cell::CellValue;
use super::header::{char_range, year_heading, Column, ColumnKind, Header};
use super::labels::{has_total_word, LabelCell, RawLabel};
use crate::extract::layout::{Line, Separator};

/// Most year rows read (a longer run is a list, not a table of years).
const MAX_YEAR_ROWS: usize = 60;

/// A years-down table whose category header is `lines[at]`, turned into year columns.
pub(crate) fn read_transposed<'a>(lines: &'a [Line<'a>], at: usize) -> Option<(Header, Body<'a>)> {
    let line = &lines[at];
    if !matches!(
        line.separator,
        Separator::Tab | Separator::Pipe | Separator::Spaces
    ) || line.cells.len() < 2
        || line.cells.len() > 64
    {
        return None;
    }
    let categories = &line.cells[1..];
    let plausible = categories.iter().filter(|c| !c.text.is_empty()).count() >= 1
        && categories.iter().all(|c| {
            c.text.len() <= 60
                && year_heading(c.text).is_none()
                && (c.text.is_empty() || c.text.chars().any(char::is_alphabetic))
        });
    if !plausible || year_heading(line.cells[0].text).is_some() {
        return None;
    }
    // The header as the body reader knows it: column 0 labels, the rest value columns.
    let source = Header {
        columns: line
            .cells
            .iter()
            .enumerate()
            .map(|(i, c)| Column {
                kind: if i == 0 {
                    ColumnKind::Label
                } else {
                    ColumnKind::Category
                },
                label: c.text.to_string(),
                span: Some((c.start, c.end)),
                index: i,
                chars: char_range(c),
            })
            .collect(),
        separator: line.separator,
        first_line: at,
        last_line: at,
        year_line: at,
    };
    // Year rows, then perhaps a total row.
    let mut year_rows: Vec<(usize, BodyRow<'a>)> = Vec::new();
    let mut total_row: Option<(usize, BodyRow<'a>)> = None;
    for (i, next) in lines
        .iter()
        .enumerate()
        .skip(at + 1)
        .take(MAX_YEAR_ROWS + 1)
    {
        if next.separator != line.separator {
            break;
        }
        // Only a row that starts with a year (or a total after the years) is worth aligning.
        let starts_right = next
            .cells
            .iter()
            .find(|c| !c.text.is_empty())
            .is_some_and(|c| {
                year_heading(c.text).is_some() || (year_rows.len() >= 2 && has_total_word(c.text))
            });
        if !starts_right {
            break;
        }
        let row = align(next, &source);
        let first = row.label.cells.iter().find(|c| !c.text.is_empty());
        let figures = row
            .values
            .iter()
            .flatten()
            .any(|s| matches!(s.value, CellValue::Number(_)));
        match first {
            Some(c) if figures && year_heading(c.text).is_some() => year_rows.push((i, row)),
            Some(c) if figures && has_total_word(c.text) && year_rows.len() >= 2 => {
                total_row = Some((i, row));
                break;
            }
            _ => break,
        }
    }
    let mut years: Vec<_> = year_rows
        .iter()
        .filter_map(|(_, r)| r.label.cells.iter().find_map(|c| year_heading(c.text)))
        .collect();
    let count = years.len();
    years.sort();
    years.dedup();
    if count < 2 || years.len() != count || year_rows.iter().any(|(_, r)| r.misaligned) {
        return None;
    }
    // Columns of the turned table: the corner label, one per year row, the total row.
    let mut columns = vec![Column {
        kind: ColumnKind::Label,
        label: line.cells[0].text.to_string(),
        span: None,
        index: 0,
        chars: (0, 0),
    }];
    for (k, (_, row)) in year_rows.iter().chain(total_row.iter()).enumerate() {
        let cell = row.label.cells.iter().find(|c| !c.text.is_empty())?;
        columns.push(Column {
            kind: year_heading(cell.text).map_or(ColumnKind::Total, ColumnKind::Year),
            label: cell.text.to_string(),
            span: Some((cell.start, cell.start + cell.text.len())),
            index: k + 1,
            chars: (0, 0),
        });
    }
    // Rows of the turned table: one per category with a figure in it.
    let read: Vec<&BodyRow<'a>> = year_rows
        .iter()
        .chain(total_row.iter())
        .map(|(_, r)| r)
        .collect();
    let mut rows = Vec::new();
    for (c, category) in categories.iter().enumerate() {
        let has_figure = read.iter().any(|r| {
            r.values
                .get(c)
                .copied()
                .flatten()
                .is_some_and(|s| matches!(s.value, CellValue::Number(_)))
        });
        if !has_figure || category.text.contains('%') {
            continue;
        }
        rows.push(BodyRow {
            label: RawLabel {
                cells: vec![LabelCell {
                    text: category.text,
                    column: category.column,
                    start: category.start,
                }],
                heading: false,
            },
            values: read
                .iter()
                .map(|r| r.values.get(c).copied().flatten())
                .collect(),
            misaligned: false,
            start: category.start,
            end: category.end,
        });
    }
    if rows.is_empty() {
        return None;
    }
    let last_line = total_row.as_ref().or(year_rows.last()).map(|(i, _)| *i)?;
    Some((
        Header {
            columns,
            separator: Separator::Tab,
            first_line: at,
            last_line: at,
            year_line: at,
        },
        Body { rows, last_line },
    ))
}
