//! `foi-lens-reader`: the file readers (PDF, Word, OpenDocument, Excel, e-mail, web pages) as
//! their own small wasm module, so the page's wasm does not carry them. Most people paste text
//! or drop a few files, so the page loads quicker without them; the parsing worker loads this
//! module when the first file that is not plain text arrives (`src/worker/reader.rs`).
//!
//! A plain C-style interface, no wasm-bindgen and no imports, so the module needs no glue
//! script: the worker copies the file name and bytes into this module's memory
//! (`reader_alloc`), calls `reader_read`, and copies out the answer, the JSON of
//! `foi_lens::ingest::wire` (the document or the reader's message). A panic traps; the worker
//! then reads `reader_panic_*` for the message and starts a fresh instance for the next file.
//!
//! On native targets this binary only explains itself: the CLI reads files directly.

#[cfg(target_arch = "wasm32")]
mod abi {
    use std::cell::RefCell;
    use std::sync::Once;

    thread_local! {
        /// The last answer, kept until the next call so the worker can copy it out.
        static ANSWER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
        /// The message of a panic, for the worker to read after the trap.
        static PANIC: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }

    static HOOK: Once = Once::new();

    /// Room for `len` bytes in this module's memory, for the worker to write its input into.
    /// Never given back: each file gets a fresh instance, dropped whole when it is read.
    #[no_mangle]
    pub extern "C" fn reader_alloc(len: usize) -> *mut u8 {
        let mut room = Vec::<u8>::with_capacity(len.max(1));
        let at = room.as_mut_ptr();
        std::mem::forget(room);
        at
    }

    /// Read the file whose name (UTF-8) and bytes the worker wrote at the given places; the
    /// answer's length is returned and its bytes are at [`reader_answer`].
    ///
    /// # Safety
    /// Both ranges must lie in memory the worker filled after [`reader_alloc`].
    #[no_mangle]
    pub unsafe extern "C" fn reader_read(
        name_at: *const u8,
        name_len: usize,
        bytes_at: *const u8,
        bytes_len: usize,
    ) -> usize {
        HOOK.call_once(|| {
            std::panic::set_hook(Box::new(|info| {
                let message = foi_lens::panics::describe(info);
                PANIC.with(|p| *p.borrow_mut() = message.into_bytes());
            }))
        });
        let name = std::slice::from_raw_parts(name_at, name_len);
        let name = std::str::from_utf8(name).unwrap_or("file");
        let bytes = std::slice::from_raw_parts(bytes_at, bytes_len);
        let answer = foi_lens::ingest::wire::read_to_wire(name, bytes);
        let len = answer.len();
        ANSWER.with(|a| *a.borrow_mut() = answer);
        len
    }

    /// Where the last answer's bytes are.
    #[no_mangle]
    pub extern "C" fn reader_answer() -> *const u8 {
        ANSWER.with(|a| a.borrow().as_ptr())
    }

    /// The message of the panic that stopped the last read (length 0 if none).
    #[no_mangle]
    pub extern "C" fn reader_panic_message() -> *const u8 {
        PANIC.with(|p| p.borrow().as_ptr())
    }

    #[no_mangle]
    pub extern "C" fn reader_panic_len() -> usize {
        PANIC.with(|p| p.borrow().len())
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "foi-lens-reader is the browser's file-reader module (built for wasm32 by `./x build`); \
         to read files on this machine use `foi-lens parse FILE...`"
    );
    std::process::exit(2);
}
