//! The body of a money table: the lines after its header that are rows of figures (or group
//! headings between them), each split into label cells and one cell per value column.
//!
//! Tab and pipe rows are matched to the header by cell index; a row that is short of cells and
//! has a number where a label should be (a "Grand Total" row printed in one merged label cell)
//! is re-aligned by its run of figures when that run has exactly one figure per value column.
//! Space-aligned rows are matched by character position. The body ends at prose, at the next
//! table's header, or after more than two blank lines.

use super::cell::{read_cell, CellValue};
use super::header::{char_range, is_decoration, overlap, read_header, Header};
use super::labels::{LabelCell, RawLabel};
use crate::extract::layout::{Cell, Line, Separator};

/// One value cell of a row: what it holds and the byte range of the cell.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Slot {
    pub value: CellValue,
    pub start: usize,
    pub end: usize,
}

/// A body row.
#[derive(Clone, Debug)]
pub(crate) struct BodyRow<'a> {
    pub label: RawLabel<'a>,
    /// One entry per value column of the header (in order); `None` where the row has no cell.
    pub values: Vec<Option<Slot>>,
    /// The figures could not be matched to the header's columns: values are all `None`.
    pub misaligned: bool,
    /// Byte range of the row's text.
    pub start: usize,
    pub end: usize,
}

/// A table body.
#[derive(Clone, Debug)]
pub(crate) struct Body<'a> {
    pub rows: Vec<BodyRow<'a>>,
    pub last_line: usize,
}

/// How a line reads inside a table.
enum LineRole<'a> {
    Data(BodyRow<'a>),
    Heading(BodyRow<'a>),
    /// Dots, rules, `|---|---|`: skipped.
    Decoration,
    /// Anything else: the table has ended.
    End,
}

/// More blank lines than this end a table.
const MAX_BLANK_RUN: usize = 2;
/// More consecutive figure-less rows than this end a table.
const MAX_HEADINGS: usize = 2;

/// Read the body under `header`. `None` when no row of figures follows it.
pub(crate) fn read_body<'a>(lines: &'a [Line<'a>], header: &Header) -> Option<Body<'a>> {
    let year_line_text = lines[header.year_line].text.trim();
    let mut rows: Vec<BodyRow<'a>> = Vec::new();
    let mut pending: Vec<BodyRow<'a>> = Vec::new();
    let mut blank_run = 0;
    let mut last_line = None;
    let mut i = header.last_line + 1;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() {
            blank_run += 1;
            if blank_run > MAX_BLANK_RUN {
                break;
            }
            i += 1;
            continue;
        }
        // The header repeated after a page break: the same table goes on, unless a heading
        // (a new caption) came first.
        if line.text.trim() == year_line_text {
            if !pending.is_empty() {
                break;
            }
            i += 1;
            continue;
        }
        if read_header(lines, i).is_some() {
            break;
        }
        match role(lines, i, header) {
            LineRole::Data(row) => {
                rows.append(&mut pending);
                rows.push(row);
                last_line = Some(i);
                blank_run = 0;
            }
            LineRole::Heading(row) => {
                pending.push(row);
                if pending.len() > MAX_HEADINGS {
                    break;
                }
            }
            LineRole::Decoration => {}
            LineRole::End => break,
        }
        i += 1;
    }
    let has_figures = rows.iter().any(|r| {
        r.values
            .iter()
            .flatten()
            .any(|s| matches!(s.value, CellValue::Number(_)))
    });
    (has_figures).then_some(Body {
        rows,
        last_line: last_line?,
    })
}

fn role<'a>(lines: &'a [Line<'a>], i: usize, header: &Header) -> LineRole<'a> {
    let line = &lines[i];
    let same_kind = match header.separator {
        Separator::Tab | Separator::Pipe => line.separator == header.separator,
        Separator::Spaces => line.separator == Separator::Spaces,
        Separator::None => false,
    };
    if line.separator == Separator::None {
        return single_cell_role(line, header);
    }
    if !same_kind {
        return LineRole::End;
    }
    let row = align(line, header);
    let label_text: String = row.label.cells.iter().map(|c| c.text).collect();
    let figures = row
        .values
        .iter()
        .flatten()
        .filter(|s| s.value.is_value_like())
        .count();
    let words_in_values = row
        .values
        .iter()
        .flatten()
        .filter(|s| matches!(s.value, CellValue::Text | CellValue::NoFigure))
        .count();
    let long_words = row
        .values
        .iter()
        .flatten()
        .any(|s| matches!(s.value, CellValue::Text) && s.end - s.start > 24);
    if row.misaligned {
        return if line.cells.iter().any(|c| is_number(c)) {
            LineRole::Data(row)
        } else {
            LineRole::End
        };
    }
    if is_decoration(&label_text)
        && !row
            .values
            .iter()
            .flatten()
            .any(|s| matches!(s.value, CellValue::Number(_)))
    {
        return LineRole::Decoration;
    }
    if label_text.len() > 160 || long_words {
        return LineRole::End;
    }
    let texts: Vec<&str> = row
        .values
        .iter()
        .flatten()
        .filter(|s| matches!(s.value, CellValue::Text))
        .map(|s| lines[i].text_at(s.start, s.end))
        .collect();
    let numbers = row
        .values
        .iter()
        .flatten()
        .filter(|s| matches!(s.value, CellValue::Number(_)))
        .count();
    if numbers > 0 && names_a_time(&label_text) {
        let all_years = row
            .values
            .iter()
            .flatten()
            .filter(|s| matches!(s.value, CellValue::Number(_)))
            .all(|s| is_calendar_year(lines[i].text_at(s.start, s.end)));
        if all_years {
            // "Financial year ending | 2025": a date written in the table, not £2,025.
            return LineRole::End;
        }
    }
    if numbers == 0 && !texts.is_empty() && texts.iter().all(|t| is_percentage(t)) {
        // A row of percentages ("Growth %") is not money, but it belongs to the table.
        return LineRole::Decoration;
    }
    if figures > 0 {
        return LineRole::Data(row);
    }
    if words_in_values > 0 {
        // "n/a" all along is a row; other words in the money columns end the table.
        return if texts.is_empty() {
            LineRole::Data(row)
        } else {
            LineRole::End
        };
    }
    let mut row = row;
    row.label.heading = true;
    LineRole::Heading(row)
}

/// Split a line into label cells and one cell per value column of `header`.
pub(crate) fn align<'a>(line: &'a Line<'a>, header: &Header) -> BodyRow<'a> {
    match header.separator {
        Separator::Spaces => align_by_position(line, header),
        _ => align_by_index(line, header),
    }
}

/// A row label about time rather than money: "Financial year ending", "Date", "Period".
fn names_a_time(label: &str) -> bool {
    let l = label.to_ascii_lowercase();
    [
        "year", "ending", "ended", "date", "period", "month", "quarter", "as at",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// A bare four-digit calendar year (1900–2099): no £, no separators, no decimals.
fn is_calendar_year(text: &str) -> bool {
    let t = text.trim();
    t.len() == 4
        && t.bytes().all(|b| b.is_ascii_digit())
        && (t.starts_with("19") || t.starts_with("20"))
}

/// "12%", "-5.2 %", "(3%)".
fn is_percentage(text: &str) -> bool {
    let t = text
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    t.strip_suffix('%').is_some_and(|n| {
        let n = n.trim().trim_start_matches(['-', '+']);
        !n.is_empty()
            && n.bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    })
}

trait TextAt {
    fn text_at(&self, start: usize, end: usize) -> &str;
}

impl TextAt for Line<'_> {
    /// The text of `start..end` (offsets in the whole text) within this line.
    fn text_at(&self, start: usize, end: usize) -> &str {
        let (s, e) = (
            start.saturating_sub(self.start),
            end.saturating_sub(self.start),
        );
        self.text.get(s..e).unwrap_or("")
    }
}

fn is_number(c: &Cell<'_>) -> bool {
    matches!(read_cell(c.text, c.start), CellValue::Number(_))
}

/// A line with no column gaps inside a table: a short group heading ("Capital"), or prose.
fn single_cell_role<'a>(line: &'a Line<'a>, header: &Header) -> LineRole<'a> {
    let Some(cell) = line.cells.first() else {
        return LineRole::End;
    };
    let t = cell.text;
    let heading_like = t.len() <= 80
        && t.split_whitespace().count() <= 10
        && t.chars().any(char::is_alphabetic)
        && !t.ends_with(['.', ',', ';'])
        && matches!(read_cell(t, cell.start), CellValue::Text);
    if !heading_like {
        return if is_decoration(t) {
            LineRole::Decoration
        } else {
            LineRole::End
        };
    }
    LineRole::Heading(BodyRow {
        label: RawLabel {
            cells: vec![LabelCell {
                text: t,
                column: cell.column,
                start: cell.start,
            }],
            heading: true,
        },
        values: vec![None; header.value_columns().count()],
        misaligned: false,
        start: cell.start,
        end: cell.end,
    })
}

fn row_extent(line: &Line<'_>) -> (usize, usize) {
    let filled: Vec<&Cell<'_>> = line.filled().collect();
    match (filled.first(), filled.last()) {
        (Some(a), Some(b)) => (a.start, b.end),
        _ => (line.start, line.start),
    }
}

fn slot(c: &Cell<'_>) -> Slot {
    Slot {
        value: read_cell(c.text, c.start),
        start: c.start,
        end: c.end,
    }
}

/// Tab and pipe rows: cell `i` is under header column `i`.
fn align_by_index<'a>(line: &'a Line<'a>, header: &Header) -> BodyRow<'a> {
    let value_indices: Vec<usize> = header.value_columns().map(|c| c.index).collect();
    let first_value = value_indices.first().copied().unwrap_or(line.cells.len());
    let cells = &line.cells;
    let last_filled = cells.iter().rposition(|c| !c.text.is_empty());
    let label_cells = |upto: usize| {
        cells[..upto.min(cells.len())]
            .iter()
            .map(|c| LabelCell {
                text: c.text,
                column: c.column,
                start: c.start,
            })
            .collect::<Vec<_>>()
    };
    let (start, end) = row_extent(line);
    let mut row = BodyRow {
        label: RawLabel {
            cells: label_cells(first_value),
            heading: false,
        },
        values: value_indices
            .iter()
            .map(|&k| cells.get(k).map(slot))
            .collect(),
        misaligned: false,
        start,
        end,
    };
    if super::single_space::is_resplit(line) && cells.len() != value_indices.len() + 1 {
        // Single-spaced text hides blank cells: figures that do not fill every column cannot
        // be placed.
        row.values = vec![None; value_indices.len()];
        row.misaligned = true;
        return row;
    }
    let number_in_labels = cells[..first_value.min(cells.len())]
        .iter()
        .any(|c| is_number(c));
    let short = last_filled.map_or(0, |l| l + 1) < header.columns.len();
    if number_in_labels && short {
        // Re-align by the run of figures that ends the row.
        let last = last_filled.unwrap_or(0);
        let mut run_start = last;
        while run_start > 0 && slot(&cells[run_start - 1]).value.is_value_like() {
            run_start -= 1;
        }
        if last + 1 - run_start == value_indices.len() && slot(&cells[last]).value.is_value_like() {
            row.values = cells[run_start..=last]
                .iter()
                .map(|c| Some(slot(c)))
                .collect();
            row.label.cells = label_cells(run_start);
        } else {
            row.values = vec![None; value_indices.len()];
            row.misaligned = true;
        }
    }
    row
}

/// Space-aligned rows: figures go under the header column they overlap.
fn align_by_position<'a>(line: &'a Line<'a>, header: &Header) -> BodyRow<'a> {
    let value_columns: Vec<(usize, usize)> = header.value_columns().map(|c| c.chars).collect();
    let first_value_start = value_columns.first().map_or(usize::MAX, |c| c.0);
    let cells = &line.cells;
    // Label cells: everything before the first figure that reaches into the value columns.
    let first_figure = cells
        .iter()
        .position(|c| {
            char_range(c).1 > first_value_start && read_cell(c.text, c.start).is_value_like()
        })
        .unwrap_or(cells.len());
    let (start, end) = row_extent(line);
    let mut row = BodyRow {
        label: RawLabel {
            cells: cells[..first_figure]
                .iter()
                .map(|c| LabelCell {
                    text: c.text,
                    column: c.column,
                    start: c.start,
                })
                .collect(),
            heading: false,
        },
        values: vec![None; value_columns.len()],
        misaligned: false,
        start,
        end,
    };
    let rest = &cells[first_figure..];
    let figures: Vec<&Cell<'_>> = rest
        .iter()
        .filter(|c| read_cell(c.text, c.start).is_value_like())
        .collect();
    if figures.len() == value_columns.len() {
        for (k, c) in figures.into_iter().enumerate() {
            row.values[k] = Some(slot(c));
        }
        return row;
    }
    for c in rest {
        match nearest_column(&header.columns, char_range(c)) {
            Some(k) if header.columns[k].is_value() => {
                let v = header.columns[..k].iter().filter(|c| c.is_value()).count();
                if row.values[v].is_some() {
                    row.values = vec![None; value_columns.len()];
                    row.misaligned = true;
                    return row;
                }
                row.values[v] = Some(slot(c));
            }
            Some(_) => {} // under a notes/milestone column
            None => {
                if read_cell(c.text, c.start).is_value_like() {
                    row.values = vec![None; value_columns.len()];
                    row.misaligned = true;
                    return row;
                }
            }
        }
    }
    row
}

/// The header column a piece of text at `range` belongs to: the one it overlaps most, else the
/// nearest within three characters; `None` when that is a tie or nothing is near.
fn nearest_column(columns: &[super::header::Column], range: (usize, usize)) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None; // (overlap, index)
    let mut tie = false;
    for (k, c) in columns.iter().enumerate() {
        let o = overlap(c.chars, range);
        if o == 0 {
            continue;
        }
        match best {
            Some((b, _)) if o < b => {}
            Some((b, _)) if o == b => tie = true,
            _ => {
                best = Some((o, k));
                tie = false;
            }
        }
    }
    if let Some((_, k)) = best {
        return (!tie).then_some(k);
    }
    let gap = |c: (usize, usize)| {
        if range.1 <= c.0 {
            c.0 - range.1
        } else {
            range.0.saturating_sub(c.1)
        }
    };
    let mut near: Vec<(usize, usize)> = columns
        .iter()
        .enumerate()
        .map(|(k, c)| (gap(c.chars), k))
        .filter(|(g, _)| *g <= 3)
        .collect();
    near.sort();
    match near.as_slice() {
        [(g, k), rest @ ..] if rest.first().is_none_or(|(g2, _)| g2 > g) => Some(*k),
        _ => None,
    }
}
