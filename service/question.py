"""What a question asks for, read before retrieval: its topic words, the language, and the
constraints it states (a body, a date, a year, an item number, a quantity), so that retrieval
can respect them and the answer step can refuse when the minutes do not meet them.

Minutes questions name their scope far more often than web queries do ("i formannskapet",
"på KG-møtet 16. mars", "sak PS 1/26"); ignoring that scope is how a system answers about
the wrong meeting with confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from index.lexical import terms
from index.parse_dates import mentioned_days, strip_dates
from service.language import is_english
from service.translate import expand_english

ALIASES = Path(__file__).resolve().parent / "data" / "body_aliases.tsv"

# Words that describe what happened at a meeting or how people felt about it, not what it
# was about; a question's relevance is judged on its topic words only.
ACT_WORDS = frozenset(terms(
    "konkludert konklusjon konkluderte bestemt besluttet vedtatt vedtak vedtok diskutert "
    "diskuterte drøftet sagt sa fortalt informert informerte orientert orienterte "
    "innspill oppsummering møte møtet referat referatet sak saken saker punkt "
    "holdt holdes avholdt avholdes "
    "mente mener syntes synes tenkte vurderte vurdert vurdering oppfatning argumenter "
    "gruppen gruppa rådet utvalget kom fram frem "
    "decided decision concluded conclusion discussed said meeting minutes item agreed "
    "think thought opinion view views argue argued arguments "
    "hvem who when når hvor where what hva decide decides discuss dato date tidspunkt"
))

_BOARD = re.compile(
    r"styremøte|styresak|\bstyret\b|\bstyrets\b|\bboard\b|foresl[åa]tte?\b|meldt opp"
    r"|neste møte|next meeting", re.IGNORECASE)
# Questions about the meeting itself: the header label that answers them (judged on), and
# other labels that may (searched for).
_MEETING_FIELDS = {
    "place": (re.compile(r"\bhvor\b.*\bmøte|\bmøtested|\bwhere\b.*\bmeeting\b", re.I),
              "sted", "møtested"),
    "time": (re.compile(r"\b(?:når|hvilket tidspunkt)\b.*\bmøtet\b|\bwhat time\b|"
                        r"\bwhen\b.*\bmeeting\b", re.I), "tid", "dato"),
    "participants": (re.compile(r"hvem (?:deltok|var til stede|møtte|ledet)|deltakere"
                                r"|til stede|møteleder|forfall|who attended|attendees"
                                r"|present at|participants|chaired", re.I),
                     "deltakere", "møteleder forfall"),
}
_QUANTITY = re.compile(
    r"\bhvor (?:mye|mange|stor|store|stort|lang|lenge|høy|høyt)\b|\bhow (?:much|many|long|large|big)\b"
    r"|\bwhat (?:budget|amount|sum)\b|\bhvilket (?:beløp|budsjett)\b|\bhvilken sum\b",
    re.IGNORECASE)
_MONEY_WORDS = frozenset(terms(
    "koste koster kostet kostnad kostnader pris spare sparer innsparing bevilge bevilget "
    "budsjett tilskudd beløp kroner penger cost costs spend spent save saving budget price "
    "grant funding money"))
_ITEM_REF = re.compile(
    r"\b(?:(?P<kind>ps|os|rs|ds|ms)\s*|(?:sak|saken|item|case)\s+(?:nr\.?\s*)?(?:(?P<kind2>ps|os|rs)\s*)?)"
    r"(?P<num>\d{1,3}(?:/\d{2,4})?)\b", re.IGNORECASE)
_OUTCOME = re.compile(
    r"konklu|vedt[ao]|\bvedtak|bestem|beslut|\benige?\b|enighet|utfall|\bconclu|\bdecid|"
    r"\bdecision|\bagree|\bresolv|\boutcome", re.IGNORECASE)
# "når det gjelder" means "as regards", not "when".
_WHEN = re.compile(r"\bnår\b(?! det gjelder)|\bhvilken (?:dato|dag)\b|\bwhat date\b|\bwhen\b", re.IGNORECASE)
_COUNTED = re.compile(r"\bhvor mange (\w+)", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d./-])(?:19|20)\d{2}(?![\d./-])")


@dataclass(frozen=True)
class ItemRef:
    kind: str  # "ps", "os", ... or "" when written as "sak 7"
    number: str  # "1/26", "7"

    def matches(self, item: str) -> bool:
        """Does an item number as written in the minutes ("PS 1/26", "7", "3/26") match?"""
        m = re.fullmatch(r"(?:(sak|[a-z]{2})\.?\s*)?(\d{1,3}(?:/\d{2,4})?)", item.strip().lower())
        if not m:
            return False
        kind = "" if m.group(1) in (None, "sak") else m.group(1)
        number = _short_year(m.group(2))
        if self.kind and kind and kind != self.kind:
            return False
        if number == _short_year(self.number):
            return True
        # "sak 3" finds "3/26"; the year part is optional in speech
        return "/" not in self.number and number.split("/")[0] == self.number


def _short_year(number: str) -> str:
    """"2/2026" and "2/26" are the same case number."""
    case, _, year = number.partition("/")
    return f"{case}/{year[-2:]}" if year else case


def mentions_ref(text: str, ref: ItemRef) -> bool:
    """Does `text` refer to the item ("sak 7", "PS 1/26"), not merely contain the digits?"""
    return any(ref.matches(f"{m['kind'] or m['kind2'] or ''} {m['num']}".strip())
               for m in _ITEM_REF.finditer(text))


def strip_refs(text: str) -> str:
    """The question without its item references, for judging what else it asks."""
    return _ITEM_REF.sub(" ", text)


@dataclass
class Query:
    text: str  # as asked
    search: str  # what BM25 searches: for English questions, with Norwegian vocabulary added
    topic: str  # the topic words relevance is judged on
    english: bool
    board: bool = False  # about the items proposed for the next board meeting
    meeting_level: bool = False  # about the meeting itself: where, when, who attended
    item_refs: list[ItemRef] = field(default_factory=list)
    days: set[tuple[int, int, int | None]] = field(default_factory=set)
    years: set[str] = field(default_factory=set)
    quantity: str | None = None  # "money", "number" or "date" when the answer must hold one
    counted: str = ""  # the stem of what "hvor mange" counts: the number must be of it
    body_terms: set[str] = field(default_factory=set)  # stems that may name a body
    asks_outcome: bool = False  # "hva ble konkludert/vedtatt": the conclusion answers


def plan_query(question: str) -> Query:
    english = is_english(question)
    search, topic = expand_english(question) if english else (question, question)
    days = mentioned_days(question)
    # Days and item numbers are constraints checked on their own; as search words their
    # digits would find any chunk with a "13" in it.
    without_days = strip_dates(question)
    if days:
        search, topic = strip_dates(search), strip_dates(topic)
    if _ITEM_REF.search(question):
        search, topic = strip_refs(search), strip_refs(topic)
    fields = [name for name, (pattern, *_) in _MEETING_FIELDS.items() if pattern.search(question)]
    for name in fields:  # the header's own labels ("Sted:") answer these
        _, label, more = _MEETING_FIELDS[name]
        search += f" {label} {more}"
        topic += f" {label}"
    kept = [w for w in re.findall(r"\w[\w/.,-]*", topic) if not set(terms(w)) <= ACT_WORDS]
    refs = [ItemRef((m["kind"] or m["kind2"] or "").lower(), m["num"])
            for m in _ITEM_REF.finditer(question)]
    ref_numbers = {r.number for r in refs}
    years = {y for y in _YEAR.findall(without_days) if y not in ref_numbers}
    quantity = None
    if _QUANTITY.search(question):
        quantity = "money" if set(terms(search)) & _MONEY_WORDS else "number"
    elif _WHEN.search(question) and not fields:
        quantity = "date"
    counted = _COUNTED.search(question)
    return Query(
        # A question of act words only ("Hva ble bestemt?") is judged on all its words; one
        # that only names an item ("Hva ble sagt i sak 7?") on the item alone.
        text=question, search=search, topic=" ".join(kept) or ("" if refs else topic),
        english=english,
        board=bool(_BOARD.search(question)), meeting_level=bool(fields),
        item_refs=refs, days=days, years=years, quantity=quantity,
        counted=(terms(counted.group(1)) or [""])[0] if counted else "",
        body_terms=set(terms(search)) | _aliases_in(search),
        asks_outcome=bool(_OUTCOME.search(question)),
    )


@lru_cache
def _aliases() -> dict[str, str]:
    """Short names councils use for their bodies ("KG"), mapped to the body's head noun."""
    out: dict[str, str] = {}
    for line in ALIASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            alias, body = line.split("\t")
            out[alias.strip().lower()] = terms(body)[0]
    return out


def aliases_for(body: str) -> list[str]:
    """The short names of a body ("KG" for "administrativ koordineringsgruppe")."""
    head = body_head(body)
    return [alias for alias, target in _aliases().items() if target == head]


def _aliases_in(text: str) -> set[str]:
    aliases = _aliases()
    return {aliases[w] for w in re.findall(r"\w+", text.lower()) if w in aliases}


def body_head(body: str) -> str:
    """The stem of a body's head noun: "administrativ koordineringsgruppe" -> koordineringsgrupp,
    "Hovedutvalg for oppvekst" -> hovedutvalg (the domain after "for" is not the body's name)."""
    name = re.split(r",|\s+(?:for|i|og)\s+", body, maxsplit=1)[0]
    stems = terms(name)
    return stems[-1] if stems else ""
