//! Helpers for the `bench_*` integration tests: an independent reader for the tidy CSV copies in
//! `tests/data/` (made by a different tool from the same NHS England workbook), so the tests
//! check the import and the statistics against values the crate did not produce.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;

/// A path inside the crate.
pub fn repo_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Read a CSV with a header row into maps (quoted fields may contain commas).
pub fn read_csv(rel: &str) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(repo_path(rel)).expect("test CSV present");
    let mut lines = text.lines();
    let header = split_line(lines.next().expect("header"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| header.iter().cloned().zip(split_line(l)).collect())
        .collect()
}

fn split_line(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    out.push(field);
    out
}

/// The wide CSV's pillar columns, in the order of `model::Pillar::ALL`.
pub const PILLAR_COLUMNS: [&str; 7] = [
    "pillar_well_led",
    "pillar_ensure_smart_foundations",
    "pillar_safe_practice",
    "pillar_support_workforce",
    "pillar_empower_people",
    "pillar_improve_care",
    "pillar_healthy_populations",
];

pub fn num(row: &HashMap<String, String>, col: &str) -> f64 {
    row[col]
        .parse()
        .unwrap_or_else(|_| panic!("{col} is not a number: {:?}", row[col]))
}

pub fn pillars(row: &HashMap<String, String>) -> [f64; 7] {
    PILLAR_COLUMNS.map(|c| num(row, c))
}

/// Quantile by linear interpolation between closest ranks, written out from the definition
/// (Excel PERCENTILE.INC): position (n-1)p in the sorted values.
pub fn percentile_inc(values: &[f64], p: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pos = (v.len() - 1) as f64 * p;
    let below = pos.floor() as usize;
    let frac = pos - below as f64;
    if below + 1 < v.len() {
        v[below] * (1.0 - frac) + v[below + 1] * frac
    } else {
        v[below]
    }
}

pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}
