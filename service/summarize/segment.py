"""Segmentation, step two of summarize: align the transcript to the agenda (a sakskart)
when one is given, else detect topics. Alignment is monotonic: a Viterbi pass over turns
where each turn belongs to one item, items keep agenda order and may be skipped.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from service.summarize.text import content_terms
from service.summarize.topics import Segment, detect_topics, gap_depths, transition_cue

_MONTHS = (r"januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|"
           r"desember|january|february|march|may|june|july|october|december")
DATE = re.compile(rf"\b(\d{{1,2}}\.\s*(?:{_MONTHS})\s+\d{{4}}|\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}|"
                  rf"\d{{4}}-\d{{2}}-\d{{2}}|(?:{_MONTHS})\s+\d{{1,2}},?\s+\d{{4}})\b", re.I)
_ITEM = re.compile(
    r"^\s*(?:(?P<prefix>sak|ps|os|rs|item|agenda item|punkt|pkt\.?)\s*)?"
    r"(?P<num>\d{1,3}(?:/\d{2,4})?)(?:\s*[.):\-–]\s*|\s+)(?P<title>\S.*)$", re.I,
)
_BULLET = re.compile(r"^\s*[-•*–]\s+(?P<title>\S.*)$")
_NUMWORDS = {w: i for i, w in enumerate(
    "null en to tre fire fem seks sju åtte ni ti elleve tolv tretten fjorten femten seksten "
    "sytten atten nitten tjue".split())} | {"ett": 1, "én": 1, "syv": 7} | {w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_CUE_NUM = re.compile(
    r"\b(?:sak|saken|punkt|item|point|ps|os|rs)\s+(?:nummer\s+|number\s+|nr\.?\s*)?"
    r"(\d{1,2}|" + "|".join(sorted(_NUMWORDS, key=len, reverse=True)) + r")\b", re.I,
)


@dataclass
class AgendaEntry:
    number: str
    title: str
    description: str = ""

    @property
    def ordinal(self) -> int | None:
        m = re.search(r"\d+", self.number)
        return int(m.group(0)) if m else None


@dataclass
class Agenda:
    title: str | None = None  # "Sakskart for møte i administrativ koordineringsgruppe (KG)"
    date: str | None = None
    entries: list[AgendaEntry] = field(default_factory=list)


def parse_agenda(text: str) -> Agenda:
    """Read a sakskart: numbered lines ("3. Tittel", "Sak 3:", "PS 1/26 Tittel"), else bullets,
    else one item per line. Unnumbered lines after an item describe it (or wrap its title)."""
    agenda = Agenda()
    lines = [ln.rstrip() for ln in text.replace("\r", "").split("\n") if ln.strip()]
    pattern = next((p for p in (_ITEM, _BULLET)
                    if any(p.match(ln) and not _is_date_line(ln) for ln in lines)), None)
    for ln in lines:
        m = pattern.match(ln) if pattern else None
        if m and not _is_date_line(ln):
            prefix = (m.groupdict().get("prefix") or "").upper()
            num = m.groupdict().get("num") or str(len(agenda.entries) + 1)
            number = f"{prefix} {num}" if prefix in ("PS", "OS", "RS") else num
            agenda.entries.append(AgendaEntry(number, m.group("title").strip().rstrip(":")))
        elif not agenda.entries and _is_header(ln, agenda):
            continue
        elif pattern is None:
            agenda.entries.append(AgendaEntry(str(len(agenda.entries) + 1), ln.strip()))
        elif agenda.entries:
            last = agenda.entries[-1]
            if ln[:1].isspace() or ln.strip()[:1].islower():  # a wrapped title
                last.title = f"{last.title} {ln.strip()}"
            else:
                last.description = f"{last.description} {ln.strip()}".strip()
    return agenda


def _is_date_line(line: str) -> bool:
    m = DATE.search(line)
    return m is not None and len(line.strip()) <= len(m.group(0)) + 12


def _is_header(line: str, agenda: Agenda) -> bool:
    """Title and date lines before the first item."""
    date = DATE.search(line)
    agenda.date = agenda.date or (date.group(1) if date else None)
    if _is_date_line(line):
        return True
    if agenda.title is None and re.search(
            r"\b(sakskart|saksliste|dagsorden|agenda|møte|meeting)\b", line, re.I):
        agenda.title = line.strip()
        return True
    return False


def segment_transcript(texts: Sequence[str], agenda: Agenda | None, lang: str) -> list[Segment]:
    turn_terms = [content_terms(t, lang) for t in texts]
    if agenda is None or not agenda.entries:
        return detect_topics(turn_terms, texts)
    return align_agenda(turn_terms, texts, agenda.entries, lang)


def _evidence(turn_terms: Sequence[Sequence[str]], entries: Sequence[AgendaEntry],
              lang: str) -> list[list[float]]:
    """s[t][k]: how strongly turn t speaks about item k (shared title words, weighted by how
    rare they are among items and among turns), scaled so a clear mention is about 1."""
    item_terms: list[dict[str, float]] = [{t: 1.0 for t in content_terms(e.title, lang)}
                                          for e in entries]
    for counts, e in zip(item_terms, entries, strict=True):
        for t in content_terms(e.description, lang):
            counts[t] = max(counts.get(t, 0.0), 0.3)
    k_n, t_n = len(entries), max(1, len(turn_terms))
    item_df = Counter(t for c in item_terms for t in c)
    turn_df = Counter(t for terms in turn_terms for t in set(terms))
    weights = [{t: w * math.log(1 + k_n / item_df[t]) * math.log(1 + t_n / (1 + turn_df[t]))
                for t, w in c.items()} for c in item_terms]
    raw = [[sum(w.get(t, 0.0) for t in set(terms)) for w in weights] for terms in turn_terms]
    nonzero = sorted(v for row in raw for v in row if v > 0)
    scale = nonzero[int(len(nonzero) * 0.9)] if nonzero else 1.0
    return [[min(2.0, v / scale) for v in row] for row in raw]


def _numbers_named(text: str) -> set[int]:
    """Item numbers the speaker names: "sak fem", "PS 2/26", "item 3"."""
    out = set()
    for m in _CUE_NUM.finditer(text[:400]):
        word = m.group(1).lower()
        n = int(word) if word.isdigit() else _NUMWORDS.get(word)
        if n is not None:
            out.add(n)
    return out


def align_agenda(turn_terms: Sequence[Sequence[str]], texts: Sequence[str],
                 entries: Sequence[AgendaEntry], lang: str, *, enter: float = 1.0) -> list[Segment]:
    """Viterbi over (unit, item): stay in an item, or enter a later one at cost `enter`, paid
    back by cues (number named, "neste sak", title words, a cohesion dip). Passing over an
    item the recording mentions somewhere is all but forbidden; one it never mentions costs
    little, so it is reported as not found rather than given a stray sentence."""
    n, k_n = len(turn_terms), len(entries)
    s = _evidence(turn_terms, entries, lang)
    depth = gap_depths(turn_terms)
    max_depth = max(depth) or 1.0
    ordinals = [e.ordinal if e.ordinal is not None else k + 1 for k, e in enumerate(entries)]
    named = [_numbers_named(t) for t in texts]
    base = [0.6 * transition_cue(texts[t]) + 0.3 * depth[t] / max_depth for t in range(n)]
    mentioned = {o for names in named for o in names}
    skip = [3.0 if ordinals[k] in mentioned or any(s[t][k] > 0 for t in range(n)) else 0.5
            for k in range(k_n)]

    def bonus(t: int, k: int) -> float:
        return base[t] + 3.0 * (ordinals[k] in named[t]) + 0.5 * min(s[t][k], 2.0)

    score = [s[0][k] - sum(skip[:k]) for k in range(k_n)]
    back: list[list[int]] = [list(range(k_n))]
    for t in range(1, n):
        new, ptr = [0.0] * k_n, [0] * k_n
        best_prev, best_j = -math.inf, -1
        for k in range(k_n):
            stay = score[k]
            enter_score = best_prev - enter + bonus(t, k) if best_j >= 0 else -math.inf
            new[k], ptr[k] = (stay, k) if stay >= enter_score else (enter_score, best_j)
            new[k] += s[t][k]
            # carry the best earlier item forward, paying for passing over item k
            if score[k] >= best_prev - skip[k]:
                best_prev, best_j = score[k], k
            else:
                best_prev -= skip[k]
        score = new
        back.append(ptr)
    k = max(range(k_n), key=lambda j: score[j] - sum(skip[j + 1:]))
    labels = [0] * n
    for t in range(n - 1, -1, -1):
        labels[t] = k
        k = back[t][k]
    spans: dict[int, list[int]] = {}
    for t, label in enumerate(labels):
        spans.setdefault(label, [t, t])[1] = t
    return [Segment(e.number, e.title, *(spans[k] if k in spans else (None, None)))
            for k, e in enumerate(entries)]
