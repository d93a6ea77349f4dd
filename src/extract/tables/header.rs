//! The header of a money table: the line with two or more financial-year cells (`2018-19`,
//! `2022/23 (£m's)`, `FY 2023/2024`), merged with the header lines printed just above or below it
//! (`Total 3 year` / `Investment` / `(£m's)`), and read into columns: row-label columns on the
//! left, year columns, total columns, and other columns (milestones, notes) that are not money.

use super::cell::{read_cell, CellValue};
use super::labels::has_total_word;
use crate::extract::layout::{Cell, Line, Separator};
use crate::extract::years::find_fin_years;
use crate::model::FinYear;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ColumnKind {
    Label,
    Year(FinYear),
    Total,
    /// Not money by year (a milestone date, a note, a percentage): ignored.
    Other,
    /// A category column of a table with the years down the side (see `transposed`).
    Category,
}

/// One column of the header.
#[derive(Clone, Debug)]
pub(crate) struct Column {
    pub kind: ColumnKind,
    /// The header text, all header lines joined.
    pub label: String,
    /// Byte range (normalised text) of the header cell on the year line, if it has one there.
    pub span: Option<(usize, usize)>,
    /// Cell index on tab/pipe lines.
    pub index: usize,
    /// Character columns `[start, end)` on space-aligned lines.
    pub chars: (usize, usize),
}

impl Column {
    pub(crate) fn is_value(&self) -> bool {
        matches!(
            self.kind,
            ColumnKind::Year(_) | ColumnKind::Total | ColumnKind::Category
        )
    }
}

/// A table header.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    pub columns: Vec<Column>,
    pub separator: Separator,
    /// Line indices of the whole header block (inclusive) and of the year line.
    pub first_line: usize,
    pub last_line: usize,
    pub year_line: usize,
}

impl Header {
    pub(crate) fn value_columns(&self) -> impl Iterator<Item = &Column> {
        self.columns.iter().filter(|c| c.is_value())
    }

    /// The text of every header line, for unit detection.
    pub(crate) fn texts<'a>(&self, lines: &'a [Line<'a>]) -> Vec<&'a str> {
        lines[self.first_line..=self.last_line]
            .iter()
            .map(|l| l.text)
            .collect()
    }
}

/// The financial year a header cell is about, when the cell is a year heading and nothing more
/// than a few qualifying words (`2022/23`, `FY 2023/2024 (£)`, `2018-19 (£m's)`, `Plan 2024/25`).
/// Prose that happens to mention a year ("In 2022/23, we will ...") is not a heading.
pub(crate) fn year_heading(text: &str) -> Option<FinYear> {
    let t = text.trim();
    if t.is_empty() || t.len() > 48 || t.contains('%') || !may_hold_year(t) {
        return None;
    }
    let found = find_fin_years(t);
    let [one] = found.as_slice() else {
        return None;
    };
    if one.ambiguous {
        return None;
    }
    let rest = format!("{} {}", &t[..one.start], &t[one.end..]);
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| !w.is_empty() && w.chars().any(char::is_alphanumeric) && !w.contains('£'))
        .collect();
    (words.len() <= 3 && words.iter().all(|w| w.len() <= 12)).then_some(one.year)
}

/// A cheap test run before the year regex on every cell: a financial year has at least four
/// digits and a joiner (`2022/23`, `2018-19`, `2023 to 2024`, `year ending March 2024`).
fn may_hold_year(t: &str) -> bool {
    if t.bytes().filter(u8::is_ascii_digit).count() < 4 {
        return false;
    }
    if t.contains(['/', '-']) {
        return true;
    }
    let lower = t.to_ascii_lowercase();
    [" to ", " and ", "ending", "ended", "april"]
        .iter()
        .any(|w| lower.contains(w))
}

/// A total column's heading: "Total", "Total 3 year Investment (£m's)", "3-year total".
fn total_heading(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.len() <= 60 && has_total_word(t) && find_fin_years(t).is_empty()
}

/// Decoration, not words: dots, dashes, tildes, arrows.
pub(crate) fn is_decoration(text: &str) -> bool {
    !text.chars().any(char::is_alphanumeric)
}

/// Read a header whose year line is `lines[at]`, if it is one. Looks at up to two header lines
/// above and three below it.
pub(crate) fn read_header(lines: &[Line<'_>], at: usize) -> Option<Header> {
    let line = &lines[at];
    if !matches!(
        line.separator,
        Separator::Tab | Separator::Pipe | Separator::Spaces
    ) || line.cells.len() < 2
    {
        return None;
    }
    let years = line
        .cells
        .iter()
        .filter(|c| year_heading(c.text).is_some())
        .count();
    if years < 2 {
        return None;
    }
    let mut columns = year_line_columns(line)?;
    classify(&mut columns);
    let mut first_line = at;
    let mut last_line = at;
    // Header lines below: text in value columns (units, the rest of a wrapped heading) and no
    // numbers there.
    for (below, next) in lines.iter().enumerate().skip(at + 1).take(3) {
        if !is_header_continuation(next, line.separator, &columns) {
            break;
        }
        merge(&mut columns, next, line.separator, false);
        last_line = below;
    }
    // Header lines above ("Forecast", "£000"), only when directly adjacent.
    for above in (at.saturating_sub(2)..at).rev() {
        if above + 1 != first_line
            || !is_header_continuation(&lines[above], line.separator, &columns)
        {
            break;
        }
        merge(&mut columns, &lines[above], line.separator, true);
        first_line = above;
    }
    classify(&mut columns);
    // Multi-year: two different years at least ("2023/24 Plan" beside "2023/24 Actual" alone
    // is one year's budget report).
    let mut years: Vec<FinYear> = columns
        .iter()
        .filter_map(|c| match c.kind {
            ColumnKind::Year(y) => Some(y),
            _ => None,
        })
        .collect();
    years.sort();
    years.dedup();
    (years.len() >= 2).then_some(Header {
        columns,
        separator: line.separator,
        first_line,
        last_line,
        year_line: at,
    })
}

fn year_line_columns(line: &Line<'_>) -> Option<Vec<Column>> {
    let mut columns: Vec<Column> = line
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| Column {
            kind: ColumnKind::Other,
            label: c.text.to_string(),
            span: (!c.text.is_empty()).then_some((c.start, c.end)),
            index: i,
            chars: char_range(c),
        })
        .collect();
    if line.separator == Separator::Spaces && columns.first().is_some_and(|c| c.chars.0 > 0) {
        // The label column has no heading (it is blank above the row labels): add it, so that
        // the row labels have a column to belong to.
        columns.insert(
            0,
            Column {
                kind: ColumnKind::Label,
                label: String::new(),
                span: None,
                index: 0,
                chars: (0, 0),
            },
        );
    }
    Some(columns)
}

pub(crate) fn char_range(c: &Cell<'_>) -> (usize, usize) {
    (c.column, c.column + c.text.chars().count())
}

/// Kinds from the (merged) labels. The first column always holds row labels; so does every
/// column before the first year or total column.
fn classify(columns: &mut [Column]) {
    for c in columns.iter_mut() {
        c.kind = if let Some(y) = year_heading(&c.label) {
            ColumnKind::Year(y)
        } else if total_heading(&c.label) {
            ColumnKind::Total
        } else {
            ColumnKind::Other
        };
    }
    let first_value = columns
        .iter()
        .skip(1)
        .position(Column::is_value)
        .map_or(columns.len(), |p| p + 1);
    for c in columns.iter_mut().take(first_value) {
        c.kind = ColumnKind::Label;
    }
}

/// A header line just above/below the year line: same separator, no figures (numbers, dashes,
/// "n/a") anywhere, and some words where the value columns are.
fn is_header_continuation(line: &Line<'_>, separator: Separator, columns: &[Column]) -> bool {
    if line.separator != separator || line.is_blank() {
        return false;
    }
    let mut words_in_value_columns = false;
    for (i, cell) in line.cells.iter().enumerate() {
        if cell.text.is_empty() {
            continue;
        }
        if cell.text.len() > 60 || year_heading(cell.text).is_some() {
            return false;
        }
        if !matches!(read_cell(cell.text, cell.start), CellValue::Text) {
            return false;
        }
        let col = match separator {
            Separator::Spaces => column_at(columns, char_range(cell)),
            _ => columns.get(i),
        };
        if col.is_some_and(Column::is_value) && !is_decoration(cell.text) {
            words_in_value_columns = true;
        }
    }
    words_in_value_columns
}

/// The column a space-aligned piece of text sits under (largest overlap).
fn column_at(columns: &[Column], (s, e): (usize, usize)) -> Option<&Column> {
    columns
        .iter()
        .map(|c| (overlap(c.chars, (s, e)), c))
        .filter(|(o, _)| *o > 0)
        .max_by_key(|(o, _)| *o)
        .map(|(_, c)| c)
}

pub(crate) fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Add a header line's words to the column labels (before them when the line is above).
fn merge(columns: &mut [Column], line: &Line<'_>, separator: Separator, above: bool) {
    for (i, cell) in line.cells.iter().enumerate() {
        if cell.text.is_empty() || is_decoration(cell.text) {
            continue;
        }
        let target = match separator {
            Separator::Spaces => {
                let r = char_range(cell);
                columns
                    .iter()
                    .enumerate()
                    .map(|(k, c)| (overlap(c.chars, r), k))
                    .filter(|(o, _)| *o > 0)
                    .max()
                    .map(|(_, k)| k)
            }
            _ => (i < columns.len()).then_some(i),
        };
        if let Some(k) = target {
            let c = &mut columns[k];
            c.label = if c.label.is_empty() {
                cell.text.to_string()
            } else if above {
                format!("{} {}", cell.text, c.label)
            } else {
                format!("{} {}", c.label, cell.text)
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::layout::lines;

    fn kinds(h: &Header) -> Vec<String> {
        h.columns
            .iter()
            .map(|c| match c.kind {
                ColumnKind::Label => "L".to_string(),
                ColumnKind::Year(y) => y.to_string(),
                ColumnKind::Total => "T".to_string(),
                ColumnKind::Other => "O".to_string(),
                ColumnKind::Category => "C".to_string(),
            })
            .collect()
    }

    #[test]
    fn year_headings_allow_units_and_a_few_words_only() {
        assert_eq!(year_heading("2018-19 (£m's)"), Some(FinYear(2018)));
        assert_eq!(year_heading("FY 2023/2024 (£)"), Some(FinYear(2023)));
        assert_eq!(year_heading("Plan 2024/25"), Some(FinYear(2024)));
        assert_eq!(year_heading("In 2022/23, we will establish a group"), None);
        assert_eq!(year_heading("2022/23 %"), None);
        assert_eq!(year_heading("FY24"), None);
        assert_eq!(year_heading("2022"), None);
    }

    #[test]
    fn tab_header_with_label_year_and_total_columns() {
        let text = "Org\tSource\t2018-19 (£m's)\t2019-20 (£m's)\tTotal 3 year Investment (£m's)\n";
        let ls = lines(text);
        let h = read_header(&ls, 0).unwrap();
        assert_eq!(kinds(&h), ["L", "L", "2018/19", "2019/20", "T"]);
    }

    #[test]
    fn wrapped_header_lines_below_are_merged() {
        let text = "Org\tFunding\t2018-19\t2019-20\tTotal 3 year\tKey Milestone\n\tSource\t(£m's)\t(£m's)\tInvestment\tDate\n\t\t\t\t(£m's)\t\nUHL\tHSLI\t1.0\t2.0\t3.0\tQ4\n";
        let ls = lines(text);
        let h = read_header(&ls, 0).unwrap();
        assert_eq!((h.first_line, h.last_line), (0, 2));
        assert_eq!(kinds(&h), ["L", "L", "2018/19", "2019/20", "T", "O"]);
        assert_eq!(h.columns[2].label, "2018-19 (£m's)");
        assert_eq!(h.columns[4].label, "Total 3 year Investment (£m's)");
    }

    #[test]
    fn blank_top_left_cell_is_the_label_column() {
        let ls = lines("\t2022/23\t2023/24\t2024/25\n");
        let h = read_header(&ls, 0).unwrap();
        assert_eq!(kinds(&h), ["L", "2022/23", "2023/24", "2024/25"]);
        let ls = lines("                 2022/23      2023/24\n");
        let h = read_header(&ls, 0).unwrap();
        assert_eq!(kinds(&h), ["L", "2022/23", "2023/24"]);
    }

    #[test]
    fn one_year_or_prose_is_not_a_header() {
        assert!(read_header(&lines("Org\t2018-19\tNotes\n"), 0).is_none());
        assert!(read_header(
            &lines("In 2022/23, we will establish\tIn 2023/24 we will review it all\n"),
            0
        )
        .is_none());
    }
}
