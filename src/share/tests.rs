//! Round trips, link lengths on the real fixtures, and hostile codes.

use super::*;
use crate::report::json::to_contract;
use serde_json::json;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn text_view(text: &str) -> View {
    View {
        text: Some(text.to_string()),
        name: Some("pasted text".into()),
        edits: vec![
            ("it_spend[0].total_gbp".into(), "16500000".into()),
            ("organisation".into(), "Dudley Group NHS FT".into()),
        ],
        trust: Some("The Dudley Group NHS Foundation Trust".into()),
        peers: Some("region".into()),
        chart: Some("dma".into()),
        setting: None,
        values: None,
    }
}

const BASE: &str = "https://example.org/foi-lens/";

#[test]
fn a_text_view_round_trips_exactly() {
    let view = text_view(&fixture("dudley_it_spend_dma_himss_2025.txt"));
    let code = encode(&view);
    assert!(code.starts_with("1z."), "{}", &code[..10]);
    assert_eq!(decode(&code), Ok(view));
}

#[test]
fn a_values_view_round_trips_exactly() {
    // The hand-checked contract of a real reply stands for what the app exports.
    let contract: Json =
        serde_json::from_str(&fixture("lpt_it_spend_dma_himss_2025.expected.json")).unwrap();
    let values = values_for_link(&contract);
    assert_eq!(
        values["organisation"],
        json!("Leicestershire Partnership NHS Trust")
    );
    let view = text_view("unused").with_values(values);
    assert_eq!(decode(&encode(&view)), Ok(view));
}

#[test]
fn unicode_and_control_characters_survive() {
    let view = View {
        text: Some("£16.4m — “DMA” ✓ 🏥\u{0}\r\n\t\u{202e}".into()),
        ..View::default()
    };
    assert_eq!(decode(&encode(&view)), Ok(view));
}

#[test]
fn a_plain_json_code_is_read_too() {
    // What www/embed.js writes for given values: base64url of the JSON, no DEFLATE.
    let json = r#"{"values":{"organisation":"A Trust","dma":{"overall":3.1}},"chart":"dma"}"#;
    let code = format!("1j.{}", base64url::encode(json.as_bytes()));
    let view = decode(&code).unwrap();
    assert_eq!(view.chart.as_deref(), Some("dma"));
    assert_eq!(
        Json::Object(view.values.unwrap()),
        json!({"organisation": "A Trust", "dma": {"overall": 3.1}})
    );
}

#[test]
fn unknown_keys_from_a_newer_foi_lens_are_ignored() {
    let json = r#"{"text":"x","zoom":3,"future":{"a":[1]}}"#;
    let code = format!("1j.{}", base64url::encode(json.as_bytes()));
    assert_eq!(decode(&code).unwrap().text.as_deref(), Some("x"));
}

#[test]
fn short_replies_fit_in_a_link_with_their_text() {
    for name in [
        "dudley_it_spend_dma_himss_2025.txt",
        "lpt_it_spend_dma_himss_2025.txt",
    ] {
        let text = fixture(name);
        let link = share_link(BASE, &text_view(&text), None).expect(name);
        assert_eq!(link.carries, Carries::Text, "{name}");
        // A 3 KB reply packs to about 60 % of its size, base64url included.
        assert!(
            link.url.len() < text.len() * 7 / 10,
            "{name}: {} -> {}",
            text.len(),
            link.url.len()
        );
        let code = link.url.strip_prefix(&format!("{BASE}#s=")).unwrap();
        assert_eq!(decode(code).unwrap().text.as_deref(), Some(text.as_str()));
    }
}

#[test]
fn a_long_document_falls_back_to_its_figures_or_says_it_is_too_long() {
    for name in [
        "llr_digital_strategy_2018_21.txt",
        "llr_digital_strategy_2022_25.txt",
    ] {
        let text = fixture(name);
        let view = text_view(&text);
        let err = share_link(BASE, &view, None).unwrap_err();
        assert!(err.bytes > MAX_LINK_BYTES, "{name}: {err:?}");
        let values = values_for_link(&to_contract(&crate::parse(&text), &text));
        match share_link(BASE, &view, Some(values.clone())) {
            Ok(link) => {
                assert_eq!(link.carries, Carries::Values, "{name}");
                assert!(link.url.len() <= MAX_LINK_BYTES);
                let code = link.url.split_once("#s=").unwrap().1;
                let back = decode(code).unwrap();
                assert_eq!(back.text, None);
                assert_eq!(back.values, Some(values), "{name}");
                assert_eq!(back.edits, vec![], "corrections travel inside the values");
                assert_eq!(back.peers.as_deref(), Some("region"));
            }
            Err(e) => assert!(e.bytes > MAX_LINK_BYTES, "{name}: {e:?}"),
        }
    }
}

#[test]
fn too_long_says_how_long_and_offers_the_json_export() {
    let msg = TooLong { bytes: 23_962 }.to_string();
    assert!(msg.contains("23.4 KB"), "{msg}");
    assert!(msg.contains("8 KB limit"), "{msg}");
    assert!(msg.contains("Export the JSON"), "{msg}");
}

#[test]
fn incompressible_text_is_refused_with_its_length() {
    // Pseudo-random text (a linear congruential generator): DEFLATE cannot shrink it.
    let mut x: u32 = 12345;
    let text: String = (0..9000)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from(b'!' + ((x >> 16) % 90) as u8)
        })
        .collect();
    let err = share_link(BASE, &text_view(&text), None).unwrap_err();
    assert!(err.bytes > 9000, "{err:?}");
}

// ---- hostile codes: a clear error, never a panic ----

fn err(code: &str) -> ShareError {
    decode(code).expect_err(code)
}

#[test]
fn empty_and_garbage_codes() {
    assert_eq!(err(""), ShareError::Empty);
    assert_eq!(err("   "), ShareError::Empty);
    for junk in [
        "hello", "z.abc", ".abc", "1x.abc", "1.abc", "1zz.abc", "abc.def", "1z",
    ] {
        assert_eq!(err(junk), ShareError::NotACode, "{junk}");
    }
}

#[test]
fn another_format_version_is_named() {
    let e = err("7z.AAAA");
    assert_eq!(e, ShareError::WrongVersion { found: 7 });
    let msg = e.to_string();
    assert!(msg.contains("link format 7"), "{msg}");
    assert!(msg.contains("reads format 1"), "{msg}");
    assert_eq!(err("0z.AAAA"), ShareError::WrongVersion { found: 0 });
    assert_eq!(
        err("999999999z.AAAA"),
        ShareError::WrongVersion { found: 999_999_999 }
    );
    assert_eq!(
        err("9999999999z.AAAA"),
        ShareError::NotACode,
        "absurd version"
    );
}

#[test]
fn a_changed_character_is_located() {
    let code = encode(&text_view("IT spend £16,467,000"));
    let mut damaged: Vec<char> = code.chars().collect();
    damaged[10] = '+';
    let damaged: String = damaged.into_iter().collect();
    assert_eq!(
        err(&damaged),
        ShareError::BadCharacter {
            index: 10,
            found: '+'
        }
    );
    assert!(err(&damaged).to_string().contains("position 11"));
}

#[test]
fn every_truncation_of_a_real_link_is_an_error_not_a_panic() {
    let code = encode(&text_view(&fixture("lpt_it_spend_dma_himss_2025.txt")));
    for cut in 0..code.len() {
        let e = decode(&code[..cut]).expect_err(&format!("cut at {cut}"));
        // Almost every cut is "incomplete"; a handful land where the bytes still inflate.
        assert!(
            matches!(
                e,
                ShareError::Truncated
                    | ShareError::Empty
                    | ShareError::NotACode
                    | ShareError::Damaged(_)
            ),
            "cut at {cut}: {e:?}"
        );
    }
    assert_eq!(
        decode(&code[..code.len() - 40]).unwrap_err(),
        ShareError::Truncated
    );
}

#[test]
fn huge_codes_are_refused_before_decoding() {
    let huge = format!("1z.{}", "A".repeat(MAX_CODE_BYTES));
    let e = err(&huge);
    assert_eq!(
        e,
        ShareError::TooLong {
            bytes: MAX_CODE_BYTES + 3
        }
    );
    assert!(e.to_string().contains("64 KB"), "{e}");
}

#[test]
fn a_deflate_bomb_is_refused() {
    // 20 MB of spaces inside a JSON string packs into about 27 KB of code.
    let mut json = b"{\"text\":\"".to_vec();
    json.extend(std::iter::repeat_n(b' ', 20 * 1024 * 1024));
    json.extend(b"\"}");
    let code = format!("1z.{}", base64url::encode(&deflate::deflate(&json)));
    assert!(code.len() < MAX_CODE_BYTES, "{}", code.len());
    assert_eq!(err(&code), ShareError::TooBig);
    // The same through the unpacked form.
    let plain = format!("1j.{}", base64url::encode(&vec![b' '; MAX_VIEW_BYTES + 1]));
    assert!(matches!(
        err(&plain),
        ShareError::TooLong { .. } | ShareError::TooBig
    ));
}

#[test]
fn packed_nonsense_is_damaged() {
    let pack = |bytes: &[u8]| format!("1z.{}", base64url::encode(&deflate::deflate(bytes)));
    let cases: [(&[u8], &str); 6] = [
        (b"\xff\xfe not utf-8", "not text"),
        (b"not json", "not a foi-lens view"),
        (b"[1,2,3]", "not a foi-lens view"),
        (b"{\"text\": 5}", "not a foi-lens view"),
        (b"{}", "neither a reply text nor figures"),
        (
            b"{\"text\":\"x\",\"edits\":[[\"\",\"1\"]]}",
            "corrections is malformed",
        ),
    ];
    for (json, why) in cases {
        let e = err(&pack(json));
        assert!(
            matches!(&e, ShareError::Damaged(m) if m.contains(why)),
            "{:?}: {e:?}",
            String::from_utf8_lossy(json)
        );
    }
    // Deeply nested JSON hits serde_json's recursion limit, not the stack.
    let deep = format!(
        "{{\"values\":{{\"z\":{}{}}}}}",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    assert!(matches!(
        err(&pack(deep.as_bytes())),
        ShareError::Damaged(_)
    ));
    // ... and in a key nobody reads it is skipped without recursion trouble either way.
    let deep = format!(
        "{{\"text\":\"x\",\"z\":{}{}}}",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let _ = decode(&pack(deep.as_bytes()));
    // Random bytes that are valid base64url but not DEFLATE.
    assert!(matches!(
        err("1z.____________"),
        ShareError::Damaged(_) | ShareError::Truncated
    ));
}

#[test]
fn messages_say_what_to_do_next() {
    for e in [
        ShareError::Empty,
        ShareError::NotACode,
        ShareError::Truncated,
        ShareError::BadCharacter {
            index: 3,
            found: ' ',
        },
        ShareError::Damaged("x".into()),
    ] {
        let msg = e.to_string();
        assert!(msg.contains("Copy the whole link again"), "{msg}");
        assert!(msg.contains("JSON export"), "{msg}");
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn decode_never_panics_on_any_string(s in ".{0,400}") {
            let _ = decode(&s);
        }

        #[test]
        fn decode_never_panics_on_any_code_shaped_string(s in "[0-9]{0,3}[a-z]?\\.[A-Za-z0-9_=+/-]{0,400}") {
            let _ = decode(&s);
        }

        #[test]
        fn decode_never_panics_on_mutated_real_codes(pos in 0usize..2000, byte in any::<u8>()) {
            let code = encode(&text_view("IT spend 2023/24 £16,467,000; DMA overall 3.1"));
            let mut raw = code.into_bytes();
            let i = pos % raw.len();
            raw[i] = byte;
            let _ = decode(&String::from_utf8_lossy(&raw));
        }

        #[test]
        fn any_text_view_round_trips(text in ".{0,300}", peers in proptest::option::of("[a-z-]{0,12}")) {
            let view = View { text: Some(text), peers, ..View::default() };
            prop_assert_eq!(decode(&encode(&view)), Ok(view));
        }
    }
}
