"""No upload can destroy a meeting: ids come from the document's header, replacing needs
`?replace=true`, and every replaced original is kept."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from index.analyze import analyze
from service.api.app import create_app
from service.settings import Settings
from tests.conftest import SAMPLES

ER = SAMPLES / "steinkjer-eldreradet-2026-03-11.txt"


@pytest.fixture
def api(tmp_path) -> TestClient:  # noqa: ANN001
    return TestClient(create_app(Settings(data_dir=tmp_path, embedder="none")))


def _upload(api: TestClient, name: str, data: bytes, query: str = ""):  # noqa: ANN202
    return api.post(f"/v1/meetings{query}", files={"file": (name, data, "text/plain")})


def test_a_five_byte_file_named_like_a_meeting_does_not_replace_it(api, tmp_path) -> None:
    first = _upload(api, ER.name, ER.read_bytes())
    assert first.status_code == 201
    stored = first.json()["meeting_id"]
    # The reproducer of issue 11: a file named like the meeting's own id.
    attack = _upload(api, f"{stored}.txt", b"tull\n")
    assert attack.status_code == 201 and attack.json()["status"] == "added"
    assert attack.json()["meeting_id"] != stored
    meetings = {m["meeting_id"]: m for m in api.get("/v1/meetings").json()}
    assert meetings[stored]["item_count"] == 10
    assert (tmp_path / "documents" / f"{stored}.txt").read_bytes() == ER.read_bytes()
    again = _upload(api, f"{stored}.txt", b"tull\n")
    assert again.status_code == 200 and again.json()["status"] == "unchanged"


def test_replacing_needs_replace_true_and_keeps_the_old_original(api, tmp_path) -> None:
    stored = _upload(api, ER.name, ER.read_bytes()).json()["meeting_id"]
    text = ER.read_text(encoding="utf-8")
    edited = text.replace("Eldrerådet", "Eldrerådet", 1) + "\nTillegg: Gatelysene skal skiftes.\n"
    refused = _upload(api, "ny-versjon.txt", edited.encode())
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["type"] == "conflict" and "replace=true" in error["message"]
    assert "Gatelysene" not in api.post("/v1/ask", json={"question": "gatelysene"}).text
    replaced = _upload(api, "ny-versjon.txt", edited.encode(), "?replace=true")
    assert replaced.status_code == 201 and replaced.json()["status"] == "replaced"
    assert replaced.json()["meeting_id"] == stored
    kept = list((tmp_path / "documents" / "versions" / stored).iterdir())
    assert [p.read_bytes() for p in kept] == [ER.read_bytes()]
    assert (tmp_path / "documents" / f"{stored}.txt").read_text(encoding="utf-8") == edited
    hits = api.app.state.services.lexical_index.search(analyze("gatelysene"), k=3)
    assert hits and "Gatelysene" in hits[0][0].text
