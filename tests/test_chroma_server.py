"""Server mode: the same code against a real `chroma run` on loopback, by settings alone."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.ask import answer_question
from service.meetings import ingest_upload, list_meetings
from service.schemas import AskRequest
from tests.conftest import SAMPLES, make_services


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = _free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen([chroma, "run", "--path", str(path), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError("chroma server did not start")
    yield port
    proc.terminate()
    proc.wait(timeout=20)


def test_ingest_and_ask_against_a_chroma_server(chroma_server, tmp_path, embedder) -> None:
    services = make_services(tmp_path, embedder, chroma_host="127.0.0.1",
                             chroma_port=chroma_server)
    assert type(services.store._client).__name__ != "PersistentClient"  # noqa: SLF001
    seed = SAMPLES / "osloregionen-kg-2026-04-16.txt"
    first = ingest_upload(seed.read_bytes(), filename=seed.name, services=services)
    again = ingest_upload(seed.read_bytes(), filename=seed.name, services=services)
    assert (first.status, again.status) == ("added", "unchanged")
    assert [m.item_count for m in list_meetings(services)] == [24]
    resp = answer_question(AskRequest(question="Hva ble konkludert om Rikstunnelen?"),
                           services=services)
    assert resp.answered and resp.citations[0].item == "7"
    assert not (tmp_path / "chroma").exists()  # nothing went to the embedded store
