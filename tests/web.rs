//! Browser tests (wasm-bindgen-test in headless Chromium): the Yew app mounted in a real page.
//! Run with `cargo test --target wasm32-unknown-unknown --test web` (./x test does).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

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

fn text_of(id: &str) -> String {
    let doc = web_sys::window().unwrap().document().unwrap();
    doc.get_element_by_id(id)
        .unwrap_or_else(|| panic!("no #{id} on the page"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn app_mounts_with_the_example_reply_parsed_and_a_chart() {
    load_echarts();
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("main").unwrap();
    root.set_id("app");
    doc.body().unwrap().append_child(&root).unwrap();
    foi_lens::app::start();
    yew::platform::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        text_of("organisation"),
        "The Dudley Group NHS Foundation Trust"
    );
    let chart = doc.get_element_by_id("spend-chart").unwrap();
    assert!(
        chart.query_selector("canvas").unwrap().is_some(),
        "no canvas in #spend-chart: {}",
        chart.inner_html()
    );
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
fn a_share_link_round_trips_in_wasm_as_natively() {
    // DEFLATE (miniz_oxide) and base64url in wasm32 give the same code as natively, and read it back.
    let view = foi_lens::share::View {
        text: Some(foi_lens::app::EXAMPLE_RESPONSE.to_string()),
        edits: vec![("it_spend[0].total_gbp".into(), "16500000".into())],
        ..Default::default()
    };
    let code = foi_lens::share::encode(&view);
    assert!(code.starts_with("1z."), "{}", &code[..8]);
    assert!(code.len() < foi_lens::app::EXAMPLE_RESPONSE.len());
    assert_eq!(foi_lens::share::decode(&code), Ok(view));
    assert!(foi_lens::share::decode("1z.AAAA").is_err());
}
