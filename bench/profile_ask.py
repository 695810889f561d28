"""Where a question's time goes, in-process on an ingested run dir: the 88 bench questions
once to warm the caches, then timed one by one (p50 / p95 / mean, the slowest ten), and with
`--profile` a cProfile of the slowest six, cumulative.

    .venv/bin/python bench/profile_ask.py bench/data/run-10000 [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _report import dev_questions, pct  # noqa: E402

from service.ask import answer_question  # noqa: E402
from service.schemas import AskRequest  # noqa: E402
from service.settings import Settings  # noqa: E402
from service.wiring import build_services  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("run_dir", type=Path)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    services = build_services(Settings(data_dir=args.run_dir, embedder="none"))
    questions = dev_questions()
    for q in questions:
        answer_question(AskRequest(question=q), services=services)
    timed = []
    for q in questions:
        started = time.perf_counter()
        answer_question(AskRequest(question=q), services=services)
        timed.append(((time.perf_counter() - started) * 1000, q))
    ms = sorted(t for t, _ in timed)
    print(f"p50 {pct(ms, 50):.1f} ms, p95 {pct(ms, 95):.1f} ms, mean {sum(ms) / len(ms):.1f} ms")
    slowest = sorted(timed, reverse=True)
    for t, q in slowest[:10]:
        print(f"{t:7.1f} ms  {q}")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for _, q in slowest[:6]:
            answer_question(AskRequest(question=q), services=services)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
