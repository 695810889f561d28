"""Vectors for an archive ingested with REFERAT_EMBEDDER=none, so the scale bench can run
"with vectors present" without embedding 139,000 chunks (about 100 minutes with the local
model on 2 cores). The issue allows reuse: a pool of real all-MiniLM-L6-v2 vectors, of
chunks sampled from the archive itself, is spread over every chunk (chosen by a hash of the
chunk id, with a little noise so no two are equal). Query cost, index size and memory are
those of real vectors; what the dense side finds is not meaningful, and the bench says so.

    .venv/bin/python bench/fill_vectors.py bench/data/run-10000 [--pool 1000]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.settings import Settings  # noqa: E402
from service.wiring import build_services  # noqa: E402

PAGE = 5000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--pool", type=int, default=1000)
    args = ap.parse_args()
    services = build_services(Settings(data_dir=args.data_dir, embedder="local"))
    services.vectors.stop()  # the background embedder would embed the same chunks for real
    store, embedder = services.store, services.embedder
    started = time.perf_counter()
    first = store.pending_vectors(limit=args.pool)
    if not first:
        print("every chunk already has a vector")
        return
    pool = np.asarray(embedder.embed([c.text for c in first]), dtype=np.float32)
    print(f"pool: {len(pool)} real vectors in {time.perf_counter() - started:.0f} s", flush=True)
    rng = np.random.default_rng(7)
    done = 0
    while chunks := store.pending_vectors(limit=PAGE):
        picks = [int.from_bytes(hashlib.blake2b(c.chunk_id.encode(), digest_size=4).digest(), "big")
                 % len(pool) for c in chunks]
        vectors = pool[picks] + rng.normal(0, 0.02, (len(chunks), pool.shape[1])).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        store.mark_vectors(chunks, vectors.tolist())
        done += len(chunks)
        print(f"{done:,} chunks, {time.perf_counter() - started:.0f} s", flush=True)
    print(f"done: {done:,} vectors in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
