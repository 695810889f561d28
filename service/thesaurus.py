"""Norwegian synonyms from a general thesaurus, so that a question and the minutes may say
the same thing in other words ("utgift" / "kostnad", "innbygger" / "beboer").

The table is the LibreOffice bokmål thesaurus (service/data/thesaurus_nb.tsv, built by
scripts/build_thesaurus.py), general Norwegian that knows no document. Its entries run wide
("møte" lists "fest"), so a synonym found is weaker evidence than the word itself: the
caller gives it partial credit, and the answer gate's calibration decides what it is worth.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from index.analyze import lemma

TABLE = Path(__file__).resolve().parent / "data" / "thesaurus_nb.tsv"


@lru_cache
def _table(path: Path = TABLE) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, _, synonyms = line.partition("\t")
            out[word] = tuple(synonyms.split())
    return out


def synonyms(word: str) -> tuple[str, ...]:
    """Synonyms of a word in its dictionary form ("utgiftene" -> kostnad, pris, ...), or ()."""
    table = _table()
    word = word.lower()
    return table.get(word) or table.get(lemma(word), ())
