"""Lexical side of the store: BM25 over chunk texts.

`MemoryLexicalIndex` scores `index.analyze` terms and is the reference the persistent index
(`index.lexical_sqlite`) must rank like. `BM25` and `terms` (Snowball stems, fuzzy variants) are
the older read path's, kept until it moves to the `LexicalIndex` protocol. Derived state only:
nothing here holds anything Chroma does not.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import snowballstemmer

from index.analyze import analyze
from index.lexical_api import MeetingInfo
from index.models import Chunk, SectionKind

_WORD = re.compile(r"[0-9a-zæøåäöéü]+(?:[.,/][0-9]+)*", re.IGNORECASE)
_STOPWORDS_FILE = Path(__file__).resolve().parent / "data" / "stopwords.txt"


@lru_cache
def stopwords() -> frozenset[str]:
    words: set[str] = set()
    for line in _STOPWORDS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


_stemmer = snowballstemmer.stemmer("norwegian")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word)


# Accents vary in Norwegian spelling ("komité"/"komite"); Swedish letters turn up in names.
_FOLD = str.maketrans("éèêëáàâóòôúùûíìîäöü", "eeeeaaaooouuuiiiæøy")


def terms(text: str) -> list[str]:
    """Lowercased, stopword-free, stemmed terms; numbers like '1/26' and '2,50' stay whole."""
    stop = stopwords()
    words = (m.group(0).lower() for m in _WORD.finditer(text))
    return [_stem(w.translate(_FOLD)) for w in words if w not in stop]


# Fuzzy term matching. Snowball leaves Norwegian inflections apart ("godkjent"/"godkjenn",
# "rekrutter"/"rekruttering") and compounds are written as one word ("skoleutredning" inside
# "ungdomsskoleutredning"), so exact stems miss many paraphrases. Two stems match partially
# when they share a long prefix (same word, other inflection), or one ends the other
# (a compound's head). Short stems never match fuzzily: "kommun" must not find "fylkeskommun".
FUZZY_INFLECTION = 0.8
FUZZY_COMPOUND = 0.6
_MIN_FUZZY = 6


def similarity(a: str, b: str) -> float:
    """How well stem `b` stands in for stem `a`: 1.0 same, 0 unrelated."""
    if a == b:
        return 1.0
    short = min(len(a), len(b))
    if short < _MIN_FUZZY or a.isdigit() or b.isdigit():
        return 0.0
    p = len(os.path.commonprefix([a, b]))
    if p >= short - 2 and max(len(a), len(b)) - p <= 3:
        return FUZZY_INFLECTION
    if p >= 8 or (short >= _MIN_FUZZY + 1 and (a.endswith(b) or b.endswith(a))):
        return FUZZY_COMPOUND
    return 0.0


_ABBREVIATION = re.compile(
    r"(?P<long>(?:[^\W\d_][\w-]*\s+){0,4}[^\W\d_][\w-]*)\s*\((?P<abbr>[A-ZÆØÅ]{2,6})\)")


def abbreviations(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Abbreviations a text defines, as "revidert nasjonalbudsjett (RNB)" does: the
    abbreviation's stem and its long form's stems. Minutes define them once and use them
    after, while questions use either."""
    found = []
    for match in _ABBREVIATION.finditer(text):
        abbr, words = match["abbr"], match["long"].split()
        for n in range(1, len(words) + 1):
            phrase = " ".join(words[-n:])
            if phrase[0].lower() == abbr[0].lower() and _subsequence(abbr.lower(), phrase.lower()):
                long = tuple(terms(phrase))
                if long and terms(abbr):
                    found.append((terms(abbr)[0], long))
                break
    return found


def _subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return all(ch in rest for ch in short)


@dataclass
class BM25:
    k1: float = 1.2
    b: float = 0.75
    chunks: list[Chunk] = field(default_factory=list)
    _postings: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _lengths: list[int] = field(default_factory=list)
    _avg: float = 1.0
    _variants: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    _by_tail: dict[str, list[str]] = field(default_factory=dict)
    _by_head: dict[str, list[str]] = field(default_factory=dict)
    _abbreviations: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)

    @classmethod
    def build(cls, chunks: Iterable[Chunk]) -> BM25:
        index = cls(chunks=list(chunks))
        postings: dict[str, list[tuple[int, int]]] = {}
        for doc, chunk in enumerate(index.chunks):
            counts = Counter(terms(chunk.text))
            index._lengths.append(sum(counts.values()))
            for term, tf in counts.items():
                postings.setdefault(term, []).append((doc, tf))
        index._postings = postings
        index._avg = (sum(index._lengths) / len(index._lengths)) if index._lengths else 1.0
        for chunk in index.chunks:
            for abbr, long in abbreviations(chunk.text):
                index._abbreviations.setdefault(abbr, set()).add(long)
        for term in postings:
            if len(term) >= _MIN_FUZZY:
                index._by_head.setdefault(term[:4], []).append(term)
                index._by_tail.setdefault(term[-4:], []).append(term)
        return index

    @cached_property
    def meetings(self) -> dict[str, Chunk]:
        """One chunk per indexed meeting: its body, date and heading stand for the meeting."""
        out: dict[str, Chunk] = {}
        for chunk in self.chunks:
            out.setdefault(chunk.meeting_id, chunk)
        return out

    def expand_abbreviations(self, stems: set[str]) -> set[str]:
        """Adds the long form where an abbreviation occurs ("rnb" -> revidert
        nasjonalbudsjett) and the abbreviation where its long form does."""
        out = set(stems)
        for abbr, forms in self._abbreviations.items():
            for long in forms:
                if abbr in stems:
                    out.update(long)
                elif set(long) <= stems:
                    out.add(abbr)
        return out

    def variants(self, term: str) -> list[tuple[str, float]]:
        """Indexed stems that match `term`, with how well: the exact stem first."""
        if term not in self._variants:
            found = [(term, 1.0)] if term in self._postings else []
            if len(term) >= _MIN_FUZZY:
                near = set(self._by_head.get(term[:4], ())) | set(self._by_tail.get(term[-4:], ()))
                found += sorted(((v, w) for v in near if v != term
                                 and (w := similarity(term, v)) > 0), key=lambda vw: -vw[1])
            self._variants[term] = found
        return self._variants[term]

    def idf(self, term: str) -> float:
        n = len(self._postings.get(term, ()))
        return math.log(1 + (len(self.chunks) - n + 0.5) / (n + 0.5))

    def search(self, query: str, k: int) -> list[tuple[Chunk, float]]:
        scores: dict[int, float] = {}
        for term in self.expand_abbreviations(set(terms(query))):
            # A document scores a query term once, through its best-matching variant.
            best: dict[int, float] = {}
            for variant, weight in self.variants(term):
                idf = self.idf(variant) * weight
                for doc, tf in self._postings.get(variant, ()):
                    norm = tf + self.k1 * (1 - self.b + self.b * self._lengths[doc] / self._avg)
                    best[doc] = max(best.get(doc, 0.0), idf * tf * (self.k1 + 1) / norm)
            for doc, score in best.items():
                scores[doc] = scores.get(doc, 0.0) + score
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
        return [(self.chunks[doc], score) for doc, score in ranked]

    def coverage(self, query: str, text: str, *, known_only: bool = False) -> float:
        """Share of the query's IDF mass that occurs in `text`: 1.0 = every term found.

        Unlike raw BM25 scores this is comparable across queries, so one floor works for
        the 'not in the minutes' decision.
        """
        wanted = set(terms(query))
        if known_only:
            wanted = {t for t in wanted if self.variants(t)}
        if not wanted:
            return 0.0
        present = self.expand_abbreviations(set(terms(text)))
        total = sum(self.idf(t) for t in wanted)
        found = sum(self.idf(t) * self.presence(t, present) for t in wanted)
        return found / total if total else 0.0

    def presence(self, term: str, present: set[str]) -> float:
        """1.0 when `term` itself is in `present`, a fuzzy weight for a variant, else 0."""
        if term in present:
            return 1.0
        return max((w for v, w in self.variants(term) if v in present), default=0.0)


# -- the analyzer-based index (index.analyze), the reference for index.lexical_sqlite --------
K1 = 1.2
B = 0.75


def idf(n_chunks: int, df: int) -> float:
    """Lucene's BM25 IDF: never negative, so a term in most chunks still counts a little."""
    return math.log(1 + (n_chunks - df + 0.5) / (df + 0.5))


def meeting_info(chunk: Chunk) -> MeetingInfo:
    """A meeting's directory row read from one of its chunks (the header chunk carries the
    title on its first body line)."""
    from index.chunk import heading_organisation

    title = ""
    if chunk.section is SectionKind.header:
        title = chunk.text.split("\n\n", 1)[-1].split("\n", 1)[0]
    return MeetingInfo(meeting_id=chunk.meeting_id, body=chunk.body,
                       organisation=heading_organisation(chunk) or None,
                       date=chunk.meeting_date, title=title)


class MemoryLexicalIndex:
    """BM25 over `analyze` terms, in memory: `LexicalIndex` for tests and small archives."""

    def __init__(self, chunks: Iterable[Chunk], *, generation: int = 0,
                 meetings: dict[str, MeetingInfo] | None = None) -> None:
        self._chunks = list(chunks)
        self._generation = generation
        self._tf: list[Counter[str]] = [Counter(analyze(c.text)) for c in self._chunks]
        self._lengths = [sum(tf.values()) for tf in self._tf]
        self._avg = (sum(self._lengths) / len(self._lengths)) if self._lengths else 1.0
        self._postings: dict[str, list[int]] = {}
        for doc, tf in enumerate(self._tf):
            for term in tf:
                self._postings.setdefault(term, []).append(doc)
        self._meetings = meetings
        self._by_meeting: dict[str, list[Chunk]] = {}
        for c in self._chunks:
            self._by_meeting.setdefault(c.meeting_id, []).append(c)

    def search(self, terms: Sequence[str], *, k: int,
               meeting_ids: Collection[str] | None = None) -> list[tuple[Chunk, float]]:
        allowed = set(meeting_ids) if meeting_ids is not None else None
        scores: dict[int, float] = {}
        for term in dict.fromkeys(terms):
            docs = self._postings.get(term, ())
            weight = idf(len(self._chunks), len(docs))
            for doc in docs:
                if allowed is not None and self._chunks[doc].meeting_id not in allowed:
                    continue
                tf = self._tf[doc][term]
                norm = tf + K1 * (1 - B + B * self._lengths[doc] / self._avg)
                scores[doc] = scores.get(doc, 0.0) + weight * tf * (K1 + 1) / norm
        ranked = sorted(scores.items(), key=lambda ds: (-ds[1], self._chunks[ds[0]].chunk_id))
        return [(self._chunks[doc], score) for doc, score in ranked[:k]]

    def doc_freq(self, term: str) -> int:
        return len(self._postings.get(term, ()))

    def n_chunks(self) -> int:
        return len(self._chunks)

    def meetings(self) -> dict[str, MeetingInfo]:
        if self._meetings is None:
            out: dict[str, MeetingInfo] = {}
            for chunks in self._by_meeting.values():
                head = next((c for c in chunks if c.section is SectionKind.header), chunks[0])
                out[head.meeting_id] = meeting_info(head)
            self._meetings = out
        return self._meetings

    def chunks_of(self, meeting_id: str) -> list[Chunk]:
        return list(self._by_meeting.get(meeting_id, ()))

    def generation(self) -> int:
        return self._generation
