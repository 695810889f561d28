"""What kind of thing a passage holds: a date, a clock time, an amount of money, a number, a
person, a place.
A question that asks "når", "hvor mye", "hvem" or "hvor" is only answered by a passage that
has one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.parse_dates import MONTH_NAMES, strip_dates

# "en" / "ett" / "one" are articles and pronouns far more often than counts: not numbers.
_NUMBER = re.compile(
    r"(?<![\d/])(?!(?:19|20)\d{2}(?!\d|[,.]\d))\d[\d .,]*"
    r"|\b(?:to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|femten|tjue|tretti|"
    r"førti|femti|hundre|tusen|million|millioner|milliard|milliarder|two|three|four|five|"
    r"six|seven|eight|nine|ten|twelve|fifteen|twenty|hundred|thousand|halv|halvparten|"
    r"enstemmig|unanimous)\b",
    re.IGNORECASE)
# A number that labels something counts nothing: "sak 7", "PS 6/26", "alternativ 5", "§ 12",
# "gnr/bnr 110/2", "vedlegg 3". Taken out before a passage is read for a count.
_LABEL_NUMBER = re.compile(
    r"\b(?:sak(?:en)?|ps|os|rs|item|alternativ(?:et)?|alt\.|punkt(?:et)?|kapittel|kap\.|vedlegg|"
    r"nr\.?|gnr\.?|bnr\.?|side|option|section|appendix|page)\s*\d[\d/.\-]*|§+\s*\d[\d\-]*"
    r"|\b\d+/\d+\b"
    r"|\b\d+\.\s+(?=[a-zæøå])",  # an ordinal ("i 28. møte", "3. gangs behandling") counts nothing
    re.IGNORECASE)
_MONEY = re.compile(r"\bkr\b\.?|\bkroner\b|\bnok\b|\d\s*,-|\bmill\.?\b|\bmillioner\b|"
                    r"\bmrd\b|\bmilliarder\b|\bkr\.\s*\d|\d[\d .]*\s*(?:kr|nok)\b|\d{1,3}(?: \d{3})+",
                    re.IGNORECASE)
_DATE = re.compile(
    rf"\b(?:{MONTH_NAMES}"
    r"|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|våren|sommeren|høsten|vinteren|"
    r"uke|neste|innen|frist|medio|ultimo|primo|(?:19|20)\d{2})\b|\d{1,2}[.:]\d{2}|"
    r"\d{1,2}\.\d{1,2}\.", re.IGNORECASE)
# A clock time: "12:00", "kl. 18.30", "kl 9".
_CLOCK = re.compile(r"(?<![\d.])\d{1,2}[.:]\d{2}(?![\d.]\d)|\bkl\.?\s*\d{1,2}\b", re.IGNORECASE)
# Who: two or more capitalised words in a row ("Ola Nordmann", "Vestby Skolekorps"), a
# capitalised word inside a sentence, letters naming an organisation, or a role that names a
# person by office.
_PERSON = re.compile(
    r"\b[A-ZÆØÅ][a-zæøåéüö]+(?:[ -](?:[A-ZÆØÅ]\.|[A-ZÆØÅ][a-zæøåéüö]+))+\b"
    r"|(?<=[a-zæøå,] )[A-ZÆØÅ][a-zæøåéüö]+\b"  # a capitalised word inside a sentence: a name
    r"|\b[A-ZÆØÅ]{2,}\b"  # an organisation or party as letters: "NTE", "(AP)"
    r"|\b(?:ordfører|varaordfører|leder|nestleder|rådmann|kommunedirektør|kommunalsjef|"
    r"sekretær|daglig leder|styreleder|representant|medlem)(?:en|et)?\b", re.UNICODE)


# Where: a preposition of place before a name ("i Steinkjer", "på Kvam", "ved Malm
# legekontor"), or a noun that names a venue ("rådhuset", "Fredrikkesalen", "idrettshallen",
# "på Teams", "digitalt").
_PLACE = re.compile(
    r"\b(?:[Ii]|[Pp]å|[Vv]ed|[Hh]os|[Uu]tenfor|[Ii]nnenfor|[Mm]ellom|[Ff]ra|[Mm]ot|[Tt]il|"
    r"[Rr]undt|[Ii]n|[Aa]t|[Nn]ear|[Ff]rom|[Tt]o)\s+[A-ZÆØÅ][\wæøåÆØÅ-]+"  # the name capitalised
    r"|(?i:\b\w*(?:rådhus|salen|hallen|huset|kontoret|skolen|biblioteket|hotell|hotellet|"
    r"senteret|sentrum|parken|stadion|møterom|rommet|gården|kirken|kirka|museet|kafé|kafeen|"
    r"teams|zoom|digitalt|nettmøte)\b)")

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1024)  # asked once per passage of one question
def _own_words(asked: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(asked))


def satisfies(text: str, wants: str | None, *, asked: str = "") -> bool:
    """Whether `text` holds what is wanted. `asked`: the question; a person or place it names
    itself ("Hvem ble valgt til ordfører?", "... forslaget fra Kari Li?", "Hvor i Nordby ...")
    is not the answer."""
    if wants in ("person", "place") and asked:
        own = _own_words(asked)
        text = _WORD.sub(lambda m: " " if m.group(0).lower() in own else m.group(0), text)
    if wants == "date":
        return bool(_DATE.search(text))
    if wants == "time":
        return bool(_CLOCK.search(text))
    if wants == "money":
        return bool(_MONEY.search(text))
    if wants == "number":  # a day of the month is a date, not a count
        return bool(_NUMBER.search(_LABEL_NUMBER.sub(" ", strip_dates(text))))
    if wants == "duration":  # "hvor lenge gjelder den?": "i tre år", or "til 30. juni 2028"
        return satisfies(text, "number") or satisfies(text, "date")
    if wants == "person":
        return bool(_PERSON.search(text))
    if wants == "place":
        return bool(_PLACE.search(text))
    return True
