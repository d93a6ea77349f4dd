//! The workspace as the browser keeps it: versioned JSON, read back with migrations from older
//! versions and with salvage of damaged state.
//!
//! Two layouts share one entry record:
//! - per entry (IndexedDB): a small header ([`encode_header`]: format, version, next id, the
//!   order of entries), one record per entry ([`encode_entry`]) and, apart, each entry's source
//!   text (it never changes, so a correction rewrites a few hundred bytes, not a 10 MB text);
//! - one document ([`encode`]): the header with the entries and their texts inline.
//!
//! Reading never panics and never throws a workspace away: entries that cannot be read are
//! skipped and listed in [`Loaded::problems`] with what to do (export what is left, then clear);
//! a document cut short (a full disk, a crash mid-write) gives back every entry before the cut.
//!
//! Versions: 1 is current. 0 is the unversioned draft shape
//! `{"entries": [{"name", "text", "response"}]}` (no ids, corrections or failures); [`migrate`]
//! lifts each older record one version at a time, on untyped JSON, before it is read.

use super::{edits::Step, Entry, EntryId, MatchChoice, Outcome, Parsed, Workspace};
use crate::model::Response;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value as Json};
use std::collections::HashMap;
use std::fmt;

/// Marks a stored document as a foi-lens workspace.
pub const FORMAT: &str = "foi-lens-workspace";
/// The version this build writes.
pub const VERSION: u64 = 1;

/// One entry as stored (version 1).
#[derive(Serialize, Deserialize)]
struct EntryRecord {
    id: EntryId,
    name: String,
    #[serde(default)]
    source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parsed: Option<Response>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    steps: Vec<Step>,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "match")]
    match_choice: Option<MatchChoice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    /// The automatic benchmark match, kept so a reload does not match every reply again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    auto_match: Option<super::row::AutoMatch>,
}

/// The header of a stored workspace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u64,
    pub next_id: EntryId,
    /// Entry ids in table order.
    pub order: Vec<EntryId>,
}

/// Why stored state could not be read at all. (Damage to single entries is not an error: see
/// [`Loaded::problems`].)
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// Not JSON, or not a foi-lens workspace.
    Unreadable { detail: String },
    /// Written by a newer foi-lens than this one.
    TooNew { found: u64 },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Unreadable { detail } => write!(
                f,
                "The workspace stored in this browser is damaged and cannot be read ({detail}). \
                 Download the stored data as it is (nothing is lost by that), then clear the \
                 workspace and add the responses again or import a JSON export"
            ),
            LoadError::TooNew { found } => write!(
                f,
                "The workspace stored in this browser was saved by a newer foi-lens (storage \
                 version {found}; this page reads up to {VERSION}). Open it with the newer \
                 foi-lens page, or download the stored data as it is before clearing it here"
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// A workspace read back, with anything that could not be.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub workspace: Workspace,
    /// One sentence per entry (or part of the store) that was skipped or changed on the way.
    pub problems: Vec<String>,
    /// The stored version, when it was older than [`VERSION`] (and so was migrated).
    pub migrated_from: Option<u64>,
}

impl Loaded {
    /// A message for the user when something was lost on the way, saying what to do.
    pub fn message(&self) -> Option<String> {
        if self.problems.is_empty() {
            return None;
        }
        Some(format!(
            "Part of the workspace stored in this browser could not be read: {}. The other {} \
             {} loaded. Export the workspace now (JSON) to keep what is left, then clear it \
             and import the export to start from a clean store.",
            self.problems.join("; "),
            self.workspace.len(),
            if self.workspace.len() == 1 {
                "response is"
            } else {
                "responses are"
            }
        ))
    }
}

fn record_of(e: &Entry) -> EntryRecord {
    let (parsed, steps, error) = match &e.outcome {
        Outcome::Parsed(p) => (Some(p.parsed().clone()), p.steps().to_vec(), None),
        Outcome::Failed { message } => (None, Vec::new(), Some(message.clone())),
    };
    EntryRecord {
        id: e.id,
        name: e.name.clone(),
        source: e.source.clone(),
        parsed,
        steps,
        match_choice: e.match_choice.clone(),
        error,
        auto_match: e.auto_match.0.clone(),
    }
}

/// One entry record (per-entry layout), carrying its own version; its source text is kept
/// apart (`Entry::source`, stored as it is).
pub fn encode_entry(e: &Entry) -> String {
    let mut rec = record_of(e);
    rec.source = String::new();
    let mut j = serde_json::to_value(rec).unwrap_or(Json::Null);
    if let Some(o) = j.as_object_mut() {
        o.remove("source");
        o.insert("version".into(), json!(VERSION));
    }
    j.to_string()
}

/// The header record (per-entry layout).
pub fn encode_header(ws: &Workspace) -> String {
    serde_json::to_string(&header_of(ws)).unwrap_or_default()
}

fn header_of(ws: &Workspace) -> Header {
    Header {
        format: FORMAT.into(),
        version: VERSION,
        next_id: ws.next_id,
        order: ws.entries.iter().map(|e| e.id).collect(),
    }
}

/// The whole workspace as one document. The header fields come first, so a document cut short
/// still says which version it is and which ids were used.
pub fn encode(ws: &Workspace) -> String {
    let mut out = format!(
        "{{\"format\":{},\"version\":{VERSION},\"next_id\":{},\"entries\":[",
        json!(FORMAT),
        ws.next_id
    );
    for (i, e) in ws.entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(&record_of(e)).unwrap_or_else(|_| "null".into()));
    }
    out.push_str("]}");
    out
}

/// Read a whole-document workspace (any version up to [`VERSION`]).
pub fn decode(text: &str) -> Result<Loaded, LoadError> {
    let mut problems = Vec::new();
    let doc: Json = match serde_json::from_str(text) {
        Ok(doc) => doc,
        Err(e) => {
            // Cut short or damaged: keep every entry before the damage.
            let salvaged = salvage(text).ok_or_else(|| LoadError::Unreadable {
                detail: format!("{e}"),
            })?;
            problems.push(format!(
                "the stored data is cut short or damaged ({e}), so only the {} {} before the \
                 damage could be read",
                salvaged.entries.len(),
                if salvaged.entries.len() == 1 {
                    "response"
                } else {
                    "responses"
                }
            ));
            salvaged.doc
        }
    };
    let version = document_version(&doc)?;
    let raw_entries = match doc.get("entries") {
        Some(Json::Array(a)) => a.clone(),
        _ => {
            return Err(LoadError::Unreadable {
                detail: "it has no list of entries".into(),
            })
        }
    };
    let next_id = doc.get("next_id").and_then(Json::as_u64);
    let mut ws = Workspace::new();
    for (i, raw) in raw_entries.into_iter().enumerate() {
        match entry_from(migrate(raw, version, i as u64 + 1)) {
            Ok((entry, note)) => {
                problems.extend(note);
                ws.add_entry(entry);
            }
            Err(why) => problems.push(format!("stored response {} {why}", i + 1)),
        }
    }
    if let Some(n) = next_id {
        ws.next_id = ws.next_id.max(n);
    }
    Ok(Loaded {
        workspace: ws,
        problems,
        migrated_from: (version < VERSION).then_some(version),
    })
}

/// Read the per-entry layout: the header (if it survived), every entry record found, in any
/// order, and the entries' source texts by id. Entries missing from the header's order go last;
/// order ids with no record, and parsed entries whose text is lost, are reported.
pub fn decode_parts(
    header: Option<&str>,
    records: &[String],
    sources: &HashMap<EntryId, String>,
) -> Result<Loaded, LoadError> {
    let mut problems = Vec::new();
    let header: Option<Header> = match header {
        None => None,
        Some(text) => match serde_json::from_str::<Json>(text) {
            Ok(doc) => {
                let version = document_version(&doc)?;
                let h = serde_json::from_value::<Header>(doc).ok();
                if h.is_none() || version != VERSION {
                    problems.push("the list of responses was damaged; they are shown in the order they were added".into());
                }
                h
            }
            Err(_) => {
                problems.push("the list of responses was damaged; they are shown in the order they were added".into());
                None
            }
        },
    };
    let mut entries = Vec::new();
    for (i, text) in records.iter().enumerate() {
        let read = serde_json::from_str::<Json>(text)
            .map_err(|e| format!("is damaged ({e})"))
            .and_then(|raw| {
                let version = raw
                    .get("version")
                    .and_then(Json::as_u64)
                    .ok_or_else(|| "has no version".to_string())?;
                if version > VERSION {
                    return Err(format!(
                        "was saved by a newer foi-lens (version {version}); open it there"
                    ));
                }
                entry_from(migrate(raw, version, 0))
            });
        match read {
            Ok((mut entry, note)) => {
                problems.extend(note);
                if entry.source.is_empty() {
                    match sources.get(&entry.id) {
                        Some(text) => entry.source = text.clone(),
                        None if entry.response().is_some() => problems.push(format!(
                            "the text of {} was lost, so its evidence cannot be shown (its \
                             figures are kept)",
                            entry.name
                        )),
                        None => {}
                    }
                }
                entries.push(entry);
            }
            Err(why) => problems.push(format!("stored record {} {why}", i + 1)),
        }
    }
    let mut ws = Workspace::new();
    let mut next_id = 1;
    if let Some(h) = &header {
        next_id = h.next_id;
        let mut missing = 0;
        for id in &h.order {
            match entries.iter().position(|e| e.id == *id) {
                Some(i) => {
                    ws.add_entry(entries.remove(i));
                }
                None => missing += 1,
            }
        }
        if missing > 0 {
            problems.push(format!(
                "{missing} {} listed but not found in the store",
                if missing == 1 {
                    "response was"
                } else {
                    "responses were"
                }
            ));
        }
    }
    entries.sort_by_key(|e| e.id);
    for e in entries {
        ws.add_entry(e);
    }
    ws.next_id = ws.next_id.max(next_id);
    Ok(Loaded {
        workspace: ws,
        problems,
        migrated_from: None,
    })
}

/// The version of a whole document or header: absent means the unversioned draft (0) when the
/// shape fits, anything else is not a workspace.
fn document_version(doc: &Json) -> Result<u64, LoadError> {
    let Some(obj) = doc.as_object() else {
        return Err(LoadError::Unreadable {
            detail: "it is not a JSON object".into(),
        });
    };
    match obj.get("version") {
        None if obj.get("format").is_none() && obj.contains_key("entries") => Ok(0),
        None => Err(LoadError::Unreadable {
            detail: "it has no version".into(),
        }),
        Some(v) => {
            if obj.get("format").and_then(Json::as_str) != Some(FORMAT) {
                return Err(LoadError::Unreadable {
                    detail: "it is not a foi-lens workspace".into(),
                });
            }
            match v.as_u64() {
                Some(n) if n > VERSION => Err(LoadError::TooNew { found: n }),
                Some(n) => Ok(n),
                None => Err(LoadError::Unreadable {
                    detail: format!("its version {v} is not a number"),
                }),
            }
        }
    }
}

/// Lift a version-0 entry (`{"name", "text", "response"}`) to version 1. Version 0 kept only
/// the corrected response, so it becomes the parse, with its `edited` marks, and no steps.
fn migrate_v0_entry(raw: Json, id: EntryId) -> Json {
    let mut raw = raw;
    let Some(o) = raw.as_object_mut() else {
        return raw;
    };
    let text = o.remove("text").unwrap_or(json!(""));
    let response = o.remove("response");
    json!({
        "id": id,
        "name": o.remove("name").unwrap_or(json!("")),
        "source": text,
        "parsed": response,
    })
}

/// Lift a stored record of `version` to the current version (on untyped JSON). Each step
/// handles one version; there is one so far.
pub fn migrate(raw: Json, version: u64, id_if_missing: EntryId) -> Json {
    let mut raw = raw;
    if version == 0 {
        raw = migrate_v0_entry(raw, id_if_missing);
    }
    raw
}

/// Read one (current-version) entry record. A record whose corrections no longer replay keeps
/// its corrected values (as the parse) and says so.
fn entry_from(raw: Json) -> Result<(Entry, Option<String>), String> {
    let rec: EntryRecord =
        serde_json::from_value(raw).map_err(|e| format!("could not be read ({e})"))?;
    let mut note = None;
    let outcome = match (rec.parsed, rec.error) {
        (Some(parsed), None) => match Parsed::from_parts(parsed.clone(), rec.steps.clone()) {
            Ok(p) => Outcome::Parsed(Box::new(p)),
            Err(e) => {
                note = Some(format!(
                    "the corrections of {} could not be replayed ({e}) and were dropped",
                    rec.name
                ));
                Outcome::Parsed(Box::new(Parsed::new(parsed)))
            }
        },
        (None, Some(message)) => Outcome::Failed { message },
        (Some(_), Some(_)) => return Err("has both figures and an error".into()),
        (None, None) => return Err("has neither figures nor an error".into()),
    };
    Ok((
        Entry {
            id: rec.id,
            name: rec.name,
            source: rec.source,
            outcome,
            match_choice: rec.match_choice,
            auto_match: super::Cached(rec.auto_match),
        },
        note,
    ))
}

/// What could be read of a document cut short: the header fields before `"entries"` and every
/// complete entry after it.
struct Salvaged {
    doc: Json,
    entries: Vec<Json>,
}

fn salvage(text: &str) -> Option<Salvaged> {
    let key = text.find("\"entries\"")?;
    let head = &text[..key];
    let after_key = &text[key + "\"entries\"".len()..];
    let open = after_key.find('[')?;
    if !after_key[..open]
        .trim()
        .trim_start_matches(':')
        .trim()
        .is_empty()
    {
        return None;
    }
    let mut rest = &after_key[open + 1..];
    let mut entries = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() || rest.starts_with(']') {
            break;
        }
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Json>();
        match stream.next() {
            Some(Ok(v)) => {
                let used = stream.byte_offset();
                entries.push(v);
                rest = rest[used..].trim_start();
                match rest.strip_prefix(',') {
                    Some(r) => rest = r,
                    None => break,
                }
            }
            _ => break,
        }
    }
    // The header fields written before "entries": `{"format":..,"version":..,"next_id":..,`.
    let head = head.trim_end().trim_end_matches(',');
    let glue = if head.ends_with('{') { "" } else { "," };
    let head_doc: Json = serde_json::from_str(&format!("{head}{glue}\"entries\":[]}}")).ok()?;
    let mut doc = head_doc;
    doc["entries"] = Json::Array(entries.clone());
    Some(Salvaged { doc, entries })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dma, Span, Value};
    use crate::workspace::Edit;

    fn sample() -> Workspace {
        let mut ws = Workspace::new();
        let r = Response {
            organisation: Some(Value::found("Dudley".into(), Span::new(0, 6))),
            dma: Some(Dma {
                overall: Some(Value::found(3.1, Span::new(10, 13))),
                ..Dma::default()
            }),
            ..Response::default()
        };
        let a = ws.add_parsed("dudley.txt".into(), "Dudley 3.1 ...".into(), r);
        ws.add_failed("scan.pdf".into(), "This PDF has no text layer".into());
        ws.add_parsed(
            "pasted text 1".into(),
            "nothing".into(),
            Response::default(),
        );
        if let Some(Outcome::Parsed(p)) = ws.get_mut(a).map(|e| &mut e.outcome) {
            p.edit(Edit::new("dma.overall", json!(3.2))).unwrap();
        }
        std::rc::Rc::make_mut(&mut ws.entries[2]).match_choice = Some(MatchChoice::NotInDataset);
        ws
    }

    #[test]
    fn a_document_round_trips_exactly() {
        let ws = sample();
        let text = encode(&ws);
        let back = decode(&text).unwrap();
        assert_eq!(back.workspace, ws);
        assert!(back.problems.is_empty());
        assert_eq!(back.migrated_from, None);
        let doc: Json = serde_json::from_str(&text).unwrap();
        assert_eq!(doc["format"], FORMAT);
        assert_eq!(doc["version"], 1);
    }

    #[test]
    fn the_kept_automatic_match_is_stored_too() {
        let mut ws = sample();
        assert!(std::rc::Rc::make_mut(&mut ws.entries[0]).refresh_auto_match());
        let kept = ws.entries[0].auto_match.get().cloned();
        assert!(kept.is_some());
        let back = decode(&encode(&ws)).unwrap().workspace;
        assert_eq!(back.entries[0].auto_match.get().cloned(), kept);
        let record = encode_entry(&ws.entries[0]);
        let back = decode_parts(None, &[record], &sources(&ws))
            .unwrap()
            .workspace;
        assert_eq!(back.entries[0].auto_match.get().cloned(), kept);
    }

    fn sources(ws: &Workspace) -> HashMap<EntryId, String> {
        ws.entries
            .iter()
            .map(|e| (e.id, e.source.clone()))
            .collect()
    }

    #[test]
    fn a_lost_text_is_reported_and_the_figures_kept() {
        let ws = sample();
        let records: Vec<String> = ws.entries.iter().map(|e| encode_entry(e)).collect();
        let mut texts = sources(&ws);
        texts.remove(&1);
        let back = decode_parts(Some(&encode_header(&ws)), &records, &texts).unwrap();
        assert_eq!(back.workspace.len(), 3);
        assert_eq!(back.workspace.entries[0].source, "");
        assert_eq!(
            back.workspace.entries[0].response(),
            ws.entries[0].response()
        );
        assert_eq!(
            back.problems,
            ["the text of dudley.txt was lost, so its evidence cannot be shown (its figures are kept)"]
        );
    }

    #[test]
    fn per_entry_records_round_trip_in_any_order() {
        let ws = sample();
        let mut records: Vec<String> = ws.entries.iter().map(|e| encode_entry(e)).collect();
        records.reverse();
        assert!(
            !records[2].contains("Dudley 3.1 ..."),
            "texts are kept apart"
        );
        let back = decode_parts(Some(&encode_header(&ws)), &records, &sources(&ws)).unwrap();
        assert_eq!(back.workspace, ws);
        assert!(back.problems.is_empty());
    }

    #[test]
    fn a_damaged_record_is_skipped_and_reported_the_rest_load() {
        let ws = sample();
        let mut records: Vec<String> = ws.entries.iter().map(|e| encode_entry(e)).collect();
        records[1] = records[1][..records[1].len() / 2].to_string();
        let back = decode_parts(Some(&encode_header(&ws)), &records, &sources(&ws)).unwrap();
        assert_eq!(back.workspace.len(), 2);
        assert_eq!(back.workspace.entries[0], ws.entries[0]);
        assert_eq!(back.problems.len(), 2, "{:?}", back.problems);
        assert!(back.problems[0].starts_with("stored record 2 is damaged"));
        assert_eq!(
            back.problems[1],
            "1 response was listed but not found in the store"
        );
        let msg = back.message().unwrap();
        assert!(msg.contains("Export the workspace now (JSON)"), "{msg}");
        // New entries never take the id of the lost one.
        assert_eq!(back.workspace.next_id, 4);
    }

    #[test]
    fn without_a_header_records_load_in_id_order() {
        let ws = sample();
        let mut records: Vec<String> = ws.entries.iter().map(|e| encode_entry(e)).collect();
        records.reverse();
        let back = decode_parts(None, &records, &sources(&ws)).unwrap();
        assert_eq!(back.workspace, ws);
    }

    #[test]
    fn a_document_cut_short_keeps_the_entries_before_the_cut() {
        let ws = sample();
        let text = encode(&ws);
        // Cut inside the third entry.
        let cut = text.rfind("pasted text 1").unwrap();
        let back = decode(&text[..cut]).unwrap();
        assert_eq!(back.workspace.entries, ws.entries[..2].to_vec());
        assert_eq!(back.workspace.next_id, ws.next_id, "header fields survive");
        assert_eq!(back.problems.len(), 1);
        assert!(
            back.problems[0].contains("only the 2 responses before the damage"),
            "{:?}",
            back.problems
        );
    }

    #[test]
    fn garbage_newer_versions_and_other_json_are_clear_errors_not_panics() {
        for (text, says) in [
            ("", "damaged and cannot be read"),
            ("\u{0}\u{1}binary", "damaged"),
            ("[1,2,3]", "not a JSON object"),
            (
                "{\"format\":\"something-else\",\"version\":1,\"entries\":[]}",
                "not a foi-lens workspace",
            ),
            ("{\"hello\":1}", "has no version"),
            (
                "{\"format\":\"foi-lens-workspace\",\"version\":\"one\",\"entries\":[]}",
                "not a number",
            ),
            (
                "{\"format\":\"foi-lens-workspace\",\"version\":1}",
                "no list of entries",
            ),
        ] {
            let e = decode(text).unwrap_err();
            let m = e.to_string();
            assert!(m.contains(says), "{text:?}: {m}");
            assert!(m.contains("Download the stored data as it is"), "{m}");
        }
        let e =
            decode("{\"format\":\"foi-lens-workspace\",\"version\":9,\"entries\":[]}").unwrap_err();
        assert_eq!(e, LoadError::TooNew { found: 9 });
        assert!(e.to_string().contains("saved by a newer foi-lens"));
    }

    #[test]
    fn entries_of_the_wrong_shape_are_reported_one_by_one() {
        let text = json!({
            "format": FORMAT, "version": 1, "next_id": 9,
            "entries": [
                {"id": 1, "name": "a", "error": "scan"},
                {"id": 2, "name": "b"},
                "not an entry",
                {"id": 3, "name": "c", "parsed": {"nonsense": true}, "error": "x"},
            ]
        })
        .to_string();
        let back = decode(&text).unwrap();
        assert_eq!(back.workspace.len(), 1);
        assert_eq!(back.problems.len(), 3, "{:?}", back.problems);
        assert!(back.problems[0].contains("neither figures nor an error"));
        assert_eq!(back.workspace.next_id, 9);
    }

    #[test]
    fn corrections_that_no_longer_replay_are_dropped_with_a_note_and_the_entry_kept() {
        let text = json!({
            "format": FORMAT, "version": 1, "next_id": 2,
            "entries": [{"id": 1, "name": "a.txt", "source": "",
                "parsed": serde_json::to_value(Response::default()).unwrap(),
                "steps": [{"path": "it_spend[3].total_gbp", "value": 5, "was": null}]}]
        })
        .to_string();
        let back = decode(&text).unwrap();
        assert_eq!(back.workspace.len(), 1);
        assert!(back.problems[0].contains("corrections of a.txt could not be replayed"));
    }
}
