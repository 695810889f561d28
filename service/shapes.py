"""What kind of thing a passage holds: a date, a clock time, an amount of money, a number, a
person, a place.
A question that asks "når", "hvor mye", "hvem" or "hvor" is only answered by a passage that
has one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.analyze import stopwords, word_forms, words
from index.parse_dates import MONTH_NAMES, strip_dates
from service.language import is_english
from service.translate import english_zipf, expand_english

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
_CASE_LABEL = re.compile(r"\b(?:sak(?:en)?|ps|os|rs|item|case)\s*\d+/\d+", re.IGNORECASE)
_MONEY = re.compile(r"\bkr\b\.?|\bkroner\b|\bnok\b|\d\s*,-|\bmill\.?\b|\bmillioner\b|"
                    r"\bmrd\b|\bmilliarder\b|\bkr\.\s*\d|\d[\d .]*\s*(?:kr|nok)\b|\d{1,3}(?: \d{3})+",
                    re.IGNORECASE)
_DATE = re.compile(
    rf"\b(?:{MONTH_NAMES}"
    r"|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|våren|sommeren|høsten|vinteren|"
    r"uke|neste|innen|frist|medio|ultimo|primo|(?:19|20)\d{2})\b|\d{1,2}[.:]\d{2}|"
    r"\d{1,2}\.\d{1,2}\.", re.IGNORECASE)
# A date more precise than a year: a day and month, a month, a weekday, a week.
_DAY = re.compile(
    rf"\b(?:{MONTH_NAMES}|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|uke\s*\d+)\b"
    r"|(?<![\d.])\d{1,2}\.\d{1,2}\.(?:\d{2,4})?", re.IGNORECASE)


def precise_date(text: str) -> bool:
    """Whether a text dates something more closely than by its year ("innen 22.09.2026",
    "i mars", not "for 2027")."""
    return bool(_DAY.search(text))


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
# Who does it, named by a common noun as the agent of a passive: "dekkes av klubben",
# "betales av kommunen", "ble vedtatt av styret". Norwegian grammar, not a list of agents.
_AGENT = re.compile(r"\b[a-zæøå]{3,}e?s\s+av\s+(?:den |det |de )?[a-zæøå]{3,}(?:en|et|a|ene|ne)\b"
                    r"|\b(?:blir|ble|er|var|vært|bli)\s+[a-zæøå]{3,}(?:t|et|d|dd)\s+av\s+"
                    r"(?:den |det |de )?[a-zæøå]{3,}(?:en|et|a|ene|ne)\b", re.IGNORECASE)


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
# "hvor mange boliger", "how many square metres", "antall elever": the thing counted.
_COUNTED = re.compile(r"\b(?:hvor mange|how many|antall(?:et)?|number of)\s+"
                      r"([^\W\d_]+)(?:\s+([^\W\d_]+))?", re.IGNORECASE)
# How near a count stands to what it counts: "20 brukere", "5 nye boliger", "stemte 12".
COUNT_REACH = 3
# An English word this common after "how many" is an auxiliary ("does", "did", "got"), or
# too vague to count by ("people").
AUXILIARY_ZIPF = 5.7
# Terms meet when one begins with the other and both are this long: "deltok" (delt) and
# "deltakere" (deltak).
_STEM_REACH = 4


@lru_cache(maxsize=1024)  # asked once per passage of one question
def _own_words(asked: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(asked))


@lru_cache(maxsize=1024)
def counted_terms(asked: str) -> frozenset[str]:
    """The terms of what a "hvor mange" question counts, empty when it names nothing
    countable ("Hvor mange var til stede?")."""
    m = _COUNTED.search(asked)
    if not m:
        return frozenset()
    # The word after the noun too: a count may stand by the verb ("how many members voted"
    # / "For forslaget stemte 13"), and the first word may be an adjective ("hvor mange nye
    # boliger").
    counted = [w for w in m.groups() if w]
    if is_english(asked):  # the minutes write the Norwegian words; "square metres" is one
        counted = [w for w in counted if english_zipf(w.lower()) < AUXILIARY_ZIPF]
        pair = expand_english(" ".join(counted))[2] if counted else ()
        counted = [w for concept in pair for w in concept]
    terms: set[str] = set()
    for w in counted:
        forms = word_forms(w.lower())
        terms.update(forms.forms)
        if len(forms.parts) >= 2:  # a compound counts what its head names: "trygghetsboliger"
            terms.add(forms.parts[1])
    return frozenset(t for t in terms if t not in stopwords())


def _meets(term: str, wanted: frozenset[str]) -> bool:
    return term in wanted or any(
        min(len(w), len(term)) >= _STEM_REACH and (term.startswith(w) or w.startswith(term))
        for w in wanted)


def _counts_it(text: str, wanted: frozenset[str]) -> bool:
    """Whether a number in `text` stands within COUNT_REACH words of what is counted."""
    tokens = words(text)
    numbers = [i for i, t in enumerate(tokens) if _NUMBER.fullmatch(t)]
    if not numbers:
        return False
    nouns = [i for i, t in enumerate(tokens)
             if any(_meets(term, wanted) for term in word_forms(t).terms)]
    return any(abs(i - j) <= COUNT_REACH for i in numbers for j in nouns)


# A place in a numbered list the question names: "nr. 7 på listen", "number 11 on the list".
# A passage without that number in that place does not answer, whatever else it holds.
LIST_POSITION = re.compile(r"(?<!sak )\b(?:nr\.?|nummer|number|no\.)\s*(\d{1,3})\b(?![/.]\d)",
                           re.IGNORECASE)


@lru_cache(maxsize=1024)
def _position(asked: str) -> re.Pattern[str] | None:
    m = LIST_POSITION.search(asked)
    return re.compile(rf"\b(?:nr\.?|nummer|number|no\.)\s*{m.group(1)}\b", re.IGNORECASE) \
        if m else None


@lru_cache(maxsize=256)
def _own_day(meeting_date: str) -> re.Pattern[str] | None:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", meeting_date)
    if not m:
        return None
    y, mo, d = m.group(1), int(m.group(2)), int(m.group(3))
    return re.compile(rf"(?<![\d.])0?{d}\.0?{mo}\.(?:{y}|{y[2:]})(?!\d)")


# Words that give grounds: "fordi", "på grunn av", "med hjemmel i", "følgende begrunnelse:",
# "da dette vil kreve ...", "because", "due to".
_REASON = re.compile(
    r"\b(?:fordi|på grunn av|pga\.?|grunnet|som følge av|ettersom|med bakgrunn i|med hjemmel i|"
    r"begrunnelse|begrunnet|begrunnes|årsaken|skyldes|siden (?:det|dette|den|de|vi|man)\b|"
    r"da (?:dette|det|den|de|vi|man|saken)\s+(?:vil|er|var|har|hadde|kan|ikke|blir|ble|må)|"
    r"because|due to|owing to|as a result of|on the grounds)\b", re.IGNORECASE)


def gives_reason(text: str) -> bool:
    """Whether a sentence gives grounds for something."""
    return bool(_REASON.search(text))


def satisfies(text: str, wants: str | None, *, asked: str = "", meeting_date: str = "") -> bool:
    """Whether `text` holds what is wanted. `asked`: the question; a person or place it names
    itself ("Hvem ble valgt til ordfører?", "... forslaget fra Kari Li?", "Hvor i Nordby ...")
    is not the answer. `meeting_date`: the day of the meeting whose minutes hold `text`; the
    minutes date their own treatment of every item ("behandling av sak 3/2026 i møte den
    12.05.2026"), which answers no question about when something else happens."""
    if asked and (position := _position(asked)) and not position.search(text):
        return False
    if wants in ("person", "place") and asked:
        own = _own_words(asked)
        text = _WORD.sub(lambda m: " " if m.group(0).lower() in own else m.group(0), text)
    if wants == "date":
        text = _CASE_LABEL.sub(" ", text)  # "sak 3/2026" dates nothing
        if meeting_date and (day := _own_day(meeting_date)):
            text = day.sub(" ", text)
        return bool(_DATE.search(text))
    if wants == "time":
        return bool(_CLOCK.search(text))
    if wants == "money":
        return bool(_MONEY.search(text))
    if wants == "number":  # a day of the month is a date, not a count
        counting = _LABEL_NUMBER.sub(" ", strip_dates(text))
        if not _NUMBER.search(counting):
            return False
        counted = counted_terms(asked) if asked else frozenset()
        return not counted or _counts_it(counting, counted)
    if wants == "duration":  # "hvor lenge gjelder den?": "i tre år", or "til 30. juni 2028"
        return satisfies(text, "number") or satisfies(text, "date")
    if wants == "person":
        return bool(_PERSON.search(text) or _AGENT.search(text))
    if wants == "place":
        return bool(_PLACE.search(text))
    return True
