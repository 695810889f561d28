"""The small defects of issue 11, each by its reproducer: a two-letter decision, UTF-16
without a BOM, an over-long file name over HTTP and in a CLI batch."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.cli import main
from service.settings import Settings, get_settings
from tests.conftest import SAMPLES

SEED = SAMPLES / "steinkjer-ungdomsradet-2026-01-20.txt"


class CountingEmbedder:
    def __init__(self, inner) -> None:  # noqa: ANN001
        self.inner, self.model_id, self.calls = inner, inner.model_id, 0

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        return self.inner.embed(texts)


@pytest.fixture
def client_and_embedder(tmp_path, embedder):  # noqa: ANN001, ANN201
    counting = CountingEmbedder(embedder)
    return TestClient(create_app(Settings(data_dir=tmp_path), embedder=counting)), counting


def test_a_decision_shorter_than_three_characters_is_no_500(client_and_embedder) -> None:
    client, _ = client_and_embedder
    r = client.post("/v1/extract", json={"text": "1. Budsjett\nVedtak: Ja", "mode": "rules"})
    assert r.status_code == 200, r.text
    assert r.json()["decisions"][0]["evidence"] == "Vedtak: Ja"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_as_text(client_and_embedder, codec) -> None:
    client, _ = client_and_embedder
    data = SEED.read_text(encoding="utf-8").encode(codec)
    assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    r = client.post("/v1/meetings", files={"file": (SEED.name, data, "text/plain")})
    assert r.status_code == 201, r.text
    assert r.json()["item_count"] == 5


def test_a_300_character_file_name_is_a_clear_422_before_embedding(client_and_embedder) -> None:
    client, counting = client_and_embedder
    name = "a" * 300 + ".txt"
    r = client.post("/v1/meetings", files={"file": (name, SEED.read_bytes(), "text/plain")})
    assert r.status_code == 422
    assert "file name has 304 characters; the limit is 200" in r.json()["error"]["message"]
    assert counting.calls == 0
    assert client.get("/v1/meetings").json() == []


def test_the_cli_reports_a_bad_file_and_goes_on(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("REFERAT_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / ("b" * 240 + ".txt")).write_bytes(SEED.read_bytes())
    (folder / "c-good.txt").write_bytes(SEED.read_bytes())
    try:
        assert main(["ingest", "-q", str(folder)]) == 1
    finally:
        get_settings.cache_clear()
    out, err = capsys.readouterr()
    assert "the limit is 200" in err and "Traceback" not in err
    assert "added" in out
