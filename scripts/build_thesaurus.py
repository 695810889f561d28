"""Build service/data/thesaurus_nb.tsv from the LibreOffice Norwegian bokmål thesaurus.

    apt-get install mythes-no
    python scripts/build_thesaurus.py /usr/share/mythes/th_nb_NO_v2.dat

The source (MyThes format, ISO-8859-1) lists for each headword its meanings, each a line of
synonyms. Kept: one-word headwords and one-word synonyms, and only pairs that the thesaurus
states both ways (A lists B and B lists A), because one-way entries run far from the
headword's sense ("pris" lists "arv"). One line per word: the word, a tab, its synonyms.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.thesaurus import write_table  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "service" / "data" / "thesaurus_nb.tsv"
_ONE_WORD = re.compile(r"^[a-zæøåéü]+(?:-[a-zæøåéü]+)?$")

HEADER = """# Norwegian bokmål synonyms, one word per line: word<TAB>synonyms separated by spaces.
# Derived by scripts/build_thesaurus.py from th_nb_NO_v2.dat of the LibreOffice
# dictionaries (Debian package mythes-no 1:7.5.0-1), by the spell-norwegian project,
# licensed GPL-2: see service/data/NOTICE.md.
"""


def read_mythes(path: Path) -> dict[str, set[str]]:
    lines = path.read_text(encoding="latin-1").split("\n")
    out: dict[str, set[str]] = {}
    i = 1  # line 0 names the encoding
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        head, _, count = lines[i].rpartition("|")
        i += 1
        synonyms = out.setdefault(head.strip().lower(), set())
        for _ in range(int(count)):
            synonyms.update(s.strip().lower() for s in lines[i].split("|")[1:])
            i += 1
    return out


def main(argv: list[str]) -> int:
    source = Path(argv[1] if len(argv) > 1 else "/usr/share/mythes/th_nb_NO_v2.dat")
    raw = read_mythes(source)
    pairs: dict[str, set[str]] = {}
    for head, synonyms in raw.items():
        if not _ONE_WORD.match(head):
            continue
        for syn in synonyms:
            if syn != head and _ONE_WORD.match(syn) and head in raw.get(syn, ()):
                pairs.setdefault(head, set()).add(syn)
    print(write_table(OUT, HEADER, pairs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
