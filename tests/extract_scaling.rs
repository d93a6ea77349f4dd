//! Bounded time on huge and hostile input: a million-line reply and a single 10 MB line parse in
//! linear time. Each test parses the input at a quarter of its size and at full size and checks
//! that the time grows roughly in proportion (a quadratic step would grow 16-fold, a linear one
//! 4-fold; the bound allows 10-fold plus a second for noise on a shared machine), and that the
//! full-size parse stays under a generous absolute bound.
#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, Instant};

fn time(text: &str) -> Duration {
    let t0 = Instant::now();
    let r = foi_lens::parse(text);
    let took = t0.elapsed();
    // The result is used (and bounded): the parse really ran.
    assert!(r.warnings.len() <= 400);
    took
}

/// Parse `make(n / 4)` and `make(n)`; check linear growth.
fn assert_linear(what: &str, make: impl Fn(usize) -> String, n: usize) {
    let small = make(n / 4);
    let big = make(n);
    let t_small = time(&small);
    let t_big = time(&big);
    println!(
        "{what}: {} bytes in {t_small:?}, {} bytes in {t_big:?} ({:.1}x)",
        small.len(),
        big.len(),
        t_big.as_secs_f64() / t_small.as_secs_f64().max(1e-9)
    );
    assert!(
        t_big <= t_small * 10 + Duration::from_secs(1),
        "{what}: {t_small:?} for a quarter of the input but {t_big:?} for all of it: not linear"
    );
    assert!(t_big < Duration::from_secs(300), "{what}: {t_big:?}");
}

/// Lines of the kinds replies are made of, cycled.
const LINES: &[&str] = &[
    "FY 2023/24:\t",
    "Staff\t£6,167",
    "",
    "Well Led\t4.3",
    "Page 2 of 3",
    "Overall 3.1",
    "2023/24 £13m",
    "EMRAM stage 5",
    "section 22",
    "X NHS Trust",
    "\t2023/24",
    "a) 2.4",
];

#[test]
fn a_million_line_reply_parses_in_linear_time() {
    let make = |n: usize| {
        let mut s = String::with_capacity(n * 12);
        for i in 0..n {
            s.push_str(LINES[i % LINES.len()]);
            s.push('\n');
        }
        s
    };
    assert_linear("1,000,000 lines", make, 1_000_000);
}

#[test]
fn a_single_ten_megabyte_line_parses_in_linear_time() {
    // One line with every kind of anchor and figure on it, and no line break at all.
    let chunk = "Well Led 4.3, 2.9 for Safe Practice | £13,107,000 in 2023/24 \tEMRAM stage 5 and INFRAM stage 3; exempt under section 22 (1)(a). Overall 3.1 Dudley Group NHS Foundation Trust OUR RESPONSE: ";
    let make = |n: usize| chunk.repeat(n / chunk.len() + 1);
    assert_linear("10 MB line", make, 10_000_000);
}

#[test]
fn degenerate_lines_parse_in_linear_time() {
    // No spaces at all, and nothing but digits and dots: the shapes that trip naive scanners.
    assert_linear("one 1 MB word", |n| "a".repeat(n), 1_000_000);
    assert_linear("1 MB of numbers", |n| "1.2.".repeat(n / 4), 1_000_000);
}
