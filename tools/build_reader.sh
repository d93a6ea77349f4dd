#!/bin/sh
# Build the browser's file-reader module (src/bin/foi-lens-reader.rs) into
# target/reader/foi-lens-reader.wasm. Trunk runs this before each build (Trunk.toml, pre_build);
# tools/postbuild.py then copies it into dist/ under a content-hashed name (hosted page) and
# inlines it (single file).
#
# Built without the `app` feature, so it links no wasm-bindgen: a plain module with no imports,
# which the parsing worker instantiates itself (src/worker/reader.rs). wasm-opt as for the page
# (npm binaryen, ./x puts it on PATH), and the module is checked to import nothing, because an
# import would make instantiating it fail in every browser.
set -eu
cd "$(dirname "$0")/.."
PATH="$PWD/node_modules/.bin:$PATH"
cargo build --locked --release --target wasm32-unknown-unknown --bin foi-lens-reader
mkdir -p target/reader
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  --strip-debug --strip-producers --strip-target-features \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/foi-lens-reader.wasm" -o target/reader/foi-lens-reader.wasm
node -e '
const bytes = require("fs").readFileSync(process.argv[1]);
const m = new WebAssembly.Module(bytes);
const imports = WebAssembly.Module.imports(m);
if (imports.length) {
  console.error("build_reader: the file-reader module must import nothing, but imports " +
    imports.map((i) => i.module + "." + i.name).join(", ") +
    " (was it built with the app feature, or does ingest now use wasm-bindgen?)");
  process.exit(1);
}
const need = ["memory", "reader_alloc", "reader_read", "reader_answer", "reader_panic_message", "reader_panic_len"];
const have = WebAssembly.Module.exports(m).map((e) => e.name);
const missing = need.filter((n) => !have.includes(n));
if (missing.length) { console.error("build_reader: missing exports " + missing.join(", ")); process.exit(1); }
console.log("build_reader: target/reader/foi-lens-reader.wasm " + bytes.length + " bytes, no imports");
' target/reader/foi-lens-reader.wasm
