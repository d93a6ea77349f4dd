//! Export a workspace as JSON and import it back exactly.
//!
//! The export is a JSON array with one foi-lens/1 contract object per response (the same
//! objects `foi-lens parse --json` prints), each with three more keys:
//! - `source`: the text the figures were read from, so evidence still highlights after import;
//! - `edits`: the corrections made by hand, in order: `path`, the new `value`, and `was` (the
//!   value before, with its evidence span), so the parse can be restored and a correction undone;
//! - `workspace`: `id`, `name` and the user's benchmark `match` choice.
//!
//! A file that could not be read is an object with `schema`, `file`, `error` and `workspace`.
//!
//! Import takes such an array, a single object, or the CLI's output (no `source`: the figures
//! come in, the evidence cannot be shown). Values come from the file, never from parsing the
//! text again, so a batch corrected by hand and exported comes back as it was even into a newer
//! foi-lens whose parser reads the text differently.

use super::edits::{self, Step};
use super::row::Row;
use super::{Entry, MatchChoice, Outcome, Parsed, Workspace};
use crate::report::csv_responses;
use crate::report::json::{from_contract, to_contract, SCHEMA};
use serde_json::{json, Map, Value as Json};

/// The workspace as the JSON export (pretty-printed, one object per entry, in table order).
pub fn export_json(ws: &Workspace) -> String {
    let objects: Vec<Json> = ws.entries.iter().map(|e| export_entry(e)).collect();
    let mut text = serde_json::to_string_pretty(&Json::Array(objects)).unwrap_or_default();
    text.push('\n');
    text
}

/// One entry as its export object.
pub fn export_entry(e: &Entry) -> Json {
    let mut info = Map::new();
    info.insert("id".into(), json!(e.id));
    info.insert("name".into(), json!(e.name));
    if let Some(choice) = &e.match_choice {
        info.insert(
            "match".into(),
            serde_json::to_value(choice).unwrap_or(Json::Null),
        );
    }
    match &e.outcome {
        Outcome::Parsed(p) => {
            let mut obj = to_contract(p.current(), &e.source);
            if let Some(o) = obj.as_object_mut() {
                o.insert("source".into(), json!(e.source));
                o.insert(
                    "edits".into(),
                    serde_json::to_value(p.steps()).unwrap_or(Json::Null),
                );
                o.insert("workspace".into(), Json::Object(info));
            }
            obj
        }
        Outcome::Failed { message } => json!({
            "schema": SCHEMA,
            "file": e.name,
            "error": message,
            "workspace": info,
        }),
    }
}

/// The workspace as the wide CSV, one record per response (`report::csv_responses`). The CLI's
/// `parse --csv` calls this too, so both give the same bytes for the same files.
pub fn responses_csv(ws: &Workspace) -> String {
    let rows: Vec<Row> = ws.entries.iter().map(|e| Row::of(e)).collect();
    let bytes = csv_responses::write_responses(Vec::new(), &rows).unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The workspace's IT spend as tidy CSV, one record per response and year (`parse --csv-spend`).
pub fn spend_csv(ws: &Workspace) -> String {
    let rows: Vec<Row> = ws.entries.iter().map(|e| Row::of(e)).collect();
    let bytes = csv_responses::write_spend(Vec::new(), &rows).unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// What an import brought in.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// In file order, with the ids the file gave them (the workspace renumbers clashes).
    pub entries: Vec<Entry>,
    /// One sentence per object that was skipped or only partly restored.
    pub problems: Vec<String>,
}

impl Imported {
    /// Add everything imported to `ws`; returns the new ids.
    pub fn add_to(self, ws: &mut Workspace) -> Vec<super::EntryId> {
        self.entries.into_iter().map(|e| ws.add_entry(e)).collect()
    }
}

/// Why a whole file cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError(pub String);

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImportError {}

/// Read an exported workspace (or `foi-lens parse --json` output). Objects that cannot be read
/// are skipped and reported; the rest come in.
pub fn import_json(text: &str) -> Result<Imported, ImportError> {
    let doc: Json = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        ImportError(format!(
            "This file is not JSON ({e}). Import a file made by foi-lens's \"Export JSON\" or by \
             `foi-lens parse FILE... --json`"
        ))
    })?;
    let objects: Vec<Json> =
        match doc {
            Json::Array(a) => a,
            o @ Json::Object(_) => vec![o],
            _ => return Err(ImportError(
                "This JSON is neither a list of responses nor one response. Import a file made \
                 by foi-lens's \"Export JSON\" or by `foi-lens parse FILE... --json`"
                    .into(),
            )),
        };
    let mut out = Imported {
        entries: Vec::new(),
        problems: Vec::new(),
    };
    for (i, obj) in objects.iter().enumerate() {
        match import_entry(obj, i) {
            Ok((entry, note)) => {
                out.problems.extend(note);
                out.entries.push(entry);
            }
            Err(why) => out
                .problems
                .push(format!("response {} was not imported: {why}", i + 1)),
        }
    }
    if out.entries.is_empty() && !out.problems.is_empty() {
        return Err(ImportError(format!(
            "Nothing in this file could be imported: {}",
            out.problems.join("; ")
        )));
    }
    Ok(out)
}

fn import_entry(obj: &Json, index: usize) -> Result<(Entry, Option<String>), String> {
    let info = obj.get("workspace").and_then(Json::as_object);
    let id = info
        .and_then(|i| i.get("id"))
        .and_then(Json::as_u64)
        .unwrap_or(0);
    let file = obj.get("file").and_then(Json::as_str);
    let name = info
        .and_then(|i| i.get("name"))
        .and_then(Json::as_str)
        .or(file)
        .map(str::to_string)
        .unwrap_or_else(|| format!("imported response {}", index + 1));
    let match_choice: Option<MatchChoice> = match info.and_then(|i| i.get("match")) {
        None | Some(Json::Null) => None,
        Some(m) => Some(
            serde_json::from_value(m.clone())
                .map_err(|e| format!("its benchmark match is not readable ({e})"))?,
        ),
    };
    if let Some(message) = obj.get("error").and_then(Json::as_str) {
        if obj.get("it_spend").is_none() {
            let entry = Entry {
                id,
                name,
                source: String::new(),
                outcome: Outcome::Failed {
                    message: message.to_string(),
                },
                match_choice,
                auto_match: Default::default(),
            };
            return Ok((entry, None));
        }
    }
    let current = from_contract(obj).map_err(|e| e.to_string())?;
    let source = match obj.get("source") {
        None | Some(Json::Null) => None,
        Some(Json::String(s)) => Some(s.clone()),
        Some(_) => return Err("its \"source\" is not text".into()),
    };
    let steps: Vec<Step> = match obj.get("edits") {
        None | Some(Json::Null) => Vec::new(),
        Some(e) => serde_json::from_value(e.clone())
            .map_err(|e| format!("its list of corrections is not readable ({e})"))?,
    };
    let mut notes = Vec::new();
    if source.is_none() {
        notes.push(format!(
            "{name} has no source text (it was not exported from the app), so its evidence \
             cannot be highlighted"
        ));
    }
    let parsed = match restore_parse(&current, &steps) {
        Ok(p) => p,
        Err(why) => {
            notes.push(format!(
                "the corrections of {name} could not be undone ({why}); its values are kept \
                 as exported, but cannot be reverted"
            ));
            Parsed::new(current)
        }
    };
    let entry = Entry {
        id,
        name,
        source: source.unwrap_or_default(),
        outcome: Outcome::Parsed(Box::new(parsed)),
        match_choice,
        auto_match: Default::default(),
    };
    Ok((entry, (!notes.is_empty()).then(|| notes.join("; "))))
}

/// The parse and its corrections, from the corrected response and the steps: undo the steps in
/// reverse, then check that replaying them gives the corrected response again.
fn restore_parse(current: &crate::model::Response, steps: &[Step]) -> Result<Parsed, String> {
    let mut parsed = current.clone();
    for step in steps.iter().rev() {
        edits::unapply(&mut parsed, step).map_err(|e| e.to_string())?;
    }
    let restored = Parsed::from_parts(parsed, steps.to_vec()).map_err(|e| e.to_string())?;
    if restored.current() != current || restored.steps() != steps {
        return Err("replaying them does not give the exported values".into());
    }
    Ok(restored)
}
