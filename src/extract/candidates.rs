//! Extractors *propose*, this module *decides*.
//!
//! Every rule that reads a figure (a table row, a prose sentence, a grid cell) adds a
//! [`Candidate`] for a [`Field`]; a rule that sees something it cannot read safely (two numbers
//! on one pillar row) adds an [`Ambiguity`]. [`resolve`] then keeps a field's value only when
//! every candidate agrees (within the precision printed: "£13.1m" and "£13,107,000" agree, and
//! the more precise one wins) and nothing made it ambiguous. Otherwise the field is left empty
//! and a warning says what was seen and where. A wrong number is worse than a missing one.

use crate::model::{Confidence, FinYear, Level, Pillar, SpendCategory};
use std::collections::BTreeMap;

/// A field of the contract that holds a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    SpendTotal(FinYear),
    SpendPart(FinYear, SpendCategory),
    Overall,
    Pillar(Pillar),
    Emram,
    Infram,
}

impl Field {
    /// Plain-English name for messages.
    pub fn describe(self) -> String {
        match self {
            Field::SpendTotal(y) => format!("IT spend {y} total"),
            Field::SpendPart(y, c) => format!("IT spend {y} {}", c.label().to_lowercase()),
            Field::Overall => "overall DMA score".into(),
            Field::Pillar(p) => format!("DMA pillar \"{}\"", p.label()),
            Field::Emram => "HIMSS EMRAM stage".into(),
            Field::Infram => "HIMSS INFRAM stage".into(),
        }
    }

    pub fn year(self) -> Option<FinYear> {
        match self {
            Field::SpendTotal(y) | Field::SpendPart(y, _) => Some(y),
            _ => None,
        }
    }
}

/// One reading of a field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    pub field: Field,
    pub value: f64,
    /// Cleaned-text range of the evidence (the printed figure).
    pub start: usize,
    pub end: usize,
    /// Half of this is how far the true value may be from `value` given how it was printed
    /// (1 for "£13,107,000", 100 000 for "£13.1m", 0.1 for "3.1").
    pub precision: f64,
    pub confidence: Confidence,
}

/// A place where a field could not be read safely.
#[derive(Clone, Debug, PartialEq)]
pub struct Ambiguity {
    pub field: Field,
    pub message: String,
    pub start: usize,
    pub end: usize,
}

/// The value kept for a field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Chosen {
    pub value: f64,
    pub start: usize,
    pub end: usize,
    pub confidence: Confidence,
}

/// A field left empty, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    pub field: Field,
    pub message: String,
    pub start: usize,
    pub end: usize,
}

/// Something to tell the reader that is not tied to a kept value: a figure seen but not used,
/// a VAT remark, a sanity check that failed. Ranges are in cleaned text.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub level: Level,
    pub field: Option<Field>,
    pub message: String,
    pub range: Option<(usize, usize)>,
}

#[derive(Clone, Debug, Default)]
pub struct Candidates {
    pub list: Vec<Candidate>,
    pub ambiguities: Vec<Ambiguity>,
    pub notes: Vec<Note>,
    /// (field, start, end) of every candidate, so one reading is kept once (in O(1)).
    seen: std::collections::HashSet<(Field, usize, usize)>,
}

impl Candidates {
    pub fn add(&mut self, c: Candidate) {
        if self.seen.insert((c.field, c.start, c.end)) {
            self.list.push(c);
        }
    }

    pub fn ambiguous(
        &mut self,
        field: Field,
        message: impl Into<String>,
        start: usize,
        end: usize,
    ) {
        self.ambiguities.push(Ambiguity {
            field,
            message: message.into(),
            start,
            end,
        });
    }

    /// A warning about something seen at `start..end`.
    pub fn warn(
        &mut self,
        field: Option<Field>,
        message: impl Into<String>,
        start: usize,
        end: usize,
    ) {
        self.notes.push(Note {
            level: Level::Warning,
            field,
            message: message.into(),
            range: Some((start, end)),
        });
    }

    /// A note (worth knowing, not alarming).
    pub fn note(
        &mut self,
        field: Option<Field>,
        message: impl Into<String>,
        start: usize,
        end: usize,
    ) {
        self.notes.push(Note {
            level: Level::Note,
            field,
            message: message.into(),
            range: Some((start, end)),
        });
    }

    /// Fields with at least one candidate or ambiguity.
    pub fn fields(&self) -> Vec<Field> {
        let mut f: Vec<Field> = self
            .list
            .iter()
            .map(|c| c.field)
            .chain(self.ambiguities.iter().map(|a| a.field))
            .collect();
        f.sort();
        f.dedup();
        f
    }
}

/// Decide every field. `quote` renders a candidate's evidence for messages (e.g. `"£13.1m" on
/// line 12`). Linear in the number of candidates.
pub fn resolve(
    cands: &Candidates,
    quote: impl Fn(usize, usize) -> String,
) -> (BTreeMap<Field, Chosen>, Vec<Refusal>) {
    let quote_some = |list: &[&Candidate]| {
        let mut seen: Vec<String> = list.iter().take(4).map(|c| quote(c.start, c.end)).collect();
        if list.len() > 4 {
            seen.push(format!("{} more", list.len() - 4));
        }
        seen
    };
    let mut by_field: BTreeMap<Field, Vec<&Candidate>> = BTreeMap::new();
    for c in &cands.list {
        by_field.entry(c.field).or_default().push(c);
    }
    let mut first_ambiguity: BTreeMap<Field, &Ambiguity> = BTreeMap::new();
    for a in &cands.ambiguities {
        first_ambiguity.entry(a.field).or_insert(a);
    }
    let mut chosen = BTreeMap::new();
    let mut refusals = Vec::new();
    for field in cands.fields() {
        let list: Vec<&Candidate> = by_field.remove(&field).unwrap_or_default();
        if let Some(a) = first_ambiguity.get(&field) {
            let mut message = format!("{}: {}", field.describe(), a.message);
            if !list.is_empty() {
                message.push_str(&format!("; also read {}", quote_some(&list).join(", ")));
            }
            message.push_str("; left empty");
            refusals.push(Refusal {
                field,
                message,
                start: a.start,
                end: a.end,
            });
            continue;
        }
        let Some(first) = list.first() else { continue };
        // Readings agree when one true value could have been printed as each of them: every
        // reading stands for the interval value ± precision/2 and the intervals must share a
        // point ("£13,107,000" and "£13.1m" do; "£14m" does not; "2.6" and "2.7" do not). For
        // intervals on a line, sharing a point pairwise is sharing one point overall.
        let lo = list
            .iter()
            .map(|c| c.value - c.precision / 2.0)
            .fold(f64::NEG_INFINITY, f64::max);
        let hi = list
            .iter()
            .map(|c| c.value + c.precision / 2.0)
            .fold(f64::INFINITY, f64::min);
        let agree = lo < hi - 1e-9 * hi.abs().max(1.0);
        let best = list
            .iter()
            .min_by(|a, b| a.precision.total_cmp(&b.precision))
            .copied()
            .unwrap_or(first);
        if agree {
            // A medium reading confirmed by a second, agreeing reading is high.
            let confidence =
                if list.len() > 1 || list.iter().any(|c| c.confidence == Confidence::High) {
                    Confidence::High
                } else {
                    Confidence::Medium
                };
            chosen.insert(
                field,
                Chosen {
                    value: best.value,
                    start: best.start,
                    end: best.end,
                    confidence,
                },
            );
        } else {
            refusals.push(Refusal {
                field,
                message: format!(
                    "{}: conflicting figures {}; left empty (check the reply and enter the right one)",
                    field.describe(),
                    quote_some(&list).join(" and ")
                ),
                start: first.start,
                end: first.end,
            });
        }
    }
    (chosen, refusals)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(field: Field, value: f64, start: usize, precision: f64) -> Candidate {
        Candidate {
            field,
            value,
            start,
            end: start + 1,
            precision,
            confidence: Confidence::High,
        }
    }

    #[test]
    fn agreeing_figures_keep_the_most_precise() {
        let y = Field::SpendTotal(FinYear(2023));
        let mut c = Candidates::default();
        c.add(cand(y, 13_100_000.0, 0, 100_000.0));
        c.add(cand(y, 13_107_000.0, 10, 1.0));
        let (chosen, refused) = resolve(&c, |s, _| format!("@{s}"));
        assert!(refused.is_empty());
        assert_eq!(chosen[&y].value, 13_107_000.0);
        assert_eq!(chosen[&y].start, 10);
    }

    #[test]
    fn conflicting_figures_give_null_and_a_warning_naming_both() {
        let f = Field::Pillar(Pillar::WellLed);
        let mut c = Candidates::default();
        c.add(cand(f, 4.3, 0, 0.1));
        c.add(cand(f, 3.9, 20, 0.1));
        let (chosen, refused) = resolve(&c, |s, _| format!("@{s}"));
        assert!(chosen.is_empty());
        assert_eq!(refused.len(), 1);
        assert!(
            refused[0].message.contains("@0 and @20"),
            "{}",
            refused[0].message
        );
    }

    #[test]
    fn an_ambiguity_empties_the_field_even_with_a_clean_reading() {
        let f = Field::Emram;
        let mut c = Candidates::default();
        c.add(cand(f, 5.0, 0, 1.0));
        c.ambiguous(f, "two stages on one row", 30, 40);
        let (chosen, refused) = resolve(&c, |s, _| format!("@{s}"));
        assert!(chosen.is_empty());
        assert!(refused[0].message.contains("two stages"));
    }
}
