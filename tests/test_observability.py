"""Request ids, /metrics, /healthz and /readyz, and the offline /docs, over a real server."""

from __future__ import annotations

import re

import httpx

from service.api.app import create_app
from service.openai_adapter import OpenAIChat
from service.settings import Settings
from tests.conftest import SAMPLES, fake_model
from tests.live import serve

SMALL = SAMPLES / "steinkjer-ungdomsradet-2026-01-20.txt"


def test_request_ids_go_in_and_out(tmp_path, embedder) -> None:  # noqa: ANN001
    with serve(create_app(Settings(data_dir=tmp_path), embedder=embedder)) as url:
        given = httpx.get(f"{url}/healthz", headers={"X-Request-ID": "abc-123"})
        assert given.headers["x-request-id"] == "abc-123"
        made = httpx.get(f"{url}/finnes-ikke")
        assert re.fullmatch(r"[0-9a-f]{32}", made.headers["x-request-id"])
        forged = httpx.get(f"{url}/healthz", headers={"X-Request-ID": "x\" injected=1"})
        assert forged.headers["x-request-id"] != "x\" injected=1"


def test_metrics_count_requests_model_calls_tokens_cost_and_ingests(tmp_path, embedder,
                                                                    fake_openai) -> None:  # noqa: ANN001
    fake_openai.script('{"action_items": [], "decisions": []}')
    llm = fake_model(fake_openai.base_url)
    settings = Settings(data_dir=tmp_path, llm_model="fake", llm_prices={"fake": (2.0, 8.0)})
    with serve(create_app(settings, llm=llm, embedder=embedder)) as url:
        r = httpx.post(f"{url}/v1/meetings", timeout=60,
                       files={"file": (SMALL.name, SMALL.read_bytes(), "text/plain")})
        assert r.status_code == 201
        extracted = httpx.post(f"{url}/v1/extract", timeout=30,
                               json={"text": "1. Budsjett\nVedtak: Budsjettet godkjennes."})
        assert extracted.json()["mode"] == "llm"
        httpx.post(f"{url}/v1/ask", json={"question": ""})
        httpx.get(f"{url}/finnes-ikke")
        text = httpx.get(f"{url}/metrics").text
    assert 'referat_http_requests_total{method="POST",route="/v1/ask",status="422"} 1' in text
    assert 'referat_http_requests_total{method="GET",route="unmatched",status="404"} 1' in text
    assert 'referat_http_request_duration_seconds_count{method="POST",route="/v1/extract"} 1' in text
    assert 'referat_model_calls_total{model="fake",outcome="ok"} 1' in text
    assert 'referat_model_tokens_total{model="fake",kind="prompt"} 10' in text
    assert 'referat_model_tokens_total{model="fake",kind="completion"} 5' in text
    assert 'referat_model_cost_usd_total{model="fake"} 6e-05' in text  # 10*2/1e6 + 5*8/1e6
    assert 'referat_ingest_total{status="added"} 1' in text
    assert "referat_ingest_duration_seconds_count 1" in text
    assert "referat_index_generation 1" in text and "referat_meetings 1" in text


def test_healthz_is_liveness_and_readyz_tells_the_model_is_down(tmp_path, embedder,
                                                                fake_openai) -> None:  # noqa: ANN001
    up = fake_model(fake_openai.base_url)
    down = OpenAIChat(model="fake", base_url="http://127.0.0.1:9/v1", api_key=None, timeout=1)
    with serve(create_app(Settings(data_dir=tmp_path, llm_model="fake"), llm=up,
                          embedder=embedder)) as url:
        ready = httpx.get(f"{url}/readyz")
        assert ready.status_code == 200 and ready.json()["mode"] == "llm"
    with serve(create_app(Settings(data_dir=tmp_path, llm_model="fake"), llm=down,
                          embedder=embedder)) as url:
        health = httpx.get(f"{url}/healthz").json()
        assert health["status"] == "ok" and "mode" not in health  # no claim about the model
        r = httpx.get(f"{url}/readyz", timeout=10)
        assert r.status_code == 503
        assert r.json()["error"] == {"type": "not_ready",
                                     "message": "not ready: model: cannot reach the model server"}
    with serve(create_app(Settings(data_dir=tmp_path, llm_model="fake", llm_fallback=True),
                          llm=down, embedder=embedder)) as url:
        degraded = httpx.get(f"{url}/readyz", timeout=10).json()
        assert degraded["mode"] == "extractive" and "cannot reach" in degraded["degraded"]
    with serve(create_app(Settings(data_dir=tmp_path), embedder=embedder)) as url:
        assert httpx.get(f"{url}/readyz").json() == {"status": "ready", "mode": "extractive",
                                                     "index": "ok", "model": "not configured"}


def test_docs_load_without_a_cdn(tmp_path, embedder) -> None:  # noqa: ANN001
    with serve(create_app(Settings(data_dir=tmp_path), embedder=embedder)) as url:
        page = httpx.get(f"{url}/docs").text
        assert "cdn." not in page and "https://" not in page.split("<body>")[0]
        assets = re.findall(r'(?:src|href)="([^"]+)"', page)
        assert {a.rsplit("/", 1)[-1] for a in assets} >= {"swagger-ui-bundle.js", "swagger-ui.css"}
        for asset in assets:
            r = httpx.get(url + asset)
            assert r.status_code == 200 and len(r.content) > 1000, asset
        bundle = httpx.get(f"{url}/docs/assets/swagger-ui-bundle.js").text
        assert "isOAS31" in bundle  # Swagger UI 5: renders FastAPI's OpenAPI 3.1
