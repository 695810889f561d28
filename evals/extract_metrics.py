"""Extraction eval: golden YAML → the same function the API calls → scores → thresholds.

Matching rule for action items (stated here so scores can be read): a predicted and a
golden item match when they have the same agenda number and their task wording is close:
the Dice overlap 2|A∩B|/(|A|+|B|) of content-word sets is at least 0.5, where words are
lowercased, stop words dropped, Snowball-Norwegian stemmed and cut to 5 characters. Pairs
are taken greedily, best score first, each item used once. Board proposals match exactly
on number and title (whitespace and dashes normalised); decisions on item and status.

Run: python -m evals.extract_metrics [--json] [golden.yaml ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from index.stem import stem

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "evals" / "golden" / "extract"
MATCH_AT = 0.5
# Action items are few per document (3-6), so their bar applies to the pooled counts over
# all golden minutes; decisions and board proposals are held per document.
POOLED_THRESHOLDS = {"precision": 0.8, "recall": 0.8}
THRESHOLDS = {"decision_accuracy": 0.8, "board_proposal_recall": 1.0}
_STOP = set("""og i på til av for med om å en et ei den det de som er var ble blir at har skal vil
kan må fra seg sin sine sitt så der da også samt eller etter før innen under over ved hos mot uten
alle blant annet dette disse hver hvor inn ut opp ned nå igjen""".split())


@dataclass
class Scores:
    document: str
    action_gold: int = 0
    action_predicted: int = 0
    action_matched: int = 0
    action_precision: float = 0.0
    action_recall: float = 0.0
    action_f1: float = 0.0
    due_accuracy: float | None = None  # among matched pairs whose golden item has a due
    decision_accuracy: float = 1.0
    decision_precision: float = 1.0
    board_meeting_ok: bool = True
    board_proposal_recall: float = 1.0
    board_proposal_precision: float = 1.0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)


def content_words(text: str) -> set[str]:
    words = re.findall(r"[0-9a-zæøåéèöü]+", text.lower())
    return {stem(w)[:5] for w in words if w not in _STOP}


def similarity(a: str, b: str) -> float:
    x, y = content_words(a), content_words(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def norm_item(item: object) -> str:
    text = re.sub(r"\s+", " ", str(item)).strip().casefold()
    return re.sub(r"^sak\s+", "", text)


def match_actions(golden: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> list[tuple[int, int, float]]:
    """One-to-one pairs (golden index, predicted index, score), greedy best-first."""
    candidates = sorted(
        ((similarity(g["task"], p["task"]), gi, pi)
         for gi, g in enumerate(golden) for pi, p in enumerate(predicted)
         if norm_item(g["item"]) == norm_item(p["item"])),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for score, gi, pi in candidates:
        if score >= MATCH_AT and gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi, score))
    return pairs


def score(golden: dict[str, Any], response: dict[str, Any]) -> Scores:
    s = Scores(document=str(golden["document"]))
    gold_actions, pred_actions = golden.get("action_items") or [], response["action_items"]
    pairs = match_actions(gold_actions, pred_actions)
    s.action_gold, s.action_predicted, s.action_matched = len(gold_actions), len(pred_actions), len(pairs)
    s.action_precision = len(pairs) / len(pred_actions) if pred_actions else float(not gold_actions)
    s.action_recall = len(pairs) / len(gold_actions) if gold_actions else 1.0
    total = s.action_precision + s.action_recall
    s.action_f1 = 2 * s.action_precision * s.action_recall / total if total else 0.0
    with_due = [(gi, pi) for gi, pi, _ in pairs if gold_actions[gi].get("due") is not None]
    if with_due:
        s.due_accuracy = sum(_same_due(gold_actions[gi]["due"], pred_actions[pi]["due"])
                             for gi, pi in with_due) / len(with_due)
    matched_g, matched_p = {gi for gi, _, _ in pairs}, {pi for _, pi, _ in pairs}
    s.misses = [f"[{g['item']}] {g['task']}" for i, g in enumerate(gold_actions) if i not in matched_g]
    s.extras = [f"[{p['item']}] {p['task']}" for i, p in enumerate(pred_actions) if i not in matched_p]
    gold_dec = {(norm_item(d["item"]), d["status"]) for d in golden.get("decisions") or []}
    pred_dec = {(norm_item(d["item"]), d["status"]) for d in response["decisions"]}
    if gold_dec:
        s.decision_accuracy = len(gold_dec & pred_dec) / len(gold_dec)
    if pred_dec:
        s.decision_precision = len(gold_dec & pred_dec) / len(pred_dec)
    s.board_meeting_ok = _same_board(golden.get("board_meeting"), response.get("board_meeting"))
    gold_bp = {_proposal_key(p) for p in golden.get("board_proposals") or []}
    pred_bp = {_proposal_key(p) for p in response.get("board_proposals") or []}
    if gold_bp:
        s.board_proposal_recall = len(gold_bp & pred_bp) / len(gold_bp)
    if pred_bp:
        s.board_proposal_precision = len(gold_bp & pred_bp) / len(pred_bp)
    return s


def evaluate(path: Path, *, llm: Any = None) -> Scores:
    from index.readers import read_document
    from service.extract.flow import extract_from_text

    golden = yaml.safe_load(path.read_text(encoding="utf-8"))
    document = ROOT / golden["document"]
    response = extract_from_text(read_document(document), llm=llm, source_file=document.name)
    return score(golden, response.model_dump())


def pooled(results: list[Scores]) -> dict[str, float]:
    """Action-item precision/recall/F1 over the summed counts of several documents."""
    matched = sum(r.action_matched for r in results)
    gold, predicted = sum(r.action_gold for r in results), sum(r.action_predicted for r in results)
    p = matched / predicted if predicted else float(not gold)
    r = matched / gold if gold else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def failures(s: Scores) -> list[str]:
    return [f"{name} {getattr(s, name):.2f} < {floor}" for name, floor in THRESHOLDS.items()
            if getattr(s, name) < floor] + ([] if s.board_meeting_ok else ["board meeting differs"])


def _same_due(gold: object, pred: object) -> bool:
    gold_s = gold.isoformat() if isinstance(gold, dt.date) else str(gold)
    return pred is not None and gold_s.strip().lower() == str(pred).strip().lower()


def _same_board(gold: dict[str, Any] | None, pred: dict[str, Any] | None) -> bool:
    if not gold or not pred:
        return not gold and not pred
    return all(_same_due(gold.get(k), pred.get(k)) if gold.get(k) is not None else pred.get(k) is None
               for k in ("date", "time", "place"))


def _proposal_key(p: dict[str, Any]) -> tuple[str, str]:
    title = re.sub(r"\s+", " ", str(p["title"]).replace("–", "-").replace("—", "-")).strip().casefold()
    return str(p["number"]).strip(), title


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.extract_metrics", description=__doc__)
    parser.add_argument("golden", nargs="*", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    paths = args.golden or sorted(GOLDEN_DIR.glob("*.yaml"))
    results = [evaluate(p) for p in paths]
    total = pooled(results)
    failed = [(r.document, f) for r in results for f in failures(r)]
    failed += [("pooled", f"action {k} {total[k]:.2f} < {floor}")
               for k, floor in POOLED_THRESHOLDS.items() if total[k] < floor]
    if args.json:
        print(json.dumps({"documents": [asdict(r) for r in results], "pooled": total},
                         ensure_ascii=False, indent=2))
    else:
        for r in results:
            due = "-" if r.due_accuracy is None else f"{r.due_accuracy:.2f}"
            print(f"{Path(r.document).name:42} actions P {r.action_precision:.2f} R {r.action_recall:.2f} "
                  f"F1 {r.action_f1:.2f} due {due} | decisions {r.decision_accuracy:.2f} "
                  f"(prec {r.decision_precision:.2f}) | board {'ok' if r.board_meeting_ok else 'DIFF'}"
                  f" proposals R {r.board_proposal_recall:.2f} P {r.board_proposal_precision:.2f}")
            for miss in r.misses:
                print(f"    missed: {miss}")
            for extra in r.extras:
                print(f"    extra:  {extra}")
        print(f"{'pooled':42} actions P {total['precision']:.2f} R {total['recall']:.2f} "
              f"F1 {total['f1']:.2f}  (match: same item, Dice >= {MATCH_AT})")
        for document, f in failed:
            print(f"FAIL {document}: {f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
