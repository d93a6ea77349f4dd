//! Text that must not be read as a money table: FOI question-and-answer replies, prose with
//! years and amounts, and year-by-year tables of dates, percentages, scores and counts.

#![cfg(not(target_arch = "wasm32"))]

fn table_count(text: &str) -> usize {
    foi_lens::parse(text).tables.len()
}

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(path).expect("fixture")
}

#[test]
fn foi_question_and_answer_replies_have_no_money_tables() {
    for name in [
        "dudley_it_spend_dma_himss_2025.txt",
        "lpt_it_spend_dma_himss_2025.txt",
    ] {
        let tables = foi_lens::parse(&fixture(name)).tables;
        assert!(tables.is_empty(), "{name}: {tables:#?}");
    }
}

#[test]
fn prose_with_years_and_amounts_is_not_a_table() {
    let text = "\
In 2022/23 we spent £1.2m on infrastructure and in 2023/24  £1.4m, rising to £1.6m in 2024/25.
Levelling up digital maturity continues to be a key focus for the NHS, evident in the 2022/23
Priorities. The combined budgets of these top five ICSs make up 20.2% of the £7.4 billion total.
2022/23  2023/24  2024/25 were all years of growth.
Our plan: 2022/23 £1m, 2023/24 £2m.
";
    assert_eq!(table_count(text), 0);
}

#[test]
fn tables_of_dates_percentages_scores_and_counts_are_not_money() {
    let dates =
        "Action\t2022/23\t2023/24\nEPR go-live\tJun-22\tMar-23\nCyber review\tOngoing\tDec-23\n";
    let percentages = "Metric\t2022/23\t2023/24\nUptime\t99.5%\t99.9%\nTickets closed\t87%\t91%\n";
    let scores = "Pillar\t2023/24\t2024/25\nWell Led\t3.1\t3.4\nSafe Practice\t2.8\t2.9\n";
    let counts = "Staff in post\t2022/23\t2023/24\nDevelopers\t12\t14\nAnalysts\t1,203\t1,250\n";
    let spaced = "Measure                2022/23     2023/24\nBeds                       132         287\nVirtual ward beds           40          60\n";
    for (name, text) in [
        ("dates", dates),
        ("percentages", percentages),
        ("scores", scores),
        ("counts", counts),
        ("space-aligned counts", spaced),
    ] {
        assert_eq!(table_count(text), 0, "{name}");
    }
}

#[test]
fn a_plan_by_calendar_year_or_a_single_year_is_not_a_multi_year_money_table() {
    let calendar = "Application\t2022\t2023\t2024\nPAS (£)\t100\t200\t300\n";
    let single = "Category\t2023/24 (£)\nStaff\t£6,167,000\nSoftware\t£1,000,000\n";
    let plan_and_actual =
        "£000\t2023/24 Plan\t2023/24 Actual\tVariance\nPay\t1,200\t1,150\t50\nNon-pay\t300\t320\t(20)\n";
    assert_eq!(table_count(calendar), 0);
    assert_eq!(table_count(single), 0);
    assert_eq!(table_count(plan_and_actual), 0);
}

#[test]
fn a_table_of_contents_line_naming_a_table_is_not_a_table() {
    let text =
        "Table 9 - Additional Technology Funding\t91\nTable 10 - Risks 2022/23 2023/24\t92\n";
    assert_eq!(table_count(text), 0);
}

#[test]
fn a_date_row_under_a_money_table_is_not_read_as_money() {
    let text = "Table 9 - Funding\n\n\t2022/23\t2023/24\t2024/25\n\
                Capital\t£2,129,000\t-\t-\nRevenue\t£1,485,000\t£1,000\t-\n\n\
                Financial year ending\t2025\n";
    let r = foi_lens::parse(text);
    assert_eq!(r.tables.len(), 1);
    let labels: Vec<&str> = r.tables[0]
        .rows
        .iter()
        .map(|row| row.label.as_str())
        .collect();
    assert_eq!(labels, ["Capital", "Revenue"]);
    let every_value: Vec<f64> = r.tables[0]
        .rows
        .iter()
        .flat_map(|row| row.values.iter().flatten().map(|v| v.value))
        .collect();
    assert!(!every_value.contains(&2025.0), "{every_value:?}");
}
