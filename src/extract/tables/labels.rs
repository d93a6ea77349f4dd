//! Row labels: which rows are totals, how a row is named, and the words a total's label shares
//! with the rows it sums.
//!
//! A row whose first label cell is blank (or, in space-aligned text, indented) continues the
//! group named by the row above: "Leicestershire Partnership Trust (LPT)" then "\tHSLI" gives
//! "Leicestershire Partnership Trust (LPT) / HSLI". A total row is named by its first cell
//! ("University Hospitals Leicester Total", not "... / Total Planned") and closes its group.
//! A row with a label and no figures is a group heading: it names the rows indented under it.

/// Words that make a row (or column) a total.
const TOTAL_WORDS: [&str; 5] = ["total", "totals", "subtotal", "subtotals", "grandtotal"];

/// Words that say nothing about *which* rows a total covers.
const GENERIC_WORDS: &[&str] = &[
    "total",
    "totals",
    "subtotal",
    "subtotals",
    "sub",
    "grand",
    "grandtotal",
    "overall",
    "net",
    "gross",
    "of",
    "the",
    "for",
    "and",
    "in",
    "on",
    "to",
    "a",
    "all",
    "by",
    "per",
    "at",
    "planned",
    "plan",
    "annual",
    "year",
    "yearly",
    "three",
    "spend",
    "expenditure",
    "cost",
    "funding",
    "investment",
    "budget",
    "requirement",
    "gbp",
    "000",
    "m",
    "k",
    "s",
];

/// True when `text` contains a total word ("Total", "Sub Total", "Sub-total", "Subtotal",
/// "TOTAL").
pub(crate) fn has_total_word(text: &str) -> bool {
    // Runs on many cells: compare without allocating.
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| TOTAL_WORDS.iter().any(|t| w.eq_ignore_ascii_case(t)))
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
}

/// Lower-case word stems of a label ("Hospitals" → "hospital"), for matching a total's label
/// with the labels of its rows.
pub(crate) fn stems(text: &str) -> Vec<String> {
    let mut out: Vec<String> = words(text).map(|w| stem(&w)).collect();
    out.sort();
    out.dedup();
    out
}

fn stem(w: &str) -> String {
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    }
}

/// The words of a total's label that name what it totals ("Revenue Sub Total" → `revenue`;
/// "Grand Total" → nothing).
pub(crate) fn qualifier(total_label: &str) -> Vec<String> {
    let mut out: Vec<String> = words(total_label)
        .filter(|w| !GENERIC_WORDS.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| stem(&w))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// True for labels that make a total a grand total ("Grand Total", "Overall total").
pub(crate) fn is_grand(label: &str) -> bool {
    words(label).any(|w| w == "grand" || w == "overall" || w == "grandtotal")
}

/// One label cell as read from a row.
#[derive(Clone, Debug)]
pub(crate) struct LabelCell<'a> {
    pub text: &'a str,
    /// Character column (for indentation in space-aligned text).
    pub column: usize,
    /// Byte offset of the text in the normalised text.
    pub start: usize,
}

/// The label of a body row, before grouping.
#[derive(Clone, Debug)]
pub(crate) struct RawLabel<'a> {
    pub cells: Vec<LabelCell<'a>>,
    /// A figure-less row: a group heading.
    pub heading: bool,
}

/// A row's name and role after grouping.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RowName {
    pub label: String,
    pub is_total: bool,
    /// Word stems of the label, its group and its section heading (for matching totals).
    pub stems: Vec<String>,
}

fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Name every row. `indexed` is true for tab/pipe tables (blank first cells are kept there);
/// for space-aligned tables a row continues its group when it is indented. Returns `None` for
/// heading rows (they name groups, they are not rows of figures).
pub(crate) fn name_rows(rows: &[RawLabel<'_>], indexed: bool) -> Vec<Option<RowName>> {
    let base_column = rows
        .iter()
        .filter_map(|r| r.cells.iter().find(|c| !c.text.is_empty()))
        .map(|c| c.column)
        .min()
        .unwrap_or(0);
    let mut group: Option<(String, usize)> = None;
    let mut section: Option<String> = None;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let filled: Vec<&LabelCell<'_>> = row.cells.iter().filter(|c| !c.text.is_empty()).collect();
        let first_column = filled.first().map(|c| c.column).unwrap_or(0);
        let first_blank = if indexed {
            row.cells.first().is_none_or(|c| c.text.is_empty())
        } else {
            match &group {
                Some((_, group_column)) => first_column >= group_column + 2,
                None => first_column >= base_column + 2,
            }
        };
        let joined = filled
            .iter()
            .map(|c| clean(c.text))
            .collect::<Vec<_>>()
            .join(" / ");
        if row.heading {
            if !joined.is_empty() {
                group = Some((joined.clone(), first_column));
                section = Some(joined);
            }
            out.push(None);
            continue;
        }
        let is_total = filled.iter().any(|c| has_total_word(c.text));
        let qualified = |own: &str| match (&group, first_blank) {
            (Some((g, _)), true) if !own.is_empty() => format!("{g} / {own}"),
            _ => own.to_string(),
        };
        let label = if is_total {
            match filled.first() {
                Some(first) if has_total_word(first.text) && !first_blank => clean(first.text),
                _ => qualified(&joined),
            }
        } else {
            qualified(&joined)
        };
        let mut stem_source = label.clone();
        if let Some(s) = &section {
            stem_source.push(' ');
            stem_source.push_str(s);
        }
        out.push(Some(RowName {
            stems: stems(&stem_source),
            label,
            is_total,
        }));
        if is_total {
            group = None;
        } else if !first_blank {
            if let Some(first) = filled.first() {
                group = Some((clean(first.text), first.column));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw<'a>(cells: &[&'a str]) -> RawLabel<'a> {
        RawLabel {
            cells: cells
                .iter()
                .enumerate()
                .map(|(i, t)| LabelCell {
                    text: t,
                    column: i * 10,
                    start: 0,
                })
                .collect(),
            heading: false,
        }
    }

    fn labels(rows: &[RawLabel<'_>], indexed: bool) -> Vec<String> {
        name_rows(rows, indexed)
            .into_iter()
            .map(|r| match r {
                Some(r) if r.is_total => format!("{} [T]", r.label),
                Some(r) => r.label,
                None => "-".into(),
            })
            .collect()
    }

    #[test]
    fn continuation_rows_are_qualified_and_totals_named_by_first_cell() {
        let rows = [
            raw(&["UHL", "Internal Capital"]),
            raw(&["", "HSLI"]),
            raw(&["UHL Total", "Total Planned"]),
            raw(&["", "Orphan"]),
            raw(&["LA", "DSCD"]),
            raw(&["", "Total"]),
        ];
        assert_eq!(
            labels(&rows, true),
            [
                "UHL / Internal Capital",
                "UHL / HSLI",
                "UHL Total [T]",
                "Orphan",
                "LA / DSCD",
                "LA / Total [T]"
            ]
        );
    }

    #[test]
    fn headings_name_indented_rows_in_space_aligned_tables() {
        let mut heading = raw(&["Capital"]);
        heading.heading = true;
        let indented = |t: &'static str| RawLabel {
            cells: vec![LabelCell {
                text: t,
                column: 3,
                start: 0,
            }],
            heading: false,
        };
        let rows = [
            heading,
            indented("EPR"),
            indented("Cyber"),
            raw(&["Revenue"]),
        ];
        assert_eq!(
            labels(&rows, false),
            ["-", "Capital / EPR", "Capital / Cyber", "Revenue"]
        );
    }

    #[test]
    fn total_words_and_qualifiers() {
        assert!(has_total_word("Revenue Sub Total"));
        assert!(has_total_word("Sub-total"));
        assert!(has_total_word("TOTAL (£000)"));
        assert!(!has_total_word("Totally remote monitoring"));
        assert_eq!(qualifier("Revenue Sub Total"), ["revenue"]);
        assert_eq!(
            qualifier("University Hospitals Leicester Total"),
            ["hospital", "leicester", "university"]
        );
        assert!(qualifier("Grand Total Annual 3 Year (£m's)").is_empty());
        assert!(is_grand("Grand Total Annual 3 Year"));
    }
}
