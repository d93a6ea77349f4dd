//! The workspace kept in the browser's IndexedDB (wasm32 only), in the per-entry layout of
//! [`storage`](super::storage): a `meta` store with the header, an `entries` store with one
//! record per entry, and a `sources` store with each entry's text as it is (written once, when
//! the entry is added: texts never change). Adding or correcting one reply rewrites one small
//! record, not 500 replies or a 10 MB text.
//!
//! Nothing here leaves the machine: IndexedDB is the browser's own local database for this
//! page's origin (for `file://` pages, the browser's local-file origin). Errors say what to do:
//! a full disk (quota) or a browser that refuses storage (private windows) leave the workspace
//! working for this visit and ask the user to export it; damaged records are skipped by
//! `storage::decode_parts` and reported, and the raw records can always be downloaded as they
//! are ([`Store::raw_dump`]).

use super::storage::{self, LoadError, Loaded};
use super::{EntryId, Workspace};
use js_sys::{Array, Promise};
use std::fmt;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DomException, Event, IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransaction,
    IdbTransactionMode,
};

const DB_NAME: &str = "foi-lens";
const DB_VERSION: u32 = 2;
const META: &str = "meta";
const ENTRIES: &str = "entries";
const SOURCES: &str = "sources";
const HEADER_KEY: &str = "header";

/// Why the workspace could not be kept.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreError {
    /// The browser does not offer storage to this page (private window, blocked cookies and
    /// site data, a very old browser).
    Unavailable(String),
    /// The browser's storage for this page is full.
    Full,
    /// Anything else the browser reported.
    Failed(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Unavailable(why) => write!(
                f,
                "This browser does not let foi-lens keep the workspace ({why}), so it lasts only \
                 until this page is closed. Use Export JSON to keep it, and Import it next time \
                 (in a private window, storage is switched off)"
            ),
            StoreError::Full => write!(
                f,
                "The browser's storage for foi-lens is full, so the latest changes are not kept \
                 after this page is closed. Export the workspace (JSON) now, then remove replies \
                 you do not need or free some disk space"
            ),
            StoreError::Failed(why) => write!(
                f,
                "The browser could not keep the workspace ({why}). It still works on this page; \
                 use Export JSON to keep it"
            ),
        }
    }
}

impl std::error::Error for StoreError {}

fn describe(e: &JsValue) -> StoreError {
    if let Some(d) = e.dyn_ref::<DomException>() {
        if d.name() == "QuotaExceededError" {
            return StoreError::Full;
        }
        return StoreError::Failed(format!("{}: {}", d.name(), d.message()));
    }
    StoreError::Failed(
        e.as_string()
            .unwrap_or_else(|| "no reason given".to_string()),
    )
}

/// A request's result, when it succeeds.
async fn done(req: &IdbRequest) -> Result<JsValue, StoreError> {
    let promise = Promise::new(&mut |resolve, reject| {
        let ok_req = req.clone();
        let on_ok = Closure::once_into_js(move |_: Event| {
            let _ = resolve.call1(
                &JsValue::NULL,
                &ok_req.result().unwrap_or(JsValue::UNDEFINED),
            );
        });
        let err_req = req.clone();
        let on_err = Closure::once_into_js(move |e: Event| {
            e.prevent_default(); // handled: not an uncaught error in the console
            let error = err_req
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        req.set_onsuccess(Some(on_ok.unchecked_ref()));
        req.set_onerror(Some(on_err.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(|e| describe(&e))
}

/// Wait until a transaction has committed (its writes are on disk).
async fn committed(tx: &IdbTransaction) -> Result<(), StoreError> {
    let promise = Promise::new(&mut |resolve, reject| {
        let on_complete = Closure::once_into_js(move |_: Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed_tx = tx.clone();
        let on_abort = Closure::once_into_js(move |_: Event| {
            let error = failed_tx
                .error()
                .map(JsValue::from)
                .unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        let on_error = Closure::once_into_js(move |e: Event| {
            e.prevent_default();
        });
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        tx.set_onabort(Some(on_abort.unchecked_ref()));
        tx.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| describe(&e))
}

/// Everything stored, as it is.
struct Raw {
    header: Option<String>,
    records: Vec<String>,
    texts: std::collections::HashMap<EntryId, String>,
}

/// The open database.
pub struct Store {
    db: IdbDatabase,
}

impl Store {
    /// Open (or create) the database.
    pub async fn open() -> Result<Store, StoreError> {
        let factory = web_sys::window()
            .ok_or_else(|| StoreError::Unavailable("no window".into()))?
            .indexed_db()
            .map_err(|_| StoreError::Unavailable("storage is blocked".into()))?
            .ok_or_else(|| StoreError::Unavailable("no IndexedDB".into()))?;
        let req: IdbOpenDbRequest = factory
            .open_with_u32(DB_NAME, DB_VERSION)
            .map_err(|e| StoreError::Unavailable(describe(&e).to_string()))?;
        let upgrade_req = req.clone();
        let on_upgrade = Closure::once_into_js(move |_: Event| {
            if let Ok(db) = upgrade_req
                .result()
                .and_then(|r| r.dyn_into::<IdbDatabase>())
            {
                let names = db.object_store_names();
                for store in [META, ENTRIES, SOURCES] {
                    if !names.contains(store) {
                        let _ = db.create_object_store(store);
                    }
                }
            }
        });
        req.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
        let db = done(&req)
            .await
            .map_err(|e| match e {
                StoreError::Failed(why) => StoreError::Unavailable(why),
                other => other,
            })?
            .dyn_into::<IdbDatabase>()
            .map_err(|_| StoreError::Unavailable("not a database".into()))?;
        Ok(Store { db })
    }

    fn transaction(&self, mode: IdbTransactionMode) -> Result<IdbTransaction, StoreError> {
        let stores = Array::of3(&META.into(), &ENTRIES.into(), &SOURCES.into());
        self.db
            .transaction_with_str_sequence_and_mode(&stores, mode)
            .map_err(|e| describe(&e))
    }

    /// The header, every entry record and every source text (by id), as stored.
    async fn read_raw(&self) -> Result<Raw, StoreError> {
        let tx = self.transaction(IdbTransactionMode::Readonly)?;
        let meta = tx.object_store(META).map_err(|e| describe(&e))?;
        let entries = tx.object_store(ENTRIES).map_err(|e| describe(&e))?;
        let sources = tx.object_store(SOURCES).map_err(|e| describe(&e))?;
        let header = done(&meta.get(&HEADER_KEY.into()).map_err(|e| describe(&e))?)
            .await?
            .as_string();
        let all = done(&entries.get_all().map_err(|e| describe(&e))?).await?;
        let records = Array::from(&all)
            .iter()
            .filter_map(|v| v.as_string())
            .collect();
        let keys = done(&sources.get_all_keys().map_err(|e| describe(&e))?).await?;
        let texts = done(&sources.get_all().map_err(|e| describe(&e))?).await?;
        let texts = Array::from(&keys)
            .iter()
            .zip(Array::from(&texts).iter())
            .filter_map(|(k, t)| Some((k.as_f64()? as EntryId, t.as_string()?)))
            .collect();
        Ok(Raw {
            header,
            records,
            texts,
        })
    }

    /// The stored workspace (empty when nothing is stored), with anything that could not be
    /// read listed in `problems`.
    pub async fn load(&self) -> Result<Result<Loaded, LoadError>, StoreError> {
        let Raw {
            header,
            records,
            texts,
        } = self.read_raw().await?;
        if header.is_none() && records.is_empty() {
            return Ok(Ok(Loaded {
                workspace: Workspace::new(),
                problems: Vec::new(),
                migrated_from: None,
            }));
        }
        Ok(storage::decode_parts(header.as_deref(), &records, &texts))
    }

    /// Everything stored, as it is (for "download the stored data" when it cannot be read).
    pub async fn raw_dump(&self) -> Result<String, StoreError> {
        let raw = self.read_raw().await?;
        let texts: serde_json::Map<String, serde_json::Value> = raw
            .texts
            .into_iter()
            .map(|(id, t)| (id.to_string(), t.into()))
            .collect();
        Ok(
            serde_json::json!({"header": raw.header, "records": raw.records, "texts": texts})
                .to_string(),
        )
    }

    /// Write the header and the `changed` entries of `ws` (with their texts too for those that
    /// are `new`), and delete `removed`; done when the browser has committed it.
    pub async fn write(
        &self,
        ws: &Workspace,
        changed: &[EntryId],
        new: &[EntryId],
        removed: &[EntryId],
    ) -> Result<(), StoreError> {
        let tx = self.transaction(IdbTransactionMode::Readwrite)?;
        let meta = tx.object_store(META).map_err(|e| describe(&e))?;
        let entries = tx.object_store(ENTRIES).map_err(|e| describe(&e))?;
        let sources = tx.object_store(SOURCES).map_err(|e| describe(&e))?;
        let put =
            |result: Result<IdbRequest, JsValue>| result.map(|_| ()).map_err(|e| describe(&e));
        put(meta.put_with_key(&storage::encode_header(ws).into(), &HEADER_KEY.into()))?;
        for id in changed {
            if let Some(e) = ws.get(*id) {
                put(entries.put_with_key(&storage::encode_entry(e).into(), &(*id as f64).into()))?;
            }
        }
        for id in new {
            if let Some(e) = ws.get(*id) {
                put(sources.put_with_key(&e.source.as_str().into(), &(*id as f64).into()))?;
            }
        }
        for id in removed {
            put(entries.delete(&(*id as f64).into()))?;
            put(sources.delete(&(*id as f64).into()))?;
        }
        committed(&tx).await
    }

    /// Remove everything stored.
    pub async fn clear(&self) -> Result<(), StoreError> {
        let tx = self.transaction(IdbTransactionMode::Readwrite)?;
        for store in [META, ENTRIES, SOURCES] {
            tx.object_store(store)
                .and_then(|s| s.clear())
                .map_err(|e| describe(&e))?;
        }
        committed(&tx).await
    }
}
