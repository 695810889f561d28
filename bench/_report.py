"""Shared header for bench/results/*.md: the command that produced the file, date, machine."""

from __future__ import annotations

import datetime as dt
import os
import platform
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
START_LOAD = os.getloadavg()  # other work on the machine skews timings; recorded in the header


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def header(title: str) -> list[str]:
    command = shlex.join([sys.executable, *sys.argv])
    return [f"# {title}", "",
            f"Command: `cd {ROOT} && {command}`  ",
            f"Date: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}  ",
            f"Machine: nproc={len(os.sched_getaffinity(0))}, CPU: {cpu_model()}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}  ",
            f"Load average (1/5/15 min) at start: {_load(START_LOAD)}, at end: {_load(os.getloadavg())}",
            ""]


def _load(values: tuple[float, float, float]) -> str:
    return " / ".join(f"{v:.2f}" for v in values)


def write(name: str, lines: list[str], out: Path | None = None) -> Path:
    path = out or RESULTS / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join(lines).rstrip() + "\n"
    path.write_text(text, encoding="utf-8")
    print(text)
    return path


def dev_questions(limit: int | None = 88) -> list[str]:
    """The dev split's questions (never the test split's); the first 88 are about the four
    original minutes, which the synthetic archive is made from."""
    import yaml

    raw = yaml.safe_load((ROOT / "evals" / "golden" / "qa" / "dev.yaml").read_text(encoding="utf-8"))
    return [q["question"] for q in raw["questions"]][:limit]


def pct(values: list[float], p: float) -> float:
    """The p-th percentile by nearest rank; NaN for no values."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]
