//! The bundled dataset (`data/dma2025.json`) is current, complete and right: re-running
//! `foi-lens import-dma` on the source files in `data/source/` reproduces it byte for byte, and
//! every value agrees with the independently produced tidy CSVs in `tests/data/`.
// Native only: these read files from the repository (the browser tests are tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

mod bench_support;

use bench_support::{close, num, pillars, read_csv, repo_path};
use foi_lens::bench::data::{dataset, CareSetting};
use std::path::PathBuf;

const XLSX: &str = "data/source/Digital+Maturity+Assessment+Results+Data+File+v2.xlsx";
const ETR: &str = "data/source/etr.csv";

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("foi-lens-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn run_cli(args: &[&str]) -> (i32, String, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = foi_lens::cli::run_to(&args, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn reimporting_the_sources_reproduces_the_bundled_file_byte_for_byte() {
    let dir = temp_dir("import");
    let xlsx = repo_path(XLSX);
    let etr = repo_path(ETR);
    let (code, out, err) = run_cli(&[
        "import-dma",
        xlsx.to_str().unwrap(),
        "--ods",
        etr.to_str().unwrap(),
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "import failed: {err}");
    assert!(out.contains("285 trust × care-setting rows"), "{out}");
    assert!(
        out.contains("skipped hidden sheet \"2025 Pillar Summary (ICB PC)\""),
        "{out}"
    );
    let fresh = std::fs::read(dir.join("dma2025.json")).unwrap();
    let bundled = std::fs::read(repo_path("data/dma2025.json")).unwrap();
    assert!(
        fresh == bundled,
        "data/dma2025.json is out of date: regenerate it with `cargo run -- import-dma {XLSX}`"
    );

    // Without --ods, the etr.csv beside the workbook is used: same result.
    let dir2 = temp_dir("import-default-ods");
    let (code, _, err) = run_cli(&[
        "import-dma",
        xlsx.to_str().unwrap(),
        "--out",
        dir2.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(dir2.join("dma2025.json")).unwrap() == bundled);
    let _ = std::fs::remove_dir_all(dir);
    let _ = std::fs::remove_dir_all(dir2);
}

#[test]
fn import_errors_say_what_to_do() {
    let (code, _, err) = run_cli(&["import-dma", "/nonexistent/dma.xlsx"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read the DMA workbook"), "{err}");
    let (code, _, err) = run_cli(&["import-dma"]);
    assert_eq!(code, 2);
    assert!(err.contains("needs the DMA workbook"), "{err}");
    // A CSV is not a workbook.
    let etr = repo_path(ETR);
    let (code, _, err) = run_cli(&[
        "import-dma",
        etr.to_str().unwrap(),
        "--ods",
        etr.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("not a readable .xlsx workbook"), "{err}");
}

#[test]
fn provenance_is_recorded() {
    let ds = dataset();
    assert_eq!(
        ds.source.file.file,
        "Digital+Maturity+Assessment+Results+Data+File+v2.xlsx"
    );
    assert_eq!(
        ds.source.file.sha256,
        "4ea98849dae795aa24c632473b4b3856d500657c89b99978490d591c8286ca4d"
    );
    assert_eq!(ds.source.file.bytes, 95_708);
    assert_eq!(ds.source.publication_date, "2026-03-30");
    assert_eq!(ds.source.publication_date_at, "'Introduction '!C8");
    assert_eq!(ds.ods_source.file.file, "etr.csv");
    assert_eq!(ds.ods_source.rows, 274);
    assert_eq!(ds.ods.len(), 274);
    assert_eq!(
        ds.citation(),
        "NHS England Digital Maturity Assessment 2024 and 2025 results data file, published 30 March 2026"
    );
}

#[test]
fn counts_match_the_publication() {
    let ds = dataset();
    assert_eq!(ds.rows.len(), 285);
    assert_eq!(ds.trusts.len(), 204);
    assert_eq!(ds.icbs.len(), 42);
    assert_eq!(ds.regions.len(), 7);
    let count = |s: CareSetting| ds.rows.iter().filter(|r| r.setting == s).count();
    assert_eq!(count(CareSetting::Acute), 134);
    assert_eq!(count(CareSetting::Community), 90);
    assert_eq!(count(CareSetting::MentalHealth), 50);
    assert_eq!(count(CareSetting::Ambulance), 11);
    // Every pillar score is on the 1–5 scale and printed to one decimal place.
    for r in &ds.rows {
        for p in r.pillars {
            assert!((1.0..=5.0).contains(&p), "{} {p}", r.pillars_at);
            assert!(close((p * 10.0).round() / 10.0, p), "{} {p}", r.pillars_at);
        }
    }
}

#[test]
fn the_dudley_group_has_its_published_pillars_in_both_settings() {
    let ds = dataset();
    let dudley = ds
        .trust_by_name("THE DUDLEY GROUP NHS FOUNDATION TRUST")
        .unwrap();
    assert_eq!(dudley.display_name, "The Dudley Group NHS Foundation Trust");
    assert_eq!(dudley.ods_code.as_deref(), Some("RNA"));
    assert_eq!(dudley.region, "MIDLANDS");
    assert_eq!(
        ds.icb(dudley.icb).name,
        "NHS BLACK COUNTRY INTEGRATED CARE BOARD"
    );
    assert_eq!(dudley.rows.len(), 2);
    let acute = ds.row_for(dudley.id, CareSetting::Acute).unwrap();
    assert_eq!(acute.pillars, [4.3, 3.2, 2.8, 3.5, 2.4, 2.8, 2.8]);
    assert_eq!(acute.pillars_at, "'SC - 2025 Pillar Summary'!B23:L23");
    assert_eq!(acute.comparable_at, "'SC - 24 vs 25 Overall DMA'!B26:G26");
    assert!(close(acute.pillar_mean(), 21.8 / 7.0));
    let community = ds.row_for(dudley.id, CareSetting::Community).unwrap();
    assert_eq!(community.pillars, acute.pillars);
    assert_eq!(community.pillars_at, "'SC - 2025 Pillar Summary'!B22:L22");
}

#[test]
fn other_trusts_pillars_are_as_published() {
    let ds = dataset();
    let cases: [(&str, CareSetting, [f64; 7]); 4] = [
        (
            "SALISBURY NHS FOUNDATION TRUST",
            CareSetting::Acute,
            [2.8, 2.4, 2.0, 2.0, 1.9, 2.0, 1.4],
        ),
        (
            "BERKSHIRE HEALTHCARE NHS FOUNDATION TRUST",
            CareSetting::Community,
            [4.8, 3.5, 3.8, 4.3, 2.3, 3.4, 4.2],
        ),
        (
            "Royal Devon University Healthcare NHS Foundation Trust",
            CareSetting::Acute,
            [2.0, 2.9, 1.5, 2.5, 2.3, 3.4, 3.0],
        ),
        (
            "EAST MIDLANDS AMBULANCE SERVICE NHS TRUST",
            CareSetting::Ambulance,
            [2.3, 2.2, 2.3, 2.0, 2.5, 2.0, 1.3],
        ),
    ];
    for (name, setting, expected) in cases {
        let t = ds.trust_by_name(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(
            ds.row_for(t.id, setting).unwrap().pillars,
            expected,
            "{name}"
        );
    }
}

#[test]
fn every_trust_row_agrees_with_the_tidy_csv() {
    let ds = dataset();
    let csv = read_csv("tests/data/dma_2025_trust_wide.csv");
    assert_eq!(csv.len(), ds.rows.len());
    let mut names = std::collections::BTreeSet::new();
    for c in &csv {
        let name = &c["organisation"];
        names.insert(name.clone());
        let setting = CareSetting::from_label(&c["care_setting"]).unwrap();
        let t = ds
            .trust_by_name(name)
            .unwrap_or_else(|| panic!("{name} missing"));
        let r = ds
            .row_for(t.id, setting)
            .unwrap_or_else(|| panic!("{name} {setting:?}"));
        assert_eq!(r.pillars, pillars(c), "{name} {setting:?}");
        assert!(
            close(r.comparable_2025, num(c, "overall_comparable_2025")),
            "{name}"
        );
        assert!(
            close(r.comparable_2024, num(c, "overall_comparable_2024")),
            "{name}"
        );
        assert_eq!(t.region, c["region"]);
        assert_eq!(ds.icb(t.icb).name, c["icb"]);
        // Locators: "pillars: 'SC - 2025 Pillar Summary' row 22; overall: '...' row 25".
        let loc = &c["source_locator"];
        let rows: Vec<&str> = loc
            .split(';')
            .map(|part| part.trim().rsplit(' ').next().unwrap())
            .collect();
        assert!(
            r.pillars_at.ends_with(&format!("!B{0}:L{0}", rows[0])),
            "{loc} vs {}",
            r.pillars_at
        );
        assert!(
            r.comparable_at.ends_with(&format!("!B{0}:G{0}", rows[1])),
            "{loc} vs {}",
            r.comparable_at
        );
    }
    assert_eq!(names.len(), 204);
}

#[test]
fn every_icb_agrees_with_the_tidy_csv_and_the_hidden_sheet_is_left_out() {
    let ds = dataset();
    let csv = read_csv("tests/data/dma_2025_icb_wide.csv");
    assert_eq!(csv.len(), 42);
    for c in &csv {
        let i = ds.icb_by_name(&c["organisation"]).unwrap();
        assert_eq!(i.pillars, pillars(c), "{}", i.name);
        assert!(close(i.comparable_2025, num(c, "overall_comparable_2025")));
        assert!(close(i.comparable_2024, num(c, "overall_comparable_2024")));
        assert_eq!(i.region, c["region"]);
    }
    let black_country = ds
        .icb_by_name("NHS BLACK COUNTRY INTEGRATED CARE BOARD")
        .unwrap();
    assert_eq!(black_country.pillars, [2.3, 2.8, 2.0, 2.5, 2.8, 3.8, 3.8]);
    assert_eq!(
        black_country.pillars_at,
        "'ICB - 2025 Pillar Summary'!B15:J15"
    );
    assert_eq!(
        black_country.comparable_at,
        "'ICB -24 vs 25 Overall DMA '!B15:E15"
    );
    let bundled = std::fs::read_to_string(repo_path("data/dma2025.json")).unwrap();
    assert!(
        !bundled.contains("ICB PC"),
        "hidden primary-care sheet leaked into the bundle"
    );
}

#[test]
fn ods_links_tie_trusts_to_their_codes_and_former_names() {
    let ds = dataset();
    let with_code = ds.trusts.iter().filter(|t| t.ods_code.is_some()).count();
    assert_eq!(with_code, 197, "trusts with an ODS code");
    let code_of = |name: &str| ds.trust_by_name(name).unwrap().ods_code.clone();
    assert_eq!(
        code_of("LEICESTERSHIRE PARTNERSHIP NHS TRUST").as_deref(),
        Some("RT5")
    );
    assert_eq!(
        code_of("UNIVERSITY HOSPITALS OF LEICESTER NHS TRUST").as_deref(),
        Some("RWE")
    );
    // Renamed after the assessment, linked by a similar name in the same region.
    assert_eq!(
        code_of("ROYAL SURREY COUNTY HOSPITAL NHS FOUNDATION TRUST").as_deref(),
        Some("RA2")
    );
    // Not in the ODS etr list at all (care trusts with T-codes) stay unlinked, not guessed.
    assert_eq!(
        code_of("BLACK COUNTRY HEALTHCARE NHS FOUNDATION TRUST"),
        None
    );
    // A closed trust whose headquarters became another's is recorded as its former name.
    let cmft = ds.ods.iter().find(|o| o.code == "RW3").unwrap();
    let mft = ds
        .trust_by_name("MANCHESTER UNIVERSITY NHS FOUNDATION TRUST")
        .unwrap();
    assert_eq!(cmft.trust, Some(mft.id.index()));
}
