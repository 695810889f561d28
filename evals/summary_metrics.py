"""Summary golden cases and their metrics: the scoring step of `referat eval --suite summary`.

Each case's transcript goes through `POST /v1/summaries` (the API users call) and the answer
is scored: agenda coverage, key-point recall, unsupported-bullet rate and ROUGE-1/2/L.

Key-point rule: a key point matches when at least 60% of its content tokens (lowercased,
stopwords removed, cut to their first 5 letters so "tiltakene"/"tiltak" and
"delregionene"/"delregionenes" meet) appear in ONE bullet (summary bullets, decisions or
action items) or in the prose summary. The same rule decides whether a bullet is supported
by the text of the turns it cites.

Per dataset (`by_dataset` in the suite's result): for the cases with a reference, grouped by
their `dataset`, the mean ROUGE-1/2/L F1 (x100) over the meetings scored, beside the published
figures for that dataset from `evals/published_rouge.yaml` (data, with the set they were
measured on). The totals' `rouge1`/`rouge2`/`rougeL` stay the mean over all scored cases.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator
from rouge_score import rouge_scorer
from tqdm import tqdm

from service.summarize.text import SPOKEN_STOP
from service.transcripts import parse_transcript

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "evals" / "golden" / "summaries.yaml"
PUBLISHED = ROOT / "evals" / "published_rouge.yaml"
ROUGE = ("rouge1", "rouge2", "rougeL")
MATCH = 0.6
PREFIX = 5
_WORD = re.compile(r"[0-9a-zæøåäöéü]+", re.IGNORECASE)


class SummaryCase(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str
    dataset: str | None = None  # groups cases with a reference in the per-dataset ROUGE table
    path: Path
    format: str | None = None
    agenda: Path | None = None
    expected_items: list[str] = Field(default_factory=list)  # agenda numbers as written
    key_points: list[str] = Field(default_factory=list)
    reference: Path | None = None  # a human-written summary or minutes
    reference_kind: str = "prose"  # prose: compare with `summary`; minutes: with the bullets
    gate: bool = True  # counts toward the recall and coverage thresholds

    @field_validator("expected_items", mode="before")
    @classmethod
    def _as_strings(cls, v: Any) -> Any:
        return [str(x) for x in v] if isinstance(v, list) else v


class PublishedSystem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    system: str
    rouge1: float
    rouge2: float
    rougeL: float


class PublishedSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    evaluated_on: str  # the set (and task) the published figures were measured on
    systems: list[PublishedSystem] = Field(default_factory=list)


def load_published(path: Path | None = None) -> dict[str, PublishedSet]:
    """Published ROUGE per dataset name; an absent file means no published figures."""
    path = path or PUBLISHED
    if not path.exists():
        return {}
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: expected a mapping of dataset name to published figures")
    return {str(name): PublishedSet.model_validate(v) for name, v in raw.items()}


def load_cases(path: Path) -> list[SummaryCase]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw = raw.get("cases") if isinstance(raw, dict) else raw
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{path}: expected a non-empty list of summary cases")
    cases = [SummaryCase.model_validate(c) for c in raw]
    for case in cases:  # paths are relative to the golden file, else to the repository
        for name in ("path", "agenda", "reference"):
            p = getattr(case, name)
            if p is not None and not p.is_absolute():
                local = (path.parent / p).resolve()
                setattr(case, name, local if local.exists() else (ROOT / p).resolve())
    return cases


# -- the matching rule --------------------------------------------------------------------
def _stop() -> frozenset[str]:
    from index.analyze import stopwords

    return stopwords() | SPOKEN_STOP


def key_tokens(text: str) -> set[str]:
    stop = _stop()
    return {w[:PREFIX] for w in (m.group(0).lower() for m in _WORD.finditer(text))
            if w not in stop and len(w) > 1}


def supported(point: str, text: str, *, threshold: float = MATCH) -> bool:
    need = key_tokens(point)
    return bool(need) and len(need & key_tokens(text)) / len(need) >= threshold


def all_bullets(response: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for item in response.get("items", [])
            for key in ("bullets", "decisions", "actions") for b in item.get(key, [])]


def key_point_hits(points: Sequence[str], response: dict[str, Any]) -> list[bool]:
    texts = [b["text"] for b in all_bullets(response)] + [response.get("summary", "")]
    return [any(supported(p, t) for t in texts) for p in points]


def _norm_item(item: str) -> str:
    return re.sub(r"\s+|[.:]$", "", item.lower()).lstrip("0")


def agenda_coverage(expected: Sequence[str], response: dict[str, Any]) -> float | None:
    """Share of expected items that the draft has, found in the transcript, with a bullet."""
    if not expected:
        return None
    got = {_norm_item(i["number"]) for i in response.get("items", [])
           if i.get("turns") is not None and (i.get("bullets") or i.get("decisions"))}
    return sum(_norm_item(e) in got for e in expected) / len(expected)


def unsupported_rate(response: dict[str, Any], turns: Sequence[str]) -> float | None:
    """Bullets whose cited turn span does not support them (or cites turns that do not exist)."""
    bullets = all_bullets(response)
    if not bullets:
        return None
    bad = 0
    for b in bullets:
        start, end = b["turns"]
        span = " ".join(turns[start:end + 1]) if 0 <= start <= end < len(turns) else ""
        text = re.sub(r"^[^:]{2,60}:\s", "", b["text"])  # "Name: ..." attribution of actions
        bad += not supported(text, span)
    return bad / len(bullets)


# -- ROUGE --------------------------------------------------------------------------------
class Tokenizer:
    """rouge-score's default tokenizer drops æøå; this one keeps them (lowercased words)."""

    def tokenize(self, text: str) -> list[str]:
        return [m.group(0).lower() for m in _WORD.finditer(text)]


def rouge(prediction: str, reference: str) -> dict[str, float]:
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=Tokenizer())
    scores = scorer.score(reference, prediction)
    return {name: round(100 * s.fmeasure, 2) for name, s in scores.items()}


def bullets_text(response: dict[str, Any]) -> str:
    return "\n".join(b["text"] for b in all_bullets(response))


# -- scoring a case and a suite -------------------------------------------------------------
def score_case(case: SummaryCase, response: dict[str, Any], transcript_text: str) -> dict[str, Any]:
    # "speaker: text", so an action item naming who committed is supported by that turn
    turns = [f"{t.speaker}: {t.text}" for t in parse_transcript(
        transcript_text, fmt=case.format, filename=case.path.name).turns]
    hits = key_point_hits(case.key_points, response)
    row: dict[str, Any] = {
        "id": case.id, "dataset": case.dataset, "mode": response.get("mode"), "gate": case.gate,
        "items": len(response.get("items", [])), "bullets": len(all_bullets(response)),
        "summary_words": len(response.get("summary", "").split()),
        "agenda_coverage": agenda_coverage(case.expected_items, response),
        "key_point_recall": sum(hits) / len(hits) if hits else None,
        "missed_key_points": [p for p, h in zip(case.key_points, hits, strict=True) if not h],
        "unsupported_bullet_rate": unsupported_rate(response, turns),
    }
    if case.reference is not None:
        reference = case.reference.read_text(encoding="utf-8")
        prose = case.reference_kind == "prose"
        prediction = response.get("summary", "") if prose else bullets_text(response)
        row["compared"] = "summary" if prose else "bullets"
        row.update(rouge(prediction, reference))
    return row


def _mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return round(sum(vals) / len(vals), 4) if vals else None


def aggregate(rows: Sequence[dict[str, Any]]) -> dict[str, float | None]:
    gated = [r for r in rows if r["gate"] and "error" not in r]
    ok = [r for r in rows if "error" not in r]
    return {
        "agenda_coverage": _mean(r["agenda_coverage"] for r in gated),
        "key_point_recall": _mean(r["key_point_recall"] for r in gated),
        "min_key_point_recall": min((r["key_point_recall"] for r in gated
                                     if r["key_point_recall"] is not None), default=None),
        "unsupported_bullet_rate": _mean(r["unsupported_bullet_rate"] for r in ok),
        "rouge1": _mean(r.get("rouge1") for r in ok),
        "rouge2": _mean(r.get("rouge2") for r in ok),
        "rougeL": _mean(r.get("rougeL") for r in ok),
        "errors": float(len(rows) - len(ok)),
    }


def by_dataset(rows: Sequence[dict[str, Any]],
               published: dict[str, PublishedSet] | None = None) -> list[dict[str, Any]]:
    """Mean ROUGE-1/2/L F1 (x100) per dataset over the scored cases with a reference, in the
    order the datasets first appear, each with that dataset's published figures."""
    published = published or {}
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        if "error" not in r and r.get("rouge1") is not None:
            groups.setdefault(r.get("dataset") or "other", []).append(r)
    out = []
    for name, group in groups.items():
        pub = published.get(name)
        means = {m: round(sum(r[m] for r in group) / len(group), 2) for m in ROUGE}
        out.append({
            "dataset": name, "meetings": len(group),
            "compared": "/".join(sorted({str(r.get("compared", "summary")) for r in group})),
            **means,
            "published": [s.model_dump() for s in pub.systems] if pub else [],
            "published_on": pub.evaluated_on if pub else None,
        })
    return out


def request_body(case: SummaryCase, *, mode: str) -> dict[str, Any]:
    body: dict[str, Any] = {"transcript": _transcript_text(case.path), "format": case.format}
    if case.agenda is not None:
        body["agenda"] = case.agenda.read_text(encoding="utf-8")
    if mode in ("llm", "offline"):
        body["mode"] = mode
    return body


def _transcript_text(path: Path) -> str:
    if path.suffix.lower() == ".docx":
        from service.transcripts import docx_text

        return docx_text(path.read_bytes())
    return path.read_text(encoding="utf-8")


def run_suite(client: Any, *, golden: Path | None = None, mode: str = "extractive",
              limit: int | None = None, progress: bool = True, docs: Any = None,
              published: Path | None = None) -> dict[str, Any]:
    """Post every case to /v1/summaries and score it; the eval runner's entry point."""
    path = golden or GOLDEN
    cases = load_cases(path)[:limit] if limit else load_cases(path)
    pub = load_published(published)  # a bad file fails before any case is run
    api_mode = "llm" if mode == "llm" else "offline"
    rows = []
    for case in tqdm(cases, desc="summary", unit="case", disable=not progress, file=sys.stderr):
        body = request_body(case, mode=api_mode)
        r = client.post("/v1/summaries", json=body)
        if r.status_code != 200:
            rows.append({"id": case.id, "dataset": case.dataset, "gate": case.gate,
                         "error": f"HTTP {r.status_code}: {r.text[:300]}"})
            continue
        rows.append(score_case(case, r.json(), body["transcript"]))
    return {"golden": str(path), "metrics": aggregate(rows), "cases": rows,
            "by_dataset": by_dataset(rows, pub),
            "published": str(published or PUBLISHED)}
