//! foi-lens: read NHS Freedom-of-Information responses about IT spend and digital maturity,
//! extract every figure with the evidence it came from, and compare it with the national
//! Digital Maturity Assessment dataset.
//!
//! The crate is a pure core (everything but `app`) that compiles and is tested natively, plus a
//! thin Yew shell (`app`, wasm32 with the `app` feature). Front doors:
//! - [`parse`]: text → [`model::Response`] (the CLI, the app and the worker all call it);
//! - `ingest`: file bytes (txt, eml, html, docx, xlsx/ods, pdf) → text;
//! - `bench`: the bundled NHS England DMA dataset, name matching and peer statistics;
//! - `chart`: model + bench → ECharts options (charming);
//! - `report`: the JSON contract, CSV and the plain-English summary;
//! - `workspace`: a batch of responses with corrections, stored, exported and imported;
//! - `worker`: parsing in a Web Worker (the page and worker sides are wasm32 only);
//! - `share`: the view packed into a link's fragment, embed addresses and embed code.

// On wasm32 without the `app` feature the crate is only the file readers and the model they
// use: that is what the browser's separate file-reader module (src/bin/foi-lens-reader.rs)
// links, and none of it touches JavaScript.
#[cfg(any(not(target_arch = "wasm32"), feature = "app"))]
pub mod bench;
#[cfg(any(not(target_arch = "wasm32"), feature = "app"))]
pub mod chart;
#[cfg(any(not(target_arch = "wasm32"), feature = "app"))]
pub mod extract;
pub mod ingest;
pub mod model;
pub mod panics;
#[cfg(any(not(target_arch = "wasm32"), feature = "app"))]
pub mod report;
#[cfg(any(not(target_arch = "wasm32"), feature = "app"))]
pub mod share;
#[cfg(any(not(target_arch = "wasm32"), feature = "app"))]
pub mod worker;
#[cfg(any(not(target_arch = "wasm32"), feature = "app"))]
pub mod workspace;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod app;

pub use model::Response;

/// Extract everything foi-lens knows how to find from the text of one response.
#[cfg(any(not(target_arch = "wasm32"), feature = "app"))]
/// Never panics and never guesses: absent or ambiguous figures are `None` with a warning.
pub fn parse(text: &str) -> Response {
    extract::parse_text(text)
}

/// Parse the text read from file `name`. What the reader could not convert (a scanned page, a
/// skipped attachment, a hidden sheet) may hold figures the parse cannot see, so each of the
/// reader's notes becomes a warning of the response: the CLI's JSON, the app's card and a
/// batch's warning count all show it.
#[cfg(any(not(target_arch = "wasm32"), feature = "app"))]
pub fn parse_document(name: &str, document: &ingest::Document) -> Response {
    let mut response = parse(&document.text);
    response.file = Some(name.to_string());
    response.warnings.extend(
        document
            .notes
            .iter()
            .map(|note| model::Warning::new(None, format!("Reading {name}: {note}"), None)),
    );
    response
}
