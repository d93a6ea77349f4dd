//! The stored workspace: an older stored shape is migrated, and what was stored then is what
//! the user sees now.
// Native only: reads test data from the repository.
#![cfg(not(target_arch = "wasm32"))]

use foi_lens::model::{DmaStatus, Span};
use foi_lens::workspace::row::Row;
use foi_lens::workspace::storage::{decode, encode, VERSION};
use foi_lens::workspace::Outcome;

const V0: &str = include_str!("data/workspace_v0.json");

#[test]
fn a_version_0_workspace_is_migrated_with_every_value_and_mark_kept() {
    let loaded = decode(V0).unwrap();
    assert_eq!(loaded.migrated_from, Some(0));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let ws = &loaded.workspace;
    assert_eq!(ws.len(), 2);
    // Version 0 had no ids: they are given in order, and new entries continue after them.
    assert_eq!(ws.entries[0].id, 1);
    assert_eq!(ws.entries[1].id, 2);
    assert_eq!(ws.next_id, 3);

    let dudley = &ws.entries[0];
    assert_eq!(dudley.name, "dudley_it_spend_dma_himss_2025.txt");
    assert!(dudley
        .source
        .starts_with("\n\nTrust Headquarters Russells Hall Hospital"));
    let Outcome::Parsed(p) = &dudley.outcome else {
        panic!("dudley should be parsed")
    };
    // Version 0 kept only the corrected response: the correction stays marked, with no steps.
    assert!(p.steps().is_empty());
    let overall = p.current().dma.as_ref().unwrap().overall.clone().unwrap();
    assert_eq!(overall.value, 3.2);
    assert!(overall.edited);
    assert_eq!(overall.span, Some(Span::new(1784, 1787)));
    assert_eq!(overall.span.unwrap().text(&dudley.source), "3.1");
    let date = p.current().date.clone().unwrap();
    assert_eq!(date.span.unwrap().text(&dudley.source), "26.9.25");

    let lpt = Row::of(&ws.entries[1]);
    assert_eq!(lpt.dma_status, DmaStatus::Exempt);
    assert_eq!(lpt.exemptions, ["s22"]);
    assert_eq!(
        lpt.total_for(foi_lens::model::FinYear(2023)),
        Some(13_107_000)
    );
    assert_eq!(lpt.warnings, 1);

    // Saved again, it is the current version and reads back unchanged.
    let again = encode(ws);
    assert!(again.starts_with(&format!(
        "{{\"format\":\"foi-lens-workspace\",\"version\":{VERSION},"
    )));
    let reread = decode(&again).unwrap();
    assert_eq!(&reread.workspace, ws);
    assert_eq!(reread.migrated_from, None);
}
