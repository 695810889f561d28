"""`referat eval`: the thin command over `evals.runner.run_eval` and `evals.report`.

Exit status: 0 all thresholds met, 1 a threshold missed or a suite failed, 2 bad input.
`python -m evals.cli ...` runs it without the main `referat` command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from evals.report import compare, render_table, write_reports
from evals.runner import ROOT, SUITES, THRESHOLDS, EvalOptions, run_eval

REPORT_DIR = ROOT / "evals" / "reports"


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "eval", help="run the golden evaluation suites and check the thresholds",
        description="Run golden suites through the HTTP API, write JSON + markdown reports, "
                    "print the totals and fail when a metric is below evals/thresholds.yaml.")
    p.add_argument("--suite", choices=[*SUITES, "all"], default="all")
    p.add_argument("--golden", type=Path, help="golden file of the chosen suite (with 'all': "
                   "the QA questions); any path, e.g. a held-out file outside the repository")
    p.add_argument("--docs", type=Path, action="append", default=[], metavar="PATH",
                   help="documents or folders to index (repeatable); default: the golden "
                   "file's `documents`, else samples/minutes")
    p.add_argument("--mode", choices=["extractive", "llm"], default="extractive")
    p.add_argument("--baseline", choices=["naive"], help="score the naive pipeline beside Referat")
    p.add_argument("--report-dir", type=Path, default=REPORT_DIR)
    p.add_argument("--thresholds", type=Path, default=THRESHOLDS)
    p.add_argument("--url", help="evaluate a running server (base URL) instead of a fresh app")
    p.add_argument("--limit", type=int, help="only the first N cases of each suite")
    p.add_argument("--split", choices=["dev", "test", "all"], default="all",
                   help="which split of the repository's QA golden set (tune on dev only)")
    p.add_argument("--no-lomo", action="store_true",
                   help="skip leave-one-meeting-out (it deletes and restores each meeting)")
    p.add_argument("--compare", type=Path, nargs=2, metavar=("A.json", "B.json"),
                   help="print the per-metric difference between two reports and exit")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    p.set_defaults(func=cmd_eval)


def cmd_eval(args: argparse.Namespace) -> int:
    if args.compare:
        a, b = args.compare
        for path in (a, b):
            if not path.is_file():
                print(f"error: {path}: no such report", file=sys.stderr)
                return 2
        print(compare(a, b))
        return 0
    opts = EvalOptions(
        suites=list(SUITES) if args.suite == "all" else [args.suite], golden=args.golden,
        docs=args.docs, mode=args.mode, baseline=args.baseline, url=args.url,
        thresholds=args.thresholds, limit=args.limit, progress=not args.quiet,
        splits=("dev", "test") if args.split == "all" else (args.split,), lomo=not args.no_lomo,
    )
    report = run_eval(opts)
    json_path, md_path = write_reports(report, args.report_dir)
    print(render_table(report))
    print(f"report: {json_path}\n        {md_path}")
    for g in report["gate"]:
        if not g["passed"]:
            limit = f">= {g['min']}" if "min" in g else f"<= {g['max']}"
            print(f"FAIL {g['suite']}.{g['metric']} = {g['value']} (needs {limit})", file=sys.stderr)
    for suite, result in report["suites"].items():
        if result.get("status") == "error":
            print(f"FAIL suite {suite}: {result.get('reason')}", file=sys.stderr)
    return 0 if report["passed"] else 1


def main(argv: list[str] | None = None) -> int:
    from service.cli import main as referat_main

    return referat_main(["eval", *(argv if argv is not None else sys.argv[1:])])


if __name__ == "__main__":
    sys.exit(main())
