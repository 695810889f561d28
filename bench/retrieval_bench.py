"""Retrieval benchmark: which ranking should the offline default use? For every answerable
golden question, the rank of the first excerpt from the right meeting and item, under
BM25 alone, the local dense model alone, and weighted RRF fusions of the two.

    .venv/bin/python bench/retrieval_bench.py [evals/golden/qa/dev.yaml] [--out PATH]

Writes the table to bench/results/retrieval.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _report import header, write  # noqa: E402

from service.meetings import ingest_upload  # noqa: E402
from service.retrieve import Filters, plan_query, retrieve  # noqa: E402
from service.settings import Settings  # noqa: E402
from service.wiring import build_services  # noqa: E402

CONFIGS = [("bm25 only", 0.0), ("rrf dense 0.3", 0.3), ("rrf dense 0.5", 0.5),
           ("rrf dense 1.0", 1.0), ("dense only", 1e6)]


def matches(excerpt, case: dict) -> bool:  # noqa: ANN001
    meeting = case.get("meeting") or {}
    if meeting.get("date") and excerpt.meeting_date != str(meeting["date"]):
        return False
    if meeting.get("body") and str(meeting["body"]).lower() not in excerpt.body.lower():
        return False
    items = [str(i) for i in case.get("expect_items") or []]
    return not items or excerpt.item in items


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("golden", type=Path, nargs="?",
                        default=ROOT / "evals" / "golden" / "qa" / "dev.yaml")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    golden = args.golden
    raw = yaml.safe_load(golden.read_text(encoding="utf-8"))
    cases = [c for c in (raw["questions"] if isinstance(raw, dict) else raw)
             if c.get("answerable", True)]
    with tempfile.TemporaryDirectory() as tmp:
        services = build_services(Settings(data_dir=Path(tmp)))
        for f in sorted((ROOT / "samples" / "minutes").rglob("*.txt")):
            ingest_upload(f.read_bytes(), filename=f.name, services=services)
        services.vectors.wait()  # vectors are computed in the background after an upload
        lines = header("Retrieval benchmark: BM25 vs local dense vs RRF fusion")
        lines += [f"{len(cases)} answerable questions from {golden.name}", "",
                  "| ranking | top-1 | top-3 | MRR@10 | ms/question |", "| --- | --- | --- | --- | --- |"]
        for name, weight in CONFIGS:
            services.settings.dense_weight = weight
            lexical_weight = 0.0 if weight > 1e3 else 1.0
            ranks, t0 = [], time.perf_counter()
            for case in cases:
                hits = retrieve(plan_query(case["question"]), services=services, filters=Filters(),
                                top_k=10, lexical_weight=lexical_weight)
                ranks.append(next((r for r, h in enumerate(hits, 1) if matches(h.chunk, case)), None))
            ms = (time.perf_counter() - t0) * 1000 / len(cases)
            top1 = sum(r == 1 for r in ranks) / len(ranks)
            top3 = sum(r is not None and r <= 3 for r in ranks) / len(ranks)
            mrr = sum(1 / r for r in ranks if r) / len(ranks)
            lines.append(f"| {name} | {top1:.0%} | {top3:.0%} | {mrr:.3f} | {ms:.1f} |")
    write("retrieval.md", lines, args.out)


if __name__ == "__main__":
    main()
