"""Lexical cohesion over turns (TextTiling-like): where the vocabulary shifts, a topic ends.
Used alone to detect and title topics when no agenda is given, and as a tie-breaker for
where agenda boundaries fall.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from service.summarize.text import idf_table, is_stop, words

_TRANSITION = re.compile(
    r"\b(neste sak|neste punkt|går (?:vi )?(?:videre|over) til|videre til (?:sak|punkt)|"
    r"over til (?:sak|neste)|første sak|siste sak|next (?:item|point|topic)|"
    r"move on|moving on|turn to|go on to|let'?s (?:start|begin) with|the next (?:item|thing))\b",
    re.I,
)


@dataclass
class Segment:
    number: str
    title: str
    start: int | None  # first turn index; None: the item was not found in the recording
    end: int | None  # last turn index, inclusive


def transition_cue(text: str) -> float:
    """1.0 when a turn announces a change of item ("neste sak", "moving on to")."""
    return 1.0 if _TRANSITION.search(text[:300]) else 0.0


def _cos(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(v * b[t] for t, v in a.items() if t in b)
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _block(turn_terms: Sequence[Sequence[str]], start: int, step: int, size: int) -> Counter[str]:
    block: Counter[str] = Counter()
    i = start
    while 0 <= i < len(turn_terms) and sum(block.values()) < size:
        block.update(turn_terms[i])
        i += step
    return block


def gap_depths(turn_terms: Sequence[Sequence[str]], *, window: int = 60) -> list[float]:
    """Depth score of the gap before each turn (index 0 is always 0): how far cohesion
    across the gap dips below the peaks on either side, in [0, 2]."""
    n = len(turn_terms)
    sims = [1.0] + [
        _cos(_block(turn_terms, i - 1, -1, window), _block(turn_terms, i, 1, window))
        for i in range(1, n)
    ]
    smooth = [sum(sims[max(1, i - 1): i + 2]) / len(sims[max(1, i - 1): i + 2]) if i else 1.0
              for i in range(n)]
    depths = [0.0] * n
    for i in range(1, n):
        left = right = smooth[i]
        j = i
        while j > 1 and smooth[j - 1] >= left:
            j -= 1
            left = smooth[j]
        j = i
        while j < n - 1 and smooth[j + 1] >= right:
            j += 1
            right = smooth[j]
        depths[i] = (left - smooth[i]) + (right - smooth[i])
    return depths


def detect_topics(turn_terms: Sequence[Sequence[str]], texts: Sequence[str]) -> list[Segment]:
    """Segment turns where cohesion dips deepest; the count grows with the meeting's length."""
    n = len(turn_terms)
    total = sum(len(t) for t in turn_terms)
    depths = gap_depths(turn_terms)
    scores = [d + 0.3 * transition_cue(texts[i]) for i, d in enumerate(depths)]
    target = max(1, min(12, round(total / 300)))
    min_terms = max(60, total // (target * 3))
    cutoff = _mean(scores[1:]) if n > 1 else 0.0
    prefix = [0]
    for terms in turn_terms:
        prefix.append(prefix[-1] + len(terms))
    bounds: list[int] = []
    for i in sorted(range(1, n), key=lambda i: -scores[i]):
        if len(bounds) >= target - 1 or scores[i] <= cutoff:
            break
        cuts = sorted([0, *bounds, i, n])
        pos = cuts.index(i)
        before = prefix[i] - prefix[cuts[pos - 1]]
        after = prefix[cuts[pos + 1]] - prefix[i]
        if before >= min_terms and after >= min_terms:
            bounds.append(i)
    cuts = sorted([0, *bounds, n])
    spans = list(zip(cuts, cuts[1:], strict=False))
    titles = title_segments(texts, spans)
    return [Segment(str(k + 1), titles[k], a, b - 1) for k, (a, b) in enumerate(spans)]


def _mean(xs: Sequence[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def title_segments(texts: Sequence[str], spans: Sequence[tuple[int, int]]) -> list[str]:
    """Title = the segment's most distinctive words (tf x idf across segments), as spoken."""
    seg_words = [[w for t in texts[a:b] for w in words(t) if not is_stop(w) and len(w) > 3
                  and not w.isdigit()] for a, b in spans]
    idf = idf_table(seg_words)
    titles = []
    for ws in seg_words:
        counts = Counter(ws)
        ranked = sorted(counts, key=lambda w: -(1 + math.log(counts[w])) * idf[w] * min(len(w), 9))
        picked: list[str] = []
        for w in ranked:
            if all(w[:5] != p[:5] for p in picked):
                picked.append(w)
            if len(picked) == 3:
                break
        title = ", ".join(picked) or "Diverse"
        titles.append(title[0].upper() + title[1:])
    return titles
