"""ROUGE-1/2/L of the summarizer on real meeting transcripts with human references, beside
the published figures: QMSum committee ("Summarize the whole meeting." answer), ELITR
(minutes.txt) and AMI (gold abstract). Writes the table to bench/results/rouge.md.

    python bench/rouge_transcripts.py [--shared ../shared/transcripts] [--mode offline|llm]

English references, so ROUGE uses rouge-score's tokenizer with the Porter stemmer, as the
published figures do. `summary` is the prose overview (max_words as given, default 150);
`bullets` is every drafted bullet (summary points, decisions, action items) joined.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from rouge_score import rouge_scorer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.settings import Settings  # noqa: E402
from service.summarize.flow import summarize_transcript  # noqa: E402
from service.summarize.schema import SummaryRequest  # noqa: E402

PUBLISHED = {
    "qmsum": "HMNet (gold spans) 36.51 / 11.41 / 31.60; LTRSum 38.82 / 14.11 / 34.45 "
             "(QMSum test, all domains, query-based; committee-only not published)",
    "elitr": "AutoMin 2021 system MTS 18.0 / 3.5 / 9.8 (AutoMin test set)",
    "ami": "none for these three meetings' abstracts (AMI abstractive summaries are usually "
           "reported on the full test set)",
}
Case = tuple[str, str, str | None, str]  # id, transcript text, format, reference


def qmsum(shared: Path) -> Iterator[Case]:
    path = shared / "qmsum" / "committee_val.jsonl"
    for n, line in enumerate(path.open(encoding="utf-8")):
        m = json.loads(line)
        turns = [{"speaker": t["speaker"], "content": t["content"]} for t in m["meeting_transcripts"]]
        ref = next(q["answer"] for q in m["general_query_list"] if "whole meeting" in q["query"].lower())
        yield f"qmsum-committee-val-{n}", json.dumps(turns), "json", ref


def elitr(shared: Path) -> Iterator[Case]:
    for folder in sorted((shared / "elitr").iterdir()):
        yield (f"elitr-{folder.name}", (folder / "transcript.txt").read_text(encoding="utf-8"),
               "text", (folder / "minutes.txt").read_text(encoding="utf-8"))


def ami(shared: Path) -> Iterator[Case]:
    for folder in sorted(p for p in (shared / "ami").iterdir() if p.is_dir()):
        lines = (folder / "conv_by_topic.txt").read_text(encoding="utf-8").splitlines()
        text = "\n".join(ln for ln in lines if ln.strip() and not ln.startswith("topic_description"))
        root = ET.parse(folder / f"{folder.name}.abssumm.xml").getroot()
        ref = " ".join(re.sub(r"\s+", " ", s.text or "").strip()
                       for el in root if el.tag == "abstract" for s in el)
        yield f"ami-{folder.name}", text, "text", ref


def run(shared: Path, *, mode: str, max_words: int) -> tuple[list[dict[str, object]], str]:
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    settings = Settings()
    llm = None
    if mode == "llm":
        from service.wiring import make_llm

        llm = make_llm(settings)
        if llm is None:
            raise SystemExit("--mode llm needs a model: set REFERAT_LLM_MODEL (and "
                             "REFERAT_LLM_BASE_URL / REFERAT_LLM_API_KEY)")
    rows: list[dict[str, object]] = []
    for dataset, cases in (("qmsum", qmsum(shared)), ("elitr", elitr(shared)), ("ami", ami(shared))):
        for case_id, text, fmt, ref in cases:
            started = time.perf_counter()
            resp = summarize_transcript(SummaryRequest(transcript=text, format=fmt, max_words=max_words,
                                                       mode=mode), llm=llm, settings=settings)
            bullets = "\n".join(b.text for i in resp.items for b in i.bullets + i.decisions + i.actions)
            row: dict[str, object] = {"dataset": dataset, "id": case_id,
                                      "seconds": round(time.perf_counter() - started, 2)}
            for kind, prediction in (("summary", resp.summary), ("bullets", bullets)):
                for name, score in scorer.score(ref, prediction).items():
                    row[f"{kind}_{name}"] = 100 * score.fmeasure
            rows.append(row)
            print(f"{case_id}: summary R1 {row['summary_rouge1']:.2f}  bullets R1 "
                  f"{row['bullets_rouge1']:.2f}  ({row['seconds']} s)", file=sys.stderr)
    return rows, resp.mode if rows else mode


def table(rows: list[dict[str, object]], *, mode: str, max_words: int) -> str:
    def triple(group: list[dict[str, object]], kind: str) -> str:
        vals = [sum(float(r[f"{kind}_{m}"]) for r in group) / len(group)  # type: ignore[arg-type]
                for m in ("rouge1", "rouge2", "rougeL")]
        return " / ".join(f"{v:.2f}" for v in vals)

    out = [f"# ROUGE-1/2/L (F1, x100) of Referat's summarizer, {mode} mode", "",
           f"Prose `summary` at max_words={max_words}; `bullets` = all drafted bullets. No agenda "
           "given (topics detected). rouge-score with the Porter stemmer. Produced by "
           "`python bench/rouge_transcripts.py`.", "",
           "| dataset | meetings | summary R1 / R2 / RL | bullets R1 / R2 / RL | published |",
           "| --- | --- | --- | --- | --- |"]
    for dataset in ("qmsum", "elitr", "ami"):
        group = [r for r in rows if r["dataset"] == dataset]
        if group:
            out.append(f"| {dataset} | {len(group)} | {triple(group, 'summary')} | "
                       f"{triple(group, 'bullets')} | {PUBLISHED[dataset]} |")
    out += ["", "| meeting | summary R1 / R2 / RL | bullets R1 / R2 / RL | seconds |",
            "| --- | --- | --- | --- |"]
    out += [f"| {r['id']} | {triple([r], 'summary')} | {triple([r], 'bullets')} | {r['seconds']} |"
            for r in rows]
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "transcripts")
    parser.add_argument("--mode", choices=["offline", "llm"], default="offline")
    parser.add_argument("--max-words", type=int, default=150)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "rouge.md")
    args = parser.parse_args()
    if not args.shared.is_dir():
        raise SystemExit(f"{args.shared}: no shared transcripts folder (pass --shared)")
    rows, mode = run(args.shared, mode=args.mode, max_words=args.max_words)
    text = table(rows, mode=mode, max_words=args.max_words)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
