"""bench/results/scale.md and the README's scale table, from bench/results/scale-*.json
(written by bench/scale_bench.py), so the README never carries a figure no run produced."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from _report import RESULTS, header  # noqa: E402

README = ROOT / "README.md"
MARK = re.compile(r"(<!-- scale-table -->\n).*?(<!-- /scale-table -->)", re.S)


def _f(value: object, digits: int = 0) -> str:
    if isinstance(value, int | float):
        return f"{value:,.{digits}f}"
    return "–"


def table(runs: list[dict]) -> list[str]:
    cols = [f"{r['n']:,} ({r['ingest']['chunks']:,})"
            + (f", {w} worker{'s' if w != 1 else ''}" if (w := r.get("serve", {}).get("workers")) else "")
            + (f", vectors ({r['embedder']}, dense weight {r.get('dense_weight', 0):g})"
               if r["embedder"] != "none" else "")
            + (f", code {c}" if (c := r.get("serve", {}).get("commit") or r.get("commit")) else "")
            for r in runs]
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, values: list[str]) -> None:
        rows.append((label, values))

    serve = [r.get("serve", {}) for r in runs]
    ret = [r.get("retrieval", {}) for r in runs]
    ing = [r["ingest"] for r in runs]
    row("`/v1/ask` p50 / p95 / p99, sequential (ms)",
        [f"{_f(s['seq']['p50'])} / {_f(s['seq']['p95'])} / {_f(s['seq']['p99'])}" if s else "–"
         for s in serve])
    row("8 concurrent clients: req/s, p95 (ms)",
        [f"{_f(s['conc8']['req_per_s'], 2)}, {_f(s['conc8']['p95'])}" if s else "–" for s in serve])
    row("questions while another client uploads 5 minutes: p50 / p95 / max (ms)",
        [f"{_f(d['p50'])} / {_f(d['p95'])} / {_f(d['max'])}" if (d := s.get("during_uploads")) else "–"
         for s in serve])
    row("5xx responses; other non-200", [f"{_f(s.get('status_5xx'))}; {_f(s.get('status_other'))}"
                                         for s in serve])
    row("upload, then first question (ms)",
        [f"{_f(s['first_after_upload']['upload_ms'])}, {_f(s['first_after_upload']['first_question_ms'])}"
         if s else "–" for s in serve])
    row("upload, then first search of the new index (ms; upload found)",
        [f"{_f(s['first_after_upload'].get('index_search_ms'), 1)}; "
         f"{s['first_after_upload'].get('index_has_upload')}" if s else "–" for s in serve])
    row("first questions after start, slowest (ms)", [_f(s.get("warmup_ms")) for s in serve])
    row("server peak RSS, all workers (GB)", [_f(s.get("server_peak_rss_gb"), 2) for s in serve])
    row("lexical index alone (SQLite) p50 / p95 (ms)",
        [f"{_f(x.get('sqlite_p50'), 1)} / {_f(x.get('sqlite_p95'), 1)}" for x in ret])
    row("bm25s, same terms, p50 / p95 (ms)",
        [f"{_f(x.get('bm25s_p50'), 1)} / {_f(x.get('bm25s_p95'), 1)}" for x in ret])
    row("plain Chroma dense query, p50 / p95 (ms)",
        [f"{_f(x.get('dense_p50'), 1)} / {_f(x.get('dense_p95'), 1)}" for x in ret])
    row("ingest until searchable (s; ms per document)",
        [f"{_f(i['ingest_searchable_s'])}; {_f(i['ingest_ms_per_doc'])}" for i in ing])
    row("of which parse / chunk (ms per document)",
        [f"{_f(i['parse_ms_per_doc'])} / {_f(i['chunk_ms_per_doc'])}" for i in ing])
    row("full lexical rebuild from Chroma (s)", [_f(i.get("lexical_full_rebuild_s"), 1) for i in ing])
    lines = ["| meetings (chunks) | " + " | ".join(cols) + " |",
             "| --- | " + " | ".join("---" for _ in cols) + " |"]
    lines += [f"| {label} | " + " | ".join(values) + " |" for label, values in rows]
    workers = sorted({s.get("workers") for s in serve if s})
    lines += ["", f"Embedder: {', '.join(sorted({r['embedder'] for r in runs}))}; uvicorn workers: "
              f"{', '.join(str(w) for w in workers) or '–'}; dense figures use random 384-d vectors "
              "(query cost only). Runs (ingest; serving): " + ", ".join(
                  f"{r['n']:,} on {r['date']}; {r.get('serve', {}).get('date', r['date'])}"
                  for r in runs) + "."]
    return lines


def write_reports() -> None:
    runs = sorted((json.loads(p.read_text(encoding="utf-8")) for p in RESULTS.glob("scale-*.json")),
                  key=lambda r: (r["n"], r["embedder"] != "none", -r.get("serve", {}).get("workers", 0)))
    if not runs:
        return
    lines = table(runs)
    md = header("Scale: synthetic archive, real `referat serve` on 127.0.0.1") + lines
    md += ["", "Per-run detail: bench/results/scale-<n>.json."]
    (RESULTS / "scale.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    text = README.read_text(encoding="utf-8")
    if MARK.search(text):
        README.write_text(MARK.sub(lambda m: m[1] + "\n".join(lines) + "\n" + m[2], text),
                          encoding="utf-8")


if __name__ == "__main__":
    write_reports()
