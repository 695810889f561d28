"""Access control through every endpoint: keys and roles, the visibility of meetings (a
public-only key never sees an internal meeting's text or existence), cross-site writes,
CORS and the rate limit. The app runs in a real uvicorn server on loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from service.api.app import create_app
from service.api.security import hash_key
from service.settings import Settings
from tests.conftest import SAMPLES, fake_model
from tests.fakes.openai_server import FakeOpenAI
from tests.live import serve

INTERNAL = SAMPLES / "osloregionen-kg-2026-04-16.txt"
PUBLIC = SAMPLES / "steinkjer-eldreradet-2026-03-11.txt"
KEYS = {name: f"secret-{name}" for name in
        ("reader", "reader_all", "editor", "editor_public", "admin")}
ROLES = {"reader": ("reader", "public"), "reader_all": ("reader", "all"),
         "editor": ("editor", "all"), "editor_public": ("editor", "public"),
         "admin": ("admin", "all")}
QUESTION = "Hva ble konkludert om Rikstunnelen?"


def keys_json() -> str:
    return json.dumps([{"name": n, "sha256": hash_key(KEYS[n]), "role": r, "scope": s}
                       for n, (r, s) in ROLES.items()])


def h(name: str, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {KEYS[name]}", **extra}


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def site(tmp_path_factory, embedder, fake) -> Iterator[dict[str, str]]:  # noqa: ANN001
    settings = Settings(data_dir=tmp_path_factory.mktemp("access"), api_keys=keys_json(),
                        llm_model="fake", llm_fallback=True,
                        cors_origins=["https://intranett.example"], rate_limit_per_minute=0)
    llm = fake_model(fake.base_url)
    with serve(create_app(settings, embedder=embedder, llm=llm)) as url:
        ids = {}
        for path, visibility in ((INTERNAL, "internal"), (PUBLIC, "public")):
            r = httpx.post(f"{url}/v1/meetings", headers=h("editor"), data={"visibility": visibility},
                           files={"file": (path.name, path.read_bytes(), "text/plain")}, timeout=60)
            assert r.status_code == 201, r.text
            assert r.json()["visibility"] == visibility
            ids[visibility] = r.json()["meeting_id"]
        yield {"url": url, **ids}


def leaks(site: dict[str, str], text: str) -> bool:
    """Whether a response carries the internal meeting: its id, date or its words."""
    return any(s in text for s in (site["internal"], "16.04.2026", "2026-04-16", "Rikstunnel"))


def test_no_key_is_401_and_probes_stay_open(site) -> None:
    url = site["url"]
    for method, path in (("GET", "/v1/meetings"), ("POST", "/v1/ask"), ("POST", "/v1/extract"),
                         ("POST", "/v1/summaries"), ("DELETE", f"/v1/meetings/{site['public']}"),
                         ("GET", "/metrics")):
        r = httpx.request(method, url + path, json={})
        assert r.status_code == 401 and r.json()["error"]["type"] == "unauthorized", path
    bad = httpx.get(f"{url}/v1/meetings", headers={"X-API-Key": "guess"})
    assert bad.status_code == 401
    for path in ("/healthz", "/readyz", "/docs", "/openapi.json"):
        assert httpx.get(url + path).status_code == 200, path


def test_roles(site) -> None:
    url = site["url"]
    files = {"file": (PUBLIC.name, PUBLIC.read_bytes(), "text/plain")}
    assert httpx.post(f"{url}/v1/meetings", headers=h("reader_all"), files=files).status_code == 403
    r = httpx.delete(f"{url}/v1/meetings/{site['public']}", headers=h("reader_all"))
    assert r.status_code == 403 and "editor" in r.json()["error"]["message"]
    assert httpx.get(f"{url}/metrics", headers=h("editor")).status_code == 403
    assert httpx.get(f"{url}/metrics", headers=h("admin")).status_code == 200
    assert httpx.get(f"{url}/v1/meetings", headers={"X-API-Key": KEYS["reader"]}).status_code == 200


def test_meeting_list_shows_visibility_and_hides_internal(site) -> None:
    url = site["url"]
    everything = httpx.get(f"{url}/v1/meetings", headers=h("reader_all")).json()
    assert {m["meeting_id"]: m["visibility"] for m in everything} == {
        site["internal"]: "internal", site["public"]: "public"}
    public = httpx.get(f"{url}/v1/meetings", headers=h("reader"))
    assert [m["meeting_id"] for m in public.json()] == [site["public"]]
    assert not leaks(site, public.text)


def test_ask_plain_and_streamed_never_carry_internal_text(site, fake) -> None:
    url = site["url"]
    full = httpx.post(f"{url}/v1/ask", headers=h("reader_all"), json={"question": QUESTION},
                      timeout=30)
    assert full.json()["citations"][0]["meeting_id"] == site["internal"]  # the key decides
    fake.requests.clear()
    for stream in (False, True):
        r = httpx.post(f"{url}/v1/ask", headers=h("reader"), timeout=30,
                       json={"question": QUESTION, "stream": stream})
        assert r.status_code == 200 and not leaks(site, r.text.replace(QUESTION, ""))
        broad = httpx.post(f"{url}/v1/ask", headers=h("reader"), timeout=30,
                           json={"question": "Hva ble vedtatt om budsjett og møteplan?",
                                 "stream": stream, "top_k": 50})
        assert broad.status_code == 200 and not leaks(site, broad.text)
    # Nothing of the internal meeting was even sent to the model.
    assert not any(leaks(site, json.dumps(q["body"]).replace(QUESTION, "")) for q in fake.requests)


def test_internal_meeting_ids_get_the_404_of_unknown_ones(site) -> None:
    url = site["url"]

    unknown_id = "finnes-ikke"

    def answer(method: str, path: str, body: dict[str, object], meeting_id: str) -> tuple[int, str]:
        r = httpx.request(method, url + path.replace("MID", meeting_id), headers=h("editor_public"),
                          json=json.loads(json.dumps(body).replace("MID", meeting_id)), timeout=30)
        return r.status_code, r.text.replace(meeting_id, "ID")

    for method, path, body in (("POST", "/v1/ask", {"question": QUESTION, "meeting_ids": ["MID"]}),
                               ("POST", "/v1/extract", {"meeting_id": "MID"}),
                               ("DELETE", "/v1/meetings/MID", {})):
        hidden = answer(method, path, body, site["internal"])
        unknown = answer(method, path, body, unknown_id)
        assert hidden[0] == 404 and hidden == unknown, (path, hidden, unknown)
    listed = httpx.get(f"{url}/v1/meetings", headers=h("reader_all")).json()
    assert site["internal"] in {m["meeting_id"] for m in listed}  # still there


def test_extract_and_summaries_for_a_public_key(site) -> None:
    url = site["url"]
    r = httpx.post(f"{url}/v1/extract", headers=h("reader"), timeout=30,
                   json={"meeting_id": site["public"], "mode": "rules"})
    assert r.status_code == 200 and r.json()["meeting_id"] == site["public"]
    assert not leaks(site, r.text)
    s = httpx.post(f"{url}/v1/summaries", headers=h("reader"), timeout=30,
                   json={"transcript": "Ola: Vi starter møtet.\nKari: Budsjettet er vedtatt.",
                         "mode": "offline"})
    assert s.status_code == 200


def test_a_public_editor_cannot_upload_internal_nor_replace_an_internal_meeting(site, tmp_path) -> None:
    url = site["url"]
    files = {"file": (INTERNAL.name, INTERNAL.read_bytes(), "text/plain")}
    r = httpx.post(f"{url}/v1/meetings", headers=h("editor_public"), files=files,
                   data={"visibility": "internal"})
    assert r.status_code == 403
    changed = INTERNAL.read_bytes() + b"\nTillegg: endret.\n"
    r = httpx.post(f"{url}/v1/meetings", headers=h("editor_public"), data={"visibility": "public"},
                   files={"file": (INTERNAL.name, changed, "text/plain")}, timeout=60)
    assert r.status_code == 403, r.text
    same = httpx.post(f"{url}/v1/meetings", headers=h("editor_public"), data={"visibility": "public"},
                      files=files, timeout=60)
    assert same.status_code == 403  # an unchanged re-upload cannot publish it either
    listed = httpx.get(f"{url}/v1/meetings", headers=h("reader_all")).json()
    assert {m["meeting_id"]: m["visibility"] for m in listed}[site["internal"]] == "internal"


def test_cross_site_writes_are_refused(site) -> None:
    url = site["url"]
    for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"},
                    {"Origin": "null"}):
        r = httpx.delete(f"{url}/v1/meetings/x", headers=h("editor", **headers))
        assert r.status_code == 403 and "cross-site" in r.json()["error"]["message"]
        r = httpx.post(f"{url}/v1/ask", headers=h("reader", **headers), json={"question": "x"})
        assert r.status_code == 403
        r = httpx.post(f"{url}/v1/meetings", headers=h("editor", **headers),
                       files={"file": ("t.txt", b"tull\n", "text/plain")})
        assert r.status_code == 403  # a web page cannot make a browser upload
    same = httpx.post(f"{url}/v1/ask", json={"question": "Rikstunnelen?"},
                      headers=h("reader", Origin=url, **{"Sec-Fetch-Site": "same-origin"}))
    assert same.status_code == 200
    allowed = httpx.post(f"{url}/v1/ask", json={"question": "Rikstunnelen?"},
                         headers=h("reader", Origin="https://intranett.example",
                                   **{"Sec-Fetch-Site": "cross-site"}))
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://intranett.example"


def test_cors_is_off_for_unlisted_origins(site) -> None:
    r = httpx.options(f"{site['url']}/v1/ask", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in r.headers


def test_without_cors_origins_no_cors_headers(tmp_path, embedder) -> None:  # noqa: ANN001
    with serve(create_app(Settings(data_dir=tmp_path), embedder=embedder)) as url:
        r = httpx.get(f"{url}/v1/meetings", headers={"Origin": "https://intranett.example"})
        assert r.status_code == 200 and "access-control-allow-origin" not in r.headers


def test_rate_limit_per_key_answers_429_with_retry_after(tmp_path, embedder) -> None:  # noqa: ANN001
    settings = Settings(data_dir=tmp_path, api_keys=keys_json(), rate_limit_per_minute=6,
                        rate_limit_burst=3)
    with serve(create_app(settings, embedder=embedder)) as url:
        codes = [httpx.get(f"{url}/v1/meetings", headers=h("reader")).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        r = httpx.get(f"{url}/v1/meetings", headers=h("reader"))
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert "REFERAT_RATE_LIMIT_PER_MINUTE" in r.json()["error"]["message"]
        # Another key has its own bucket.
        assert httpx.get(f"{url}/v1/meetings", headers=h("reader_all")).status_code == 200


def test_bad_key_files_stop_start_up(tmp_path) -> None:
    with pytest.raises(ValueError, match="REFERAT_API_KEYS"):
        create_app(Settings(data_dir=tmp_path, api_keys='[{"name": "x", "sha256": "short"}]'))
    toml = tmp_path / "keys.toml"
    toml.write_text(f'[[keys]]\nname = "t"\nsha256 = "{hash_key("k")}"\nrole = "admin"\n')
    from service.api.security import load_keys

    assert load_keys(str(toml))[hash_key("k")].role == "admin"
