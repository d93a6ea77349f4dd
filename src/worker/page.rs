//! The page's side of the parsing worker (wasm32 only): files (and long pasted texts) are read
//! and parsed in a Web Worker so the page stays responsive, one file at a time, with progress,
//! cancel, a time limit, and a fresh worker after a crash.
//!
//! The worker is made from a `blob:` URL whose script the page builds itself:
//! - in the single-file page (`foi-lens.html`, also from `file://`), the wasm-bindgen glue is
//!   the page's own `<script type="module" id="foi-lens-glue">` (tools/postbuild.py makes it
//!   valid as a classic script too), so the worker is a classic worker whose script is that
//!   text plus [`BOOTSTRAP`] (Chromium does not load module workers from `blob:` URLs on
//!   `file://` pages);
//! - in the hosted page, it is a module worker that imports the same glue file the page loaded
//!   (Trunk's `<link rel="modulepreload">` names it).
//!
//! Either way no code is fetched from anywhere but the page's origin, nothing is evaluated from
//! a string (`worker-src blob:` in the CSP allows the worker; its script is a file, not `eval`),
//! and the wasm is not fetched or compiled again: the page posts its own compiled
//! `WebAssembly.Module` (`wasm_bindgen::module()`), which the worker instantiates.

use super::protocol::{self, Stage, MAX_FILE_BYTES, TIMEOUT_SECONDS};
use super::queue::{Cancelled, JobId, Progress, Queue};
use crate::model::Response;
use crate::workspace::row::AutoMatch;
use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{
    Blob, BlobPropertyBag, Event, File, MessageEvent, Url, Worker, WorkerOptions, WorkerType,
};

/// The worker's script after the glue: wait for the page's compiled module, instantiate it (the
/// wasm's `main` then installs `self.__foiLensHandle`), and call the handler inside `try` so a
/// trap in a reader becomes a message, not a dead worker nobody hears from. Valid as a classic
/// script (the single file's worker: module workers from `blob:` URLs do not load on
/// `file://` pages) and as a module (the hosted page's, which imports the glue).
pub const BOOTSTRAP: &str = r#"
self.addEventListener("message", async (first) => {
  let started = false;
  try {
    await __wbg_init({ module_or_path: first.data.module });
    started = typeof self.__foiLensHandle === "function";
  } catch (err) {
    self.postMessage({ type: "crashed", job: 0, message: "could not start: " + String((err && err.message) || err) });
  }
  if (!started) {
    self.close();
    return;
  }
  // The file readers are a separate wasm module, fetched (hosted page) or unpacked (single
  // file) and compiled here the first time a file needs them; see src/worker/reader.rs.
  const reader = first.data.reader;
  let readerLoad = null;
  const loadReader = () => readerLoad || (readerLoad = (async () => {
    try {
      let bytes;
      if (reader && typeof reader.inline === "string") {
        const gz = Uint8Array.from(atob(reader.inline), (c) => c.charCodeAt(0));
        bytes = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
      } else if (reader && typeof reader.url === "string") {
        const got = await fetch(reader.url);
        if (!got.ok) throw new Error("HTTP " + got.status + " for " + reader.url);
        bytes = await got.arrayBuffer();
      } else {
        throw new Error("the page does not say where they are");
      }
      self.__foiLensReaderModule = await WebAssembly.compile(bytes);
    } catch (err) {
      self.__foiLensReaderError = String((err && err.message) || err);
    }
  })());
  self.onmessage = async (e) => {
    try {
      if (self.__foiLensHandle(e.data) === "needs-reader") {
        await loadReader();
        self.__foiLensHandle(e.data);
      }
    } catch (err) {
      self.postMessage({ type: "crashed", job: e.data && e.data.job, message: String((err && err.message) || err) });
      self.close();
    }
  };
  self.postMessage({ type: "ready" });
}, { once: true });
"#;

/// What the parser tells the app.
#[derive(Clone, Debug, PartialEq)]
pub enum ParseEvent {
    /// A file or text is waiting for the worker.
    Queued {
        job: JobId,
        name: String,
        bytes: u64,
    },
    /// The worker started a stage of it.
    Progress {
        job: JobId,
        stage: Stage,
    },
    Parsed {
        job: JobId,
        name: String,
        text: String,
        response: Box<Response>,
        /// Its automatic benchmark match (for `Entry::auto_match`), when the worker sent one.
        auto_match: Option<AutoMatch>,
    },
    /// It could not be read; the message says what to do instead.
    Failed {
        job: JobId,
        name: String,
        message: String,
    },
    Cancelled {
        job: JobId,
        name: String,
    },
    /// How far the current run has got (after every change).
    Run(Progress),
}

/// A job's result as the worker sent it.
struct Done {
    text: String,
    response: Box<Response>,
    auto_match: Option<AutoMatch>,
}

enum Payload {
    File(File),
    Text(String),
}

struct Live {
    worker: Worker,
    ready: bool,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl Drop for Live {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

struct Inner {
    queue: Queue<Payload>,
    live: Option<Live>,
    /// The worker script's `blob:` URL and kind, made once.
    script: Option<(String, WorkerType)>,
    /// Workers that failed before saying "ready", in a row; after two, files are refused with
    /// an explanation instead of restarting forever.
    failed_starts: u32,
    /// The message of a panic reported for the running job, for its error line.
    panic: Option<String>,
    timer: Option<i32>,
    /// The generation of `live`, so replies and timers of a stopped worker are ignored.
    generation: u64,
}

/// Parses files and texts in a worker; events go to the callback given to [`Parser::new`].
#[derive(Clone)]
pub struct Parser {
    inner: Rc<RefCell<Inner>>,
    on_event: Rc<dyn Fn(ParseEvent)>,
}

impl PartialEq for Parser {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

fn set(o: &Object, k: &str, v: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), v);
}

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}

/// The worker's script, the page's glue (inline or by URL) followed by [`BOOTSTRAP`], and
/// whether it must run as a module.
fn worker_source() -> Result<(String, WorkerType), String> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    if let Some(glue) = doc.get_element_by_id("foi-lens-glue") {
        let text = glue.text_content().unwrap_or_default();
        if text.contains("__wbg_init") && !text.contains("import.meta") {
            return Ok((format!("{text}\n{BOOTSTRAP}"), WorkerType::Classic));
        }
    }
    let link = doc
        .query_selector("link[rel=modulepreload][href$='.js']")
        .ok()
        .flatten()
        .and_then(|l| l.get_attribute("href"));
    let Some(href) = link else {
        return Err("the page does not say where its code is".into());
    };
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let url = Url::new_with_base(&href, &base)
        .map(|u| u.href())
        .map_err(|_| "the page's code has an unusable address".to_string())?;
    let literal = serde_json::to_string(&url).map_err(|e| e.to_string())?;
    Ok((
        format!("import __wbg_init from {literal};\n{BOOTSTRAP}"),
        WorkerType::Module,
    ))
}

/// Where the worker finds the file-reader module: the single file carries it inline (gzip,
/// base64, in `<script type="application/octet-stream" id="foi-lens-reader">`); the hosted
/// page names its file in `<meta name="foi-lens-reader">` (both written by tools/postbuild.py).
fn reader_source() -> JsValue {
    let source = Object::new();
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return source.into();
    };
    if let Some(inline) = doc.get_element_by_id("foi-lens-reader") {
        set(
            &source,
            "inline",
            &inline.text_content().unwrap_or_default().trim().into(),
        );
    } else if let Some(meta) = doc
        .query_selector("meta[name=foi-lens-reader]")
        .ok()
        .flatten()
    {
        let base = doc.url().unwrap_or_default();
        let href = meta.get_attribute("content").unwrap_or_default();
        if let Ok(url) = Url::new_with_base(&href, &base) {
            set(&source, "url", &url.href().into());
        }
    }
    source.into()
}

fn blob_url(source: &str) -> Result<String, String> {
    let parts = Array::of1(&JsValue::from_str(source));
    let opts = BlobPropertyBag::new();
    opts.set_type("text/javascript");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| "could not make the worker's script".to_string())?;
    Url::create_object_url_with_blob(&blob)
        .map_err(|_| "could not make the worker's script address".to_string())
}

impl Parser {
    pub fn new(on_event: impl Fn(ParseEvent) + 'static) -> Parser {
        Parser {
            inner: Rc::new(RefCell::new(Inner {
                queue: Queue::new(),
                live: None,
                script: None,
                failed_starts: 0,
                panic: None,
                timer: None,
                generation: 0,
            })),
            on_event: Rc::new(on_event),
        }
    }

    fn emit(&self, events: Vec<ParseEvent>) {
        for e in events {
            (self.on_event)(e);
        }
    }

    fn run_event(&self) -> ParseEvent {
        ParseEvent::Run(self.inner.borrow().queue.progress())
    }

    /// Queue files (in the order given). Files over the size limit are refused at once,
    /// before anything is read.
    pub fn add_files(&self, files: Vec<File>) -> Vec<JobId> {
        let mut events = Vec::new();
        let mut ids = Vec::new();
        {
            let mut inner = self.inner.borrow_mut();
            for file in files {
                let name = file.name();
                let size = file.size().max(0.0) as u64;
                if size > MAX_FILE_BYTES {
                    inner.queue.count_done_elsewhere();
                    events.push(ParseEvent::Failed {
                        job: 0,
                        name,
                        message: protocol::too_large_message(size),
                    });
                    continue;
                }
                let job = inner.queue.push(name.clone(), Payload::File(file));
                ids.push(job);
                events.push(ParseEvent::Queued {
                    job,
                    name,
                    bytes: size,
                });
            }
        }
        events.push(self.run_event());
        self.emit(events);
        self.pump();
        ids
    }

    /// Queue a pasted text under `name`.
    pub fn add_text(&self, name: String, text: String) -> JobId {
        let bytes = text.len() as u64;
        let job = self
            .inner
            .borrow_mut()
            .queue
            .push(name.clone(), Payload::Text(text));
        self.emit(vec![
            ParseEvent::Queued { job, name, bytes },
            self.run_event(),
        ]);
        self.pump();
        job
    }

    /// Cancel one file: dropped if waiting; if it is in the worker, the worker is stopped and a
    /// fresh one takes the rest.
    pub fn cancel(&self, job: JobId) {
        let outcome = self.inner.borrow_mut().queue.cancel(job);
        let name = match outcome {
            Cancelled::Waiting { name } => name,
            Cancelled::Running { name } => {
                self.stop_worker();
                name
            }
            Cancelled::Unknown => return,
        };
        self.emit(vec![ParseEvent::Cancelled { job, name }, self.run_event()]);
        self.pump();
    }

    /// Cancel everything waiting and running.
    pub fn cancel_all(&self) {
        let (waiting, running) = self.inner.borrow_mut().queue.cancel_all();
        if running.is_some() {
            self.stop_worker();
        }
        let mut events: Vec<ParseEvent> = running
            .into_iter()
            .chain(waiting)
            .map(|(job, name)| ParseEvent::Cancelled { job, name })
            .collect();
        events.push(self.run_event());
        self.emit(events);
    }

    pub fn progress(&self) -> Progress {
        self.inner.borrow().queue.progress()
    }

    fn stop_worker(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.live = None; // Drop terminates it
        inner.generation += 1;
        inner.panic = None;
        if let Some(t) = inner.timer.take() {
            if let Some(w) = web_sys::window() {
                w.clear_timeout_with_handle(t);
            }
        }
    }

    /// Start the next job if the worker is ready and free, starting a worker if there is none.
    fn pump(&self) {
        if self.inner.borrow().queue.is_idle() {
            return;
        }
        if self.inner.borrow().live.is_none() {
            if let Err(why) = self.spawn() {
                self.give_up(&why);
            }
            return;
        }
        if !self.inner.borrow().live.as_ref().is_some_and(|l| l.ready) {
            return;
        }
        let job = self.inner.borrow_mut().queue.start_next();
        let Some(job) = job else { return };
        let generation = self.inner.borrow().generation;
        self.arm_timer(job.id, generation);
        match job.payload {
            Payload::Text(text) => {
                let msg = Object::new();
                set(&msg, "type", &"text".into());
                set(&msg, "job", &(job.id as f64).into());
                set(&msg, "name", &job.name.into());
                set(&msg, "text", &text.into());
                self.post(&msg, None);
            }
            Payload::File(file) => {
                let this = self.clone();
                let promise = file.array_buffer();
                spawn_local(async move {
                    let read = JsFuture::from(promise).await;
                    // Cancelled or restarted while the browser was reading the file?
                    let current = {
                        let inner = this.inner.borrow();
                        inner.generation == generation
                            && inner.queue.running().map(|(id, _)| id) == Some(job.id)
                    };
                    if !current {
                        return;
                    }
                    match read {
                        Ok(buf) => {
                            let msg = Object::new();
                            set(&msg, "type", &"file".into());
                            set(&msg, "job", &(job.id as f64).into());
                            set(&msg, "name", &job.name.into());
                            set(&msg, "bytes", &buf);
                            this.post(&msg, Some(&buf));
                        }
                        Err(e) => this.finish(
                            job.id,
                            Err(format!(
                                "the browser could not open it ({}). Check the file is not still \
                                 downloading, or copy its text and paste it",
                                e.as_string().unwrap_or_else(|| "no reason given".into())
                            )),
                        ),
                    }
                });
            }
        }
    }

    fn post(&self, msg: &Object, transfer: Option<&JsValue>) {
        let inner = self.inner.borrow();
        if let Some(live) = &inner.live {
            let result = match transfer {
                Some(t) => live.worker.post_message_with_transfer(msg, &Array::of1(t)),
                None => live.worker.post_message(msg),
            };
            if let Err(e) = result {
                web_sys::console::warn_1(&e);
            }
        }
    }

    fn arm_timer(&self, job: JobId, generation: u64) {
        let weak = Rc::downgrade(&self.inner);
        let on_event = self.on_event.clone();
        let fire = Closure::once_into_js(move || {
            let Some(inner) = weak.upgrade() else { return };
            let this = Parser { inner, on_event };
            let stale = {
                let i = this.inner.borrow();
                i.generation != generation || i.queue.running().map(|(id, _)| id) != Some(job)
            };
            if !stale {
                this.stop_worker();
                this.finish(job, Err(protocol::timeout_message()));
            }
        });
        let handle = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                fire.unchecked_ref(),
                (TIMEOUT_SECONDS * 1000) as i32,
            )
            .ok()
        });
        let mut inner = self.inner.borrow_mut();
        if let Some(old) = inner.timer.replace(handle.unwrap_or(0)) {
            if let Some(w) = web_sys::window() {
                w.clear_timeout_with_handle(old);
            }
        }
    }

    /// The running job ended: tell the app and go on with the next.
    fn finish(&self, job: JobId, result: Result<Done, String>) {
        let name = {
            let mut inner = self.inner.borrow_mut();
            let Some(name) = inner
                .queue
                .running()
                .filter(|(id, _)| *id == job)
                .map(|(_, n)| n.to_string())
            else {
                return; // a stale reply: the job was cancelled or timed out
            };
            inner.queue.finish(job);
            inner.panic = None;
            if let Some(t) = inner.timer.take() {
                if let Some(w) = web_sys::window() {
                    w.clear_timeout_with_handle(t);
                }
            }
            name
        };
        let event = match result {
            Ok(Done {
                text,
                response,
                auto_match,
            }) => ParseEvent::Parsed {
                job,
                name,
                text,
                response,
                auto_match,
            },
            Err(message) => ParseEvent::Failed { job, name, message },
        };
        self.emit(vec![event, self.run_event()]);
        self.pump();
    }

    /// No worker can be started: refuse everything waiting, saying why and what to do.
    fn give_up(&self, why: &str) {
        let (waiting, running) = self.inner.borrow_mut().queue.cancel_all();
        let message = protocol::no_worker_message(why);
        let mut events: Vec<ParseEvent> = running
            .into_iter()
            .chain(waiting)
            .map(|(job, name)| ParseEvent::Failed {
                job,
                name,
                message: message.clone(),
            })
            .collect();
        events.push(self.run_event());
        self.emit(events);
    }

    fn spawn(&self) -> Result<(), String> {
        if self.inner.borrow().failed_starts >= 2 {
            return Err("it failed to start twice".into());
        }
        let known = self.inner.borrow().script.clone();
        let (url, kind) = match known {
            Some(script) => script,
            None => {
                let (source, kind) = worker_source()?;
                let script = (blob_url(&source)?, kind);
                self.inner.borrow_mut().script = Some(script.clone());
                script
            }
        };
        let opts = WorkerOptions::new();
        opts.set_type(kind);
        opts.set_name("foi-lens reader");
        let worker = Worker::new_with_options(&url, &opts)
            .map_err(|e| format!("{:?}", e.as_string().unwrap_or_default()))?;
        let generation = {
            let mut inner = self.inner.borrow_mut();
            inner.generation += 1;
            inner.generation
        };
        let weak: Weak<RefCell<Inner>> = Rc::downgrade(&self.inner);
        let on_event = self.on_event.clone();
        let on_message = {
            let weak = weak.clone();
            let on_event = on_event.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                let Some(inner) = weak.upgrade() else { return };
                let this = Parser {
                    inner,
                    on_event: on_event.clone(),
                };
                if this.inner.borrow().generation == generation {
                    this.on_message(e.data());
                }
            })
        };
        // An `ErrorEvent` for an uncaught error, a plain `Event` when the script did not load.
        let on_error = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            // Handled here: not an uncaught error in the page's console.
            e.prevent_default();
            let Some(inner) = weak.upgrade() else { return };
            let this = Parser {
                inner,
                on_event: on_event.clone(),
            };
            if this.inner.borrow().generation == generation {
                let message = get(&e, "message")
                    .as_string()
                    .unwrap_or_else(|| "its script did not load".into());
                this.crashed(Some(message));
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let first = Object::new();
        set(&first, "module", &wasm_bindgen::module());
        set(&first, "reader", &reader_source());
        worker
            .post_message(&first)
            .map_err(|_| "could not hand it the program".to_string())?;
        self.inner.borrow_mut().live = Some(Live {
            worker,
            ready: false,
            _on_message: on_message,
            _on_error: on_error,
        });
        Ok(())
    }

    fn on_message(&self, data: JsValue) {
        let kind = get(&data, "type").as_string().unwrap_or_default();
        let job = get(&data, "job").as_f64().unwrap_or(0.0) as JobId;
        match kind.as_str() {
            "ready" => {
                {
                    let mut inner = self.inner.borrow_mut();
                    inner.failed_starts = 0;
                    if let Some(l) = inner.live.as_mut() {
                        l.ready = true;
                    }
                }
                self.pump();
            }
            "progress" => {
                if let Some(stage) = get(&data, "stage")
                    .as_string()
                    .and_then(|s| Stage::from_key(&s))
                {
                    self.emit(vec![ParseEvent::Progress { job, stage }]);
                }
            }
            "done" => {
                let text = get(&data, "text")
                    .dyn_into::<js_sys::ArrayBuffer>()
                    .map(|b| js_sys::Uint8Array::new(&b).to_vec())
                    .map(|v| {
                        String::from_utf8(v)
                            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
                    })
                    .unwrap_or_default();
                let json = get(&data, "response").as_string().unwrap_or_default();
                // Through serde_json::Value, as storage reads them: one deserializer for the
                // model in the wasm, not two.
                let auto_match = get(&data, "match")
                    .as_string()
                    .and_then(|m| serde_json::from_str::<serde_json::Value>(&m).ok())
                    .and_then(|m| serde_json::from_value::<AutoMatch>(m).ok());
                let result = serde_json::from_str::<serde_json::Value>(&json)
                    .and_then(serde_json::from_value::<Response>)
                    .map(|r| Done {
                        text,
                        response: Box::new(r),
                        auto_match,
                    })
                    .map_err(|e| protocol::crash_message(Some(&e.to_string())));
                self.finish(job, result);
            }
            "failed" => {
                let message = get(&data, "message").as_string().unwrap_or_default();
                self.finish(job, Err(message));
            }
            "panic" => {
                self.inner.borrow_mut().panic = get(&data, "message").as_string();
            }
            "crashed" => {
                let detail = get(&data, "message").as_string();
                self.crashed(detail);
            }
            _ => {}
        }
    }

    /// The worker died (a trap in a reader, or it could not start): fail the running job, and
    /// start a fresh worker for the rest.
    fn crashed(&self, detail: Option<String>) {
        let (running, was_ready, panic) = {
            let inner = self.inner.borrow();
            (
                inner.queue.running().map(|(id, _)| id),
                inner.live.as_ref().is_some_and(|l| l.ready),
                inner.panic.clone(),
            )
        };
        self.stop_worker();
        if !was_ready {
            self.inner.borrow_mut().failed_starts += 1;
        }
        match running {
            Some(job) => self.finish(
                job,
                Err(protocol::crash_message(
                    panic.as_deref().or(detail.as_deref()),
                )),
            ),
            None => self.pump(),
        }
    }
}
