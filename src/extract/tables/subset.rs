//! Bounded exact subset search: which rows of a block add up to a total in every column at once?
//!
//! Used for sub-totals whose labels do not say which rows they cover. It only ever answers with
//! a *unique* exact match: two different combinations that fit mean the table does not tell,
//! and a search that runs out of budget gives up rather than guess.

/// The outcome of a search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Subset {
    /// Exactly one combination fits (indices into the candidate list, ascending).
    Unique(Vec<usize>),
    /// More than one combination fits.
    Several,
    None,
    /// Too many candidates or too much work: no answer.
    GaveUp,
}

/// Most candidate rows searched at all.
pub(crate) const MAX_CANDIDATES: usize = 40;
/// Most search steps (each step is one include/exclude decision).
pub(crate) const MAX_STEPS: usize = 200_000;

/// Find the subsets of `rows` (each a vector of column values) whose column sums equal
/// `target` exactly.
pub(crate) fn find_subset(rows: &[Vec<i128>], target: &[i128]) -> Subset {
    if rows.len() > MAX_CANDIDATES || rows.iter().any(|r| r.len() != target.len()) {
        return Subset::GaveUp;
    }
    let n = rows.len();
    let m = target.len();
    // Reachable range of the sums of rows i.. in each column, for pruning.
    let mut hi = vec![vec![0i128; m]; n + 1];
    let mut lo = vec![vec![0i128; m]; n + 1];
    for i in (0..n).rev() {
        for c in 0..m {
            let v = rows[i][c];
            hi[i][c] = hi[i + 1][c].saturating_add(v.max(0));
            lo[i][c] = lo[i + 1][c].saturating_add(v.min(0));
        }
    }
    let mut search = Search {
        rows,
        hi: &hi,
        lo: &lo,
        need: target.to_vec(),
        chosen: Vec::new(),
        found: Vec::new(),
        steps: 0,
    };
    if !search.run(0) {
        return Subset::GaveUp;
    }
    match search.found.len() {
        0 => Subset::None,
        1 => Subset::Unique(search.found.pop().unwrap_or_default()),
        _ => Subset::Several,
    }
}

struct Search<'a> {
    rows: &'a [Vec<i128>],
    hi: &'a [Vec<i128>],
    lo: &'a [Vec<i128>],
    need: Vec<i128>,
    chosen: Vec<usize>,
    found: Vec<Vec<usize>>,
    steps: usize,
}

impl Search<'_> {
    /// Depth-first over rows `i..`; false when the step budget ran out.
    fn run(&mut self, i: usize) -> bool {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return false;
        }
        let reachable = self
            .need
            .iter()
            .enumerate()
            .all(|(c, &need)| self.lo[i][c] <= need && need <= self.hi[i][c]);
        if !reachable {
            return true;
        }
        if i == self.rows.len() {
            if self.need.iter().all(|&v| v == 0) {
                self.found.push(self.chosen.clone());
            }
            return true;
        }
        // Take row i.
        for (c, v) in self.rows[i].iter().enumerate() {
            self.need[c] -= v;
        }
        self.chosen.push(i);
        let ok = self.run(i + 1);
        self.chosen.pop();
        for (c, v) in self.rows[i].iter().enumerate() {
            self.need[c] += v;
        }
        if !ok || self.found.len() > 1 {
            return ok;
        }
        // Leave row i.
        self.run(i + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_one_combination_that_fits_every_column() {
        let rows = vec![
            vec![10, 0, 0],
            vec![5, 5, 5],
            vec![0, 20, 13],
            vec![7, 7, 7],
        ];
        assert_eq!(
            find_subset(&rows, &[15, 25, 18]),
            Subset::Unique(vec![0, 1, 2])
        );
        assert_eq!(find_subset(&rows, &[1, 1, 1]), Subset::None);
    }

    #[test]
    fn refuses_when_two_combinations_fit() {
        let rows = vec![vec![1, 2], vec![3, 4], vec![3, 4]];
        assert_eq!(find_subset(&rows, &[4, 6]), Subset::Several);
    }

    #[test]
    fn gives_up_on_too_many_rows_or_too_much_work() {
        let rows = vec![vec![1]; MAX_CANDIDATES + 1];
        assert_eq!(find_subset(&rows, &[3]), Subset::GaveUp);
        // 40 rows of distinct powers would be fast; 40 equal-ish rows explode without pruning.
        let rows: Vec<Vec<i128>> = (0..40).map(|i| vec![1_000 + (i % 3)]).collect();
        assert!(matches!(
            find_subset(&rows, &[20_010]),
            Subset::GaveUp | Subset::Several
        ));
    }
}
