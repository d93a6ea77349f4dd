//! Table captions: a "Figure C: ..." / "Table 9 - ..." line just above or just below the table
//! (whichever is nearer; a caption line between two tables goes to the nearer one, and on a tie
//! tables take the one above them, figures the one below), else the nearest heading-like line
//! above the table ("APPENDIX A - LLR STP IM&T Digital Roadmap", "4.4 Funding").

use crate::extract::layout::{Line, Separator};
use regex::Regex;
use std::sync::OnceLock;

/// How many non-blank lines away from a table a caption may be.
const REACH: usize = 2;
/// How many lines (blank or not) a search may look through.
const MAX_LINES: usize = 6;

/// A caption line: its index and whether it is a figure-style caption (printed below).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Caption {
    pub line: usize,
}

fn numbered_caption_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)^(figure|fig\.|table|chart|exhibit|graph)\s*[A-Z0-9]{1,4}(?:\.\d{1,3})*\b")
            .expect("caption regex")
    })
}

/// "Table 9 - ...", "Figure C: ...": `Some(true)` for figure-style (captioned below by
/// convention), `Some(false)` for table-style (captioned above).
fn numbered_caption(line: &Line<'_>) -> Option<bool> {
    let t = line.text.trim();
    if t.len() > 200 || !numbered_caption_regex().is_match(t) {
        return None;
    }
    // A caption names a table; a sentence that starts with "Table 2 shows ..." ends with a stop.
    if t.ends_with('.') && t.split_whitespace().count() > 12 {
        return None;
    }
    Some(!t.to_ascii_lowercase().starts_with("table"))
}

/// A short line that reads as a heading: not a sentence, not a list item, not a table row.
fn heading_like(line: &Line<'_>) -> bool {
    if line.separator != Separator::None {
        return false;
    }
    let t = line.text.trim();
    let words = t.split_whitespace().count();
    let Some(first) = t.chars().next() else {
        return false;
    };
    let numbered = first.is_ascii_digit();
    (3..=120).contains(&t.len())
        && words <= 24
        && (first.is_uppercase() || numbered)
        && t.chars().any(char::is_alphabetic)
        && !t.ends_with([',', ';'])
        && (!t.ends_with('.') || numbered)
}

/// Nearest line index at most `REACH` non-blank lines from `from` (exclusive) in direction
/// `step`, stopping at `limit` (exclusive); returns (line, distance in lines).
fn scan(
    lines: &[Line<'_>],
    from: usize,
    up: bool,
    limit: Option<usize>,
    wanted: impl Fn(&Line<'_>) -> bool,
) -> Option<(usize, usize)> {
    let mut seen = 0;
    for d in 1..=MAX_LINES {
        let i = if up {
            from.checked_sub(d)?
        } else {
            let i = from + d;
            if i >= lines.len() {
                return None;
            }
            i
        };
        if limit == Some(i) {
            return None;
        }
        let line = &lines[i];
        if line.is_blank() {
            continue;
        }
        if wanted(line) {
            return Some((i, d));
        }
        seen += 1;
        if seen >= REACH {
            return None;
        }
    }
    None
}

/// Pick captions for tables spanning `extents` (first and last line, in document order).
pub(crate) fn captions(lines: &[Line<'_>], extents: &[(usize, usize)]) -> Vec<Option<Caption>> {
    let numbered = |l: &Line<'_>| numbered_caption(l).is_some();
    let mut out = vec![None; extents.len()];
    for (k, &(first, last)) in extents.iter().enumerate() {
        let prev_end = k.checked_sub(1).map(|p| extents[p].1);
        let next_start = extents.get(k + 1).map(|e| e.0);
        let above = scan(lines, first, true, prev_end, numbered);
        let below = scan(lines, last, false, next_start, numbered).filter(|&(line, d)| {
            // A caption line just above the next table is that table's.
            let Some(next) = next_start else { return true };
            let to_next = next - line;
            let figure = numbered_caption(&lines[line]) == Some(true);
            d < to_next || (d == to_next && figure)
        });
        let pick = match (above, below) {
            (Some(a), Some(b)) => {
                let figure = numbered_caption(&lines[a.0]) == Some(true);
                if b.1 < a.1 || (b.1 == a.1 && figure) {
                    Some(b.0)
                } else {
                    Some(a.0)
                }
            }
            (Some(a), None) => Some(a.0),
            (None, Some(b)) => Some(b.0),
            (None, None) => scan(lines, first, true, prev_end, heading_like).map(|(l, _)| l),
        };
        out[k] = pick.map(|line| Caption { line });
    }
    // One caption line names one table: a table-style caption between two tables was taken by
    // the one below it (above wins on a tie); drop it from the other.
    for k in 1..out.len() {
        if out[k].is_some() && out[k] == out[k - 1] {
            let figure = out[k]
                .map(|c| numbered_caption(&lines[c.line]) == Some(true))
                .unwrap_or(false);
            if figure {
                out[k] = None;
            } else {
                out[k - 1] = None;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::layout::lines;

    fn caption_texts(text: &str, extents: &[(usize, usize)]) -> Vec<Option<String>> {
        let ls = lines(text);
        captions(&ls, extents)
            .into_iter()
            .map(|c| c.map(|c| ls[c.line].text.trim().to_string()))
            .collect()
    }

    #[test]
    fn figure_caption_below_and_table_caption_above() {
        let text = "Intro prose that is long enough to be prose.\n\nA\tB\nC\tD\n\nFigure C: Summary\n\nTable 9 - Funding\n\nE\tF\nG\tH\n";
        assert_eq!(
            caption_texts(text, &[(2, 3), (9, 10)]),
            [
                Some("Figure C: Summary".into()),
                Some("Table 9 - Funding".into())
            ]
        );
    }

    #[test]
    fn heading_above_when_no_numbered_caption() {
        let text = "APPENDIX A - Digital Roadmap\n\nA\tB\nC\tD\n";
        assert_eq!(
            caption_texts(text, &[(2, 3)]),
            [Some("APPENDIX A - Digital Roadmap".into())]
        );
        let text = "We expect to spend more on digital over the coming years than before.\nA\tB\n";
        assert_eq!(caption_texts(text, &[(1, 1)]), [None]);
    }

    #[test]
    fn sentences_mentioning_a_table_are_not_captions() {
        let text = "Table 2 shows the funding that we expect to need over the next three years of the plan.\nA\tB\n";
        assert_eq!(caption_texts(text, &[(1, 1)]), [None]);
    }
}
