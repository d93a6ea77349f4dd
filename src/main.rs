//! The `foi-lens` binary: the command-line interface on native targets, the web app on wasm32.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(foi_lens::cli::run(std::env::args().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {
    foi_lens::app::start();
}
