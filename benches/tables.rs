//! `cargo bench --bench tables`: how fast the money-table extractor reads a long strategy
//! document (seeds/003, the 226 KB LLR digital strategy 2022-25), beside a baseline measured in
//! the same run: cleaning the text and splitting it into lines and cells (`normalise` +
//! `layout::lines`), the least any table reader has to do. Prints time per MB for both and the
//! ratio. A plain binary (harness = false): no extra dependencies.

// The benchmark is native only; on wasm32 (clippy --all-targets) it is an empty binary.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use foi_lens::extract::layout;
    use foi_lens::extract::normalise::Normalised;
    use foi_lens::extract::tables::find_tables;
    use std::hint::black_box;
    use std::time::{Duration, Instant};

    const DOCUMENT: &str = include_str!("../tests/fixtures/llr_digital_strategy_2022_25.txt");

    /// Median time of one call, over as many rounds as fit in `budget` (at least 5).
    pub fn measure(budget: Duration, mut f: impl FnMut() -> usize) -> Duration {
        // Warm up (caches, lazily compiled regexes).
        for _ in 0..3 {
            black_box(f());
        }
        let mut times = Vec::new();
        let start = Instant::now();
        while times.len() < 5 || (start.elapsed() < budget && times.len() < 10_000) {
            let t0 = Instant::now();
            black_box(f());
            times.push(t0.elapsed());
        }
        times.sort();
        times[times.len() / 2]
    }

    pub fn per_mb(d: Duration, bytes: usize) -> f64 {
        d.as_secs_f64() * 1e3 / (bytes as f64 / 1_048_576.0)
    }

    pub fn main() {
        let text = black_box(DOCUMENT);
        let bytes = text.len();
        let budget = Duration::from_secs(3);
        let baseline = measure(budget, || {
            let n = Normalised::new(text);
            layout::lines(&n.text).iter().map(|l| l.cells.len()).sum()
        });
        let normalise_only = measure(budget, || Normalised::new(text).text.len());
        let tables = measure(budget, || find_tables(&Normalised::new(text)).len());
        let found = find_tables(&Normalised::new(text));
        println!(
            "document: seeds/003 (llr_digital_strategy_2022_25.txt), {:.1} KB, {} tables found",
            bytes as f64 / 1024.0,
            found.len()
        );
        println!(
            "baseline  normalise + layout::lines   {:>8.3} ms/run  {:>8.2} ms/MB",
            baseline.as_secs_f64() * 1e3,
            per_mb(baseline, bytes)
        );
        println!(
            "  (of which normalise alone           {:>8.3} ms/run  {:>8.2} ms/MB)",
            normalise_only.as_secs_f64() * 1e3,
            per_mb(normalise_only, bytes)
        );
        println!(
            "tables    find_tables (incl. normalise) {:>6.3} ms/run  {:>8.2} ms/MB",
            tables.as_secs_f64() * 1e3,
            per_mb(tables, bytes)
        );
        println!(
            "ratio     tables / baseline            {:>8.2}x",
            tables.as_secs_f64() / baseline.as_secs_f64()
        );
    }
}
