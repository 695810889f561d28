"""The real `openai` client against the scripted loopback server."""

import pytest

import service.openai_adapter as adapter
from service.errors import ModelUnavailable
from service.llm import Message
from service.openai_adapter import OpenAIChat, OpenAIEmbedder
from tests.fakes.openai_server import Reply

MESSAGES = [Message(role="user", content="hei")]


def test_complete_returns_text_usage_and_sends_the_model(fake_openai) -> None:
    fake_openai.script("Svar [sak 7, 16.04.2026]")
    llm = OpenAIChat(model="m1", base_url=fake_openai.base_url, api_key="k")
    out = llm.complete(MESSAGES)
    assert out.text == "Svar [sak 7, 16.04.2026]"
    assert out.usage.total_tokens == 15
    assert fake_openai.requests[0]["body"]["model"] == "m1"
    assert fake_openai.requests[0]["body"]["messages"] == [{"role": "user", "content": "hei"}]


def test_json_schema_falls_back_to_json_mode_when_the_server_rejects_it(fake_openai) -> None:
    fake_openai.script(Reply(content='{"a": 1}', reject_json_schema=True))
    llm = OpenAIChat(model="m", base_url=fake_openai.base_url, api_key=None)
    out = llm.complete(MESSAGES, json_schema={"type": "object"})
    assert out.text == '{"a": 1}'
    formats = [r["body"]["response_format"]["type"] for r in fake_openai.requests]
    assert formats == ["json_schema", "json_object"]


def test_stream_yields_deltas_in_order(fake_openai) -> None:
    fake_openai.script("en to tre")
    llm = OpenAIChat(model="m", base_url=fake_openai.base_url, api_key=None)
    assert "".join(llm.stream(MESSAGES)) == "en to tre"


@pytest.mark.parametrize("status", [500, 503, 401, 429])
def test_server_errors_become_model_unavailable(fake_openai, status) -> None:
    fake_openai.script(*[Reply(status=status)] * 3)
    llm = OpenAIChat(model="m", base_url=fake_openai.base_url, api_key=None)
    with pytest.raises(ModelUnavailable):
        llm.complete(MESSAGES)


def test_timeout_becomes_model_unavailable(fake_openai) -> None:
    fake_openai.script(*[Reply(content="late", delay=1.5)] * 2)
    llm = OpenAIChat(model="m", base_url=fake_openai.base_url, api_key=None, timeout=0.3)
    with pytest.raises(ModelUnavailable, match="timed out"):
        llm.complete(MESSAGES)


def test_unreachable_server_becomes_model_unavailable() -> None:
    llm = OpenAIChat(model="m", base_url="http://127.0.0.1:9/v1", api_key=None, timeout=1)
    with pytest.raises(ModelUnavailable, match="cannot reach"):
        llm.complete(MESSAGES)


def test_embeddings_keep_input_order(fake_openai) -> None:
    emb = OpenAIEmbedder(model="e", base_url=fake_openai.base_url, api_key=None, batch_size=2)
    vectors = emb.embed(["a", "b", "c"])
    assert len(vectors) == 3 and vectors[0] != vectors[1]
    assert emb.embed(["c"])[0] == vectors[2]


def test_requests_to_non_loopback_hosts_are_refused_in_tests() -> None:
    assert adapter.ALLOW_BASE_URL is not None
    with pytest.raises(RuntimeError, match="not allowed"):
        OpenAIChat(model="m", base_url="https://api.openai.com/v1", api_key="sk-x")
