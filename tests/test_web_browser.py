"""The web page in a real browser: Debian's chromium driven by Playwright against a real
`referat serve` on loopback with a fresh data dir. Each test saves a screenshot under
build/screenshots/. Without chromium the tests skip locally and fail in CI (CI=true):
`./scripts/test` installs it when it may (see README, "Web page").
"""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import httpx
import pytest

from tests.conftest import ROOT, SAMPLES

# Not REFERAT_-prefixed: conftest clears those so the service sees only what a test sets.
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
SHOTS = ROOT / "build" / "screenshots"
TRANSCRIPTS = ROOT / "samples" / "transcripts" / "seed-kg"
PRELOADED = ["osloregionen-kg-2026-04-16.txt", "steinkjer-formannskap-2026-01-29.txt"]
UPLOADED = "steinkjer-ungdomsradet-2026-01-20.txt"
KEY = "nokkel-for-test"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--lang=nb-NO"]


def _browser_missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install -y chromium, or REFERAT_INSTALL_BROWSER=1 ./scripts/test)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing (pip install -e '.[dev]')"
    return None


@pytest.fixture(scope="module", autouse=True)
def _need_browser() -> None:
    reason = _browser_missing()
    if reason:  # a missing browser is a failed set-up, never a silent pass
        pytest.fail(f"the browser tests cannot run: {reason}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _log_tail(path: Path, lines: int = 80) -> str:
    # Access lines say only what the status already says; warnings and tracebacks say why.
    kept = [ln for ln in path.read_text(errors="replace").splitlines() if '"level": "info"' not in ln]
    return "\n".join(kept[-lines:])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("web-data")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFERAT_")}
    env["REFERAT_DATA_DIR"] = str(data_dir)
    referat = shutil.which("referat", path=str(Path(sys.executable).parent)) or "referat"
    log = (data_dir / "server.log").open("w")
    proc = subprocess.Popen([referat, "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"referat serve did not start: {(data_dir / 'server.log').read_text()}")
            time.sleep(0.2)
        for name in PRELOADED:
            r = httpx.post(f"{base}/v1/meetings", timeout=120,
                           files={"file": (name, (SAMPLES / name).read_bytes())})
            if not r.is_success:  # the server's own account, not only httpx's status line
                log.flush()
                raise RuntimeError(f"uploading {name} gave {r.status_code} {r.text}; server log:\n"
                                   + _log_tail(data_dir / "server.log"))
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=ARGS,
            accept_downloads=True, viewport={"width": 1280, "height": 860}, locale="nb-NO")
        context.set_default_timeout(30_000)
        yield context
        context.close()


@pytest.fixture
def page(browser_context: Any, server: str) -> Iterator[Any]:
    page = browser_context.new_page()
    requests: list[Any] = []
    page.on("request", lambda r: requests.append(r))
    page.goto(f"{server}/")
    if page.locator("html").get_attribute("lang") != "nb":  # a failed test left English on
        page.evaluate("localStorage.clear()")
        page.goto(f"{server}/?lang=nb")
    page.fill("#api-key", KEY)
    page.dispatch_event("#api-key", "change")
    page.wait_for_load_state("networkidle")
    sent_before_the_key = len(requests)
    yield page
    requests = requests[sent_before_the_key:]
    # The key travels in the header of every API call, and never in a URL.
    api_calls = [r for r in requests if "/v1/" in r.url]
    assert api_calls
    assert all(r.headers.get("authorization") == f"Bearer {KEY}" for r in api_calls)
    assert not [r.url for r in requests if KEY in r.url]
    page.close()


def _shot(page: Any, name: str, **kwargs: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), **kwargs)


def test_ask_and_follow_a_citation_to_the_highlighted_quote(page: Any) -> None:
    page.fill("#question", "Hva ble konkludert om Rikstunnelen?")
    page.press("#question", "Enter")
    first = page.locator(".citations a.cite").first
    first.wait_for()
    quote = page.locator(".citations blockquote").first.inner_text()
    assert "[sak 7, 16.04.2026]" in page.locator("#answer .answer-text").inner_text()
    first.focus()  # by keyboard: Enter on the link, Escape closes, focus goes back
    page.keyboard.press("Enter")
    mark = page.locator("#panel #quote-mark")
    mark.wait_for()
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'quote-mark'")
    page.keyboard.press("Escape")
    assert page.locator("#panel").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('cite')")
    first.click()
    mark.wait_for()
    assert " ".join(mark.inner_text().split())[:40] == " ".join(quote.split())[:40]
    assert "Rikstunnelen" in page.locator("#panel-title").inner_text()
    page.wait_for_function("() => { const m = document.querySelector('#quote-mark').getBoundingClientRect();"
                           " const p = document.querySelector('#panel-body').getBoundingClientRect();"
                           " return m.top >= p.top && m.bottom <= p.bottom + 1; }")
    _shot(page, "ask-citation")
    # A second marker opens the quote written just before it, not the first one's.
    quoted = re.findall(r"«([^«»]+)»\s*\[", page.locator("#answer .answer-text").inner_text())
    if len(quoted) > 1:
        page.locator("#answer .answer-text a.cite").nth(1).click()
        page.wait_for_function("q => (document.querySelector('#quote-mark') || {}).textContent"
                               " === q", arg=quoted[1])
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#quote-mark").scroll_into_view_if_needed()
    _shot(page, "ask-citation-phone")
    page.set_viewport_size({"width": 1280, "height": 860})


def test_a_refused_question_shows_the_nearest_passages(page: Any) -> None:
    page.fill("#question", "Hva koster den nye svømmehallen i Bodø?")
    page.click("#ask-button")
    refusal = page.locator("#answer .refusal")
    refusal.wait_for()
    assert "Ikke i referatene" in refusal.inner_text()
    assert "Jeg finner ingenting om det i referatene." in refusal.inner_text()
    assert page.locator(".nearest-list a.nearest").count() >= 1
    _shot(page, "ask-refused")


def test_english_is_chosen_once_and_remembered(page: Any, server: str) -> None:
    page.click("#lang-toggle")
    page.wait_for_url("**/?lang=en*")
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto(f"{server}/#meetings")  # no ?lang: the stored choice wins
    page.wait_for_url("**/?lang=en#meetings")
    assert page.locator("#tab-meetings").inner_text() == "Meetings"
    page.fill("#api-key", KEY)
    page.dispatch_event("#api-key", "change")
    page.locator("#meeting-table tbody tr").first.wait_for()
    _shot(page, "meetings-english")
    page.click("#lang-toggle")  # back to bokmål for the tests after this one
    page.wait_for_url("**/?lang=nb*")


def test_upload_a_minutes_file_and_see_it_listed(page: Any) -> None:
    page.click("#tab-meetings")
    page.locator("#meeting-table tbody tr").first.wait_for()
    before = page.locator("#meeting-table tbody tr").count()
    # Dropped on the upload area, as a user drags it from the file manager.
    page.evaluate("""([name, text]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], name, {type: "text/plain"}));
        const zone = document.querySelector("#dropzone");
        for (const kind of ["dragenter", "dragover", "drop"]) {
          zone.dispatchEvent(new DragEvent(kind, {dataTransfer: dt, bubbles: true, cancelable: true}));
        }
    }""", [UPLOADED, (SAMPLES / UPLOADED).read_text(encoding="utf-8")])
    page.locator("#upload-list li.ok").wait_for()
    assert "Lagt til" in page.locator("#upload-list li.ok").inner_text()
    page.wait_for_function(f"() => document.querySelectorAll('#meeting-table tbody tr').length > {before}")
    assert "2026-01-20" in page.locator("#meeting-table tbody").inner_text()
    _shot(page, "meetings-upload")
    # Delete it again, after saying yes to the confirmation.
    page.locator("#meeting-table tbody tr", has_text="2026-01-20").locator("button.open").click()
    page.locator("#delete-meeting").wait_for()
    page.once("dialog", lambda d: d.accept())
    page.click("#delete-meeting")
    page.wait_for_function(f"() => document.querySelectorAll('#meeting-table tbody tr').length === {before}")
    assert "2026-01-20" not in page.locator("#meeting-table tbody").inner_text()


def test_a_rejected_file_shows_its_error(page: Any) -> None:
    page.click("#tab-meetings")
    page.set_input_files("#upload-input", files=[
        {"name": "bilde.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n" + b"0" * 64}])
    rejected = page.locator("#upload-list li.rejected")
    rejected.wait_for()
    text = rejected.inner_text()
    assert "Avvist" in text and "bilde.png" in text
    api = httpx.post(page.url.split("#")[0].split("?")[0] + "v1/meetings",
                     headers={"Authorization": f"Bearer {KEY}"},
                     files={"file": ("bilde.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)})
    assert api.json()["error"]["message"] in text  # the API's own message, word for word
    _shot(page, "meetings-rejected")


def _docx_outline(data: bytes) -> tuple[list[tuple[str, str]], list[list[list[str]]]]:
    document = docx.Document(io.BytesIO(data))
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith(("Heading", "Title"))]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return headings, tables


def test_draft_from_a_transcript_and_download_the_docx(page: Any) -> None:
    page.click("#tab-draft")
    page.set_input_files("#transcript-input", str(TRANSCRIPTS / "kg-2026-04-16.vtt"))
    page.set_input_files("#agenda-input", str(TRANSCRIPTS / "kg-2026-04-16-sakskart.txt"))
    page.click("#draft-button")
    page.locator("#draft .draft-item").first.wait_for(timeout=90_000)
    assert page.locator("#draft .draft-item").count() == 4
    source = page.locator("#draft .draft-item a.source").nth(1)
    speaker = source.inner_text().strip("[]").split(" 0")[0]
    source.click()
    line = page.locator("#panel mark.line.hl").first
    line.wait_for()
    assert speaker.split(",")[0] in line.inner_text()
    bullet = page.locator("#draft .draft-item li").nth(1).inner_text()
    assert page.locator("#panel .exact").inner_text() in bullet  # its own words, marked
    page.evaluate("() => document.querySelectorAll('#draft a.source')[1]"
                  ".scrollIntoView({block: 'center'})")
    _shot(page, "draft")
    with page.expect_download() as got:
        page.click("#draft-docx")
    download = got.value
    assert download.suggested_filename.endswith(".docx")
    headings, tables = _docx_outline(Path(download.path()).read_bytes())
    assert ("Heading 1", "3. Samarbeid om politisk påvirkning - tiltak") in headings
    assert ("Heading 1", "7. Politisk håndnotat – Rikstunnelen") in headings
    assert ("Heading 2", "Oppsummering av innspill og konklusjon") in headings
    assert tables and tables[-1][0] == ["Hvem", "Hva", "Frist", "Sak"] and len(tables[-1]) > 1


def test_export_a_meetings_action_items(page: Any) -> None:
    page.click("#tab-meetings")
    row = page.locator("#meeting-table tbody tr", has_text="2026-04-16")
    row.locator("button.open").click()
    detail = page.locator("#meeting-detail")
    detail.locator("table.actions").wait_for()
    assert "Sekretariatet" in detail.locator("table.actions").inner_text()
    _shot(page, "meeting-detail")
    with page.expect_download() as got:
        page.click("#export-docx")
    headings, tables = _docx_outline(Path(got.value.path()).read_bytes())
    assert ("Heading 1", "Oppfølgingspunkter") in headings
    assert tables[0][0] == ["Hvem", "Hva", "Frist", "Sak"]
    assert any(r[0] == "Sekretariatet" and r[3] == "7" for r in tables[0][1:])
    with page.expect_download() as got:
        page.click("#export-md")
    assert "| Hvem | Hva | Frist | Sak |" in Path(got.value.path()).read_text(encoding="utf-8")


def test_a_model_failing_mid_answer_is_reported_not_shown_as_an_answer(page: Any) -> None:
    """With a model the answer streams as `delta` events and a model failing mid-answer sends
    an in-band `error` event (test_api.py covers the server side): the unchecked partial
    text must give way to the error."""
    def sse(*events: tuple[str, str]) -> str:
        return "".join(f"event: {kind}\ndata: {data}\n\n" for kind, data in events)

    body = sse(("delta", '{"text": "Tunnelen er "}'), ("delta", '{"text": "avgjørende"}'),
               ("error", '{"type": "model_unavailable", "message": "modellen svarte ikke"}'))
    page.route("**/v1/ask", lambda route: route.fulfill(
        status=200, headers={"content-type": "text/event-stream"}, body=body))
    page.fill("#question", "Hva ble konkludert om Rikstunnelen?")
    page.click("#ask-button")
    error = page.locator("#answer .error")
    error.wait_for()
    assert error.inner_text() == "modellen svarte ikke"
    page.unroute("**/v1/ask")
