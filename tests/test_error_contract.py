"""One error shape for everything, ours and the framework's, documented in OpenAPI; and
the request limits, each refusal naming its limit. Over a real uvicorn server on loopback."""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from service.api.app import create_app
from service.settings import Settings
from tests.live import serve

LIMIT = 300_000


@pytest.fixture(scope="module")
def url(tmp_path_factory, embedder) -> Iterator[str]:  # noqa: ANN001
    settings = Settings(data_dir=tmp_path_factory.mktemp("contract"), max_request_bytes=LIMIT,
                        max_upload_bytes=200_000, max_transcript_chars=5_000,
                        max_question_chars=200, rate_limit_per_minute=0)
    with serve(create_app(settings, embedder=embedder)) as base:
        yield base


def assert_contract(r: httpx.Response, status: int) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"type", "message"}, body
    message = body["error"]["message"]
    assert not re.search(r"\b\w+(Error|Exception)\b|Traceback|https?://", message), message
    return str(message)


@pytest.mark.parametrize("method,path,kwargs,status", [
    ("POST", "/v1/ask", {"content": b"\xff", "headers": {"content-type": "application/json"}}, 400),
    ("POST", "/v1/ask", {"content": b'{"question": ', "headers": {"content-type": "application/json"}}, 400),
    ("POST", "/v1/meetings", {"content": b"--x\r\nbroken", "headers": {
        "content-type": "multipart/form-data"}}, 400),
    ("POST", "/v1/meetings", {"json": {"file": "no"}}, 422),
    ("GET", "/finnes-ikke", {}, 404),
    ("PUT", "/v1/ask", {}, 405),
    ("DELETE", "/v1/meetings/finnes-ikke", {}, 404),
    ("POST", "/v1/ask", {"json": {"question": 7}}, 422),
    ("POST", "/v1/extract", {"json": {"text": "1. Budsjett\nVedtak: Ja", "mode": "nei"}}, 422),
])
def test_every_error_has_the_contract_shape(url, method, path, kwargs, status) -> None:
    assert_contract(httpx.request(method, url + path, **kwargs), status)


def test_openapi_documents_the_error_contract_on_every_route(url) -> None:
    spec = httpx.get(f"{url}/openapi.json").json()
    assert "ErrorResponse" in spec["components"]["schemas"]
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            for status in ("400", "401", "403", "404", "413", "422", "429", "500", "503"):
                ref = op["responses"][status]["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorResponse"), (method, path, status)


def test_messages_name_no_model_server_url(tmp_path, embedder) -> None:  # noqa: ANN001
    from service.openai_adapter import OpenAIChat

    llm = OpenAIChat(model="m", base_url="http://127.0.0.1:9/v1", api_key=None, timeout=1)
    settings = Settings(data_dir=tmp_path, llm_model="m")
    with serve(create_app(settings, embedder=embedder, llm=llm)) as base:
        r = httpx.post(f"{base}/v1/extract", json={"text": "1. Budsjett\nVedtak: Godkjent budsjett"},
                       timeout=10)
        message = assert_contract(r, 503)
        assert "127.0.0.1" not in message and ":9" not in message


# -- limits ---------------------------------------------------------------------------
def test_a_declared_oversize_body_is_refused_before_it_is_read(url) -> None:
    r = httpx.post(f"{url}/v1/ask", content=b"x" * (LIMIT + 1),
                   headers={"content-type": "application/json"})
    assert "REFERAT_MAX_REQUEST_BYTES" in assert_contract(r, 413)


def test_a_chunked_body_is_cut_off_while_it_is_read(url) -> None:
    """No Content-Length: the server must stop at the limit, not buffer 200 MB first."""
    host, port = urlsplit(url).hostname, urlsplit(url).port
    sock = socket.create_connection((host, port), timeout=10)
    sock.sendall(b"POST /v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 b"Transfer-Encoding: chunked\r\n\r\n")
    chunk = b"a" * 65536
    sent, started = 0, time.perf_counter()
    sock.settimeout(0.001)
    reply = b""
    try:
        while sent < 200_000_000:
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
            except (BlockingIOError, TimeoutError):
                pass
            try:
                got = sock.recv(65536)
                if got:
                    reply += got
                    break
            except (BlockingIOError, TimeoutError):
                continue
    except (BrokenPipeError, ConnectionResetError):
        pass
    sock.settimeout(5)
    try:
        while b"\r\n\r\n" not in reply or not reply.rstrip().endswith(b"}"):
            more = sock.recv(65536)
            if not more:
                break
            reply += more
    except OSError:
        pass
    sock.close()
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    assert b"payload_too_large" in reply and b"REFERAT_MAX_REQUEST_BYTES" in reply
    assert sent < 20 * LIMIT, f"sent {sent:,} bytes before the refusal"
    assert time.perf_counter() - started < 10


def test_upload_question_and_transcript_limits_name_themselves(url) -> None:
    r = httpx.post(f"{url}/v1/meetings", files={"file": ("big.txt", b"a" * 250_000, "text/plain")})
    assert "REFERAT_MAX_UPLOAD_BYTES" in assert_contract(r, 413)
    r = httpx.post(f"{url}/v1/ask", json={"question": "hva " * 100})
    assert "200" in assert_contract(r, 422)
    r = httpx.post(f"{url}/v1/summaries", json={"transcript": "Ola: hei\n" * 1000})
    assert "REFERAT_MAX_TRANSCRIPT_CHARS" in assert_contract(r, 413)
