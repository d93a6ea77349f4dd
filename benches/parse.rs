//! `cargo bench --bench parse`: how fast `foi_lens::parse` reads replies, beside a baseline
//! measured in the same run on the same text: one plain `regex` scan for money-like tokens (the
//! least any extractor must do). Prints MB/s for both and the ratio, over the fixtures and over a
//! ~10 MB concatenation of them, and the time to parse one ~3 KB reply (target: < 1 ms native).
//!
//! A plain binary (no criterion): each figure is the median of several timed batches after a
//! warm-up, so one busy moment on a shared machine does not decide it.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

/// The reply text of a fixture file: its leading `# ` comment lines dropped, as score.py does.
fn reply(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("fixture readable");
    let mut rest = text.as_str();
    while rest.starts_with("# ") {
        rest = rest.split_once('\n').map_or("", |(_, r)| r);
    }
    rest.trim_start_matches(['\r', '\n']).to_string()
}

fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                reply(p),
            )
        })
        .collect()
}

/// Median time of `batches` runs of `f`, each repeated until it takes at least `min_batch`.
fn median_per_call(mut f: impl FnMut(), batches: usize, min_batch: Duration) -> Duration {
    f(); // warm-up (compiles the regexes on the first call)
    let mut reps = 1u32;
    loop {
        let t0 = Instant::now();
        for _ in 0..reps {
            f();
        }
        if t0.elapsed() >= min_batch || reps >= 1 << 20 {
            break;
        }
        reps *= 2;
    }
    let mut times: Vec<Duration> = (0..batches)
        .map(|_| {
            let t0 = Instant::now();
            for _ in 0..reps {
                f();
            }
            t0.elapsed() / reps
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn mb_per_s(bytes: usize, per_call: Duration) -> f64 {
    bytes as f64 / 1e6 / per_call.as_secs_f64()
}

/// Parser and baseline over the same texts; returns (parser MB/s, baseline MB/s).
fn compare(label: &str, texts: &[&str], money: &regex::Regex, min_batch: Duration) -> (f64, f64) {
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let parse = median_per_call(
        || {
            for t in texts {
                black_box(foi_lens::parse(black_box(t)));
            }
        },
        5,
        min_batch,
    );
    let scan = median_per_call(
        || {
            for t in texts {
                black_box(money.find_iter(black_box(t)).count());
            }
        },
        5,
        min_batch,
    );
    let (p, b) = (mb_per_s(bytes, parse), mb_per_s(bytes, scan));
    println!(
        "{label:<34} {:>10} bytes  parse {p:>8.2} MB/s  baseline {b:>8.1} MB/s  ratio {:>6.1}x",
        bytes,
        b / p
    );
    (p, b)
}

fn main() {
    // The baseline: one pass of a plain money regex, built with the same regex crate.
    // (No `\b`: a Unicode word boundary would push the regex crate onto its slow engine and
    // flatter the ratio.)
    let money = regex::Regex::new(r"£?\s?[0-9][0-9,]*(?:\.[0-9]+)?(?:\s?(?:m|k|bn|million))?")
        .expect("baseline regex");
    let all = fixtures();
    let texts: Vec<&str> = all.iter().map(|(_, t)| t.as_str()).collect();
    println!(
        "foi-lens parse benchmark ({} fixtures, {} build)",
        all.len(),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "optimised"
        }
    );
    println!();
    compare(
        "fixtures (each parsed once)",
        &texts,
        &money,
        Duration::from_millis(300),
    );

    let mut big = String::new();
    while big.len() < 10_000_000 {
        for t in &texts {
            big.push_str(t);
            big.push('\n');
        }
    }
    compare(
        "~10 MB concatenation",
        &[big.as_str()],
        &money,
        Duration::from_millis(1),
    );

    println!();
    for name in [
        "dudley_it_spend_dma_himss_2025.txt",
        "lpt_it_spend_dma_himss_2025.txt",
    ] {
        let Some((_, text)) = all.iter().find(|(n, _)| n == name) else {
            continue;
        };
        let per = median_per_call(
            || {
                black_box(foi_lens::parse(black_box(text)));
            },
            7,
            Duration::from_millis(200),
        );
        println!(
            "one reply: {name:<36} {:>5} bytes  {:>7.1} µs per parse  (target < 1000 µs)",
            text.len(),
            per.as_secs_f64() * 1e6
        );
    }
}
