//! Pure text → model extraction. `parse_text` normalises the text (keeping an offset map back to
//! the original, so every value's span points into what the user pasted), then runs one small
//! extractor per kind of fact.

use crate::model::Response;

/// Parse the text of one FOI response.
pub fn parse_text(text: &str) -> Response {
    let normalised = normalise::Normalised::new(text);
    Response {
        tables: tables::find_tables(&normalised),
        ..Response::default()
    }
}

pub mod layout;
pub mod money;
pub mod normalise;
pub mod tables;
pub mod years;
