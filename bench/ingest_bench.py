"""Ingest benchmark: chunks per document, wall time to index the sample minutes into a
fresh store, re-ingest time (everything unchanged), and raw embedding throughput.

    .venv/bin/python bench/ingest_bench.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.embed import LocalMiniLM  # noqa: E402
from service.meetings import ingest_upload  # noqa: E402
from service.settings import Settings  # noqa: E402
from service.wiring import build_services  # noqa: E402


def main() -> None:
    files = sorted((ROOT / "samples" / "minutes").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        services = build_services(Settings(data_dir=Path(tmp)))
        startup = time.perf_counter() - t0
        t0 = time.perf_counter()
        results = [ingest_upload(f.read_bytes(), filename=f.name, services=services) for f in files]
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = [ingest_upload(f.read_bytes(), filename=f.name, services=services) for f in files]
        second = time.perf_counter() - t0
        chunk_texts = [c.text for c in services.store.all_chunks()]
    model = LocalMiniLM()
    model.embed(chunk_texts[:4])
    reps = 5
    t0 = time.perf_counter()
    for _ in range(reps):
        model.embed(chunk_texts)
    rate = reps * len(chunk_texts) / (time.perf_counter() - t0)
    print("| document | items | chunks |\n| --- | --- | --- |")
    for f, r in zip(files, results, strict=True):
        print(f"| {f.name} | {r.item_count} | {r.chunks} |")
    print(f"\nstart-up (Chroma + model load): {startup:.2f} s")
    print(f"first ingest of {len(files)} documents ({sum(r.chunks for r in results)} chunks): "
          f"{first:.2f} s")
    print(f"re-ingest, all unchanged: {second:.2f} s ({[r.status for r in again].count('unchanged')}"
          f"/{len(files)} unchanged)")
    print(f"embedding throughput (local MiniLM int8, {len(chunk_texts)} chunks x {reps}): "
          f"{rate:.0f} chunks/s")


if __name__ == "__main__":
    main()
