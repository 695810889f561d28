"""Ingest benchmark: chunks per document, wall time to index the sample minutes into a
fresh store (cold: empty embedding cache), re-ingest time (everything unchanged), raw
embedding throughput of the local embedder on a batch of `--embed-n` chunk texts (the
sample chunks repeated), and peak RSS. Writes the table to bench/results/ingest.md.

    .venv/bin/python bench/ingest_bench.py [--embed-n 500] [--out bench/results/ingest.md]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _report import header, write  # noqa: E402

from index.embed import CachedEmbedder, LocalMiniLM  # noqa: E402
from service.meetings import ingest_upload  # noqa: E402
from service.settings import Settings  # noqa: E402
from service.wiring import build_services  # noqa: E402


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embed-n", type=int, default=500, help="chunk texts in the throughput batch")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    files = sorted((ROOT / "samples" / "minutes").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        services = build_services(Settings(data_dir=Path(tmp)))
        startup = time.perf_counter() - t0
        t0 = time.perf_counter()
        results = [ingest_upload(f.read_bytes(), filename=f.name, services=services) for f in files]
        first = time.perf_counter() - t0
        misses_first = services.embedder.misses if isinstance(services.embedder, CachedEmbedder) else None
        rss_after_ingest = peak_rss_mib()
        t0 = time.perf_counter()
        again = [ingest_upload(f.read_bytes(), filename=f.name, services=services) for f in files]
        second = time.perf_counter() - t0
        misses_second = (services.embedder.misses - misses_first
                         if isinstance(services.embedder, CachedEmbedder) and misses_first is not None
                         else None)
        chunk_texts = [c.text for c in services.store.all_chunks()]
        # the service's own model, past its cache: every text is really embedded
        inner = services.embedder._inner if isinstance(services.embedder, CachedEmbedder) else None
    model = inner if isinstance(inner, LocalMiniLM) else LocalMiniLM()
    model.embed(chunk_texts[:4])  # warm-up
    batch = [chunk_texts[i % len(chunk_texts)] for i in range(args.embed_n)]
    t0 = time.perf_counter()
    model.embed(batch)
    embed_s = time.perf_counter() - t0
    rate = len(batch) / embed_s
    total_chunks = sum(r.chunks for r in results)
    unchanged = [r.status for r in again].count("unchanged")

    lines = header("Ingest benchmark (sample minutes, local embedder)")
    lines += ["| document | items | chunks |", "| --- | --- | --- |"]
    lines += [f"| {f.name} | {r.item_count} | {r.chunks} |" for f, r in zip(files, results, strict=True)]
    lines += [f"| **total** | {sum(r.item_count for r in results)} | {total_chunks} |", ""]
    lines += ["| measure | value |", "| --- | --- |",
              f"| start-up (Chroma client + model load) | {startup:.2f} s |",
              f"| first ingest, {len(files)} documents, cold (empty embedding cache) | {first:.2f} s "
              f"({total_chunks} chunks, {misses_first} texts embedded) |",
              f"| re-ingest, unchanged files | {second:.2f} s ({unchanged}/{len(files)} unchanged, "
              f"{misses_second} texts embedded) |",
              f"| embedding throughput, {LocalMiniLM.model_id}, {len(batch)} chunk texts "
              f"(sample chunks repeated), batch size 16, onnxruntime default threads | "
              f"{rate:.1f} chunks/s ({embed_s:.1f} s) |",
              f"| peak RSS after ingest | {rss_after_ingest:.0f} MiB |",
              f"| peak RSS at end of run (after the throughput batch) | {peak_rss_mib():.0f} MiB |"]
    write("ingest.md", lines, args.out)


if __name__ == "__main__":
    main()
