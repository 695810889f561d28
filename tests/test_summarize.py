"""Summarize, offline mode: agenda alignment, topic detection, extractive drafting, the
markdown in the seed's shape (read back by the minutes parser), the API route and the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from service.settings import Settings
from service.summarize.flow import summarize_transcript
from service.summarize.schema import SummaryRequest, SummaryResponse
from service.summarize.segment import align_agenda, parse_agenda
from service.summarize.text import clean_speech, content_terms

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "transcripts" / "seed-kg"
KG_VTT = (SEED / "kg-2026-04-16.vtt").read_text(encoding="utf-8")
KG_AGENDA = (SEED / "kg-2026-04-16-sakskart.txt").read_text(encoding="utf-8")


def summarize(transcript: str, agenda: str | None = None, **kw: object) -> SummaryResponse:
    req = SummaryRequest(transcript=transcript, agenda=agenda, **kw)  # type: ignore[arg-type]
    return summarize_transcript(req, llm=None, settings=Settings())


@pytest.fixture(scope="module")
def kg() -> SummaryResponse:
    return summarize(KG_VTT, KG_AGENDA)


def test_parse_agenda_layouts() -> None:
    a = parse_agenda(KG_AGENDA)
    assert a.title == "Sakskart for møte i administrativ koordineringsgruppe (KG)"
    assert a.date == "16. april 2026"
    assert [(e.number, e.title) for e in a.entries][:2] == [
        ("3", "Samarbeid om politisk påvirkning - tiltak"), ("4", "Revidert Nasjonalbudsjett 2026")]
    steinkjer = parse_agenda("Saksliste\nPS 1/26  Malm legekontor\nPS 3/26  Ely Navarro ønsker å\n"
                             "         presentere et arrangement\nSak 4: Eventuelt\n")
    assert [(e.number, e.title) for e in steinkjer.entries] == [
        ("PS 1/26", "Malm legekontor"), ("PS 3/26", "Ely Navarro ønsker å presentere et arrangement"),
        ("4", "Eventuelt")]
    plain = parse_agenda("Velkommen\nBudsjett 2027\nEventuelt")
    assert [e.number for e in plain.entries] == ["1", "2", "3"]


def test_alignment_follows_spoken_item_numbers() -> None:
    texts = ["Velkommen.", "Vi starter med budsjettet.", "Budsjettet er stramt i år.",
             "Ja, det er stramt.", "Da går vi til sak fem.", "Jeg synes det er bra.",
             "Enig, vi gjør det.", "Neste sak, eventuelt.", "Ingenting her."]
    entries = parse_agenda("4. Budsjett\n5. Skolestruktur\n6. Eventuelt").entries
    segs = align_agenda([content_terms(t) for t in texts], texts, entries, "nb")
    assert [(s.number, s.start, s.end) for s in segs] == [("4", 0, 3), ("5", 4, 6), ("6", 7, 8)]


def test_clean_speech_removes_fillers_and_stutters() -> None:
    assert clean_speech("Eh, jeg, jeg tror altså at vi liksom må ehm vente.") == \
        "jeg tror at vi må vente."
    assert clean_speech("so, um, you know, the micro-, microphone is <laugh> fine .") == \
        "so, the microphone is fine."
    assert clean_speech("helse- og omsorgstjenesten") == "helse- og omsorgstjenesten"


def test_kg_draft_covers_every_agenda_item(kg: SummaryResponse) -> None:
    assert kg.mode == "offline" and kg.language == "nb" and kg.agenda_source == "agenda"
    assert [i.number for i in kg.items] == ["3", "4", "5", "7"]
    previous_end = -1
    for item in kg.items:
        assert item.turns is not None and item.bullets, item.number
        start, end = item.turns
        assert previous_end <= start <= end  # monotonic; a boundary turn may be shared
        previous_end = end
        for b in item.bullets + item.decisions + item.actions:
            assert start <= b.turns[0] <= b.turns[1] <= end
        assert item.start is not None and item.end is not None and item.start < item.end


def test_kg_draft_content(kg: SummaryResponse) -> None:
    rnb = kg.items[1]
    assert any("skriftlig innspill" in d.text for d in rnb.decisions)
    assert any(a.text.startswith("Mari Strømsvåg lager et utkast") for a in rnb.actions)
    rikstunnel = " ".join(b.text for b in kg.items[3].bullets)
    assert "beredskap" in rikstunnel and "biltrafikk" in rikstunnel
    everything = " ".join(b.text for i in kg.items for b in i.bullets + i.decisions + i.actions)
    assert not re.search(r"\b(eh|ehm|altså|liksom)\b", everything, re.I)
    assert "sak seks" not in everything and "går videre til sak" not in everything


def test_kg_markdown_in_the_seed_shape(kg: SummaryResponse) -> None:
    md = kg.markdown
    assert md.startswith("# Referat fra møte i administrativ koordineringsgruppe (KG)\n")
    assert "Tid: 16. april 2026" in md
    assert "- Målfrid Baik" in md and "- Flere" not in md  # "Flere: Ja." is not a participant
    assert "## 3. Samarbeid om politisk påvirkning - tiltak" in md
    assert md.count("\nOppsummering av innspill og konklusjon:\n") == 4
    assert "\nVedtak:\n" in md and "\nOppfølging:\n" in md


def test_markdown_parses_back_as_minutes(kg: SummaryResponse) -> None:
    from index.parse_minutes import parse_minutes

    meeting = parse_minutes(kg.markdown, source_file="draft.md")
    assert [i.number for i in meeting.items] == ["3", "4", "5", "7"]
    assert all(i.conclusions for i in meeting.items)
    assert str(meeting.date) == "2026-04-16"


def test_summary_respects_max_words(kg: SummaryResponse) -> None:
    assert 60 <= len(kg.summary.split()) <= 150
    assert kg.summary.startswith("Møtet behandlet 4 saker")
    short = summarize(KG_VTT, KG_AGENDA, max_words=40)
    assert len(short.summary.split()) <= 40


def test_without_agenda_topics_are_detected_and_titled() -> None:
    r = summarize(KG_VTT)
    assert r.agenda_source == "topics" and len(r.items) >= 2
    assert all(i.title and i.title != "Diverse" for i in r.items)
    assert r.items[0].turns is not None and r.items[0].turns[0] == 0
    assert r.items[-1].turns is not None and r.items[-1].turns[1] == max(
        b.turns[1] for b in r.items[-1].bullets + r.items[-1].decisions + r.items[-1].actions)


def test_english_transcript_gets_english_minutes() -> None:
    text = (ROOT / "samples" / "transcripts" / "ami" / "TS3006a" / "transcript.txt").read_text()
    r = summarize(text)
    assert r.language == "en"
    assert "Summary of discussion and conclusion:" in r.markdown
    assert r.summary.startswith("The meeting covered")
    assert {"A", "B", "C", "D"} == set(r.header.participants)


def test_agenda_item_missing_from_the_recording_is_reported() -> None:
    r = summarize(KG_VTT, KG_AGENDA + "\n11. Kommunal vintervedlikehold av bruer\n")
    missing = [i for i in r.items if i.turns is None]
    assert [i.number for i in missing] == ["11"]
    assert "## 11. Kommunal vintervedlikehold av bruer\n\nIkke funnet i transkripsjonen." in r.markdown
    assert any("11" in w for w in r.warnings)


def test_golden_gate_cases_pass_the_key_point_rule() -> None:
    from evals.summary_metrics import GOLDEN, load_cases, request_body, score_case

    for case in [c for c in load_cases(GOLDEN) if c.gate]:
        body = request_body(case, mode="offline")
        resp = summarize_transcript(SummaryRequest(**body), llm=None, settings=Settings())
        row = score_case(case, resp.model_dump(mode="json"), body["transcript"])
        assert row["agenda_coverage"] == 1.0, case.id
        assert row["key_point_recall"] >= 0.8, (case.id, row["missed_key_points"])
        assert row["unsupported_bullet_rate"] == 0.0, case.id


@pytest.fixture
def client(tmp_path: Path, embedder):  # noqa: ANN001, ANN201
    from fastapi.testclient import TestClient

    from service.api.app import create_app

    return TestClient(create_app(Settings(data_dir=tmp_path, max_transcript_chars=20_000),
                                 embedder=embedder))


def test_api_summaries(client) -> None:  # noqa: ANN001
    r = client.post("/v1/summaries", json={"transcript": KG_VTT, "format": "vtt",
                                           "agenda": KG_AGENDA, "max_words": 80})
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) >= {"markdown", "items", "summary", "mode"}
    assert body["mode"] == "offline" and len(body["summary"].split()) <= 80
    assert body["items"][0]["bullets"][0]["turns"] == list(body["items"][0]["bullets"][0]["turns"])


def test_api_errors(client) -> None:  # noqa: ANN001
    r = client.post("/v1/summaries", json={"transcript": "x" * 20_001})
    assert r.status_code == 413
    assert "20000" in r.json()["error"]["message"]
    r = client.post("/v1/summaries", json={"transcript": "00:01 --> nothing", "format": "vtt"})
    assert r.status_code == 422 and r.json()["error"]["type"] == "transcript_error"
    assert "line 1" in r.json()["error"]["message"]
    r = client.post("/v1/summaries", json={"transcript": "A: hei", "mode": "llm"})
    assert r.status_code == 503  # no model configured: says how to fix it
    assert "REFERAT_LLM_MODEL" in r.json()["error"]["message"]


def test_cli_summarize(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from service.cli import main

    out = tmp_path / "draft.md"
    code = main(["summarize", str(SEED / "eldreradet-2026-03-11.txt"), "--agenda",
                 str(SEED / "eldreradet-2026-03-11-sakskart.txt"), "--out", str(out), "-q"])
    assert code == 0
    md = out.read_text(encoding="utf-8")
    assert "## PS 4/26 FNs internasjonale eldredag 2026 - søknad om midler" in md
    assert main(["summarize", str(SEED / "ungdomsradet-2026-01-20.srt"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["agenda_source"] == "topics" and data["items"]
    bad = tmp_path / "bad.vtt"
    bad.write_text("WEBVTT\n\n00:00:01.000 -> 00:00:02.000\nhei\n", encoding="utf-8")
    assert main(["summarize", str(bad)]) != 0
    assert "bad.vtt: line 3" in capsys.readouterr().err
