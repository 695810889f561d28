"""Last step of the eval flow: write a run's report as JSON and markdown, print its table,
and compare two reports metric by metric (`referat eval --compare A.json B.json`).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from evals.gate import threshold_for

# Per-case columns shown in the markdown for QA; other suites show their own scalar fields.
QA_COLUMNS = ("id", "question", "answerable", "answered", "citation_hit", "hit_rank", "citation_precision",
              "fact_recall", "refused", "cited")
# Per-case columns of the summary suite: ROUGE is filled for the cases with a reference.
SUMMARY_COLUMNS = ("id", "dataset", "mode", "items", "bullets", "summary_words", "agenda_coverage",
                   "key_point_recall", "unsupported_bullet_rate", "compared", "rouge1", "rouge2",
                   "rougeL")
COUNTS = {"questions", "answerable", "unanswerable", "errors", "cases"}


def fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return str(value).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(v) for v in row) + " |" for row in rows]
    return lines


def totals_rows(report: dict[str, Any]) -> list[list[Any]]:
    """suite, metric, Referat, baseline, difference, threshold, status."""
    gate = report.get("gate", [])
    rows: list[list[Any]] = []
    for suite, result in report.get("suites", {}).items():
        if result.get("status") != "ok":
            rows.append([suite, result.get("status"), None, None, None, "", result.get("reason", "")])
            continue
        base = (result.get("baseline") or {}).get("metrics") or {}
        for metric, value in (result.get("metrics") or {}).items():
            other = base.get(metric)
            diff = value - other if isinstance(value, int | float) and isinstance(other, int | float) else None
            status = next(("ok" if g["passed"] else "FAIL" for g in gate
                           if g["suite"] == suite and g["metric"] == metric), "")
            rows.append([suite, metric, value, other, None if metric in COUNTS else diff,
                         threshold_for(gate, suite, metric), status])
    return rows


def render_table(report: dict[str, Any]) -> str:
    base = next((s["baseline"]["name"] for s in report.get("suites", {}).values()
                 if s.get("baseline")), "baseline")
    header = ["suite", "metric", "referat", base, "Δ", "threshold", "status"]
    verdict = "PASSED" if report.get("passed") else "FAILED"
    lines = _table(header, totals_rows(report))
    return "\n".join([*lines, "", f"{verdict} ({report.get('mode')} mode, {report.get('seconds')} s)"])


def render_markdown(report: dict[str, Any]) -> str:
    lines = [f"# Referat eval, {report.get('created')}", "",
             f"Mode **{report.get('mode')}** against {report.get('target')}; settings "
             f"`{json.dumps(report.get('settings', {}), ensure_ascii=False)}`.", "",
             "Documents: " + ", ".join(f"`{d}`" for d in report.get("documents", [])), "",
             "## Totals", "", render_table(report), ""]
    for suite, result in report.get("suites", {}).items():
        lines += [f"## {suite}", ""]
        if result.get("status") != "ok":
            lines += [f"{result.get('status')}: {result.get('reason', '')}", ""]
            continue
        lines += [f"Golden: `{result.get('golden', '')}`", ""]
        lines += [f"- warning: {w}" for w in result.get("warnings", [])]
        if result.get("by_tag"):
            tag_rows = [[tag, v["questions"], v["citation_hit_rate"], v["refusal_accuracy"],
                         _baseline_tag(result, tag)] for tag, v in result["by_tag"].items()]
            lines += ["", *_table(["tag", "questions", "citation_hit_rate", "refusal_accuracy",
                                   "baseline hit rate"], tag_rows), ""]
        if result.get("by_dataset"):
            lines += ["", *dataset_table(result["by_dataset"]), "", DATASET_NOTE, ""]
        for label, part in (("referat", result), ("baseline", result.get("baseline"))):
            if part and part.get("cases"):
                lines += [f"### Cases: {part.get('name', label)}", "",
                          *_case_table(part["cases"], suite), ""]
    return "\n".join(lines) + "\n"


def _baseline_tag(result: dict[str, Any], tag: str) -> Any:
    return ((result.get("baseline") or {}).get("by_tag") or {}).get(tag, {}).get("citation_hit_rate")


DATASET_NOTE = ("ROUGE-1/2/L: mean F1 x100 over the meetings; `compared` is the Referat output "
                "scored against the reference (prose `summary`, or all `bullets` against "
                "minutes). Published figures (`evals/published_rouge.yaml`) were measured on "
                "the sets named, not on these meetings, and with rouge-score's tokenizer and "
                "Porter stemmer; this suite's tokenizer keeps æøå and does not stem.")


def dataset_table(rows: list[dict[str, Any]]) -> list[str]:
    """Summary suite: per dataset, Referat's mean ROUGE beside the published figures."""
    header = ["dataset", "meetings", "compared", "Referat R1 / R2 / RL", "published R1 / R2 / RL",
              "published on"]
    return _table(header, [[r["dataset"], r["meetings"], r.get("compared"), _triple(r),
                            "; ".join(f"{p['system']} {_triple(p)}" for p in r.get("published") or [])
                            or "none", r.get("published_on")] for r in rows])


def _triple(scores: dict[str, Any]) -> str:
    return " / ".join(f"{scores[m]:.2f}" for m in ("rouge1", "rouge2", "rougeL"))


def _case_table(cases: list[dict[str, Any]], suite: str = "") -> list[str]:
    if all(c.get("question") is not None and "answerable" in c for c in cases):
        columns = list(QA_COLUMNS)
    elif suite == "summary":
        columns = list(SUMMARY_COLUMNS) + (["error"] if any("error" in c for c in cases) else [])
    else:
        columns = [k for k, v in cases[0].items() if isinstance(v, str | int | float | bool | None)][:10]
    return _table(columns, [[_short(c.get(k)) for k in columns] for c in cases])


def _short(value: Any, limit: int = 80) -> Any:
    return value[: limit - 1] + "…" if isinstance(value, str) and len(value) > limit else value


def write_reports(report: dict[str, Any], out_dir: Path) -> tuple[Path, Path]:
    """`eval-<time>-<mode>.json/.md`, plus `latest.json/.md` copies for CI artefacts."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"eval-{time.strftime('%Y%m%d-%H%M%S')}-{report.get('mode')}"
    data = json.dumps(report, ensure_ascii=False, indent=2, default=str)
    markdown = render_markdown(report)
    json_path, md_path = out_dir / f"{stem}.json", out_dir / f"{stem}.md"
    for path, text in ((json_path, data), (md_path, markdown), (out_dir / "latest.json", data),
                       (out_dir / "latest.md", markdown)):
        path.write_text(text, encoding="utf-8")
    return json_path, md_path


def flatten_metrics(report: dict[str, Any]) -> dict[str, float]:
    """'qa.citation_hit_rate' for Referat, 'qa.naive.citation_hit_rate' for the baseline."""
    out: dict[str, float] = {}
    for suite, result in report.get("suites", {}).items():
        parts = [(suite, result.get("metrics"))]
        if result.get("baseline"):
            parts.append((f"{suite}.{result['baseline'].get('name', 'baseline')}",
                          result["baseline"].get("metrics")))
        for prefix, metrics in parts:
            for metric, value in (metrics or {}).items():
                if isinstance(value, int | float) and not isinstance(value, bool) and metric not in COUNTS:
                    out[f"{prefix}.{metric}"] = float(value)
    return out


def compare(a_path: Path, b_path: Path) -> str:
    """Per-metric table of A, B and B - A over the union of both reports' metrics."""
    a = flatten_metrics(json.loads(a_path.read_text(encoding="utf-8")))
    b = flatten_metrics(json.loads(b_path.read_text(encoding="utf-8")))
    rows = []
    for key in sorted(set(a) | set(b)):
        diff = b[key] - a[key] if key in a and key in b else None
        rows.append([key, a.get(key), b.get(key), None if diff is None else f"{diff:+.3f}"])
    return "\n".join(_table(["metric", a_path.name, b_path.name, "B − A"], rows))
