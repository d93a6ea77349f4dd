//! How alike two organisation names are: a weighted Dice coefficient over their core tokens,
//! where rare tokens ("DUDLEY") weigh more than common ones ("HOSPITAL", "UNIVERSITY"), and a
//! token may match a misspelling (one or two edits) or, when the query word is not a known word
//! at all, a truncation ("ROY" for "ROYAL").
//!
//! Used both by the import (to tie workbook names to ODS names) and by the matcher.

use super::normalise::{within_edits, NameKey};
use std::collections::HashMap;

/// Credit for a token matched with one or two edits.
const MISSPELLING_CREDIT: f64 = 0.85;
/// Credit for an unknown query word that is a prefix of a name word ("UNIV" → "UNIVERSITY" is
/// handled by normalisation; this covers the rest).
const PREFIX_CREDIT: f64 = 0.7;

/// Inverse document frequency of each core token over a set of names.
#[derive(Debug, Clone, Default)]
pub struct TokenWeights {
    df: HashMap<String, usize>,
    n: usize,
}

impl TokenWeights {
    /// Count, for every token, in how many of `keys` it appears.
    pub fn from_keys<'a>(keys: impl IntoIterator<Item = &'a NameKey>) -> TokenWeights {
        let mut w = TokenWeights::default();
        for k in keys {
            w.n += 1;
            for t in &k.core {
                *w.df.entry(t.clone()).or_insert(0) += 1;
            }
        }
        w
    }

    /// `ln(1 + n/df)`; a token seen in no name weighs as much as the rarest.
    pub fn weight(&self, token: &str) -> f64 {
        let df = self.df.get(token).copied().unwrap_or(1).max(1);
        (1.0 + self.n.max(1) as f64 / df as f64).ln()
    }

    /// True when the token occurs in at least one of the names.
    pub fn is_known(&self, token: &str) -> bool {
        self.df.contains_key(token)
    }
}

/// How well query token `q` stands for name token `a` (0 when not at all).
pub fn token_credit(q: &str, a: &str, q_is_known_word: bool) -> f64 {
    if q == a {
        return 1.0;
    }
    let (lq, la) = (q.chars().count(), a.chars().count());
    if lq >= 5 && la >= 5 && q.chars().next() == a.chars().next() {
        let max_edits = if lq.min(la) >= 9 { 2 } else { 1 };
        if within_edits(q, a, max_edits) {
            return MISSPELLING_CREDIT;
        }
    }
    if !q_is_known_word && lq >= 3 && la > lq && a.starts_with(q) {
        return PREFIX_CREDIT;
    }
    0.0
}

/// Weighted Dice similarity of two names in [0, 1]: twice the weight both share over the total
/// weight of both. Each name token is used at most once.
pub fn weighted_dice(query: &NameKey, name: &NameKey, weights: &TokenWeights) -> f64 {
    dice(query, name, weights, true)
}

/// [`weighted_dice`] counting only identical tokens: for scanning running text, where a
/// misspelling allowance would mostly find accidental near-words (and costs time).
pub fn weighted_dice_exact(query: &NameKey, name: &NameKey, weights: &TokenWeights) -> f64 {
    dice(query, name, weights, false)
}

fn dice(query: &NameKey, name: &NameKey, weights: &TokenWeights, fuzzy: bool) -> f64 {
    let name_total: f64 = name.core.iter().map(|t| weights.weight(t)).sum();
    if query.core.is_empty() || name.core.is_empty() {
        return 0.0;
    }
    let mut used = vec![false; name.core.len()];
    let mut shared = 0.0;
    let mut query_total = 0.0;
    for q in &query.core {
        let known = weights.is_known(q);
        if !fuzzy {
            let hit = (0..name.core.len()).find(|&i| !used[i] && name.core[i] == *q);
            match hit {
                Some(i) => {
                    used[i] = true;
                    let w = weights.weight(q);
                    shared += w;
                    query_total += w;
                }
                None => query_total += weights.weight(q),
            }
            continue;
        }
        let best = name
            .core
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .map(|(i, a)| (i, token_credit(q, a, known)))
            .filter(|(_, c)| *c > 0.0)
            .max_by(|x, y| x.1.total_cmp(&y.1));
        match best {
            Some((i, credit)) => {
                used[i] = true;
                // A matched (possibly misspelt) query word weighs what the name's word weighs.
                let w = weights.weight(&name.core[i]);
                shared += credit * w;
                query_total += w;
            }
            None => query_total += weights.weight(q),
        }
    }
    (2.0 * shared / (query_total + name_total)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::normalise::name_key;

    fn weights() -> TokenWeights {
        let names = [
            "The Dudley Group NHS Foundation Trust",
            "University Hospitals of Leicester NHS Trust",
            "Leicestershire Partnership NHS Trust",
            "University Hospitals Birmingham NHS Foundation Trust",
            "Royal Surrey County Hospital NHS Foundation Trust",
        ];
        let keys: Vec<NameKey> = names.iter().map(|n| name_key(n)).collect();
        TokenWeights::from_keys(keys.iter())
    }

    #[test]
    fn identical_names_score_one_and_disjoint_zero() {
        let w = weights();
        let a = name_key("The Dudley Group NHS Foundation Trust");
        assert_eq!(weighted_dice(&a, &a, &w), 1.0);
        assert_eq!(weighted_dice(&name_key("Wycliffe House"), &a, &w), 0.0);
    }

    #[test]
    fn rare_words_count_more_than_common_ones() {
        let w = weights();
        assert!(w.weight("LEICESTER") > w.weight("UNIVERSITY"));
        assert!(w.weight("UNIVERSITY") > w.weight("HOSPITAL"));
        let uhl = name_key("University Hospitals of Leicester NHS Trust");
        let just_place = weighted_dice(&name_key("Leicester"), &uhl, &w);
        let just_common = weighted_dice(&name_key("Hospitals"), &uhl, &w);
        assert!(just_place > just_common, "{just_place} vs {just_common}");
    }

    #[test]
    fn misspellings_and_truncations_get_partial_credit() {
        let w = weights();
        let uhl = name_key("University Hospitals of Leicester NHS Trust");
        let typo = weighted_dice(&name_key("University Hospitals of Liecester"), &uhl, &w);
        assert!(typo > 0.8 && typo < 1.0, "{typo}");
        let rs = name_key("Royal Surrey County Hospital NHS Foundation Trust");
        let short = weighted_dice(&name_key("Roy Surrey County Hospital"), &rs, &w);
        assert!(short > 0.8 && short < 1.0, "{short}");
        let exact = weighted_dice_exact(&name_key("Roy Surrey County Hospital"), &rs, &w);
        assert!(exact < short, "{exact}");
    }
}
