"""Lexical side of the store: BM25 over chunk texts with the Snowball Norwegian stemmer.

Derived state only: it is rebuilt from Chroma's documents whenever the set of active
meeting versions changes, and never holds anything Chroma does not.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import snowballstemmer

from index.models import Chunk

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


def terms(text: str) -> list[str]:
    """Lowercased, stopword-free, stemmed terms; numbers like '1/26' and '2,50' stay whole."""
    stop = stopwords()
    return [_stem(w) for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in stop]


@dataclass
class BM25:
    k1: float = 1.2
    b: float = 0.75
    chunks: list[Chunk] = field(default_factory=list)
    _postings: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _lengths: list[int] = field(default_factory=list)
    _avg: float = 1.0

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
        return index

    def idf(self, term: str) -> float:
        n = len(self._postings.get(term, ()))
        return math.log(1 + (len(self.chunks) - n + 0.5) / (n + 0.5))

    def search(self, query: str, k: int) -> list[tuple[Chunk, float]]:
        scores: dict[int, float] = {}
        for term in set(terms(query)):
            idf = self.idf(term)
            for doc, tf in self._postings.get(term, ()):
                norm = tf + self.k1 * (1 - self.b + self.b * self._lengths[doc] / self._avg)
                scores[doc] = scores.get(doc, 0.0) + idf * tf * (self.k1 + 1) / norm
        best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
        return [(self.chunks[doc], score) for doc, score in best]

    def coverage(self, query: str, text: str) -> float:
        """Share of the query's IDF mass that occurs in `text`: 1.0 = every term found.

        Unlike raw BM25 scores this is comparable across queries, so one floor works for
        the 'not in the minutes' decision.
        """
        wanted = set(terms(query))
        if not wanted:
            return 0.0
        present = set(terms(text))
        total = sum(self.idf(t) for t in wanted)
        return sum(self.idf(t) for t in wanted if t in present) / total if total else 0.0
