"""Fit the answer gate (`service/answer_gate.py`) on the dev split, never on test.

    referat eval --suite qa --split dev --report-dir /tmp/dev    # features of every case
    python -m evals.calibrate /tmp/dev/latest.json               # -> service/data/answer_gate.json

Positives: answerable dev questions whose right item was retrieved first (answering them
helps). Negatives: unanswerable dev questions and every leave-one-meeting-out question
(answering them is wrong); the three kinds weigh equally. Answerable questions whose right item was not first are left out:
neither answering nor refusing them is right. A logistic regression (L2, Newton steps) gives
the weights; the threshold is the one with the best balanced accuracy over the three kinds
on dev, judged over a window of neighbouring cuts (or, with --precision P, the lowest whose
answers are P right), and the note it writes states the rates it gives on dev, so the gate
says what it promises.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np

from service.answer_gate import FEATURES, MODEL

L2 = 0.5
SMOOTHING = 0.05  # half-width of the window a threshold is judged over


def writer(case_id: str) -> str:
    """Who wrote a golden question: each writer's ids share a prefix ("d4-017", "kg-03")."""
    return case_id.split("-", 1)[0]


def examples_by_writer(report: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                        np.ndarray]:
    """Features, labels, each case's kind (0 answerable, 1 written unanswerable, 2
    leave-one-meeting-out), and the writer of each case's question."""
    suites = report.get("suites", {})
    if "qa_test" in suites or "qa" in suites and "qa_dev" not in suites:
        raise SystemExit("calibrate on a dev-split report only (referat eval --split dev)")
    dev = suites["qa_dev"]
    xs: list[list[float]] = []
    ys: list[int] = []
    kinds: list[int] = []
    writers: list[str] = []
    for row in dev["cases"]:
        gate = row.get("gate")
        if not gate:
            continue
        if row["answerable"]:
            if row.get("hit_rank") != 1:
                continue
            label = 1
        else:
            label = 0
        xs.append([gate["features"][f] for f in FEATURES])
        ys.append(label)
        kinds.append(0 if label else 1)
        writers.append(writer(row["id"]))
    for row in dev.get("lomo_cases", []):
        if row.get("gate"):
            xs.append([row["gate"]["features"][f] for f in FEATURES])
            ys.append(0)
            kinds.append(2)
            writers.append(writer(row["id"]))
    return (np.array(xs, dtype=float), np.array(ys, dtype=float), np.array(kinds),
            np.array(writers))


def leave_one_writer_out(x: np.ndarray, y: np.ndarray, kinds: np.ndarray,
                         writers: np.ndarray) -> dict[str, tuple[float, float, float]]:
    """For each writer: the gate fitted on everyone else's questions (weights and cut), scored
    on that writer's: the share of their answerable questions answered, of their written
    unanswerable ones refused, of their leave-one-meeting-out ones refused (nan where they
    have none). A blind test writer is another writer: this is how dev can guess at it,
    where a random split puts one writer's habits on both sides."""
    out: dict[str, tuple[float, float, float]] = {}
    for held, answered in _held_out_answers(x, y, kinds, writers).items():
        test = writers == held
        out[held] = (_share(answered, kinds[test], 0, refused=False),
                     _share(answered, kinds[test], 1, refused=True),
                     _share(answered, kinds[test], 2, refused=True))
    return out


def pooled_writer_out(x: np.ndarray, y: np.ndarray, kinds: np.ndarray,
                      writers: np.ndarray) -> tuple[float, float, float]:
    """The same held-out decisions pooled over all questions: a writer of two questions
    weighs as two questions, not as a twelfth of the mean."""
    answered = np.zeros(len(y), dtype=bool)
    for held, decided in _held_out_answers(x, y, kinds, writers).items():
        answered[writers == held] = decided
    return (_share(answered, kinds, 0, refused=False), _share(answered, kinds, 1, refused=True),
            _share(answered, kinds, 2, refused=True))


def _held_out_answers(x: np.ndarray, y: np.ndarray, kinds: np.ndarray,
                      writers: np.ndarray) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for held in sorted(set(writers.tolist())):
        train, test = writers != held, writers == held
        if len(set(y[train].tolist())) < 2:
            continue
        w, b = fit(x[train], y[train], kind_weights(kinds[train]))
        cut = choose_threshold(_sigmoid(x[train] @ w + b), y[train], kinds[train])
        out[held] = _sigmoid(x[test] @ w + b) >= cut
    return out


def _share(answered: np.ndarray, kinds: np.ndarray, kind: int, *, refused: bool) -> float:
    sel = answered[kinds == kind]
    return float("nan") if not len(sel) else float((~sel if refused else sel).mean())


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(z, -30, 30)))


def kind_weights(kinds: np.ndarray) -> np.ndarray:
    """Each kind weighs as much in total as the others: the written unanswerable questions
    are few but are what `refusal_accuracy` measures; leave-one-meeting-out ones are many."""
    counts = np.bincount(kinds, minlength=3).astype(float)
    return np.array([len(kinds) / (3 * counts[k]) for k in kinds])


def fit(x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """Weighted logistic regression by Newton's method, bias unpenalised."""
    sw = np.ones(len(y)) if weights is None else weights
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    reg = np.eye(xb.shape[1]) * L2
    reg[-1, -1] = 0.0
    for _ in range(50):
        p = _sigmoid(xb @ w)
        grad = xb.T @ (sw * (p - y)) + reg @ w
        hess = xb.T @ (xb * (sw * p * (1 - p))[:, None]) + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def choose_threshold(p: np.ndarray, y: np.ndarray, kinds: np.ndarray,
                     precision: float | None = None) -> float:
    """The cut with the best balanced accuracy over the three kinds (answer the answerable,
    refuse the written unanswerable, refuse leave-one-meeting-out), averaged over the cuts
    near it; or with `precision`, the lowest cut whose answers are that often right, the
    kinds weighed equally."""
    w = kind_weights(kinds)
    if precision is not None:
        for t in np.unique(np.round(p, 4)):
            answered = p >= t
            right, wrong = (w * (answered & (y == 1))).sum(), (w * (answered & (y == 0))).sum()
            if right + wrong and right / (right + wrong) >= precision:
                return float(t)
        return 1.0

    def balanced(t: float) -> float:
        answered = p >= t
        return float(np.mean([answered[kinds == 0].mean(), 1 - answered[kinds == 1].mean(),
                              1 - answered[kinds == 2].mean()]))

    # With some 60 written unanswerable questions one more refused moves the score by 0.016:
    # the best single cut is partly luck. The cut taken is the one whose neighbourhood
    # (SMOOTHING either side) scores best on average.
    grid = np.round(np.arange(0.05, 0.95, 0.005), 3)
    scores = np.array([balanced(t) for t in grid])
    smoothed = [scores[np.abs(grid - t) <= SMOOTHING + 1e-9].mean() for t in grid]
    return float(grid[int(np.argmax(smoothed))])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("report", type=Path)
    ap.add_argument("--out", type=Path, default=MODEL)
    ap.add_argument("--precision", type=float, default=None,
                    help="instead of the best balanced accuracy, the lowest cut whose answers "
                         "are this often right")
    ap.add_argument("--by-writer", action="store_true",
                    help="only report leave-one-writer-out rates; write no model")
    args = ap.parse_args(argv)
    x, y, kinds, writers = examples_by_writer(json.loads(args.report.read_text(encoding="utf-8")))
    if args.by_writer:
        rates = leave_one_writer_out(x, y, kinds, writers)
        for name, (answers, refuses, lomo) in rates.items():
            print(f"  {name:>6}  answers {answers:.3f}  refuses {refuses:.3f}  "
                  f"leave-one-meeting-out {lomo:.3f}")
        mean = np.nanmean(np.array(list(rates.values())), axis=0)
        print(f"  {'mean':>6}  answers {mean[0]:.3f}  refuses {mean[1]:.3f}  "
              f"leave-one-meeting-out {mean[2]:.3f}  balanced {np.mean(mean):.3f}")
        pooled = pooled_writer_out(x, y, kinds, writers)
        print(f"  {'pooled':>6}  answers {pooled[0]:.3f}  refuses {pooled[1]:.3f}  "
              f"leave-one-meeting-out {pooled[2]:.3f}  balanced {np.mean(pooled):.3f}")
        return 0
    if len(set(y.tolist())) < 2:
        print("need both positive and negative dev cases", file=sys.stderr)
        return 2
    w, b = fit(x, y, kind_weights(kinds))
    p = _sigmoid(x @ w + b)
    t = choose_threshold(p, y, kinds, args.precision)
    answered = p >= t
    rule = (f"precision {args.precision}" if args.precision is not None
            else "the best balanced accuracy")
    note = (f"fitted by evals/calibrate.py on {len(y)} dev cases ({int(y.sum())} positive); "
            f"threshold for {rule} on dev (kinds weighed equally): answers "
            f"{answered[kinds == 0].mean():.3f} of positives, refuses "
            f"{1 - answered[kinds == 1].mean():.3f} of written unanswerable and "
            f"{1 - answered[kinds == 2].mean():.3f} of leave-one-meeting-out questions")
    args.out.write_text(json.dumps({
        "features": list(FEATURES), "weights": [round(float(v), 4) for v in w],
        "bias": round(b, 4), "threshold": round(t, 4), "note": note}, indent=1) + "\n",
        encoding="utf-8")
    print(note)
    for name, weight in zip(FEATURES, w, strict=True):
        print(f"  {name:>15} {weight:+.3f}")
    print(f"  {'bias':>15} {b:+.3f}   threshold {t:.3f}   ({math.fsum(y)} / {len(y)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
