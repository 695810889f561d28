"""The extraction and summary suites of `referat eval`: their owners' modules score them.

A module's `run_suite(client, *, golden, mode, limit, progress, docs) -> dict` is called with
the same API client as QA. For an extraction module that only offers `score(golden,
response)` and `pooled(scores)`, each golden document goes through `POST /v1/extract` here
and is scored with those functions, so the suite still runs through the HTTP API.
"""

from __future__ import annotations

import importlib
import sys
import time
from dataclasses import asdict, is_dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

import yaml
from tqdm import tqdm

MODULE_SUITES = {"extract": "evals.extract_metrics", "summary": "evals.summary_metrics"}


class _Options(Protocol):
    @property
    def mode(self) -> str: ...

    @property
    def limit(self) -> int | None: ...

    @property
    def progress(self) -> bool: ...


def run_module_suite(suite: str, client: Any, *, golden: Path | None, opts: _Options,
                     docs: list[Path]) -> dict[str, Any]:
    name = MODULE_SUITES[suite]
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as e:
        if e.name != name:
            raise
        return {"status": "not available", "reason": f"{name} does not exist yet"}
    started = time.perf_counter()
    try:
        if hasattr(module, "run_suite"):
            result: dict[str, Any] = module.run_suite(
                client, golden=golden, mode=opts.mode, limit=opts.limit, progress=opts.progress,
                docs=docs)
        elif suite == "extract" and all(hasattr(module, f) for f in ("score", "pooled", "GOLDEN_DIR")):
            result = extract_via_api(module, client, golden=golden, opts=opts)
        else:
            return {"status": "not available", "reason": f"{name} has no run_suite()"}
    except Exception as e:  # noqa: BLE001 - one failing suite must not hide the others
        return {"status": "error", "reason": f"{type(e).__name__}: {e}"}
    return {"status": "ok", "seconds": round(time.perf_counter() - started, 1), **result}


def extract_via_api(module: ModuleType, client: Any, *, golden: Path | None,
                    opts: _Options) -> dict[str, Any]:
    from index.readers import read_document

    where = golden or module.GOLDEN_DIR
    paths = sorted(where.glob("*.yaml")) if where.is_dir() else [where]
    paths = paths[: opts.limit] if opts.limit else paths
    api_mode = "llm" if opts.mode == "llm" else "rules"
    rows: list[dict[str, Any]] = []
    scores = []
    for path in tqdm(paths, desc="extract", unit="doc", disable=not opts.progress, file=sys.stderr):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        document = Path(gold["document"])
        document = document if document.is_absolute() else module.ROOT / document
        r = client.post("/v1/extract", json={"text": read_document(document), "mode": api_mode})
        if r.status_code != 200:
            rows.append({"id": path.stem, "error": f"HTTP {r.status_code}: {r.text[:300]}"})
            continue
        s = module.score(gold, r.json())
        scores.append(s)
        row = asdict(s) if is_dataclass(s) and not isinstance(s, type) else dict(s)
        rows.append({"id": path.stem, **row})
    # Action items are few per document, so P/R/F1 pool the counts over all documents.
    metrics: dict[str, Any] = {f"action_{k}": round(v, 4) for k, v in module.pooled(scores).items()}
    for name in ("due_accuracy", "decision_accuracy", "decision_precision",
                 "board_proposal_recall", "board_proposal_precision", "board_meeting_ok"):
        values = [float(v) for r in rows if (v := r.get(name)) is not None]
        metrics[name] = round(sum(values) / len(values), 4) if values else None
    metrics["errors"] = sum(1 for r in rows if "error" in r)
    return {"golden": str(where), "metrics": metrics, "cases": rows}
