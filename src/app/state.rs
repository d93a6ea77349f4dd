//! The app's one reducer: every change of state is an [`Action`]; views only dispatch actions and
//! render [`State`]. Everything the page shows that takes computing (the parse, corrections,
//! chart options, the summary) is computed here by calling the pure core, once per change, and
//! kept in [`Derived`] so views stay free of logic.
//!
//! Invariant: nothing the user has is ever replaced by nothing. An empty paste, a binary file or
//! a text with no FOI figures leaves the current document on screen and explains why in
//! `notice`.

use super::examples::Example;
use crate::bench::{CareSetting, PeerGroup};
use crate::chart::compare::{self, Choices, Comparison, OrgPick};
use crate::chart::dma::{self, Scores};
use crate::chart::look::Look;
use crate::chart::{spend, tables};
use crate::model::{Response, Warning};
use crate::report::fields::{self, Path};
use crate::report::intake::{self, Verdict};
use crate::report::summary;
use crate::share::charts::{self, ChartKey};
use crate::share::open::Opened;
use serde_json::Value;
use std::rc::Rc;
use yew::Reducible;

/// The document whose figures are on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    /// Where it came from, for people: a file name, "the example …", "pasted text".
    pub name: String,
    /// The text the figures were read from (evidence spans point into it).
    pub text: Rc<str>,
    /// What the parser returned, untouched.
    pub parsed: Rc<Response>,
    /// The user's corrections, in the order made (see `report::fields::record_edit`).
    pub edits: Vec<(Path, String)>,
    /// `parsed` with the corrections applied: what the card, charts and exports use.
    pub response: Rc<Response>,
}

impl Doc {
    fn new(name: String, text: Rc<str>, parsed: Response) -> Doc {
        let parsed = Rc::new(parsed);
        Doc {
            name,
            text,
            response: parsed.clone(),
            parsed,
            edits: Vec::new(),
        }
    }

    /// True if the user corrected the value at `path` (including by removing it).
    pub fn is_edited(&self, path: Path) -> bool {
        self.edits.iter().any(|(p, _)| *p == path)
    }

    /// How to name this document in messages: its organisation, else its source.
    pub fn title(&self) -> String {
        match &self.response.organisation {
            Some(org) => org.value.clone(),
            None => self.name.clone(),
        }
    }
}

/// A message above the results.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// Something happened as asked (e.g. a file was read); polite.
    Info,
    /// The input was not used; says why and what to do.
    Problem,
}

/// A value being corrected.
#[derive(Clone, Debug, PartialEq)]
pub struct Editing {
    pub path: Path,
    /// Why the last attempt was refused (shown under the edit box).
    pub error: Option<String>,
    /// What the user typed in that refused attempt (kept in the box to fix).
    pub typed: Option<String>,
}

/// A chart as the page shows it: its ECharts option and its text alternative.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartView {
    pub option: Rc<Value>,
    pub description: String,
}

/// What the page shows for the current document, computed once per change.
#[derive(Clone, Debug, PartialEq)]
pub struct Derived {
    /// IT spend by year.
    pub spend: ChartView,
    /// The benchmark: the matched organisation, its peers and the numbers compared.
    pub comparison: Rc<Comparison>,
    /// The scores on the radar (the response's, or the published ones it withheld).
    pub scores: Option<Scores>,
    /// The seven pillars against the peer median.
    pub radar: Option<ChartView>,
    /// Each pillar across the peer group.
    pub distribution: Option<ChartView>,
    /// The scores NHS England published, where the response withheld them.
    pub published: Option<ChartView>,
    /// One chart per money table, in `response.tables` order.
    pub tables: Vec<ChartView>,
    /// The paragraph a journalist can paste.
    pub summary: String,
}

impl Derived {
    /// The charts drawn for `r` (this document's response), in page order.
    pub fn charts(&self, r: &Response) -> Vec<ChartKey> {
        let mut out = Vec::new();
        if !r.it_spend.is_empty() {
            out.push(ChartKey::Spend);
        }
        if self.published.is_some() {
            out.push(ChartKey::DmaPublished);
        }
        if self.radar.is_some() {
            out.push(ChartKey::Dma);
        }
        if self.distribution.is_some() {
            out.push(ChartKey::DmaPeers);
        }
        out.extend((0..self.tables.len()).map(ChartKey::Table));
        out
    }

    /// The chart for `key`, if drawn.
    pub fn chart(&self, key: ChartKey) -> Option<&ChartView> {
        match key {
            ChartKey::Spend => Some(&self.spend),
            ChartKey::Dma => self.radar.as_ref(),
            ChartKey::DmaPeers => self.distribution.as_ref(),
            ChartKey::DmaPublished => self.published.as_ref(),
            ChartKey::Table(i) => self.tables.get(i),
        }
    }

    fn of(doc: &Doc, choices: &Choices) -> Derived {
        let r = &doc.response;
        let comparison = compare::compare(r, &doc.text, choices);
        let name = r
            .organisation
            .as_ref()
            .map(|o| summary::short_name(&o.value))
            .unwrap_or_else(|| "This organisation".into());
        let scores = comparison
            .subject
            .clone()
            .or_else(|| Scores::of_response(r, &format!("{name} (this response)")));
        let median = comparison.peers.as_ref().and_then(|p| p.median());
        let radar = scores.as_ref().map(|s| ChartView {
            option: Rc::new(dma::radar_chart(s, median.as_ref())),
            description: dma::radar_description(s, median.as_ref()),
        });
        let distribution = match (&scores, &comparison.peers) {
            (Some(s), Some(p)) if !p.members.is_empty() => Some(ChartView {
                option: Rc::new(dma::distribution_chart(s, p)),
                description: dma::distribution_description(s, p),
            }),
            _ => None,
        };
        let published = (!comparison.published.is_empty()).then(|| ChartView {
            option: Rc::new(dma::published_chart(&comparison.published)),
            description: dma::published_description(
                &comparison.published,
                &format!(
                    "NHS England's DMA 2025 data (published {})",
                    comparison.published_on
                ),
            ),
        });
        let context = summary::Context {
            standing: comparison.standing(),
            published: comparison.published_for_summary(),
        };
        Derived {
            spend: ChartView {
                option: Rc::new(spend::spend_chart(r)),
                description: spend::spend_description(r),
            },
            scores,
            radar,
            distribution,
            published,
            tables: r
                .tables
                .iter()
                .map(|t| ChartView {
                    option: Rc::new(tables::table_chart(t)),
                    description: tables::table_description(t),
                })
                .collect(),
            summary: summary::summary(r, &context),
            comparison: Rc::new(comparison),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The text in the paste area (may differ from `doc.text` when it was not worth showing).
    pub input: Rc<str>,
    /// The document on screen; `None` only before anything was loaded or after "Clear".
    pub doc: Option<Rc<Doc>>,
    pub derived: Option<Rc<Derived>>,
    /// The value whose evidence is highlighted in the source text.
    pub focus: Option<Path>,
    pub editing: Option<Editing>,
    pub notice: Option<Notice>,
    /// A file is being read ("Reading reply.pdf (2.1 MB)…").
    pub busy: Option<String>,
    /// A file is being dragged over the page.
    pub dragging: bool,
    /// Which organisation, care setting and peer group the benchmark uses.
    pub choices: Choices,
    pub look: Look,
    /// The chart links and embeds show (chosen in the share panel, or by a link opened).
    pub chart: Option<ChartKey>,
    /// True when the document came from a link that carries its figures but not its text.
    pub figures_only: bool,
    /// What "Clear" removed, so it can be undone.
    pub cleared: Option<(Rc<str>, Rc<Doc>, Choices)>,
    /// The workspace: every file read and every text added, as one batch (`super::batch`).
    pub batch: Rc<super::batch::Batch>,
}

pub enum Action {
    /// The paste area changed (typing, Ctrl+V, drop of text).
    Input(String),
    /// Load an example reply (replaces the paste area).
    LoadExample(&'static Example),
    /// A long pasted text (this many bytes) is about to be parsed.
    Reading(usize),
    /// A file is being read (its bytes are on their way).
    FileStarted {
        name: String,
        bytes: usize,
    },
    /// Show a message (e.g. the clipboard is not available).
    Notify(Notice),
    DismissNotice,
    /// Empty the paste area and the results (can be undone).
    Clear,
    UndoClear,
    /// Highlight this value's evidence.
    Focus(Path),
    StartEdit(Path),
    /// The user typed `text` for the value at `path` (Enter or leaving the box).
    CommitEdit(Path, String),
    CancelEdit,
    /// Drop the user's correction of this value.
    RevertEdit(Path),
    SetPeers(PeerGroup),
    /// Compare as another organisation (or none, or back to the automatic match).
    PickOrg(OrgPick),
    /// Compare the trust's assessment for this care setting (`None`: its main one).
    PickSetting(Option<CareSetting>),
    SetLook(Look),
    Dragging(bool),
    /// Something about the workspace (files parsed, rows opened, storage, exports).
    Batch(super::batch::BatchAction),
    /// Show the view a share link carried (see `crate::share::open`).
    OpenShared(Rc<Opened>),
    /// The chart that links and embeds show.
    PickChart(ChartKey),
}

impl Default for State {
    fn default() -> Self {
        State {
            input: "".into(),
            doc: None,
            derived: None,
            focus: None,
            editing: None,
            notice: None,
            busy: None,
            dragging: false,
            choices: Choices::default(),
            look: Look::default(),
            chart: None,
            figures_only: false,
            cleared: None,
            batch: Rc::default(),
        }
    }
}

impl State {
    /// A state showing `text` (named `name`), as on first visit with the example.
    pub fn with_text(name: &str, text: &str) -> State {
        State::default().load(name.to_string(), text.to_string(), true)
    }

    /// The view a share link carried, with a notice saying where it came from and anything
    /// that could not be reproduced.
    pub fn from_opened(opened: &Opened) -> State {
        let doc = Doc {
            name: opened.name.clone(),
            text: opened.text.as_str().into(),
            parsed: Rc::new(opened.parsed.clone()),
            edits: opened.edits.clone(),
            response: Rc::new(opened.response.clone()),
        };
        let mut next = State {
            choices: opened.choices,
            input: doc.text.clone(),
            ..State::default()
        }
        .with_doc(doc);
        next.figures_only = !opened.carries_text;
        let available = next
            .derived
            .as_ref()
            .zip(next.doc.as_ref())
            .map(|(d, doc)| d.charts(&doc.response))
            .unwrap_or_default();
        next.chart = opened
            .chart
            .as_deref()
            .and_then(ChartKey::parse)
            .filter(|k| available.contains(k));
        let title = next.doc.as_ref().map(|d| d.title()).unwrap_or_default();
        let mut text = if opened.carries_text {
            format!("Opened a shared view of {title}: the reply's text travelled in the link and was read again in your browser.")
        } else {
            format!("Opened a shared view of {title}. The link carries its figures but not the reply's text, so there is no evidence to show.")
        };
        for p in &opened.problems {
            text.push(' ');
            text.push_str(p);
        }
        next.notice = Some(Notice {
            kind: if opened.problems.is_empty() {
                NoticeKind::Info
            } else {
                NoticeKind::Problem
            },
            text,
        });
        next
    }

    /// The chart links and embeds show: the one chosen if still drawn, else the first.
    pub fn shared_chart(&self) -> Option<ChartKey> {
        let (doc, derived) = (self.doc.as_ref()?, self.derived.as_ref()?);
        let available = derived.charts(&doc.response);
        charts::choose(self.chart.map(|k| k.key()).as_deref(), &available)
    }

    /// Warnings that are not about one value on the card (whole-response remarks, or a field
    /// path the card does not show).
    pub fn general_warnings(&self) -> Vec<Warning> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        doc.response
            .warnings
            .iter()
            .filter(|w| w.field.as_deref().and_then(Path::parse).is_none())
            .cloned()
            .collect()
    }

    /// The warnings about the value at `path` (`Warning::field` is its contract path).
    pub fn warnings_for(&self, path: Path) -> Vec<Warning> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let key = path.to_string();
        doc.response
            .warnings
            .iter()
            .filter(|w| w.field.as_deref() == Some(key.as_str()))
            .cloned()
            .collect()
    }

    /// Parse `text` and show it, unless it is not worth showing (then keep what is on screen
    /// and say why). `replace_input` puts the text into the paste area too (files, examples).
    fn load(&self, name: String, text: String, replace_input: bool) -> State {
        let parsed = crate::parse(&text);
        let verdict = intake::assess(&text, &parsed);
        let mut next = self.clone();
        next.busy = None;
        next.editing = None;
        let chars = text.chars().count();
        if verdict == Verdict::Found || (self.doc.is_none() && verdict == Verdict::NothingFound) {
            let text: Rc<str> = text.into();
            let doc = Rc::new(Doc::new(name, text.clone(), parsed));
            // A new document is matched afresh; the peer group the user chose stays.
            next.choices = Choices {
                group: self.choices.group,
                ..Choices::default()
            };
            next.derived = Some(Rc::new(Derived::of(&doc, &next.choices)));
            next.doc = Some(doc);
            next.figures_only = false;
            next.focus = None;
            next.cleared = None;
            next.notice = intake::message(verdict, chars, None).map(|text| Notice {
                kind: NoticeKind::Problem,
                text,
            });
            if replace_input || verdict == Verdict::Found {
                next.input = text;
            }
        } else {
            let still = self.doc.as_ref().map(|d| d.title());
            next.notice = intake::message(verdict, chars, still.as_deref()).map(|text| Notice {
                kind: NoticeKind::Problem,
                text,
            });
            // A pasted text stays in the paste area (it is what the user typed); a file that
            // is not text does not overwrite it.
            if !replace_input && verdict != Verdict::NotText {
                next.input = text.into();
            }
        }
        next
    }

    /// This state showing `doc` (its charts and summary computed).
    pub(crate) fn with_doc(&self, doc: Doc) -> State {
        let mut next = self.clone();
        // Only a link's own document lacks its text; corrections keep the document's kind.
        next.figures_only =
            self.figures_only && self.doc.as_ref().is_some_and(|d| d.text == doc.text);
        next.derived = Some(Rc::new(Derived::of(&doc, &next.choices)));
        next.doc = Some(Rc::new(doc));
        next
    }

    fn with_choices(&self, choices: Choices) -> State {
        let mut next = self.clone();
        next.choices = choices;
        if let Some(doc) = &self.doc {
            next.derived = Some(Rc::new(Derived::of(doc, &choices)));
        }
        next
    }

    fn edit(&self, path: Path, text: String) -> State {
        let Some(doc) = &self.doc else {
            return self.clone();
        };
        let mut trial = (*doc.response).clone();
        if let Err(e) = fields::apply_edit(&mut trial, path, &text) {
            let mut next = self.clone();
            next.editing = Some(Editing {
                path,
                error: Some(e.0),
                typed: Some(text),
            });
            return next;
        }
        let unchanged = fields::field(&doc.response, path).map(|f| f.draft) == Some(text.clone());
        let mut next = self.clone();
        next.editing = None;
        if unchanged {
            return next; // leaving the box without typing anything is not a correction
        }
        let mut d = (**doc).clone();
        fields::record_edit(&mut d.edits, path, &text);
        d.response = Rc::new(trial);
        next.with_doc(d)
    }

    fn revert(&self, path: Path) -> State {
        let Some(doc) = &self.doc else {
            return self.clone();
        };
        let mut d = (**doc).clone();
        d.edits.retain(|(p, _)| *p != path);
        d.response = Rc::new(fields::apply_edits(&d.parsed, &d.edits).0);
        let mut next = self.with_doc(d);
        next.editing = None;
        next
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = match action {
            Action::Input(text) => self.load("pasted text".into(), text, false),
            Action::LoadExample(example) => {
                self.load(example.name.into(), example.text.into(), true)
            }
            Action::Reading(bytes) => State {
                busy: Some(format!(
                    "Reading the pasted text ({})…",
                    intake::human_size(bytes)
                )),
                ..(*self).clone()
            },
            Action::FileStarted { name, bytes } => State {
                busy: Some(format!("Reading {name} ({})…", intake::human_size(bytes))),
                ..(*self).clone()
            },
            Action::Notify(notice) => State {
                notice: Some(notice),
                ..(*self).clone()
            },
            Action::DismissNotice => State {
                notice: None,
                ..(*self).clone()
            },
            Action::Clear => {
                let mut next = State {
                    look: self.look,
                    choices: Choices {
                        group: self.choices.group,
                        ..Choices::default()
                    },
                    ..State::default()
                };
                if let Some(doc) = &self.doc {
                    next.cleared = Some((self.input.clone(), doc.clone(), self.choices));
                    next.notice = Some(Notice {
                        kind: NoticeKind::Info,
                        text: format!("Cleared {}.", doc.title()),
                    });
                }
                next
            }
            Action::UndoClear => match &self.cleared {
                Some((input, doc, choices)) => {
                    let mut next = State {
                        choices: *choices,
                        ..(*self).clone()
                    }
                    .with_doc((**doc).clone());
                    next.input = input.clone();
                    next.cleared = None;
                    next.notice = None;
                    next
                }
                None => (*self).clone(),
            },
            Action::Focus(path) => {
                if self.focus == Some(path) {
                    return self;
                }
                State {
                    focus: Some(path),
                    ..(*self).clone()
                }
            }
            Action::StartEdit(path) => State {
                editing: Some(Editing {
                    path,
                    error: None,
                    typed: None,
                }),
                focus: Some(path),
                ..(*self).clone()
            },
            Action::CommitEdit(path, text) => {
                let next = self.edit(path, text.clone());
                super::batch::after_edit(&self, next, path, Some(&text))
            }
            Action::CancelEdit => State {
                editing: None,
                ..(*self).clone()
            },
            Action::RevertEdit(path) => {
                let next = self.revert(path);
                super::batch::after_edit(&self, next, path, None)
            }
            Action::Batch(action) => super::batch::reduce(&self, action),
            Action::OpenShared(opened) => State {
                look: self.look,
                batch: self.batch.clone(),
                ..State::from_opened(&opened)
            },
            Action::PickChart(key) => State {
                chart: Some(key),
                ..(*self).clone()
            },
            Action::SetPeers(group) => self.with_choices(Choices {
                group,
                ..self.choices
            }),
            Action::PickOrg(org) => self.with_choices(Choices {
                org,
                setting: None,
                ..self.choices
            }),
            Action::PickSetting(setting) => self.with_choices(Choices {
                setting,
                ..self.choices
            }),
            Action::SetLook(look) => State {
                look,
                ..(*self).clone()
            },
            Action::Dragging(dragging) => {
                if self.dragging == dragging {
                    return self;
                }
                State {
                    dragging,
                    ..(*self).clone()
                }
            }
        };
        Rc::new(super::batch::forget_open_if_replaced(&self, next))
    }
}
