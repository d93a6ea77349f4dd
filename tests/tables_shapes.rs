//! Money tables in shapes the fixtures do not show: space-aligned (PDF) text, pipe tables, £k
//! with bracketed negatives, wrong total columns, wrapped headers, group headings, totals whose
//! rows have to be searched for, and tables whose sums cannot be told apart.

#![cfg(not(target_arch = "wasm32"))]

use foi_lens::model::{Level, MoneyTable, MoneyUnit, PartsBasis, SumDirection, SumOutcome};

fn tables(text: &str) -> Vec<MoneyTable> {
    foi_lens::parse(text).tables
}

fn only_table(text: &str) -> MoneyTable {
    let mut t = tables(text);
    assert_eq!(t.len(), 1, "expected one table, found {t:#?}");
    t.remove(0)
}

fn labels(t: &MoneyTable) -> Vec<&str> {
    t.rows.iter().map(|r| r.label.as_str()).collect()
}

/// Row values as printed (None for dash/blank).
fn values(t: &MoneyTable, row: usize) -> Vec<Option<f64>> {
    t.rows[row]
        .values
        .iter()
        .map(|v| v.as_ref().map(|v| v.value))
        .collect()
}

fn years(t: &MoneyTable) -> Vec<String> {
    t.columns
        .iter()
        .map(|c| c.year.map(|y| y.to_string()).unwrap_or("total".into()))
        .collect()
}

fn warnings(t: &MoneyTable) -> Vec<&str> {
    t.checks
        .iter()
        .filter(|w| w.level == Level::Warning)
        .map(|w| w.message.as_str())
        .collect()
}

#[test]
fn space_aligned_pdf_table_reads_blanks_by_position() {
    let text = "\
Capital programme

Table 4: Capital plan (£000)

Scheme                         2023/24      2024/25      2025/26        Total
EPR replacement                  1,200        2,400            -        3,600
Cyber security                     300          300          300          900
Network refresh                    150                       150          300
Total                            1,650        2,700          450        4,800

The plan will be reviewed each year.
";
    let t = only_table(text);
    assert_eq!(
        t.caption.as_ref().unwrap().value,
        "Table 4: Capital plan (£000)"
    );
    assert_eq!(t.unit, MoneyUnit::Thousands);
    assert_eq!(years(&t), ["2023/24", "2024/25", "2025/26", "total"]);
    assert_eq!(
        labels(&t),
        [
            "EPR replacement",
            "Cyber security",
            "Network refresh",
            "Total"
        ]
    );
    assert_eq!(
        values(&t, 0),
        [Some(1200.0), Some(2400.0), None, Some(3600.0)]
    );
    assert_eq!(values(&t, 2), [Some(150.0), None, Some(150.0), Some(300.0)]);
    assert!(t.rows[3].is_total && !t.rows[0].is_total);
    assert!(t.checks.is_empty(), "{:#?}", t.checks);
    let parts = t.rows[3].parts.as_ref().unwrap();
    assert_eq!(parts.rows, [0, 1, 2]);
    // Every figure keeps its evidence in the original text.
    let v = t.rows[2].values[2].as_ref().unwrap();
    let span = v.span.unwrap();
    assert_eq!(span.text(text), "150");
    assert!(span.start > text.find("Network refresh").unwrap() + 40);
}

#[test]
fn pipe_table_with_pounds_on_the_figures() {
    let text = "\
| Category | 2022/23 | 2023/24 | Total |
|---|---|---|---|
| IT staff | £1,000 | £1,100 | £2,100 |
| Software | £500 | - | £500 |
| Total | £1,500 | £1,100 | £2,600 |
";
    let t = only_table(text);
    assert_eq!(t.unit, MoneyUnit::Pounds);
    assert_eq!(labels(&t), ["IT staff", "Software", "Total"]);
    assert_eq!(values(&t, 1), [Some(500.0), None, Some(500.0)]);
    assert!(t.checks.is_empty(), "{:#?}", t.checks);
    assert!(t.sums.iter().all(|s| s.outcome == SumOutcome::Exact));
    assert_eq!(
        t.sums
            .iter()
            .filter(|s| s.direction == SumDirection::Down)
            .count(),
        3
    );
}

#[test]
fn thousands_with_bracketed_negatives_add_up() {
    let text = "\
Budget line\t2022/23 £k\t2023/24 £k\t2024/25 £k
Licences\t1,200\t1,300\t1,400
Savings\t(200)\t(300)\t(400)
Net total\t1,000\t1,000\t1,000
";
    let t = only_table(text);
    assert_eq!(t.unit, MoneyUnit::Thousands);
    assert_eq!(values(&t, 1), [Some(-200.0), Some(-300.0), Some(-400.0)]);
    assert!(t.rows[2].is_total);
    assert!(t.checks.is_empty(), "{:#?}", t.checks);
}

#[test]
fn a_wrong_total_column_is_a_warning_with_both_figures() {
    let text = "\
Org\t2019/20 (£m)\t2020/21 (£m)\tTotal (£m)
Acute trust\t1.0\t2.0\t3.5
Community trust\t0.5\t0.5\t1.0
";
    let t = only_table(text);
    let w = warnings(&t);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert!(w[0].contains("£3.5m") && w[0].contains("£3.0m"), "{}", w[0]);
    let sum = t
        .sums
        .iter()
        .find(|s| s.outcome == SumOutcome::Mismatch)
        .unwrap();
    assert_eq!(
        (sum.row, sum.column, sum.direction),
        (0, 2, SumDirection::Across)
    );
    assert_eq!((sum.printed, sum.computed), (3.5, 3.0));
    let warning = t.checks.iter().find(|w| w.level == Level::Warning).unwrap();
    assert_eq!(warning.field.as_deref(), Some("rows[0].total"));
    assert_eq!(warning.span.unwrap().text(text), "3.5");
}

#[test]
fn rounding_differences_are_notes_not_warnings() {
    let text = "\
Org\t2019/20 (£m)\t2020/21 (£m)\tTotal (£m)
A\t0.333\t0.333\t0.667
B\t0.333\t0.333\t0.667
Total\t0.667\t0.667\t1.333
";
    let t = only_table(text);
    assert!(warnings(&t).is_empty(), "{:#?}", t.checks);
    assert!(t.checks.iter().any(|w| w.level == Level::Note));
    assert!(t
        .sums
        .iter()
        .any(|s| s.outcome == SumOutcome::WithinRounding));
}

#[test]
fn continuation_rows_and_group_totals_in_a_tab_table() {
    let text = "\
Organisation\tSource\t2022/23 (£k)\t2023/24 (£k)
Acute Trust\tCapital\t100\t200
\tRevenue\t50\t60
Acute Trust Total\tTotal\t150\t260
Community Trust\tCapital\t10\t20
\tRevenue\t5\t
Community Trust Total\t\t15\t25
Grand Total\t\t165\t285
";
    let t = only_table(text);
    assert_eq!(
        labels(&t),
        [
            "Acute Trust / Capital",
            "Acute Trust / Revenue",
            "Acute Trust Total",
            "Community Trust / Capital",
            "Community Trust / Revenue",
            "Community Trust Total",
            "Grand Total"
        ]
    );
    assert_eq!(values(&t, 4), [Some(5.0), None]);
    // The community total is off by the missing 5; the grand total agrees with the group
    // totals, so it is off from the rows by the same 5, and says which group total is to blame.
    let w = warnings(&t);
    assert_eq!(w.len(), 2, "{w:#?}");
    assert!(
        w[0].contains("\"Community Trust Total\", 2023/24: printed £25k"),
        "{}",
        w[0]
    );
    assert!(
        w[1].contains("\"Grand Total\", 2023/24")
            && w[1].contains("rows themselves add up to £280k")
            && w[1].contains("\"Community Trust Total\" is off by £5k"),
        "{}",
        w[1]
    );
    assert_eq!(
        t.rows[6].parts.as_ref().unwrap().basis,
        PartsBasis::GroupTotals
    );
}

#[test]
fn wrapped_header_lines_and_a_milestone_column() {
    let text = "\
Scheme\tFunding\t2018-19\t2019-20\tTotal 2 year\tKey Milestone
\tSource\t(£m's)\t(£m's)\tInvestment\tDate
EPR\tHSLI\t0.100\t0.200\t0.300\t18/19 - Q4
PACS\tCapital\t0.050\t-\t0.050\tTBC
";
    let t = only_table(text);
    assert_eq!(t.unit, MoneyUnit::Millions);
    assert_eq!(years(&t), ["2018/19", "2019/20", "total"]);
    assert_eq!(t.columns[2].label, "Total 2 year Investment");
    assert_eq!(labels(&t), ["EPR / HSLI", "PACS / Capital"]);
    assert_eq!(values(&t, 1), [Some(0.05), None, Some(0.05)]);
    assert!(t.checks.is_empty(), "{:#?}", t.checks);
}

#[test]
fn sub_totals_whose_labels_say_nothing_are_found_by_search() {
    let text = "\
\t2022/23\t2023/24\t2024/25
Alpha\t£100\t£200\t£300
Beta\t£10\t£20\t£30
Gamma\t£1\t£2\t£4
Delta\t£1,000\t£2,000\t£3,000
First sub total\t£1,101\t£2,202\t£3,304
Second sub total\t£10\t£20\t£30
";
    let t = only_table(text);
    assert!(t.checks.is_empty(), "{:#?}", t.checks);
    let first = t.rows[4].parts.as_ref().unwrap();
    assert_eq!(
        (first.rows.as_slice(), first.basis),
        (&[0, 2, 3][..], PartsBasis::Search)
    );
    let second = t.rows[5].parts.as_ref().unwrap();
    assert_eq!(second.rows, [1]);
}

#[test]
fn several_fitting_combinations_are_not_guessed() {
    let text = "\
\t2022/23\t2023/24
Alpha\t£5\t£5
Beta\t£5\t£5
Gamma\t£3\t£3
First sub total\t£8\t£8
Second sub total\t£5\t£5
";
    let t = only_table(text);
    assert!(warnings(&t).is_empty(), "{:#?}", t.checks);
    assert!(t.rows[3].parts.is_none() && t.rows[4].parts.is_none());
    assert!(t
        .checks
        .iter()
        .any(|w| w.level == Level::Note && w.message.contains("more than one combination")));
}

#[test]
fn label_cues_pick_the_rows_of_each_sub_total() {
    let text = "\
Line\t2023/24 (£000)\t2024/25 (£000)
EPR capital\t500\t600
EPR revenue\t100\t120
Cyber capital\t50\t50
Licences revenue\t30\t30
Total capital\t550\t650
Total revenue\t130\t150
Total\t680\t800
";
    let t = only_table(text);
    assert!(t.checks.is_empty(), "{:#?}", t.checks);
    assert_eq!(t.rows[4].parts.as_ref().unwrap().rows, [0, 2]);
    assert_eq!(t.rows[5].parts.as_ref().unwrap().rows, [1, 3]);
    assert_eq!(t.rows[6].parts.as_ref().unwrap().rows, [0, 1, 2, 3]);
}

#[test]
fn indented_rows_under_a_heading_in_space_aligned_text() {
    let text = "\
Investment (£m)               2023/24    2024/25
Capital
   EPR                          1.00       2.00
   Cyber                        0.50       0.50
Revenue
   EPR support                  0.25       0.25
Total                           1.75       2.75
";
    let t = only_table(text);
    assert_eq!(
        labels(&t),
        [
            "Capital / EPR",
            "Capital / Cyber",
            "Revenue / EPR support",
            "Total"
        ]
    );
    assert!(t.checks.is_empty(), "{:#?}", t.checks);
}

#[test]
fn two_tables_in_one_document_each_with_its_caption() {
    let text = "\
Table 1 - Capital (£000)

\t2023/24\t2024/25
EPR\t100\t200

Table 2 - Revenue (£000)

\t2023/24\t2024/25
Licences\t10\t20
";
    let t = tables(text);
    assert_eq!(t.len(), 2);
    assert_eq!(
        t[0].caption.as_ref().unwrap().value,
        "Table 1 - Capital (£000)"
    );
    assert_eq!(
        t[1].caption.as_ref().unwrap().value,
        "Table 2 - Revenue (£000)"
    );
    assert_eq!(labels(&t[1]), ["Licences"]);
}

#[test]
fn a_table_repeating_its_header_after_a_page_break_is_one_table() {
    let text = "\
Scheme\t2023/24 (£)\t2024/25 (£)
EPR\t100\t200
Scheme\t2023/24 (£)\t2024/25 (£)
Cyber\t10\t20
Total\t110\t220
";
    let t = only_table(text);
    assert_eq!(labels(&t), ["EPR", "Cyber", "Total"]);
    assert!(t.checks.is_empty(), "{:#?}", t.checks);
}

#[test]
fn words_in_a_money_column_are_null_with_a_warning() {
    let text = "\
Scheme\t2023/24 (£)\t2024/25 (£)
EPR\t100\tsee note 3
Cyber\tn/a\t20
";
    let t = only_table(text);
    assert_eq!(values(&t, 0), [Some(100.0), None]);
    assert_eq!(values(&t, 1), [None, Some(20.0)]);
    let w = warnings(&t);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert!(w[0].contains("see note 3"));
}

#[test]
fn years_down_the_side_are_turned_into_year_columns() {
    let text = "\
IT spend by year

Financial year\tIT staff (£)\tSoftware (£)\tNotes\tTotal (£)
2022/23\t1,000\t2,000\tincl. VAT\t3,000
2023/24\t1,500\t-\t\t1,500
Total\t2,500\t2,000\t\t4,500
";
    let t = only_table(text);
    assert_eq!(t.caption.as_ref().unwrap().value, "IT spend by year");
    assert_eq!(t.unit, MoneyUnit::Pounds);
    assert_eq!(years(&t), ["2022/23", "2023/24", "total"]);
    assert_eq!(labels(&t), ["IT staff (£)", "Software (£)", "Total (£)"]);
    assert_eq!(values(&t, 0), [Some(1000.0), Some(1500.0), Some(2500.0)]);
    assert_eq!(values(&t, 1), [Some(2000.0), None, Some(2000.0)]);
    assert!(t.rows[2].is_total && !t.rows[0].is_total);
    assert!(t.checks.is_empty(), "{:#?}", t.checks);
    // Evidence: the 2023/24 staff figure, and the year heading of its column.
    assert_eq!(
        t.rows[0].values[1]
            .as_ref()
            .unwrap()
            .span
            .unwrap()
            .text(text),
        "1,500"
    );
    assert_eq!(t.columns[1].span.unwrap().text(text), "2023/24");
    assert_eq!(t.rows[0].span.unwrap().text(text), "IT staff (£)");
}

#[test]
fn years_down_the_side_without_money_are_not_a_money_table() {
    let text = "Year\tDMA score\tVirtual ward beds\n2022/23\t2.5\t132\n2023/24\t2.8\t140\n";
    assert!(tables(text).is_empty());
}

#[test]
fn single_spaced_pdf_text_is_read_when_every_column_has_a_figure() {
    let text = "\
Table 5 - Digital investment
Scheme 2023/24 2024/25 2025/26 Total (£000)
EPR replacement 1,200 2,400 - 3,600
Phase 2 cyber works 300 300 300 900
Network refresh 150 150 300
Total 1,650 2,850 300 4,800
We will review these figures every year as part of the planning round.
";
    let t = only_table(text);
    assert_eq!(
        t.caption.as_ref().unwrap().value,
        "Table 5 - Digital investment"
    );
    assert_eq!(t.unit, MoneyUnit::Thousands);
    assert_eq!(years(&t), ["2023/24", "2024/25", "2025/26", "total"]);
    assert_eq!(
        labels(&t),
        [
            "EPR replacement",
            "Phase 2 cyber works",
            "Network refresh",
            "Total"
        ]
    );
    assert_eq!(
        values(&t, 1),
        [Some(300.0), Some(300.0), Some(300.0), Some(900.0)]
    );
    // The blank in "Network refresh" cannot be placed: no figures, a warning, and no totals
    // check over that row.
    assert_eq!(values(&t, 2), [None, None, None, None]);
    let w = warnings(&t);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert!(w[0].contains("do not line up"));
    assert_eq!(t.checks[0].field.as_deref(), Some("rows[2]"));
    assert!(t
        .checks
        .iter()
        .any(|w| w.level == Level::Note && w.message.contains("\"Total\" could not be checked")));
    assert_eq!(t.rows[3].parts.as_ref().unwrap().rows, [0, 1, 2]);
}

#[test]
fn percentage_rows_are_skipped_and_footnote_marks_dropped() {
    let text = "\
Budget (£000)\t2023/24\t2024/25
Pay\t1,200*\t1,300
Growth %\t-\t8.3%
Non-pay\t300\t320¹
Total\t1,500\t1,620

* includes agency staff
";
    let t = only_table(text);
    assert_eq!(labels(&t), ["Pay", "Non-pay", "Total"]);
    assert_eq!(values(&t, 0), [Some(1200.0), Some(1300.0)]);
    assert_eq!(values(&t, 1), [Some(300.0), Some(320.0)]);
    assert!(t.checks.is_empty(), "{:#?}", t.checks);
}

#[test]
fn a_total_column_over_fewer_years_than_the_table_shows() {
    let text = "\
Scheme (£000)\t2021/22 actual\t2022/23\t2023/24\t2024/25\tTotal 2022-25
EPR\t900\t100\t200\t300\t600
Cyber\t50\t10\t20\t30\t60
Network\t75\t5\t5\t5\t15
";
    let t = only_table(text);
    assert!(t.checks.is_empty(), "{:#?}", t.checks);
    let across = t
        .sums
        .iter()
        .find(|s| s.direction == SumDirection::Across)
        .unwrap();
    assert_eq!(across.parts, [1, 2, 3]);
}

#[test]
fn totals_printed_before_their_rows() {
    let text = "\
£k\t2023/24\t2024/25
Capital total\t30\t40
EPR\t10\t20
Cyber\t20\t20
Revenue total\t5\t7
Licences\t5\t6
";
    let t = only_table(text);
    assert_eq!(t.rows[0].parts.as_ref().unwrap().rows, [1, 2]);
    assert_eq!(t.rows[3].parts.as_ref().unwrap().rows, [4]);
    let w = warnings(&t);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert!(
        w[0].contains("\"Revenue total\", 2024/25: printed £7k"),
        "{}",
        w[0]
    );
}
