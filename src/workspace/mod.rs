//! A workspace: a batch of responses (typically the replies to one round-robin FOI) kept
//! together so they can be compared, exported and stored in the browser.
//!
//! Each [`Entry`] is one file or pasted text: its name, the text the figures were read from
//! (evidence spans point into it), what the parser returned, the corrections made by hand
//! ([`Edit`]s, replayed in order on top of the parse, so a correction can be undone and the
//! original stays known), the benchmark organisation the user chose when the automatic match
//! was wrong, or why the file could not be read.
//!
//! Modules: [`edits`] (corrections addressed by contract path), [`row`] (the one-line summary
//! of an entry that the table, the CSV and the comparison charts use), [`storage`] (the
//! versioned form kept in the browser, with migrations and salvage of damaged state) and
//! [`transfer`] (export to and import from the foi-lens/1 JSON contract); `browser` (wasm32
//! only) keeps the storage form in the browser's IndexedDB.
//!
//! Pure and natively tested; nothing here touches the network or the browser.

#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod browser;
pub mod edits;
pub mod row;
pub mod storage;
pub mod transfer;

use crate::model::Response;
pub use edits::{Edit, EditError, Step};
use std::rc::Rc;

/// Identifies an entry within its workspace; never reused (see [`Workspace::next_id`]).
pub type EntryId = u64;

/// The organisation in the benchmark dataset that the user says an entry is from, overriding
/// the automatic match. Stored by ODS code and workbook name (not by dataset index) so it
/// survives a newer dataset.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MatchChoice {
    /// A trust in the dataset.
    Trust {
        /// Its name as the DMA workbook prints it.
        name: String,
        /// Its ODS code, when known (the stable key).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ods_code: Option<String>,
    },
    /// An integrated care board, by its workbook name.
    Icb { name: String },
    /// The user says it is none of the dataset's organisations (e.g. a Welsh health board).
    NotInDataset,
}

/// What became of an entry's text.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Parsed; corrections may have been made. (Boxed: a response is large, a failure small.)
    Parsed(Box<Parsed>),
    /// The file could not be read (a scan, a damaged file, ...): the reader's message, which
    /// says what to do instead.
    Failed { message: String },
}

/// A parsed response and the corrections made to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// What the parser returned (or, after an import, what the exported file says it returned).
    parsed: Response,
    /// The corrections, in the order they were made; replaying them on `parsed` gives
    /// `current`.
    steps: Vec<Step>,
    /// `parsed` with the corrections applied: what tables, charts and exports show.
    current: Response,
}

impl Parsed {
    /// A fresh parse with no corrections.
    pub fn new(parsed: Response) -> Parsed {
        Parsed {
            current: parsed.clone(),
            parsed,
            steps: Vec::new(),
        }
    }

    /// Rebuild from stored parts, checking that the steps still replay (they were recorded
    /// against this parse). On failure the caller decides what to keep.
    pub fn from_parts(parsed: Response, steps: Vec<Step>) -> Result<Parsed, EditError> {
        let mut current = parsed.clone();
        for step in &steps {
            edits::apply(&mut current, &step.edit)?;
        }
        Ok(Parsed {
            parsed,
            steps,
            current,
        })
    }

    pub fn parsed(&self) -> &Response {
        &self.parsed
    }

    pub fn current(&self) -> &Response {
        &self.current
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// Correct one value. A later correction of the same value replaces the earlier one (and
    /// moves to the end), so replaying the list gives what the user saw.
    pub fn edit(&mut self, edit: Edit) -> Result<(), EditError> {
        let mut kept: Vec<Edit> = self
            .steps
            .iter()
            .filter(|s| s.edit.path != edit.path)
            .map(|s| s.edit.clone())
            .collect();
        kept.push(edit);
        self.replay(kept)
    }

    /// Drop the correction of the value at `path` (back to what the parser read).
    pub fn revert(&mut self, path: &str) -> Result<(), EditError> {
        let kept: Vec<Edit> = self
            .steps
            .iter()
            .filter(|s| s.edit.path != path)
            .map(|s| s.edit.clone())
            .collect();
        self.replay(kept)
    }

    /// Rebuild `current` and the steps (with what each replaced) from `parsed`; nothing changes
    /// unless every edit applies.
    fn replay(&mut self, list: Vec<Edit>) -> Result<(), EditError> {
        let mut current = self.parsed.clone();
        let mut steps = Vec::with_capacity(list.len());
        for edit in list {
            steps.push(edits::apply_step(&mut current, edit)?);
        }
        self.current = current;
        self.steps = steps;
        Ok(())
    }
}

/// One response in the workspace.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: EntryId,
    /// The file name, or "pasted text 2".
    pub name: String,
    /// The text the figures were read from (empty when the file could not be read).
    pub source: String,
    pub outcome: Outcome,
    /// The user's choice of benchmark organisation, overriding the automatic match.
    pub match_choice: Option<MatchChoice>,
    /// The automatic match, kept so it is not recomputed on every load (a cache: see
    /// [`Cached`]; [`Entry::refresh_auto_match`] keeps it up to date).
    pub auto_match: Cached<row::AutoMatch>,
}

/// A value kept only to save work: it never makes two entries different (an imported entry
/// without one equals the exported one with one).
#[derive(Clone, Debug)]
pub struct Cached<T>(pub Option<T>);

impl<T> Default for Cached<T> {
    fn default() -> Self {
        Cached(None)
    }
}

impl<T> Cached<T> {
    pub fn get(&self) -> Option<&T> {
        self.0.as_ref()
    }
}

impl<T> PartialEq for Cached<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Entry {
    /// Compute the automatic match if the kept one is missing or no longer fits (the
    /// organisation was corrected, or the dataset is newer). Returns true if it did.
    pub fn refresh_auto_match(&mut self) -> bool {
        let Some(r) = self.response() else {
            return false;
        };
        if self.auto_match.get().is_some_and(|m| m.is_valid_for(r)) {
            return false;
        }
        let fresh = row::AutoMatch::compute(r, &self.source);
        self.auto_match = Cached(Some(fresh));
        true
    }

    /// The response with corrections applied, if the entry was parsed.
    pub fn response(&self) -> Option<&Response> {
        match &self.outcome {
            Outcome::Parsed(p) => Some(p.current()),
            Outcome::Failed { .. } => None,
        }
    }

    pub fn error(&self) -> Option<&str> {
        match &self.outcome {
            Outcome::Parsed(_) => None,
            Outcome::Failed { message } => Some(message),
        }
    }
}

/// A batch of responses, in the order they were added. Entries are shared (`Rc`), so copying a
/// workspace of 500 replies (as the app's state does on every change) copies 500 pointers, and
/// changing one entry copies only that entry.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workspace {
    pub entries: Vec<Rc<Entry>>,
    /// The id the next entry gets; ids are never reused, so a stored reference to a removed
    /// entry cannot point at a new one.
    pub next_id: EntryId,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace {
            entries: Vec::new(),
            next_id: 1,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn take_id(&mut self) -> EntryId {
        let id = self.next_id.max(1);
        self.next_id = id + 1;
        id
    }

    /// Add a parsed response read from `source`; returns its id.
    pub fn add_parsed(&mut self, name: String, source: String, response: Response) -> EntryId {
        let id = self.take_id();
        self.entries.push(Rc::new(Entry {
            id,
            name,
            source,
            outcome: Outcome::Parsed(Box::new(Parsed::new(response))),
            match_choice: None,
            auto_match: Cached::default(),
        }));
        id
    }

    /// Add a file that could not be read, with the reader's message; returns its id.
    pub fn add_failed(&mut self, name: String, message: String) -> EntryId {
        let id = self.take_id();
        self.entries.push(Rc::new(Entry {
            id,
            name,
            source: String::new(),
            outcome: Outcome::Failed { message },
            match_choice: None,
            auto_match: Cached::default(),
        }));
        id
    }

    /// Add an entry built elsewhere (an import), giving it a fresh id if its own is taken.
    pub fn add_entry(&mut self, mut entry: Entry) -> EntryId {
        if entry.id == 0 || self.get(entry.id).is_some() {
            entry.id = self.take_id();
        } else {
            self.next_id = self.next_id.max(entry.id + 1);
        }
        let id = entry.id;
        self.entries.push(Rc::new(entry));
        id
    }

    pub fn get(&self, id: EntryId) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id).map(|e| &**e)
    }

    /// The entry to change (copied first if another copy of the workspace shares it).
    pub fn get_mut(&mut self, id: EntryId) -> Option<&mut Entry> {
        self.entries
            .iter_mut()
            .find(|e| e.id == id)
            .map(Rc::make_mut)
    }

    /// Remove one entry; returns it.
    pub fn remove(&mut self, id: EntryId) -> Option<Rc<Entry>> {
        let i = self.entries.iter().position(|e| e.id == id)?;
        Some(self.entries.remove(i))
    }

    /// Empty the workspace. Ids keep counting, so nothing stored earlier is confused with a new
    /// entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// A name for pasted text that no entry has yet: "pasted text 1", "pasted text 2", ...
    pub fn pasted_name(&self) -> String {
        (1..)
            .map(|n| format!("pasted text {n}"))
            .find(|name| !self.entries.iter().any(|e| &e.name == name))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dma, Span, Value};
    use serde_json::json;

    fn response_with_overall(v: f64) -> Response {
        Response {
            dma: Some(Dma {
                overall: Some(Value::found(v, Span::new(3, 6))),
                ..Dma::default()
            }),
            ..Response::default()
        }
    }

    #[test]
    fn ids_are_never_reused_even_after_clear() {
        let mut ws = Workspace::new();
        let a = ws.add_parsed("a.txt".into(), "x".into(), Response::default());
        let b = ws.add_failed("b.pdf".into(), "scan".into());
        assert_eq!((a, b), (1, 2));
        ws.remove(a);
        ws.clear();
        let c = ws.add_parsed("c.txt".into(), "y".into(), Response::default());
        assert_eq!(c, 3);
    }

    #[test]
    fn an_imported_entry_keeps_its_id_unless_taken() {
        let mut ws = Workspace::new();
        ws.add_parsed("a.txt".into(), String::new(), Response::default());
        let mut e = (*ws.entries[0]).clone();
        e.id = 7;
        assert_eq!(ws.add_entry(e.clone()), 7);
        assert_eq!(ws.next_id, 8);
        assert_eq!(ws.add_entry(e), 8, "7 is taken now");
    }

    #[test]
    fn a_later_edit_of_the_same_value_replaces_the_earlier_one_and_revert_restores_the_parse() {
        let mut p = Parsed::new(response_with_overall(3.1));
        p.edit(Edit::new("dma.overall", json!(3.2))).unwrap();
        p.edit(Edit::new("reference", json!("FOI-1"))).unwrap();
        p.edit(Edit::new("dma.overall", json!(3.3))).unwrap();
        let paths: Vec<&str> = p.steps().iter().map(|s| s.edit.path.as_str()).collect();
        assert_eq!(paths, ["reference", "dma.overall"]);
        let overall = p.current().dma.as_ref().unwrap().overall.clone().unwrap();
        assert_eq!(overall.value, 3.3);
        assert!(overall.edited);
        assert_eq!(overall.span, Some(Span::new(3, 6)), "the evidence is kept");
        p.revert("dma.overall").unwrap();
        assert_eq!(
            p.current().dma.as_ref().unwrap().overall,
            response_with_overall(3.1).dma.unwrap().overall
        );
        assert_eq!(p.current().reference.as_ref().unwrap().value, "FOI-1");
    }

    #[test]
    fn a_refused_edit_changes_nothing() {
        let mut p = Parsed::new(response_with_overall(3.1));
        let before = p.clone();
        assert!(p.edit(Edit::new("dma.overall", json!("high"))).is_err());
        assert!(p
            .edit(Edit::new("it_spend[4].total_gbp", json!(1)))
            .is_err());
        assert_eq!(p, before);
    }

    #[test]
    fn pasted_texts_get_the_first_free_number() {
        let mut ws = Workspace::new();
        assert_eq!(ws.pasted_name(), "pasted text 1");
        ws.add_parsed(ws.pasted_name(), String::new(), Response::default());
        ws.add_parsed("pasted text 3".into(), String::new(), Response::default());
        assert_eq!(ws.pasted_name(), "pasted text 2");
    }
}
