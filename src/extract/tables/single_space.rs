//! Tables whose columns are separated by single spaces, as PDF text extraction without layout
//! prints them: `Scheme 2023/24 2024/25 Total` over `EPR replacement 1,200 2,400 3,600`.
//! `layout` sees one cell per line there. This pass re-splits such a header (two or more
//! financial years at the end of the line, perhaps a total and a unit after them) and the rows
//! under it (the figures at the end of each line) into cells, so the usual reader can take over.
//!
//! Blank cells are invisible in such text, so a row must end in exactly one figure per column;
//! one with fewer is still split (the reader then warns that its figures do not line up) rather
//! than guessed. Only lines that follow a re-split header are touched: prose is left alone.

use super::cell::read_cell;
use super::header::year_heading;
use super::labels::has_total_word;
use crate::extract::layout::{Cell, Line, Separator};
use crate::extract::money::unit_from_header;

/// More blank lines than this end a single-spaced table.
const MAX_BLANK_RUN: usize = 2;
/// Most words in a line re-split (longer lines are prose).
const MAX_TOKENS: usize = 40;

/// Re-split single-spaced tables in `lines`; every other line is returned as it was.
pub(crate) fn resplit<'a>(text: &'a str, lines: Vec<Line<'a>>) -> Vec<Line<'a>> {
    let mut out = Vec::with_capacity(lines.len());
    let mut columns: Option<usize> = None; // value columns of the table being read
    let mut blanks = 0;
    for line in lines {
        if line.is_blank() {
            blanks += 1;
            if blanks > MAX_BLANK_RUN {
                columns = None;
            }
            out.push(line);
            continue;
        }
        blanks = 0;
        if line.separator != Separator::None {
            columns = None;
            out.push(line);
            continue;
        }
        if !may_end_in_columns(line.text) {
            if columns.is_some() && line.text.len() > 80 {
                columns = None; // prose ends the table
            }
            out.push(line);
            continue;
        }
        if let Some((cells, k)) = split_header(text, &line) {
            columns = Some(k);
            out.push(with_cells(line, cells));
            continue;
        }
        if let Some(k) = columns {
            match split_row(text, &line, k) {
                Some(cells) => out.push(with_cells(line, cells)),
                None => {
                    // A short heading inside the table is fine; prose ends it.
                    if line.text.len() > 80 {
                        columns = None;
                    }
                    out.push(line);
                }
            }
            continue;
        }
        out.push(line);
    }
    out
}

/// A cheap look at the last word before any real work: a header or row here ends in a figure,
/// a year, a dash, "Total" or a unit; most lines of prose end in a word.
fn may_end_in_columns(text: &str) -> bool {
    let Some(last) = text.split_whitespace().next_back() else {
        return false;
    };
    last.bytes()
        .any(|b| b.is_ascii_digit() || b == b'-' || b == b'(')
        || last.contains('£')
        || has_total_word(last)
}

/// A word that may declare a unit ("(£000)", "£m", "GBP'000"): the unit regex only runs on these.
fn may_be_unit(word: &str) -> bool {
    word.contains(['£', '(']) || word.to_ascii_lowercase().contains("gbp")
}

/// True for a line made by this pass (tab-separated as far as the readers know, but with no
/// tab in it): its figures must match the columns one for one.
pub(crate) fn is_resplit(line: &Line<'_>) -> bool {
    line.separator == Separator::Tab && !line.text.contains('\t')
}

fn with_cells<'a>(line: Line<'a>, cells: Vec<Cell<'a>>) -> Line<'a> {
    Line {
        cells,
        separator: Separator::Tab,
        ..line
    }
}

/// Words of a one-cell line with their byte ranges; a lone `£` joins the next word.
fn tokens(line: &Line<'_>) -> Vec<(usize, usize)> {
    let Some(cell) = line.cells.first() else {
        return Vec::new();
    };
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut pending_pound: Option<usize> = None;
    let mut at = cell.start;
    for word in cell.text.split(' ') {
        let (s, e) = (at, at + word.len());
        at = e + 1;
        if word.is_empty() {
            continue;
        }
        if word == "£" {
            pending_pound = Some(s);
            continue;
        }
        out.push((pending_pound.take().unwrap_or(s), e));
        if out.len() > MAX_TOKENS {
            return Vec::new();
        }
    }
    out
}

fn cell<'a>(text: &'a str, line: &Line<'a>, (s, e): (usize, usize)) -> Cell<'a> {
    Cell {
        start: s,
        end: e,
        text: &text[s..e],
        column: text[line.start..s].chars().count(),
    }
}

/// `Scheme 2023/24 2024/25 2025/26 Total (£000)` → [Scheme, 2023/24, 2024/25, 2025/26, Total]
/// and the number of value columns.
fn split_header<'a>(text: &'a str, line: &Line<'a>) -> Option<(Vec<Cell<'a>>, usize)> {
    let words = tokens(line);
    let word = |t: (usize, usize)| &text[t.0..t.1];
    let mut end = words.len();
    // A unit after the columns ("(£000)") belongs to the header text, not to a column.
    while end > 0 && {
        let w = word(words[end - 1]);
        may_be_unit(w) && unit_from_header(w).is_some() && !read_cell(w, 0).is_value_like()
    } {
        end -= 1;
    }
    let mut start = end;
    let mut years = 0;
    while start > 0 {
        let w = word(words[start - 1]);
        if year_heading(w).is_some() {
            years += 1;
        } else if !(has_total_word(w) && w.len() <= 12) {
            break;
        }
        start -= 1;
    }
    if years < 2 || start == end {
        return None;
    }
    let mut cells = Vec::new();
    let label = words[..start].first().map(|f| (f.0, words[start - 1].1));
    cells.push(match label {
        Some(range) => cell(text, line, range),
        None => Cell {
            start: line.start,
            end: line.start,
            text: "",
            column: 0,
        },
    });
    cells.extend(words[start..end].iter().map(|&t| cell(text, line, t)));
    Some((cells, end - start))
}

/// `EPR replacement 1,200 2,400 - 3,600` under `columns` value columns → [label, figures...].
fn split_row<'a>(text: &'a str, line: &Line<'a>, columns: usize) -> Option<Vec<Cell<'a>>> {
    let words = tokens(line);
    let figure = |t: &(usize, usize)| read_cell(&text[t.0..t.1], t.0).is_value_like();
    let mut start = words.len();
    while start > 0 && words.len() - start < columns && figure(&words[start - 1]) {
        start -= 1;
    }
    if start == words.len() || start == 0 {
        return None;
    }
    // The label must read as one: words with at least one letter.
    let label = (words[0].0, words[start - 1].1);
    if !text[label.0..label.1].chars().any(char::is_alphabetic) {
        return None;
    }
    let mut cells = vec![cell(text, line, label)];
    cells.extend(words[start..].iter().map(|&t| cell(text, line, t)));
    Some(cells)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::layout::lines;

    fn split(text: &str) -> Vec<Vec<String>> {
        resplit(text, lines(text))
            .iter()
            .map(|l| l.cells.iter().map(|c| c.text.to_string()).collect())
            .collect()
    }

    #[test]
    fn header_and_rows_are_split_at_their_figures() {
        let text = "Scheme 2023/24 2024/25 Total (£000)\nEPR replacement 1,200 £ 2,400 3,600\nPhase 2 works 10 20 30\nNetwork 150 150\n";
        let got = split(text);
        assert_eq!(got[0], ["Scheme", "2023/24", "2024/25", "Total"]);
        assert_eq!(got[1], ["EPR replacement", "1,200", "£ 2,400", "3,600"]);
        assert_eq!(got[2], ["Phase 2 works", "10", "20", "30"]);
        assert_eq!(got[3], ["Network", "150", "150"]);
    }

    #[test]
    fn prose_is_left_alone() {
        let text = "We spent 1.2 and 3.4 in the last two years.\nIn 2022/23 2023/24 we grew.\n";
        let got = split(text);
        assert_eq!(got[0].len(), 1);
        assert_eq!(got[1].len(), 1);
    }
}
