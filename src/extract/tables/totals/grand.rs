//! Grand totals checked both ways, against all the rows and against the group totals, with the
//! group totals whose own errors explain a difference named.

use super::{Ctx, Part, Resolution};
use crate::extract::tables::cell::Micro;
use crate::model::{PartsBasis, SumCheck, SumDirection, SumOutcome, Warning};

impl Ctx<'_> {
    /// For each grand total, compare it both with all the rows and with the group totals; where
    /// the two disagree, name the group totals whose own errors explain the difference. A grand
    /// total that matches the rows is right (a note); one that matches only the group totals has
    /// inherited their error (a warning).
    pub(super) fn explain_grand_totals(&mut self) {
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
}
