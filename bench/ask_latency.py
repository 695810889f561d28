"""Latency of POST /v1/ask in the offline default mode, through the real app in-process:
every golden question asked `--rounds` times against an index of all sample minutes.

    .venv/bin/python bench/ask_latency.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml
from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.api.app import create_app  # noqa: E402
from service.settings import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    questions = [c["question"] for c in yaml.safe_load(
        (ROOT / "evals" / "golden" / "questions.yaml").read_text(encoding="utf-8"))]
    with tempfile.TemporaryDirectory() as tmp:
        client = TestClient(create_app(Settings(data_dir=Path(tmp))))
        for f in sorted((ROOT / "samples" / "minutes").glob("*.txt")):
            client.post("/v1/meetings", files={"file": (f.name, f.read_bytes(), "text/plain")})
        client.post("/v1/ask", json={"question": "oppvarming"})  # builds the BM25 index once
        times = []
        for _ in range(args.rounds):
            for q in questions:
                t0 = time.perf_counter()
                resp = client.post("/v1/ask", json={"question": q})
                times.append((time.perf_counter() - t0) * 1000)
                assert resp.status_code == 200, resp.text
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"{len(times)} requests ({len(questions)} questions x {args.rounds}): "
          f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms")


if __name__ == "__main__":
    main()
