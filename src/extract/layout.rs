//! Lines and cells: the table structure visible in plain text.
//!
//! Replies paste as tab-separated tables (from Word or a web page), pipe tables, or
//! space-aligned columns (from PDFs). [`lines`] splits cleaned text into lines, and each line
//! into cells: on tabs if the line has any, else on `|` when it is used as a column rule, else on
//! runs of two or more spaces. Empty cells between tabs are kept (a blank first cell is how a
//! continuation row says "same group as above"). Cells know their byte range in the text and
//! their character column, so space-aligned tables can be read by position.

/// One line of text and its cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Line<'a> {
    /// Byte range of the line in the text, without its `\n`.
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub cells: Vec<Cell<'a>>,
    pub separator: Separator,
}

/// How a line's cells were separated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Separator {
    Tab,
    Pipe,
    Spaces,
    /// One cell only: a plain line of prose or a label.
    None,
}

/// One cell, trimmed. `text` is empty for an empty cell (e.g. between two tabs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// Character column where the cell starts within its line (tabs count as one character).
    pub column: usize,
}

impl<'a> Line<'a> {
    /// The non-empty cells.
    pub fn filled(&self) -> impl Iterator<Item = &Cell<'a>> {
        self.cells.iter().filter(|c| !c.text.is_empty())
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Split `text` into lines and cells. Linear time.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split('\n') {
        let end = start + piece.len();
        out.push(split_line(text, start, end));
        start = end + 1;
    }
    out
}

fn split_line(text: &str, start: usize, end: usize) -> Line<'_> {
    let line = &text[start..end];
    let (separator, raw) = if line.contains('\t') {
        (
            Separator::Tab,
            split_on(line, |s| s.find('\t').map(|i| (i, 1))),
        )
    } else if is_pipe_table_row(line) {
        let inner = pipe_row_inner(line);
        (
            Separator::Pipe,
            split_on_range(line, inner, |s| s.find('|').map(|i| (i, 1))),
        )
    } else if line.trim().contains("  ") {
        (Separator::Spaces, split_on(line, find_space_run))
    } else {
        (Separator::None, vec![(0, line.len())])
    };
    // Character columns are counted incrementally (cells come in order), so a line with
    // thousands of cells costs linear time, not a count from the line start per cell.
    let mut counted = (0usize, 0usize); // (byte offset in line, chars before it)
    let mut cells: Vec<Cell<'_>> = raw
        .into_iter()
        .map(|(a, b)| trimmed_cell(text, line, start, a, b, &mut counted))
        .collect();
    if separator == Separator::Spaces {
        // Leading/trailing spaces are indentation, not empty cells.
        cells.retain(|c| !c.text.is_empty());
    }
    if separator == Separator::None && cells.iter().all(|c| c.text.is_empty()) {
        cells.clear();
    }
    Line {
        start,
        end,
        text: line,
        cells,
        separator,
    }
}

/// Split `s` at each separator found by `find` (returns offset and length of the separator).
fn split_on(s: &str, find: impl Fn(&str) -> Option<(usize, usize)>) -> Vec<(usize, usize)> {
    split_on_range(s, (0, s.len()), find)
}

fn split_on_range(
    s: &str,
    (from, to): (usize, usize),
    find: impl Fn(&str) -> Option<(usize, usize)>,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = from;
    while let Some((i, len)) = find(&s[at..to]) {
        out.push((at, at + i));
        at += i + len;
    }
    out.push((at, to));
    out
}

/// A run of two or more spaces (a column gap in space-aligned text).
fn find_space_run(s: &str) -> Option<(usize, usize)> {
    let i = s.find("  ")?;
    let len = s[i..].bytes().take_while(|&b| b == b' ').count();
    Some((i, len))
}

/// `| a | b |` or `a | b | c`: pipes used as column rules (two or more, or framing the line).
fn is_pipe_table_row(line: &str) -> bool {
    let t = line.trim();
    let pipes = t.matches('|').count();
    pipes >= 2 || (pipes == 1 && (t.starts_with('|') || t.ends_with('|')) && t.len() > 1)
}

/// The part of a pipe row between its framing pipes.
fn pipe_row_inner(line: &str) -> (usize, usize) {
    let lead = line.len() - line.trim_start().len();
    let trail = line.trim_end().len();
    let t = &line[lead..trail];
    let from = lead + usize::from(t.starts_with('|'));
    let to = if t.ends_with('|') && trail > from {
        trail - 1
    } else {
        trail
    };
    (from, to.max(from))
}

fn trimmed_cell<'a>(
    text: &'a str,
    line: &str,
    line_start: usize,
    a: usize,
    b: usize,
    counted: &mut (usize, usize),
) -> Cell<'a> {
    let raw = &line[a..b];
    let lead = raw.len() - raw.trim_start().len();
    let body = raw.trim();
    let s = line_start + a + lead;
    let at = a + lead;
    let column = if at >= counted.0 {
        counted.1 + line[counted.0..at].chars().count()
    } else {
        line[..at].chars().count()
    };
    *counted = (at, column);
    Cell {
        start: s,
        end: s + body.len(),
        text: &text[s..s + body.len()],
        column,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells<'a>(line: &Line<'a>) -> Vec<&'a str> {
        line.cells.iter().map(|c| c.text).collect()
    }

    #[test]
    fn tab_rows_keep_empty_cells() {
        let text = "Org\tSource\t2018-19\n\tHSLI\t1.721\n";
        let ls = lines(text);
        assert_eq!(cells(&ls[0]), ["Org", "Source", "2018-19"]);
        assert_eq!(cells(&ls[1]), ["", "HSLI", "1.721"]);
        assert_eq!(ls[1].separator, Separator::Tab);
        let c = ls[1].cells[2];
        assert_eq!(&text[c.start..c.end], "1.721");
        assert_eq!(ls.len(), 3);
        assert!(ls[2].is_blank());
    }

    #[test]
    fn pipe_tables_drop_their_frame() {
        let ls = lines("| Year | Spend |\n|------|------|\n| 2023/24 | £1m |");
        assert_eq!(cells(&ls[0]), ["Year", "Spend"]);
        assert_eq!(cells(&ls[2]), ["2023/24", "£1m"]);
        assert_eq!(ls[0].separator, Separator::Pipe);
    }

    #[test]
    fn space_aligned_columns_split_on_gaps_and_know_their_column() {
        let ls = lines("IT Staff        £6,167,000    £6,306,000\n   Software  nil");
        assert_eq!(cells(&ls[0]), ["IT Staff", "£6,167,000", "£6,306,000"]);
        assert_eq!(ls[0].cells[1].column, 16);
        assert_eq!(cells(&ls[1]), ["Software", "nil"]);
        assert_eq!(ls[1].cells[0].column, 3);
    }

    #[test]
    fn prose_is_one_cell_and_blank_lines_have_none() {
        let ls = lines("Thank you for your request.\n   \n");
        assert_eq!(cells(&ls[0]), ["Thank you for your request."]);
        assert_eq!(ls[0].separator, Separator::None);
        assert!(ls[1].cells.is_empty());
    }
}
