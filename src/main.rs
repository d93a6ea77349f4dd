//! The `foi-lens` binary: the command-line interface on native targets, the web app on wasm32.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(foi_lens::cli::run(std::env::args().skip(1).collect()));
}

#[cfg(all(target_arch = "wasm32", feature = "app"))]
fn main() {
    // The same wasm module runs in the parsing worker, which has no page to draw.
    if foi_lens::worker::scope::in_worker() {
        foi_lens::worker::scope::start();
    } else {
        foi_lens::app::start();
    }
}

/// Built for wasm32 without the `app` feature (only the file-reader module is wanted then).
#[cfg(all(target_arch = "wasm32", not(feature = "app")))]
fn main() {}
