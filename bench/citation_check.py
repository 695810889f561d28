"""Time of the citation check on replies a misbehaving model server could send: many markers
in one sentence, unreadable brackets, nested parentheses, many short sentences. Made-up
excerpts; best of three runs each. `.venv/bin/python bench/citation_check.py`"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.models import Chunk, SectionKind  # noqa: E402
from service.citations import check_citations  # noqa: E402


def _chunk(meeting: str, date: str, body: str) -> Chunk:
    return Chunk(chunk_id=f"{meeting}:7", text=f"Teknisk utvalg\nSak 7: Buss\n\n{body}",
                 meeting_id=meeting, body="Teknisk utvalg", meeting_date=date, item="7",
                 item_title="Buss", section=SectionKind.item, source_file="f.txt",
                 content_hash="h", version="v")


SENT = [_chunk("a", "2026-04-16", "Utvalget vil utvide bussruta fra august."),
        _chunk("b", "2026-05-20", "Utvalget drøftet brøyting av gang- og sykkelveger.")]
CLAIM = "Utvalget vil utvide bussruta fra august "
CASES = {
    "6,000 markers in one sentence, half unreadable": CLAIM + "(sak 7, 16.04.2026) [x] " * 3000 + ".",
    "3,000 markers naming two meetings' sak 7": CLAIM + "[sak 7] " * 3000 + ".",
    "one unclosed bracket of 2,000 references": CLAIM + "[sak 7, 16.04.2026; " * 2000 + "].",
    "5,000 nested parentheses": "(" * 5000 + "sak 7" + ")" * 5000,
    "3,000 cited sentences": (CLAIM.strip() + " [sak 7, 16.04.2026]. ") * 3000,
}


def main() -> None:
    print("| reply | size | seconds (best of 3) | citations | sentences dropped |")
    print("| --- | --- | --- | --- | --- |")
    for name, reply in CASES.items():
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            checked = check_citations(reply, SENT)
            best = min(best, time.perf_counter() - started)
        print(f"| {name} | {len(reply) / 1000:.0f} KB | {best:.2f} | {len(checked.citations)} "
              f"| {len(checked.dropped)} |")


if __name__ == "__main__":
    main()
