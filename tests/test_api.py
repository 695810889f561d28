"""The HTTP API through the real app in-process, built with fakes passed in."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.settings import Settings
from tests.conftest import SAMPLES, fake_model
from tests.fakes.openai_server import Reply

SEED = SAMPLES / "osloregionen-kg-2026-04-16.txt"


@pytest.fixture(scope="module")
def client(indexed_dir, embedder) -> TestClient:  # noqa: ANN001
    return TestClient(create_app(Settings(data_dir=indexed_dir), embedder=embedder))


@pytest.fixture
def fresh(tmp_path, embedder) -> TestClient:  # noqa: ANN001
    return TestClient(create_app(Settings(data_dir=tmp_path, max_upload_bytes=200_000),
                                 embedder=embedder))


def test_healthz_and_openapi(client) -> None:
    assert client.get("/healthz").json()["meetings"] == 4
    assert "/v1/ask" in client.get("/openapi.json").json()["paths"]


def test_health_probes_read_the_counter_not_every_meeting(fresh, monkeypatch) -> None:  # noqa: ANN001
    # A probe every few seconds must not scan the meeting records (at 10,000 meetings one
    # scan took a second and 0.4 GB of heap); a change is still seen at once.
    store = fresh.app.state.services.store
    scans = []
    records = store.records
    monkeypatch.setattr(store, "records", lambda: scans.append(1) or records())
    fresh.get("/healthz")
    first = len(scans)
    for path in ("/healthz", "/readyz", "/metrics", "/healthz"):
        fresh.get(path)
    assert len(scans) == first
    up = fresh.post("/v1/meetings", files={"file": (SEED.name, SEED.read_bytes(), "text/plain")})
    assert up.status_code in (200, 201)
    assert fresh.get("/healthz").json()["meetings"] == 1


def test_meetings_list_matches_the_contract(client) -> None:
    meetings = {m["meeting_id"]: m for m in client.get("/v1/meetings").json()}
    seed = next(m for m in meetings.values() if m["date"] == "2026-04-16")
    assert seed["item_count"] == 24 and seed["body"] == "administrativ koordineringsgruppe"
    assert {m["date"] for m in meetings.values()} == {"2026-04-16", "2026-01-29", "2026-01-20",
                                                      "2026-03-11"}


def test_ask_returns_the_contract_fields(client) -> None:
    body = client.post("/v1/ask", json={"question": "Hva ble konkludert om Rikstunnelen?"}).json()
    assert set(body) >= {"answer", "answered", "mode", "citations", "usage"}
    assert set(body["citations"][0]) >= {"meeting_id", "meeting_date", "body", "item", "title",
                                         "quote"}
    assert body["citations"][0]["item"] == "7"


@pytest.mark.parametrize("payload,status", [
    ({"question": ""}, 422),
    ({"question": "   "}, 422),
    ({"question": "x" * 5000}, 422),
    ({}, 422),
    ({"question": "Rikstunnelen?", "top_k": 0}, 422),
    ({"question": "Rikstunnelen?", "date_from": "2026-05-01", "date_to": "2026-01-01"}, 422),
    ({"question": "Rikstunnelen?", "meeting_ids": ["finnes-ikke"]}, 404),
])
def test_bad_questions_get_json_errors(client, payload, status) -> None:
    resp = client.post("/v1/ask", json=payload)
    assert resp.status_code == status
    assert set(resp.json()["error"]) == {"type", "message"}


def test_upload_reupload_delete(fresh) -> None:
    files = {"file": (SEED.name, SEED.read_bytes(), "text/plain")}
    first = fresh.post("/v1/meetings", files=files)
    assert first.status_code == 201 and first.json()["item_count"] == 24
    again = fresh.post("/v1/meetings", files=files)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    meeting_id = first.json()["meeting_id"]
    assert fresh.delete(f"/v1/meetings/{meeting_id}").status_code == 204
    assert fresh.delete(f"/v1/meetings/{meeting_id}").status_code == 404
    assert fresh.get("/v1/meetings").json() == []


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"0" * 150_000_000)
    return buf.getvalue()


@pytest.mark.parametrize("name,data,status", [
    ("empty.txt", b"", 422),
    ("junk.txt", bytes(range(256)) * 40, 422),
    ("big.txt", b"a" * 300_000, 413),
    ("bomb.docx", None, 422),
    ("minutes.exe", b"MZ\x90\x00", 422),
])
def test_bad_uploads_are_rejected_and_leave_the_index_alone(fresh, name, data, status) -> None:
    fresh.post("/v1/meetings", files={"file": (SEED.name, SEED.read_bytes(), "text/plain")})
    before = fresh.get("/v1/meetings").json()
    payload = _zip_bomb() if data is None else data
    resp = fresh.post("/v1/meetings", files={"file": (name, payload, "application/octet-stream")})
    assert resp.status_code == status, resp.text
    assert name in resp.json()["error"]["message"] or status == 413
    assert fresh.get("/v1/meetings").json() == before
    assert fresh.post("/v1/ask", json={"question": "Rikstunnelen"}).json()["answered"]


def test_streaming_sends_deltas_then_the_checked_answer(indexed_dir, embedder, fake_openai) -> None:
    fake_openai.script("Tunnelen er avgjørende for kapasitet [sak 7, 16.04.2026].")
    llm = fake_model(fake_openai.base_url)
    app = create_app(Settings(data_dir=indexed_dir, llm_model="fake"), llm=llm, embedder=embedder)
    with TestClient(app).stream("POST", "/v1/ask", json={"question": "Hva ble konkludert om "
                                "Rikstunnelen?", "stream": True}) as resp:
        assert resp.headers["content-type"].startswith("text/event-stream")
        events = [block for block in resp.read().decode().split("\n\n") if block]
    kinds = [e.split("\n")[0].removeprefix("event: ") for e in events]
    assert kinds[0] == "delta" and kinds[-1] == "answer" and kinds.count("delta") > 1
    final = json.loads(events[-1].split("data: ", 1)[1])
    assert final["answered"] and final["citations"][0]["item"] == "7"


def test_model_down_is_503_json(indexed_dir, embedder, fake_openai) -> None:
    fake_openai.script(*[Reply(status=502)] * 4)
    llm = fake_model(fake_openai.base_url)
    app = create_app(Settings(data_dir=indexed_dir, llm_model="fake"), llm=llm, embedder=embedder)
    resp = TestClient(app).post("/v1/ask", json={"question": "Hva ble konkludert om Rikstunnelen?"})
    assert resp.status_code == 503 and resp.json()["error"]["type"] == "model_unavailable"
