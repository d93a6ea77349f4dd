//! Pure text → model extraction.
//!
//! Pipeline (each step one module, each linear in the text):
//! 1. `normalise`: clean copy-paste artefacts, keeping an offset map to the original text;
//! 2. `doc`: lines and cells (`layout`), who speaks on each line (`answers`), which question each
//!    line is under (`topics`), and the digits that are never values (`mask`);
//! 3. extractors propose candidates: `spend`, `dma`, `himss` (with `labels`, `money`, `years`);
//!    `exemptions` lists the sections applied; `header` and `org` read the letter's reference,
//!    date and writer;
//! 4. `assemble` resolves the candidates (`candidates`: conflicting or ambiguous → null plus a
//!    warning), decides the statuses (`status`) and runs the sanity checks;
//! 5. `tables` finds multi-year money tables in long documents (strategies, board papers).
//!
//! `rx` compiles every pattern with ASCII word boundaries so the regex engine's lazy DFA runs
//! on text full of `£` and curly quotes; every step is linear in the input.

use crate::model::Response;

/// Parse the text of one FOI response.
pub fn parse_text(text: &str) -> Response {
    let norm = normalise::Normalised::new(text);
    let doc = doc::Doc::new(&norm);
    let mut response = Response::default();

    let mut found = candidates::Candidates::default();
    spend::extract(&doc, &mut found);
    dma::extract(&doc, &mut found);
    himss::extract(&doc, &mut found);
    let applied = exemptions::find(&doc);

    let mut notes = Vec::new();
    let letter = |f: Option<header::Found>| f.map(|f| (f.value, doc.span(f.start, f.end)));
    response.reference =
        letter(header::reference(&doc, &mut notes)).map(|(v, s)| crate::model::Value::found(v, s));
    response.date =
        letter(header::date(&doc, &mut notes)).map(|(v, s)| crate::model::Value::found(v, s));
    response.organisation = org::organisation(&doc, &mut notes)
        .map(|f| crate::model::Value::found(f.value, doc.span(f.start, f.end)));

    assemble::fill(&doc, &found, &applied, notes, &mut response);
    // Multi-year money tables in long documents (strategies, board papers).
    response.tables = tables::find_tables(&norm);
    response
}

pub mod answers;
pub mod assemble;
pub mod candidates;
pub mod dates;
pub mod dma;
pub mod doc;
pub mod exemptions;
pub mod header;
pub mod himss;
pub mod labels;
pub mod layout;
pub mod mask;
pub mod money;
pub mod normalise;
pub mod org;
pub mod rx;
pub mod spend;
pub mod status;
pub mod tables;
pub mod topics;
pub mod years;
