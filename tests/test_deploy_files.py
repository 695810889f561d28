"""Deployment: docker-compose.yml and the Dockerfile checked for what they claim (no Docker
engine runs here), and the same topology run without Docker: `chroma run` on loopback and
two `referat serve` processes sharing it, uploading through one and asking through the other.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from service.api.security import hash_key
from service.settings import Settings
from tests.conftest import SAMPLES
from tests.live import free_port, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def test_compose_wires_referat_to_a_chroma_server_with_health_checks_and_a_model_profile() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"chroma", "referat", "ollama"}
    assert services["chroma"]["image"].startswith("chromadb/chroma:")
    assert any(v.startswith("chroma-data:") for v in services["chroma"]["volumes"])
    for name in services:
        assert services[name]["healthcheck"]["test"], name
    assert services["referat"]["depends_on"]["chroma"]["condition"] == "service_healthy"
    assert services["ollama"]["profiles"] == ["model"] and "profiles" not in services["referat"]
    env = services["referat"]["environment"]
    assert env["REFERAT_CHROMA_HOST"] == "chroma"
    assert env["REFERAT_API_KEYS"].startswith("${REFERAT_API_KEYS:?")  # no keyless default
    known = {f"REFERAT_{name.upper()}" for name in Settings.model_fields}
    assert set(env) <= known
    assert set(compose["volumes"]) == {"chroma-data", "referat-data", "ollama-models"}


def test_dockerfile_is_slim_and_runs_as_a_user() -> None:
    lines = (ROOT / "Dockerfile").read_text().splitlines()
    assert lines[[i for i, ln in enumerate(lines) if ln.startswith("FROM")][0]].endswith("-slim")
    users = [ln for ln in lines if ln.startswith("USER ")]
    assert users and users[-1] != "USER root"
    assert any(ln.startswith("HEALTHCHECK") for ln in lines)
    assert any(ln.startswith('CMD ["referat", "serve"') for ln in lines)


def test_serve_refuses_a_public_address_without_keys(tmp_path) -> None:
    env = {**os.environ, "REFERAT_DATA_DIR": str(tmp_path)}
    result = subprocess.run([str(BIN / "referat"), "serve", "--host", "0.0.0.0"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2
    assert "REFERAT_API_KEYS" in result.stderr and "--insecure" in result.stderr


def test_key_hash_prints_what_referat_api_keys_holds(capsys) -> None:
    from service.cli import main

    assert main(["key-hash", "hemmelig"]) == 0
    assert capsys.readouterr().out.strip() == hash_key("hemmelig")
    assert main(["key-hash"]) == 0
    key, digest = (ln.split(":", 1)[1].strip() for ln in capsys.readouterr().out.splitlines())
    assert hash_key(key) == digest and len(key) >= 24


# -- the compose topology without Docker ------------------------------------------------
EDITOR, READER = "editor-key", "reader-key"


@pytest.fixture(scope="module")
def topology(tmp_path_factory) -> Iterator[dict[str, object]]:  # noqa: ANN001
    root = tmp_path_factory.mktemp("topology")
    chroma_port, ports = free_port(), [free_port(), free_port()]
    procs = [subprocess.Popen([str(BIN / "chroma"), "run", "--path", str(root / "chroma"),
                               "--host", "127.0.0.1", "--port", str(chroma_port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    keys = json.dumps([{"name": "ed", "sha256": hash_key(EDITOR), "role": "editor", "scope": "all"},
                       {"name": "rd", "sha256": hash_key(READER), "role": "reader", "scope": "all"}])
    logs = []
    try:
        wait_for_port(chroma_port)
        for n, port in enumerate(ports):
            env = {k: v for k, v in os.environ.items() if not k.startswith("REFERAT_")}
            env.update(REFERAT_CHROMA_HOST="127.0.0.1", REFERAT_CHROMA_PORT=str(chroma_port),
                       REFERAT_DATA_DIR=str(root / f"api{n}"), REFERAT_API_KEYS=keys)
            log = (root / f"api{n}.log").open("w")
            logs.append(root / f"api{n}.log")
            procs.append(subprocess.Popen([str(BIN / "referat"), "serve", "--host", "127.0.0.1",
                                           "--port", str(port)], env=env, stdout=log,
                                          stderr=subprocess.STDOUT))
        for port in ports:
            wait_for_port(port, timeout=120)
        yield {"urls": [f"http://127.0.0.1:{p}" for p in ports], "logs": logs}
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_two_api_processes_share_one_chroma_server(topology) -> None:
    first, second = topology["urls"]  # type: ignore[misc]
    seed = SAMPLES / "osloregionen-kg-2026-04-16.txt"
    up = httpx.post(f"{first}/v1/meetings", headers={"Authorization": f"Bearer {EDITOR}",
                                                      "X-Request-ID": "upload-1"},
                    files={"file": (seed.name, seed.read_bytes(), "text/plain")}, timeout=120)
    assert up.status_code == 201, up.text
    started = time.perf_counter()
    answer = httpx.post(f"{second}/v1/ask", headers={"Authorization": f"Bearer {READER}"},
                        json={"question": "Hva ble konkludert om Rikstunnelen?"}, timeout=60)
    assert answer.status_code == 200 and answer.json()["citations"][0]["item"] == "7"
    assert time.perf_counter() - started < 30
    listed = httpx.get(f"{second}/v1/meetings", headers={"X-API-Key": READER}).json()
    assert [m["meeting_id"] for m in listed] == [up.json()["meeting_id"]]
    assert listed[0]["visibility"] == "internal"  # REFERAT_DEFAULT_VISIBILITY
    for url in (first, second):
        assert httpx.get(f"{url}/readyz").json()["index"] == "ok"
    # Structured logs: one JSON object a line, the request id of the upload on its lines.
    lines = [json.loads(ln) for ln in topology["logs"][0].read_text().splitlines()  # type: ignore[index]
             if ln.startswith("{")]
    mine = [ln for ln in lines if ln["request_id"] == "upload-1"]
    assert any(ln.get("route") == "/v1/meetings" and ln.get("status") == 201 for ln in mine)
