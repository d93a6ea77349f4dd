//! Words on a page → lines of text in reading order, with a TAB wherever words are far apart
//! horizontally, so that tables survive as TAB-separated rows (what the table extractor reads).
//!
//! Rules, all relative to the font size ("em") so they hold at any zoom:
//! - words whose baselines are within 0.45 em share a line (superscripts included);
//! - in a line, a gap under 0.15 em joins words, a larger one is a space, and one over
//!   max(1 em, 1.9 spaces) is a TAB: wider than any word space, narrower than table padding;
//! - a cell vertically centred beside a taller cell sits half a line off its neighbour's
//!   baseline: two lines closer than 0.85 em whose words do not overlap horizontally are one
//!   table row ("A) Your overall DMA score (on a scale of" + "3.1");
//! - a line that starts at a column other lines reach after a TAB starts with TABs, so a table
//!   row with an empty first cell keeps its columns ("\t2022/23\t2023/24"); an indented
//!   paragraph does not (only TAB-separated segments define columns).
//!
//! Text running in other directions (rotated labels) follows the main text, read the same way.

use super::content::Word;

struct Line {
    words: Vec<Word>,
    base: f64,
    size: f64,
}

impl Line {
    fn x0(&self) -> f64 {
        self.words
            .iter()
            .map(|w| w.x0)
            .fold(f64::INFINITY, f64::min)
    }
    fn x1(&self) -> f64 {
        self.words
            .iter()
            .map(|w| w.x1)
            .fold(f64::NEG_INFINITY, f64::max)
    }
}

fn tab_gap(a: &Word, b: &Word) -> f64 {
    let em = a.size.min(b.size).max(0.1);
    let space = a.space.max(b.space).clamp(0.15 * em, 0.7 * em);
    (1.0 * em).max(1.9 * space)
}

/// The text of one page.
pub fn layout(words: Vec<Word>) -> String {
    let mut groups: Vec<Vec<Word>> = vec![Vec::new(); 4];
    for w in words {
        groups[(w.quadrant & 3) as usize].push(w);
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.iter().map(|w| w.text.len()).sum::<usize>()));
    let mut out = String::new();
    for group in groups.into_iter().filter(|g| !g.is_empty()) {
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push('\n');
        }
        out.push_str(&layout_group(group));
    }
    out
}

fn layout_group(mut words: Vec<Word>) -> String {
    words.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    // 1. Lines by baseline.
    let mut lines: Vec<Line> = Vec::new();
    for w in words {
        if let Some(line) = lines.last_mut() {
            let top = line
                .words
                .iter()
                .map(|x| x.y)
                .fold(f64::NEG_INFINITY, f64::max);
            if top - w.y <= 0.45 * line.size.max(w.size) {
                if w.size > line.size {
                    line.size = w.size;
                    line.base = w.y;
                }
                line.words.push(w);
                continue;
            }
        }
        lines.push(Line {
            base: w.y,
            size: w.size,
            words: vec![w],
        });
    }
    for line in &mut lines {
        line.words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        dedupe_overprinted(&mut line.words);
    }

    // 2. Cells centred beside taller cells: merge half-line-offset, side-by-side lines.
    let mut merged: Vec<Line> = Vec::with_capacity(lines.len());
    let mut iter = lines.into_iter().peekable();
    while let Some(mut line) = iter.next() {
        if let Some(next) = iter.peek() {
            let close = line.base - next.base < 0.85 * line.size.max(next.size);
            let em = line.size.min(next.size);
            let apart = next.x0() - line.x1() >= em || line.x0() - next.x1() >= em;
            if close && apart {
                if let Some(next) = iter.next() {
                    line.words.extend(next.words);
                    line.words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
                    line.size = line.size.max(next.size);
                }
            }
        }
        merged.push(line);
    }
    let lines = merged;

    // 3. Segments (runs of words without a TAB gap) and the columns they start.
    let segments: Vec<Vec<(f64, f64, String)>> =
        lines.iter().map(|l| segments_of(&l.words)).collect();
    let margin = lines.iter().map(Line::x0).fold(f64::INFINITY, f64::min);
    let typical = median(lines.iter().map(|l| l.size).collect())
        .unwrap_or(10.0)
        .max(1.0);
    // Column starts: x positions where at least two segments start, at least one of them after
    // a TAB on its line. (Lines that merely start indented do not make a column: an indented
    // paragraph is not a table; one centred header does not either.)
    let mut starts: Vec<(f64, bool)> = segments
        .iter()
        .flat_map(|s| {
            s.iter()
                .enumerate()
                .filter(|(i, seg)| *i > 0 || seg.0 > margin + 2.0 * typical)
                .map(|(i, seg)| (seg.0, i > 0))
        })
        .collect();
    starts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let columns = clusters(&starts, typical);

    // 4. Render.
    let mut out = String::new();
    let mut previous: Option<(&Line, bool)> = None;
    for (line, segs) in lines.iter().zip(&segments) {
        let has_tab = segs.len() > 1;
        if let Some((prev, prev_tab)) = previous {
            let pitch = prev.base - line.base;
            if pitch > 2.5 * prev.size.max(line.size) && !(prev_tab && has_tab) {
                out.push('\n');
            }
        }
        let mut text = String::new();
        let x0 = segs.first().map(|s| s.0).unwrap_or(margin);
        if x0 > margin + 2.0 * typical {
            let leading = columns.iter().filter(|&&c| c <= x0 + 0.5 * typical).count();
            text.extend(std::iter::repeat_n('\t', leading.min(32)));
        }
        for (i, seg) in segs.iter().enumerate() {
            if i > 0 {
                // One TAB per column boundary crossed: the columns that start after the previous
                // segment, up to and including the one this segment is in (centred or
                // right-aligned text starts after its column's left edge). At least one.
                let gap_start = segs[i - 1].1 + 0.5 * typical;
                let crossed = columns
                    .iter()
                    .filter(|&&c| c > gap_start && c <= seg.0 + 0.5 * typical)
                    .count();
                text.extend(std::iter::repeat_n('\t', crossed.clamp(1, 32)));
            }
            text.push_str(&seg.2);
        }
        out.push_str(text.trim_end());
        out.push('\n');
        previous = Some((line, has_tab));
    }
    out
}

/// Split a line's words (sorted by x) at TAB-sized gaps, joining words inside a segment with
/// a space or nothing as their gap says. Returns (start x, end x, text) per segment.
fn segments_of(words: &[Word]) -> Vec<(f64, f64, String)> {
    let mut segs: Vec<(f64, f64, String)> = Vec::new();
    let mut prev: Option<&Word> = None;
    for w in words {
        match prev {
            Some(p) if w.x0 - p.x1 <= tab_gap(p, w) => {
                let gap = w.x0 - p.x1;
                let em = p.size.min(w.size).max(0.1);
                if let Some(seg) = segs.last_mut() {
                    if (w.space_before || gap > 0.15 * em) && !seg.2.ends_with(' ') {
                        seg.2.push(' ');
                    }
                    seg.2.push_str(&w.text);
                    seg.1 = seg.1.max(w.x1);
                }
            }
            _ => segs.push((w.x0, w.x1, w.text.clone())),
        }
        prev = Some(w);
    }
    segs
}

/// Text drawn twice at (almost) the same place — fake bold, shadows — is kept once.
fn dedupe_overprinted(words: &mut Vec<Word>) {
    let mut keep: Vec<Word> = Vec::with_capacity(words.len());
    for w in words.drain(..) {
        let duplicate = keep.iter().rev().take(4).any(|k| {
            k.text == w.text
                && (k.x0 - w.x0).abs() < 0.3 * k.size.max(w.size)
                && (k.y - w.y).abs() < 0.3 * k.size.max(w.size)
        });
        if !duplicate {
            keep.push(w);
        }
    }
    *words = keep;
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(v[v.len() / 2])
}

/// The leftmost position of each group of (sorted) segment starts within `width` of each other
/// that has at least two members, one of them after a TAB.
fn clusters(sorted: &[(f64, bool)], width: f64) -> Vec<f64> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i + 1;
        while j < sorted.len() && sorted[j].0 - sorted[i].0 <= width {
            j += 1;
        }
        if j - i >= 2 && sorted[i..j].iter().any(|&(_, after_tab)| after_tab) {
            out.push(sorted[i].0);
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x0: f64, y: f64) -> Word {
        // 10-point text, 5 points per character, 2.5-point spaces.
        Word {
            text: text.into(),
            x0,
            x1: x0 + 5.0 * text.chars().count() as f64,
            y,
            size: 10.0,
            space: 2.5,
            space_before: false,
            quadrant: 0,
        }
    }

    #[test]
    fn words_join_with_spaces_and_far_words_with_a_tab() {
        let words = vec![
            word("Capital", 50.0, 700.0),
            word("&", 88.0, 700.0),
            word("Revenue", 96.0, 700.0),
            word("£16,467,000", 300.0, 700.0),
        ];
        assert_eq!(layout(words), "Capital & Revenue\t£16,467,000\n");
    }

    #[test]
    fn kerned_pieces_of_a_word_join_without_space() {
        let words = vec![word("Capi", 50.0, 700.0), word("tal", 70.5, 700.0)];
        assert_eq!(layout(words), "Capital\n");
    }

    #[test]
    fn lines_come_top_to_bottom_and_superscripts_stay_on_their_line() {
        let mut sup = word("1", 75.5, 603.0);
        sup.size = 6.0;
        let words = vec![word("second", 50.0, 588.0), word("first", 50.0, 600.0), sup];
        assert_eq!(layout(words), "first1\nsecond\n");
    }

    #[test]
    fn a_cell_centred_beside_a_two_line_cell_joins_its_row() {
        let words = vec![
            word("A) Your overall DMA score", 50.0, 706.0),
            word("3.1", 300.0, 700.0),
            word("1.0 to 5.0).", 50.0, 694.0),
        ];
        assert_eq!(
            layout(words),
            "A) Your overall DMA score\t3.1\n1.0 to 5.0).\n"
        );
    }

    #[test]
    fn an_empty_first_cell_keeps_its_column() {
        let words = vec![
            word("2022/23", 300.0, 700.0),
            word("2023/24", 400.0, 700.0),
            word("Implementation", 50.0, 686.0),
            word("£2,129,000", 300.0, 686.0),
            word("£1", 400.0, 686.0),
            word("Post", 50.0, 672.0),
            word("2,570,000", 400.0, 672.0),
        ];
        assert_eq!(
            layout(words),
            "\t2022/23\t2023/24\nImplementation\t£2,129,000\t£1\nPost\t\t2,570,000\n"
        );
    }

    #[test]
    fn a_centred_header_is_one_column_not_two() {
        let words = vec![
            word("Question", 80.0, 700.0),
            word("Response", 380.0, 700.0),
            word("Capital", 50.0, 686.0),
            word("£16,467,000", 300.0, 686.0),
            word("IT", 50.0, 672.0),
            word("£6,167,000", 300.0, 672.0),
        ];
        assert_eq!(
            layout(words),
            "Question\tResponse\nCapital\t£16,467,000\nIT\t£6,167,000\n"
        );
    }

    #[test]
    fn an_indented_paragraph_is_not_a_column() {
        let words = vec![
            word("Heading", 50.0, 700.0),
            word("indented", 100.0, 686.0),
            word("text", 100.0, 672.0),
        ];
        assert_eq!(layout(words), "Heading\nindented\ntext\n");
    }

    #[test]
    fn overprinted_fake_bold_is_kept_once() {
        let words = vec![word("Total", 50.0, 700.0), word("Total", 50.4, 700.0)];
        assert_eq!(layout(words), "Total\n");
    }
}
