"""The eval runner, gate, report and naive baseline: unit cases, then `referat eval` for real."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from evals.baseline import attribute, first_sentences, fixed_chunks, item_spans
from evals.gate import check_thresholds
from evals.qa_metrics import load_questions
from evals.report import compare, flatten_metrics, render_markdown, render_table, write_reports
from evals.runner import EvalOptions, document_paths, run_eval, run_qa
from evals.suites import run_module_suite
from index.models import AgendaItem, BoardMeeting, BoardProposal, Meeting
from service.cli import main
from service.errors import BadInput
from tests.conftest import SAMPLES


def _report(hit: float | None, refusal: float = 1.0, mode: str = "extractive") -> dict[str, Any]:
    return {"mode": mode, "passed": True, "seconds": 1.0, "suites": {"qa": {
        "status": "ok", "metrics": {"questions": 3, "citation_hit_rate": hit,
                                    "refusal_accuracy": refusal, "false_refusal_rate": 0.2},
        "baseline": {"name": "naive", "metrics": {"citation_hit_rate": 0.4, "refusal_accuracy": 0.0}},
        "cases": [{"id": "a", "question": "Hva?", "answerable": True, "answered": True,
                   "citation_hit": True, "cited": ["2026-04-16 KG 20"]}],
    }}}


# -- gate ---------------------------------------------------------------------------------------
def test_gate_floors_ceilings_and_unmeasured_metrics() -> None:
    spec = {"extractive": {"qa": {"citation_hit_rate": 0.9, "false_refusal_rate": {"max": 0.1},
                                  "refusal_accuracy": {"min": 1.0}},
                           "summary": {"rouge_l": 0.3}},
            "llm": {"qa": {"citation_hit_rate": 0.99}}}
    gate = {g["metric"]: g for g in check_thresholds(_report(0.95), spec)}
    assert set(gate) == {"citation_hit_rate", "false_refusal_rate", "refusal_accuracy"}  # summary not run
    assert gate["citation_hit_rate"]["passed"] and gate["refusal_accuracy"]["passed"]
    assert not gate["false_refusal_rate"]["passed"]  # 0.2 > max 0.1
    assert not check_thresholds(_report(0.85), spec)[0]["passed"]
    assert not check_thresholds(_report(None), spec)[0]["passed"]  # not measured never passes
    assert [g["min"] for g in check_thresholds(_report(0.95, mode="llm"), spec)] == [0.99]
    with pytest.raises(ValueError, match="bad threshold"):
        check_thresholds(_report(0.9), {"extractive": {"qa": {"citation_hit_rate": "high"}}})


# -- report -------------------------------------------------------------------------------------
def test_report_files_table_and_compare(tmp_path: Path) -> None:
    report = _report(0.9)
    report["gate"] = check_thresholds(report, {"extractive": {"qa": {"citation_hit_rate": 0.95}}})
    table = render_table(report)
    assert "| qa | citation_hit_rate | 0.900 | 0.400 | 0.500 | >= 0.95 | FAIL |" in table
    assert "| qa | refusal_accuracy | 1.000 | 0.000 | 1.000 |" in table
    json_path, md_path = write_reports(report, tmp_path)
    assert json.loads(json_path.read_text())["suites"]["qa"]["metrics"]["citation_hit_rate"] == 0.9
    assert (tmp_path / "latest.json").read_text() == json_path.read_text()
    markdown = md_path.read_text()
    assert "refusal_accuracy" in markdown and "### Cases: referat" in markdown
    assert flatten_metrics(report)["qa.naive.citation_hit_rate"] == 0.4
    better = tmp_path / "b.json"
    better.write_text(json.dumps(_report(0.95, refusal=0.5)))
    diff = compare(json_path, better)
    assert "| qa.citation_hit_rate | 0.900 | 0.950 | +0.050 |" in diff
    assert "| qa.refusal_accuracy | 1.000 | 0.500 | -0.500 |" in diff
    assert "questions" not in diff


def test_a_suite_that_did_not_run_says_why() -> None:
    report = {"mode": "extractive", "suites": {"extract": {"status": "not available",
                                                           "reason": "no module"}}}
    assert "| extract | not available |" in render_markdown(report)


# -- naive baseline -----------------------------------------------------------------------------
def test_fixed_chunks_are_consecutive_windows() -> None:
    text = "a" * 2500 + " " * 1000 + "b"
    chunks = fixed_chunks(text, 1000)
    assert [off for off, _ in chunks] == [0, 1000, 2000, 3000]  # the blank window is dropped
    assert "".join(c for _, c in chunks[:3]) == text[:3000]


def test_item_spans_skip_the_saksliste_and_find_board_proposals() -> None:
    text = (SAMPLES / "steinkjer-formannskap-2026-01-29.txt").read_text(encoding="utf-8")
    titles = {"PS 1/26": "Søknad om forlenget permisjon", "PS 3/26": "Bruk av utviklingsmidler",
              "RS 1/26": "Ordførerfullmakt 10-25"}
    meeting = Meeting(meeting_id="fsk", body="Formannskap", title="t", source_file="f", text=text,
                      items=[AgendaItem(number=n, title=t, text="") for n, t in titles.items()])
    spans = {s.item: s for s in item_spans(text, meeting)}
    ps1 = text[spans["PS 1/26"].start:spans["PS 1/26"].end]
    assert ps1.startswith("PS 1/26 Søknad") and "behandling av sak 1/2026" in ps1
    ps3 = spans["PS 3/26"]
    assert "Steinkjer Håndballklubb" in text[ps3.start:ps3.end]
    middle = text.index("Game Out")
    assert attribute(middle - 300, middle + 700, list(spans.values())) == ps3
    assert attribute(0, 1000, list(spans.values())) is None  # the header belongs to no item

    seed = (SAMPLES / "osloregionen-kg-2026-04-16.txt").read_text(encoding="utf-8")
    kg = Meeting(meeting_id="kg", body="KG", title="t", source_file="s", text=seed,
                 items=[AgendaItem(number="3", title="Samarbeid om politisk påvirkning - tiltak", text="")],
                 board_meeting=BoardMeeting(proposals=[
                     BoardProposal(number="12", title="Samarbeid om politisk påvirkning - tiltak"),
                     BoardProposal(number="20", title="Medlemskontingent 2027")]))
    spans = {s.item: s for s in item_spans(seed, kg)}
    assert "2,50" in seed[spans["20"].start:spans["20"].end]
    assert "Bred støtte" in seed[spans["3"].start:spans["3"].end]
    assert spans["12"].start > spans["3"].start


def test_first_sentences_make_the_naive_answer() -> None:
    assert first_sentences("Godkjennes.\n\n3. Samarbeid om   noe. Mer tekst. Enda mer.") == (
        "Godkjennes. 3. Samarbeid om noe.")


# -- runner pieces ------------------------------------------------------------------------------
def test_document_paths_skip_notes_and_name_missing_files(tmp_path: Path) -> None:
    names = [p.name for p in document_paths([SAMPLES])]
    assert len(names) == 4 and "ATTRIBUTION.md" not in names
    with pytest.raises(BadInput, match="no such document"):
        document_paths([tmp_path / "nope.txt"])


def test_run_qa_scores_referat_and_baseline_on_the_same_cases(tmp_path: Path) -> None:
    golden_file = tmp_path / "q.yaml"
    golden_file.write_text(
        "- {id: fee, question: kontingent, meeting: {date: 2026-04-16, body: koordinering},"
        " expect_items: ['20'], expect_facts: ['2,50']}\n"
        "- {id: none, question: eiendomsskatt, answerable: false}\n", encoding="utf-8")
    golden = load_questions(golden_file)
    cite = {"meeting_id": "kg", "meeting_date": "2026-04-16", "body": "administrativ koordineringsgruppe",
            "item": "20", "title": "Medlemskontingent 2027", "quote": "kr. 2,50 pr. innbygger"}

    def referat(question: str) -> dict[str, Any]:
        if question == "kontingent":
            return {"answer": "Uendret.", "answered": True, "mode": "extractive", "citations": [cite],
                    "retrieved": [cite], "usage": {"prompt_hash": "abc123"}}
        return {"answer": "Jeg finner ingenting.", "answered": False, "citations": [], "retrieved": []}

    class Always:
        name = "naive"

        def ask(self, question: str) -> dict[str, Any]:
            return {"answer": "Noe.", "answered": True, "citations": [{**cite, "item": "19"}]}

    meetings = [{"date": "2026-01-29", "body": "Formannskap"}]
    result = run_qa(referat, golden, path=golden_file, meetings=meetings, baseline=Always(),
                    progress=False)
    assert result["metrics"]["citation_hit_rate"] == 1.0
    assert result["metrics"]["refusal_accuracy"] == 1.0
    assert result["metrics"]["retrieval_mrr"] == 1.0
    assert result["prompt_hashes"] == ["abc123"]
    assert result["baseline"]["metrics"]["citation_hit_rate"] == 0.0
    assert result["baseline"]["metrics"]["refusal_accuracy"] == 0.0
    assert result["warnings"] == ["fee: no indexed meeting matches 2026-04-16 / 'koordinering'"]


def test_module_suites_report_absence_and_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules["evals.suites"].MODULE_SUITES, "extract", "evals.no_such_module")
    out = run_module_suite("extract", None, golden=None, opts=EvalOptions(), docs=[])  # type: ignore[arg-type]
    assert out == {"status": "not available", "reason": "evals.no_such_module does not exist yet"}
    broken = types.ModuleType("evals.broken_suite")

    def run_suite(client: object, **kw: object) -> dict[str, Any]:
        raise RuntimeError("boom")

    broken.run_suite = run_suite  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "evals.broken_suite", broken)
    monkeypatch.setitem(sys.modules["evals.suites"].MODULE_SUITES, "extract", "evals.broken_suite")
    out = run_module_suite("extract", None, golden=None, opts=EvalOptions(), docs=[])  # type: ignore[arg-type]
    assert out == {"status": "error", "reason": "RuntimeError: boom"}


class _Reply:
    def __init__(self, status: int, body: dict[str, Any]) -> None:
        self.status_code, self._body, self.text = status, body, json.dumps(body)

    def json(self) -> dict[str, Any]:
        return self._body


def test_an_extraction_module_without_run_suite_goes_through_the_api(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    golden_dir = tmp_path / "extract"
    golden_dir.mkdir()
    (tmp_path / "m.txt").write_text("PS 1/26 Malm\nVedtak\nGodkjent\n", encoding="utf-8")
    for name in ("a", "b"):
        (golden_dir / f"{name}.yaml").write_text("document: m.txt\naction_items: []\n")
    module = types.ModuleType("evals.fake_extract")
    module.GOLDEN_DIR, module.ROOT = golden_dir, tmp_path  # type: ignore[attr-defined]
    module.score = lambda gold, resp: {"document": gold["document"],  # type: ignore[attr-defined]
                                       "decision_accuracy": resp["accuracy"], "due_accuracy": None}
    module.pooled = lambda scores: {"precision": 0.5, "recall": 1.0, "f1": 2 / 3}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "evals.fake_extract", module)
    monkeypatch.setitem(sys.modules["evals.suites"].MODULE_SUITES, "extract", "evals.fake_extract")
    posted: list[tuple[str, Any]] = []
    replies = [_Reply(200, {"accuracy": 0.5}), _Reply(500, {"error": {"type": "internal_error"}})]

    class Client:
        def post(self, url: str, *, json: Any = None, files: Any = None) -> _Reply:
            posted.append((url, json))
            return replies[len(posted) - 1]

    out = run_module_suite("extract", Client(), golden=None, opts=EvalOptions(progress=False), docs=[])
    assert posted[0] == ("/v1/extract", {"text": "PS 1/26 Malm\nVedtak\nGodkjent\n", "mode": "rules"})
    assert out["status"] == "ok" and [c["id"] for c in out["cases"]] == ["a", "b"]
    m = out["metrics"]
    assert (m["action_precision"], m["action_f1"], m["decision_accuracy"]) == (0.5, 0.6667, 0.5)
    assert m["due_accuracy"] is None and m["errors"] == 1


# -- the real thing: a fresh app, the sample minutes, the HTTP API -------------------------------
SMALL_GOLDEN = """\
- id: fee
  question: Hva blir medlemskontingenten for 2027?
  meeting: {date: 2026-04-16, body: koordineringsgruppe}
  expect_items: ["20"]
  expect_facts: ["2,50"]
- id: malm
  question: Hvem stemte mot vedtaket om Malm legekontor i eldrerådet?
  meeting: {date: 2026-03-11, body: eldreråd}
  expect_items: [PS 1/26]
  expect_facts: [Rolf Bosnes]
- id: pool
  question: Hva ble bestemt om det nye svømmeanlegget?
  answerable: false
"""


def test_run_eval_through_the_api_with_the_naive_baseline(tmp_path: Path) -> None:
    golden = tmp_path / "held-out.yaml"
    golden.write_text(SMALL_GOLDEN, encoding="utf-8")
    report = run_eval(EvalOptions(suites=["qa"], golden=golden, baseline="naive", progress=False,
                                  thresholds=tmp_path / "none.yaml"))
    qa = report["suites"]["qa"]
    assert qa["status"] == "ok" and qa["warnings"] == []  # every golden meeting was indexed
    assert len(report["meetings"]) == 4 and report["passed"] and report["gate"] == []
    assert [c["id"] for c in qa["cases"]] == ["fee", "malm", "pool"]
    assert all(c["mode"] == "extractive" and "error" not in c for c in qa["cases"])
    assert all(c["retrieval_measured"] for c in qa["cases"] if c["answerable"])
    naive = qa["baseline"]
    assert naive["name"] == "naive" and len(naive["cases"]) == 3
    assert naive["metrics"]["refusal_accuracy"] == 0.0  # the naive pipeline never refuses
    assert all(len(c["cited"]) == 1 for c in naive["cases"])


def test_cli_writes_reports_and_fails_on_a_missed_threshold(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    golden = tmp_path / "g.yaml"
    golden.write_text(SMALL_GOLDEN, encoding="utf-8")
    strict = tmp_path / "strict.yaml"
    strict.write_text("extractive:\n  qa:\n    questions: 4\n    citation_hit_rate: 0.0\n")
    # One small document keeps the three real runs quick; the other meetings show as warnings.
    args = ["eval", "--suite", "qa", "--golden", str(golden), "--report-dir", str(tmp_path / "r"),
            "--docs", str(SAMPLES / "steinkjer-eldreradet-2026-03-11.txt"),
            "--thresholds", str(strict), "-q"]
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert "| qa | citation_hit_rate |" in out and "FAILED" in out
    assert "FAIL qa.questions = 3 (needs >= 4.0)" in err
    latest = tmp_path / "r" / "latest.json"
    saved = json.loads(latest.read_text())
    assert saved["passed"] is False and saved["documents"] == ["samples/minutes/steinkjer-eldreradet-2026-03-11.txt"]
    assert saved["suites"]["qa"]["warnings"] == [
        "fee: no indexed meeting matches 2026-04-16 / 'koordineringsgruppe'"]
    strict.write_text("extractive:\n  qa:\n    questions: 3\n")
    assert main(args) == 0
    reports = sorted((tmp_path / "r").glob("eval-*.json"))
    assert main(["eval", "--compare", str(latest), str(reports[0])]) == 0
    assert "qa.citation_hit_rate" in capsys.readouterr().out
    assert main(["eval", "--golden", str(tmp_path / "missing.yaml"), "-q"]) == 2
