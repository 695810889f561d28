"""The CI gate of `referat eval`: compare a report's metrics with evals/thresholds.yaml.

Thresholds are per answer mode, suite and metric: a bare number or {min: x} is a floor,
{max: x} a ceiling (for rates where lower is better), {ref: x, tolerance: t} a band below the
measured reference x ({lower: true}: above it). A selected suite whose thresholded
metric was not measured fails: "not measured" must never read as "passed".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def load_thresholds(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: expected a mapping mode -> suite -> metric -> threshold")
    return raw


def _rule(value: Any) -> dict[str, float]:
    if isinstance(value, int | float):
        return {"min": float(value)}
    if isinstance(value, dict) and set(value) <= {"min", "max"} and value:
        return {k: float(v) for k, v in value.items()}
    if isinstance(value, dict) and {"ref", "tolerance"} <= set(value) <= {"ref", "tolerance", "lower"}:
        # A tolerance band around the measured reference: a change may trade a little of one
        # metric for another, but not lose more than the band.
        ref, tol = float(value["ref"]), float(value["tolerance"])
        return {"max": ref + tol} if value.get("lower") else {"min": round(ref - tol, 4)}
    raise ValueError(f"bad threshold {value!r}: use a number, {{min: x}}, {{max: x}} "
                     "or {ref: x, tolerance: t[, lower: true]}")


def check_thresholds(report: dict[str, Any], thresholds: dict[str, Any]) -> list[dict[str, Any]]:
    """One result per thresholded metric of every suite the report ran."""
    results: list[dict[str, Any]] = []
    for suite, metrics in (thresholds.get(report.get("mode", "")) or {}).items():
        ran = report.get("suites", {}).get(suite)
        if ran is None:  # suite not selected in this run
            continue
        values = ran.get("metrics") or {}
        for metric, raw in (metrics or {}).items():
            rule = _rule(raw)
            value = values.get(metric)
            passed = value is not None and all(
                value >= limit if op == "min" else value <= limit for op, limit in rule.items()
            )
            results.append({"suite": suite, "metric": metric, "value": value, **rule,
                            "passed": passed})
    return results


def threshold_for(gate: list[dict[str, Any]], suite: str, metric: str) -> str:
    """'>= 0.9', '<= 0.1' or '' for the report table."""
    for g in gate:
        if g["suite"] == suite and g["metric"] == metric:
            parts = [f">= {g['min']:g}" if "min" in g else "", f"<= {g['max']:g}" if "max" in g else ""]
            return " ".join(p for p in parts if p)
    return ""
