//! Parsing off the page's thread: files (and long pasted texts) are read and parsed in a Web
//! Worker running the same wasm module, so a 10 MB PDF never freezes the page.
//!
//! - [`protocol`]: what the worker does for one file and the messages the user sees (pure);
//! - [`queue`]: the page's queue of files, one in the worker at a time, with cancel (pure);
//! - `page` (wasm32): the page's side — builds the worker from a `blob:` URL (works from
//!   `file://`), posts files, reports progress, cancels, restarts a crashed worker;
//! - `scope` (wasm32): the worker's side — its message handler;
//! - `reader` (wasm32): the worker's link to the separate file-reader module, which holds
//!   every reader but plain text and is loaded when the first such file arrives.

pub mod protocol;
pub mod queue;

#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod page;
#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod reader;
#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod scope;
