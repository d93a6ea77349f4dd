//! The across check: each row's total column against its year columns (usually all of them;
//! a shorter run of years when that fits more rows, as for a "3 year total" beside an earlier
//! actuals year).

use super::outcome;
use super::{ColumnSum, Ctx, Part};
use crate::extract::tables::cell::Micro;
use crate::model::{SumDirection, SumOutcome};

impl Ctx<'_> {
    pub(super) fn check_across(&mut self) {
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
}
