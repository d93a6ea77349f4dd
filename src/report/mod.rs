//! Outputs: the `foi-lens/1` JSON contract, CSV, and the plain-English summary sentence.

pub mod csv;
pub mod csv_responses;
pub mod csv_tables;
pub mod fields;
pub mod format;
pub mod intake;
pub mod json;
pub mod summary;
pub mod wording;
