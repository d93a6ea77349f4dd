//! `cargo bench --bench batch`: what a batch of typical replies costs, for 50 and 500 replies:
//! reading and parsing each file into the workspace, summarising each row (including the
//! benchmark match), the CSV and JSON exports, storing and re-reading the workspace, and
//! importing the JSON export. Each is printed as time per reply beside a baseline measured in the
//! same run on the same texts — `normalise` alone (the cleaning every extractor starts with) —
//! with the ratio, and with the peak heap the stage needed (a counting allocator).
//!
//! The replies are the two real round-robin replies in tests/fixtures (Dudley: a tab table;
//! LPT: prose with a refusal) and variants of them: every trust name in the dataset in turn,
//! other figures, other DMA scores, refusals under other sections. A plain binary
//! (harness = false): no extra dependencies.

// The benchmark is native only; on wasm32 (clippy --all-targets) it is an empty binary.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use foi_lens::extract::normalise::Normalised;
    use foi_lens::workspace::row::Row;
    use foi_lens::workspace::{storage, transfer, Workspace};
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::hint::black_box;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::{Duration, Instant};

    /// The system allocator, counting live and peak heap bytes.
    struct Counting;

    static LIVE: AtomicUsize = AtomicUsize::new(0);
    static PEAK: AtomicUsize = AtomicUsize::new(0);

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let p = unsafe { System.alloc(layout) };
            if !p.is_null() {
                let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            }
            p
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { System.dealloc(ptr, layout) };
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let p = unsafe { System.realloc(ptr, layout, new_size) };
            if !p.is_null() {
                if new_size >= layout.size() {
                    let now = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed)
                        + (new_size - layout.size());
                    PEAK.fetch_max(now, Ordering::Relaxed);
                } else {
                    LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
                }
            }
            p
        }
    }

    #[global_allocator]
    static ALLOCATOR: Counting = Counting;

    const DUDLEY: &str = include_str!("../tests/fixtures/dudley_it_spend_dma_himss_2025.txt");
    const LPT: &str = include_str!("../tests/fixtures/lpt_it_spend_dma_himss_2025.txt");

    /// A small deterministic generator (xorshift), so every run benchmarks the same batch.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    fn pounds(p: u64) -> String {
        let digits = p.to_string();
        let mut out = String::from("£");
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    /// `n` replies of typical size: the two real replies, each under a different trust's name,
    /// with other figures, scores and exemption sections.
    fn batch(n: usize) -> Vec<(String, String)> {
        let trusts: Vec<String> = foi_lens::bench::dataset()
            .trusts
            .iter()
            .map(|t| t.display_name.clone())
            .collect();
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        (0..n)
            .map(|i| {
                let trust = &trusts[i % trusts.len()];
                let mut text = if i % 2 == 0 {
                    // Another trust's letter does not carry Dudley's address.
                    DUDLEY
                        .replace("The Dudley Group NHS Foundation Trust", trust)
                        .replace("Russells Hall Hospital Dudley West Midlands DY1 2HQ", "")
                        .replace("Russell's Hall Hospital Dudley West Midlands DY1 2HQ", "")
                        .replace("dgft.dpo@nhs.net", "foi@nhs.net")
                } else {
                    LPT.replace("Leicestershire Partnership NHS Trust", trust)
                };
                for old in ["£16,467,000", "£18,351,000", "£13,107,000", "£11,416,000"] {
                    let new = pounds(2_000_000 + rng.below(40_000_000));
                    text = text.replace(old, &new);
                }
                for old in ["£6,167,000", "£6,306,000"] {
                    text = text.replace(old, &pounds(500_000 + rng.below(9_000_000)));
                }
                for old in ["\t4.3", "\t3.2", "\t2.8", "\t3.5", "\t2.4"] {
                    let score = format!("\t{}.{}", 1 + rng.below(4), rng.below(10));
                    text = text.replacen(old, &score, 1);
                }
                if i % 7 == 3 {
                    text = text.replace("Section 22", "Section 43");
                }
                (format!("reply-{i:03}.txt"), text)
            })
            .collect()
    }

    struct Stage {
        name: &'static str,
        per_reply: Duration,
        peak: usize,
    }

    /// Time of one run of `f` (median of `runs`) and the peak heap above what was live before.
    fn stage<T>(name: &'static str, n: usize, runs: usize, mut f: impl FnMut() -> T) -> Stage {
        black_box(f()); // warm up: the dataset index, lazily built regexes
        let mut times = Vec::with_capacity(runs);
        let mut peak = 0;
        for _ in 0..runs {
            let before = LIVE.load(Ordering::Relaxed);
            PEAK.store(before, Ordering::Relaxed);
            let t0 = Instant::now();
            let out = f();
            times.push(t0.elapsed());
            peak = peak.max(PEAK.load(Ordering::Relaxed) - before);
            drop(black_box(out));
        }
        times.sort();
        Stage {
            name,
            per_reply: times[times.len() / 2] / n as u32,
            peak,
        }
    }

    fn parse_all(replies: &[(String, String)]) -> Workspace {
        let mut ws = Workspace::new();
        for (name, text) in replies {
            let doc = foi_lens::ingest::extract_text(name, text.as_bytes()).expect("text");
            let mut r = foi_lens::parse(&doc.text);
            r.file = Some(name.clone());
            ws.add_parsed(name.clone(), doc.text, r);
        }
        ws
    }

    fn run(n: usize) {
        let replies = batch(n);
        let bytes: usize = replies.iter().map(|(_, t)| t.len()).sum();
        let runs = if n <= 50 { 21 } else { 5 };
        let baseline = stage("baseline: normalise each text", n, runs, || {
            replies
                .iter()
                .map(|(_, t)| Normalised::new(t).text.len())
                .sum::<usize>()
        });
        let ws = parse_all(&replies);
        let mut matched_ws = ws.clone();
        for e in &mut matched_ws.entries {
            std::rc::Rc::make_mut(e).refresh_auto_match();
        }
        let rows: Vec<Row> = ws.entries.iter().map(|e| Row::of(e)).collect();
        let export = transfer::export_json(&ws);
        let stored = storage::encode(&ws);
        let stages = [
            stage("read + parse into the workspace", n, runs, || {
                parse_all(&replies)
            }),
            stage("rows (summary + benchmark match)", n, runs, || {
                ws.entries.iter().map(|e| Row::of(e)).collect::<Vec<_>>()
            }),
            stage("rows, match kept from the worker", n, runs, || {
                matched_ws
                    .entries
                    .iter()
                    .map(|e| Row::of(e))
                    .collect::<Vec<_>>()
            }),
            stage("CSV export (rows included)", n, runs, || {
                transfer::responses_csv(&ws)
            }),
            stage("JSON export", n, runs, || transfer::export_json(&ws)),
            stage("JSON import", n, runs, || {
                transfer::import_json(&export).expect("import")
            }),
            stage("store (one document)", n, runs, || storage::encode(&ws)),
            stage("reload from store", n, runs, || {
                storage::decode(&stored).expect("decode")
            }),
        ];
        let matched = rows.iter().filter(|r| r.matched.is_some()).count();
        println!(
            "\n{n} replies, {:.1} KB each on average ({} matched to the dataset); JSON export \
             {:.0} KB, stored workspace {:.0} KB",
            bytes as f64 / n as f64 / 1024.0,
            matched,
            export.len() as f64 / 1024.0,
            stored.len() as f64 / 1024.0
        );
        println!(
            "{:<36} {:>12} {:>9} {:>14}",
            "stage", "µs/reply", "ratio", "peak heap"
        );
        let base = baseline.per_reply.as_secs_f64();
        for s in std::iter::once(&baseline).chain(stages.iter()) {
            println!(
                "{:<36} {:>12.1} {:>8.1}x {:>11.0} KB",
                s.name,
                s.per_reply.as_secs_f64() * 1e6,
                s.per_reply.as_secs_f64() / base,
                s.peak as f64 / 1024.0
            );
        }
        let live = LIVE.load(Ordering::Relaxed);
        println!(
            "heap held by the workspace, rows and exports now: {:.1} MB ({:.1} KB per reply)",
            live as f64 / 1_048_576.0,
            live as f64 / n as f64 / 1024.0
        );
        drop((ws, matched_ws, rows, export, stored));
    }

    pub fn main() {
        println!(
            "batch benchmark: time per reply for each stage, beside normalising the same texts \
             (baseline, same run); peak heap above what was live before the stage"
        );
        for n in [50, 500] {
            run(n);
        }
    }
}
