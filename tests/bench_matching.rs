//! Organisation matching against the bundled dataset: every trust and ICB name finds itself, in
//! the spellings responses use; initialisms, postcodes, letterheads and former names find the
//! right trust; unrelated bodies and ambiguous initialisms find none (a wrong match is worse than
//! asking the user); and no input makes it panic or hang.
// Native only: these read files from the repository (the browser tests are tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

mod bench_support;

use foi_lens::bench::{
    dataset, find_organisation_in_text, match_organisation, organisation_list,
    organisation_of_response, search_organisations, CueKind, MatchVia, Org, MATCH_THRESHOLD,
};
use foi_lens::model::{Response, Span, Value};

fn best_name(query: &str) -> Option<String> {
    match_organisation(query).best.map(|m| dataset_name(m.org))
}

fn dataset_name(org: Org) -> String {
    let ds = dataset();
    match org {
        Org::Trust(t) => ds.trust(t).name.clone(),
        Org::Icb(i) => ds.icb(i).name.clone(),
    }
}

#[test]
fn every_trust_in_the_dataset_matches_itself() {
    let ds = dataset();
    for t in &ds.trusts {
        for spelling in [
            t.name.clone(),
            t.display_name.clone(),
            t.name.to_lowercase(),
        ] {
            let r = match_organisation(&spelling);
            let best = r
                .best
                .unwrap_or_else(|| panic!("{spelling:?}: no match ({:?})", r.note));
            assert_eq!(best.org, Org::Trust(t.id), "{spelling:?}");
            assert_eq!(best.score, 1.0, "{spelling:?}");
            assert_eq!(best.via, MatchVia::DatasetName, "{spelling:?}");
        }
    }
}

#[test]
fn every_icb_matches_itself_in_full_and_short_form() {
    let ds = dataset();
    for i in &ds.icbs {
        assert_eq!(best_name(&i.name).as_deref(), Some(i.name.as_str()));
        // "NHS BLACK COUNTRY INTEGRATED CARE BOARD" → "Black Country ICB"
        let short = i
            .display_name
            .trim_start_matches("NHS ")
            .replace("Integrated Care Board", "ICB");
        assert_eq!(
            best_name(&short).as_deref(),
            Some(i.name.as_str()),
            "{short:?}"
        );
    }
}

/// The ways responses rewrite a trust's name.
fn variants(name: &str) -> Vec<String> {
    let n = name.to_uppercase();
    let mut v = vec![
        n.replace("NHS FOUNDATION TRUST", "NHS FT"),
        n.replace("NHS FOUNDATION TRUST", "FT"),
        n.replace("NHS FOUNDATION TRUST", "Foundation Trust"),
        n.replace("FOUNDATION TRUST", "TRUST"),
        n.replace("NHS ", ""),
        n.replace(" AND ", " & "),
        n.replace("NATIONAL HEALTH SERVICE", "NHS"),
    ];
    if let Some(rest) = n.strip_prefix("THE ") {
        v.push(rest.to_string());
    }
    if n.contains(" ST ") {
        v.push(n.replace(" ST ", " SAINT "));
        v.push(n.replace(" ST ", " St. "));
    }
    if n.contains("'") {
        v.push(n.replace('\'', "’"));
        v.push(n.replace('\'', ""));
    }
    v.sort();
    v.dedup();
    v.retain(|x| *x != n);
    v
}

#[test]
fn common_variants_of_every_trust_name_match_that_trust() {
    let ds = dataset();
    let mut tried = 0;
    for t in &ds.trusts {
        for variant in variants(&t.name) {
            tried += 1;
            let r = match_organisation(&variant);
            let got = r.best.as_ref().map(|m| m.org);
            assert_eq!(got, Some(Org::Trust(t.id)), "{variant:?} ({:?})", r.note);
        }
    }
    assert!(tried > 800, "only {tried} variants");
}

#[test]
fn the_core_name_alone_matches_nearly_every_trust_and_never_a_wrong_one() {
    // "Dudley Group", "Leicestershire Partnership": no "NHS", no "Trust".
    let ds = dataset();
    let (mut right, mut none, mut wrong) = (0, Vec::new(), Vec::new());
    for t in &ds.trusts {
        let core = t
            .name
            .to_uppercase()
            .replace("NATIONAL HEALTH SERVICE", "NHS")
            .replace("NHS FOUNDATION TRUST", "")
            .replace("NHS TRUST", "")
            .trim()
            .to_string();
        match match_organisation(&core).best {
            Some(m) if m.org == Org::Trust(t.id) => right += 1,
            Some(m) => wrong.push((core, dataset_name(m.org))),
            None => none.push(core),
        }
    }
    println!(
        "core names: {right} right, {} unmatched {none:?}, {} wrong",
        none.len(),
        wrong.len()
    );
    assert!(wrong.is_empty(), "{wrong:?}");
    assert!(right >= 195, "{right} of 204");
}

#[test]
fn the_issue_examples_match() {
    let dudley = "THE DUDLEY GROUP NHS FOUNDATION TRUST";
    let lpt = "LEICESTERSHIRE PARTNERSHIP NHS TRUST";
    let uhl = "UNIVERSITY HOSPITALS OF LEICESTER NHS TRUST";
    for (query, expected) in [
        ("The Dudley Group NHS Foundation Trust", dudley),
        ("Dudley Group FT", dudley),
        ("Dudley Group NHS FT", dudley),
        ("Leicestershire Partnership NHS Trust", lpt),
        ("Leics Partnership NHS Trust", lpt),
        ("LPT", lpt),
        ("UHL", uhl),
        ("University Hospitals of Leicester (UHL)", uhl),
        ("Russells Hall Hospital Dudley DY1 2HQ", dudley),
        ("Russells Hall Hospital, Dudley", dudley),
        ("dy1 2hq", dudley),
        (
            "Guy's & St Thomas'",
            "GUY'S AND ST THOMAS' NHS FOUNDATION TRUST",
        ),
        (
            "Saint George's University Hospitals",
            "ST GEORGE'S UNIVERSITY HOSPITALS NHS FOUNDATION TRUST",
        ),
        ("University Hospital of Leicester", uhl),
        ("Univ Hospitals of Liecester", uhl),
        // A name inside a longer line, as a signature block writes it.
        (
            "Freedom of Information Team, Leicestershire Partnership NHS Trust",
            lpt,
        ),
        (
            "The Dudley Group NHS Foundation Trust Freedom of Information",
            dudley,
        ),
    ] {
        assert_eq!(best_name(query).as_deref(), Some(expected), "{query:?}");
    }
    let r = match_organisation("Russells Hall Hospital Dudley DY1 2HQ");
    assert!(matches!(r.best.unwrap().via, MatchVia::Postcode { ref code, .. } if code == "RNA"));
}

#[test]
fn ods_names_former_names_and_postcodes_find_the_dataset_trust() {
    let ds = dataset();
    // Every ODS organisation tied to a dataset trust is found by its own name and, when its
    // postcode is its alone, by its postcode.
    for o in ds.ods.iter().filter(|o| o.trust.is_some()) {
        let t = &ds.trusts[o.trust.unwrap()];
        let r = match_organisation(&o.name);
        assert_eq!(
            r.best.map(|m| m.org),
            Some(Org::Trust(t.id)),
            "{} {}",
            o.code,
            o.name
        );
        let shared = ds
            .ods
            .iter()
            .filter(|p| p.postcode == o.postcode && p.trust != o.trust)
            .count();
        if shared == 0 {
            let r = match_organisation(&o.postcode);
            assert_eq!(
                r.best.map(|m| m.org),
                Some(Org::Trust(t.id)),
                "{}",
                o.postcode
            );
        }
    }
    let r = match_organisation("Central Manchester University Hospitals NHS Foundation Trust")
        .best
        .unwrap();
    assert_eq!(
        dataset_name(r.org),
        "MANCHESTER UNIVERSITY NHS FOUNDATION TRUST"
    );
    assert!(matches!(r.via, MatchVia::FormerName { ref code, .. } if code == "RW3"));
    // The 2026 ODS name of a trust renamed after the assessment.
    assert_eq!(
        best_name("Royal Surrey NHS Foundation Trust").as_deref(),
        Some("ROYAL SURREY COUNTY HOSPITAL NHS FOUNDATION TRUST")
    );
}

/// Initialisms as NHS bodies and the press use them, with the trust each stands for.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("UHL", "UNIVERSITY HOSPITALS OF LEICESTER NHS TRUST"),
    ("LPT", "LEICESTERSHIRE PARTNERSHIP NHS TRUST"),
    ("DGFT", "THE DUDLEY GROUP NHS FOUNDATION TRUST"),
    (
        "UHB",
        "UNIVERSITY HOSPITALS BIRMINGHAM NHS FOUNDATION TRUST",
    ),
    ("NUH", "NOTTINGHAM UNIVERSITY HOSPITALS NHS TRUST"),
    (
        "UCLH",
        "UNIVERSITY COLLEGE LONDON HOSPITALS NHS FOUNDATION TRUST",
    ),
    (
        "GOSH",
        "GREAT ORMOND STREET HOSPITAL FOR CHILDREN NHS FOUNDATION TRUST",
    ),
    ("CUH", "CAMBRIDGE UNIVERSITY HOSPITALS NHS FOUNDATION TRUST"),
    ("OUH", "OXFORD UNIVERSITY HOSPITALS NHS FOUNDATION TRUST"),
    ("LTHT", "LEEDS TEACHING HOSPITALS NHS TRUST"),
    ("SaTH", "THE SHREWSBURY AND TELFORD HOSPITAL NHS TRUST"),
    (
        "UHCW",
        "UNIVERSITY HOSPITALS COVENTRY AND WARWICKSHIRE NHS TRUST",
    ),
    (
        "UHDB",
        "UNIVERSITY HOSPITALS OF DERBY AND BURTON NHS FOUNDATION TRUST",
    ),
    ("UHNM", "UNIVERSITY HOSPITALS OF NORTH MIDLANDS NHS TRUST"),
    (
        "UHBW",
        "UNIVERSITY HOSPITALS BRISTOL AND WESTON NHS FOUNDATION TRUST",
    ),
    (
        "UHMBT",
        "UNIVERSITY HOSPITALS OF MORECAMBE BAY NHS FOUNDATION TRUST",
    ),
    (
        "ESNEFT",
        "EAST SUFFOLK AND NORTH ESSEX NHS FOUNDATION TRUST",
    ),
    (
        "NNUH",
        "NORFOLK AND NORWICH UNIVERSITY HOSPITALS NHS FOUNDATION TRUST",
    ),
    ("ELFT", "EAST LONDON NHS FOUNDATION TRUST"),
    ("NELFT", "NORTH EAST LONDON NHS FOUNDATION TRUST"),
    ("CNWL", "CENTRAL AND NORTH WEST LONDON NHS FOUNDATION TRUST"),
    ("SLaM", "SOUTH LONDON AND MAUDSLEY NHS FOUNDATION TRUST"),
    (
        "BSMHFT",
        "BIRMINGHAM AND SOLIHULL MENTAL HEALTH NHS FOUNDATION TRUST",
    ),
    ("TEWV", "TEES, ESK AND WEAR VALLEYS NHS FOUNDATION TRUST"),
    (
        "CNTW",
        "CUMBRIA, NORTHUMBERLAND, TYNE AND WEAR NHS FOUNDATION TRUST",
    ),
    (
        "SWYPFT",
        "SOUTH WEST YORKSHIRE PARTNERSHIP NHS FOUNDATION TRUST",
    ),
    ("LYPFT", "LEEDS AND YORK PARTNERSHIP NHS FOUNDATION TRUST"),
    (
        "GMMH",
        "GREATER MANCHESTER MENTAL HEALTH NHS FOUNDATION TRUST",
    ),
    ("EMAS", "EAST MIDLANDS AMBULANCE SERVICE NHS TRUST"),
    (
        "WMAS",
        "WEST MIDLANDS AMBULANCE SERVICE UNIVERSITY NHS FOUNDATION TRUST",
    ),
    ("NWAS", "NORTH WEST AMBULANCE SERVICE NHS TRUST"),
    ("YAS", "YORKSHIRE AMBULANCE SERVICE NHS TRUST"),
    (
        "SWASFT",
        "SOUTH WESTERN AMBULANCE SERVICE NHS FOUNDATION TRUST",
    ),
    ("EEAST", "EAST OF ENGLAND AMBULANCE SERVICE NHS TRUST"),
    ("LAS", "LONDON AMBULANCE SERVICE NHS TRUST"),
    ("NEAS", "NORTH EAST AMBULANCE SERVICE NHS FOUNDATION TRUST"),
    (
        "SCAS",
        "SOUTH CENTRAL AMBULANCE SERVICE NHS FOUNDATION TRUST",
    ),
    (
        "SECAmb",
        "SOUTH EAST COAST AMBULANCE SERVICE NHS FOUNDATION TRUST",
    ),
    ("GSTT", "GUY'S AND ST THOMAS' NHS FOUNDATION TRUST"),
    ("LNWH", "LONDON NORTH WEST UNIVERSITY HEALTHCARE NHS TRUST"),
    ("ICHT", "IMPERIAL COLLEGE HEALTHCARE NHS TRUST"),
    ("RFL", "ROYAL FREE LONDON NHS FOUNDATION TRUST"),
    ("ESHT", "EAST SUSSEX HEALTHCARE NHS TRUST"),
    ("SASH", "SURREY AND SUSSEX HEALTHCARE NHS TRUST"),
    ("WWL", "WRIGHTINGTON, WIGAN AND LEIGH NHS FOUNDATION TRUST"),
    ("NCA", "NORTHERN CARE ALLIANCE NHS FOUNDATION TRUST"),
    ("ELHT", "EAST LANCASHIRE HOSPITALS NHS TRUST"),
    (
        "NUTH",
        "THE NEWCASTLE UPON TYNE HOSPITALS NHS FOUNDATION TRUST",
    ),
    ("CDDFT", "COUNTY DURHAM AND DARLINGTON NHS FOUNDATION TRUST"),
    ("HDFT", "HARROGATE AND DISTRICT NHS FOUNDATION TRUST"),
    (
        "RDaSH",
        "ROTHERHAM DONCASTER AND SOUTH HUMBER NHS FOUNDATION TRUST",
    ),
    (
        "NLaG",
        "NORTHERN LINCOLNSHIRE AND GOOLE NHS FOUNDATION TRUST",
    ),
    ("SFH", "SHERWOOD FOREST HOSPITALS NHS FOUNDATION TRUST"),
    ("KGH", "KETTERING GENERAL HOSPITAL NHS FOUNDATION TRUST"),
    ("NGH", "NORTHAMPTON GENERAL HOSPITAL NHS TRUST"),
    ("RWT", "THE ROYAL WOLVERHAMPTON NHS TRUST"),
    ("SWBH", "SANDWELL AND WEST BIRMINGHAM HOSPITALS NHS TRUST"),
    (
        "MKUH",
        "MILTON KEYNES UNIVERSITY HOSPITAL NHS FOUNDATION TRUST",
    ),
    (
        "ASPH",
        "ASHFORD AND ST PETER'S HOSPITALS NHS FOUNDATION TRUST",
    ),
    ("QVH", "QUEEN VICTORIA HOSPITAL NHS FOUNDATION TRUST"),
    ("MTW", "MAIDSTONE AND TUNBRIDGE WELLS NHS TRUST"),
    ("SPFT", "SUSSEX PARTNERSHIP NHS FOUNDATION TRUST"),
    ("NBT", "NORTH BRISTOL NHS TRUST"),
    ("RCHT", "ROYAL CORNWALL HOSPITALS NHS TRUST"),
    ("WAHT", "WORCESTERSHIRE ACUTE HOSPITALS NHS TRUST"),
    (
        "BWC",
        "BIRMINGHAM WOMEN'S AND CHILDREN'S NHS FOUNDATION TRUST",
    ),
    (
        "LHCH",
        "LIVERPOOL HEART AND CHEST HOSPITAL NHS FOUNDATION TRUST",
    ),
    (
        "WUTH",
        "WIRRAL UNIVERSITY TEACHING HOSPITAL NHS FOUNDATION TRUST",
    ),
    ("CoCH", "COUNTESS OF CHESTER HOSPITAL NHS FOUNDATION TRUST"),
    (
        "CWP",
        "CHESHIRE AND WIRRAL PARTNERSHIP NHS FOUNDATION TRUST",
    ),
    ("HUTH", "HULL UNIVERSITY TEACHING HOSPITALS NHS TRUST"),
    ("PAHT", "THE PRINCESS ALEXANDRA HOSPITAL NHS TRUST"),
    (
        "JPUH",
        "JAMES PAGET UNIVERSITY HOSPITALS NHS FOUNDATION TRUST",
    ),
    ("EPUT", "ESSEX PARTNERSHIP UNIVERSITY NHS FOUNDATION TRUST"),
    (
        "HPFT",
        "HERTFORDSHIRE PARTNERSHIP UNIVERSITY NHS FOUNDATION TRUST",
    ),
    (
        "CPFT",
        "CAMBRIDGESHIRE AND PETERBOROUGH NHS FOUNDATION TRUST",
    ),
    ("RPH", "ROYAL PAPWORTH HOSPITAL NHS FOUNDATION TRUST"),
    ("CLCH", "CENTRAL LONDON COMMUNITY HEALTHCARE NHS TRUST"),
    (
        "SGUH",
        "ST GEORGE'S UNIVERSITY HOSPITALS NHS FOUNDATION TRUST",
    ),
    ("RNOH", "ROYAL NATIONAL ORTHOPAEDIC HOSPITAL NHS TRUST"),
    // Known misses and genuinely shared initialisms: counted honestly below.
    ("MFT", "MANCHESTER UNIVERSITY NHS FOUNDATION TRUST"),
    ("STH", "SHEFFIELD TEACHING HOSPITALS NHS FOUNDATION TRUST"),
    ("KCH", "KING'S COLLEGE HOSPITAL NHS FOUNDATION TRUST"),
    ("NHFT", "NORTHAMPTONSHIRE HEALTHCARE NHS FOUNDATION TRUST"),
    ("BHFT", "BERKSHIRE HEALTHCARE NHS FOUNDATION TRUST"),
    (
        "UHS",
        "UNIVERSITY HOSPITAL SOUTHAMPTON NHS FOUNDATION TRUST",
    ),
    ("RUH", "ROYAL UNITED HOSPITALS BATH NHS FOUNDATION TRUST"),
    (
        "BHRUT",
        "BARKING, HAVERING AND REDBRIDGE UNIVERSITY HOSPITALS NHS TRUST",
    ),
    ("ESTH", "EPSOM AND ST HELIER UNIVERSITY HOSPITALS NHS TRUST"),
    ("RMH", "THE ROYAL MARSDEN NHS FOUNDATION TRUST"),
];

#[test]
fn initialisms_find_their_trust_or_nothing_never_a_wrong_one() {
    let (mut right, mut none, mut wrong) = (Vec::new(), Vec::new(), Vec::new());
    for (abbr, expected) in ABBREVIATIONS {
        assert!(
            dataset().trust_by_name(expected).is_some(),
            "test list names a trust not in the data: {expected}"
        );
        match best_name(abbr) {
            Some(got) if got == *expected => right.push(*abbr),
            Some(got) => wrong.push((*abbr, got)),
            None => {
                // Unmatched is acceptable only if the right trust is offered to choose from.
                let r = match_organisation(abbr);
                let offered = r
                    .alternatives
                    .iter()
                    .any(|m| dataset_name(m.org) == *expected);
                none.push((*abbr, offered));
            }
        }
    }
    let accuracy = right.len() as f64 / ABBREVIATIONS.len() as f64;
    println!(
        "initialisms: {} of {} right ({:.0}%), {} unmatched {:?}, {} wrong",
        right.len(),
        ABBREVIATIONS.len(),
        accuracy * 100.0,
        none.len(),
        none,
        wrong.len()
    );
    assert!(wrong.is_empty(), "confidently wrong: {wrong:?}");
    assert!(right.len() >= 77, "only {} right", right.len());
    // Shared initialisms offer the right trust among the alternatives.
    for (abbr, offered) in &none {
        if ["MFT", "STH", "KCH", "NHFT", "BHFT", "UHS", "CWP", "CPFT"].contains(abbr) {
            assert!(offered, "{abbr}: right trust not offered");
        }
    }
}

#[test]
fn unrelated_names_match_nothing() {
    for query in [
        "Information Commissioners Office",
        "Information Commissioner's Office",
        "Wycliffe House",
        "Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF",
        "NHS England",
        "Department of Health and Social Care",
        "Care Quality Commission",
        "Freedom of Information Act 2000",
        "Digital Maturity Assessment",
        "Trust",
        "NHS Trust",
        "The Trust",
        "",
        "   ",
        "2023/24",
        "£16,467,000",
    ] {
        let r = match_organisation(query);
        assert_eq!(
            r.best,
            None,
            "{query:?} matched {:?}",
            r.best.as_ref().map(|m| m.org.name())
        );
        assert!(r.note.is_some());
    }
}

#[test]
fn organisations_outside_the_dataset_say_so() {
    // A Welsh trust is an NHS trust in the ODS list, not in England's DMA.
    let r = match_organisation("Welsh Ambulance Services NHS Trust");
    assert_eq!(r.best, None);
    let note = r.note.unwrap();
    assert!(
        note.contains("RT4") && note.contains("no row in the DMA 2025 data"),
        "{note}"
    );
    // A trust that closed with no successor in the data.
    let r = match_organisation("Mid Staffordshire NHS Foundation Trust");
    assert_eq!(r.best, None);
    assert!(r.note.unwrap().contains("closed on 2017-10-31"));
}

#[test]
fn ambiguous_queries_return_alternatives_not_a_guess() {
    let r = match_organisation("STH");
    assert_eq!(r.best, None);
    let names: Vec<String> = r.alternatives.iter().map(|m| dataset_name(m.org)).collect();
    assert!(names.contains(&"SHEFFIELD TEACHING HOSPITALS NHS FOUNDATION TRUST".to_string()));
    assert!(names.contains(&"THE SHREWSBURY AND TELFORD HOSPITAL NHS TRUST".to_string()));
    // A place shared by several trusts' names is a question even when one name adds less.
    for (place, expected) in [
        (
            "Oxford",
            [
                "OXFORD HEALTH NHS FOUNDATION TRUST",
                "OXFORD UNIVERSITY HOSPITALS NHS FOUNDATION TRUST",
            ],
        ),
        (
            "Sheffield",
            [
                "SHEFFIELD TEACHING HOSPITALS NHS FOUNDATION TRUST",
                "SHEFFIELD CHILDREN'S NHS FOUNDATION TRUST",
            ],
        ),
        (
            "Leeds",
            [
                "LEEDS TEACHING HOSPITALS NHS TRUST",
                "LEEDS COMMUNITY HEALTHCARE NHS TRUST",
            ],
        ),
    ] {
        let r = match_organisation(place);
        assert_eq!(r.best, None, "{place}");
        let offered: Vec<String> = r.alternatives.iter().map(|m| dataset_name(m.org)).collect();
        for e in expected {
            assert!(offered.contains(&e.to_string()), "{place}: {offered:?}");
        }
    }
    let r = match_organisation("Birmingham");
    assert_eq!(r.best, None);
    assert!(r.alternatives.len() >= 3);
    assert!(r.alternatives.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(r.alternatives.iter().all(|m| m.score < MATCH_THRESHOLD));
}

#[test]
fn the_searchable_list_covers_every_organisation() {
    let list = organisation_list();
    assert_eq!(list.len(), 204 + 42);
    assert!(list
        .windows(2)
        .all(|w| w[0].label.to_lowercase() <= w[1].label.to_lowercase()));
    let dudley = list
        .iter()
        .find(|c| c.label == "The Dudley Group NHS Foundation Trust")
        .unwrap();
    assert_eq!(
        dudley.detail,
        "Trust · Community & Acute · Midlands · NHS Black Country Integrated Care Board"
    );
    assert_eq!(search_organisations("", 10).len(), 10);
    let typed = search_organisations("dud", 5);
    assert_eq!(typed[0].0.label, "The Dudley Group NHS Foundation Trust");
    assert_eq!(
        search_organisations("LPT", 3)[0].0.label,
        "Leicestershire Partnership NHS Trust"
    );
    assert_eq!(
        search_organisations("DY1 2HQ", 3)[0].0.label,
        "The Dudley Group NHS Foundation Trust"
    );
    let leic = search_organisations("leicester", 10);
    assert!(leic.len() >= 3, "{leic:?}");
    assert!(search_organisations("zzzzqqq", 10).is_empty());
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(bench_support::repo_path(&format!("tests/fixtures/{name}"))).unwrap()
}

#[test]
fn whole_responses_are_placed_by_letterhead_and_signature() {
    let text = fixture("dudley_it_spend_dma_himss_2025.txt");
    let m = find_organisation_in_text(&text);
    let best = m.result.best.expect("Dudley found");
    assert_eq!(
        dataset_name(best.org),
        "THE DUDLEY GROUP NHS FOUNDATION TRUST"
    );
    let kinds: Vec<CueKind> = m.cues.iter().map(|c| c.kind).collect();
    assert!(kinds.contains(&CueKind::Postcode) && kinds.contains(&CueKind::Address));
    for c in &m.cues {
        let quoted = c.span.text(&text);
        match c.kind {
            CueKind::Postcode => assert_eq!(quoted, "DY1 2HQ"),
            CueKind::Address => assert!(quoted.starts_with("Russell"), "{quoted:?}"),
            CueKind::Name => assert!(quoted.contains("Dudley Group"), "{quoted:?}"),
            CueKind::Abbreviation => {}
        }
    }

    let text = fixture("lpt_it_spend_dma_himss_2025.txt");
    let m = find_organisation_in_text(&text);
    let best = m.result.best.expect("LPT found");
    assert_eq!(
        dataset_name(best.org),
        "LEICESTERSHIRE PARTNERSHIP NHS TRUST"
    );
    assert!(m
        .cues
        .iter()
        .any(|c| c.kind == CueKind::Name
            && c.span.text(&text) == "Leicestershire Partnership NHS Trust"));

    // A system-wide strategy written jointly by several trusts: no single answer.
    let text = fixture("llr_digital_strategy_2022_25.txt");
    let m = find_organisation_in_text(&text);
    assert_eq!(m.result.best, None);
    let names: Vec<String> = m
        .result
        .alternatives
        .iter()
        .map(|a| dataset_name(a.org))
        .collect();
    assert!(names.contains(&"LEICESTERSHIRE PARTNERSHIP NHS TRUST".to_string()));
    assert!(names.contains(&"UNIVERSITY HOSPITALS OF LEICESTER NHS TRUST".to_string()));
}

#[test]
fn a_reply_naming_its_icb_and_a_partner_is_still_the_senders() {
    let text = "Walsall Healthcare NHS Trust\nManor Hospital, Moat Road, Walsall WS2 9PS\n\n\
        Dear requester,\nThank you for your request. Our DMA submission was agreed with NHS Black \
        Country Integrated Care Board and our partners at The Royal Wolverhampton NHS Trust, who \
        host our shared EPR.\n\nYours sincerely,\nFOI Team, Walsall Healthcare NHS Trust";
    let m = find_organisation_in_text(text);
    let best = m.result.best.expect("sender found");
    assert_eq!(dataset_name(best.org), "WALSALL HEALTHCARE NHS TRUST");
    assert!(m
        .result
        .alternatives
        .iter()
        .any(|a| dataset_name(a.org) == "THE ROYAL WOLVERHAMPTON NHS TRUST"));
}

#[test]
fn a_parsed_response_uses_its_name_and_falls_back_to_the_text() {
    let text = fixture("dudley_it_spend_dma_himss_2025.txt");
    let with_name = |name: &str| Response {
        organisation: Some(Value::found(name.to_string(), Span::new(0, 1))),
        ..Response::default()
    };
    let dudley = "THE DUDLEY GROUP NHS FOUNDATION TRUST";
    // The extractor's name wins when it is confident...
    let r = organisation_of_response(&with_name("Dudley Group FT"), &text);
    assert_eq!(r.best.map(|m| dataset_name(m.org)).as_deref(), Some(dudley));
    // ... the letterhead decides when there is no name or it matches nothing ...
    for response in [
        Response::default(),
        with_name("Freedom of Information Team"),
    ] {
        let r = organisation_of_response(&response, &text);
        let best = r.best.expect("found from the letterhead");
        assert_eq!(dataset_name(best.org), dudley);
    }
    // ... and an unclear name in a text without cues keeps the name's alternatives.
    let r = organisation_of_response(&with_name("Birmingham"), "Dear requester, thank you.");
    assert_eq!(r.best, None);
    assert!(r.alternatives.len() >= 3);
}

#[test]
fn a_letter_from_the_ico_names_no_trust() {
    let text = "Information Commissioner's Office\nWycliffe House, Water Lane, Wilmslow, Cheshire \
        SK9 5AF\n\nDecision notice. The public authority must respond within 35 days.";
    let m = find_organisation_in_text(text);
    assert_eq!(m.result.best, None);
    assert!(m.cues.is_empty());
}

/// A small deterministic generator, so the property tests need no dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn string(&mut self, max_len: usize) -> String {
        const PIECES: &[&str] = &[
            "NHS",
            " ",
            "Trust",
            "Foundation",
            "&",
            "'",
            "’",
            "(",
            ")",
            "St.",
            "DY1 2HQ",
            "\n",
            "\t",
            "é",
            "ß",
            "İ",
            "🏥",
            "ICB",
            "Integrated Care Board",
            "FT",
            "0",
            "9",
            "-",
            ",",
            "Dudley",
            "Leicester",
            "UHL",
            "\u{0}",
            "\u{200b}",
        ];
        let len = (self.next() as usize) % max_len;
        (0..len)
            .map(|_| {
                if self.next() % 3 == 0 {
                    char::from_u32((self.next() % 0x2FFF) as u32)
                        .unwrap_or('x')
                        .to_string()
                } else {
                    PIECES[(self.next() as usize) % PIECES.len()].to_string()
                }
            })
            .collect()
    }
}

#[test]
fn arbitrary_input_never_panics() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..400 {
        let s = rng.string(60);
        let r = match_organisation(&s);
        assert!(r
            .best
            .iter()
            .chain(&r.alternatives)
            .all(|m| (0.0..=1.0).contains(&m.score)));
        let _ = search_organisations(&s, 5);
        let m = find_organisation_in_text(&s);
        for c in &m.cues {
            assert!(
                s.get(c.span.start..c.span.end).is_some(),
                "span off a char boundary"
            );
        }
    }
}

#[test]
fn long_hostile_input_finishes_quickly() {
    // 300 KB of organisation-type words and postcodes: bounded work, no quadratic blow-up.
    let text = "The Trust NHS Foundation Trust DY1 2HQ Integrated Care Board ".repeat(5_000);
    let started = std::time::Instant::now();
    let _ = find_organisation_in_text(&text);
    let _ = match_organisation(&text);
    let elapsed = started.elapsed();
    assert!(elapsed.as_secs_f64() < 10.0, "took {elapsed:?}");
}
