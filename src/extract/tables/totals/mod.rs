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
use crate::model::{
    Level, MoneyUnit, PartsBasis, Span, SumCheck, SumDirection, SumOutcome, TotalParts, Warning,
};

mod across;
mod down;
mod grand;
mod money_text;

use money_text::format_money;

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
    pub(super) fn spend(&mut self, n: usize) -> bool {
        self.work = self.work.saturating_add(n);
        if self.work > WORK_BUDGET {
            self.out_of_budget = true;
            false
        } else {
            true
        }
    }

    pub(super) fn evaluate(&mut self, t: usize, parts: &[usize]) -> Option<Evaluation> {
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

    pub(super) fn record(
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

    pub(super) fn warn(&mut self, r: usize, c: usize, outcome: SumOutcome, message: String) {
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

    pub(super) fn field(&self, r: usize, c: usize) -> String {
        format!("rows[{r}].{}", self.columns[c].field)
    }

    pub(super) fn row_span(&self, r: usize) -> Option<Span> {
        self.rows[r]
            .spans
            .iter()
            .flatten()
            .copied()
            .reduce(Span::join)
    }

    /// A sum in the table's unit, printed to the precision of `ulp`: "£0.009m", "£4,461,116".
    pub(super) fn money(&self, micro: Micro, ulp: Micro) -> String {
        format_money(micro, ulp, self.unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
