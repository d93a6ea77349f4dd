//! The parser never panics and never returns a value it cannot back with evidence, whatever it
//! is given: arbitrary strings, arbitrary bytes (through the text reader), and the fixtures
//! mangled the way copy-paste mangles replies (lines deleted, duplicated, moved, characters cut
//! or inserted). Case counts are modest so `cargo test` stays quick; raise them with
//! `PROPTEST_CASES=5000 cargo test --release --test extract_robustness` when hunting.
#![cfg(not(target_arch = "wasm32"))]

use foi_lens::model::{DmaStatus, HimssStatus, Response, Span, Value};
use proptest::prelude::*;
use std::path::Path;

/// 64 cases per property unless `PROPTEST_CASES` asks for more.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// Everything that must hold for any input.
fn check(text: &str, r: &Response) {
    let ok_span = |s: &Option<Span>, what: &str| {
        let s = s.unwrap_or_else(|| panic!("{what}: extracted value without a span"));
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "{what}: span {s:?} outside the text"
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{what}: span {s:?} not on character boundaries"
        );
        assert!(
            !text[s.start..s.end].trim().is_empty(),
            "{what}: empty evidence"
        );
    };
    fn each<T>(v: &Option<Value<T>>, f: impl FnOnce(&Value<T>)) {
        if let Some(v) = v {
            f(v)
        }
    }
    each(&r.organisation, |v| ok_span(&v.span, "organisation"));
    each(&r.reference, |v| ok_span(&v.span, "reference"));
    each(&r.date, |v| {
        ok_span(&v.span, "date");
        assert_eq!(v.value.len(), 10, "date not ISO: {}", v.value);
    });
    let mut years: Vec<_> = r.it_spend.iter().map(|s| s.year).collect();
    let n = years.len();
    years.dedup();
    assert_eq!(years.len(), n, "a financial year listed twice");
    assert!(years.windows(2).all(|w| w[0] < w[1]), "years out of order");
    for s in &r.it_spend {
        each(&s.total, |v| {
            ok_span(&v.span, "total");
            assert!(v.value >= 10_000, "implausible total {}", v.value);
        });
        for c in foi_lens::model::SpendCategory::ALL {
            if let Some(v) = s.breakdown.get(c) {
                ok_span(&v.span, c.key());
            }
        }
    }
    if let Some(d) = &r.dma {
        let mut any = false;
        for v in d.overall.iter().chain(d.pillars.0.iter().flatten()) {
            any = true;
            ok_span(&v.span, "dma");
            assert!(
                (1.0..=5.0).contains(&v.value),
                "DMA score {} off the scale",
                v.value
            );
            // The evidence is the printed score itself.
            let printed: f64 = text[v.span.unwrap().start..v.span.unwrap().end]
                .trim()
                .parse()
                .expect("DMA evidence is a number");
            assert!((printed - v.value).abs() < 1e-9);
        }
        assert!(any, "dma present without a score");
        assert!(matches!(
            r.dma_status.value,
            DmaStatus::Disclosed | DmaStatus::Partial
        ));
    } else {
        assert!(!matches!(
            r.dma_status.value,
            DmaStatus::Disclosed | DmaStatus::Partial
        ));
    }
    for v in r.emram_stage.iter().chain(r.infram_stage.iter()) {
        ok_span(&v.span, "himss");
        assert!(v.value <= 7);
    }
    let staged = r.emram_stage.is_some() || r.infram_stage.is_some();
    assert_eq!(staged, r.himss_status.value == HimssStatus::Disclosed);
    for e in &r.exemptions {
        ok_span(&e.span, "exemption");
    }
    assert!(r.warnings.len() <= 400, "{} warnings", r.warnings.len());
    for w in &r.warnings {
        if let Some(s) = w.span {
            assert!(
                s.end <= text.len()
                    && text.is_char_boundary(s.start)
                    && text.is_char_boundary(s.end)
            );
        }
    }
    // The contract writer accepts whatever the parser returns.
    let json = foi_lens::report::json::to_contract(r, text);
    assert_eq!(json["schema"], "foi-lens/1");
}

fn parse_and_check(text: &str) {
    let r = foi_lens::parse(text);
    check(text, &r);
    assert_eq!(r, foi_lens::parse(text), "parse is not deterministic");
}

fn fixtures() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        // The two long strategy documents are parsed by the fixture tests already; mutating them
        // here would only slow the suite down.
        .filter(|t| t.len() < 40_000)
        .collect()
}

/// Lines that stress the rules when dropped into a reply.
const TRICKY: &[&str] = &[
    "Section 22 (1)(a) Information is exempt information if",
    "on a scale of 1.0 to 5.0",
    "Which HIMSS EMRAM score have your Trust currently achieved (0-7):",
    "FY24: £3,204,000",
    "Page 2 of 3",
    "Well Led\t4.0\t4.3",
    "4.3 (Well Led), 3.2 (Safe Practice)",
    "OUR RESPONSE:",
    "\t2023/24\t2024/25",
    "Total\t£1\t£2\t£3",
    "Tel: 0303 123 1113",
    "The Trust's total expenditure in 2023/24 was £612m.",
    "EMRAM and INFRAM: stage 0",
    "(£000)",
    "If you are dissatisfied with our response",
    "a) 2.4",
    "Overall\t9.9",
    "£-5",
    "2023/24 - (£13,107,000)",
    "\u{AD}\u{A0}\u{FEFF}\u{202E}",
    "Royal Example Hospitals\nNHS Foundation Trust",
    "Well Led\n3.2",
    "EMRAM\nStage 5",
    "FY 2023/2024 (£):\n£13,107,000",
];

#[derive(Clone, Debug)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    MoveLine(usize, usize),
    InsertTricky(usize, usize),
    CutChars(usize, usize),
    InsertText(usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::MoveLine(a, b)),
        (any::<usize>(), 0..TRICKY.len()).prop_map(|(a, k)| Mutation::InsertTricky(a, k)),
        (any::<usize>(), 0usize..40).prop_map(|(a, n)| Mutation::CutChars(a, n)),
        (any::<usize>(), "[\\PC\t\n£]{0,12}").prop_map(|(a, s)| Mutation::InsertText(a, s)),
    ]
}

fn apply(text: &str, muts: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    for m in muts {
        let n = lines.len().max(1);
        match m {
            Mutation::DeleteLine(i) if lines.len() > 1 => {
                lines.remove(i % n);
            }
            Mutation::DuplicateLine(i) if !lines.is_empty() => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Mutation::MoveLine(a, b) if !lines.is_empty() => {
                let l = lines.remove(a % n);
                let at = b % (lines.len() + 1);
                lines.insert(at, l);
            }
            Mutation::InsertTricky(i, k) => lines.insert(i % (lines.len() + 1), TRICKY[*k].into()),
            Mutation::CutChars(i, len) => {
                let mut joined = lines.join("\n");
                let mut a = i % (joined.len() + 1);
                while !joined.is_char_boundary(a) {
                    a -= 1;
                }
                let mut b = (a + len).min(joined.len());
                while !joined.is_char_boundary(b) {
                    b += 1;
                }
                joined.replace_range(a..b, "");
                lines = joined.split('\n').map(str::to_string).collect();
            }
            Mutation::InsertText(i, s) => {
                let mut joined = lines.join("\n");
                let mut a = i % (joined.len() + 1);
                while !joined.is_char_boundary(a) {
                    a -= 1;
                }
                joined.insert_str(a, s);
                lines = joined.split('\n').map(str::to_string).collect();
            }
            _ => {}
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn any_string_parses(s in any::<String>()) {
        parse_and_check(&s);
    }

    #[test]
    fn reply_shaped_text_parses(s in "(?s)([A-Za-z£0-9 .,:;()/\\-\t\n|•–“”\u{A0}\u{AD}\r]|Well Led|EMRAM|Section 22|2023/24|£13,107,000|3\\.1|OUR RESPONSE:|NHS Trust|Stage 5|\\(0-7\\)|FY ){0,120}") {
        parse_and_check(&s);
    }

    #[test]
    fn any_bytes_through_the_text_reader_parse(b in proptest::collection::vec(any::<u8>(), 1..3000)) {
        // The reader may refuse bytes that look like a broken binary file; whatever text it
        // returns parses, and so do the bytes decoded as they are.
        if let Ok(doc) = foi_lens::ingest::extract_text("x.txt", &b) {
            parse_and_check(&doc.text);
        }
        parse_and_check(&String::from_utf8_lossy(&b));
    }

    #[test]
    fn mangled_fixtures_parse(k in any::<usize>(), muts in proptest::collection::vec(mutation(), 1..24)) {
        let all = fixtures();
        let text = apply(&all[k % all.len()], &muts);
        parse_and_check(&text);
    }
}

#[test]
fn every_fixture_satisfies_the_invariants() {
    for text in fixtures() {
        parse_and_check(&text);
    }
}
