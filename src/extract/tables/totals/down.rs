//! The down check: which rows each total or sub-total row covers (label cue, block, remainder,
//! all rows above, group totals, then a bounded subset search), and its column sums.

use super::{Ctx, Evaluation, Part, Reading, Resolution};
use crate::extract::tables::cell::Micro;
use crate::extract::tables::labels::{is_grand, qualifier};
use crate::extract::tables::subset::{find_subset, Subset};
use crate::model::{PartsBasis, SumDirection, SumOutcome, TotalParts, Warning};

impl Ctx<'_> {
    pub(super) fn check_down(&mut self) {
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
        // A table that opens with a total prints each total before the rows it sums.
        let totals_first = runs.first().is_some_and(|r| r.0);
        let mut grand_start = 0; // rows before this belong to an earlier grand total
        for ri in 0..runs.len() {
            let (is_total, start, end) = runs[ri];
            if !is_total {
                continue;
            }
            let block: Vec<usize> = if totals_first {
                match runs.get(ri + 1) {
                    Some(&(false, s, e)) => (s..e).collect(),
                    _ => Vec::new(),
                }
            } else if ri > 0 {
                let (_, s, e) = runs[ri - 1];
                (s.max(grand_start)..e).collect()
            } else {
                Vec::new()
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
    pub(super) fn group_items(&self, from: usize, t: usize) -> Vec<usize> {
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

    pub(super) fn min_ulp_down(&self, t: usize, c: usize, parts: &[usize]) -> Micro {
        std::iter::once(t)
            .chain(parts.iter().copied())
            .filter_map(|r| match self.rows[r].cells[c] {
                Part::Num { ulp, .. } => Some(ulp),
                _ => None,
            })
            .min()
            .unwrap_or(1)
    }
}
