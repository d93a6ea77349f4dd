//! Hostile input for the table extractor: it never panics, every span it returns points into the
//! text it was given, every index it returns is in range, and huge tables (10,000 columns,
//! thousands of total rows) finish in bounded time.

#![cfg(not(target_arch = "wasm32"))]

use foi_lens::extract::normalise::Normalised;
use foi_lens::extract::tables::find_tables;
use foi_lens::model::MoneyTable;
use proptest::prelude::*;
use std::time::{Duration, Instant};

/// Every span is inside `text` on char boundaries; every index points at something.
fn assert_well_formed(text: &str, tables: &[MoneyTable]) {
    let in_text = |s: foi_lens::model::Span| {
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "{s:?} outside {}",
            text.len()
        );
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    };
    for t in tables {
        in_text(t.span);
        if let Some(c) = &t.caption {
            in_text(c.span.unwrap());
        }
        for r in &t.rows {
            assert_eq!(r.values.len(), t.columns.len());
            r.span.map(in_text);
            for v in r.values.iter().flatten() {
                assert!(v.value.is_finite());
                in_text(v.span.unwrap());
            }
            if let Some(p) = &r.parts {
                assert!(p.rows.iter().all(|&i| i < t.rows.len()));
            }
        }
        for s in &t.sums {
            assert!(s.row < t.rows.len() && s.column < t.columns.len());
        }
        for w in &t.checks {
            w.span.map(in_text);
        }
    }
}

fn run(text: &str) -> Vec<MoneyTable> {
    let tables = find_tables(&Normalised::new(text));
    assert_well_formed(text, &tables);
    tables
}

/// Cells a money table is made of, plus the junk real documents put in them.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("-".to_string()),
        Just("n/a".to_string()),
        Just("Total".to_string()),
        Just("Sub Total".to_string()),
        Just("Grand Total".to_string()),
        Just("(£m's)".to_string()),
        Just("£000".to_string()),
        (2000u16..2030).prop_map(|y| format!("{y}/{:02}", (y + 1) % 100)),
        (2000u16..2030).prop_map(|y| format!("{y}-{:02} (£m)", (y + 1) % 100)),
        (-5_000i64..5_000_000).prop_map(|n| format!("£{n}")),
        (0u32..100_000).prop_map(|n| format!("{}.{:03}", n / 1000, n % 1000)),
        (1u32..10_000).prop_map(|n| format!("({n})")),
        "[A-Za-z £()&/.-]{0,20}",
        "\\PC{0,6}",
    ]
}

fn table_text() -> impl Strategy<Value = String> {
    let sep = prop_oneof![Just("\t"), Just(" | "), Just("   "), Just(" ")];
    (
        sep,
        prop::collection::vec(prop::collection::vec(cell(), 0..7), 0..14),
    )
        .prop_map(|(sep, rows)| {
            rows.into_iter()
                .map(|r| r.join(sep))
                .collect::<Vec<_>>()
                .join("\n")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        run(&text);
    }

    #[test]
    fn table_shaped_text_is_well_formed(text in table_text()) {
        run(&text);
    }

    #[test]
    fn mutated_fixture_tables_never_panic(
        which in 0usize..2,
        cut in 0usize..2000,
        len in 0usize..40,
        insert in "\\PC{0,8}",
    ) {
        // The real tables with the text around them: Table 9, and Figure C.
        let region = if which == 0 {
            let fixture = include_str!("fixtures/llr_digital_strategy_2022_25.txt");
            &fixture[fixture.rfind("APPENDIX H").unwrap()..]
        } else {
            let fixture = include_str!("fixtures/llr_digital_strategy_2018_21.txt");
            let at = fixture.find("Lead Delivery Org").unwrap();
            &fixture[at - 300..at + 2000]
        };
        let mut text = region.to_string();
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + len).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.replace_range(at..end, &insert);
        run(&text);
    }
}

fn bounded(what: &str, text: &str, limit: Duration) -> Vec<MoneyTable> {
    let t0 = Instant::now();
    let tables = run(text);
    let took = t0.elapsed();
    // A generous bound (debug build, shared machine): it catches quadratic blow-ups, not
    // ordinary slowness. The benchmark measures speed.
    assert!(took < limit, "{what} took {took:?}");
    tables
}

#[test]
fn ten_thousand_column_rows_are_bounded() {
    let years: Vec<String> = (0..10_000)
        .map(|i| format!("{}/{:02}", 2000 + i % 30, (2001 + i % 30) % 100))
        .collect();
    let values: Vec<String> = (0..10_000).map(|i| format!("{}", i % 997)).collect();
    let mut text = format!("Scheme\t{}\tTotal (£k)\n", years.join("\t"));
    for r in 0..5 {
        text.push_str(&format!("Row {r}\t{}\t5\n", values.join("\t")));
    }
    text.push_str(&format!("Total\t{}\t100\n", values.join("\t")));
    let tables = bounded("10k columns, tabs", &text, Duration::from_secs(20));
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].columns.len(), 10_001);
    // The same, space-aligned.
    let spaced = text.replace('\t', "  ");
    bounded("10k columns, spaces", &spaced, Duration::from_secs(20));
}

#[test]
fn thousands_of_total_rows_are_bounded() {
    let mut text = String::from("Item\t2022/23 (£)\t2023/24 (£)\t2024/25 (£)\tTotal (£)\n");
    for g in 0..2_500 {
        text.push_str(&format!("Item {g}a\t1\t2\t3\t6\n\tpart\t1\t1\t1\t3\n"));
        text.push_str(&format!("Group {g} total\t9\t9\t9\t27\n"));
    }
    text.push_str("Grand total\t1\t1\t1\t3\n");
    let tables = bounded("7,500 rows, 2,500 totals", &text, Duration::from_secs(30));
    assert_eq!(tables.len(), 1);
}

#[test]
fn many_equal_rows_do_not_explode_the_subset_search() {
    let mut text = String::from("\t2022/23\t2023/24\t2024/25\n");
    for i in 0..39 {
        text.push_str(&format!(
            "Row {i}\t£{}\t£{}\t£{}\n",
            100 + i % 2,
            200 + i % 3,
            300
        ));
    }
    text.push_str("First sub total\t£2,000\t£4,000\t£6,000\n");
    text.push_str("Second sub total\t£1,901\t£3,812\t£5,700\n");
    bounded("subset search", &text, Duration::from_secs(20));
}

#[test]
fn absurdly_large_figures_do_not_overflow() {
    let huge = "999,999,999,999,999,999,999,999";
    let text = format!(
        "Item\t2022/23 (£bn)\t2023/24 (£bn)\tTotal (£bn)\n\
         A\t{huge}\t{huge}\t{huge}\n\
         B\t{huge}\t-{huge}\t1\n\
         C\t(£{huge})\t{huge}\t{huge}\n\
         Sub total one\t{huge}\t{huge}\t{huge}\n\
         Sub total two\t1\t{huge}\t2\n\
         Grand total\t{huge}\t1\t{huge}\n"
    );
    let tables = run(&text);
    assert_eq!(tables.len(), 1);
}
