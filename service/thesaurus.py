"""Norwegian synonyms from a general thesaurus, so that a question and the minutes may say
the same thing in other words ("utgift" / "kostnad", "innbygger" / "beboer").

Two tables of general Norwegian that know no document: the LibreOffice bokmål thesaurus
(service/data/thesaurus_nb.tsv, built by scripts/build_thesaurus.py), and the one-word
glosses of the bokmål dictionary's definitions ("krevende: ...; vanskelig", "utfall: ...
slutt, resultat"; service/data/glosses_nb.tsv, built by scripts/build_glosses.py). Their
entries run wide ("møte" lists "fest"), so a synonym found is weaker evidence than the word
itself: the caller gives it partial credit, and the answer gate's calibration decides what
it is worth.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from index.analyze import lemma

TABLES = (Path(__file__).resolve().parent / "data" / "thesaurus_nb.tsv",
          Path(__file__).resolve().parent / "data" / "glosses_nb.tsv")


@lru_cache
def _table(paths: tuple[Path, ...] = TABLES) -> dict[str, str]:
    # Each word's synonyms as the one line the tables write, split when asked: 57,000 words
    # held as tuples of strings cost every worker twice the memory.
    out: dict[str, str] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                word, _, synonyms = line.partition("\t")
                out[word] = f"{out[word]} {synonyms}" if word in out else synonyms
    return out


def write_table(path: Path, header: str, table: dict[str, set[str]]) -> str:
    """Write a table in the format `_table` reads (word, a tab, its synonyms by spaces), for
    the scripts that build them; returns what was written, counted."""
    body = "".join(f"{w}\t{' '.join(sorted(s))}\n" for w, s in sorted(table.items()))
    path.write_text(header + body, encoding="utf-8")
    return f"{len(table)} words, {sum(map(len, table.values()))} synonyms -> {path}"


def synonyms(word: str) -> tuple[str, ...]:
    """Synonyms of a word in its dictionary form ("utgiftene" -> kostnad, pris, ...), or ()."""
    table = _table()
    word = word.lower()
    # Both: "vanskeligere" has entries of its own ("verre") and its lemma's ("krevende").
    found = f"{table.get(word, '')} {table.get(lemma(word), '')}"
    return tuple(dict.fromkeys(found.split()))
