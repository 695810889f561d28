"""QA golden cases and their metrics: the scoring step of `referat eval --suite qa`.

Pure functions over plain response dicts shaped like `POST /v1/ask` answers, so Referat,
the naive baseline and a remote server are scored by the same code. Definitions: evals/README.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

RECALL_KS = (1, 3, 5)
Ref = Mapping[str, Any]  # a citation or retrieved excerpt: meeting_date, body, item, ...


class MeetingRef(BaseModel):
    model_config = ConfigDict(extra="ignore")

    date: dt.date | None = None
    body: str | None = None  # one word of the body's name, matched case-insensitively


class QuestionCase(BaseModel):
    # Held-out files share this shape and may carry fields we do not know: ignore them.
    model_config = ConfigDict(extra="ignore")

    id: str
    question: str = Field(min_length=1)
    meeting: MeetingRef | None = None
    expect_items: list[str] = Field(default_factory=list)
    expect_facts: list[str] = Field(default_factory=list)
    answerable: bool = True
    tags: list[str] = Field(default_factory=list)

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) else v

    @field_validator("expect_items", "expect_facts", mode="before")
    @classmethod
    def _as_strings(cls, v: Any) -> Any:
        # YAML reads `expect_items: [7]` as an int; the minutes write items as text.
        return [str(x) for x in v] if isinstance(v, list) else v


class GoldenQuestions(BaseModel):
    cases: list[QuestionCase]
    documents: list[Path] = Field(default_factory=list)  # resolved against the file's folder


def load_questions(path: Path) -> GoldenQuestions:
    """Read a golden file: a YAML list of cases, or {documents: [...], questions: [...]}."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise ValueError(f"{path}: not valid YAML: {e}") from e
    docs: list[Path] = []
    if isinstance(raw, dict):
        docs = [(path.parent / str(p)).resolve() for p in raw.get("documents") or []]
        raw = raw.get("questions")
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{path}: expected a non-empty YAML list of questions")
    cases = [QuestionCase.model_validate(c) for c in raw]
    seen: set[str] = set()
    for c in cases:
        if c.id in seen:
            raise ValueError(f"{path}: duplicate question id {c.id!r}")
        seen.add(c.id)
    return GoldenQuestions(cases=cases, documents=docs)


# -- matching -----------------------------------------------------------------------------
def normalise_item(item: str) -> str:
    """'PS 01/26' == 'ps 1/26', '7.' == '7'; 'Sak 7' stays different from '7' on purpose."""
    s = re.sub(r"\s+", "", str(item).casefold()).rstrip(".:)")
    return re.sub(r"(?<!\d)0+(?=\d)", "", s)


def normalise_text(text: str) -> str:
    """Case, whitespace and dash variants do not decide whether a fact was stated."""
    text = text.replace("\u00a0", " ").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", text).casefold().strip()


def in_meeting(ref: Ref, case: QuestionCase) -> bool:
    m = case.meeting
    if m is None:
        return True
    if m.date is not None and str(ref.get("meeting_date") or "") != m.date.isoformat():
        return False
    return m.body is None or m.body.casefold() in str(ref.get("body") or "").casefold()


def is_hit(ref: Ref, case: QuestionCase) -> bool:
    """A reference to an expected item in the expected meeting (any item when none listed)."""
    if not in_meeting(ref, case):
        return False
    if not case.expect_items:
        return True
    wanted = {normalise_item(i) for i in case.expect_items}
    return normalise_item(str(ref.get("item") or "")) in wanted


# -- per-case metrics -----------------------------------------------------------------------
def first_hit_rank(retrieved: Sequence[Ref], case: QuestionCase) -> int | None:
    """1-based rank of the first expected item among the distinct items retrieved.

    Ranks count (meeting, item) pairs, not excerpts: three chunks of one long item are
    one retrieved item, so a long item cannot push the right one out of the top k.
    """
    seen: list[tuple[str, str, str]] = []
    for ref in retrieved:
        key = (str(ref.get("meeting_id") or ""), str(ref.get("meeting_date") or ""),
               normalise_item(str(ref.get("item") or "")))
        if key in seen:
            continue
        seen.append(key)
        if is_hit(ref, case):
            return len(seen)
    return None


def recall_at_k(rank: int | None, k: int) -> float:
    return 1.0 if rank is not None and rank <= k else 0.0


def reciprocal_rank(rank: int | None) -> float:
    return 1.0 / rank if rank else 0.0


def citation_hit(citations: Sequence[Ref], case: QuestionCase) -> bool:
    return any(is_hit(c, case) for c in citations)


def citation_precision(citations: Sequence[Ref], case: QuestionCase) -> float | None:
    """Share of the citations that point at an expected item; None without citations."""
    if not citations:
        return None
    return sum(is_hit(c, case) for c in citations) / len(citations)


def fact_recall(text: str, facts: Iterable[str]) -> float | None:
    """Share of expected facts found in `text` as substrings; None when none are expected."""
    facts = [f for f in facts if f.strip()]
    if not facts:
        return None
    hay = normalise_text(text)
    return sum(normalise_text(f) in hay for f in facts) / len(facts)


def response_text(response: Mapping[str, Any]) -> str:
    """What the user reads: the answer and the quotes of its citations."""
    quotes = [str(c.get("quote") or "") for c in response.get("citations") or []]
    return "\n".join([str(response.get("answer") or ""), *quotes])


def score_case(case: QuestionCase, response: Mapping[str, Any]) -> dict[str, Any]:
    """One row of the report: the case, what came back, and its per-case metrics."""
    citations = list(response.get("citations") or [])
    answered = bool(response.get("answered"))
    row: dict[str, Any] = {
        "id": case.id, "question": case.question, "answerable": case.answerable,
        "tags": case.tags, "answered": answered, "mode": response.get("mode"),
        "cited": [f"{c.get('meeting_date')} {c.get('body')} {c.get('item')}" for c in citations],
        "answer": str(response.get("answer") or "")[:500],
    }
    if "error" in response:
        row["error"] = response["error"]
    if not case.answerable:
        row["refused"] = not answered and "error" not in response
        return row
    retrieved = response.get("retrieved")
    rank = first_hit_rank(retrieved, case) if retrieved is not None else None
    row.update({
        "hit_rank": rank,
        "retrieval_measured": retrieved is not None,
        "citation_hit": answered and citation_hit(citations, case),
        "citation_precision": citation_precision(citations, case) if answered else None,
        "fact_recall": fact_recall(response_text(response), case.expect_facts)
        if answered else (0.0 if case.expect_facts else None),
    })
    return row


# -- totals ------------------------------------------------------------------------------------
def _mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return round(sum(vals) / len(vals), 4) if vals else None


def aggregate(rows: Sequence[Mapping[str, Any]]) -> dict[str, float | int | None]:
    """Totals over scored rows; a metric with nothing to measure is None, never 0."""
    ans = [r for r in rows if r["answerable"]]
    unans = [r for r in rows if not r["answerable"]]
    measured = [r for r in ans if r.get("retrieval_measured")]
    out: dict[str, float | int | None] = {
        "questions": len(rows), "answerable": len(ans), "unanswerable": len(unans),
        "errors": sum(1 for r in rows if "error" in r),
    }
    for k in RECALL_KS:
        out[f"retrieval_recall_at_{k}"] = _mean(recall_at_k(r["hit_rank"], k) for r in measured)
    out["retrieval_mrr"] = _mean(reciprocal_rank(r["hit_rank"]) for r in measured)
    out["citation_hit_rate"] = _mean(float(r["citation_hit"]) for r in ans)
    out["citation_precision"] = _mean(r["citation_precision"] for r in ans)
    out["fact_recall"] = _mean(r["fact_recall"] for r in ans)
    out["refusal_accuracy"] = _mean(float(r["refused"]) for r in unans)
    out["false_refusal_rate"] = _mean(float(not r["answered"]) for r in ans)
    # One number a change may not lower by trading: answering right, refusing right, citing right.
    parts = [out["citation_hit_rate"], out["refusal_accuracy"], out["citation_precision"]]
    values = [float(p) for p in parts if p is not None]
    out["answer_score"] = round(sum(values) / 3, 4) if len(values) == 3 else None
    return out


def by_tag(rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, float | int | None]]:
    """Citation hit rate and refusal accuracy per tag (en, near-miss, cross-meeting, ...)."""
    tags = sorted({t for r in rows for t in r.get("tags") or []})
    out: dict[str, dict[str, float | int | None]] = {}
    for tag in tags:
        agg = aggregate([r for r in rows if tag in (r.get("tags") or [])])
        out[tag] = {k: agg[k] for k in ("questions", "citation_hit_rate", "refusal_accuracy")}
    return out
