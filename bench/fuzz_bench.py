"""A long schemathesis run against the real service with an admin key: every operation,
the examples, coverage and fuzzing phases, for as long as asked; requests by status and
the failures schemathesis found go to bench/results/fuzz.md. The unit test
(tests/test_fuzz.py) runs the same checks for 20 s; this is where volume is measured.

    .venv/bin/python bench/fuzz_bench.py [SECONDS]   # default 300
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402
from _report import RESULTS, header  # noqa: E402

from service.api.app import create_app  # noqa: E402
from service.api.security import hash_key  # noqa: E402
from service.meetings import ingest_upload  # noqa: E402
from service.settings import Settings  # noqa: E402
from tests.live import serve  # noqa: E402

KEY = "fuzz-bench-key"
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


def main(seconds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        keys = json.dumps([{"name": "fuzz", "sha256": hash_key(KEY), "role": "admin", "scope": "all"}])
        settings = Settings(data_dir=Path(tmp) / "data", api_keys=keys, rate_limit_per_minute=0,
                            max_upload_bytes=200_000, max_request_bytes=1_000_000)
        app = create_app(settings)
        for name in ("steinkjer-ungdomsradet-2026-01-20.txt", "osloregionen-kg-2026-04-16.txt"):
            path = ROOT / "samples" / "minutes" / name
            if path.exists():
                ingest_upload(path.read_bytes(), filename=name, services=app.state.services)
        with serve(app) as url:
            run = subprocess.run(
                [str(Path(sys.executable).parent / "st"), "run", f"{url}/openapi.json",
                 "-H", f"Authorization: Bearer {KEY}", "--checks", CHECKS,
                 "--phases", "examples,coverage,fuzzing", "--seed", "11",
                 "--max-time", str(seconds), "--workers", "2", "--generation-database", "none",
                 "--no-color"], capture_output=True, text=True, timeout=seconds + 300, cwd=tmp)
            metrics = httpx.get(f"{url}/metrics", headers={"Authorization": f"Bearer {KEY}"}).text
            operations = sum(len(ops) for ops in httpx.get(f"{url}/openapi.json").json()["paths"].values())
    by_status: dict[str, int] = {}
    for status, count in re.findall(r'^referat_http_requests_total\{.*status="(\d+)"\} (\d+)',
                                    metrics, re.M):
        by_status[status] = by_status.get(status, 0) + int(count)
    summary = run.stdout[run.stdout.rfind("SUMMARY"):] if "SUMMARY" in run.stdout else run.stdout[-3000:]
    generated = re.search(r"(\d+) generated", summary)
    lines = header(f"Fuzz: schemathesis for {seconds} s against the running service") + [
        f"Operations in the OpenAPI schema: {operations}; test cases generated: "
        f"{generated[1] if generated else '?'}; schemathesis exit code: {run.returncode}.", "",
        "| status | requests |", "| --- | --- |",
        *[f"| {s} | {n:,} |" for s, n in sorted(by_status.items())],
        f"| all | {sum(by_status.values()):,} |", "",
        "schemathesis summary:", "", "```", summary.strip(), "```"]
    (RESULTS / "fuzz.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
