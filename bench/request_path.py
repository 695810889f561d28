"""What the new read path costs per request, without the answer step: the generation check
against Chroma, the lexical search (top 200, as retrieval asks for candidates) and the meeting
directory, sequentially and from 8 threads in one process.

    .venv/bin/python bench/request_path.py bench/data/run-1000 [--snapshot]

`--snapshot` copies the lexical index first (SQLite backup API), so a run dir still being
ingested can be measured at its current size without touching its Chroma store.
Appends to bench/results/request_path.md.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _report import RESULTS, dev_questions, header, pct  # noqa: E402

from index.analyze import analyze  # noqa: E402
from index.lexical_sqlite import SqliteLexicalIndex  # noqa: E402

QUESTIONS = dev_questions()



def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("run_dir", type=Path)
    ap.add_argument("--snapshot", action="store_true")
    args = ap.parse_args()
    base = args.run_dir / "lexical" / "referat.sqlite"
    generation_ms: list[float] = []
    if args.snapshot:
        source = SqliteLexicalIndex(base).path
        copy = Path(tempfile.mkdtemp()) / "referat.sqlite"
        copy.write_text("0")
        with sqlite3.connect(str(source)) as src, sqlite3.connect(str(copy) + ".0") as dst:
            src.backup(dst)
        index = SqliteLexicalIndex(copy)
    else:
        import chromadb

        from index.store import ChunkStore

        store = ChunkStore(chromadb.PersistentClient(path=str(args.run_dir / "chroma")), vectors=None)
        index = SqliteLexicalIndex(base)
        index.sync(store)  # an index of an older layout is rebuilt here, as at start-up
        for _ in range(200):
            t = time.perf_counter()
            assert store.generation() == index.generation()
            generation_ms.append(1000 * (time.perf_counter() - t))
    t = time.perf_counter()
    meetings = len(index.meetings())
    directory_ms = 1000 * (time.perf_counter() - t)
    queries = [analyze(q) for q in QUESTIONS]
    for q in queries:  # the first pass fills the postings cache, as a running server's would be
        index.search(q, k=200)
    seq = []
    for q in queries * 2:
        t = time.perf_counter()
        index.search(q, k=200)
        index.meetings()
        seq.append(1000 * (time.perf_counter() - t))

    def one(q: list[str]) -> float:
        t = time.perf_counter()
        index.search(q, k=200)
        return 1000 * (time.perf_counter() - t)
    t = time.perf_counter()
    with ThreadPoolExecutor(8) as pool:
        conc = list(pool.map(one, queries * 4))
    wall = time.perf_counter() - t
    gen = (f"{pct(generation_ms, 50):.2f} / {pct(generation_ms, 95):.2f}" if generation_ms
           else "– (snapshot)")
    lines = header(f"Request path without the answer step: {meetings:,} meetings, "
                   f"{index.n_chunks():,} chunks ({args.run_dir.name})")
    lines += ["| measure | value |", "| --- | --- |",
              f"| generation check (Chroma get by id + SQLite), p50 / p95 ms | {gen} |",
              f"| meeting directory, first read after a change, ms | {directory_ms:.0f} |",
              f"| search top 200 + directory, sequential, p50 / p95 / p99 ms | {pct(seq, 50):.1f} / "
              f"{pct(seq, 95):.1f} / {pct(seq, 99):.1f} |",
              f"| search top 200, 8 threads in one process: p95 ms, searches/s | {pct(conc, 95):.1f}, "
              f"{len(conc) / wall:.1f} |", ""]
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "request_path.md"
    previous = out.read_text(encoding="utf-8") if out.exists() else ""
    out.write_text(previous + "\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
