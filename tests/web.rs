//! Browser tests (wasm-bindgen-test in headless Chromium): the app's reducer and the mounted app
//! in a real page. Run with `cargo test --target wasm32-unknown-unknown --test web` (./x test
//! does).
#![cfg(all(target_arch = "wasm32", feature = "app"))]

use foi_lens::app::batch::BatchAction;
use foi_lens::app::examples::{by_key, EXAMPLES};
use foi_lens::app::state::{Action, NoticeKind, State};
use foi_lens::report::fields::Path;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

/// The runner's page has no ECharts: inject the vendored build (inline scripts run synchronously).
fn load_echarts() {
    let doc = web_sys::window().unwrap().document().unwrap();
    if doc.get_element_by_id("echarts-js").is_some() {
        return;
    }
    let s = doc.create_element("script").unwrap();
    s.set_id("echarts-js");
    s.set_text_content(Some(include_str!("../www/vendor/echarts.min.js")));
    doc.head().unwrap().append_child(&s).unwrap();
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn text_of(selector: &str) -> String {
    document()
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector} on the page"))
        .text_content()
        .unwrap_or_default()
}

fn dudley() -> Rc<State> {
    let e = by_key("dudley").unwrap();
    Rc::new(State::with_text(e.name, e.text))
}

fn reduce(s: &Rc<State>, a: Action) -> Rc<State> {
    s.clone().reduce(a)
}

fn organisation(s: &State) -> Option<String> {
    s.doc
        .as_ref()?
        .response
        .organisation
        .as_ref()
        .map(|o| o.value.clone())
}

fn total(s: &State, year: usize) -> Option<i64> {
    s.doc
        .as_ref()?
        .response
        .it_spend
        .get(year)?
        .total
        .as_ref()
        .map(|v| v.value)
}

#[wasm_bindgen_test]
fn the_core_parses_in_wasm_exactly_as_natively() {
    let r = foi_lens::parse(foi_lens::app::EXAMPLE_RESPONSE);
    let totals: Vec<Option<i64>> = r
        .it_spend
        .iter()
        .map(|s| s.total.as_ref().map(|v| v.value))
        .collect();
    assert_eq!(totals, vec![Some(16_467_000), Some(18_351_000)]);
}

#[wasm_bindgen_test]
fn bad_input_never_replaces_what_is_on_screen() {
    let s = dudley();
    let doc = s.doc.clone().unwrap();
    for (input, says) in [
        ("   \n", "The paste area is empty"),
        (
            "Minutes of the AGM. The chair thanked the volunteers.",
            "No FOI figures found",
        ),
    ] {
        let next = reduce(&s, Action::Input(input.into()));
        assert!(Rc::ptr_eq(next.doc.as_ref().unwrap(), &doc), "{input:?}");
        let notice = next.notice.as_ref().expect("a message");
        assert_eq!(notice.kind, NoticeKind::Problem);
        assert!(notice.text.starts_with(says), "{}", notice.text);
        assert!(notice
            .text
            .contains("still those of The Dudley Group NHS Foundation Trust"));
    }
    // A binary file: refused, and the paste area is not overwritten either.
    let png: Vec<u8> = [0x89, b'P', b'N', b'G', 13, 10, 26, 10]
        .into_iter()
        .chain((0..4000u32).map(|i| (i * 37 % 256) as u8))
        .collect();
    // (Files are parsed in the worker; its answer for a file dropped on its own is opened.)
    let text = foi_lens::ingest::extract_text("scan.png", &png)
        .map(|d| d.text)
        .unwrap_or_default();
    let next = reduce(&s, Action::Batch(BatchAction::OpenWhenParsed(vec![7])));
    let next = reduce(
        &next,
        Action::Batch(BatchAction::Parsed {
            job: 7,
            name: "scan.png".into(),
            response: Box::new(foi_lens::parse(&text)),
            text,
            auto_match: None,
        }),
    );
    assert_eq!(
        organisation(&next).as_deref(),
        Some("The Dudley Group NHS Foundation Trust")
    );
    assert_eq!(next.input, s.input);
    assert_eq!(next.notice.as_ref().unwrap().kind, NoticeKind::Problem);
    // A real reply replaces it, and the message goes.
    let lpt = by_key("lpt").unwrap();
    let next = reduce(&next, Action::Input(lpt.text.into()));
    assert_eq!(
        organisation(&next).as_deref(),
        Some("Leicestershire Partnership NHS Trust")
    );
    assert!(next.notice.is_none());
}

#[wasm_bindgen_test]
fn corrections_are_checked_marked_flow_into_charts_and_can_be_undone() {
    let s = dudley();
    let path = Path::SpendTotal(1);
    let s = reduce(&s, Action::StartEdit(path));
    assert_eq!(s.editing.as_ref().unwrap().path, path);
    let refused = reduce(&s, Action::CommitEdit(path, "lots".into()));
    let ed = refused.editing.as_ref().expect("still editing");
    assert!(ed
        .error
        .as_ref()
        .unwrap()
        .contains("is not an amount of money"));
    assert_eq!(ed.typed.as_deref(), Some("lots"));
    assert_eq!(total(&refused, 1), Some(18_351_000));

    let kept = reduce(&refused, Action::CommitEdit(path, "£20m".into()));
    assert!(kept.editing.is_none());
    assert_eq!(total(&kept, 1), Some(20_000_000));
    let doc = kept.doc.as_ref().unwrap();
    assert!(doc.is_edited(path));
    assert!(doc.response.it_spend[1].total.as_ref().unwrap().edited);
    assert_eq!(
        doc.parsed.it_spend[1].total.as_ref().unwrap().value,
        18_351_000
    );
    let spend = &kept.derived.as_ref().unwrap().spend.option;
    let rest = spend["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Not broken down")
        .unwrap();
    assert_eq!(rest["data"][1], serde_json::json!(13.69));
    assert!(kept
        .derived
        .as_ref()
        .unwrap()
        .summary
        .contains("spent £20.0m on IT in 2024/25"));

    let undone = reduce(&kept, Action::RevertEdit(path));
    assert_eq!(total(&undone, 1), Some(18_351_000));
    assert!(!undone.doc.as_ref().unwrap().is_edited(path));
}

#[wasm_bindgen_test]
fn clear_can_be_undone_and_examples_load() {
    let s = dudley();
    let cleared = reduce(&s, Action::Clear);
    assert!(cleared.doc.is_none());
    assert_eq!(&*cleared.input, "");
    let back = reduce(&cleared, Action::UndoClear);
    assert_eq!(organisation(&back), organisation(&s));
    assert_eq!(back.input, s.input);
    let lpt = reduce(&back, Action::LoadExample(&EXAMPLES[1]));
    assert_eq!(
        organisation(&lpt).as_deref(),
        Some("Leicestershire Partnership NHS Trust")
    );
    assert_eq!(&*lpt.input, EXAMPLES[1].text);
}

#[wasm_bindgen_test]
async fn app_mounts_shows_figures_and_focus_highlights_the_evidence() {
    load_echarts();
    let doc = document();
    let root = doc.create_element("main").unwrap();
    root.set_id("app");
    doc.body().unwrap().append_child(&root).unwrap();
    foi_lens::app::start();
    yew::platform::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        text_of("#organisation"),
        "The Dudley Group NHS Foundation Trust"
    );
    assert_eq!(
        text_of("[data-path=\"it_spend[0].total_gbp\"] .value-text"),
        "£16,467,000"
    );
    for id in ["spend-chart", "radar-chart"] {
        let chart = doc.get_element_by_id(id).unwrap();
        assert!(
            chart.query_selector("canvas").unwrap().is_some(),
            "no canvas in #{id}: {}",
            chart.inner_html()
        );
    }
    // Focusing a value marks its evidence in the source text (as text, not HTML).
    let button: web_sys::HtmlElement = doc
        .query_selector("[data-path=\"it_spend[0].total_gbp\"] button.value")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    button.focus().unwrap();
    yew::platform::time::sleep(std::time::Duration::from_millis(100)).await;
    assert_eq!(text_of("#evidence-mark"), "£16,467,000");
    assert!(text_of("#evidence-caption").starts_with("Evidence for IT spend 2023/24, total"));
    root.remove();
}

#[wasm_bindgen_test]
fn a_share_link_round_trips_in_wasm_as_natively() {
    // DEFLATE (miniz_oxide) and base64url in wasm32 give the same code as natively, and read it back.
    let view = foi_lens::share::View {
        text: Some(foi_lens::app::examples::EXAMPLES[0].text.to_string()),
        edits: vec![("it_spend[0].total_gbp".into(), "16500000".into())],
        ..Default::default()
    };
    let code = foi_lens::share::encode(&view);
    assert!(code.starts_with("1z."), "{}", &code[..8]);
    assert!(code.len() < foi_lens::app::examples::EXAMPLES[0].text.len());
    assert_eq!(foi_lens::share::decode(&code), Ok(view));
    assert!(foi_lens::share::decode("1z.AAAA").is_err());
}

#[wasm_bindgen_test]
fn a_shared_view_opens_with_its_corrections_choices_and_chart() {
    use foi_lens::bench::PeerGroup;
    use foi_lens::share::charts::ChartKey;
    use foi_lens::share::open::{link_view, open};
    let e = by_key("dudley").unwrap();
    let choices = foi_lens::chart::compare::Choices {
        group: PeerGroup::SameRegion,
        ..Default::default()
    };
    let edits = vec![(Path::SpendTotal(0), "17000000".to_string())];
    let view = link_view(e.name, e.text, &edits, &choices, Some("dma"));
    let code = foi_lens::share::encode(&view);
    let opened = open(&foi_lens::share::decode(&code).unwrap()).unwrap();
    let s = reduce(
        &Rc::new(State::default()),
        Action::OpenShared(Rc::new(opened)),
    );
    assert_eq!(total(&s, 0), Some(17_000_000));
    assert!(s.doc.as_ref().unwrap().is_edited(Path::SpendTotal(0)));
    assert_eq!(s.choices.group, PeerGroup::SameRegion);
    assert_eq!(s.shared_chart(), Some(ChartKey::Dma));
    assert!(!s.figures_only);
    let notice = s.notice.clone().unwrap();
    assert_eq!(notice.kind, NoticeKind::Info);
    assert!(
        notice
            .text
            .starts_with("Opened a shared view of The Dudley Group NHS Foundation Trust"),
        "{}",
        notice.text
    );
    // A chart the figures do not allow falls back to the first they do.
    let s = reduce(&s, Action::PickChart(ChartKey::Table(3)));
    assert_eq!(s.shared_chart(), Some(ChartKey::Spend));
}
