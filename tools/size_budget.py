#!/usr/bin/env python3
"""Page weight of the built app (dist/), raw and gzip, against the budgets in DESIGN.md.

Budgets (gzip -9): the single-file page foi-lens.html < 1.5 MB; the wasm < 600 KB.

The wasm is two modules. The page's own (the Yew UI, the parser, the workspace, charts) is
what every visit loads and compiles; the file readers (PDF, Word, OpenDocument, Excel, e-mail,
web pages) are a second module the parsing worker loads only when the first such file arrives
(src/bin/foi-lens-reader.rs). The page's wasm does NOT meet its 600 KB target (~840 KB; see
README "Page weight" for what is in it). Until it does, the suite enforces ceilings at today's
sizes instead, so neither module can grow unnoticed, and prints the target beside the page's
wasm as missed. Lower CEILINGS as they shrink; never raise them without a reason in the commit
message.

Prints one table and exits 1 when a budget or ceiling is exceeded. Used by `./x test` and
`./x bench`.
usage: size_budget.py [DIST_DIR] [--json]
"""
import gzip
import json
import pathlib
import sys

BUDGETS = {"single file (foi-lens.html)": 1_500_000, "wasm (page)": 600_000}
# Enforced in place of a budget that is not met yet, and for the reader module, which has no
# budget of its own (gzip bytes; today's size plus ~1%).
CEILINGS = {"wasm (page)": 825_000, "wasm (file readers, on demand)": 255_000}


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    dist = pathlib.Path(args[0] if args else "dist")
    if not (dist / "index.html").exists():
        sys.exit(f"size_budget: {dist}/index.html not found: run ./x build first")
    parts = {
        "wasm (page)": sorted(dist.glob("*_bg.wasm")),
        "wasm (file readers, on demand)": sorted(dist.glob("foi-lens-reader-*.wasm")),
        "wasm-bindgen glue (js)": [p for p in sorted(dist.glob("foi-lens-*.js"))],
        "ECharts (vendored build)": sorted(dist.glob("echarts.min-*.js")),
        "CSS": sorted(dist.glob("*.css")),
        "single file (foi-lens.html)": [dist / "foi-lens.html"],
    }
    rows = []
    failed = []
    for name, files in parts.items():
        data = b"".join(p.read_bytes() for p in files if p.exists())
        raw, z = len(data), gz(data)
        budget = BUDGETS.get(name)
        ceiling = CEILINGS.get(name)
        limit = ceiling if ceiling is not None else budget
        ok = limit is None or z < limit
        if not ok:
            failed.append(name)
        rows.append((name, raw, z, budget, ceiling, ok))
    if "--json" in sys.argv:
        print(json.dumps([{"part": n, "raw": r, "gzip": z, "budget_gzip": b, "ceiling_gzip": c}
                          for n, r, z, b, c, _ in rows]))
    else:
        print(f"{'part':32} {'raw bytes':>12} {'gzip -9':>10} {'budget (gzip)':>14}")
        for name, raw, z, budget, ceiling, ok in rows:
            b = f"{budget:,}" if budget else "-"
            if not ok:
                flag = "  OVER " + ("CEILING" if ceiling else "BUDGET")
            elif budget and z >= budget:
                flag = f"  target missed by {z - budget:,} (ceiling {ceiling:,} enforced)"
            else:
                flag = ""
            print(f"{name:32} {raw:>12,} {z:>10,} {b:>14}{flag}")
    if failed:
        sys.exit(f"size_budget: over budget: {', '.join(failed)}")


if __name__ == "__main__":
    main()
