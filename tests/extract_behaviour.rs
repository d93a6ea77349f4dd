//! The extraction rules one by one, through the public `parse` and the JSON contract: what is
//! read, what is refused (null plus a warning), and that evidence quotes the user's own text.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value as Json;

fn contract(text: &str) -> Json {
    foi_lens::report::json::to_contract(&foi_lens::parse(text), text)
}

fn warnings(j: &Json) -> Vec<String> {
    j["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["message"].as_str().unwrap().to_string())
        .collect()
}

fn year<'a>(j: &'a Json, y: &str) -> &'a Json {
    j["it_spend"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["year"] == y)
        .unwrap_or(&Json::Null)
}

#[test]
fn evidence_quotes_the_original_bytes_through_crlf_nbsp_and_soft_hyphens() {
    let text = "1. IT spend\r\nThe Trust\u{2019}s total IT ex\u{AD}penditure for FY\u{A0}2024/2025 was \u{A3}19\u{A0}802\u{A0}310.\r\n";
    let j = contract(text);
    assert_eq!(year(&j, "2024/25")["total_gbp"], 19_802_310);
    assert_eq!(
        j["evidence"]["it_spend[0].total_gbp"]["text"],
        "\u{A3}19\u{A0}802\u{A0}310"
    );
}

#[test]
fn a_wrapped_not_held_answer_gives_no_value_to_the_rows_it_spans() {
    let text = "Question\tResponse\nWhat is your whole Trust's IT spend?\t\nFY 2023/2024 (£):\t\nCapital & Revenue Cost\t£12,870,000\nSoftware\tThe remaining £7,965,000 covers software,\nServices\tservices and hardware and\nHardware\tcannot be split further.\n";
    let j = contract(text);
    let y = year(&j, "2023/24");
    assert_eq!(y["total_gbp"], 12_870_000);
    for k in ["software", "services", "hardware"] {
        assert_eq!(y["breakdown"][k], Json::Null, "{k}");
    }
    assert!(warnings(&j).iter().any(|w| w.contains("£7,965,000")));
}

#[test]
fn the_acts_quoted_text_is_neither_a_value_nor_a_second_exemption() {
    let text = "2. Digital Maturity Assessment (DMA) scores?\nOUR RESPONSE: this is exempt under Section 22 of the Act, which states:\nSection 22\n(1) Information is exempt information if—\n(a) the information is held with a view to its publication by section 21 bodies\n";
    let j = contract(text);
    assert_eq!(j["dma"], Json::Null);
    assert_eq!(j["dma_status"], "exempt");
    assert_eq!(j["exemptions"], serde_json::json!(["s22"]));
}

#[test]
fn the_request_restated_gives_no_values_and_no_status() {
    let text = "2. Based on your most recent Digital Maturity Assessment (DMA) submission, please provide:\na) Your overall DMA score (on a scale of 1.0 to 5.0).\nb) the seven DMA pillars:\n1. Well Led\n2. Safe Practice\n3. Which HIMSS EMRAM score have your Trust currently achieved (0-7)? If not held, please say so.\n";
    let j = contract(text);
    assert_eq!(j["dma"], Json::Null);
    assert_eq!(j["emram_stage"], Json::Null);
    assert_eq!(j["dma_status"], "not_answered");
    assert_eq!(j["himss_status"], "not_answered");
}

#[test]
fn phone_numbers_dates_references_and_the_cost_limit_are_not_spend() {
    let text = "1. IT spend\nRef: FOI-072025-0001722\nDate: 26.9.25\nTel: 0303 123 1113\nThe appropriate limit of £450 for 2024/25 is 18 hours at £25 per hour.\n";
    let j = contract(text);
    assert_eq!(j["it_spend"], serde_json::json!([]));
    assert_eq!(j["reference"], "FOI-072025-0001722");
    assert_eq!(j["date"], "2025-09-26");
}

#[test]
fn a_bare_fy24_is_never_guessed() {
    let j = contract("1. IT spend\nFY24: £3,204,000\n");
    assert_eq!(j["it_spend"], serde_json::json!([]));
    assert!(
        warnings(&j).iter().any(|w| w.contains("FY24")),
        "{:?}",
        warnings(&j)
    );
}

#[test]
fn every_year_form_and_unit_is_read() {
    let j = contract("IT spend\nFY 2019/2020: £1,100,000\n2020-21: £1.2m\n21/22: £1,300k\nfinancial year ending March 2023: £1.4 million\n");
    assert_eq!(year(&j, "2019/20")["total_gbp"], 1_100_000);
    assert_eq!(year(&j, "2020/21")["total_gbp"], 1_200_000);
    assert_eq!(year(&j, "2021/22")["total_gbp"], 1_300_000);
    assert_eq!(year(&j, "2022/23")["total_gbp"], 1_400_000);
}

#[test]
fn units_from_a_column_heading() {
    let j = contract("IT spend (£000)\nCategory\t2023/24\t2024/25\nIT staff\t3,412\t3,655\nTotal\t8,158\t8,785\n");
    assert_eq!(year(&j, "2023/24")["total_gbp"], 8_158_000);
    assert_eq!(year(&j, "2024/25")["breakdown"]["staff"], 3_655_000);
}

#[test]
fn vat_remarks_are_kept_as_notes_and_values_as_printed() {
    let j = contract("IT spend\n2023/24: £5,000,000\nAll figures include VAT.\n");
    assert_eq!(year(&j, "2023/24")["total_gbp"], 5_000_000);
    let vat = j["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["message"].as_str().unwrap().contains("VAT"))
        .expect("a VAT note");
    assert_eq!(vat["level"], "note");
    assert_eq!(vat["span"]["text"], "All figures include VAT.");
}

#[test]
fn parts_larger_than_the_total_are_kept_and_flagged() {
    let j =
        contract("IT spend (£k)\nYear\tStaff\tSoftware\tTotal\n2023/24\t9,250\t6,100\t12,000\n");
    let y = year(&j, "2023/24");
    assert_eq!(y["total_gbp"], 12_000_000);
    assert_eq!(y["breakdown"]["staff"], 9_250_000);
    let w = j["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["field"] == "it_spend[0].breakdown")
        .expect("breakdown warning");
    assert!(w["message"].as_str().unwrap().contains("15,350,000"));
}

#[test]
fn conflicting_figures_are_left_empty_with_both_quoted() {
    let text = "IT spend: approximately £14m in 2023/24.\nTotal IT spend 2023/24: £13,107,000\n";
    let j = contract(text);
    assert_eq!(year(&j, "2023/24")["total_gbp"], Json::Null);
    let w = j["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["field"] == "it_spend[0].total_gbp")
        .expect("conflict warning");
    let m = w["message"].as_str().unwrap();
    assert!(m.contains("£14m") && m.contains("£13,107,000"), "{m}");
    assert!(w["span"]["text"].as_str().is_some());
}

#[test]
fn agreeing_figures_at_different_precision_keep_the_precise_one() {
    let j = contract("IT spend: £13.1m in 2023/24.\nTotal IT spend 2023/24: £13,107,000\n");
    assert_eq!(year(&j, "2023/24")["total_gbp"], 13_107_000);
}

#[test]
fn pillars_in_any_order_case_and_alias() {
    let j = contract("DMA scores\nHEALTHY POPULATIONS: 2.1\nsupport workforce - 2.9\nEmpower People (2.0)\nwell-led 3.3\n");
    let p = &j["dma"]["pillars"];
    assert_eq!(p["healthy_populations"], 2.1);
    assert_eq!(p["support_people"], 2.9);
    assert_eq!(p["empower_citizens"], 2.0);
    assert_eq!(p["well_led"], 3.3);
    assert_eq!(j["dma_status"], "partial");
}

#[test]
fn scores_written_before_names_are_tied_by_for_not_shifted() {
    let j = contract("DMA: we scored 2.3 overall. By pillar we scored 2.9 for Well Led, 2.4 for Safe Practice and 1.7 for Empower Citizens.\n");
    let p = &j["dma"]["pillars"];
    assert_eq!(j["dma"]["overall"], 2.3);
    assert_eq!(p["well_led"], 2.9);
    assert_eq!(p["safe_practice"], 2.4);
    assert_eq!(p["empower_citizens"], 1.7);
}

#[test]
fn pillar_numbering_is_not_a_score() {
    let j = contract("DMA\nPillar 1 - Well Led: 3.4; Pillar 2 - Safe Practice: 2.9\n");
    assert_eq!(j["dma"]["pillars"]["well_led"], 3.4);
    assert_eq!(j["dma"]["pillars"]["safe_practice"], 2.9);
    let j = contract(
        "DMA scores: 1) Well Led 3.4 2) Ensure Smart Foundations 3.0 3) Safe Practice 2.8\n",
    );
    assert_eq!(j["dma"]["pillars"]["well_led"], 3.4);
    assert_eq!(j["dma"]["pillars"]["ensure_smart_foundations"], 3.0);
    assert_eq!(j["dma"]["pillars"]["safe_practice"], 2.8);
}

#[test]
fn a_trusts_own_cost_centres_are_not_the_requested_categories() {
    let j = contract("IT spend\n\t2023/24\nService Desk\t£1,200,000\nClinical Systems\t£2,000,000\nTotal\t£3,200,000\n");
    let y = year(&j, "2023/24");
    assert_eq!(y["total_gbp"], 3_200_000);
    assert_eq!(y["breakdown"]["services"], Json::Null);
    assert_eq!(y["breakdown"]["software"], Json::Null);
}

#[test]
fn out_of_scale_scores_are_refused() {
    let j = contract("DMA scores\nWell Led\t43\nSafe Practice\t2.8\n");
    assert_eq!(j["dma"]["pillars"]["well_led"], Json::Null);
    assert_eq!(j["dma"]["pillars"]["safe_practice"], 2.8);
    assert!(warnings(&j)
        .iter()
        .any(|w| w.contains("outside the DMA scale")));
}

#[test]
fn an_overall_far_from_the_pillar_mean_is_flagged() {
    let j = contract("DMA\nOverall: 4.6\nWell Led 3.0, Ensure Smart Foundations 2.5, Safe Practice 2.4, Support People 2.7, Empower Citizens 2.1, Improve Care 2.8, Healthy Populations 2.4\n");
    assert_eq!(j["dma"]["overall"], 4.6);
    assert!(j["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["field"] == "dma.overall"));
}

#[test]
fn two_scores_on_a_row_are_read_by_their_year_headings() {
    let j = contract("DMA\nPillar\t2024\t2025\nWell Led\t2.8\t3.1\n");
    assert_eq!(j["dma"]["pillars"]["well_led"], 3.1);
    let j = contract("DMA\nWell Led\t2.8\t3.1\n");
    assert_eq!(
        j["dma"],
        Json::Null,
        "no headings: which is current is unknown"
    );
}

#[test]
fn himss_targets_scales_and_outpatient_models_are_not_stages() {
    let j = contract("3. HIMSS\nWhich HIMSS EMRAM score have your Trust currently achieved (0-7): Stage 2\nWe are working towards EMRAM Stage 5 by 2027. O-EMRAM stage 6.\nINFRAM: scored from stage 0 to stage 7; we are at stage 3.\n");
    assert_eq!(j["emram_stage"], 2);
    assert_eq!(j["infram_stage"], 3);
    assert_eq!(j["himss_status"], "disclosed");
}

#[test]
fn himss_refusals_and_absences() {
    let j = contract(
        "3. HIMSS\nOUR RESPONSE: Not applicable - no HIMSS assessment and no plans to undertake.\n",
    );
    assert_eq!(j["himss_status"], "not_assessed");
    let j = contract("3. HIMSS EMRAM?\nThis information is not held by the Trust.\n");
    assert_eq!(j["himss_status"], "not_held");
}

#[test]
fn exemptions_count_only_when_applied() {
    let j = contract("1. IT spend\nThe breakdown is withheld under section 43(2) (commercial interests). We have not applied section 40.\nIf you rely on section 21, please say so.\n");
    assert_eq!(j["exemptions"], serde_json::json!(["s43"]));
    let j = contract("Your request is refused in full under section 12 as it would exceed the appropriate limit.\n");
    assert_eq!(j["exemptions"], serde_json::json!(["s12"]));
    assert_eq!(j["dma_status"], "exempt");
    assert_eq!(j["himss_status"], "exempt");
}

#[test]
fn the_writer_is_the_trust_not_the_ico_or_the_requester() {
    let text = "Ms A Researcher\nHealth Data Insight Ltd\n\nKingsmere NHS Foundation Trust\nDear Ms Researcher\nYou may complain to the Information Commissioner's Office, Wycliffe House, Wilmslow SK9 5AF.\nYours sincerely\nKingsmere NHS Foundation Trust\n";
    assert_eq!(
        contract(text)["organisation"],
        "Kingsmere NHS Foundation Trust"
    );
    let even = "Northgate NHS Trust and Southgate NHS Trust share an EPR.\n";
    let j = contract(even);
    assert_eq!(j["organisation"], Json::Null);
    assert!(warnings(&j)
        .iter()
        .any(|w| w.contains("several NHS bodies")));
}

#[test]
fn a_name_broken_across_letterhead_lines_is_joined() {
    let j = contract("Royal Tamar Valley Hospitals\nNHS Foundation Trust\n\nDate: 05/09/2025\n");
    assert_eq!(
        j["organisation"],
        "Royal Tamar Valley Hospitals NHS Foundation Trust"
    );
    assert_eq!(
        j["evidence"]["organisation"]["text"],
        "Royal Tamar Valley Hospitals\nNHS Foundation Trust"
    );
}

#[test]
fn response_dates_not_request_dates() {
    let j = contract("Date received: 3 July 2025\nDate of response: 26 September 2025\nThank you for your request dated 3 July 2025.\n");
    assert_eq!(j["date"], "2025-09-26");
    let j = contract("Our ref: FOI 25/1\nDate: 26/09/2025\n");
    assert_eq!(j["date"], "2025-09-26");
}

#[test]
fn a_credit_part_is_kept_but_a_negative_total_is_refused() {
    let j = contract("IT spend\nCategory\t2023/24\nOther\t(12,000)\nTotal\t(4,106,500)\n");
    let y = year(&j, "2023/24");
    assert_eq!(y["breakdown"]["other"], -12_000);
    assert_eq!(y["total_gbp"], Json::Null);
}
