"""Reading the citation markers in a model's answer.

The prompt asks for each excerpt's marker exactly as given ("[sak 7, 16.04.2026]"). Models
write them other ways too: "[Sak 7]", one bracket for two items ("[sak 7, 16.04.2026; sak 8,
16.04.2026]"), parentheses, ISO or unpadded dates ("[sak 7, 2026-04-16]", "[sak 7,
16.4.2026]"), other brackets ("【PS 12/26】"), a lead word ("[kilde: PS 12/26]"). A marker is
read as references, each an item (its number, or the title of an excerpt without one) and
the day it names if any. A reference counts only when it names exactly one meeting's item
among the excerpts that were sent: what item labels look like is learned from those
excerpts ("PS TEK 0011/00"), not assumed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from index.analyze import head_terms
from index.chunk import item_label
from index.models import Chunk
from index.parse_dates import mentioned_days, same_day, strip_dates

Day = tuple[int, int, "int | None"]

# A square-bracketed span is always meant as a citation, so one that names nothing sent is
# removed; a parenthesis is read as one only when it holds references and nothing else.
_SPAN = re.compile(r"\[([^\[\]\n]{1,200})\]|【([^【】\n]{1,200})】|\(([^()\n]{1,200})\)")
_NUMBER = r"\d{1,4}[a-z]?(?:/\d{2,4})?"
_ITEM = re.compile(rf"(?:sak\s+)?(?P<kind>.*?)\s*(?P<num>{_NUMBER})\.?", re.IGNORECASE)
_KINDS = ("ps", "rs", "os")  # Norwegian case-register series, known even when none was sent
# What may stand around references in a parenthesis that is nothing but a citation.
_FILLER = re.compile(r"\b(?:kilde[rn]?|sources?|cite[sd]?|ref|jf|se|see|og|and|fra|from|i|in|"
                     r"møtet?|meeting)\b|[\s,;:.&|–-]+", re.IGNORECASE)


@dataclass(frozen=True)
class _Key:
    kind: str  # "ps", "ps tek", "" (a plain agenda number) or "title" (an excerpt without one)
    name: str  # the number, leading zeros dropped ("037/12" is "37/12"), or the title


@dataclass
class Marker:
    start: int
    end: int
    text: str
    cited: list[list[Chunk]] = field(default_factory=list)  # per reference: that item's chunks
    invalid: list[str] = field(default_factory=list)  # references that name nothing sent


def marker(chunk: Chunk) -> str:
    """How answers cite a chunk: "[sak 7, 16.04.2026]", "[PS 1/26, 29.01.2026]"."""
    label = item_label(chunk.item).replace("Sak ", "sak ") if chunk.item else chunk.item_title
    if chunk.meeting_date:
        y, m, d = chunk.meeting_date.split("-")
        return f"[{label}, {d}.{m}.{y}]"
    return f"[{label}]"


def _number(text: str) -> str:
    return "/".join(p.lstrip("0") or "0" for p in text.lower().split("/"))


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def _key(chunk: Chunk) -> _Key | None:
    if not chunk.item:
        return _Key("title", _squash(chunk.item_title)) if chunk.item_title.strip() else None
    m = _ITEM.fullmatch(chunk.item.strip())
    return _Key(_squash(m["kind"]), _number(m["num"])) if m else None


def read_markers(sentence: str, chunks: list[Chunk]) -> list[Marker]:
    """The markers of one sentence, each with the sent chunks its references name."""
    keys = {c.chunk_id: _key(c) for c in chunks}
    pattern = _reference_pattern(tuple(sorted({k.kind for k in keys.values() if k} - {"title"})),
                                 tuple(sorted({k.name for k in keys.values() if k
                                               and k.kind == "title"})))
    # Read only when two meetings share a label, and then once however many markers.
    claim_terms = cache(lambda: frozenset(head_terms(_SPAN.sub(" ", sentence))))
    out: list[Marker] = []
    for m in _SPAN.finditer(sentence):
        inner = next(g for g in m.groups() if g is not None)
        square = m.group(3) is None
        refs = _references(inner, pattern, lone_number=square)
        if not square and (not refs or _FILLER.sub("", pattern.sub("", strip_dates(inner)))):
            continue  # "(orientering)", "(se vedlegg)", "(2026)": words, not a citation
        found = Marker(m.start(), m.end(), m.group(0))
        for text, key, days in refs:
            item = _one_meeting(_resolve(key, days, chunks, keys), claim_terms)
            if item:
                found.cited.append(item)
            else:
                found.invalid.append(text)
        if not refs:
            found.invalid.append(inner)
        out.append(found)
    return out


@lru_cache(maxsize=256)
def _reference_pattern(kinds: tuple[str, ...], titles: tuple[str, ...]) -> re.Pattern[str]:
    """An item number, with its series ("PS", "PS TEK") and a lead word ("sak", "item")
    when written; or the title of a sent excerpt that has no number."""
    series = sorted({*kinds, *_KINDS} - {""}, key=len, reverse=True)
    kind = "|".join(r"\s+".join(map(re.escape, k.split())) for k in series)
    title = "|".join(r"\s+".join(map(re.escape, t.split()))
                     for t in sorted(titles, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w/])(?:(?P<lead>(?:agenda\s+)?(?:sak(?:en)?|item|case)\s*(?:nr\.?\s*)?)?"
        rf"(?:(?P<kind>{kind})\s*)?(?P<num>{_NUMBER})|(?P<title>{title or '(?!)'}))(?![\w/])",
        re.IGNORECASE)


def _references(inner: str, pattern: re.Pattern[str], *,
                lone_number: bool) -> list[tuple[str, _Key, frozenset[Day]]]:
    """(text, key, days) per item named: each reference owns the dates up to the next one;
    dates before the first ("[16.04.2026, sak 7]") are the first one's. A lone number ("[7]")
    is an item in square brackets only: "(2026)" is a year."""
    blank = strip_dates(inner, keep_length=True)
    alone = lone_number and pattern.fullmatch(blank.strip()) is not None
    found: list[tuple[re.Match[str], _Key]] = []
    for m in pattern.finditer(blank):
        if m["title"]:
            found.append((m, _Key("title", _squash(m["title"]))))
            continue
        # A bare number is an item only alone or after a named one ("sak 7 og 8"); else it
        # is a year or a count.
        if m["lead"] or m["kind"] or "/" in m["num"] or alone or (found and len(m["num"]) <= 3):
            found.append((m, _Key(_squash(m["kind"] or ""), _number(m["num"]))))
    refs = []
    for n, (m, key) in enumerate(found):
        start = 0 if n == 0 else m.start()
        end = found[n + 1][0].start() if n + 1 < len(found) else len(inner)
        segment = inner[start:end]
        refs.append((segment.strip(" ,;"), key, mentioned_days(segment)))
    # "sak 7 og 8, 16.04.2026": a reference without a day shares the next one given.
    for n in range(len(refs) - 2, -1, -1):
        if not refs[n][2]:
            refs[n] = (refs[n][0], refs[n][1], refs[n + 1][2])
    return refs


def _resolve(ref: _Key, days: frozenset[Day], chunks: list[Chunk],
             keys: dict[str, _Key | None]) -> list[Chunk]:
    """The sent chunks of the item a reference names, in every meeting it could be. A number
    written without its series ("12/26" for "PS 12/26") still names the item."""
    found = []
    for c in chunks:
        own = keys[c.chunk_id]
        if own is None or own.name != ref.name or (own.kind == "title") != (ref.kind == "title"):
            continue
        if ref.kind and own.kind != ref.kind:
            continue
        day = _day(c.meeting_date)
        if days and not (day and any(same_day(d, day) for d in days)):
            continue
        found.append(c)
    return found


def _one_meeting(found: list[Chunk], claim: Callable[[], frozenset[str]]) -> list[Chunk]:
    """The chunks of one meeting: two meetings held the same day number their items alike
    ("PS 1/26, 17.06.2026"), so the meeting whose text holds more of the claim's words is
    the one meant; a tie names neither."""
    if len({c.meeting_id for c in found}) <= 1:
        return found
    want = claim()
    held: dict[str, int] = {}
    for c in found:
        held[c.meeting_id] = max(held.get(c.meeting_id, 0), len(want & text_terms(c.text)))
    ranked = sorted(held.values(), reverse=True)
    if ranked[0] == ranked[1]:
        return []
    best = max(held, key=lambda k: held[k])
    return [c for c in found if c.meeting_id == best]


@lru_cache(maxsize=1024)  # the same excerpts are read for every marker of an answer
def text_terms(text: str) -> frozenset[str]:
    return frozenset(head_terms(text))


def _day(iso: str) -> Day | None:
    try:
        y, m, d = (int(p) for p in iso.split("-"))
    except ValueError:
        return None
    return d, m, y
