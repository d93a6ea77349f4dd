//! Outputs: the `foi-lens/1` JSON contract, CSV, and the plain-English summary sentence.

pub mod format;
pub mod json;
