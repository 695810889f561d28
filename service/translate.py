"""Offline cross-lingual search: an English question gets Norwegian council vocabulary
from a small glossary, so BM25 can find Norwegian minutes. A multilingual embedder
(REFERAT_EMBEDDER=openai) does this better; this keeps the offline mode useful.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

GLOSSARY = Path(__file__).resolve().parent / "data" / "glossary_en_no.tsv"


@lru_cache
def _glossary() -> list[tuple[re.Pattern[str], list[str]]]:
    entries = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        english, norwegian = line.split("\t")
        pattern = re.compile(rf"\b{re.escape(english.strip())}\b", re.IGNORECASE)
        entries.append((pattern, norwegian.strip().split("|")))
    # Longest phrases first, so "membership fee" wins over "fee".
    return sorted(entries, key=lambda e: -len(e[0].pattern))


@lru_cache(maxsize=4096)  # 2,000 patterns take ~6 ms; the plan and the gate both ask
def expand_english(question: str) -> tuple[str, str, tuple[tuple[str, ...], ...]]:
    """Returns (search query, topic query, concepts): the search query carries every
    Norwegian alternative; the topic query only the first, so relevance is judged once per
    concept; the concepts are the alternatives of each English phrase translated, so a
    passage that says "skape" holds "create" as well as one that says "opprette"."""
    search, topic = question, question
    concepts: list[tuple[str, ...]] = []
    for pattern, alternatives in _glossary():
        if pattern.search(topic):
            topic = pattern.sub(f" {alternatives[0]} ", topic)
            search = pattern.sub(" " + " ".join(alternatives) + " ", search)
            concepts.append(tuple(alternatives))
    return search, topic, tuple(concepts)


@lru_cache(maxsize=16384)
def english_zipf(word: str) -> float:
    """General-language frequency of a word in English, on the Zipf scale (0 unknown): what
    tells "many" and "think" (grammar and chatter) from "timeline" in an English question,
    where Norwegian frequencies say nothing."""
    import wordfreq

    return float(wordfreq.zipf_frequency(word, "en"))
