"""Latency of POST /v1/ask in the offline default (extractive) mode: every golden question
asked `--rounds` times against an index of all sample minutes, through the HTTP API.
Writes the table to bench/results/ask_latency.md.

    .venv/bin/python bench/ask_latency.py [--rounds 5] [--transport server|testclient]

`server` (default) starts `uvicorn --factory service.api.app:create_app` in a subprocess on
127.0.0.1 (fresh data dir, access log off) and asks over loopback with one keep-alive httpx
client, one request at a time; `testclient` runs the app in-process with FastAPI's TestClient.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _report import dev_questions, header, write  # noqa: E402

Post = Callable[..., Any]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def vm_hwm_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


@contextmanager
def server_client(data_dir: Path, info: dict[str, object]) -> Iterator[httpx.Client]:
    port = free_port()
    # Latency, not the per-client rate limit, is what this measures.
    env = {**os.environ, "REFERAT_DATA_DIR": str(data_dir), "REFERAT_RATE_LIMIT_PER_MINUTE": "0"}
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "service.api.app:create_app",
           "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            deadline = time.monotonic() + 120
            while True:
                if proc.poll() is not None:
                    raise SystemExit(f"uvicorn exited with {proc.returncode}")
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("uvicorn did not become healthy in 120 s")
                time.sleep(0.2)
            info["server"] = f"uvicorn subprocess on 127.0.0.1:{port} (1 worker), httpx keep-alive client"
            yield client
            info["server_peak_rss_mib"] = vm_hwm_mib(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def testclient(data_dir: Path, info: dict[str, object]) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from service.api.app import create_app
    from service.settings import Settings

    info["server"] = "FastAPI TestClient, app in-process"
    with TestClient(create_app(Settings(data_dir=data_dir, rate_limit_per_minute=0))) as client:
        yield client


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--transport", choices=["server", "testclient"], default="server")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    questions = dev_questions(None)
    info: dict[str, object] = {}
    make = server_client if args.transport == "server" else testclient
    modes: dict[str, int] = {}
    answered = 0
    with tempfile.TemporaryDirectory() as tmp, make(Path(tmp), info) as client:
        chunks = 0
        for f in sorted((ROOT / "samples" / "minutes").glob("*.txt")):
            resp = client.post("/v1/meetings", files={"file": (f.name, f.read_bytes(), "text/plain")})
            assert resp.status_code == 201, resp.text
            chunks += resp.json().get("chunks", 0)
        resp = client.post("/v1/ask", json={"question": "oppvarming"})  # builds the BM25 index once
        assert resp.status_code == 200, resp.text
        times = []
        for _ in range(args.rounds):
            for q in questions:
                t0 = time.perf_counter()
                resp = client.post("/v1/ask", json={"question": q})
                times.append((time.perf_counter() - t0) * 1000)
                assert resp.status_code == 200, resp.text
                body = resp.json()
                modes[body["mode"]] = modes.get(body["mode"], 0) + 1
                answered += bool(body["answered"])
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    mode = ", ".join(f"{m} {n}" for m, n in sorted(modes.items()))
    lines = header("POST /v1/ask latency, default (extractive) mode")
    lines += [f"Transport: {info['server']}. Index: the {len(list((ROOT / 'samples' / 'minutes').glob('*.txt')))} "
              f"sample minutes ({chunks} chunks), uploaded through POST /v1/meetings; one warm-up ask "
              "(builds BM25) not timed. Sequential requests, wall time per request at the client. "
              "p95 = nearest rank below (sorted[int(0.95*(n-1))]).", "",
              "| requests | questions x rounds | p50 ms | p95 ms | mean ms | max ms | response mode | answered |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |",
              f"| {len(times)} | {len(questions)} x {args.rounds} | {statistics.median(times):.1f} | "
              f"{p95:.1f} | {statistics.fmean(times):.1f} | {times[-1]:.1f} | {mode} | "
              f"{answered}/{len(times)} |"]
    if info.get("server_peak_rss_mib"):
        lines += ["", f"Server peak RSS (VmHWM): {info['server_peak_rss_mib']:.0f} MiB"]
    write("ask_latency.md", lines, args.out)


if __name__ == "__main__":
    main()
