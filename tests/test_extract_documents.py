"""The offline extraction on every shared minutes document, scored against golden files
written by reading the documents (evals/golden/extract)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from evals.extract_metrics import GOLDEN_DIR, evaluate, pooled, score
from index.readers import read_document
from service.extract.flow import extract_from_text
from service.extract.schema import ExtractResponse
from tests.conftest import SAMPLES

GOLDEN = sorted(GOLDEN_DIR.glob("*.yaml"))


def extract(name: str) -> ExtractResponse:
    return extract_from_text(read_document(SAMPLES / name), llm=None, source_file=name)


def test_there_is_a_golden_file_for_the_seed_and_three_other_minutes() -> None:
    documents = {yaml.safe_load(p.read_text())["document"] for p in GOLDEN}
    assert {f"samples/minutes/{p.name}" for p in SAMPLES.glob("*.txt")} <= documents


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_document_extracts_with_verbatim_evidence(path: Path) -> None:
    result = extract(path.name)
    assert result.mode == "rules" and result.dropped == 0
    assert result.action_items and result.decisions
    text = read_document(path)
    assert all(" ".join(a.evidence.split()[:4]) in " ".join(text.split()) for a in result.action_items)


def test_seed_board_meeting_and_proposals() -> None:
    result = extract("osloregionen-kg-2026-04-16.txt")
    assert result.board_meeting is not None
    assert (result.board_meeting.date, result.board_meeting.time) == ("2026-05-13", "14:00-16:00")
    assert [p.number for p in result.board_proposals] == [str(n) for n in range(12, 25)]
    assert result.board_proposals[0].title == "Samarbeid om politisk påvirkning - tiltak"
    assert {p.kind for p in result.board_proposals} == {"orientering"}
    assert [(d.item, d.status, d.text) for d in result.decisions] == [
        ("1", "godkjent", "Godkjennes"), ("2", "godkjent", "Godkjennes")]


def test_seed_due_dates_resolve_against_the_meeting() -> None:
    dues = {a.item: a.due for a in extract("osloregionen-kg-2026-04-16.txt").action_items}
    assert dues["3"] == "2026-05-13"  # "neste styremøte", listed in the same minutes
    assert dues["5"] == "neste møte i KG"
    assert dues["7"] == "2026-05-28"  # "Toppforum 28. mai ... i forkant av arrangementet"
    assert dues["21"] == "2026-05-13"


def test_steinkjer_vedtak_statuses_and_commitments() -> None:
    formannskap = extract("steinkjer-formannskap-2026-01-29.txt")
    status = {d.item: d.status for d in formannskap.decisions}
    assert status["PS 1/26"] == "vedtatt"  # "Dermed ble innstillingen vedtatt"
    assert status["PS 5/26"] == status["PS 6/26"] == "ikke behandlet"  # ordfører motsatte seg
    assert not any(a.item in ("PS 5/26", "PS 6/26") for a in formannskap.action_items)
    assert any(a.item == "PS 7/26" and a.task.startswith("legge fram en sak")
               for a in formannskap.action_items)
    eldre = extract("steinkjer-eldreradet-2026-03-11.txt")
    assert {d.item: d.status for d in eldre.decisions}["PS 5/26"] == "tatt til orientering"
    assert [a.due for a in eldre.action_items if a.item == "PS 4/26"] == ["2026-05-31"]


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_golden_decisions_and_board(path: Path) -> None:
    s = evaluate(path)
    assert s.decision_accuracy == 1.0 and s.board_meeting_ok
    assert s.board_proposal_recall == 1.0 and s.board_proposal_precision == 1.0


def test_seed_action_items_meet_the_bar() -> None:
    s = evaluate(GOLDEN_DIR / "osloregionen-kg-2026-04-16.yaml")
    assert s.action_precision >= 0.8 and s.action_recall >= 0.8, (s.misses, s.extras)


def test_action_items_pooled_over_all_golden_minutes() -> None:
    total = pooled([evaluate(p) for p in GOLDEN])
    assert total["precision"] >= 0.8 and total["recall"] >= 0.8


def test_the_metric_matches_one_to_one_on_item_and_wording() -> None:
    golden = {"document": "d", "action_items": [
        {"item": "5", "task": "ta opp samordning av møteplaner på neste møte"},
        {"item": "5", "task": "sende ut årshjulet"}], "decisions": []}
    predicted = {"action_items": [
        {"item": "5", "task": "samordning av møteplaner tas opp på neste møte", "due": None},
        {"item": "5", "task": "samordning av møteplaner tas opp som egen sak", "due": None},
        {"item": "6", "task": "sende ut årshjulet", "due": None}], "decisions": []}
    s = score(golden, predicted)
    assert (s.action_precision, s.action_recall) == (1 / 3, 0.5)  # wrong item does not count
