"""The summary suite's report: per-dataset ROUGE beside the published figures, per-case ROUGE."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from evals.report import render_markdown
from evals.summary_metrics import (
    GOLDEN,
    PublishedSet,
    aggregate,
    by_dataset,
    load_cases,
    load_published,
)

PUB = {"qmsum": PublishedSet.model_validate({
    "evaluated_on": "QMSum test",
    "systems": [{"system": "HMNet", "rouge1": 36.51, "rouge2": 11.41, "rougeL": 31.6}]}),
    "ami": PublishedSet(evaluated_on="none for these meetings")}


def _row(id_: str, dataset: str | None, r1: float | None = None, r2: float = 0.0,
         rl: float = 0.0, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"id": id_, "dataset": dataset, "gate": False, "agenda_coverage": None,
                           "key_point_recall": None, "unsupported_bullet_rate": 0.0, **extra}
    if r1 is not None:
        row.update(rouge1=r1, rouge2=r2, rougeL=rl, compared=extra.get("compared", "summary"))
    return row


ROWS = [
    _row("seed", None),                                      # no reference: not in the table
    _row("q1", "qmsum", 20.0, 2.0, 10.0),
    _row("e1", "elitr", 10.0, 4.0, 6.0, compared="bullets"),
    _row("q2", "qmsum", 25.0, 3.5, 13.0),
    _row("q3", "qmsum", 30.01, 1.0, 14.0),
    {"id": "q4", "dataset": "qmsum", "gate": False, "error": "HTTP 500: boom"},  # not scored
    _row("x1", None, 50.0, 5.0, 25.0),                       # reference but no dataset
    _row("a1", "ami", 31.0, 4.0, 15.0),
]


def test_by_dataset_means_counts_and_published_figures() -> None:
    table = {r["dataset"]: r for r in by_dataset(ROWS, PUB)}
    assert list(table) == ["qmsum", "elitr", "other", "ami"]  # first appearance
    q = table["qmsum"]
    assert q["meetings"] == 3  # the errored case is left out
    assert (q["rouge1"], q["rouge2"], q["rougeL"]) == (25.0, 2.17, 12.33)  # 75.01/3, 6.5/3, 37/3
    assert q["compared"] == "summary"
    assert q["published"] == [{"system": "HMNet", "rouge1": 36.51, "rouge2": 11.41, "rougeL": 31.6}]
    assert q["published_on"] == "QMSum test"
    assert table["elitr"]["compared"] == "bullets"
    assert (table["elitr"]["published"], table["elitr"]["published_on"]) == ([], None)
    assert table["other"]["meetings"] == 1 and table["other"]["rouge1"] == 50.0
    assert table["ami"]["published"] == [] and table["ami"]["published_on"] == "none for these meetings"


def test_totals_are_still_pooled_over_all_scored_cases() -> None:
    metrics = aggregate(ROWS)
    assert metrics["rouge1"] == round((20 + 10 + 25 + 30.01 + 50 + 31) / 6, 4)
    assert metrics["errors"] == 1.0


def test_published_file_and_golden_datasets_agree() -> None:
    published = load_published()
    assert {s.system: (s.rouge1, s.rouge2, s.rougeL) for s in published["qmsum"].systems} == {
        "HMNet (gold spans)": (36.51, 11.41, 31.60), "LTRSum": (38.82, 14.11, 34.45)}
    assert [(s.rouge1, s.rouge2, s.rougeL) for s in published["elitr"].systems] == [(18.0, 3.5, 9.8)]
    assert published["ami"].systems == []
    with_reference = [c for c in load_cases(GOLDEN) if c.reference is not None]
    assert {c.dataset for c in with_reference} == {"qmsum", "elitr", "ami"}


def test_a_bad_published_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "published.yaml"
    path.write_text("qmsum:\n  evaluated_on: x\n  systems:\n  - {system: A, rouge1: 1, rouge2: 2}\n")
    with pytest.raises(ValidationError):
        load_published(path)
    assert load_published(tmp_path / "absent.yaml") == {}


def test_markdown_shows_the_dataset_table_and_per_case_rouge() -> None:
    report = {"mode": "extractive", "passed": True, "suites": {"summary": {
        "status": "ok", "metrics": aggregate(ROWS), "cases": ROWS, "by_dataset": by_dataset(ROWS, PUB)}}}
    md = render_markdown(report)
    assert ("| qmsum | 3 | summary | 25.00 / 2.17 / 12.33 | HMNet 36.51 / 11.41 / 31.60 | QMSum test |"
            in md)
    assert "| ami | 1 | summary | 31.00 / 4.00 / 15.00 | none | none for these meetings |" in md
    assert "| id | dataset | mode |" in md and "| rouge1 | rouge2 | rougeL | error |" in md
    assert "| q1 | qmsum | – |" in md and "| 20.000 | 2.000 | 10.000 | – |" in md
    assert "| q4 | qmsum |" in md and "HTTP 500: boom |" in md
