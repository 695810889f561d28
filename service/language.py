"""Which language a question is in (Norwegian or English), so answers follow it."""

from __future__ import annotations

import re

_EN = set("the what which who when where why how did does do was were is are of about "
          "and to in on for with from by any there this that it be has have had decided "
          "said tell me please".split())
_NO = set("hva hvilke hvem når hvor hvorfor hvordan ble blir er var og om i på for med fra "
          "til av det den de som har hadde sa noe skal vedtatt sak saken møtet referatet "
          "ikke kan jeg vi".split())


def is_english(text: str) -> bool:
    words = re.findall(r"[a-zæøå]+", text.lower())
    en = sum(w in _EN for w in words)
    no = sum(w in _NO for w in words) + 2 * sum(ch in "æøå" for ch in text.lower())
    return en > no
