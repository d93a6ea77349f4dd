//! Summary statistics of a peer group and one value's position in it. Pure arithmetic, no data.
//!
//! Definitions (also stated in `data/README.md`):
//! - **Quartiles and median** use linear interpolation between order statistics: for sorted
//!   values `x[0..n]` and probability `p`, `h = (n-1)p`, `q = x[⌊h⌋] + (h-⌊h⌋)(x[⌊h⌋+1]-x[⌊h⌋])`.
//!   This is Excel's `QUARTILE.INC`/`PERCENTILE.INC`, R's default (type 7) and NumPy's default,
//!   so a reader can reproduce every figure in a spreadsheet.
//! - **Rank** is competition ranking among the subject and its peers, 1 = highest score:
//!   `1 + (peers scoring strictly higher)`; tied peers share the rank.
//! - **Percentile** is the percentage of peers scoring lower, ties counted as half:
//!   `100 × (below + ½ tied) / peers` (the "mean" percentile rank, e.g. SciPy's
//!   `percentileofscore(kind="mean")`). It is undefined with no peers.
//!
//! Scores are compared with a tolerance of 1e-9, so that two pillar means computed from
//! different one-decimal scores that are equal in exact arithmetic count as ties.

/// Values closer than this are ties.
pub const TIE_TOLERANCE: f64 = 1e-9;

/// Five-number summary (plus mean) of a group's values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Distribution {
    pub n: usize,
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
    pub mean: f64,
}

/// Where one value sits among its peers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Position {
    pub value: f64,
    /// 1 = highest; tied values share a rank.
    pub rank: usize,
    /// Subject plus peers: "rank 12 of 134".
    pub out_of: usize,
    pub peers_above: usize,
    pub peers_tied: usize,
    pub peers_below: usize,
    /// 0–100: share of peers scoring lower, ties counted as half.
    pub percentile: f64,
}

/// The `p`-quantile (0 ≤ p ≤ 1) of ascending `sorted` values by linear interpolation (Excel
/// `PERCENTILE.INC`). `None` for no values.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// Summary of `values` (non-finite values are ignored); `None` if none remain.
pub fn distribution(values: &[f64]) -> Option<Distribution> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(Distribution {
        n: v.len(),
        min: v[0],
        q1: quantile_sorted(&v, 0.25)?,
        median: quantile_sorted(&v, 0.5)?,
        q3: quantile_sorted(&v, 0.75)?,
        max: v[v.len() - 1],
        mean: v.iter().sum::<f64>() / v.len() as f64,
    })
}

/// Where `value` sits among `peers` (see the module notes); `None` when there are no peers or
/// the value is not a number.
pub fn position(value: f64, peers: &[f64]) -> Option<Position> {
    if !value.is_finite() {
        return None;
    }
    let peers: Vec<f64> = peers.iter().copied().filter(|x| x.is_finite()).collect();
    if peers.is_empty() {
        return None;
    }
    let above = peers.iter().filter(|p| **p > value + TIE_TOLERANCE).count();
    let below = peers.iter().filter(|p| **p < value - TIE_TOLERANCE).count();
    let tied = peers.len() - above - below;
    Some(Position {
        value,
        rank: 1 + above,
        out_of: peers.len() + 1,
        peers_above: above,
        peers_tied: tied,
        peers_below: below,
        percentile: 100.0 * (below as f64 + 0.5 * tied as f64) / peers.len() as f64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_match_excel_quartile_inc() {
        // Excel: QUARTILE.INC({1,2,3,4,5,6,7,8,9,10}, 1) = 3.25, 2 → 5.5, 3 → 7.75
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        let d = distribution(&v).unwrap();
        assert_eq!(
            (d.min, d.q1, d.median, d.q3, d.max),
            (1.0, 3.25, 5.5, 7.75, 10.0)
        );
        assert_eq!(d.mean, 5.5);
        // Odd count: the median is the middle value.
        let d = distribution(&[3.0, 1.0, 2.0]).unwrap();
        assert_eq!((d.q1, d.median, d.q3), (1.5, 2.0, 2.5));
        let one = distribution(&[2.4]).unwrap();
        assert_eq!((one.n, one.q1, one.median, one.q3), (1, 2.4, 2.4, 2.4));
        assert_eq!(distribution(&[]), None);
        assert_eq!(distribution(&[f64::NAN]), None);
    }

    #[test]
    fn rank_and_percentile_count_ties_fairly() {
        let peers = [1.0, 2.0, 2.0, 3.0];
        let p = position(2.0, &peers).unwrap();
        assert_eq!((p.rank, p.out_of), (2, 5));
        assert_eq!((p.peers_above, p.peers_tied, p.peers_below), (1, 2, 1));
        assert_eq!(p.percentile, 50.0);
        let top = position(3.5, &peers).unwrap();
        assert_eq!((top.rank, top.percentile), (1, 100.0));
        let bottom = position(0.5, &peers).unwrap();
        assert_eq!((bottom.rank, bottom.percentile), (5, 0.0));
        assert_eq!(position(2.0, &[]), None);
    }

    #[test]
    fn means_equal_in_exact_arithmetic_are_ties() {
        let a = (2.3 + 2.0) / 7.0;
        let b = (2.2 + 2.1) / 7.0;
        let p = position(a, &[b]).unwrap();
        assert_eq!(p.peers_tied, 1);
    }
}
