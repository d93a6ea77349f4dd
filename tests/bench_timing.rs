//! Timings of the bundled dataset and matching, each printed beside a baseline run side by side.
//! Not a pass/fail test (timings depend on the machine); run it with
//! `cargo test --release --test bench_timing -- --ignored --nocapture`.
// Native only: these read files from the repository (the browser tests are tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

use foi_lens::bench::data::{Bundle, Dataset, BUNDLED_JSON};
use foi_lens::bench::{dataset, find_organisation_in_text, match_organisation};
use std::time::Instant;

fn per_call<T>(runs: u32, mut f: impl FnMut() -> T) -> f64 {
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(f());
    }
    start.elapsed().as_secs_f64() / runs as f64
}

#[test]
#[ignore]
fn print_load_and_match_timings() {
    // First use in this process: parse + index build (what the app pays once).
    let t0 = Instant::now();
    let first = match_organisation("The Dudley Group NHS Foundation Trust");
    let first_use = t0.elapsed().as_secs_f64();
    assert!(first.best.is_some());

    let runs = 50;
    let typed = per_call(runs, || {
        let b: Bundle = serde_json::from_str(BUNDLED_JSON).unwrap();
        Dataset::from_bundle(b).unwrap()
    });
    let untyped = per_call(runs, || {
        serde_json::from_str::<serde_json::Value>(BUNDLED_JSON).unwrap()
    });
    println!(
        "load: typed dataset {:.2} ms vs bare serde_json::Value parse {:.2} ms (ratio {:.2}); \
         first match incl. load and index build {:.2} ms; bundle {} bytes",
        typed * 1e3,
        untyped * 1e3,
        typed / untyped,
        first_use * 1e3,
        BUNDLED_JSON.len()
    );

    // Matching one name vs a bare case-insensitive scan of every dataset name.
    let names: Vec<String> = dataset()
        .trusts
        .iter()
        .map(|t| t.name.to_lowercase())
        .collect();
    let queries = [
        "Dudley Group FT",
        "Leicestershire Partnership NHS Trust",
        "UHL",
        "Wycliffe House",
    ];
    let matched = per_call(20, || queries.map(match_organisation));
    let scanned = per_call(20, || {
        queries.map(|q| {
            let q = q.to_lowercase();
            names.iter().position(|n| n.contains(&q))
        })
    });
    println!(
        "match: {:.3} ms per name vs substring scan {:.4} ms (ratio {:.0})",
        matched * 1e3 / queries.len() as f64,
        scanned * 1e3 / queries.len() as f64,
        matched / scanned
    );

    // Whole-text fallback on a real 3 KB reply vs a bare scan for the word "Trust".
    let reply = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/dudley_it_spend_dma_himss_2025.txt"
    ))
    .unwrap();
    let found = per_call(20, || find_organisation_in_text(&reply));
    let bare = per_call(20, || reply.matches("Trust").count());
    println!(
        "text: {:.2} ms for a {} byte reply vs bare word count {:.4} ms (ratio {:.0})",
        found * 1e3,
        reply.len(),
        bare * 1e3,
        found / bare
    );
    let strategy = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/llr_digital_strategy_2022_25.txt"
    ))
    .unwrap();
    let long = per_call(5, || find_organisation_in_text(&strategy));
    println!(
        "text: {:.1} ms for a {} byte strategy document",
        long * 1e3,
        strategy.len()
    );
}
