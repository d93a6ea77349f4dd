#!/usr/bin/env bash
# `./x bench`: every benchmark, each printing its figure beside a baseline measured in the same
# run (and the ratio). Timings depend on the machine and its load: compare ratios, not ms.
#
#   ./x bench [RUNS]   RUNS: runs per browser benchmark (median; default 9)
#
# native: parse MB/s vs a bare regex scan (benches/parse.rs), money tables vs line splitting
#         (benches/tables.rs), batches of 50/500 replies vs normalise (benches/batch.rs), dataset
#         load and matching (tests/bench_timing.rs);
# page:   weight raw and gzip against the budgets (tools/size_budget.py);
# browser: paste → chart and first load vs a bare ECharts page, memory for a 10 MB input vs a
#         bare page and natively vs reading the file (tools/bench/browser.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "parse throughput (cargo bench --bench parse)"
cargo bench --locked --bench parse
step "money tables (cargo bench --bench tables)"
cargo bench --locked --bench tables
step "batches of replies (cargo bench --bench batch)"
cargo bench --locked --bench batch
step "dataset load and matching (tests/bench_timing.rs)"
cargo test --locked --release --test bench_timing -- --ignored --nocapture
step "release build (app into dist/, CLI for the memory benchmark)"
cargo fetch --locked  # Trunk runs cargo --offline
trunk build --release
cargo build --locked --release --bin foi-lens
step "page weight (tools/size_budget.py)"
python3 tools/size_budget.py
step "browser: paste → chart, first load, memory (tools/bench/browser.mjs)"
node tools/bench/browser.mjs "${1:-9}"
