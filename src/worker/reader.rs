//! Inside the parsing worker (wasm32 only): reading a file with the separate file-reader module
//! (`src/bin/foi-lens-reader.rs`). The page's wasm carries only the plain-text decoder; PDF,
//! Word, OpenDocument, Excel, e-mail and web-page files go to that module, which the worker's
//! bootstrap (`page::BOOTSTRAP`) fetches or unpacks and compiles the first time one arrives, as
//! `self.__foiLensReaderModule` (or `self.__foiLensReaderError` if it could not).
//!
//! Each file gets a fresh instance of the module: a file's memory is given back when it is
//! done, and a reader that traps (a bug: wasm aborts on panic) cannot leave a damaged heap
//! behind for the next file. A trap becomes this file's error, with the panic's message.

use crate::ingest::{wire, Document};
use js_sys::{Array, Function, Object, Reflect, Uint8Array, WebAssembly};
use wasm_bindgen::{JsCast, JsValue};

fn global(key: &str) -> JsValue {
    Reflect::get(&js_sys::global(), &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// True once the bootstrap has tried to load the module (whether or not it could).
pub fn loaded() -> bool {
    !global("__foiLensReaderModule").is_undefined()
        || !global("__foiLensReaderError").is_undefined()
}

/// Read `bytes` (a file called `name`) with the reader module. `Err` is the reader's message,
/// or what went wrong with the module itself, in words for the user.
pub fn read(name: &str, bytes: &[u8]) -> Result<Document, String> {
    let module = global("__foiLensReaderModule")
        .dyn_into::<WebAssembly::Module>()
        .map_err(|_| {
            let why = global("__foiLensReaderError")
                .as_string()
                .unwrap_or_else(|| "they were not loaded".into());
            format!(
                "foi-lens could not load its file readers ({why}). Reload the page and try \
                 again; if that does not help, open the file, copy its text and paste it"
            )
        })?;
    let instance = WebAssembly::Instance::new(&module, &Object::new()).map_err(|e| {
        format!(
            "foi-lens could not start its file readers ({})",
            describe(&e)
        )
    })?;
    let module = Instance(instance.exports());
    let name_at = module.put(name.as_bytes())?;
    let bytes_at = module.put(bytes)?;
    let args = [name_at, name.len(), bytes_at, bytes.len()].map(|n| JsValue::from(n as u32));
    let answer_len = match module.call("reader_read", &args) {
        Ok(n) => n,
        Err(trap) => {
            let message = module.panic_message().unwrap_or(trap);
            return Err(crate::worker::protocol::crash_message(Some(&message)));
        }
    };
    let answer_at = module.call("reader_answer", &[])?;
    wire::from_wire(&module.copy_out(answer_at, answer_len)?)
}

/// A JavaScript exception or trap, in a few words.
fn describe(e: &JsValue) -> String {
    Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "an error".into())
}

/// One instance's exports.
struct Instance(Object);

impl Instance {
    fn export(&self, name: &str) -> Result<JsValue, String> {
        Reflect::get(&self.0, &JsValue::from_str(name))
            .ok()
            .filter(|v| !v.is_undefined())
            .ok_or_else(|| {
                format!("foi-lens's file-reader module is not the one this page expects (no {name}); reload the page")
            })
    }

    /// Call an exported function that returns an address or a length.
    fn call(&self, name: &str, args: &[JsValue]) -> Result<usize, String> {
        let f: Function = self.export(name)?.unchecked_into();
        let result = f
            .apply(&JsValue::NULL, &args.iter().collect::<Array>())
            .map_err(|e| describe(&e))?;
        Ok(result.as_f64().unwrap_or(0.0) as u32 as usize)
    }

    /// The module's memory as bytes. Fetched afresh each time: memory that grows replaces its
    /// buffer.
    fn view(&self, at: usize, len: usize) -> Result<Uint8Array, String> {
        let memory: WebAssembly::Memory = self.export("memory")?.unchecked_into();
        let buffer = memory.buffer();
        let size = Reflect::get(&buffer, &JsValue::from_str("byteLength"))
            .ok()
            .and_then(|n| n.as_f64())
            .unwrap_or(0.0) as usize;
        if at.checked_add(len).is_none_or(|end| end > size) {
            return Err(
                "foi-lens's file readers answered with an address outside their memory".into(),
            );
        }
        Ok(Uint8Array::new_with_byte_offset_and_length(
            &buffer, at as u32, len as u32,
        ))
    }

    /// Copy `bytes` into the module's memory; their address there.
    fn put(&self, bytes: &[u8]) -> Result<usize, String> {
        let at = self.call("reader_alloc", &[JsValue::from(bytes.len() as u32)])?;
        self.view(at, bytes.len())?.copy_from(bytes);
        Ok(at)
    }

    fn copy_out(&self, at: usize, len: usize) -> Result<Vec<u8>, String> {
        Ok(self.view(at, len)?.to_vec())
    }

    /// After a trap: the panic's message, if the module's panic hook recorded one.
    fn panic_message(&self) -> Option<String> {
        let len = self.call("reader_panic_len", &[]).ok()?;
        let at = self.call("reader_panic_message", &[]).ok()?;
        let bytes = self.copy_out(at, len).ok()?;
        Some(String::from_utf8_lossy(&bytes).into_owned()).filter(|m| !m.is_empty())
    }
}
