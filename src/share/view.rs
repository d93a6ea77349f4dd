//! What a share link carries: the view on screen, as plain data (no app types, so this stays
//! pure and the format cannot change by accident when the app changes).
//!
//! A view has one source: the reply's `text` (the link re-parses it and re-applies the user's
//! corrections, so evidence highlighting works), or its `values` (a foi-lens/1 contract object
//! without evidence, for replies too long for a link and for embeds). Around it: which benchmark
//! organisation the user picked, the peer group and the chart. Unknown keys are ignored, so a
//! newer foi-lens can add keys without breaking older links; missing ones mean "the default".

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

/// One view of one response, as a link reproduces it.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct View {
    /// The reply's text, when the link carries it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Where the text came from, for people ("pasted text", a file name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The figures as a foi-lens/1 contract object, when the link carries values, not text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Map<String, Json>>,
    /// The user's corrections over the parsed text: `[contract path, what they typed]`, in the
    /// order made. (With `values` the corrections are already in the values.)
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<(String, String)>,
    /// The benchmark organisation the user chose instead of the automatic match (its name in
    /// the DMA dataset), or `"none"`: do not compare.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trust: Option<String>,
    /// Peer group key ("national", "care-setting", "region", "icb").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peers: Option<String>,
    /// For a trust assessed for several care settings, the one compared ("acute",
    /// "community", "mental-health", "ambulance"; missing: its main one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setting: Option<String>,
    /// Which chart is shown or embedded ("spend", "dma", "table-0", ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chart: Option<String>,
}

/// Bounds on a decoded view: anything beyond them did not come from foi-lens.
pub const MAX_EDITS: usize = 2_000;
pub const MAX_EDIT_PATH: usize = 200;
pub const MAX_EDIT_TEXT: usize = 2_000;
pub const MAX_LABEL: usize = 300;

impl View {
    /// Check a decoded view's shape; the message says what is wrong, for the user.
    pub fn validate(&self) -> Result<(), String> {
        match (&self.text, &self.values) {
            (None, None) => return Err("it has neither a reply text nor figures".into()),
            (Some(_), Some(_)) => return Err("it has both a reply text and figures".into()),
            _ => {}
        }
        if self.edits.len() > MAX_EDITS {
            return Err(format!(
                "it has {} corrections (at most {MAX_EDITS})",
                self.edits.len()
            ));
        }
        for (path, typed) in &self.edits {
            if path.is_empty() || path.len() > MAX_EDIT_PATH || typed.len() > MAX_EDIT_TEXT {
                return Err("one of its corrections is malformed".into());
            }
        }
        for (what, v) in [
            ("source name", &self.name),
            ("organisation", &self.trust),
            ("peer group", &self.peers),
            ("care setting", &self.setting),
            ("chart", &self.chart),
        ] {
            if v.as_ref().is_some_and(|s| s.chars().count() > MAX_LABEL) {
                return Err(format!("its {what} is too long"));
            }
        }
        Ok(())
    }

    /// The same view without the reply text: `values` instead (the caller provides them, as a
    /// contract object), corrections dropped because the values already include them.
    pub fn with_values(&self, values: Map<String, Json>) -> View {
        View {
            text: None,
            name: self.name.clone(),
            values: Some(values),
            edits: Vec::new(),
            trust: self.trust.clone(),
            peers: self.peers.clone(),
            setting: self.setting.clone(),
            chart: self.chart.clone(),
        }
    }
}

/// A contract object trimmed for a link: no `evidence` and no quoted source text inside spans
/// (both quote the reply the link does not carry), no `file` name, no nulls or empty lists
/// (a reader takes a missing key as null). Everything else stays, warnings and table checks
/// included: a figure must not travel without what was said about it.
pub fn values_for_link(contract: &Json) -> Map<String, Json> {
    let mut out = Map::new();
    if let Json::Object(obj) = contract {
        for (k, v) in obj {
            if k == "evidence" || k == "file" {
                continue;
            }
            let v = prune(v);
            if !is_empty(&v) {
                out.insert(k.clone(), v);
            }
        }
    }
    out
}

/// A link's (or a publisher's) `values` as a full foi-lens/1 contract object: the `schema`, and
/// the two statuses the contract requires when they are left out, read from what is given
/// (pillar scores given → the DMA was disclosed; no DMA → not answered; likewise HIMSS stages).
pub fn contract_from_values(values: &Map<String, Json>) -> Json {
    let mut c = values.clone();
    c.insert("schema".into(), Json::from("foi-lens/1"));
    let given = |c: &Map<String, Json>, k: &str| c.get(k).is_some_and(|v| !v.is_null());
    let dma = if given(&c, "dma") {
        "disclosed"
    } else {
        "not_answered"
    };
    let himss = if given(&c, "emram_stage") || given(&c, "infram_stage") {
        "disclosed"
    } else {
        "not_answered"
    };
    for (key, default) in [("dma_status", dma), ("himss_status", himss)] {
        if !given(&c, key) {
            c.insert(key.into(), Json::from(default));
        }
    }
    Json::Object(c)
}

fn prune(v: &Json) -> Json {
    match v {
        Json::Object(obj) => {
            let is_span = obj.contains_key("start") && obj.contains_key("end");
            Json::Object(
                obj.iter()
                    .filter(|(k, _)| !(is_span && *k == "text"))
                    .map(|(k, v)| (k.clone(), prune(v)))
                    .filter(|(_, v)| !is_empty(v))
                    .collect(),
            )
        }
        // Arrays keep their nulls: positions matter (table columns).
        Json::Array(items) => Json::Array(items.iter().map(prune).collect()),
        other => other.clone(),
    }
}

fn is_empty(v: &Json) -> bool {
    match v {
        Json::Null => true,
        Json::Array(a) => a.is_empty(),
        Json::Object(o) => o.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_view_needs_exactly_one_source() {
        assert!(View::default().validate().is_err());
        let both = View {
            text: Some("x".into()),
            values: Some(Map::new()),
            ..View::default()
        };
        assert_eq!(
            both.validate(),
            Err("it has both a reply text and figures".into())
        );
        let text = View {
            text: Some("x".into()),
            ..View::default()
        };
        assert_eq!(text.validate(), Ok(()));
    }

    #[test]
    fn malformed_corrections_are_refused() {
        let mut v = View {
            text: Some("x".into()),
            edits: vec![(String::new(), "1".into())],
            ..View::default()
        };
        assert!(v.validate().is_err());
        v.edits = vec![("organisation".into(), "x".repeat(MAX_EDIT_TEXT + 1))];
        assert!(v.validate().is_err());
        v.edits = vec![("organisation".into(), "ok".into()); MAX_EDITS + 1];
        assert!(v.validate().unwrap_err().contains("2001 corrections"));
    }

    #[test]
    fn values_from_a_publisher_are_completed_into_a_contract() {
        let given = json!({"organisation": "X", "dma": {"pillars": {"well_led": 3.0}}});
        let c = contract_from_values(given.as_object().unwrap());
        assert_eq!(c["schema"], json!("foi-lens/1"));
        assert_eq!(c["dma_status"], json!("disclosed"));
        assert_eq!(c["himss_status"], json!("not_answered"));
        let given = json!({"emram_stage": 5, "dma_status": "exempt", "schema": "other"});
        let c = contract_from_values(given.as_object().unwrap());
        assert_eq!(c["dma_status"], json!("exempt"), "given statuses are kept");
        assert_eq!(c["himss_status"], json!("disclosed"));
        assert_eq!(c["schema"], json!("foi-lens/1"));
    }

    #[test]
    fn values_for_link_drops_evidence_quotes_and_nulls_but_keeps_positions_and_warnings() {
        let contract = json!({
            "schema": "foi-lens/1", "file": "x.txt", "organisation": "A Trust",
            "reference": null, "exemptions": [],
            "it_spend": [{"year": "2023/24", "total_gbp": 5, "breakdown": {"staff": null, "software": 2}}],
            "tables": [{"caption": "Figure 1", "span": {"start": 9, "end": 20},
                        "columns": [{"label": "2023/24 (£m)", "year": "2023/24"}],
                        "rows": [{"values": [null, 3], "spans": [null, {"start": 3, "end": 4, "text": "3"}]}]}],
            "evidence": {"organisation": {"start": 0, "end": 7, "text": "A Trust"}},
            "edited": ["it_spend[0].total_gbp"],
            "warnings": [{"level": "warning", "message": "m", "span": {"start": 1, "end": 2, "text": "x"}}]
        });
        let v = values_for_link(&contract);
        assert_eq!(
            Json::Object(v),
            json!({
                "schema": "foi-lens/1", "organisation": "A Trust",
                "it_spend": [{"year": "2023/24", "total_gbp": 5, "breakdown": {"software": 2}}],
                "tables": [{"caption": "Figure 1", "span": {"start": 9, "end": 20},
                            "columns": [{"label": "2023/24 (£m)", "year": "2023/24"}],
                            "rows": [{"values": [null, 3], "spans": [null, {"start": 3, "end": 4}]}]}],
                "edited": ["it_spend[0].total_gbp"],
                "warnings": [{"level": "warning", "message": "m", "span": {"start": 1, "end": 2}}]
            })
        );
    }
}
