"""Which language a question is in (Norwegian or English), so answers follow it.

Each word votes by how much more common it is in one language than the other (wordfreq's
Zipf frequencies for both): "which", "had" and "meeting" vote English, "hvilke", "møtet"
Norwegian. Names do not vote: a word written with a capital inside a sentence
("Tromsø-områdets", "Arendalsuka") is the same in either language, so an English question
about a Norwegian body is still read as English. English frequencies come from wordfreq's
small list: a server answering Norwegian questions never loads the full one.
"""

from __future__ import annotations

import re

from index.analyze import zipf
from service.translate import english_zipf

_WORD = re.compile(r"[^\W\d_]+")
# One word can outvote at most this much: a single very English word ("the") must not
# outweigh a Norwegian sentence around it.
MAX_VOTE = 3.0
# The councils write Norwegian: a question the words leave in doubt ("Status?", a word as
# common in both) is read as Norwegian.
ENGLISH_MARGIN = 0.5


def is_english(text: str) -> bool:
    score = 0.0
    for m in _WORD.finditer(text):
        word = m.group(0)
        before = text[max(0, m.start() - 4):m.start()].rstrip()
        starts = not before or before[-1] in ".!?:\"«("  # a sentence's first word
        if word[0].isupper() and not starts:
            continue  # a name
        lower = word.lower()
        score += max(-MAX_VOTE, min(MAX_VOTE, english_zipf(lower, small=True) - zipf(lower)))
    return score > ENGLISH_MARGIN
