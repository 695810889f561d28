"""Eval flow: golden case -> the same HTTP API users call -> scoring -> thresholds.

`run_eval` builds a fresh app in-process on a temporary data dir (or talks to a running
server with `url`), uploads the documents the golden files need, runs the selected suites
(and the naive baseline beside QA) and returns the report dict that `evals.report` writes.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

import httpx
from tqdm import tqdm

from evals.gate import check_thresholds, load_thresholds
from evals.qa_metrics import GoldenQuestions, aggregate, by_tag, load_questions, score_case
from evals.qa_splits import DEFAULT_SPLITS, fake_llm_client, leave_one_meeting_out, llm_context
from evals.suites import run_module_suite
from index.embed import Embedder
from service.errors import BadInput
from service.settings import Settings
from service.wiring import make_chroma_client, make_embedder

SUITES = ("qa", "extract", "summary")
ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DOCS = ROOT / "samples" / "minutes"
QA_GOLDEN = ROOT / "evals" / "golden" / "qa"
THRESHOLDS = ROOT / "evals" / "thresholds.yaml"
DOC_SUFFIXES = {".txt", ".md", ".docx", ".pdf", ".html", ".htm"}

AskFn = Callable[[str], dict[str, Any]]


class System(Protocol):
    """Something scored on the QA cases beside Referat (the naive baseline)."""

    name: str

    def ask(self, question: str) -> dict[str, Any]: ...


class ApiResponse(Protocol):
    status_code: int

    @property
    def text(self) -> str: ...

    def json(self) -> Any: ...


class ApiClient(Protocol):
    """What the suites need of an HTTP client: `TestClient` in-process, `httpx.Client` remote."""

    def get(self, url: str) -> ApiResponse: ...

    def post(self, url: str, *, json: Any = None, files: Any = None) -> ApiResponse: ...

    def delete(self, url: str) -> ApiResponse: ...


@dataclass
class EvalOptions:
    suites: list[str] = field(default_factory=lambda: list(SUITES))
    golden: Path | None = None  # for the single selected suite; with all suites: QA's
    docs: list[Path] = field(default_factory=list)  # default: the golden file's, else samples
    mode: Literal["extractive", "llm"] = "extractive"
    baseline: str | None = None  # "naive"
    url: str | None = None  # evaluate a running server instead of an in-process app
    thresholds: Path = THRESHOLDS
    limit: int | None = None  # first N cases per suite, for a quick look
    progress: bool = True
    lomo: bool = True  # leave-one-meeting-out (in-process only: it deletes and restores)
    llm_fake: bool = True  # llm-mode context metrics against the scripted fake model
    splits: tuple[str, ...] = DEFAULT_SPLITS  # of the repository's QA golden set


def document_paths(paths: list[Path]) -> list[Path]:
    """Files to index; folders give their minutes, not their README/ATTRIBUTION notes."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in DOC_SUFFIXES
                          and not f.stem.isupper())
        elif p.is_file():
            out.append(p)
        else:
            raise BadInput(f"{p}: no such document or folder (check --docs or the golden file)")
    if not out:
        raise BadInput(f"no documents to index in {', '.join(map(str, paths))}")
    return out


@contextmanager
def api_client(opts: EvalOptions, settings: Settings, embedder: Any) -> Iterator[ApiClient]:
    if opts.url:
        with httpx.Client(base_url=opts.url, timeout=300) as client:
            yield client
        return
    from fastapi.testclient import TestClient

    from service.api.app import create_app

    with TestClient(create_app(settings, embedder=embedder)) as client:
        yield client


def upload_documents(client: ApiClient, docs: list[Path], *,
                     progress: bool) -> tuple[list[dict[str, Any]], dict[str, Path]]:
    """The indexed meetings, and which file each came from."""
    sources: dict[str, Path] = {}
    for path in tqdm(docs, desc="index", unit="doc", disable=not progress, file=sys.stderr):
        r = client.post("/v1/meetings", files={"file": (path.name, path.read_bytes())})
        if r.status_code not in (200, 201):
            raise BadInput(f"{path.name}: upload failed with {r.status_code}: {r.text[:300]}")
        sources[str(r.json().get("meeting_id"))] = path
    meetings: list[dict[str, Any]] = client.get("/v1/meetings").json()
    return meetings, sources


def ask_via_api(client: ApiClient) -> AskFn:
    def ask(question: str) -> dict[str, Any]:
        r = client.post("/v1/ask", json={"question": question})
        if r.status_code != 200:
            # An error is scored as a wrong answer and never as a correct refusal.
            return {"answer": "", "answered": False, "citations": [],
                    "error": f"HTTP {r.status_code}: {r.text[:300]}"}
        body: dict[str, Any] = r.json()
        return body

    return ask


def score_system(ask: AskFn, golden: GoldenQuestions, *, label: str, progress: bool) -> dict[str, Any]:
    rows = []
    hashes: set[str] = set()
    for case in tqdm(golden.cases, desc=f"qa {label}", unit="q", disable=not progress, file=sys.stderr):
        started = time.perf_counter()
        response = ask(case.question)
        row = score_case(case, response)
        row["ms"] = round((time.perf_counter() - started) * 1000, 1)
        rows.append(row)
        usage = response.get("usage") or {}
        if usage.get("gate"):
            row["gate"] = usage["gate"]
        hashes.update(str(v) for k, v in usage.items() if k.endswith("prompt_hash") and v)
    return {"metrics": aggregate(rows), "by_tag": by_tag(rows), "cases": rows,
            "prompt_hashes": sorted(hashes)}


def missing_meetings(golden: GoldenQuestions, meetings: list[dict[str, Any]]) -> list[str]:
    """Cases whose meeting is not among the indexed ones: a typo, or the parser lost a date."""
    out = []
    for c in golden.cases:
        m = c.meeting
        if m is None or not c.answerable:
            continue
        if not any((m.date is None or str(x.get("date")) == m.date.isoformat())
                   and (m.body is None or m.body.casefold() in str(x.get("body", "")).casefold())
                   for x in meetings):
            out.append(f"{c.id}: no indexed meeting matches {m.date} / {m.body!r}")
    return out


def run_qa(ask: AskFn, golden: GoldenQuestions, *, path: Path, meetings: list[dict[str, Any]],
           baseline: System | None, progress: bool) -> dict[str, Any]:
    started = time.perf_counter()
    result: dict[str, Any] = {"status": "ok", "golden": str(path),
                              **score_system(ask, golden, label="referat", progress=progress)}
    result["warnings"] = missing_meetings(golden, meetings)
    if baseline is not None:
        result["baseline"] = {"name": baseline.name,
                              **score_system(baseline.ask, golden, label=baseline.name, progress=progress)}
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def run_eval(opts: EvalOptions) -> dict[str, Any]:
    goldens = _golden_paths(opts)
    splits = _qa_splits(opts, goldens) if "qa" in goldens else []
    questions = {name: _load_golden(path, limit=opts.limit) for name, path in splits}
    golden_docs = list(dict.fromkeys(d for q in questions.values() for d in q.documents))
    docs = document_paths(opts.docs or golden_docs or [SAMPLE_DOCS])
    started = time.perf_counter()
    report: dict[str, Any] = {
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "mode": opts.mode,
        "target": opts.url or "in-process app", "documents": [_rel(d) for d in docs], "suites": {},
    }
    with tempfile.TemporaryDirectory(prefix="referat-eval-") as tmp:
        # Always an embedded Chroma in a fresh folder: an eval never touches a shared index.
        # With --url the server picks the mode; locally only the baseline's embedder is built.
        # The eval is one trusted client asking hundreds of questions: no rate limit.
        settings = Settings(data_dir=Path(tmp), chroma_host=None, rate_limit_per_minute=0,
                            answer_mode="extractive" if opts.url else opts.mode)
        embedder = make_embedder(settings)
        report["settings"] = {"top_k": settings.top_k, "embedder": embedder.model_id,
                              "llm_model": settings.llm_model if opts.mode == "llm" else None}
        with api_client(opts, settings, embedder) as client:
            meetings, sources = upload_documents(client, docs, progress=opts.progress)
            report["meetings"] = [{k: m.get(k) for k in ("meeting_id", "date", "body", "item_count")}
                                  for m in meetings]
            baseline = _baseline(opts, settings, embedder, docs) if splits else None
            for suite in opts.suites:
                if suite != "qa":
                    report["suites"][suite] = run_module_suite(
                        suite, client, golden=goldens[suite], opts=opts, docs=docs)
                    continue
                for name, path in splits:
                    report["suites"][name] = _run_split(
                        client, questions[name], path=path, meetings=meetings, sources=sources,
                        baseline=baseline, opts=opts, settings=settings, embedder=embedder)
    if opts.url:  # the server chose the mode; the gate must use the one it answered in
        modes = Counter(r.get("mode") for name, _ in splits
                        for r in report["suites"].get(name, {}).get("cases", []))
        report["mode"] = modes.most_common(1)[0][0] if modes else opts.mode
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["gate"] = check_thresholds(report, load_thresholds(opts.thresholds))
    report["passed"] = all(g["passed"] for g in report["gate"]) and not any(
        s.get("status") == "error" for s in report["suites"].values())
    return report


def _qa_splits(opts: EvalOptions, goldens: dict[str, Path | None]) -> list[tuple[str, Path]]:
    """An outside golden file is scored as suite "qa"; the repository's as qa_dev, qa_test."""
    if goldens.get("qa"):
        return [("qa", goldens["qa"])]  # type: ignore[list-item]
    return [(f"qa_{name}", QA_GOLDEN / f"{name}.yaml") for name in opts.splits]


def _run_split(client: ApiClient, golden: GoldenQuestions, *, path: Path,
               meetings: list[dict[str, Any]], sources: dict[str, Path],
               baseline: System | None, opts: EvalOptions, settings: Settings,
               embedder: Embedder) -> dict[str, Any]:
    ask = ask_via_api(client)
    result = run_qa(ask, golden, path=path, meetings=meetings, baseline=baseline,
                    progress=opts.progress)
    if opts.url:  # a shared server is never modified by an eval
        return result
    if opts.lomo:
        lomo = leave_one_meeting_out(client, golden, meetings=meetings, sources=sources,
                                     ask=ask, progress=opts.progress)
        result["metrics"].update(lomo["metrics"])
        result["lomo_cases"] = lomo["cases"]
    if opts.llm_fake and opts.mode == "extractive":
        store = client.app.state.services.store  # type: ignore[attr-defined]
        with fake_llm_client(settings, store, embedder) as llm_client:
            llm = llm_context(llm_client, golden, progress=opts.progress)
        result["metrics"].update(llm["metrics"])
        result["llm_cases"] = llm["cases"]
    return result


def _golden_paths(opts: EvalOptions) -> dict[str, Path | None]:
    """--golden belongs to the one selected suite, or to QA when several run."""
    unknown = set(opts.suites) - set(SUITES)
    if unknown or not opts.suites:
        raise BadInput(f"unknown suite(s) {sorted(unknown)}; choose from {', '.join(SUITES)}")
    owner = opts.suites[0] if len(opts.suites) == 1 else "qa"
    return {s: (opts.golden if s == owner else None) for s in opts.suites}


def _load_golden(path: Path, *, limit: int | None) -> GoldenQuestions:
    try:
        golden = load_questions(path)
    except (OSError, ValueError) as e:  # pydantic's ValidationError is a ValueError
        raise BadInput(f"cannot read golden questions {path}: {e}") from e
    if limit:
        golden.cases = golden.cases[:limit]
    return golden


def _baseline(opts: EvalOptions, settings: Settings, embedder: Embedder,
              docs: list[Path]) -> System | None:
    if not opts.baseline:
        return None
    if opts.baseline != "naive":
        raise BadInput(f"unknown baseline {opts.baseline!r}; the only one is 'naive'")
    from evals.baseline import NaiveBaseline

    baseline = NaiveBaseline(chroma_client=make_chroma_client(settings), embedder=embedder,
                             top_k=settings.top_k, prefix=f"{settings.collection}_naive")
    for path in tqdm(docs, desc="index naive", unit="doc", disable=not opts.progress, file=sys.stderr):
        baseline.index(path)
    return baseline


def _rel(p: Path) -> str:
    try:
        return str(p.resolve().relative_to(ROOT))
    except ValueError:
        return str(p)
