//! IT spend per financial year: the total and the staff / software / services / hardware /
//! communications / other split.
//!
//! Reads, in the IT-spend part of a reply only (see `topics`):
//! - year headers with rows under them ("FY 2023/2024 (£):" then "IT Staff<TAB>£6,167,000");
//! - grids with years as columns ("<TAB>2023/24<TAB>2024/25" then category rows) or categories
//!   as columns (then one row per year), tab-, pipe- or space-aligned, units from headers;
//! - one-line answers ("FY 2023/2024 (£): OUR RESPONSE: £13,107,000.", "2023/24 - £13.1m");
//! - prose ("£13.1m in 2023/24 and £11.4m in 2024/25", "..., of which £6.2m was IT staff").
//!
//! A figure becomes a candidate only when its year and its category are both certain; anything
//! else (a bare "FY24", an amount in a sentence about something else, a wrapped answer row, an
//! amount whose unit is unclear) becomes a warning instead.

use super::answers::Role;
use super::candidates::{Candidate, Candidates, Field};
use super::doc::Doc;
use super::labels::{self, SpendLabel};
use super::layout::{Cell, Line, Separator};
use super::money::{self, Amount};
use super::topics::{self, Topic};
use super::years::{self, YearMatch};
use crate::model::{Confidence, FinYear, MoneyUnit};
use regex::Regex;
use std::sync::OnceLock;

/// Read every IT-spend figure in `doc` into `out`.
pub fn extract(doc: &Doc<'_>, out: &mut Candidates) {
    let eligible = |i: usize| {
        matches!(doc.topic(i), Some(Topic::Spend) | None) && doc.roles[i].role != Role::Closing
    };
    let consumed = vertical_tables(doc, &eligible, out);
    let mut st = State::default();
    for (i, line) in doc.lines.iter().enumerate() {
        if consumed[i] {
            continue;
        }
        // Spend figures are read in the IT-spend part, and in letters without parts at all; never
        // under the DMA or HIMSS questions (an EPR budget there is not IT spend).
        if !matches!(doc.topic(i), Some(Topic::Spend) | None) || doc.roles[i].role == Role::Closing
        {
            st = State::default();
            continue;
        }
        if line.is_blank() {
            continue;
        }
        note_vat(doc, i, out);
        if is_table_row(line) {
            table_line(doc, i, &mut st, out);
        } else {
            prose_line(doc, i, &mut st, out);
        }
    }
}

/// A table pasted one cell per line (PDF): a run of year headings, then each row's label and one
/// figure per year on the lines below it, in order. Returns the lines it read.
fn vertical_tables(
    doc: &Doc<'_>,
    eligible: &dyn Fn(usize) -> bool,
    out: &mut Candidates,
) -> Vec<bool> {
    let mut consumed = vec![false; doc.lines.len()];
    let filled: Vec<usize> = (0..doc.lines.len())
        .filter(|&i| !doc.lines[i].is_blank() && eligible(i))
        .collect();
    let only_year = |i: usize| {
        let l = &doc.lines[i];
        l.separator == Separator::None
            && l.text.trim().len() <= 32
            && l.text.bytes().any(|b| b.is_ascii_digit())
            && cell_year(l.text).is_some()
            && prose_amounts(doc, l.start, l.end).is_empty()
    };
    let only_amount = |i: usize| {
        let l = &doc.lines[i];
        match read_cell(doc.text, l.start, l.end) {
            CellRead::One(a) => Some(a),
            _ => None,
        }
    };
    let mut k = 0;
    while k < filled.len() {
        // A run of two or more lines that are each just a year.
        let run: Vec<usize> = filled[k..]
            .iter()
            .copied()
            .take_while(|&i| only_year(i))
            .collect();
        if run.len() < 2 || run.windows(2).any(|w| w[1] != w[0] + 1) {
            k += run.len().max(1);
            continue;
        }
        let years: Vec<FinYear> = run
            .iter()
            .filter_map(|&i| cell_year(doc.lines[i].text))
            .collect();
        let mut distinct = years.clone();
        distinct.sort();
        distinct.dedup();
        if distinct.len() != years.len() {
            k += run.len();
            continue;
        }
        let n = years.len();
        let mut at = k + run.len();
        let mut rows = 0;
        // Label line, then n amount lines.
        while at + n < filled.len() {
            let label_line = filled[at];
            let label = doc.lines[label_line].text;
            let Some(kind) = labels::spend_label_strict(label) else {
                break;
            };
            if only_amount(label_line).is_some() {
                break;
            }
            let amounts: Vec<Amount> = filled[at + 1..=at + n]
                .iter()
                .filter_map(|&i| only_amount(i))
                .collect();
            if amounts.len() != n {
                break;
            }
            let ctx = money::unit_from_header(label);
            for (a, y) in amounts.iter().zip(&years) {
                propose(doc, out, *y, kind, a, ctx, Confidence::High);
            }
            for &i in &filled[at..at + 1 + n] {
                consumed[i] = true;
            }
            rows += 1;
            at += 1 + n;
        }
        if rows > 0 {
            for &i in &run {
                consumed[i] = true;
            }
        }
        k = at.max(k + 1);
    }
    consumed
}

/// What the lines read so far say about the lines to come.
#[derive(Default)]
struct State {
    /// The year named by the last year header ("FY 2023/2024 (£):"), with its unit.
    year: Option<(FinYear, Option<MoneyUnit>, usize)>,
    /// The header of the grid being read.
    grid: Option<Grid>,
    /// A unit declared by a caption ("All figures in £000s").
    unit: Option<MoneyUnit>,
    /// Years listed by the question without answers ("FY 2023/2024 (£):" lines in the request),
    /// for an answer that gives the amounts in the same order.
    asked_years: Vec<FinYear>,
    /// A question asking for the total IT spend of one year ("Q2 What was your actual IT spend
    /// for 2023-24?"), until the next line with a figure: a bare amount answering it ("A2
    /// £20,874,512") is that year's total.
    asked_total: Option<FinYear>,
    /// Line index of the last year header.
    header_line: Option<usize>,
    /// The first non-blank line after that header (found once, when the header is read).
    header_next: Option<usize>,
}

struct Grid {
    line: usize,
    kind: GridKind,
    /// The unit the header declares for all columns.
    unit: Option<MoneyUnit>,
}

enum GridKind {
    /// Header cell index → year (or `None` for a total / other column), with a per-column unit.
    YearColumns(Vec<(usize, Option<FinYear>, Option<MoneyUnit>)>),
    /// Header cell index → what the column holds.
    CategoryColumns(Vec<(usize, Option<SpendLabel>)>),
}

/// A tab or pipe row, or a space-aligned row whose cells are not sentences.
fn is_table_row(line: &Line<'_>) -> bool {
    match line.separator {
        Separator::Tab | Separator::Pipe => line.filled().count() >= 1 && line.cells.len() >= 2,
        Separator::Spaces => {
            line.cells.len() >= 2
                && line
                    .cells
                    .iter()
                    .all(|c| c.text.split_whitespace().count() <= 8)
        }
        Separator::None => false,
    }
}

/// The one unambiguous financial year a header cell names ("2023/24", "FY 2023/24 (£000)").
fn cell_year(cell: &str) -> Option<FinYear> {
    if cell.len() > 48
        || cell.contains('£') && cell.chars().filter(|c| c.is_ascii_digit()).count() > 8
    {
        return None;
    }
    let found = years::find_fin_years(cell);
    match found.as_slice() {
        [one] if !one.ambiguous => Some(one.year),
        _ => None,
    }
}

/// How a cell reads as money.
enum CellRead {
    Empty,
    /// The cell is one amount (give or take "approx." or a VAT remark).
    One(Amount),
    /// One money amount inside words.
    Prose(Amount),
    /// Several amounts.
    Many,
}

fn qualifier_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)\b(?:approx(?:imately)?|circa|around|about|est(?:imated)?|c(?:a)?|total|actual|outturn|provisional|unaudited)\b\.?|\((?:[^()]*\b(?:vat|approx\w*|rounded|estimated?|est|provisional|actual|unaudited|outturn)\b[^()]*)\)|\b(?:inc(?:l(?:uding)?)?|exc(?:l(?:uding)?)?|ex|plus|\+)\.?\s*vat\b|\bvat\s+(?:inc(?:luded|l)?|exc(?:luded|l)?)\.?|\*+|\b(?:OUR\s+)?(?:response|answer)\s*:",
        )
        .expect("qualifier regex")
    })
}

fn refusal_word_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)\b(?:not|no|unable|included|includes|including|within|part\s+of|see|combined|above|below|previous(?:ly)?|except|excluding|only|per|each|limit|hours?)\b",
        )
        .expect("refusal word regex")
    })
}

/// Read a cell (absolute offsets `start..end` in the cleaned text) as money.
fn read_cell(text: &str, start: usize, end: usize) -> CellRead {
    let cell = &text[start..end];
    if cell.trim().is_empty() {
        return CellRead::Empty;
    }
    // Blank out qualifiers so the amount can be read as the whole cell (offsets kept).
    let stripped = blank_ranges(
        cell,
        0,
        qualifier_regex()
            .find_iter(cell)
            .map(|m| (m.start(), m.end())),
    );
    if let Some(mut a) = money::parse_amount(&stripped, None) {
        a.start += start;
        a.end += start;
        return CellRead::One(a);
    }
    let found: Vec<Amount> = money::find_amounts(cell, None)
        .into_iter()
        .map(|mut a| {
            a.start += start;
            a.end += start;
            a
        })
        .collect();
    match found.len() {
        0 => CellRead::Empty,
        1 => CellRead::Prose(found[0]),
        _ => CellRead::Many,
    }
}

/// The pound value of `a` given the unit context; `Err` explains why it cannot be trusted.
fn pounds(a: &Amount, ctx: Option<MoneyUnit>) -> Result<(f64, f64), String> {
    let decimals = printed_decimals(a);
    let unit = if a.unit_printed {
        a.unit
    } else if a.pound_sign {
        match ctx {
            Some(u) if u != MoneyUnit::Pounds && a.printed.abs() < 100_000.0 && a.printed != 0.0 => {
                return Err(format!(
                    "printed with a £ sign but under a {} heading: unclear whether it is pounds or {}",
                    u.symbol(),
                    u.symbol()
                ))
            }
            _ => MoneyUnit::Pounds,
        }
    } else {
        match ctx {
            Some(u) => u,
            None if a.grouped => MoneyUnit::Pounds,
            None if a.printed.abs() >= 10_000.0 && decimals == 0 => MoneyUnit::Pounds,
            None => return Err("no unit (£, £000, £m) is given for it".into()),
        }
    };
    if unit == MoneyUnit::Pounds
        && !a.unit_printed
        && !a.pound_sign
        && a.printed.abs() < 1000.0
        && a.printed != 0.0
    {
        return Err("too small to be pounds and no unit such as £000 or £m is given".into());
    }
    let value = a.printed * unit.factor();
    // The largest trusts spend around £150m a year on IT; £500m and more is a whole trust's
    // budget or a misread unit.
    if value > 5e8 {
        return Err(
            "larger than any trust's IT spend (a whole-trust figure or a wrong unit?)".into(),
        );
    }
    Ok((value, unit.factor() * 10f64.powi(-(decimals as i32))))
}

fn printed_decimals(a: &Amount) -> usize {
    // The printed value's decimals are not kept by `Amount`; recover them from its digits.
    let s = format!("{}", a.printed.abs());
    s.split('.').nth(1).map_or(0, str::len).min(6)
}

/// Add a spend candidate after the money checks.
#[allow(clippy::too_many_arguments)]
fn propose(
    doc: &Doc<'_>,
    out: &mut Candidates,
    year: FinYear,
    label: SpendLabel,
    a: &Amount,
    ctx: Option<MoneyUnit>,
    confidence: Confidence,
) {
    let field = match label {
        SpendLabel::Total => Field::SpendTotal(year),
        SpendLabel::Part(c) => Field::SpendPart(year, c),
        SpendLabel::Budget => {
            out.note(
                Some(Field::SpendTotal(year)),
                format!(
                    "{year}: {} is a budget or forecast, not actual spend; not used",
                    quote(doc, a.start, a.end)
                ),
                a.start,
                a.end,
            );
            return;
        }
        SpendLabel::Capital | SpendLabel::Revenue => {
            let which = if label == SpendLabel::Capital {
                "capital"
            } else {
                "revenue"
            };
            out.note(
                Some(Field::SpendTotal(year)),
                format!(
                    "{year}: a {which} figure {} is given on its own; the total (capital and revenue) is not added up by foi-lens",
                    quote(doc, a.start, a.end)
                ),
                a.start,
                a.end,
            );
            return;
        }
    };
    match pounds(a, ctx) {
        Ok((value, precision)) => {
            if value < 0.0 && field == Field::SpendTotal(year) {
                out.warn(
                    Some(field),
                    format!(
                        "{}: {} is negative; not used as a total",
                        field.describe(),
                        quote(doc, a.start, a.end)
                    ),
                    a.start,
                    a.end,
                );
                return;
            }
            if value < 0.0 {
                out.note(
                    Some(field),
                    format!(
                        "{}: {} is a negative figure (a credit), kept as printed",
                        field.describe(),
                        quote(doc, a.start, a.end)
                    ),
                    a.start,
                    a.end,
                );
            }
            if field == Field::SpendTotal(year) && value != 0.0 && value < 10_000.0 {
                out.warn(
                    Some(field),
                    format!(
                        "{}: {} is too small for a whole trust's IT spend; not used",
                        field.describe(),
                        quote(doc, a.start, a.end)
                    ),
                    a.start,
                    a.end,
                );
                return;
            }
            if field == Field::SpendTotal(year) && value == 0.0 {
                out.warn(
                    Some(field),
                    format!(
                        "{}: a total of {} is not a plausible IT spend; not used",
                        field.describe(),
                        quote(doc, a.start, a.end)
                    ),
                    a.start,
                    a.end,
                );
                return;
            }
            let confidence = if !a.unit_printed && !a.pound_sign && !a.grouped {
                Confidence::Medium
            } else {
                confidence
            };
            out.add(Candidate {
                field,
                value,
                start: a.start,
                end: a.end,
                precision,
                confidence,
            });
        }
        Err(why) => out.warn(
            Some(field),
            format!(
                "{}: {} not used: {why}",
                field.describe(),
                quote(doc, a.start, a.end)
            ),
            a.start,
            a.end,
        ),
    }
}

/// `"£13.1m" (line 12)` for messages.
pub fn quote(doc: &Doc<'_>, start: usize, end: usize) -> String {
    let t: String = doc.text[start..end].chars().take(60).collect();
    format!("\"{}\" (line {})", t.trim(), doc.line_number(start))
}

fn table_line(doc: &Doc<'_>, i: usize, st: &mut State, out: &mut Candidates) {
    let line = &doc.lines[i];
    let cells = &line.cells;
    let reads: Vec<CellRead> = cells
        .iter()
        .map(|c| {
            if doc.masks.covers(c.start, c.end) && cell_is_masked(doc, c) {
                CellRead::Empty
            } else {
                read_cell(doc.text, c.start, c.end)
            }
        })
        .collect();
    let has_amount = reads.iter().any(|r| !matches!(r, CellRead::Empty));
    if !has_amount {
        table_header_or_caption(doc, i, st);
        return;
    }
    if doc.roles[i].continuation {
        out.warn(
            None,
            format!(
                "{} is in a row that continues the answer above it; not read as a value for \"{}\"",
                quote(doc, line.start, line.end),
                cells.first().map(|c| c.text).unwrap_or("")
            ),
            line.start,
            line.end,
        );
        return;
    }
    if let Some(grid) = &st.grid {
        if grid_row(doc, i, grid, &reads, st.unit, out) {
            return;
        }
    }
    // A row with one amount: a label cell and a value.
    let amount_cells: Vec<(usize, &CellRead)> = reads
        .iter()
        .enumerate()
        .filter(|(_, r)| !matches!(r, CellRead::Empty))
        .collect();
    if amount_cells.len() != 1 {
        out.warn(
            None,
            format!(
                "{}: several amounts on one row without a year heading for each; not read",
                quote(doc, line.start, line.end)
            ),
            line.start,
            line.end,
        );
        return;
    }
    let (k, read) = amount_cells[0];
    if matches!(read, CellRead::Many) {
        // "£5.2m (2023/24) and £5.6m (2024/25)" in one answer cell: read it as prose, with the
        // question cell as its label.
        many_in_cell(doc, i, k, out);
        return;
    }
    let label_text: String = cells
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != k)
        .map(|(_, c)| c.text)
        .collect::<Vec<_>>()
        .join(" ");
    let amount = match read {
        CellRead::One(a) => *a,
        CellRead::Prose(a) => {
            let cell = &cells[k];
            let rest = blank_range(cell.text, a.start - cell.start, a.end - cell.start);
            if refusal_word_regex().is_match(&rest) || !labels::categories_in(&rest).is_empty() {
                out.warn(
                    None,
                    format!(
                        "{} is inside a sentence, not given as the figure for \"{}\"; not used",
                        quote(doc, a.start, a.end),
                        label_text.trim()
                    ),
                    a.start,
                    a.end,
                );
                return;
            }
            *a
        }
        _ => return,
    };
    // The year in the answer cell ("FY 2023/2024: £33.6 million") beats years listed in the
    // question cell beside it.
    let cell = &cells[k];
    let in_cell = line_years(doc, cell.start, cell.end, Some((amount.start, amount.end)));
    let years = if in_cell.is_empty() {
        line_years(doc, line.start, line.end, Some((cell.start, cell.end)))
    } else {
        in_cell
    };
    let ctx = labels_unit(&label_text)
        .or(st.unit)
        .or(st.year.and_then(|y| y.1));
    let year_ctx = st.year.map(|y| y.0);
    single(
        doc,
        i,
        st,
        out,
        &amount,
        &label_text,
        &years,
        ctx,
        year_ctx,
        true,
    );
}

/// One table cell holding several amounts: pair them with the years in the cell.
fn many_in_cell(doc: &Doc<'_>, i: usize, k: usize, out: &mut Candidates) {
    let line = &doc.lines[i];
    let cell = &line.cells[k];
    let amounts = prose_amounts(doc, cell.start, cell.end);
    let years = line_years(doc, cell.start, cell.end, None);
    let question: String = line.cells[..k]
        .iter()
        .map(|c| c.text)
        .collect::<Vec<_>>()
        .join(" ");
    let label = format!(
        "{question} {}",
        blank_all(doc.text, cell.start, cell.end, &amounts, &years)
    );
    let ctx = money::unit_from_header(&question);
    if amounts.len() >= 2 && amounts.len() == years.len() {
        pair_years(doc, out, &amounts, &years, &label, ctx);
    } else {
        out.warn(
            None,
            format!(
                "{}: several amounts in one cell that do not pair with its years; not read",
                quote(doc, cell.start, cell.end)
            ),
            cell.start,
            cell.end,
        );
    }
}

fn cell_is_masked(doc: &Doc<'_>, c: &Cell<'_>) -> bool {
    // Whole cell is a date / phone / reference.
    let masked: usize = doc.masks.within(c.start, c.end).map(|(a, b)| b - a).sum();
    masked * 10 >= (c.end - c.start) * 8
}

fn labels_unit(label: &str) -> Option<MoneyUnit> {
    money::unit_from_header(label)
}

/// A table row without amounts: a grid header, a year header, or a caption declaring a unit.
fn table_header_or_caption(doc: &Doc<'_>, i: usize, st: &mut State) {
    let line = &doc.lines[i];
    let cells = &line.cells;
    let years: Vec<(usize, FinYear)> = cells
        .iter()
        .enumerate()
        .filter_map(|(k, c)| cell_year(c.text).map(|y| (k, y)))
        .collect();
    let first_filled = cells.iter().position(|c| !c.text.is_empty());
    let header_unit = money::unit_from_header(line.text);
    let year_in_first_column =
        years.len() == 1 && Some(years[0].0) == first_filled && cells[years[0].0].column == 0;
    if years.len() >= 2 || (years.len() == 1 && !year_in_first_column) {
        let cols = cells
            .iter()
            .enumerate()
            .map(|(k, c)| {
                (
                    k,
                    years.iter().find(|(j, _)| *j == k).map(|(_, y)| *y),
                    money::unit_from_header(c.text),
                )
            })
            .collect();
        st.grid = Some(Grid {
            line: i,
            kind: GridKind::YearColumns(cols),
            unit: header_unit.or(st.unit),
        });
        st.year = None;
        return;
    }
    if years.len() == 1 {
        set_year_header(doc, i, st, years[0].1, header_unit);
        return;
    }
    let kinds: Vec<(usize, Option<SpendLabel>)> = cells
        .iter()
        .enumerate()
        .map(|(k, c)| (k, labels::spend_label_strict(c.text)))
        .collect();
    // Columns named by category or total (capital / revenue columns count as named too: they
    // are read and reported as notes).
    let named = kinds.iter().filter(|(_, l)| l.is_some()).count();
    let ours = kinds
        .iter()
        .any(|(_, l)| matches!(l, Some(SpendLabel::Part(_)) | Some(SpendLabel::Total)));
    if named >= 2 && ours {
        st.grid = Some(Grid {
            line: i,
            kind: GridKind::CategoryColumns(kinds),
            unit: header_unit.or(st.unit),
        });
        return;
    }
    if let Some(u) = header_unit {
        st.unit = Some(u);
    }
    let label = cells.first().map(|c| c.text).unwrap_or("");
    if labels::spend_label(label).is_none() && ends_context(label) {
        st.year = None;
        st.grid = None;
    }
}

/// A question that is not a category row ends the rows belonging to the year above.
fn ends_context(label: &str) -> bool {
    let t = label.trim();
    t.contains('?')
        || super::answers::starts_question(t)
        || (topics::is_question_like(t) && topics::local_topic(t).is_some())
}

fn set_year_header(
    doc: &Doc<'_>,
    i: usize,
    st: &mut State,
    year: FinYear,
    unit: Option<MoneyUnit>,
) {
    // Two year headers in a row are a list of the years asked ("FY 2023/2024 (£):" /
    // "FY 2024/2025 (£):"), not a heading for the rows that follow.
    let listed = st.header_line.is_some_and(|_| st.header_next == Some(i));
    st.year = if listed { None } else { Some((year, unit, i)) };
    st.header_next = doc.next_filled(i);
    st.header_line = Some(i);
    st.grid = None;
    if doc.roles[i].role == Role::Question {
        st.asked_years.push(year);
    }
}

/// Read a row under a grid header; false if the row does not fit the grid.
fn grid_row(
    doc: &Doc<'_>,
    i: usize,
    grid: &Grid,
    reads: &[CellRead],
    caption_unit: Option<MoneyUnit>,
    out: &mut Candidates,
) -> bool {
    let header = &doc.lines[grid.line];
    let line = &doc.lines[i];
    match &grid.kind {
        GridKind::YearColumns(cols) => {
            let label_cell = line.cells.iter().position(|c| !c.text.is_empty());
            let Some(lc) = label_cell else { return false };
            if !matches!(reads[lc], CellRead::Empty) {
                return false; // the row starts with an amount: not a labelled row
            }
            let label = line.cells[lc].text;
            let kind = labels::spend_label_strict(label);
            let row_unit = money::unit_from_header(label);
            let mut any = false;
            for (k, read) in reads.iter().enumerate() {
                let a = match read {
                    CellRead::One(a) => a,
                    CellRead::Empty => continue,
                    _ => {
                        out.warn(
                            None,
                            format!(
                                "{}: a cell with words and figures in a year column; not read",
                                quote(doc, line.cells[k].start, line.cells[k].end)
                            ),
                            line.cells[k].start,
                            line.cells[k].end,
                        );
                        continue;
                    }
                };
                let Some(h) = header_column(header, line, k) else {
                    out.warn(
                        None,
                        format!(
                            "{} does not line up with a year column; not read",
                            quote(doc, a.start, a.end)
                        ),
                        a.start,
                        a.end,
                    );
                    continue;
                };
                let Some((_, year, col_unit)) = cols.iter().find(|(j, _, _)| *j == h) else {
                    continue;
                };
                let Some(year) = year else { continue }; // a total or notes column
                any = true;
                let ctx = row_unit.or(*col_unit).or(grid.unit).or(caption_unit);
                match kind {
                    Some(kind) => propose(doc, out, *year, kind, a, ctx, Confidence::High),
                    None => out.warn(
                        None,
                        format!(
                            "{year}: {} is in a row labelled \"{}\", which is not total IT spend or one of the requested categories; not used",
                            quote(doc, a.start, a.end),
                            label
                        ),
                        a.start,
                        a.end,
                    ),
                }
            }
            any
        }
        GridKind::CategoryColumns(cols) => {
            let Some(first) = line.cells.iter().position(|c| !c.text.is_empty()) else {
                return false;
            };
            let Some(year) = cell_year(line.cells[first].text) else {
                return false;
            };
            for (k, read) in reads.iter().enumerate() {
                let CellRead::One(a) = read else { continue };
                let Some(h) = header_column(header, line, k) else {
                    continue;
                };
                let Some((_, Some(kind))) = cols.iter().find(|(j, _)| *j == h) else {
                    continue;
                };
                let ctx = money::unit_from_header(header.cells[h].text)
                    .or(grid.unit)
                    .or(caption_unit);
                propose(doc, out, year, *kind, a, ctx, Confidence::High);
            }
            true
        }
    }
}

/// The header cell index that row cell `k` sits under.
fn header_column(header: &Line<'_>, row: &Line<'_>, k: usize) -> Option<usize> {
    let indexable = matches!(header.separator, Separator::Tab | Separator::Pipe)
        && header.separator == row.separator;
    if indexable {
        // Rows may have one more (or fewer) leading cell than the header: align on the right.
        let used = |l: &Line<'_>| {
            l.cells
                .iter()
                .rposition(|c| !c.text.is_empty())
                .map_or(0, |p| p + 1)
        };
        let offset = used(row) as isize - used(header) as isize;
        let h = k as isize - offset;
        return (0..header.cells.len() as isize)
            .contains(&h)
            .then_some(h as usize);
    }
    // Space-aligned: the header cell whose character columns overlap the value's the most.
    let cell = row.cells.get(k)?;
    let (a0, a1) = (cell.column, cell.column + cell.text.chars().count());
    let mut best: Option<(usize, isize)> = None;
    let mut second = isize::MIN;
    for (h, hc) in header.cells.iter().enumerate() {
        if hc.text.is_empty() {
            continue;
        }
        let (b0, b1) = (hc.column, hc.column + hc.text.chars().count());
        let overlap = a1.min(b1) as isize - a0.max(b0) as isize;
        match best {
            Some((_, o)) if overlap <= o => second = second.max(overlap),
            _ => {
                if let Some((_, o)) = best {
                    second = second.max(o);
                }
                best = Some((h, overlap));
            }
        }
    }
    let (h, o) = best?;
    // Overlapping, or within a few characters and clearly nearer than any other column.
    (o > 0 || (o > -4 && o - second >= 6)).then_some(h)
}

/// Unambiguous years in `start..end` outside `skip`; warns about bare "FY24" forms.
fn line_years(
    doc: &Doc<'_>,
    start: usize,
    end: usize,
    skip: Option<(usize, usize)>,
) -> Vec<YearMatch> {
    years::find_fin_years(&doc.text[start..end])
        .into_iter()
        .map(|mut y| {
            y.start += start;
            y.end += start;
            y
        })
        .filter(|y| !y.ambiguous)
        .filter(|y| skip.is_none_or(|(a, b)| y.end <= a || y.start >= b))
        .collect()
}

fn ambiguous_years(doc: &Doc<'_>, start: usize, end: usize) -> Vec<YearMatch> {
    years::find_fin_years(&doc.text[start..end])
        .into_iter()
        .filter(|y| y.ambiguous)
        .map(|mut y| {
            y.start += start;
            y.end += start;
            y
        })
        .collect()
}

/// One amount with its label: find the year and the category, then propose.
#[allow(clippy::too_many_arguments)]
fn single(
    doc: &Doc<'_>,
    i: usize,
    st: &mut State,
    out: &mut Candidates,
    a: &Amount,
    label_text: &str,
    years: &[YearMatch],
    ctx: Option<MoneyUnit>,
    year_ctx: Option<FinYear>,
    table_row: bool,
) {
    // A table row's label must be the request's own words; a sentence may say more.
    let kind = if table_row {
        labels::spend_label_strict(label_text)
    } else {
        labels::spend_label(label_text)
    };
    let year = match years {
        [one] => Some(one.year),
        [] => year_ctx,
        _ => {
            out.warn(
                None,
                format!(
                    "{} is on a line naming several years; not read",
                    quote(doc, a.start, a.end)
                ),
                a.start,
                a.end,
            );
            return;
        }
    };
    let kind = match kind {
        Some(k) => k,
        None if (years.len() == 1 || year_ctx.is_some() && right_after_header(doc, i, st))
            && filler_only(label_text) =>
        {
            SpendLabel::Total
        }
        None if year.is_none() => {
            // The year is missing: say so when the reply wrote a bare "FY24" for it.
            let (ss, se) = doc.sentence_at(a.start);
            if let Some(y) = ambiguous_years(doc, ss, se).first() {
                out.warn(
                    None,
                    format!(
                        "{} not used: \"{}\" does not say which financial year it means (ending or starting in that year?)",
                        quote(doc, a.start, a.end),
                        &doc.text[y.start..y.end]
                    ),
                    a.start,
                    a.end,
                );
            }
            return;
        }
        None => {
            if year.is_some() {
                out.warn(
                    None,
                    format!(
                        "{} is not described as total IT spend or one of the requested categories; not used",
                        quote(doc, a.start, a.end)
                    ),
                    a.start,
                    a.end,
                );
            }
            return;
        }
    };
    let Some(year) = year else {
        let (ss, se) = doc.sentence_at(a.start);
        let amb = ambiguous_years(doc, ss, se);
        let why = match amb.first() {
            Some(y) => format!(
                "\"{}\" does not say which financial year it means (ending or starting in that year?)",
                &doc.text[y.start..y.end]
            ),
            None => "no financial year is given for it".to_string(),
        };
        out.warn(
            None,
            format!("{} not used: {why}", quote(doc, a.start, a.end)),
            a.start,
            a.end,
        );
        return;
    };
    propose(doc, out, year, kind, a, ctx, Confidence::High);
}

/// The line directly after a year header (blank lines aside).
fn right_after_header(_doc: &Doc<'_>, i: usize, st: &State) -> bool {
    st.header_line.is_some() && st.year.is_some() && st.header_next == Some(i)
}

/// Only words like "FY", "total", "IT spend", "our response" besides the year and the amount.
fn filler_only(text: &str) -> bool {
    const FILLER: &[&str] = &[
        "fy",
        "f",
        "y",
        "financial",
        "year",
        "years",
        "yr",
        "ending",
        "ended",
        "end",
        "our",
        "response",
        "answer",
        "reply",
        "trust",
        "trusts",
        "s",
        "whole",
        "it",
        "ict",
        "imt",
        "im",
        "t",
        "spend",
        "spending",
        "spent",
        "expenditure",
        "total",
        "totals",
        "was",
        "were",
        "is",
        "are",
        "in",
        "for",
        "of",
        "to",
        "approx",
        "approximately",
        "circa",
        "c",
        "ca",
        "capital",
        "revenue",
        "and",
        "cost",
        "costs",
        "amount",
        "actual",
        "actuals",
        "outturn",
        "gbp",
        "k",
        "m",
        "a",
        "an",
        "on",
        "at",
        "the",
        "as",
        "follows",
        "overall",
        "combined",
        "figure",
        "figures",
        "budget",
        "forecast",
        "estimated",
        "estimate",
        "provisional",
        "unaudited",
        "audited",
        "period",
        "value",
        "information",
        "technology",
        "digital",
        "which",
        "be",
        "been",
        "000",
        "please",
        "see",
        "below",
        "grand",
        "sum",
        "inc",
        "incl",
        "including",
        "vat",
        "excl",
        "excluding",
        "ex",
        "net",
        "gross",
        "this",
        "i",
        "can",
        "confirm",
        "that",
        "has",
        "had",
        "during",
        "financial-year",
        "fiscal",
        "we",
        "within",
        "from",
        "april",
        "march",
        "by",
        "full",
        "subject",
        "audit",
        "draft",
        "final",
        "accounts",
        "reported",
        "recorded",
        "its",
        "annum",
        "annual",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            let w = w.to_ascii_lowercase();
            FILLER.contains(&w.as_str()) || w.chars().all(|c| c.is_ascii_digit())
        })
}

/// `text` (which starts at absolute offset `base`) with the absolute ranges blanked, in one
/// pass; ranges must be sorted by start (overlaps are fine). Multi-byte characters inside a
/// range become as many spaces as they have bytes, so offsets hold.
fn blank_ranges(text: &str, base: usize, ranges: impl Iterator<Item = (usize, usize)>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (a, b) in ranges {
        let (a, b) = (
            a.saturating_sub(base).max(at).min(text.len()),
            b.saturating_sub(base).min(text.len()),
        );
        if a >= b || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        out.push_str(&text[at..a]);
        out.extend(std::iter::repeat_n(' ', b - a));
        at = b;
    }
    out.push_str(&text[at..]);
    out
}

/// `text` with `a..b` blanked.
fn blank_range(text: &str, a: usize, b: usize) -> String {
    let mut s = text.to_string();
    if a <= b && b <= s.len() && s.is_char_boundary(a) && s.is_char_boundary(b) {
        s.replace_range(a..b, &" ".repeat(b - a));
    }
    s
}

/// Money amounts in `start..end` that are not masked.
fn prose_amounts(doc: &Doc<'_>, start: usize, end: usize) -> Vec<Amount> {
    money::find_amounts(&doc.text[start..end], None)
        .into_iter()
        .map(|mut a| {
            a.start += start;
            a.end += start;
            a
        })
        .filter(|a| !doc.masks.covers(a.start, a.end))
        .collect()
}

/// Line `i` asks, in words, about IT spend (its own topic) and names one year: the answer below
/// gives that year's figures.
fn asks_spend_of_one_year(doc: &Doc<'_>, i: usize) -> bool {
    let text = doc.lines[i].text;
    doc.roles[i].role == Role::Question
        && topics::local_topic(text) == Some(Topic::Spend)
        && text.trim_end().ends_with('?')
        && labels::spend_label(text) != Some(SpendLabel::Budget)
}

/// The year of a line that asks for the total IT spend of exactly one year, in words ("What was
/// your total IT spend in 2023/24?"); not a budget, a category or several years.
fn asked_total_of(doc: &Doc<'_>, start: usize, end: usize, years: &[YearMatch]) -> Option<FinYear> {
    let [one] = years else { return None };
    let text = &doc.text[start..end];
    if !super::topics::asks_in_words(text) {
        return None;
    }
    let label = blank_all(doc.text, start, end, &[], years);
    (labels::spend_label(&label) == Some(SpendLabel::Total)).then_some(one.year)
}

/// A label that says nothing but "this is the answer": "A2", "Answer:", "2.", "(b)", "Response -".
fn bare_answer(label: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(
            r"(?i)^[\s>•*-]*(?:(?:a|answer|response|reply|our\s+response)\s*\d{0,2}|\d{1,2}|\(?[a-h])?\s*[.):\-–]*\s*(?:approx(?:imately)?\.?|circa|c\.)?\s*[.;]?\s*$",
        )
        .expect("bare answer regex")
    });
    re.is_match(label)
}

fn prose_line(doc: &Doc<'_>, i: usize, st: &mut State, out: &mut Candidates) {
    let line = &doc.lines[i];
    let has_digit = line.text.bytes().any(|b| b.is_ascii_digit());
    let amounts_on_line = if has_digit {
        prose_amounts(doc, line.start, line.end)
    } else {
        Vec::new()
    };
    if amounts_on_line.is_empty() {
        let years = if has_digit {
            line_years(doc, line.start, line.end, None)
        } else {
            Vec::new()
        };
        if years.len() == 1 && is_year_header_text(doc, line, &years[0]) {
            let unit = money::unit_from_header(line.text);
            set_year_header(doc, i, st, years[0].year, unit);
        } else if years.len() == 1 && asks_spend_of_one_year(doc, i) {
            // "Q: IT spend broken down by category for 2024/25?" heads the answer's rows.
            let unit = money::unit_from_header(line.text);
            set_year_header(doc, i, st, years[0].year, unit);
        } else if let Some(u) = money::unit_from_header(line.text).filter(|_| years.is_empty()) {
            st.unit = Some(u);
        } else if st.year.is_some()
            && ends_context(line.text)
            && labels::spend_label(line.text).is_none()
        {
            st.year = None;
        }
        if doc.roles[i].role != Role::Question && !line.text.trim().is_empty() {
            st.grid = None;
        }
        if !line.text.trim().is_empty() {
            st.asked_total = asked_total_of(doc, line.start, line.end, &years);
        }
        return;
    }
    st.grid = None;
    let asked_total = st.asked_total.take();
    if doc.roles[i].continuation {
        return;
    }
    let (from, to) = doc.answer_part(i).unwrap_or((line.start, line.end));
    let from = if doc.roles[i].role == Role::Answer {
        // Keep the question part of a "FY 2023/2024 (£): OUR RESPONSE: £13m" line: it names
        // the year.
        line.start
    } else {
        from
    };
    let mut sentence_year: Option<FinYear> = None;
    let asked = std::mem::take(&mut st.asked_years);
    // "• IT staff – FY 2023/2024: £7,118,000; FY 2024/2025: £7,590,000": the category named at
    // the start of the line labels every figure on it.
    let first_figure = amounts_on_line
        .iter()
        .map(|a| a.start)
        .chain(
            line_years(doc, line.start, line.end, None)
                .iter()
                .map(|y| y.start),
        )
        .min()
        .unwrap_or(line.end);
    let line_head = &doc.text[from.min(first_figure)..first_figure];
    let line_part = match labels::spend_label(line_head) {
        Some(k @ SpendLabel::Part(_)) => Some(k),
        _ => None,
    };
    // "1. IT spend 2023/24? Answer: £12.4m": the question on the answer's own line names what
    // the figure is.
    let mut question_part: Option<String> = None;
    for (s, e) in doc.sentences(from, to) {
        let sentence = &doc.text[s..e];
        if sentence.trim_end().ends_with('?') {
            let years = line_years(doc, s, e, None);
            question_part = Some(blank_all(doc.text, s, e, &[], &years));
        }
        if super::answers::is_requester_voice(sentence)
            || labels::is_non_spend_context(sentence)
            || labels::is_whole_trust_finance(sentence)
        {
            continue;
        }
        let amounts = prose_amounts(doc, s, e);
        if amounts.is_empty() {
            let ys = line_years(doc, s, e, None);
            if ys.len() == 1 {
                sentence_year = Some(ys[0].year);
            }
            continue;
        }
        let years = line_years(doc, s, e, None);
        let mut label = blank_all(doc.text, s, e, &amounts, &years);
        if line_part.is_some()
            && s >= first_figure
            && labels::spend_label(&label).is_none()
            && filler_only(&label)
        {
            label = format!("{line_head} {label}");
        }
        if labels::spend_label(&label).is_none() {
            if let Some(q) = question_part.as_deref() {
                let asked = format!("{q} {label}");
                if labels::spend_label(&asked).is_some() {
                    label = asked;
                }
            }
        }
        let ctx = money::unit_from_header(&label).or(st.unit);
        match (amounts.len(), years.len()) {
            (1, 0..=1) => {
                // A year named earlier in the same line ("In 2023/24 the total was £16.5m. Of
                // this, £6.2m was IT staff.") beats one from a header further up.
                let year_ctx = sentence_year.or(st.year.map(|y| y.0));
                let after_header = right_after_header(doc, i, st);
                if years.is_empty() && sentence_year.is_some() && !after_header {
                    // Only a labelled figure may borrow the year of an earlier sentence.
                    if labels::spend_label(&label).is_none() {
                        out.warn(
                            None,
                            format!(
                                "{} is not described as total IT spend or one of the requested categories; not used",
                                quote(doc, amounts[0].start, amounts[0].end)
                            ),
                            amounts[0].start,
                            amounts[0].end,
                        );
                        continue;
                    }
                }
                // "Q2 What was your actual IT spend for 2023-24?" / "A2 £20,874,512".
                if let (Some(y), true) = (asked_total, years.is_empty() && sentence_year.is_none()) {
                    if labels::spend_label(&label).is_none() && bare_answer(&label) {
                        single(doc, i, st, out, &amounts[0], "total", &[], ctx, Some(y), false);
                        continue;
                    }
                }
                single(doc, i, st, out, &amounts[0], &label, &years, ctx, year_ctx, false);
            }
            (n, m) if n == m && n >= 2 => pair_years(doc, out, &amounts, &years, &label, ctx),
            (n, 1) if n >= 2 => clauses(doc, out, s, e, years[0].year, ctx),
            (n, 0) if n >= 2 && asked.len() == n && doc.roles[i].role == Role::Answer => {
                positional(doc, out, &amounts, &asked, &label, ctx)
            }
            _ => out.warn(
                None,
                format!(
                    "{}: {} amounts and {} years in one sentence; could not tell which goes with which",
                    quote(doc, s, e),
                    amounts.len(),
                    years.len()
                ),
                s,
                e,
            ),
        }
        if years.len() == 1 {
            sentence_year = Some(years[0].year);
        }
    }
}

/// A line that only names a year (a heading for what follows).
fn is_year_header_text(doc: &Doc<'_>, line: &Line<'_>, y: &YearMatch) -> bool {
    let rest = blank_range(line.text, y.start - line.start, y.end - line.start);
    let words = rest.split_whitespace().count();
    let other_digits = doc
        .free_numbers(line.start, line.end)
        .iter()
        .any(|n| n.end <= y.start || n.start >= y.end);
    line.text.len() <= 100 && words <= 10 && !other_digits && !rest.contains('?')
}

fn blank_all(text: &str, s: usize, e: usize, amounts: &[Amount], years: &[YearMatch]) -> String {
    let mut ranges: Vec<(usize, usize)> = amounts
        .iter()
        .map(|a| (a.start, a.end))
        .chain(years.iter().map(|y| (y.start, y.end)))
        .collect();
    ranges.sort_unstable();
    blank_ranges(&text[s..e], s, ranges.into_iter())
}

/// "£13.1m in 2023/24 and £11.4m in 2024/25" / "2023/24: £13.1m; 2024/25: £11.4m".
fn pair_years(
    doc: &Doc<'_>,
    out: &mut Candidates,
    amounts: &[Amount],
    years: &[YearMatch],
    label: &str,
    ctx: Option<MoneyUnit>,
) {
    let kind = match labels::spend_label(label) {
        Some(k @ (SpendLabel::Total | SpendLabel::Part(_))) => k,
        None if filler_only(label) => SpendLabel::Total,
        _ => {
            out.warn(
                None,
                format!(
                    "{}: amounts for several years, but not described as total IT spend or one category; not used",
                    quote(doc, amounts[0].start, amounts[amounts.len() - 1].end)
                ),
                amounts[0].start,
                amounts[amounts.len() - 1].end,
            );
            return;
        }
    };
    // Order of years (Y) and amounts (A) by position.
    let mut seq: Vec<(usize, bool)> = amounts
        .iter()
        .map(|a| (a.start, true))
        .chain(years.iter().map(|y| (y.start, false)))
        .collect();
    seq.sort();
    let kinds: Vec<bool> = seq.iter().map(|s| s.1).collect();
    let n = amounts.len();
    let alternating = kinds.windows(2).all(|w| w[0] != w[1]);
    let grouped =
        kinds[..n].iter().all(|&k| k == kinds[0]) && kinds[n..].iter().all(|&k| k != kinds[0]);
    if !(alternating || grouped) {
        out.warn(
            None,
            format!(
                "{}: years and amounts are mixed in a way that does not pair up; not used",
                quote(doc, seq[0].0, amounts[n - 1].end)
            ),
            seq[0].0,
            amounts[n - 1].end,
        );
        return;
    }
    let confidence = if alternating {
        Confidence::High
    } else {
        Confidence::Medium
    };
    for k in 0..n {
        propose(doc, out, years[k].year, kind, &amounts[k], ctx, confidence);
    }
}

/// One year, several amounts: "£16.5m in 2023/24, of which £6.2m was IT staff and £3.1m
/// software". Each clause must name what its amount is.
fn clauses(
    doc: &Doc<'_>,
    out: &mut Candidates,
    s: usize,
    e: usize,
    year: FinYear,
    ctx: Option<MoneyUnit>,
) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        super::rx::compile(
            r"(?i),\s+|[;()]|\s+and\s+|\s+of\s+which\s+|\s+with\s+|\s+plus\s+|\s+-\s+",
        )
        .expect("clause regex")
    });
    let mut bounds = vec![s];
    for m in re.find_iter(&doc.text[s..e]) {
        bounds.push(s + m.start());
        bounds.push(s + m.end());
    }
    bounds.push(e);
    let mut plan: Vec<(SpendLabel, Amount)> = Vec::new();
    let mut unreadable = false;
    for w in bounds.chunks(2) {
        let (a, b) = (w[0], *w.get(1).unwrap_or(&e));
        if a >= b {
            continue;
        }
        let amounts = prose_amounts(doc, a, b);
        match amounts.as_slice() {
            [] => {}
            [one] => {
                let years = line_years(doc, a, b, None);
                let label = blank_all(doc.text, a, b, &amounts, &years);
                let kind = match labels::spend_label(&label) {
                    Some(k) => Some(k),
                    None if filler_only(&label) => Some(SpendLabel::Total),
                    None => None,
                };
                match kind {
                    Some(k) => plan.push((k, *one)),
                    None => unreadable = true,
                }
            }
            _ => unreadable = true,
        }
    }
    let totals = plan.iter().filter(|(k, _)| *k == SpendLabel::Total).count();
    if unreadable || plan.is_empty() || totals > 1 {
        out.warn(
            None,
            format!(
                "{}: several amounts for {year}, not all clearly labelled; not used",
                quote(doc, s, e)
            ),
            s,
            e,
        );
        return;
    }
    for (k, a) in plan {
        propose(doc, out, year, k, &a, ctx, Confidence::High);
    }
}

/// "OUR RESPONSE: £13,107,000 and £11,415,000" after a question listing "FY 2023/2024 (£):" and
/// "FY 2024/2025 (£):": amounts in the order the years were asked.
fn positional(
    doc: &Doc<'_>,
    out: &mut Candidates,
    amounts: &[Amount],
    asked: &[FinYear],
    label: &str,
    ctx: Option<MoneyUnit>,
) {
    let mut distinct = asked.to_vec();
    distinct.dedup();
    if distinct.len() != asked.len()
        || !labels::categories_in(label).is_empty()
        || !filler_only(label)
    {
        out.warn(
            None,
            format!(
                "{}: amounts without years; could not tell which year each is for",
                quote(doc, amounts[0].start, amounts[amounts.len() - 1].end)
            ),
            amounts[0].start,
            amounts[amounts.len() - 1].end,
        );
        return;
    }
    for (a, y) in amounts.iter().zip(asked) {
        propose(doc, out, *y, SpendLabel::Total, a, ctx, Confidence::Medium);
    }
}

/// VAT remarks next to spend figures are kept as notes.
fn note_vat(doc: &Doc<'_>, i: usize, out: &mut Candidates) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| super::rx::compile(r"(?i)\bVAT\b").expect("vat regex"));
    let line = &doc.lines[i];
    if doc.roles[i].role == Role::Question {
        return;
    }
    if let Some(m) = re.find(line.text) {
        let (s, e) = doc.sentence_at(line.start + m.start());
        out.note(
            None,
            format!("VAT remark about the spend figures: {}", quote(doc, s, e)),
            s,
            e,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_answer_label_says_nothing_but_answer() {
        for label in [
            "A2 ",
            "Answer: ",
            "2. ",
            "(b) ",
            "Response - ",
            "A1 approximately ",
            "",
        ] {
            assert!(bare_answer(label), "{label:?}");
        }
        for label in ["A2 on consultants", "Answer: IT staff ", "budget "] {
            assert!(!bare_answer(label), "{label:?}");
        }
    }

    #[test]
    fn filler_words_only() {
        assert!(filler_only("FY  (£): OUR RESPONSE: ."));
        assert!(filler_only("The Trust spent  on IT in "));
        assert!(!filler_only("In  we invested  in cyber security"));
    }

    #[test]
    fn units_and_guards() {
        let a = money::parse_amount("6,167", None).unwrap();
        assert_eq!(
            pounds(&a, Some(MoneyUnit::Thousands)).unwrap().0,
            6_167_000.0
        );
        let a = money::parse_amount("13.1", None).unwrap();
        assert!(pounds(&a, None).is_err());
        assert!(pounds(&a, Some(MoneyUnit::Pounds)).is_err());
        assert_eq!(
            pounds(&a, Some(MoneyUnit::Millions)).unwrap().0,
            13_100_000.0
        );
        let a = money::parse_amount("£13,107,000", None).unwrap();
        assert_eq!(
            pounds(&a, Some(MoneyUnit::Thousands)).unwrap().0,
            13_107_000.0
        );
        let a = money::parse_amount("£6,167", None).unwrap();
        assert!(pounds(&a, Some(MoneyUnit::Thousands)).is_err());
        let a = money::parse_amount("£13.1m", None).unwrap();
        let (v, p) = pounds(&a, None).unwrap();
        assert_eq!((v, p), (13_100_000.0, 100_000.0));
    }
}
