//! The workspace in the app: every file dropped or opened (and every pasted text added) becomes
//! a row of one batch, parsed in the worker (`crate::worker`), kept in IndexedDB
//! (`crate::workspace::browser`), compared in charts and exported. This module is the batch's
//! part of the app's one reducer ([`Batch`], [`BatchAction`], [`reduce`]) plus the page-wide
//! parser and store it drives; `view` draws it, `download` saves files and chart images.
//!
//! Opening a row shows the entry in the app's own results card and source view (the app's
//! `Doc`); corrections made there are recorded on the entry as well ([`after_edit`]), so the
//! table, charts, exports and storage follow them.

pub(crate) mod download;
mod view;

pub use view::WorkspacePanel;

use super::state::{Action, Doc, Notice, NoticeKind, State};
use crate::model::{FinYear, Response};
use crate::report::fields::{self, Path};
use crate::report::intake::{self, Verdict};
use crate::worker::page::{ParseEvent, Parser};
use crate::worker::protocol::Stage;
use crate::worker::queue::{JobId, Progress};
use crate::workspace::browser::Store;
use crate::workspace::row::{AutoMatch, Row};
use crate::workspace::storage::Loaded;
use crate::workspace::transfer::Imported;
use crate::workspace::{edits, Cached, Edit, Entry, EntryId, Outcome, Workspace};
use serde_json::Value as Json;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;
use yew::UseReducerDispatcher;

/// Rows shown per page of the table: the page stays quick with 500 replies.
pub const PAGE_SIZE: usize = 50;
/// Entries matched to the dataset per step when many need it (after an import).
const MATCHES_PER_STEP: usize = 8;

/// A file waiting for, or in, the worker.
#[derive(Clone, Debug, PartialEq)]
pub struct JobRow {
    pub job: JobId,
    pub name: String,
    pub bytes: u64,
    pub stage: Option<Stage>,
}

/// What the table is sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Added,
    Organisation,
    Spend,
    Dma,
    Status,
    Warnings,
}

/// Whether the workspace is kept in this browser.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreStatus {
    Opening,
    Kept,
    /// Not kept (storage off, full, failed): the message says what to do.
    NotKept(String),
    /// What is stored could not be read: the message, and the raw data can be downloaded.
    Damaged(String),
}

/// The batch part of the app's state.
#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    pub ws: Workspace,
    pub rows: HashMap<EntryId, Rc<Row>>,
    /// Entries whose benchmark match is still to be computed (a few per step).
    pub pending_match: BTreeSet<EntryId>,
    /// Files waiting for or in the worker, in order.
    pub jobs: Vec<JobRow>,
    pub progress: Progress,
    /// The entry shown in the results card.
    pub open: Option<EntryId>,
    /// Jobs to show in the results card as soon as they are parsed (a single file dropped).
    pub open_on_parse: BTreeSet<JobId>,
    pub sort: (SortKey, bool),
    pub filter: String,
    pub page: usize,
    /// The year the spend charts show (`None`: the year most replies give).
    pub spend_year: Option<FinYear>,
    pub notice: Option<Notice>,
    pub store: StoreStatus,
    pub confirm_clear: bool,
    /// Changes with every change of `ws` (charts and saving follow it).
    pub revision: u64,
    /// The revision that was read from storage (not to be written back).
    pub loaded_revision: Option<u64>,
}

impl Default for Batch {
    fn default() -> Self {
        Batch {
            ws: Workspace::new(),
            rows: HashMap::new(),
            pending_match: BTreeSet::new(),
            jobs: Vec::new(),
            progress: Progress::default(),
            open: None,
            open_on_parse: BTreeSet::new(),
            sort: (SortKey::Added, true),
            filter: String::new(),
            page: 0,
            spend_year: None,
            notice: None,
            store: StoreStatus::Opening,
            confirm_clear: false,
            revision: 0,
            loaded_revision: None,
        }
    }
}

impl Batch {
    /// The rows in the workspace's order (table, charts and exports).
    pub fn ordered_rows(&self) -> Vec<Rc<Row>> {
        self.ws
            .entries
            .iter()
            .filter_map(|e| self.rows.get(&e.id).cloned())
            .collect()
    }

    fn refresh_row(&mut self, id: EntryId) {
        if let Some(e) = self.ws.get(id) {
            let (row, pending) = Row::of_kept(e);
            self.rows.insert(id, Rc::new(row));
            if pending {
                self.pending_match.insert(id);
            } else {
                self.pending_match.remove(&id);
            }
        }
    }

    fn changed(&mut self) {
        self.revision += 1;
    }
}

/// Everything that changes the batch.
#[derive(Clone, Debug, PartialEq)]
pub enum BatchAction {
    Queued {
        job: JobId,
        name: String,
        bytes: u64,
    },
    Stage {
        job: JobId,
        stage: Stage,
    },
    Parsed {
        job: JobId,
        name: String,
        text: String,
        response: Box<Response>,
        auto_match: Option<AutoMatch>,
    },
    Failed {
        job: JobId,
        name: String,
        message: String,
    },
    Cancelled {
        job: JobId,
    },
    Run(Progress),
    /// Show these jobs in the results card when parsed.
    OpenWhenParsed(Vec<JobId>),
    /// What was stored in this browser.
    Loaded(Box<Loaded>),
    StoreStatus(StoreStatus),
    Imported(Box<Imported>),
    Problem(String),
    Open(EntryId),
    Remove(EntryId),
    Sort(SortKey),
    Filter(String),
    Page(usize),
    SpendYear(Option<FinYear>),
    AskClear,
    KeepWorkspace,
    Clear,
    /// Compute a few of the pending benchmark matches.
    MatchSome,
    /// Several actions at once (the parser's events, gathered).
    Many(Vec<BatchAction>),
    DismissNotice,
}

impl From<ParseEvent> for BatchAction {
    fn from(e: ParseEvent) -> BatchAction {
        match e {
            ParseEvent::Queued { job, name, bytes } => BatchAction::Queued { job, name, bytes },
            ParseEvent::Progress { job, stage } => BatchAction::Stage { job, stage },
            ParseEvent::Parsed {
                job,
                name,
                text,
                response,
                auto_match,
            } => BatchAction::Parsed {
                job,
                name,
                text,
                response,
                auto_match,
            },
            ParseEvent::Failed { job, name, message } => BatchAction::Failed { job, name, message },
            ParseEvent::Cancelled { job, .. } => BatchAction::Cancelled { job },
            ParseEvent::Run(p) => BatchAction::Run(p),
        }
    }
}

type Dispatch = UseReducerDispatcher<State>;

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
    static STORE: RefCell<Option<Rc<Store>>> = const { RefCell::new(None) };
    /// Parser events not yet handed to the reducer (see [`FLUSH_MS`]).
    static PENDING: RefCell<Vec<BatchAction>> = const { RefCell::new(Vec::new()) };
}

/// The parser's events reach the reducer together, at most this often: every change redraws
/// the page, and 500 files each redrawing it would cost far more than reading them.
const FLUSH_MS: u64 = 150;

fn queue_event(dispatch: &Dispatch, action: BatchAction) {
    let first = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        p.push(action);
        p.len() == 1
    });
    if first {
        let dispatch = dispatch.clone();
        yew::platform::spawn_local(async move {
            yew::platform::time::sleep(std::time::Duration::from_millis(FLUSH_MS)).await;
            let actions = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
            dispatch.dispatch(Action::Batch(BatchAction::Many(actions)));
        });
    }
}

/// The page's parser (one worker for the whole page), created on first use.
pub fn parser(dispatch: &Dispatch) -> Parser {
    PARSER.with(|p| {
        p.borrow_mut()
            .get_or_insert_with(|| {
                let dispatch = dispatch.clone();
                Parser::new(move |e| queue_event(&dispatch, e.into()))
            })
            .clone()
    })
}

/// Read files in the worker into the workspace. A single file is also shown in the results
/// card as soon as it is parsed (as the app always did with a dropped file).
pub fn read_files(dispatch: &Dispatch, files: Vec<web_sys::File>) {
    let single = files.len() == 1;
    let ids = parser(dispatch).add_files(files);
    if single {
        dispatch.dispatch(Action::Batch(BatchAction::OpenWhenParsed(ids)));
    }
}

pub(super) fn store() -> Option<Rc<Store>> {
    STORE.with(|s| s.borrow().clone())
}

pub(super) fn set_store(store: Rc<Store>) {
    STORE.with(|s| *s.borrow_mut() = Some(store));
}

/// The results card's document for an entry (`None` for a file that could not be read).
pub fn doc_of(entry: &Entry) -> Option<Doc> {
    let Outcome::Parsed(p) = &entry.outcome else {
        return None;
    };
    let current = p.current();
    let edits = p
        .steps()
        .iter()
        .filter_map(|s| {
            let path = Path::parse(&s.edit.path)?;
            let draft = fields::field(current, path)
                .map(|f| f.draft)
                .unwrap_or_default();
            Some((path, draft))
        })
        .collect();
    Some(Doc {
        name: entry.name.clone(),
        text: entry.source.as_str().into(),
        parsed: Rc::new(p.parsed().clone()),
        edits,
        response: Rc::new(current.clone()),
    })
}

fn notice(kind: NoticeKind, text: impl Into<String>) -> Option<Notice> {
    Some(Notice {
        kind,
        text: text.into(),
    })
}

/// Show entry `id` in the results card.
fn open(state: &State, batch: &mut Batch, id: EntryId) -> State {
    let Some(entry) = batch.ws.get(id) else {
        return state.clone();
    };
    match doc_of(entry) {
        Some(doc) => {
            batch.open = Some(id);
            let mut next = state.with_doc(doc);
            next.input = entry.source.as_str().into();
            next.focus = None;
            next.editing = None;
            next.busy = None;
            next.cleared = None;
            next.notice = notice(
                NoticeKind::Info,
                format!("Showing {} from the workspace.", entry.name),
            );
            next
        }
        None => {
            let mut next = state.clone();
            next.notice = notice(
                NoticeKind::Problem,
                format!(
                    "Could not read {}: {}",
                    entry.name,
                    entry.error().unwrap_or("")
                ),
            );
            next
        }
    }
}

/// A correction (or its undoing) in the results card, recorded on the open entry too.
/// `typed` is what the person typed (`None` for undoing a correction).
pub fn after_edit(before: &State, mut next: State, path: Path, typed: Option<&str>) -> State {
    let Some(id) = before.batch.open else {
        return next;
    };
    let (Some(old), Some(doc)) = (&before.doc, next.doc.clone()) else {
        return next;
    };
    if Rc::ptr_eq(old, &doc) {
        return next; // refused or unchanged
    }
    let mut batch = (*next.batch).clone();
    let Some(entry) = batch.ws.get_mut(id) else {
        return next;
    };
    let Outcome::Parsed(p) = &mut entry.outcome else {
        return next;
    };
    let cpath = path.to_string();
    let result = match typed {
        None => p.revert(&cpath),
        Some(text) => {
            let value = if text.trim().is_empty() {
                Json::Null // removed (an exemption leaves the list: do not read its neighbour)
            } else {
                edits::value_at(&doc.response, &cpath)
                    .ok()
                    .flatten()
                    .map(|v| v.value)
                    .unwrap_or(Json::Null)
            };
            p.edit(Edit::new(cpath, value))
        }
    };
    if let Err(e) = result {
        batch.notice = notice(
            NoticeKind::Problem,
            format!("The correction is shown but could not be kept in the workspace: {e}."),
        );
    }
    let refreshed = doc_of(entry);
    batch.refresh_row(id);
    batch.changed();
    if let Some(d) = refreshed {
        let editing = next.editing.clone();
        next = next.with_doc(d);
        next.editing = editing;
    }
    next.batch = Rc::new(batch);
    next
}

/// After any action: if the card now shows a different document that is not the open entry's
/// (a paste, an example, Clear), no entry is open any more.
pub fn forget_open_if_replaced(before: &State, mut next: State) -> State {
    let replaced = match (&before.doc, &next.doc) {
        (Some(a), Some(b)) => !Rc::ptr_eq(a, b),
        (None, None) => false,
        _ => true,
    };
    if replaced && next.batch.open.is_some() && Rc::ptr_eq(&before.batch, &next.batch) {
        let mut b = (*next.batch).clone();
        b.open = None;
        next.batch = Rc::new(b);
    }
    next
}

/// The batch's part of the reducer.
pub fn reduce(state: &State, action: BatchAction) -> State {
    let mut b = (*state.batch).clone();
    let mut next: Option<State> = None;
    apply(state, &mut b, action, &mut next);
    let mut next = next.unwrap_or_else(|| state.clone());
    next.batch = Rc::new(b);
    next
}

/// One action on the batch `b` (the state's own copy, changed in place so that a hundred
/// gathered events cost one copy); `next` is set when the rest of the page changes too.
fn apply(state: &State, b: &mut Batch, action: BatchAction, next: &mut Option<State>) {
    let state = next.clone().unwrap_or_else(|| state.clone());
    let state = &state;
    match action {
        BatchAction::Many(actions) => {
            for a in actions {
                apply(state, b, a, next);
            }
        }
        BatchAction::Queued { job, name, bytes } => b.jobs.push(JobRow {
            job,
            name,
            bytes,
            stage: None,
        }),
        BatchAction::Stage { job, stage } => {
            if let Some(j) = b.jobs.iter_mut().find(|j| j.job == job) {
                j.stage = Some(stage);
            }
        }
        BatchAction::Parsed {
            job,
            name,
            text,
            response,
            auto_match,
        } => {
            b.jobs.retain(|j| j.job != job);
            let verdict = intake::assess(&text, &response);
            let chars = text.chars().count();
            let wanted = b.open_on_parse.remove(&job);
            if verdict == Verdict::NotText {
                // Not a document at all (a picture, a program): a row that says so.
                let message = intake::message(verdict, chars, None).unwrap_or_default();
                let id = b.ws.add_failed(name.clone(), message);
                b.refresh_row(id);
            } else {
                let id = b.ws.add_parsed(name, text, *response);
                if let (Some(m), Some(e)) = (auto_match, b.ws.get_mut(id)) {
                    e.auto_match = Cached(Some(m));
                }
                b.refresh_row(id);
                // A file dropped on its own is shown, unless it has nothing to show and
                // something else is on screen (nothing the user has is replaced by nothing).
                if wanted && (verdict == Verdict::Found || state.doc.is_none()) {
                    *next = Some(open(state, b, id));
                }
            }
            b.changed();
            if wanted && next.is_none() {
                let still = state.doc.as_ref().map(|d| d.title());
                let mut n = state.clone();
                n.busy = None;
                n.notice = intake::message(verdict, chars, still.as_deref()).map(|text| Notice {
                    kind: NoticeKind::Problem,
                    text,
                });
                *next = Some(n);
            }
        }
        BatchAction::Failed { job, name, message } => {
            b.jobs.retain(|j| job == 0 || j.job != job);
            let id = b.ws.add_failed(name.clone(), message.clone());
            b.refresh_row(id);
            b.changed();
            if b.open_on_parse.remove(&job) || job == 0 {
                let mut n = state.clone();
                n.busy = None;
                n.notice = notice(
                    NoticeKind::Problem,
                    format!("Could not read {name}: {message}"),
                );
                *next = Some(n);
            }
        }
        BatchAction::Cancelled { job } => {
            b.jobs.retain(|j| j.job != job);
            b.open_on_parse.remove(&job);
        }
        BatchAction::Run(p) => b.progress = p,
        BatchAction::OpenWhenParsed(jobs) => b.open_on_parse.extend(jobs),
        BatchAction::Loaded(loaded) => {
            let Loaded {
                workspace,
                problems,
                ..
            } = *loaded;
            let message = (Loaded {
                workspace: Workspace::new(),
                problems,
                migrated_from: None,
            })
            .message();
            // Entries added before the store answered (a file dropped at once) are kept.
            let mut ws = workspace;
            for e in b.ws.entries.drain(..) {
                ws.add_entry((*e).clone());
            }
            b.ws = ws;
            let ids: Vec<EntryId> = b.ws.entries.iter().map(|e| e.id).collect();
            for id in ids {
                b.refresh_row(id);
            }
            b.store = StoreStatus::Kept;
            b.changed();
            b.loaded_revision = Some(b.revision);
            if let Some(m) = message {
                b.notice = notice(NoticeKind::Problem, m);
            }
        }
        BatchAction::StoreStatus(s) => {
            if let StoreStatus::NotKept(m) | StoreStatus::Damaged(m) = &s {
                b.notice = notice(NoticeKind::Problem, m.clone());
            }
            b.store = s;
        }
        BatchAction::Imported(imported) => {
            let problems = imported.problems.clone();
            let ids = imported.add_to(&mut b.ws);
            for id in &ids {
                b.refresh_row(*id);
            }
            b.changed();
            let mut text = format!(
                "Imported {} {}.",
                ids.len(),
                if ids.len() == 1 { "reply" } else { "replies" }
            );
            if !problems.is_empty() {
                text.push_str(&format!(" {}.", problems.join("; ")));
            }
            b.notice = notice(
                if problems.is_empty() {
                    NoticeKind::Info
                } else {
                    NoticeKind::Problem
                },
                text,
            );
        }
        BatchAction::Problem(text) => b.notice = notice(NoticeKind::Problem, text),
        BatchAction::Open(id) => *next = Some(open(state, b, id)),
        BatchAction::Remove(id) => {
            if let Some(e) = b.ws.remove(id) {
                b.rows.remove(&id);
                b.pending_match.remove(&id);
                b.changed();
                b.notice = notice(
                    NoticeKind::Info,
                    format!("Removed {} from the workspace.", e.name),
                );
                if b.open == Some(id) {
                    b.open = None;
                }
            }
        }
        BatchAction::Sort(key) => {
            b.sort = if b.sort.0 == key {
                (key, !b.sort.1)
            } else {
                (key, true)
            };
            b.page = 0;
        }
        BatchAction::Filter(f) => {
            b.filter = f;
            b.page = 0;
        }
        BatchAction::Page(p) => b.page = p,
        BatchAction::SpendYear(y) => b.spend_year = y,
        BatchAction::AskClear => b.confirm_clear = true,
        BatchAction::KeepWorkspace => b.confirm_clear = false,
        BatchAction::Clear => {
            let n = b.ws.len();
            b.ws.clear();
            b.rows.clear();
            b.pending_match.clear();
            b.open = None;
            b.confirm_clear = false;
            b.page = 0;
            b.changed();
            b.notice = notice(
                NoticeKind::Info,
                format!(
                    "Cleared the workspace: {n} {} removed from this browser.",
                    if n == 1 { "reply" } else { "replies" }
                ),
            );
        }
        BatchAction::MatchSome => {
            let ids: Vec<EntryId> = b
                .pending_match
                .iter()
                .take(MATCHES_PER_STEP)
                .copied()
                .collect();
            for id in ids {
                if let Some(e) = b.ws.get_mut(id) {
                    e.refresh_auto_match();
                }
                b.pending_match.remove(&id);
                b.refresh_row(id);
            }
            b.changed();
        }
        BatchAction::DismissNotice => b.notice = None,
    }
}
