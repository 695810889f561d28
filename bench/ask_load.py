"""Sequential latency and 8-client throughput of POST /v1/ask against a running server, over
every golden QA question (dev and test).

    REFERAT_RATE_LIMIT_PER_MINUTE=0 PORT=8767 ./scripts/demo &      # all sample minutes
    .venv/bin/python bench/ask_load.py http://127.0.0.1:8767 [--clients 8]

The rate limit is off so the 8 clients measure the server, not the limiter (429s).
"""

from __future__ import annotations

import argparse
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import yaml

GOLDEN = Path(__file__).resolve().parent.parent / "evals" / "golden" / "qa"


def _questions() -> list[str]:
    return [q["question"] for name in ("test.yaml", "dev.yaml")
            for q in yaml.safe_load((GOLDEN / name).read_text(encoding="utf-8"))["questions"]]


def _summary(ms: list[float]) -> str:
    ms = sorted(ms)
    return (f"p50 {ms[len(ms) // 2]:.1f} ms, p95 {ms[int(0.95 * (len(ms) - 1))]:.1f} ms, "
            f"mean {statistics.mean(ms):.1f} ms, max {ms[-1]:.1f} ms")


def _ask(client: httpx.Client, question: str) -> tuple[int, float]:
    started = time.perf_counter()
    status = client.post("/v1/ask", json={"question": question}).status_code
    return status, (time.perf_counter() - started) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("base_url")
    ap.add_argument("--clients", type=int, default=8)
    args = ap.parse_args()
    questions = _questions()
    with httpx.Client(base_url=args.base_url, timeout=60) as client:
        _ask(client, questions[0])  # warm-up, not timed
        sequential = [_ask(client, q) for q in questions]
    print(f"sequential: {len(sequential)} requests, {_summary([ms for _, ms in sequential])}, "
          f"statuses {sorted({s for s, _ in sequential})}")
    clients = [httpx.Client(base_url=args.base_url, timeout=60) for _ in range(args.clients)]
    started = time.perf_counter()
    with ThreadPoolExecutor(args.clients) as pool:
        parallel = list(pool.map(lambda iq: _ask(clients[iq[0] % args.clients], iq[1]),
                                 enumerate(questions)))
    wall = time.perf_counter() - started
    for client in clients:
        client.close()
    print(f"{args.clients} clients: {len(parallel)} requests in {wall:.1f} s = "
          f"{len(parallel) / wall:.1f} req/s, {_summary([ms for _, ms in parallel])}, "
          f"statuses {sorted({s for s, _ in parallel})}")


if __name__ == "__main__":
    main()
