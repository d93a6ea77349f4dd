//! The Yew single-page app (wasm32 only): a thin shell over the pure core.

/// Mount the app on the page's `<main id="app">`.
pub fn start() {}
