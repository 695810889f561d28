"""Fit the answer gate (`service/answer_gate.py`) on the dev split, never on test.

    referat eval --suite qa --split dev --report-dir /tmp/dev    # features of every case
    python -m evals.calibrate /tmp/dev/latest.json               # -> service/data/answer_gate.json

Positives: answerable dev questions whose right item was retrieved first (answering them
helps). Negatives: unanswerable dev questions and every leave-one-meeting-out question
(answering them is wrong). Answerable questions whose right item was not first are left out:
neither answering nor refusing them is right. A logistic regression (L2, Newton steps) gives
the weights; the threshold is the lowest that keeps the precision of the answers given at
PRECISION on dev, so the gate says what it promises.
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

PRECISION = 0.85
L2 = 0.5


def examples(report: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    suites = report.get("suites", {})
    if "qa_test" in suites or "qa" in suites and "qa_dev" not in suites:
        raise SystemExit("calibrate on a dev-split report only (referat eval --split dev)")
    dev = suites["qa_dev"]
    xs: list[list[float]] = []
    ys: list[int] = []
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
    for row in dev.get("lomo_cases", []):
        if row.get("gate"):
            xs.append([row["gate"]["features"][f] for f in FEATURES])
            ys.append(0)
    return np.array(xs, dtype=float), np.array(ys, dtype=float)


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton's method, bias unpenalised."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    reg = np.eye(xb.shape[1]) * L2
    reg[-1, -1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + reg @ w
        hess = xb.T @ (xb * (p * (1 - p))[:, None]) + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def choose_threshold(p: np.ndarray, y: np.ndarray, precision: float) -> float:
    """The lowest cut at which the answers given are at least `precision` right, with the
    classes weighed equally (dev holds more negatives than a user's questions do, since every
    answerable question also counts once as a leave-one-meeting-out negative)."""
    pos, neg = max(y.sum(), 1), max((1 - y).sum(), 1)
    for t in np.unique(np.round(p, 4)):
        answered = p >= t
        tp, fp = (answered & (y == 1)).sum() / pos, (answered & (y == 0)).sum() / neg
        if tp + fp and tp / (tp + fp) >= precision:
            return float(t)
    return 0.5


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("report", type=Path)
    ap.add_argument("--out", type=Path, default=MODEL)
    ap.add_argument("--precision", type=float, default=PRECISION)
    args = ap.parse_args(argv)
    x, y = examples(json.loads(args.report.read_text(encoding="utf-8")))
    if len(set(y.tolist())) < 2:
        print("need both positive and negative dev cases", file=sys.stderr)
        return 2
    w, b = fit(x, y)
    p = 1 / (1 + np.exp(-(x @ w + b)))
    t = choose_threshold(p, y, args.precision)
    answered = p >= t
    note = (f"fitted by evals/calibrate.py on {len(y)} dev cases ({int(y.sum())} positive); "
            f"threshold for precision {args.precision} on dev: answers {answered[y == 1].mean():.3f} "
            f"of positives, refuses {1 - answered[y == 0].mean():.3f} of negatives")
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
