"""Golden evaluation suites, their metrics and the CI gate (`referat eval`).

Flow: golden case -> the same HTTP API the users call (runner) -> scoring (qa_metrics and the
extraction/summary metric modules) -> thresholds (gate) -> JSON + markdown report (report).
"""
