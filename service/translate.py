"""Offline cross-lingual search: an English question gets Norwegian council vocabulary
from a small glossary, so BM25 can find Norwegian minutes. A multilingual embedder
(REFERAT_EMBEDDER=openai) does this better; this keeps the offline mode useful.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GLOSSARY = Path(__file__).resolve().parent / "data" / "glossary_en_no.tsv"


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SLOT = "\x00"  # no word character: a slot's number is read by no pass
_FILLED = re.compile(_SLOT + r"(\d+)" + _SLOT)


@dataclass(frozen=True)
class _Entry:
    english: str  # lower case, as the glossary or its dictionary form writes it
    norwegian: tuple[str, ...]  # the first is the topic word, all are searched

    @property
    def pattern(self) -> re.Pattern[str]:
        return _pattern(self.english)


@lru_cache(maxsize=4096)
def _pattern(english: str) -> re.Pattern[str]:
    # Compiled when a question has the entry's first word: all 15,000 compiled up front held
    # about 30 MB in every server worker.
    return re.compile(rf"\b{re.escape(english)}\b", re.IGNORECASE)


Index = dict[str, list[_Entry]]  # by the entry's first English word


@lru_cache
def _glossary() -> tuple[Index, Index]:
    """The entries by their first English word, so a question is only tried against entries
    whose first word it has: once as written, once in dictionary forms ("swimming pools"
    and "swimming pool" are both "swim pool" there; an entry written in its dictionary form
    wins a clash)."""
    written: dict[str, tuple[str, ...]] = {}
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            english, norwegian = line.split("\t")
            written.setdefault(english.strip().lower(), tuple(norwegian.strip().split("|")))
    lemmas: dict[str, tuple[str, ...]] = {}
    for english, alternatives in sorted(written.items(), key=lambda e: _base(e[0]) != e[0]):
        lemmas.setdefault(_base(english), alternatives)
    return _by_first(written), _by_first(lemmas)


def _by_first(entries: dict[str, tuple[str, ...]]) -> Index:
    out: Index = {}
    for english, norwegian in entries.items():
        out.setdefault(english.split()[0], []).append(_Entry(english, norwegian))
    return out


@lru_cache(maxsize=65536)
def english_lemma(word: str) -> str:
    """An English word's dictionary form when it is an inflection of it ("exhibitions" ->
    exhibition, "awarded" -> award, "stood" -> stand); the word itself otherwise. Forms
    whose first letter changes ("was" -> be, "ai" -> be) are left alone: there the
    lemmatizer guesses. Taken to its end ("meetings" -> meeting -> meet), so a question and
    an entry meet whatever form either is written in."""
    import simplemma

    for _ in range(3):
        lemma = str(simplemma.lemmatize(word, lang="en")).lower()
        if len(word) < 4 or lemma[:1] != word[:1] or lemma == word:
            break
        word = lemma
    return word


def _base(text: str) -> str:
    return _WORD.sub(lambda m: english_lemma(m.group(0).lower()), text)


@lru_cache(maxsize=4096)
def expand_english(question: str) -> tuple[str, str, tuple[tuple[str, ...], ...]]:
    """Returns (search query, topic query, concepts): the search query carries every
    Norwegian alternative; the topic query only the first, so relevance is judged once per
    concept; the concepts are the alternatives of each English phrase translated, so a
    passage that says "skape" holds "create" as well as one that says "opprette".

    Phrases are read first, as written and then in dictionary forms ("board meetings" is
    the entry "board meeting"); single words after them, in dictionary forms
    ("exhibitions" is the entry "exhibition")."""
    own = {w.lower() for w in _WORD.findall(question)}
    written, lemmas = _glossary()
    topic, search = question.replace(_SLOT, " "), question.replace(_SLOT, " ")
    concepts: list[tuple[str, ...]] = []
    # What a pass wrote stands in a numbered slot (its concept's place) until the end, out of
    # the later passes' reach: "paint" -> "male" must not be read again as English "male" ->
    # "mannlig", nor "public record" -> "offentlig journal" have its "journal" translated.

    def translate(index: Index, phrases: bool) -> None:
        nonlocal topic, search
        present = {w.lower() for w in _WORD.findall(topic)}
        # Longest phrases first, so "membership fee" wins over "fee"; of two as long, the one
        # that starts first, so "youth council meeting" is "youth council" + "meeting", not
        # "youth" + "council meeting"; ties in a fixed order.
        found = [(e, m.start()) for first in present for e in index.get(first, ())
                 if (" " in e.english) == phrases and (m := e.pattern.search(topic))]
        entries = [e for e, _ in sorted(found, key=lambda f: (-len(f[0].english.split()), f[1],
                                                              -len(f[0].english), f[0].english))]
        for entry in entries:
            if entry.pattern.search(topic):
                slot = f" {_SLOT}{len(concepts)}{_SLOT} "
                concepts.append(entry.norwegian)
                topic = entry.pattern.sub(slot, topic)
                search = entry.pattern.sub(slot, search)

    # Inflected forms the glossary lists on their own ("minutes": referat, "jobs":
    # arbeidsplasser, "later": senere) are another sense than their dictionary form's
    # ("minute": minutt, "late": sen); they are read back as written for the single words.
    inflected: dict[str, str] = {}

    def base(m: re.Match[str]) -> str:
        word = m.group(0).lower()
        if word not in own:
            return m.group(0)
        lemma = english_lemma(word)
        if not _has_word(lemma, lemmas) and (adjective := _adjective_of(lemma, lemmas)):
            return adjective
        if lemma != word and _has_word(word, written):
            inflected.setdefault(lemma, word)
        return lemma

    translate(written, phrases=True)
    topic, search = _WORD.sub(base, topic), _WORD.sub(base, search)
    translate(lemmas, phrases=True)  # "board meetings" is the phrase "board meeting"
    if inflected:
        back = re.compile(rf"\b(?:{'|'.join(map(re.escape, inflected))})\b", re.IGNORECASE)
        topic = back.sub(lambda m: inflected[m.group(0).lower()], topic)
        search = back.sub(lambda m: inflected[m.group(0).lower()], search)
        translate(written, phrases=False)
    translate(lemmas, phrases=False)

    def fill(text: str, every: bool) -> str:
        return _FILLED.sub(lambda m: " ".join(concepts[int(m.group(1))][: None if every else 1]),
                           text)

    return fill(search, every=True), fill(topic, every=False), tuple(concepts)


def _adjective_of(word: str, index: Index) -> str | None:
    """The adjective an adverb without an entry of its own is made from, when that has one:
    "legally" -> legal, "financially" -> financial, "possibly" -> possible, "easily" -> easy."""
    if not word.endswith("ly") or len(word) < 6:
        return None
    stem = word[:-2]
    for adjective in (stem, stem + "le", stem[:-1] + "y" if stem.endswith("i") else ""):
        if adjective and _has_word(adjective, index):
            return adjective
    return None


def _has_word(word: str, index: Index) -> bool:
    """Whether the glossary has the word as an entry of its own, not only phrases it opens."""
    return any(e.english == word for e in index.get(word, ()))


def english_words(question: str) -> frozenset[str]:
    """The question's English words, as written and in their dictionary forms."""
    written = {w.lower() for w in _WORD.findall(question)}
    return frozenset(written | {english_lemma(w) for w in written})


@lru_cache(maxsize=16384)
def english_zipf(word: str, *, small: bool = False) -> float:
    """General-language frequency of a word in English, on the Zipf scale (0 unknown): what
    tells "many" and "think" (grammar and chatter) from "timeline" in an English question,
    where Norwegian frequencies say nothing. `small`: wordfreq's small list (Zipf 3 and up,
    4 MB against 33 MB in every worker), enough to tell a question's language by."""
    import wordfreq

    return float(wordfreq.zipf_frequency(word, "en", wordlist="small" if small else "best"))
