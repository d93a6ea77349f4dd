//! A panic as one line for the user's error message ("self-test: … at src/x.rs:12"). In wasm a
//! panic aborts, so both wasm modules record it from their panic hooks before the trap: the
//! page's module in the parsing worker (`worker::scope`) and the file-reader module
//! (`src/bin/foi-lens-reader.rs`).

use std::panic::PanicHookInfo;

/// The panic's message and where it happened.
pub fn describe(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".into());
    let at = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    format!("{what}{at}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[test]
    fn a_panic_is_its_message_and_where_it_happened() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let hook_seen = seen.clone();
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            hook_seen.lock().unwrap().push(describe(info))
        }));
        let line = line!() + 1;
        let _ = std::panic::catch_unwind(|| panic!("self-test: {} broke", "the reader"));
        let _ = std::panic::catch_unwind(|| std::panic::panic_any(7_u8));
        std::panic::set_hook(previous);
        // (Other tests may panic on purpose meanwhile: the hook is global, so look for ours.)
        let seen = seen.lock().unwrap();
        let ours = format!("self-test: the reader broke at src/panics.rs:{line}");
        assert!(seen.contains(&ours), "{seen:?}");
        let any = format!("a panic at src/panics.rs:{}", line + 1);
        assert!(seen.contains(&any), "{seen:?}");
    }
}
