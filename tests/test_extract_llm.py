"""The model path through the real OpenAIChat against the scripted OpenAI-compatible fake:
structured output, one repair round, JSON-mode fallback, evidence check, per-item batches."""

from __future__ import annotations

import json

import pytest

from index.parse_minutes import parse_minutes
from service.errors import ModelOutputInvalid
from service.extract.flow import extract_from_meeting
from service.extract.llm import batches, extract_with_llm, sections
from service.openai_adapter import OpenAIChat
from tests.conftest import SAMPLES
from tests.fakes.openai_server import FakeOpenAI, Reply

MINUTES = """Referat fra møte i arbeidsutvalget

Tid: 16. april 2026 kl. 09.00-10.00

Sted: Teams

1. Godkjenning av innkalling

Godkjennes

2. Toppforum

Sekretariatet skal sende invitasjonen til alle ordførerne før Toppforum 28. mai.
"""
ACTION = {"owner": "Sekretariatet", "task": "sende invitasjonen til ordførerne",
          "due": "før Toppforum 28. mai", "item": "2",
          "evidence": "Sekretariatet skal sende invitasjonen til alle ordførerne"}
DECISION = {"item": "1", "status": "godkjent", "text": "Godkjennes", "evidence": "Godkjennes"}


def answer(actions: list[dict] | None = None, decisions: list[dict] | None = None) -> str:
    return json.dumps({"action_items": actions if actions is not None else [ACTION],
                       "decisions": decisions if decisions is not None else [DECISION]},
                      ensure_ascii=False)


@pytest.fixture
def chat(fake_openai: FakeOpenAI) -> OpenAIChat:
    return OpenAIChat(model="fake", base_url=fake_openai.base_url, api_key=None, timeout=5)


def meeting():  # noqa: ANN201
    return parse_minutes(MINUTES, source_file="au.txt")


def test_structured_output_is_validated_and_dates_resolved(fake_openai: FakeOpenAI, chat: OpenAIChat) -> None:
    fake_openai.script(answer())
    result = extract_from_meeting(meeting(), llm=chat)
    assert result.mode == "llm" and result.dropped == 0 and len(result.prompt_hash or "") == 12
    [action] = result.action_items
    assert action.owner == "Sekretariatet" and action.due == "2026-05-28"  # words → ISO
    assert [(d.item, d.status) for d in result.decisions] == [("1", "godkjent")]
    [request] = fake_openai.requests
    fmt = request["body"]["response_format"]
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["schema"]["$defs"]["ActionItem"]["properties"]["item"]["enum"] == ["1", "2"]
    user = request["body"]["messages"][-1]["content"]
    assert "### Sak 2: Toppforum" in user and "2026-04-16" in user


def test_an_invented_evidence_quote_is_dropped_and_counted(fake_openai: FakeOpenAI, chat: OpenAIChat) -> None:
    invented = {**ACTION, "task": "bestille lokale", "evidence": "Sekretariatet bestiller lokale til Toppforum"}
    fake_openai.script(answer([ACTION, invented]))
    result = extract_from_meeting(meeting(), llm=chat)
    assert [a.task for a in result.action_items] == [ACTION["task"]]
    assert result.dropped == 1


def test_invalid_json_gets_one_repair_round(fake_openai: FakeOpenAI, chat: OpenAIChat) -> None:
    fake_openai.script('Her er svaret: {"action_items": [', answer())
    result = extract_from_meeting(meeting(), llm=chat)
    assert len(result.action_items) == 1
    first, second = fake_openai.requests
    repair = second["body"]["messages"]
    assert repair[:-2] == first["body"]["messages"]
    assert repair[-2] == {"role": "assistant", "content": 'Her er svaret: {"action_items": ['}
    assert "not valid JSON" in repair[-1]["content"]


def test_code_fences_around_json_are_accepted(fake_openai: FakeOpenAI, chat: OpenAIChat) -> None:
    fake_openai.script(f"```json\n{answer()}\n```")
    assert len(extract_from_meeting(meeting(), llm=chat).action_items) == 1
    assert len(fake_openai.requests) == 1


def test_a_schema_violation_twice_raises_with_the_raw_output(fake_openai: FakeOpenAI, chat: OpenAIChat) -> None:
    bad_status = answer(decisions=[{**DECISION, "status": "approved"}])
    no_evidence = answer(actions=[{k: v for k, v in ACTION.items() if k != "evidence"}])
    fake_openai.script(bad_status, no_evidence)
    with pytest.raises(ModelOutputInvalid) as info:
        extract_from_meeting(meeting(), llm=chat)
    assert info.value.attempts == 2 and info.value.raw == no_evidence and info.value.status == 502
    assert "decisions.0.status" in fake_openai.requests[1]["body"]["messages"][-1]["content"]


def test_an_item_number_outside_the_batch_is_repaired(fake_openai: FakeOpenAI, chat: OpenAIChat) -> None:
    fake_openai.script(answer([{**ACTION, "item": "7"}]), answer())
    result = extract_from_meeting(meeting(), llm=chat)
    assert [a.item for a in result.action_items] == ["2"]
    assert "unknown item numbers ['7']" in fake_openai.requests[1]["body"]["messages"][-1]["content"]


def test_servers_without_json_schema_get_json_mode(fake_openai: FakeOpenAI, chat: OpenAIChat) -> None:
    fake_openai.script(Reply(content=answer(), reject_json_schema=True))
    result = extract_from_meeting(meeting(), llm=chat)
    assert len(result.action_items) == 1
    kinds = [r["body"]["response_format"]["type"] for r in fake_openai.requests]
    assert kinds == ["json_schema", "json_object"]
    assert '"action_items"' in fake_openai.requests[1]["body"]["messages"][0]["content"]  # schema in prompt


def test_long_minutes_go_per_item_batch_and_merge(fake_openai: FakeOpenAI, chat: OpenAIChat) -> None:
    seed = parse_minutes((SAMPLES / "osloregionen-kg-2026-04-16.txt").read_text(), source_file="seed")

    def reply_for(request_items: list[str]) -> str:
        decisions = [{"item": "1", "status": "godkjent", "text": "Godkjennes", "evidence": "Godkjennes"}]
        actions = [{"owner": "Sekretariatet", "task": "ta opp samordning av møteplaner", "due": "neste møte i KG",
                    "item": "5", "evidence": "derfor tas det opp som egen sak"}]
        return answer([a for a in actions if a["item"] in request_items],
                      [d for d in decisions if d["item"] in request_items])

    planned = batches(sections(seed), batch_chars=3000)
    fake_openai.script(*[reply_for([s.number for s in batch]) for batch in planned])
    extraction, prompt_hash = extract_with_llm(seed, chat, batch_chars=3000)
    assert len(fake_openai.requests) == len(planned) > 2 and len(prompt_hash) == 12
    sent = [n for r in fake_openai.requests
            for n in r["body"]["response_format"]["json_schema"]["schema"]["$defs"]["Decision"]
            ["properties"]["item"]["enum"]]
    assert sent == [i.number for i in seed.items] + ["17", "19", "20", "21", "23"]  # each once, in order
    assert [a.item for a in extraction.action_items] == ["5"]
    assert [d.item for d in extraction.decisions] == ["1"]
