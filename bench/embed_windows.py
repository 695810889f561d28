"""How many chunks exceed the local model's 256-token window, and what embedding them whole
(windows of 256 tokens, mean-pooled) costs against cutting them at 256 as before.

    .venv/bin/python bench/embed_windows.py

Writes bench/results/embed_windows.md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _report import RESULTS, header  # noqa: E402

from index.chunk import chunk_meeting  # noqa: E402
from index.embed import MAX_TOKENS, LocalMiniLM  # noqa: E402
from index.parse_minutes import parse_minutes  # noqa: E402


def main() -> None:
    chunks = []
    for path in sorted((ROOT / "samples" / "minutes").rglob("*.txt")):
        if path.stem.lower().startswith(("sources", "attribution", "readme")):
            continue
        meeting = parse_minutes(path.read_text(encoding="utf-8"), source_file=path.name)
        chunks += [c.text for c in chunk_meeting(meeting, version="v")]
    model = LocalMiniLM()
    lengths = [len(e.ids) for e in model._tok.encode_batch(chunks)]  # noqa: SLF001
    over = sum(n > MAX_TOKENS for n in lengths)
    t = time.perf_counter()
    whole = np.asarray(model.embed(chunks))
    windows_s = time.perf_counter() - t
    model._tok.enable_truncation(MAX_TOKENS)  # noqa: SLF001 - the old behaviour, for comparison
    t = time.perf_counter()
    cut = np.asarray(model.embed(chunks))
    cut_s = time.perf_counter() - t
    long = [i for i, n in enumerate(lengths) if n > MAX_TOKENS]
    sim = float(np.mean(np.sum(whole[long] * cut[long], axis=1))) if long else 1.0
    lines = header("Local embeddings: windows instead of truncation")
    lines += [f"{len(chunks)} chunks of the {len(list((ROOT / 'samples' / 'minutes').rglob('*.txt')))} "
              "sample documents, default chunking (400 cl100k tokens).", "",
              "| measure | value |", "| --- | --- |",
              f"| chunks longer than {MAX_TOKENS} model tokens (cut before) | {over} of {len(chunks)} "
              f"({100 * over / len(chunks):.0f}%) |",
              f"| longest chunk, model tokens | {max(lengths)} |",
              f"| embed all, cut at {MAX_TOKENS} (before) | {cut_s:.1f} s ({len(chunks) / cut_s:.1f} chunks/s) |",
              f"| embed all, windows mean-pooled (now) | {windows_s:.1f} s ({len(chunks) / windows_s:.1f} chunks/s) |",
              f"| cosine of whole vs cut vector, long chunks (mean) | {sim:.3f} |"]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "embed_windows.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
