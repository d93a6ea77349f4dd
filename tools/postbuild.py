#!/usr/bin/env python3
"""Trunk post-build hook: finish the two pages foi-lens ships.

1. dist/index.html (the hosted app): insert a strict Content-Security-Policy <meta> whose
   script-src allows only our own origin plus the sha256 of each inline script (Trunk's loader).
2. dist/sw.js (the hosted app's service worker): write in the list of files to precache and a
   build id hashed from all of them, so every new build is a new cache and old ones are deleted.
3. dist/foi-lens.html (the offline single file): everything inlined — CSS, the vendored ECharts,
   the wasm-bindgen glue and the wasm itself (gzip, then base64: the browser's own
   DecompressionStream unpacks it, so the file is a third of the size), the icon as a data: URL — so it works
   from file:// with no network at all. It has no service worker or manifest (nothing to fetch
   them from). Its CSP allows no origin, only the hashes of its inline scripts and styles.
4. The file-reader module (target/reader/foi-lens-reader.wasm, built by tools/build_reader.sh
   before Trunk's build): copied into dist/ under a content-hashed name that index.html names
   in <meta name="foi-lens-reader">, and carried inline by the single file (gzip, base64, in a
   <script type="application/octet-stream"> data block, which is never executed). The parsing
   worker loads it when the first file that is not plain text arrives (src/worker/reader.rs).

Usage: run by Trunk (reads $TRUNK_STAGING_DIR), or `postbuild.py DIR` by hand.
Standard library only.
"""
import base64
import gzip
import hashlib
import json
import os
import pathlib
import re
import sys

CSP_PLACEHOLDER = re.compile(r"<!-- CSP:[^>]*-->")


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def inline_script_hashes(html: str) -> list:
    return [sha256(m.group(1)) for m in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)]


def inline_style_hashes(html: str) -> list:
    return [sha256(m.group(1)) for m in re.finditer(r"<style[^>]*>(.*?)</style>", html, re.S)]


def csp(script_hashes, style_hashes, same_origin: bool) -> str:
    own = "'self' " if same_origin else ""
    # 'wasm-unsafe-eval' allows WebAssembly compilation only (not JS eval); workers come from
    # blob: URLs made by the page itself; images are charts exported as data:/blob: URLs.
    directives = [
        "default-src 'none'",
        f"script-src {own}'wasm-unsafe-eval' " + " ".join(script_hashes),
        f"style-src {own}" + " ".join(style_hashes) if (own or style_hashes) else "style-src 'none'",
        f"img-src {own}data: blob:",
        f"connect-src {own}".strip() if same_origin else "connect-src 'none'",
        f"worker-src {own}blob:",
        f"manifest-src {own}".strip() if same_origin else "manifest-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
    ]
    return "; ".join(d.strip() for d in directives)


def meta(policy: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}" />'


def put_csp(html: str, policy: str) -> str:
    if not CSP_PLACEHOLDER.search(html):
        sys.exit("postbuild: index.html lost its <!-- CSP: ... --> placeholder")
    return CSP_PLACEHOLDER.sub(lambda _: meta(policy), html, count=1)


def esc_script(js: str) -> str:
    # An inline script ends at the first "</script"; nothing in our JS may close it early.
    return js.replace("</script", "<\\/script")


# Hosted-only pieces the single file leaves out: they exist to fetch things.
HOSTED_ONLY_SCRIPT = re.compile(r"register-sw")
HOSTED_ONLY_LINK = re.compile(r'<link rel="(manifest|apple-touch-icon|icon)"[^>]*>')
ICON_SVG = "icons/foi-lens.svg"

# Files the service worker does not precache: itself (it holds the list), the single file (a
# 1.6 MB download that duplicates everything) and the publishers' embed script.
NOT_PRECACHED = {"sw.js", "foi-lens.html", "embed.js", "index.html"}


def precache_list(dist: pathlib.Path) -> list:
    files = sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file())
    return ["./"] + [f for f in files if f not in NOT_PRECACHED]


def build_id(dist: pathlib.Path, assets: list) -> str:
    h = hashlib.sha256()
    for a in assets:
        path = dist / ("index.html" if a == "./" else a)
        h.update(f"{a}\0{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    return h.hexdigest()[:16]


def write_service_worker(dist: pathlib.Path) -> tuple:
    sw_path = dist / "sw.js"
    sw = sw_path.read_text()
    assets = precache_list(dist)
    build = build_id(dist, assets)
    for placeholder, value in [
        ("const BUILD = 'unbuilt';", f"const BUILD = '{build}';"),
        ("const ASSETS = ['./'];", "const ASSETS = " + json.dumps(assets) + ";"),
    ]:
        if sw.count(placeholder) != 1:
            sys.exit(f"postbuild: www/sw.js must contain exactly one `{placeholder}`")
        sw = sw.replace(placeholder, value)
    sw_path.write_text(sw)
    return build, assets


READER = pathlib.Path(__file__).resolve().parent.parent / "target" / "reader" / "foi-lens-reader.wasm"


def place_reader(dist: pathlib.Path) -> tuple:
    """Copy the file-reader module into dist under a hashed name; (name, bytes)."""
    if not READER.exists():
        sys.exit(f"postbuild: {READER} is missing: tools/build_reader.sh builds it (Trunk's pre_build hook)")
    data = READER.read_bytes()
    name = f"foi-lens-reader-{hashlib.sha256(data).hexdigest()[:16]}.wasm"
    for old in dist.glob("foi-lens-reader-*.wasm"):
        old.unlink()
    (dist / name).write_bytes(data)
    return name, data


def standalone(dist: pathlib.Path, html: str, reader: bytes) -> str:
    """Inline Trunk's output into one page that needs no fetch and no ES-module import."""
    glue_name = re.search(r"from '/?([^']+\.js)'", html).group(1)
    wasm_name = re.search(r"module_or_path: '/?([^']+_bg\.wasm)'", html).group(1)
    glue = (dist / glue_name).read_text()
    if re.search(r"""from ['"]\./snippets/""", glue):
        sys.exit("postbuild: the wasm-bindgen glue imports snippets; inline them too")
    # The glue is an ES module; inline modules work on file:// (only module *imports* are
    # blocked), so strip its exports and call its init with the wasm bytes.
    glue = re.sub(r"^export \{[^}]*\};?\s*$", "", glue, flags=re.M)
    glue = re.sub(r"^export default \w+;?\s*$", "", glue, flags=re.M)
    glue = re.sub(r"^export (function|class|const|let|async function) ", r"\1 ", glue, flags=re.M)
    # import.meta only names the default wasm URL (unused: the wasm is passed in). Without it the
    # glue is also a valid classic script, which the parsing worker needs on file:// pages.
    glue = glue.replace("import.meta.url", "self.location.href")
    if "import.meta" in glue or re.search(r"^\s*(import|export)\b", glue, flags=re.M):
        sys.exit("postbuild: the wasm-bindgen glue still has module-only syntax; see src/worker/page.rs")
    # gzip before base64: base64 of the raw wasm is 4/3 of 2.6 MB and compresses badly (a saved
    # page is read from disk uncompressed, and a server's gzip cannot see through base64).
    wasm_gz = gzip.compress((dist / wasm_name).read_bytes(), compresslevel=9, mtime=0)
    wasm_b64 = base64.b64encode(wasm_gz).decode()

    head = re.search(r"<head>(.*?)</head>", html, re.S).group(1)
    body = re.search(r"<body[^>]*>(.*?)</body>", html, re.S).group(1)
    styles = []
    for m in re.finditer(r'<link rel="stylesheet" href="/?([^"]+)"[^>]*>', head):
        styles.append("<style>" + (dist / m.group(1)).read_text() + "</style>")
    classic = []
    for m in re.finditer(r'<script src="/?([^"]+)"[^>]*></script>', head):
        if HOSTED_ONLY_SCRIPT.search(m.group(1)):
            continue
        classic.append("<script>" + esc_script((dist / m.group(1)).read_text()) + "</script>")
    head_rest = re.sub(
        r"<script.*?</script>|<link[^>]*\b(modulepreload|preload|stylesheet)\b[^>]*>|<meta http-equiv=\"Content-Security-Policy\"[^>]*>",
        "", head, flags=re.S)
    head_rest = HOSTED_ONLY_LINK.sub("", head_rest)
    icon = "data:image/svg+xml;base64," + base64.b64encode((dist / ICON_SVG).read_bytes()).decode()
    head_rest += f'<link rel="icon" href="{icon}" type="image/svg+xml" />'
    # The glue is its own module script (id foi-lens-glue) so the parsing worker can be built
    # from its text (src/worker/page.rs); the next module script instantiates the wasm.
    glue_module = esc_script(glue) + "\nglobalThis.__foiLensInit = __wbg_init;\n"
    loader = (
        f'const __foiLensWasmGz = Uint8Array.from(atob("{wasm_b64}"), c => c.charCodeAt(0));\n'
        + "if (typeof DecompressionStream !== 'function') {\n"
        + "  document.body.prepend(Object.assign(document.createElement('p'), { className: 'load-error', textContent:\n"
        + "    'This browser is too old to open the saved foi-lens page (it lacks DecompressionStream): use a current Firefox, Chrome, Edge or Safari.' }));\n"
        + "  throw new Error('DecompressionStream missing');\n"
        + "}\n"
        + "const __foiLensWasm = await new Response(new Blob([__foiLensWasmGz]).stream()"
        + ".pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();\n"
        + "await globalThis.__foiLensInit({ module_or_path: __foiLensWasm });\n"
    )
    scripts = "".join(classic)
    # A data block (never executed, so outside the CSP's script hashes): src/worker/page.rs
    # hands its text to the parsing worker.
    reader_b64 = base64.b64encode(gzip.compress(reader, compresslevel=9, mtime=0)).decode()
    reader_block = f'<script type="application/octet-stream" id="foi-lens-reader">{reader_b64}</script>'
    module = (
        f'<script type="module" id="foi-lens-glue">{glue_module}</script>'
        f'<script type="module">{loader}</script>'
    )
    page_wo_csp = f"{''.join(styles)}{scripts}{module}"
    policy = csp(inline_script_hashes(page_wo_csp), inline_style_hashes(page_wo_csp), same_origin=False)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head>"
        + '<meta charset="utf-8" />' + meta(policy)
        + re.sub(r'<meta charset="utf-8"\s*/?>', "", head_rest)
        + "".join(styles) + scripts
        + f"</head><body>{body}{reader_block}{module}</body></html>\n"
    )


def main():
    dist = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else os.environ["TRUNK_STAGING_DIR"])
    index = dist / "index.html"
    html = index.read_text()
    reader_name, reader = place_reader(dist)
    single = standalone(dist, html, reader)
    html = html.replace("</head>", f'<meta name="foi-lens-reader" content="{reader_name}" /></head>', 1)
    (dist / "foi-lens.html").write_text(single)
    scripts = inline_script_hashes(html)
    hosted = put_csp(html, csp(scripts, [], same_origin=True))
    index.write_text(hosted)
    build, assets = write_service_worker(dist)
    print(f"postbuild: index.html CSP with {len(scripts)} inline script hash(es); "
          f"sw.js cache foi-lens-{build} ({len(assets)} files); "
          f"foi-lens.html {len(single):,} bytes")


if __name__ == "__main__":
    main()
