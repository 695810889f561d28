"""A bounded schemathesis run against the running service, with an API key: every
operation, positive and negative inputs; no 5xx and no response outside the documented
contract (status codes, content types, bodies). About 30 s. The request count depends on
the machine's speed, so what is asserted is that every operation was reached; the long run
(`bench/fuzz_bench.py`, figures in the README) is where volume is measured."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from service.api.app import create_app
from service.api.security import hash_key
from service.meetings import ingest_upload
from service.settings import Settings
from tests.conftest import SAMPLES
from tests.live import serve

KEY = "fuzz-key"
FUZZ_SECONDS = 20


@pytest.mark.fuzz
def test_schemathesis_finds_no_5xx_and_nothing_outside_the_contract(tmp_path, embedder) -> None:  # noqa: ANN001
    keys = json.dumps([{"name": "fuzz", "sha256": hash_key(KEY), "role": "admin", "scope": "all"}])
    settings = Settings(data_dir=tmp_path, api_keys=keys, rate_limit_per_minute=0,
                        max_upload_bytes=200_000, max_request_bytes=1_000_000)
    app = create_app(settings, embedder=embedder)
    seed = SAMPLES / "steinkjer-ungdomsradet-2026-01-20.txt"
    ingest_upload(seed.read_bytes(), filename=seed.name, services=app.state.services)
    with serve(app) as url:
        run = subprocess.run(
            [str(Path(sys.executable).parent / "st"), "run", f"{url}/openapi.json",
             "-H", f"Authorization: Bearer {KEY}",
             "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
                         "response_schema_conformance",
             "--phases", "examples,coverage,fuzzing", "--max-examples", "15", "--seed", "11",
             # One worker: with two, hypothesis's ast.parse in parallel threads hit CPython
             # 3.11's "AST constructor recursion depth mismatch" inside schemathesis (CI).
             "--max-time", str(FUZZ_SECONDS), "--workers", "1", "--generation-database", "none",
             "--no-color"], capture_output=True, text=True, timeout=FUZZ_SECONDS + 60,
            cwd=tmp_path)  # schemathesis keeps a cache in its working directory
        metrics = httpx.get(f"{url}/metrics", headers={"Authorization": f"Bearer {KEY}"}).text
        schema = httpx.get(f"{url}/openapi.json").json()
    assert run.returncode == 0, run.stdout[-4000:]
    by_status: dict[str, int] = {}
    reached: set[tuple[str, str]] = set()
    for method, route, status, count in re.findall(
            r'^referat_http_requests_total\{method="(\w+)",route="([^"]+)",status="(\d+)"\} (\d+)',
            metrics, re.M):
        by_status[status] = by_status.get(status, 0) + int(count)
        reached.add((method, route))
    operations = {(m.upper(), path) for path, ops in schema["paths"].items() for m in ops}
    print(f"\nschemathesis: {sum(by_status.values())} requests, by status "
          f"{dict(sorted(by_status.items()))}, {len(operations & reached)}/{len(operations)} operations")
    assert operations <= reached, sorted(operations - reached)
    assert not any(s.startswith("5") for s in by_status)
