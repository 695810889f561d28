"""Shared fixtures. Model requests may only go to the loopback fake: a forgotten key or
base URL in the environment can never turn the suite into live calls.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import service.openai_adapter as adapter
from tests.fakes.openai_server import FakeOpenAI

adapter.ALLOW_BASE_URL = lambda url: bool(url) and str(url).startswith("http://127.0.0.1:")
for _key in [k for k in os.environ if k.startswith("REFERAT_")]:
    del os.environ[_key]

ROOT = Path(__file__).resolve().parent.parent
# No test here waits on the model's timeout; 2 s flaked on a core shared with an ingest.
FAKE_MODEL_TIMEOUT = 10.0


def fake_model(base_url: str) -> adapter.OpenAIChat:
    """The real client, talking to the scripted fake."""
    return adapter.OpenAIChat(model="fake", base_url=base_url, api_key=None,
                              timeout=FAKE_MODEL_TIMEOUT)


SAMPLES = ROOT / "samples" / "minutes"


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def embedder():  # noqa: ANN201
    from index.embed import LocalMiniLM

    return LocalMiniLM()


def make_services(data_dir: Path, embedder, **overrides):  # noqa: ANN001, ANN201
    from service.settings import Settings
    from service.wiring import build_services

    settings = Settings(data_dir=data_dir, **overrides)
    return build_services(settings, embedder=embedder, llm=overrides.pop("llm", None))


@pytest.fixture(scope="session")
def indexed_dir(tmp_path_factory: pytest.TempPathFactory, embedder) -> Path:  # noqa: ANN001
    """A data dir with every sample minutes file ingested once for the session (read-only)."""
    from service.meetings import ingest_upload

    data_dir = tmp_path_factory.mktemp("indexed")
    services = make_services(data_dir, embedder)
    for path in sorted(SAMPLES.glob("*.txt")):
        ingest_upload(path.read_bytes(), filename=path.name, services=services)
    return data_dir


@pytest.fixture(scope="module")
def minutes_client(tmp_path_factory: pytest.TempPathFactory, embedder):  # noqa: ANN001, ANN201
    """`make({"file name.txt": text, ...})`: a client of a fresh app over those made-up
    minutes, each uploaded through POST /v1/meetings as a user would."""
    from fastapi.testclient import TestClient

    from service.api.app import create_app
    from service.settings import Settings

    def make(files: dict[str, str]) -> TestClient:
        client = TestClient(create_app(Settings(data_dir=tmp_path_factory.mktemp("minutes")),
                                       embedder=embedder))
        for name, text in files.items():
            resp = client.post("/v1/meetings", files={"file": (name, text.encode(), "text/plain")})
            assert resp.status_code == 201, resp.text
        return client

    return make
