"""The evidence check: an extracted item stands only if its quote occurs in the source text.

Both sides are normalised the same way (case, whitespace, typographic quotes and dashes,
bullets), so a faithful quote passes and an invented one does not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Protocol, TypeVar

_QUOTES = dict.fromkeys(map(ord, "«»“”„‟\"'‘’‚‛`´"), None)
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_BULLETS = re.compile(r"(?:(?<=\s)|^)[•·▪◦●○■□‣⁃*](?=\s)")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\]|\[…\])\s*")
MIN_CHARS = 5  # a quote shorter than this proves nothing


class HasEvidence(Protocol):
    evidence: str


T = TypeVar("T", bound=HasEvidence)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = text.translate(_QUOTES).translate(_DASHES)
    text = _BULLETS.sub(" ", text)
    # Whitespace is dropped, not collapsed: PDF wraps ("Krogstad-\nWiborg"), reflows and
    # column gaps ("kr.100.000" / "kr. 100.000") must not decide whether a quote is real.
    return re.sub(r"\s+", "", text).casefold()


def quote_in_source(quote: str, source_normalised: str) -> bool:
    """True when the quote, or each part of a quote elided with '...', occurs in order."""
    parts = [normalise(p).strip(".,;:") for p in _ELLIPSIS.split(quote)]
    parts = [p for p in parts if p]
    if not parts or any(len(p) < MIN_CHARS for p in parts):
        return False
    pos = 0
    for part in parts:
        found = source_normalised.find(part, pos)
        if found < 0:
            return False
        pos = found + len(part)
    return True


def keep_supported(items: Sequence[T], source: str) -> tuple[list[T], int]:
    """The items whose evidence occurs in `source`, and how many were dropped."""
    haystack = normalise(source)
    kept = [it for it in items if quote_in_source(it.evidence, haystack)]
    return kept, len(items) - len(kept)
