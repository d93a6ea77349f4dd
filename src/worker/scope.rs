//! Inside the parsing worker (wasm32 only). The worker runs the same wasm module as the page,
//! instantiated again from the `WebAssembly.Module` the page posts to it; `main` sees there is
//! no `document` and calls [`start`] instead of mounting the app.
//!
//! [`start`] hands the worker's bootstrap script (see `page::BOOTSTRAP`) a message handler as
//! `self.__foiLensHandle`; the bootstrap calls it inside `try`, so a panic in a reader (a trap:
//! wasm32 aborts on panic) becomes a `crashed` message and the worker closes itself, and the
//! page starts a fresh one for the remaining files. The panic hook sends the panic's message
//! first, for the user's error line.
//!
//! Messages in: `{type: "file", job, name, bytes: ArrayBuffer}` and `{type: "text", job, name,
//! text}`. Out: `{type: "progress", job, stage}`, `{type: "done", job, text, response, match}`
//! (the text as UTF-8 in an `ArrayBuffer`, the response and its automatic benchmark match as
//! JSON), `{type: "failed", job, message}`, `{type: "panic", job, message}`.

use super::protocol::{self, Parsed, Stage};
use super::reader;
use js_sys::{ArrayBuffer, Object, Reflect, Uint8Array};
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::DedicatedWorkerGlobalScope;

thread_local! {
    /// The job being parsed, for the panic hook's message.
    static CURRENT_JOB: Cell<f64> = const { Cell::new(0.0) };
}

/// True when this instance runs in a dedicated worker rather than a page.
pub fn in_worker() -> bool {
    js_sys::global()
        .dyn_ref::<DedicatedWorkerGlobalScope>()
        .is_some()
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Post `{key: value, ...}` to the page.
fn post(fields: &[(&str, JsValue)]) {
    post_with_transfer(fields, None);
}

/// Post, handing over `transfer` (an `ArrayBuffer`) instead of copying it.
fn post_with_transfer(fields: &[(&str, JsValue)], transfer: Option<&JsValue>) {
    let msg = Object::new();
    for (k, v) in fields {
        let _ = Reflect::set(&msg, &JsValue::from_str(k), v);
    }
    let _ = match transfer {
        Some(t) => scope().post_message_with_transfer(&msg, &js_sys::Array::of1(t)),
        None => scope().post_message(&msg),
    };
}

fn field(data: &JsValue, key: &str) -> JsValue {
    Reflect::get(data, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Install the message handler for the bootstrap script.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let job = CURRENT_JOB.with(Cell::get);
        post(&[
            ("type", "panic".into()),
            ("job", job.into()),
            ("message", crate::panics::describe(info).into()),
        ]);
    }));
    let handler = Closure::<dyn Fn(JsValue) -> JsValue>::new(handle);
    let _ = Reflect::set(
        &scope(),
        &JsValue::from_str("__foiLensHandle"),
        handler.as_ref(),
    );
    // The handler lives as long as the worker.
    handler.forget();
}

/// What [`handle`] returns when the file needs the file-reader module, not loaded yet.
const NEEDS_READER: &str = "needs-reader";

fn handle(data: JsValue) -> JsValue {
    let job = field(&data, "job").as_f64().unwrap_or(0.0);
    CURRENT_JOB.with(|c| c.set(job));
    let name = field(&data, "name").as_string().unwrap_or_default();
    let progress = |stage: Stage| {
        post(&[
            ("type", "progress".into()),
            ("job", job.into()),
            ("stage", stage.key().into()),
        ])
    };
    let result = match field(&data, "type").as_string().as_deref() {
        Some("file") => match field(&data, "bytes").dyn_into::<ArrayBuffer>() {
            Ok(buf) => {
                let mut needs_reader = false;
                let read_other = |name: &str, bytes: &[u8]| {
                    if !reader::loaded() {
                        needs_reader = true;
                        return Err(String::new());
                    }
                    reader::read(name, bytes)
                };
                let result = protocol::parse_bytes(
                    &name,
                    &Uint8Array::new(&buf).to_vec(),
                    read_other,
                    progress,
                );
                if needs_reader {
                    // The bootstrap loads the file-reader module and calls again.
                    return NEEDS_READER.into();
                }
                result
            }
            Err(_) => Err("the browser did not pass the file's contents on".into()),
        },
        Some("text") => Ok(protocol::parse_pasted(
            field(&data, "text").as_string().unwrap_or_default(),
            progress,
        )),
        _ => return JsValue::UNDEFINED,
    };
    match result {
        Ok(Parsed {
            text,
            response,
            auto_match,
        }) => {
            let json = serde_json::to_string(&response).unwrap_or_default();
            let matched = serde_json::to_string(&auto_match).unwrap_or_default();
            // The text as UTF-8 bytes, handed over rather than copied: a 10 MB text then costs
            // the page a copy, not a conversion from a JavaScript string.
            let bytes = Uint8Array::from(text.as_bytes()).buffer();
            post_with_transfer(
                &[
                    ("type", "done".into()),
                    ("job", job.into()),
                    ("text", bytes.clone().into()),
                    ("response", json.into()),
                    ("match", matched.into()),
                ],
                Some(&bytes.into()),
            );
        }
        Err(message) => post(&[
            ("type", "failed".into()),
            ("job", job.into()),
            ("message", message.into()),
        ]),
    }
    JsValue::UNDEFINED
}
