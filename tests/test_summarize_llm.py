"""Summarize with a model, through the real OpenAIChat adapter against the scripted fake
server: JSON per segment, validation with one re-ask, turn ranges checked, map-reduce for a
segment over the token budget, and fallback/errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.errors import ModelOutputInvalid, ModelUnavailable
from service.openai_adapter import OpenAIChat
from service.settings import Settings
from service.summarize.flow import summarize_transcript
from service.summarize.llm import windows
from service.summarize.schema import SummaryRequest
from service.transcripts import parse_transcript
from tests.fakes.openai_server import FakeOpenAI, Reply

SEED = Path(__file__).resolve().parent.parent / "samples" / "transcripts" / "seed-kg"
TEXT = (SEED / "eldreradet-2026-03-11.txt").read_text(encoding="utf-8")
AGENDA = (SEED / "eldreradet-2026-03-11-sakskart.txt").read_text(encoding="utf-8")
SETTINGS = Settings(llm_model="fake-model")


def chat(fake: FakeOpenAI) -> OpenAIChat:
    return OpenAIChat(model="fake-model", base_url=fake.base_url, api_key="k", timeout=5)


def ranges(agenda: str = AGENDA, text: str = TEXT) -> list[tuple[int, int]]:
    offline = summarize_transcript(SummaryRequest(transcript=text, agenda=agenda), llm=None,
                                   settings=SETTINGS)
    return [i.turns for i in offline.items if i.turns is not None]


def draft(first: int, last: int, label: str) -> str:
    return json.dumps({"bullets": [{"text": f"{label}: bred enighet", "turns": [first, last]}],
                       "decisions": [{"text": f"{label} vedtatt", "turns": [last, last]}],
                       "actions": [{"text": "sender søknaden", "owner": "Anita", "turns": [last, last]}]})


OVERVIEW = json.dumps({"summary": "Eldrerådet behandlet fem saker og fattet vedtak i alle."})


def test_llm_mode_drafts_each_segment(fake_openai: FakeOpenAI) -> None:
    spans = ranges()
    fake_openai.script(*[draft(a, b, f"sak {n}") for n, (a, b) in enumerate(spans, 1)], OVERVIEW)
    r = summarize_transcript(SummaryRequest(transcript=TEXT, agenda=AGENDA), llm=chat(fake_openai),
                             settings=SETTINGS)
    assert r.mode == "llm" and r.prompt_hash
    assert r.summary == "Eldrerådet behandlet fem saker og fattet vedtak i alle."
    assert [i.bullets[0].text for i in r.items][:2] == ["sak 1: bred enighet", "sak 2: bred enighet"]
    assert r.items[0].actions[0].text == "Anita: sender søknaden"
    assert "## PS 1/26 Malm legekontor" in r.markdown and "Oppsummering av innspill og konklusjon:" in r.markdown
    bodies = [q["body"] for q in fake_openai.requests]
    assert len(bodies) == len(spans) + 1
    assert all(b["response_format"]["type"] == "json_schema" for b in bodies)
    first_user = bodies[0]["messages"][1]["content"]
    assert f"[{spans[0][0]}] Kari Helene Alstad:" in first_user and "<transcript>" in first_user
    assert "Norwegian bokmål" in bodies[0]["messages"][0]["content"]


def test_malformed_json_is_re_asked_once(fake_openai: FakeOpenAI) -> None:
    spans = ranges()
    fake_openai.script("{not json", *[draft(a, b, "x") for a, b in spans], OVERVIEW)
    r = summarize_transcript(SummaryRequest(transcript=TEXT, agenda=AGENDA), llm=chat(fake_openai),
                             settings=SETTINGS)
    assert r.mode == "llm" and len(fake_openai.requests) == len(spans) + 2
    retry = fake_openai.requests[1]["body"]["messages"]
    assert retry[-2] == {"role": "assistant", "content": "{not json"}
    assert retry[-1]["content"].startswith("That reply was invalid")


def test_turns_outside_the_segment_fail_after_one_re_ask(fake_openai: FakeOpenAI) -> None:
    bad = draft(900, 901, "x")
    fake_openai.script(bad, bad)
    with pytest.raises(ModelOutputInvalid) as err:
        summarize_transcript(SummaryRequest(transcript=TEXT, agenda=AGENDA), llm=chat(fake_openai),
                             settings=SETTINGS)
    assert err.value.attempts == 2 and err.value.raw == bad
    assert "turn ranges must lie within" in fake_openai.requests[1]["body"]["messages"][-1]["content"]


def test_overview_longer_than_max_words_is_re_asked(fake_openai: FakeOpenAI) -> None:
    spans = ranges()
    long = json.dumps({"summary": "ord " * 60})
    fake_openai.script(*[draft(a, b, "x") for a, b in spans], long, OVERVIEW)
    r = summarize_transcript(SummaryRequest(transcript=TEXT, agenda=AGENDA, max_words=40),
                             llm=chat(fake_openai), settings=SETTINGS)
    assert r.summary == json.loads(OVERVIEW)["summary"]
    assert "at most 40" in fake_openai.requests[-1]["body"]["messages"][-1]["content"]


def test_long_segment_is_map_reduced_without_dropping_turns(fake_openai: FakeOpenAI) -> None:
    text = (SEED / "kg-2026-04-16.vtt").read_text(encoding="utf-8")
    agenda = "3. Samarbeid om politisk påvirkning - tiltak"
    turns = parse_transcript(text).turns
    parts = windows(turns, 400)
    assert len(parts) >= 3
    fake_openai.script(*[draft(p[0].index, p[-1].index, f"del {n}") for n, p in enumerate(parts)],
                       draft(0, turns[-1].index, "samlet"), OVERVIEW)
    seen: list[tuple[int, int, str]] = []
    r = summarize_transcript(SummaryRequest(transcript=text, agenda=agenda), llm=chat(fake_openai),
                             settings=SETTINGS, budget_tokens=400,
                             progress=lambda done, total, label: seen.append((done, total, label)))
    assert len(fake_openai.requests) == len(parts) + 2
    assert r.items[0].bullets[0].text == "samlet: bred enighet"
    assert r.items[0].turns == (0, turns[-1].index)
    sent = " ".join(q["body"]["messages"][1]["content"] for q in fake_openai.requests[:len(parts)])
    assert all(t.text in sent for t in turns)  # every turn went to the model, none truncated
    merge = fake_openai.requests[len(parts)]["body"]["messages"]
    assert "partial drafts" in merge[0]["content"] and "del 0: bred enighet" in merge[1]["content"]
    assert (len(parts), len(parts), f"{r.items[0].title}: part {len(parts)}/{len(parts)}") in seen


def test_model_down_falls_back_offline_only_when_allowed(fake_openai: FakeOpenAI) -> None:
    req = SummaryRequest(transcript=TEXT, agenda=AGENDA)
    fake_openai.default = Reply(status=500, content="down")
    with pytest.raises(ModelUnavailable):
        summarize_transcript(req, llm=chat(fake_openai), settings=SETTINGS)
    r = summarize_transcript(req, llm=chat(fake_openai),
                             settings=Settings(llm_model="fake-model", llm_fallback=True))
    assert r.mode == "offline" and r.items[0].bullets
    assert any("drafted offline" in w for w in r.warnings)


def test_api_maps_invalid_model_output_to_502(fake_openai: FakeOpenAI, tmp_path: Path, embedder) -> None:  # noqa: ANN001
    from fastapi.testclient import TestClient

    from service.api.app import create_app

    fake_openai.default = Reply(content="not json at all")
    app = create_app(Settings(data_dir=tmp_path, llm_model="fake-model"), llm=chat(fake_openai),
                     embedder=embedder)
    resp = TestClient(app).post("/v1/summaries", json={"transcript": TEXT, "agenda": AGENDA})
    assert resp.status_code == 502
    assert resp.json()["error"]["type"] == "model_output_invalid"
