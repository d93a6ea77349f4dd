//! `cargo bench --bench tables`: how fast the money-table extractor reads a long strategy
//! document (seeds/003, the 226 KB LLR digital strategy 2022-25), beside a baseline measured in
//! the same run: splitting the cleaned text into lines and cells (`layout::lines`), the least any
//! table reader has to do. Both run on the same cleaned text; cleaning (`normalise`, shared by
//! every extractor) and the end-to-end time are printed too. Median of repeated runs, in ms per
//! MB, and the ratio. A plain binary (harness = false): no extra dependencies.

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
        let normalised = Normalised::new(text);
        let normalise = measure(budget, || Normalised::new(text).text.len());
        // Baseline: what any table reader must do, split the cleaned text into lines and cells.
        let baseline = measure(budget, || {
            layout::lines(&normalised.text)
                .iter()
                .map(|l| l.cells.len())
                .sum()
        });
        // The table extractor on the same cleaned text (it splits the lines itself).
        let tables = measure(budget, || find_tables(&normalised).len());
        let end_to_end = measure(budget, || find_tables(&Normalised::new(text)).len());
        println!(
            "document: seeds/003 (llr_digital_strategy_2022_25.txt), {:.1} KB, {} tables found",
            bytes as f64 / 1024.0,
            find_tables(&normalised).len()
        );
        let row = |name: &str, d: Duration| {
            println!(
                "{name:<44} {:>8.3} ms/run {:>8.2} ms/MB",
                d.as_secs_f64() * 1e3,
                per_mb(d, bytes)
            )
        };
        row("normalise (shared by every extractor)", normalise);
        row("baseline: layout::lines (lines + cells)", baseline);
        row("tables: find_tables on the cleaned text", tables);
        row("end to end: normalise + find_tables", end_to_end);
        println!(
            "ratio tables / baseline {:>28.2}x",
            tables.as_secs_f64() / baseline.as_secs_f64()
        );
    }
}
