//! Checking printed totals against their parts, across (year columns → the total column) and
//! down (rows → a total or sub-total row), in exact integer arithmetic on the figures as printed.
//!
//! Which rows a total row covers is decided per total from readings tried in order — the rows
//! whose labels carry the total's qualifier ("Revenue Sub Total" → rows saying "Revenue"), the
//! block of rows right above it, the rows its sibling sub-totals left over, every row above (a
//! grand total), the group totals above — and the first reading that fits every column is taken.
//! If none fits, a bounded exact subset search over the block may find the only combination that
//! fits; several fitting combinations mean the table does not say, and nothing is reported. Only
//! then are disagreements reported, against the clearest reading (the one that fits most columns).
//!
//! A difference no larger than the printed rounding of the figures involved (half a unit of the
//! last printed digit of each term and of the total) is a note; anything more is a warning.

use super::cell::Micro;
use super::labels::{is_grand, qualifier};
use super::subset::{find_subset, Subset};
use crate::model::{
    Level, MoneyUnit, PartsBasis, Span, SumCheck, SumDirection, SumOutcome, TotalParts, Warning,
};

/// A cell as far as sums are concerned.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Part {
    /// Blank or dash: adds nothing.
    Nothing,
    Num {
        micro: Micro,
        ulp: Micro,
    },
    /// Words or an unreadable figure: a sum over it cannot be checked.
    Unknown,
}

/// A column, for checking.
#[derive(Clone, Debug)]
pub(crate) struct CheckColumn {
    /// How messages name it: "2019/20" or "total".
    pub name: String,
    /// The contract path of its cells within a row: "values[1]" or "total".
    pub field: String,
    pub is_year: bool,
    /// The first total column (the one checked across).
    pub is_total: bool,
}

/// A row, for checking.
#[derive(Clone, Debug)]
pub(crate) struct CheckRow {
    pub label: String,
    pub is_total: bool,
    pub stems: Vec<String>,
    pub cells: Vec<Part>,
    pub spans: Vec<Option<Span>>,
}

/// What the checks found.
#[derive(Clone, Debug, Default)]
pub(crate) struct Checked {
    pub sums: Vec<SumCheck>,
    pub warnings: Vec<Warning>,
    /// Per row: the parts of a total row, when found.
    pub parts: Vec<Option<TotalParts>>,
}

/// Most cell additions spent on one table's checks; past it the rest are skipped (with a note).
const WORK_BUDGET: usize = 4_000_000;

/// Check every total in the table.
pub(crate) fn check_totals(unit: MoneyUnit, columns: &[CheckColumn], rows: &[CheckRow]) -> Checked {
    let mut ctx = Ctx {
        unit,
        columns,
        rows,
        work: 0,
        out: Checked {
            parts: vec![None; rows.len()],
            ..Checked::default()
        },
        resolved: vec![None; rows.len()],
        scope_start: vec![0; rows.len()],
        out_of_budget: false,
    };
    ctx.check_across();
    ctx.check_down();
    if ctx.out_of_budget {
        ctx.out.warnings.push(Warning::note(
            None,
            "This table is too large to check every total; some totals were not checked.",
            None,
        ));
    }
    ctx.out
}

/// One reading of which rows a total covers.
#[derive(Clone, Debug)]
struct Reading {
    basis: PartsBasis,
    rows: Vec<usize>,
    /// A reading clear enough to report disagreements against.
    strong: bool,
}

/// One column of a sum.
#[derive(Clone, Copy, Debug)]
struct ColumnSum {
    printed: Micro,
    computed: Micro,
    outcome: SumOutcome,
}

/// A reading evaluated in every column (`None` where the column cannot be checked).
#[derive(Clone, Debug)]
struct Evaluation {
    columns: Vec<Option<ColumnSum>>,
}

impl Evaluation {
    fn checked(&self) -> usize {
        self.columns.iter().flatten().count()
    }
    fn mismatches(&self) -> usize {
        self.columns
            .iter()
            .flatten()
            .filter(|c| c.outcome == SumOutcome::Mismatch)
            .count()
    }
    fn fits(&self) -> bool {
        self.checked() > 0 && self.mismatches() == 0
    }
    fn score(&self) -> usize {
        self.checked() - self.mismatches()
    }
}

/// How a total row was settled.
#[derive(Clone, Debug)]
enum Resolution {
    Fits(Reading),
    /// Reported against this reading.
    Reported(Reading),
    /// Parts unknown (ambiguous or no clear reading).
    Unknown,
}

impl Resolution {
    fn reading(&self) -> Option<&Reading> {
        match self {
            Resolution::Fits(r) | Resolution::Reported(r) => Some(r),
            Resolution::Unknown => None,
        }
    }
}

struct Ctx<'a> {
    unit: MoneyUnit,
    columns: &'a [CheckColumn],
    rows: &'a [CheckRow],
    work: usize,
    out: Checked,
    resolved: Vec<Option<Resolution>>,
    /// Per total row: the first row a grand total there could cover.
    scope_start: Vec<usize>,
    out_of_budget: bool,
}

/// Compare a printed total with a computed sum. `tolerance2` is twice the largest difference
/// rounding can explain.
fn outcome(printed: Micro, computed: Micro, tolerance2: Micro) -> SumOutcome {
    let d = printed.saturating_sub(computed).saturating_abs();
    if d == 0 {
        SumOutcome::Exact
    } else if d.saturating_mul(2) < tolerance2 {
        SumOutcome::WithinRounding
    } else {
        SumOutcome::Mismatch
    }
}

impl Ctx<'_> {
    fn spend(&mut self, n: usize) -> bool {
        self.work = self.work.saturating_add(n);
        if self.work > WORK_BUDGET {
            self.out_of_budget = true;
            false
        } else {
            true
        }
    }

    // ----- across -------------------------------------------------------------------------

    fn check_across(&mut self) {
        let Some(total_col) = self.columns.iter().position(|c| c.is_total) else {
            return;
        };
        let years: Vec<usize> = (0..self.columns.len())
            .filter(|&c| self.columns[c].is_year)
            .collect();
        let mut names: Vec<&str> = years
            .iter()
            .map(|&c| self.columns[c].name.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        if years.len() < 2 || names.len() != years.len() {
            return; // "Plan 2023/24" beside "Actual 2023/24": not parts of one total
        }
        if !self.spend(self.rows.len().saturating_mul(years.len())) {
            return;
        }
        // Usually the total covers every year column; when it fits more rows over a shorter
        // run of years (a "3 year total" beside an earlier actuals year), use that run.
        let fits_over = |ctx: &Ctx<'_>, cols: &[usize]| {
            (0..ctx.rows.len())
                .filter(|&r| {
                    ctx.across(r, total_col, cols)
                        .is_some_and(|s| s.outcome != SumOutcome::Mismatch)
                })
                .count()
        };
        let mut best: &[usize] = &years;
        let mut best_fits = fits_over(self, &years);
        let range_search_cost = self.rows.len().saturating_mul(years.len().pow(3));
        if best_fits < self.rows.len() && years.len() <= 12 && self.spend(range_search_cost) {
            for len in (2..years.len()).rev() {
                for start in 0..=years.len() - len {
                    let run = &years[start..start + len];
                    let f = fits_over(self, run);
                    if f > best_fits && f >= 2 {
                        best = run;
                        best_fits = f;
                    }
                }
            }
        }
        let best = best.to_vec();
        for r in 0..self.rows.len() {
            let Some(sum) = self.across(r, total_col, &best) else {
                continue;
            };
            self.record(r, total_col, SumDirection::Across, best.clone(), sum);
            if sum.outcome != SumOutcome::Exact {
                let row = &self.rows[r];
                let first = &self.columns[best[0]].name;
                let last = &self.columns[best[best.len() - 1]].name;
                let decimals_ulp = self.min_ulp_across(r, total_col, &best);
                let (p, c) = (
                    self.money(sum.printed, decimals_ulp),
                    self.money(sum.computed, decimals_ulp),
                );
                let message = if sum.outcome == SumOutcome::Mismatch {
                    format!(
                        "\"{}\": the total column says {p} but its year figures ({first} to {last}) add up to {c}.",
                        row.label
                    )
                } else {
                    format!(
                        "\"{}\": the total column says {p}; its year figures ({first} to {last}) add up to {c}, within the rounding of the printed figures.",
                        row.label
                    )
                };
                self.warn(r, total_col, sum.outcome, message);
            }
        }
    }

    fn across(&self, r: usize, total_col: usize, cols: &[usize]) -> Option<ColumnSum> {
        let row = &self.rows[r];
        let Part::Num {
            micro: printed,
            ulp,
        } = row.cells[total_col]
        else {
            return None;
        };
        let mut computed: Micro = 0;
        let mut tolerance2 = ulp;
        for &c in cols {
            match row.cells[c] {
                Part::Nothing => {}
                Part::Num { micro, ulp } => {
                    computed = computed.saturating_add(micro);
                    tolerance2 = tolerance2.saturating_add(ulp);
                }
                Part::Unknown => return None,
            }
        }
        Some(ColumnSum {
            printed,
            computed,
            outcome: outcome(printed, computed, tolerance2),
        })
    }

    fn min_ulp_across(&self, r: usize, total_col: usize, cols: &[usize]) -> Micro {
        std::iter::once(total_col)
            .chain(cols.iter().copied())
            .filter_map(|c| match self.rows[r].cells[c] {
                Part::Num { ulp, .. } => Some(ulp),
                _ => None,
            })
            .min()
            .unwrap_or(1)
    }

    // ----- down ---------------------------------------------------------------------------

    fn evaluate(&mut self, t: usize, parts: &[usize]) -> Option<Evaluation> {
        if !self.spend(
            parts
                .len()
                .saturating_add(1)
                .saturating_mul(self.columns.len()),
        ) {
            return None;
        }
        let row = &self.rows[t];
        let columns = (0..self.columns.len())
            .map(|c| {
                let Part::Num {
                    micro: printed,
                    ulp,
                } = row.cells[c]
                else {
                    return None;
                };
                let mut computed: Micro = 0;
                let mut tolerance2 = ulp;
                for &p in parts {
                    match self.rows[p].cells[c] {
                        Part::Nothing => {}
                        Part::Num { micro, ulp } => {
                            computed = computed.saturating_add(micro);
                            tolerance2 = tolerance2.saturating_add(ulp);
                        }
                        Part::Unknown => return None,
                    }
                }
                Some(ColumnSum {
                    printed,
                    computed,
                    outcome: outcome(printed, computed, tolerance2),
                })
            })
            .collect();
        Some(Evaluation { columns })
    }

    fn check_down(&mut self) {
        let n = self.rows.len();
        // Runs of consecutive detail rows and of consecutive total rows.
        let mut runs: Vec<(bool, usize, usize)> = Vec::new();
        for r in 0..n {
            let t = self.rows[r].is_total;
            match runs.last_mut() {
                Some((kind, _, end)) if *kind == t => *end = r + 1,
                _ => runs.push((t, r, r + 1)),
            }
        }
        let mut grand_start = 0; // rows before this belong to an earlier grand total
        for ri in 0..runs.len() {
            let (is_total, start, end) = runs[ri];
            if !is_total {
                continue;
            }
            let block: Vec<usize> = if ri > 0 {
                let (_, s, e) = runs[ri - 1];
                (s.max(grand_start)..e).collect()
            } else {
                match runs.get(1) {
                    // Totals printed first: they sum the rows below them.
                    Some(&(false, s, e)) => (s..e).collect(),
                    _ => Vec::new(),
                }
            };
            let totals: Vec<usize> = (start..end).collect();
            self.settle_run(&totals, &block, grand_start);
            if self.out_of_budget {
                return;
            }
            for &t in &totals {
                if let Some(Resolution::Fits(r) | Resolution::Reported(r)) = &self.resolved[t] {
                    if matches!(r.basis, PartsBasis::AllRowsAbove | PartsBasis::GroupTotals) {
                        grand_start = t + 1;
                    }
                }
            }
        }
        self.explain_grand_totals();
    }

    /// Readings for total `t` in the first pass: its label and its block.
    fn first_readings(&self, t: usize, block: &[usize], run_len: usize) -> Vec<Reading> {
        let mut out = Vec::new();
        let cue = self.cue_rows(t, block);
        if !cue.is_empty() {
            out.push(Reading {
                basis: PartsBasis::Label,
                rows: cue,
                strong: true,
            });
        }
        if !block.is_empty() && out.iter().all(|r| r.rows != block) {
            out.push(Reading {
                basis: PartsBasis::Block,
                rows: block.to_vec(),
                strong: run_len == 1,
            });
        }
        out
    }

    /// Rows among `scope` whose labels carry every qualifying word of total `t`'s label.
    fn cue_rows(&self, t: usize, scope: &[usize]) -> Vec<usize> {
        let q = qualifier(&self.rows[t].label);
        if q.is_empty() {
            return Vec::new();
        }
        scope
            .iter()
            .copied()
            .filter(|&r| {
                q.iter()
                    .all(|w| self.rows[r].stems.binary_search(w).is_ok())
            })
            .collect()
    }

    fn settle_run(&mut self, totals: &[usize], block: &[usize], grand_start: usize) {
        for &t in totals {
            self.scope_start[t] = grand_start;
        }
        let mut candidates: Vec<Vec<Reading>> = vec![Vec::new(); totals.len()];
        // Pass 1: label cue and block.
        for (k, &t) in totals.iter().enumerate() {
            for reading in self.first_readings(t, block, totals.len()) {
                let Some(e) = self.evaluate(t, &reading.rows) else {
                    return;
                };
                if e.fits() {
                    self.accept(t, reading, &e);
                    break;
                }
                candidates[k].push(reading);
            }
        }
        // Pass 2: what the siblings left over; grand totals.
        for (k, &t) in totals.iter().enumerate() {
            if self.resolved[t].is_some() {
                continue;
            }
            let mut readings = Vec::new();
            let claimed = self.claimed_by_siblings(totals, t);
            let unresolved = totals
                .iter()
                .filter(|&&s| self.resolved[s].is_none())
                .count();
            if !claimed.is_empty() {
                let rest: Vec<usize> = block
                    .iter()
                    .copied()
                    .filter(|r| !claimed.contains(r))
                    .collect();
                if !rest.is_empty() {
                    readings.push(Reading {
                        basis: PartsBasis::Remainder,
                        rows: rest,
                        strong: unresolved == 1,
                    });
                }
            }
            let above: Vec<usize> = (grand_start..t)
                .filter(|&r| !self.rows[r].is_total)
                .collect();
            let last_or_grand = is_grand(&self.rows[t].label)
                || (t + 1 == self.rows.len() && (grand_start..t).any(|r| self.rows[r].is_total));
            let cue_above = self.cue_rows(t, &above);
            if !cue_above.is_empty() && candidates[k].iter().all(|c| c.rows != cue_above) {
                readings.push(Reading {
                    basis: PartsBasis::Label,
                    rows: cue_above,
                    strong: true,
                });
            }
            if !above.is_empty() && above != block {
                readings.push(Reading {
                    basis: PartsBasis::AllRowsAbove,
                    rows: above,
                    strong: last_or_grand,
                });
            }
            let groups = self.group_items(grand_start, t);
            if groups.iter().any(|&r| self.rows[r].is_total) {
                readings.push(Reading {
                    basis: PartsBasis::GroupTotals,
                    rows: groups,
                    strong: last_or_grand,
                });
            }
            for reading in readings {
                let Some(e) = self.evaluate(t, &reading.rows) else {
                    return;
                };
                if e.fits() {
                    self.accept(t, reading, &e);
                    break;
                }
                candidates[k].push(reading);
            }
        }
        // Pass 3: the only combination of rows in the block that fits every column.
        for &t in totals {
            if self.resolved[t].is_some() {
                continue;
            }
            let claimed = self.claimed_by_siblings(totals, t);
            let scope: Vec<usize> = block
                .iter()
                .copied()
                .filter(|r| !claimed.contains(r))
                .collect();
            match self.search(t, &scope) {
                Some(Ok(rows)) => {
                    let reading = Reading {
                        basis: PartsBasis::Search,
                        rows,
                        strong: true,
                    };
                    if let Some(e) = self.evaluate(t, &reading.rows) {
                        self.accept(t, reading, &e);
                    }
                }
                Some(Err(())) => {
                    self.resolved[t] = Some(Resolution::Unknown);
                    let message = format!(
                        "Could not tell which rows \"{}\" adds up: more than one combination of rows matches it, so it was not checked.",
                        self.rows[t].label
                    );
                    self.out
                        .warnings
                        .push(Warning::note(None, message, self.row_span(t)));
                }
                None => {}
            }
        }
        // Pass 4: report against the clearest reading. Earlier totals of the run are settled
        // by now, so a grand total's group totals are read again first.
        for (k, &t) in totals.iter().enumerate() {
            if self.resolved[t].is_some() {
                continue;
            }
            if let Some(pos) = candidates[k]
                .iter()
                .position(|c| c.basis == PartsBasis::GroupTotals)
            {
                candidates[k][pos].rows = self.group_items(grand_start, t);
                let Some(e) = self.evaluate(t, &candidates[k][pos].rows) else {
                    return;
                };
                if e.fits() {
                    let reading = candidates[k][pos].clone();
                    self.accept(t, reading, &e);
                    continue;
                }
            }
            let mut best: Option<(usize, usize, Evaluation)> = None; // (score, index, eval)
            let mut unreadable: Option<usize> = None; // a clear reading with nothing checkable
            for (i, reading) in candidates[k].iter().enumerate() {
                if !reading.strong {
                    continue;
                }
                let Some(e) = self.evaluate(t, &reading.rows) else {
                    return;
                };
                if e.checked() == 0 {
                    unreadable = unreadable.or(Some(i));
                } else if best.as_ref().is_none_or(|(s, _, _)| e.score() > *s) {
                    best = Some((e.score(), i, e));
                }
            }
            match (best, unreadable) {
                (Some((_, i, e)), _) => {
                    let reading = candidates[k][i].clone();
                    self.report(t, reading, &e);
                }
                (None, Some(i)) => {
                    let reading = candidates[k][i].clone();
                    self.out.parts[t] = Some(TotalParts {
                        rows: reading.rows.clone(),
                        basis: reading.basis,
                    });
                    self.resolved[t] = Some(Resolution::Reported(reading));
                    let message = format!(
                        "\"{}\" could not be checked: some of the figures it adds up could not be read.",
                        self.rows[t].label
                    );
                    self.out
                        .warnings
                        .push(Warning::note(None, message, self.row_span(t)));
                }
                (None, None) => {
                    self.resolved[t] = Some(Resolution::Unknown);
                    if !candidates[k].is_empty() {
                        let message = format!(
                            "Could not tell which rows \"{}\" adds up, so it was not checked.",
                            self.rows[t].label
                        );
                        self.out
                            .warnings
                            .push(Warning::note(None, message, self.row_span(t)));
                    }
                }
            }
        }
    }

    /// Rows claimed by the other totals of the same run that split the block between them
    /// (not by grand totals, which cover everything).
    fn claimed_by_siblings(&self, totals: &[usize], t: usize) -> Vec<usize> {
        totals
            .iter()
            .filter(|&&s| s != t)
            .filter_map(|&s| self.resolved[s].as_ref()?.reading())
            .filter(|r| !matches!(r.basis, PartsBasis::AllRowsAbove | PartsBasis::GroupTotals))
            .flat_map(|r| r.rows.iter().copied())
            .collect()
    }

    /// The top-level items between `from` and `t`: settled totals and the rows no total claims.
    fn group_items(&self, from: usize, t: usize) -> Vec<usize> {
        let mut claimed = vec![false; t];
        for r in from..t {
            if let Some(reading) = self.resolved[r].as_ref().and_then(Resolution::reading) {
                for &p in &reading.rows {
                    if p < t {
                        claimed[p] = true;
                    }
                }
            }
        }
        (from..t)
            .filter(|&r| !claimed[r])
            .filter(|&r| {
                !self.rows[r].is_total
                    || self.resolved[r]
                        .as_ref()
                        .and_then(Resolution::reading)
                        .is_some()
            })
            .collect()
    }

    /// Subset search for total `t` over `scope`: `Some(Ok(rows))` for a unique fit,
    /// `Some(Err(()))` when several fit, `None` when nothing fits or no search was possible.
    fn search(&mut self, t: usize, scope: &[usize]) -> Option<Result<Vec<usize>, ()>> {
        let row = &self.rows[t];
        // Columns the search can use: the total has a figure and no candidate has words.
        let cols: Vec<usize> = (0..self.columns.len())
            .filter(|&c| matches!(row.cells[c], Part::Num { .. }))
            .filter(|&c| {
                scope
                    .iter()
                    .all(|&r| self.rows[r].cells[c] != Part::Unknown)
            })
            .take(16)
            .collect();
        let micro = |p: Part| match p {
            Part::Num { micro, .. } => micro,
            _ => 0,
        };
        let target: Vec<Micro> = cols.iter().map(|&c| micro(row.cells[c])).collect();
        // Figures beyond any real budget (10^24 pounds) could overflow the search's sums.
        const LIMIT: Micro = 1_000_000_000_000_000_000_000_000_000_000;
        let absurd = |v: Micro| v.saturating_abs() > LIMIT;
        if target.iter().any(|&v| absurd(v))
            || scope
                .iter()
                .any(|&r| cols.iter().any(|&c| absurd(micro(self.rows[r].cells[c]))))
        {
            return None;
        }
        if target.iter().filter(|&&v| v != 0).count() < 2 {
            return None; // one figure is too easy to match by chance
        }
        // Rows with no figures change no sum: leave them out (they would double every answer).
        let candidates: Vec<usize> = scope
            .iter()
            .copied()
            .filter(|&r| cols.iter().any(|&c| micro(self.rows[r].cells[c]) != 0))
            .collect();
        if !self.spend(
            candidates
                .len()
                .saturating_mul(cols.len())
                .saturating_mul(64),
        ) {
            return None;
        }
        let vectors: Vec<Vec<Micro>> = candidates
            .iter()
            .map(|&r| cols.iter().map(|&c| micro(self.rows[r].cells[c])).collect())
            .collect();
        match find_subset(&vectors, &target) {
            Subset::Unique(picked) => Some(Ok(picked.into_iter().map(|i| candidates[i]).collect())),
            Subset::Several => Some(Err(())),
            Subset::None | Subset::GaveUp => None,
        }
    }

    fn accept(&mut self, t: usize, reading: Reading, e: &Evaluation) {
        self.record_down(t, &reading, e);
        self.resolved[t] = Some(Resolution::Fits(reading));
    }

    fn report(&mut self, t: usize, reading: Reading, e: &Evaluation) {
        self.record_down(t, &reading, e);
        self.resolved[t] = Some(Resolution::Reported(reading));
    }

    /// Record a settled total's column sums, with a warning or note for each that is off.
    fn record_down(&mut self, t: usize, reading: &Reading, e: &Evaluation) {
        self.out.parts[t] = Some(TotalParts {
            rows: reading.rows.clone(),
            basis: reading.basis,
        });
        for (c, sum) in e.columns.iter().enumerate() {
            let Some(sum) = *sum else { continue };
            self.record(t, c, SumDirection::Down, reading.rows.clone(), sum);
            if sum.outcome == SumOutcome::Exact {
                continue;
            }
            let ulp = self.min_ulp_down(t, c, &reading.rows);
            let (p, s) = (self.money(sum.printed, ulp), self.money(sum.computed, ulp));
            let what = self.parts_phrase(reading);
            let message = if sum.outcome == SumOutcome::Mismatch {
                format!(
                    "\"{}\", {}: printed {p}, but {what} add up to {s}.",
                    self.rows[t].label, self.columns[c].name
                )
            } else {
                format!(
                    "\"{}\", {}: printed {p}; {what} add up to {s}, within the rounding of the printed figures.",
                    self.rows[t].label, self.columns[c].name
                )
            };
            self.warn(t, c, sum.outcome, message);
        }
    }

    fn parts_phrase(&self, reading: &Reading) -> String {
        let n = reading.rows.len();
        let names: Vec<&str> = reading
            .rows
            .iter()
            .take(4)
            .map(|&r| self.rows[r].label.as_str())
            .collect();
        let more = if n > 4 { "; ..." } else { "" };
        let noun = match reading.basis {
            PartsBasis::GroupTotals => "the group totals above it",
            PartsBasis::AllRowsAbove => "all the rows above it",
            _ if n == 1 => "the row it totals",
            _ => "the rows it totals",
        };
        format!("{noun} ({}{more})", names.join("; "))
    }

    fn min_ulp_down(&self, t: usize, c: usize, parts: &[usize]) -> Micro {
        std::iter::once(t)
            .chain(parts.iter().copied())
            .filter_map(|r| match self.rows[r].cells[c] {
                Part::Num { ulp, .. } => Some(ulp),
                _ => None,
            })
            .min()
            .unwrap_or(1)
    }

    /// For each grand total, compare it both with all the rows and with the group totals; where
    /// the two disagree, name the group totals whose own errors explain the difference. A grand
    /// total that matches the rows is right (a note); one that matches only the group totals has
    /// inherited their error (a warning).
    fn explain_grand_totals(&mut self) {
        for g in 0..self.rows.len() {
            let Some(Resolution::Fits(reading) | Resolution::Reported(reading)) =
                self.resolved[g].clone()
            else {
                continue;
            };
            if !matches!(
                reading.basis,
                PartsBasis::AllRowsAbove | PartsBasis::GroupTotals
            ) {
                continue;
            }
            let from = self.scope_start[g];
            let detail: Vec<usize> = (from..g).filter(|&r| !self.rows[r].is_total).collect();
            let groups = if reading.basis == PartsBasis::GroupTotals {
                reading.rows.clone()
            } else {
                self.group_items(from, g)
            };
            if !groups.iter().any(|&r| self.rows[r].is_total) {
                continue;
            }
            let Some(by_rows) = self.evaluate(g, &detail) else {
                return;
            };
            let Some(by_groups) = self.evaluate(g, &groups) else {
                return;
            };
            for c in 0..self.columns.len() {
                let (Some(rows_sum), Some(groups_sum)) = (by_rows.columns[c], by_groups.columns[c])
                else {
                    continue;
                };
                let rows_ok = rows_sum.outcome != SumOutcome::Mismatch;
                let groups_ok = groups_sum.outcome != SumOutcome::Mismatch;
                if rows_ok == groups_ok {
                    continue; // agrees with both, or with neither (already reported)
                }
                let blame = self.blame(&groups, c);
                let ulp = self.min_ulp_down(g, c, &groups);
                let label = &self.rows[g].label;
                let col = &self.columns[c].name;
                let p = self.money(rows_sum.printed, ulp);
                let rs = self.money(rows_sum.computed, ulp);
                let gs = self.money(groups_sum.computed, ulp);
                let field = Some(self.field(g, c));
                let span = self.rows[g].spans[c];
                let agrees = if rows_sum.outcome == SumOutcome::Exact {
                    "agrees"
                } else {
                    "agrees, within rounding,"
                };
                let warning = if rows_ok {
                    Warning::note(
                        field,
                        format!(
                            "\"{label}\", {col}: printed {p} {agrees} with the rows ({rs}) but not with the group totals, which add up to {gs}, because {blame}."
                        ),
                        span,
                    )
                } else {
                    Warning::new(
                        field,
                        format!(
                            "\"{label}\", {col}: printed {p} agrees with the group totals but the rows themselves add up to {rs}, because {blame}."
                        ),
                        span,
                    )
                };
                self.out.warnings.push(warning);
            }
        }
    }

    /// "\"X Total\" is off by £0.009m": the group totals among `groups` whose own check failed
    /// in column `c`.
    fn blame(&self, groups: &[usize], c: usize) -> String {
        let culprits: Vec<String> = self
            .out
            .sums
            .iter()
            .filter(|s| {
                s.column == c
                    && s.direction == SumDirection::Down
                    && s.outcome == SumOutcome::Mismatch
                    && groups.contains(&s.row)
            })
            .filter_map(|s| match self.rows[s.row].cells[c] {
                Part::Num { micro, ulp } => Some(format!(
                    "\"{}\" is off by {}",
                    self.rows[s.row].label,
                    self.money(micro.saturating_sub(self.computed_of(s)), ulp)
                )),
                _ => None,
            })
            .collect();
        if culprits.is_empty() {
            "no single group total explains the difference".to_string()
        } else {
            culprits.join(" and ")
        }
    }

    fn computed_of(&self, s: &SumCheck) -> Micro {
        s.parts
            .iter()
            .map(|&p| match self.rows[p].cells[s.column] {
                Part::Num { micro, .. } => micro,
                _ => 0,
            })
            .fold(0, Micro::saturating_add)
    }

    // ----- output -------------------------------------------------------------------------

    fn record(
        &mut self,
        r: usize,
        c: usize,
        direction: SumDirection,
        parts: Vec<usize>,
        sum: ColumnSum,
    ) {
        let per_unit = self.unit.factor() * 1e6;
        self.out.sums.push(SumCheck {
            row: r,
            column: c,
            direction,
            printed: sum.printed as f64 / per_unit,
            computed: sum.computed as f64 / per_unit,
            parts,
            outcome: sum.outcome,
        });
    }

    fn warn(&mut self, r: usize, c: usize, outcome: SumOutcome, message: String) {
        let field = Some(self.field(r, c));
        let span = self.rows[r].spans[c];
        self.out.warnings.push(match outcome {
            SumOutcome::Mismatch => Warning::new(field, message, span),
            _ => Warning {
                level: Level::Note,
                ..Warning::new(field, message, span)
            },
        });
    }

    fn field(&self, r: usize, c: usize) -> String {
        format!("rows[{r}].{}", self.columns[c].field)
    }

    fn row_span(&self, r: usize) -> Option<Span> {
        self.rows[r]
            .spans
            .iter()
            .flatten()
            .copied()
            .reduce(Span::join)
    }

    /// A sum in the table's unit, printed to the precision of `ulp`: "£0.009m", "£4,461,116".
    fn money(&self, micro: Micro, ulp: Micro) -> String {
        format_money(micro, ulp, self.unit)
    }
}

/// `micro` micro-pounds written in `unit` with as many decimals as `ulp` (a unit of the last
/// printed digit) needs: "£0.009m", "£4,461,116", "-£1,234k".
pub(crate) fn format_money(micro: Micro, ulp: Micro, unit: MoneyUnit) -> String {
    let per_unit: Micro = match unit {
        MoneyUnit::Pounds => 1_000_000,
        MoneyUnit::Thousands => 1_000_000_000,
        MoneyUnit::Millions => 1_000_000_000_000,
        MoneyUnit::Billions => 1_000_000_000_000_000,
    };
    let mut decimals = 0u32;
    while decimals < 9 && per_unit / 10i128.pow(decimals) > ulp.max(1) {
        decimals += 1;
    }
    let scale = 10i128.pow(decimals);
    let scaled = micro
        .saturating_mul(scale)
        .saturating_add(micro.signum() * per_unit / 2)
        / per_unit;
    let negative = scaled < 0;
    let abs = scaled.unsigned_abs();
    let int_part = abs / scale as u128;
    let frac = abs % scale as u128;
    let digits = int_part.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let number = if decimals > 0 {
        format!("{grouped}.{frac:0width$}", width = decimals as usize)
    } else {
        grouped
    };
    let suffix = match unit {
        MoneyUnit::Pounds => "",
        MoneyUnit::Thousands => "k",
        MoneyUnit::Millions => "m",
        MoneyUnit::Billions => "bn",
    };
    format!("{}£{number}{suffix}", if negative { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_written_to_the_printed_precision() {
        let m = 1_000_000_000_000; // micro-pounds in £1m
        assert_eq!(
            format_money(9 * m / 1000, m / 1000, MoneyUnit::Millions),
            "£0.009m"
        );
        assert_eq!(format_money(0, m / 1000, MoneyUnit::Millions), "£0.000m");
        assert_eq!(
            format_money(4_461_116_000_000, 1_000_000, MoneyUnit::Pounds),
            "£4,461,116"
        );
        assert_eq!(
            format_money(-1_234_000_000_000, 1_000_000_000, MoneyUnit::Thousands),
            "-£1,234k"
        );
    }

    #[test]
    fn rounding_tolerance_is_half_a_unit_per_figure() {
        // three terms and a total at 3 decimals: 2|d| < 4 units
        assert_eq!(outcome(1977, 1978, 4), SumOutcome::WithinRounding);
        assert_eq!(outcome(1977, 1979, 4), SumOutcome::Mismatch);
        assert_eq!(outcome(5, 5, 2), SumOutcome::Exact);
        // one term: the total must equal it
        assert_eq!(outcome(5, 6, 2), SumOutcome::Mismatch);
    }
}
