"""Snowball stems, safe to ask for from any thread.

A snowballstemmer object keeps the word it is working on in its own fields: two threads
stemming through one object read each other's letters (wrong stems, or an IndexError inside
the stemmer; PyStemmer's C version says the same of itself). The service stems in request
threads, the upload thread and the warm-up thread at once, so each thread gets its own
stemmer. Results are cached across threads: a stem depends on the word alone.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import snowballstemmer

LANGUAGES = {"nb": "norwegian", "en": "english"}
_local = threading.local()


def _stemmer(lang: str) -> snowballstemmer.stemmer:
    stemmer = getattr(_local, lang, None)
    if stemmer is None:
        stemmer = snowballstemmer.stemmer(LANGUAGES[lang])
        setattr(_local, lang, stemmer)
    return stemmer


@lru_cache(maxsize=262144)
def stem(word: str, lang: str = "nb") -> str:
    """The Snowball stem of one lower-cased word ("nb": Norwegian, "en": English)."""
    return str(_stemmer(lang).stemWord(word))
