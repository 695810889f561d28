"""POST /v1/extract and `referat extract` through the real app and CLI, built with fakes."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.cli import main
from service.settings import Settings
from tests.conftest import SAMPLES, fake_model
from tests.fakes.openai_server import FakeOpenAI, Reply
from tests.test_extract_llm import MINUTES, answer

SEED = SAMPLES / "osloregionen-kg-2026-04-16.txt"
FIELDS = {"action_items", "decisions", "board_meeting", "board_proposals", "mode", "dropped"}


@pytest.fixture(scope="module")
def client(indexed_dir, embedder) -> TestClient:  # noqa: ANN001
    return TestClient(create_app(Settings(data_dir=indexed_dir), embedder=embedder))


@pytest.fixture(scope="module")
def seed_id(client: TestClient) -> str:
    return next(m["meeting_id"] for m in client.get("/v1/meetings").json()
                if m["meeting_id"].startswith("osloregionen"))


def llm_client(indexed_dir, embedder, fake: FakeOpenAI, **settings: object) -> TestClient:  # noqa: ANN001
    llm = fake_model(fake.base_url)
    app = create_app(Settings(data_dir=indexed_dir, llm_model="fake", **settings), llm=llm,
                     embedder=embedder)
    return TestClient(app)


def test_extract_an_indexed_meeting(client: TestClient, seed_id: str) -> None:
    resp = client.post("/v1/extract", json={"meeting_id": seed_id})
    assert resp.status_code == 200
    body = resp.json()
    assert FIELDS <= set(body) and body["mode"] == "rules" and body["dropped"] == 0
    assert set(body["action_items"][0]) == {"owner", "task", "due", "item", "evidence"}
    assert set(body["decisions"][0]) == {"item", "status", "text", "evidence"}
    assert body["board_meeting"] == {"date": "2026-05-13", "time": "14:00-16:00", "place": "Teams"}
    assert [p["number"] for p in body["board_proposals"]] == [str(n) for n in range(12, 25)]
    assert set(body["board_proposals"][0]) == {"number", "title", "kind", "note"}


def test_text_and_meeting_id_give_the_same_extraction(client: TestClient, seed_id: str) -> None:
    by_id = client.post("/v1/extract", json={"meeting_id": seed_id}).json()
    by_text = client.post("/v1/extract", json={"text": SEED.read_text(encoding="utf-8")}).json()
    assert by_text["action_items"] == by_id["action_items"]
    assert by_text["decisions"] == by_id["decisions"]


@pytest.mark.parametrize(("payload", "status", "kind"), [
    ({}, 422, "bad_input"),
    ({"meeting_id": "x", "text": "y"}, 422, "bad_input"),
    ({"meeting_id": "no-such-meeting"}, 404, "not_found"),
    ({"text": "Godkjennes", "mode": "llm"}, 422, "bad_input"),  # no model configured
    ({"text": "Godkjennes", "mode": "fancy"}, 422, "bad_input"),
])
def test_bad_requests_get_json_errors(client: TestClient, payload: dict, status: int, kind: str) -> None:
    resp = client.post("/v1/extract", json=payload)
    assert resp.status_code == status and resp.json()["error"]["type"] == kind


def test_llm_mode_through_the_route(indexed_dir, embedder, fake_openai: FakeOpenAI) -> None:  # noqa: ANN001
    fake_openai.script(answer())
    body = llm_client(indexed_dir, embedder, fake_openai).post("/v1/extract", json={"text": MINUTES}).json()
    assert body["mode"] == "llm" and body["action_items"][0]["due"] == "2026-05-28"
    assert len(body["prompt_hash"]) == 12


def test_invalid_model_output_twice_is_502(indexed_dir, embedder, fake_openai: FakeOpenAI) -> None:  # noqa: ANN001
    fake_openai.script("nope", "still not json")
    resp = llm_client(indexed_dir, embedder, fake_openai).post("/v1/extract", json={"text": MINUTES})
    assert resp.status_code == 502 and resp.json()["error"]["type"] == "model_output_invalid"


def test_model_down_is_503_unless_fallback_is_on(indexed_dir, embedder, fake_openai: FakeOpenAI) -> None:  # noqa: ANN001
    fake_openai.default = Reply(status=500)
    resp = llm_client(indexed_dir, embedder, fake_openai).post("/v1/extract", json={"text": MINUTES})
    assert resp.status_code == 503
    fallback = llm_client(indexed_dir, embedder, fake_openai, llm_fallback=True)
    body = fallback.post("/v1/extract", json={"text": MINUTES}).json()
    assert body["mode"] == "rules" and body["action_items"][0]["owner"] == "Sekretariatet"
    assert "HTTP 500" in body["fallback_reason"]
    forced = fallback.post("/v1/extract", json={"text": MINUTES, "mode": "rules"}).json()
    assert forced["mode"] == "rules"


def test_schema_endpoint(client: TestClient) -> None:
    schema = client.get("/v1/extract/schema").json()
    assert FIELDS <= set(schema["properties"])
    assert "tatt til orientering" in schema["$defs"]["Decision"]["properties"]["status"]["enum"]


@pytest.fixture
def cli_services(indexed_dir, embedder, monkeypatch):  # noqa: ANN001, ANN201
    import service.wiring as wiring

    real = wiring.build_services
    monkeypatch.setattr(wiring, "build_services",
                        lambda settings: real(Settings(data_dir=indexed_dir), embedder=embedder))


def test_cli_markdown_and_json(cli_services, seed_id: str, capsys) -> None:  # noqa: ANN001
    assert main(["extract", seed_id]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"## Oppfølging fra møtet {seed_id}")
    assert "- [ ] **KG-representantene**: Minne ordførerne om å melde seg på" in out
    assert "(frist: 2026-05-28) _(sak 7)_" in out
    assert "- Sak 1: godkjent – Godkjennes" in out
    assert "12. Samarbeid om politisk påvirkning - tiltak (orientering)" in out
    assert main(["extract", seed_id, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["board_meeting"]["date"] == "2026-05-13"
    assert main(["extract", "no-such-meeting"]) == 2
    assert "referat meetings" in capsys.readouterr().err
