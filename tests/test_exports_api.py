"""The meeting detail, draft upload and export endpoints, and the web page's own routes,
through the real app in-process."""

from __future__ import annotations

import io
import json
import re

import docx
import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.settings import Settings
from tests.conftest import ROOT

TRANSCRIPTS = ROOT / "samples" / "transcripts" / "seed-kg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def client(indexed_dir, embedder) -> TestClient:  # noqa: ANN001
    return TestClient(create_app(Settings(data_dir=indexed_dir), embedder=embedder))


@pytest.fixture(scope="module")
def seed_id(client: TestClient) -> str:
    return next(m["meeting_id"] for m in client.get("/v1/meetings").json()
                if m["date"] == "2026-04-16")


@pytest.fixture(scope="module")
def draft(client: TestClient) -> dict:
    r = client.post("/v1/summaries/upload", files={
        "transcript": ("kg.vtt", (TRANSCRIPTS / "kg-2026-04-16.vtt").read_bytes()),
        "agenda": ("sakskart.txt", (TRANSCRIPTS / "kg-2026-04-16-sakskart.txt").read_bytes())})
    assert r.status_code == 200, r.text
    return r.json()


def _outline(data: bytes) -> tuple[list[tuple[str, str]], list[list[list[str]]]]:
    document = docx.Document(io.BytesIO(data))
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith(("Heading", "Title"))]
    return headings, [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def test_meeting_detail_has_items_with_text_and_the_extraction(client, seed_id) -> None:
    m = client.get(f"/v1/meetings/{seed_id}").json()
    assert m["meeting_id"] == seed_id and m["body"] == "administrativ koordineringsgruppe"
    item7 = next(i for i in m["items"] if i["number"] == "7")
    assert "Rikstunnelen" in item7["title"] and "håndnotatet" in item7["text"]
    assert any(a["owner"] == "Sekretariatet" and a["item"] == "7" for a in m["action_items"])
    assert {d["item"] for d in m["decisions"]} >= {"1", "2"}
    assert m["board_meeting"]["date"] == "2026-05-13" and len(m["board_proposals"]) >= 10
    assert m["extract_mode"] == "rules"


def test_every_citation_quote_is_found_in_the_detail_text(client) -> None:
    """The web page highlights a quote inside the item text the detail endpoint returns."""
    answer = client.post("/v1/ask", json={"question": "Hva ble konkludert om Rikstunnelen?"}).json()
    for c in answer["citations"]:
        item = next(i for i in client.get(f"/v1/meetings/{c['meeting_id']}").json()["items"]
                    if i["number"] == c["item"])
        words = re.findall(r"\w+", c["quote"])
        assert re.search(r"\W+".join(map(re.escape, words)), item["text"])


def test_unknown_meeting_is_404_in_the_error_shape(client) -> None:
    for path in ("/v1/meetings/finnes-ikke", "/v1/meetings/finnes-ikke/export"):
        r = client.get(path)
        assert r.status_code == 404 and r.json()["error"]["type"] == "not_found"


def test_meeting_export_docx_has_headings_and_the_action_table(client, seed_id) -> None:
    r = client.get(f"/v1/meetings/{seed_id}/export?format=docx")
    assert r.status_code == 200 and r.headers["content-type"] == DOCX
    assert r.headers["content-disposition"].startswith("attachment; filename=")
    headings, tables = _outline(r.content)
    assert headings[0] == ("Title", "Oppfølging: administrativ koordineringsgruppe, 2026-04-16")
    assert ("Heading 1", "Oppfølgingspunkter") in headings and ("Heading 1", "Vedtak") in headings
    assert any(h[1].startswith("Saker til neste styremøte (2026-05-13") for h in headings)
    assert tables[0][0] == ["Hvem", "Hva", "Frist", "Sak"]
    assert ["Sekretariatet", "2026-05-28", "7"] == [tables[0][4][i] for i in (0, 2, 3)]


def test_meeting_export_markdown_and_english(client, seed_id) -> None:
    md = client.get(f"/v1/meetings/{seed_id}/export?format=markdown").text
    assert "| Hvem | Hva | Frist | Sak |" in md and "## Vedtak" in md
    assert "| Sekretariatet | tilgjengeliggjøre håndnotatet" in md
    en = client.get(f"/v1/meetings/{seed_id}/export?format=markdown&lang=en").text
    assert "| Who | What | By when | Item |" in en and "## Decisions" in en
    assert client.get(f"/v1/meetings/{seed_id}/export?format=pdf").status_code == 422


def test_summary_upload_carries_the_lines_bullets_point_to(draft) -> None:
    assert [i["number"] for i in draft["items"]] == ["3", "4", "5", "7"]
    turns = {t["index"]: t for t in draft["turns"]}
    bullet = draft["items"][0]["bullets"][0]
    first, last = bullet["turns"]
    assert first in turns and last in turns and turns[first]["speaker"]
    assert turns[first]["start"] is not None


def test_summary_upload_rejects_a_transcript_it_cannot_read(client) -> None:
    r = client.post("/v1/summaries/upload",
                    files={"transcript": ("t.docx", b"not a zip file at all")})
    assert r.status_code == 422 and r.json()["error"]["message"].startswith("t.docx:")


def test_summary_upload_streams_progress_per_item_then_the_summary(client, draft) -> None:
    files = {"transcript": ("kg.vtt", (TRANSCRIPTS / "kg-2026-04-16.vtt").read_bytes()),
             "agenda": ("sakskart.txt", (TRANSCRIPTS / "kg-2026-04-16-sakskart.txt").read_bytes())}
    with client.stream("POST", "/v1/summaries/upload", files=files, data={"stream": "true"}) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        events = [e for e in r.read().decode().split("\n\n") if e]
    kinds = [e.split("\n")[0].removeprefix("event: ") for e in events]
    assert kinds == ["progress"] * 4 + ["summary"]
    assert json.loads(events[0].split("data: ", 1)[1]) == {
        "done": 1, "total": 4, "item": "Samarbeid om politisk påvirkning - tiltak"}
    assert json.loads(events[-1].split("data: ", 1)[1])["items"] == draft["items"]
    bad = client.post("/v1/summaries/upload", data={"stream": "true"},
                      files={"transcript": ("t.docx", b"not a zip file at all")})
    assert bad.status_code == 422  # before the stream starts, not inside it


def test_draft_export_docx_has_item_headings_and_an_action_table(client, draft) -> None:
    r = client.post("/v1/summaries/export?format=docx", json=draft)
    assert r.status_code == 200 and r.headers["content-type"] == DOCX
    headings, tables = _outline(r.content)
    assert ("Heading 1", "3. Samarbeid om politisk påvirkning - tiltak") in headings
    assert ("Heading 2", "Oppsummering av innspill og konklusjon") in headings
    assert tables[-1][0] == ["Hvem", "Hva", "Frist", "Sak"]
    assert all(row[0] and row[3] in {"3", "4", "5", "7"} for row in tables[-1][1:])
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(r.content)).paragraphs)
    assert re.search(r"\[Målfrid Baik, 00:\d\d:\d\d", text)  # bullets name their source lines


def test_draft_export_survives_characters_xml_cannot_hold(client, draft) -> None:
    """Found by the fuzzer: a control character in a posted draft made python-docx raise
    (a 500). The export drops the character and keeps the rest of the text."""
    dirty = json.loads(json.dumps(draft))
    dirty["header"]["title"] = "Møte\x01 i \x0bstyret " + "x" * 300
    dirty["items"][0]["title"] = "Sak\x00 med\x1f kontroll\ufffetegn"
    r = client.post("/v1/summaries/export?format=docx", json=dirty)
    assert r.status_code == 200, r.text
    headings, _ = _outline(r.content)
    assert headings[0][1].startswith("Møte i styret xxx")
    assert any(text.endswith("Sak med kontrolltegn") for _, text in headings)


def test_draft_export_markdown_reads_back_as_items(client, draft) -> None:
    md = client.post("/v1/summaries/export?format=markdown", json=draft).text
    assert md.startswith("# Referat fra møte") and "_Sammendrag:_" in md
    assert "## 7. Politisk håndnotat – Rikstunnelen" in md
    assert client.post("/v1/summaries/export", json={"markdown": "x"}).status_code == 422


def test_the_exports_are_in_the_openapi_docs_and_the_page_is_not(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/meetings/{meeting_id}", "/v1/meetings/{meeting_id}/export",
            "/v1/summaries/export", "/v1/summaries/upload"} <= set(paths)
    assert "/" not in paths


def test_the_page_is_norwegian_by_default_and_english_on_request(client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and '<html lang="nb">' in page.text
    assert "Spør" in page.text and "default-src 'self'" in page.headers["content-security-policy"]
    assert '<html lang="en">' in client.get("/?lang=en").text
    assert '<html lang="nb">' in client.get("/?lang=xx").text


def test_assets_are_served_and_nothing_comes_from_the_internet(client) -> None:
    web = ROOT / "service" / "web"
    for path in [*(web / "static").iterdir(), *(web / "templates").iterdir()]:
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", path.read_text()), path
        if path.parent.name == "static":
            assert client.get(f"/assets/{path.name}").status_code == 200
    assert client.get("/assets/routes.py").status_code == 404
    assert client.get("/assets/..%2Froutes.py").status_code == 404


def test_the_filters_the_page_sends_narrow_the_answer(client, seed_id) -> None:
    """The page fills its filters from GET /v1/meetings: body names and ids as listed."""
    listed = {m["meeting_id"]: m for m in client.get("/v1/meetings").json()}
    question = "Hva ble konkludert om Rikstunnelen?"
    for extra in ({"bodies": [listed[seed_id]["body"]]}, {"meeting_ids": [seed_id]},
                  {"date_from": "2026-04-01", "date_to": "2026-04-30"}):
        body = client.post("/v1/ask", json={"question": question, **extra}).json()
        assert body["answered"] and {c["meeting_id"] for c in body["citations"]} == {seed_id}
    other = next(i for i, m in listed.items() if i != seed_id)
    assert not client.post("/v1/ask", json={"question": question,
                                            "meeting_ids": [other]}).json()["answered"]
