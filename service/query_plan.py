"""What a question asks, read once before retrieval: its search terms, what kind of answer it
wants (a person, a date, an amount, a list, yes/no), and the constraints it states (a year, a
day, an item number, a body). Retrieval and the answer step both read the same plan and call
the same `Constraints.check`, so they cannot disagree about what was asked.

The patterns here are Norwegian and English question grammar ("hvem", "hvor mye", "when"),
never words of any document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from index.analyze import analyze, head_terms, lemma, words, zipf
from index.parse_dates import mentioned_days, same_day, strip_dates
from index.parse_items import case_key
from service.language import is_english
from service.translate import english_zipf, expand_english

ALIASES = Path(__file__).resolve().parent / "data" / "body_aliases.tsv"

_ITEM_REF = re.compile(
    r"\b(?:(?P<kind>ps|os|rs|ds|ms)\s*|(?:sak|saken|item|case)\s+(?:nr\.?\s*)?(?:(?P<kind2>ps|os|rs)\s*)?)"
    r"(?P<num>\d{1,4}(?:/\d{2,4})?)\b", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d./-])(?:19|20)\d{2}(?![\d./-])")
_MONTH_NUMBERS = {name: n + 1 for n, names in enumerate((
    ("januar", "january"), ("februar", "february"), ("mars", "march"), ("april",), ("mai",),
    ("juni", "june"), ("juli", "july"), ("august",), ("september",), ("oktober", "october"),
    ("november",), ("desember", "december"))) for name in names}
# A month named on its own ("møtet i februar", "in March 2026"); English "may" is a verb
# unless "in May" or "May 2026" says otherwise.
MONTH_WORD = re.compile(r"\b(?:" + "|".join(_MONTH_NUMBERS) + r")\b", re.IGNORECASE)
_MONTH = re.compile(r"\b(" + "|".join(_MONTH_NUMBERS) + r")\b(?:\s+((?:19|20)\d{2}))?"
                    r"|\b(?:in|of) (May)\b(?:\s+((?:19|20)\d{2}))?|\b(May) ((?:19|20)\d{2})\b",
                    re.IGNORECASE)
_WHO = re.compile(r"\bhvem\b|\bwho\b|\bwhom\b|\bwhose\b", re.IGNORECASE)


def _asked_by_noun(nouns: str, ending: str, asking: str = "hva") -> str:
    """"Hva er avgiften?", "Hva var oppstartsdatoen?": the thing asked named by its noun, a
    compound's head too, after "hva er/var/blir/ble" (and an adjective)."""
    return rf"\b(?:{asking}) (?:er|var|blir|ble) (?:den |det )?(?:\w+ )?\w*(?:{nouns}){ending}"


# A date asked by name: "hvilken dato", "what date", or a deadline or date by its noun:
# "Hva er høringsfristen?", "Hva var oppstartsdatoen?", "What is the consultation deadline?".
_DATE_NOUN = _asked_by_noun("frist|dato", r"(?:en)?\b", asking="hva|når")
_DATE_ASK = re.compile(r"\bhvilken (?:dato|dag|frist)\b"
                       rf"|{_DATE_NOUN}"
                       r"|\bwhat date\b|\bon what day\b"
                       r"|\bwhat (?:is|was|will be) the (?:\w+ )?(?:deadline|date)\b",
                       re.IGNORECASE)
# The nouns that name the kind of thing asked, not a topic: "hvilken dato", "fristen",
# "hvilket beløp", "antallet". A passage answers them with a date, an amount or a count (the
# shape the plan asks for), seldom with the noun itself.
SHAPE_WORD = {
    "date": re.compile(r"^(?:dato(?:en)?|dag(?:en)?|frist(?:en)?|tidspunkt(?:et)?|date|day|"
                       r"deadline)$", re.IGNORECASE),
    "money": re.compile(r"^(?:beløp(?:et)?|sum(?:men)?|amount)$", re.IGNORECASE),
    "number": re.compile(r"^(?:antall(?:et)?|tall(?:et)?|number)$", re.IGNORECASE),
}
# "når" / "when" asks only at the start of a question or of its second part ("..., og når ble
# pengene tildelt?"); elsewhere it opens a clause that sets the scene ("Hvem skal ha ansvaret
# når andre vil leie?"). "når det gjelder" is "as regards": Norwegian grammar, not a
# document's words.
_ASKING_WHEN = re.compile(r"(?:^|[,;.?]\s*|\b(?:og|and)\s+)(?:når(?! det gjelder)|when)\b",
                          re.IGNORECASE)
_INTERROGATIVE = re.compile(r"\b(?:hvem|hva|hvor|hvilke[nt]?|hvordan|hvorfor|who|whom|what|where|"
                            r"which|how|why)\b", re.IGNORECASE)
_QUANTITY = re.compile(
    r"\bhvor (?:mye|mange|stor|store|stort|lang|lenge|høy|høyt)\b|\bhow (?:much|many|long|large|big)\b"
    r"|\bwhat (?:budget|amount|sum)\b",
    re.IGNORECASE)
# Nouns that name an amount of money, general council vocabulary: "hva ble kostnadsrammen"
# ("rammen" alone is a framework), "hva var overskuddet", "what were the total operating
# revenues", "what were X's revenues" (not "what was decided on the budget").
_AMOUNT_NB = ("avgift|gebyr|pris|leie|beløp|kostnad|sats|(?<=\\w)ramme|budsjett|tilskudd|overskudd|"
              "underskudd|inntekt|utgift|lønn|honorar|kontingent|utbytte|bevilgning|erstatning|"
              "godtgjørelse|godtgjøring")
_AMOUNT_ENDING = r"(?:en|et|a|ene|n|ne|er|t)?\b"  # the noun ends the word: "satsing" is no "sats"
_AMOUNT_EN = ("price|fee|rent|charge|amount|sum|revenue|income|surplus|deficit|budget|grant|"
              "expenditure|salary|subsid(?:y|ie)|profit|turnover|payment|fine|wage|"
              "compensation|cost|expense|allowance|hourly rate")
# An amount asked without "hvor mye": "hvilken kjøpesum", "hvilket gebyr", "hva koster",
# "... i kroner", "what did it cost".
_MONEY_ASK = re.compile(
    r"\bhvilke[nt]?\s+(?:\w+\s+)?\w*(?:sum|summen|beløp|beløpet|pris|prisen|gebyr|gebyret|"
    r"kostnad|kostnaden|budsjett|budsjettet)\b|\bi kroner\b"
    r"|\bhva koste[rt]?\b|\bwhat (?:did|does|will|would)\b.{0,80}\bcost\b"
    r"|\bwhat (?:was|is|were|are|will be) the (?:\w+ )?(?:price|cost|fee|amount|sum)\b"
    # "hva er avgiften", "hva tar de betalt", "what annual rent": a price asked by its name
    rf"|{_asked_by_noun(_AMOUNT_NB, _AMOUNT_ENDING)}"
    r"|\bta[r]? (?:\w+ ){0,4}betalt\b"
    rf"|\bwhat (?:\w+ )?(?:{_AMOUNT_EN})s?\b"
    rf"|\bwhat (?:is|was|were|are|will be) (?:the |(?:\w+ )?\w+['’]s? )(?:[\w'’]+ ){{0,4}}"
    rf"(?:{_AMOUNT_EN})s?\b",
    re.IGNORECASE)
# A second question joined to the first: ", og hvem ...", "og hvor mye ...", "and who ...":
# a question word right after the "og". ("Hvem skal låse når andre leier?" asks one thing.)
_NEXT_PART = re.compile(
    r"(?:,\s*|\s+)(?:og|and|samt)\s+(?P<word>(?:(?:i|på|fra|til|med|for|in|at|on|from|to|"
    r"with)\s+)?(?:hvem|hva|hvor|når|hvilke[nt]?|hvordan|hvorfor|"
    r"who|whom|what|where|when|which|how|why)\b)", re.IGNORECASE)
_WORDISH = re.compile(r"\w{3,}.*\w{3,}", re.DOTALL)
_DURATION = re.compile(r"\bhvor (?:lang|lenge)\b|\bhow long\b", re.IGNORECASE)
_COUNT = re.compile(r"\bhvor mange\b|\bhow many\b|\bantall\b|\bnumber of\b", re.IGNORECASE)
# Words of money in a "hvor stor/høy" question: the nouns of amounts above, and more.
_MONEY = re.compile(rf"(?:{_AMOUNT_NB}){_AMOUNT_ENDING}|kost|\bpris|kroner|\bkr\b|bevilg|penger|midler|"
                    rf"\b(?:{_AMOUNT_EN})|\bcost|\bfund|\bmoney|\bspen[dt]",
                    re.IGNORECASE)
_LIST = re.compile(r"\bhvilke\b|\blist\b|\bwhich (?:items|cases|matters|topics)\b"
                   r"|\bwhat (?:items|cases|matters|topics)\b", re.IGNORECASE)
# "Hvilke saker behandlet klagenemnda 11. juni?", "what items were on the agenda": the
# meeting's agenda. Its words only say that the items are asked; the rest names the meeting,
# or narrows the list to a topic.
_AGENDA = re.compile(r"\bhvilke (?:\w+ )?saker\b|\bsaksliste|\bsakslista\b|\bsakskart|\bdagsorden"
                     r"|\b(?:which|what) (?:\w+ )?(?:items|cases|matters)\b|\bagenda\b", re.IGNORECASE)
_AGENDA_WORDS = re.compile(
    r"\b(?:saker|sakene|sak|saksliste[n]?|sakslista|sakskart(?:et)?|dagsorden(?:en)?|behandlet|"
    r"behandla|behandles|behandle|sto|stod|oppe|items?|cases?|matters?|agenda|discussed|"
    r"considered|handled|dealt with|taken up|discuss|consider|handle|deal with|take up)\b",
    re.IGNORECASE)
_YESNO = re.compile(r"^\s*(?:ble|blir|er|var|har|hadde|skal|skulle|vil|kan|fikk|får|gikk|"
                    r"stemte|vedtok|godkjente|did|does|do|was|were|is|are|has|have|had|will|can)\b",
                    re.IGNORECASE)
_OUTCOME = re.compile(
    r"konklu|vedt[ao]|\bvedtak|bestem|beslut|\benige?\b|enighet|utfall|\bconclu|\bdecid|"
    r"\bdecision|\bagree|\bresolv|\boutcome|\bapprov|\bgodkj", re.IGNORECASE)
# One word of a question that asks for an outcome; the plan keeps that as `asks_outcome`.
OUTCOME_WORD = re.compile(r"^(?:konklu|vedt[ao]|bestem|beslut|enig|utfall|conclu|decid|decision|agree|"
                          r"resolv|outcome|approv)", re.IGNORECASE)
_BOARD = re.compile(r"styremøte|styresak|\bboard meeting\b|foresl[åa]tte? (?:saker|til)|meldt opp"
                    r"|neste (?:styre)?møte|next (?:board )?meeting", re.IGNORECASE)
# "Når og hvor er neste styremøte?": the meeting ahead, which the list of items proposed for
# it dates and places; not the header of the meeting whose minutes say so.
NEXT_MEETING = re.compile(r"\b(?:neste|kommende|next|upcoming|coming)\s+(?:board\s+)?(?:styre)?"
                          r"(?:møte|meeting)", re.IGNORECASE)
# A meeting's treating of an item, asked when: the item's meeting dates it.
_TREATED_WORDS = re.compile(r"\b(?:behandlet|behandla|drøftet|drøfta|diskutert|vedtatt|tatt opp|"
                            r"discussed|considered|handled|decided|approved|adopted|taken up|"
                            r"dealt with)\b", re.IGNORECASE)
_TREATED = re.compile(r"^\W*(?:når|when)\b.*" + _TREATED_WORDS.pattern, re.IGNORECASE)


# Words of holding or saying a view, by lemma: "Hva mente rådet om ...", "Hva sa
# kommunedirektøren om ...", "What did the group think of ...", "synet på". The minutes write
# the view itself; "mente" and "påpekte" are written there too, but seldom.
_STANCE_LEMMAS = frozenset({"mene", "synes", "si", "uttale", "hevde", "påpeke", "understreke",
                            "fremheve", "framheve", "mening", "oppfatning", "syn",
                            "standpunkt", "think", "thinks", "thought", "say", "says", "said",
                            "believe", "believed", "feel", "felt", "argue", "argued", "view",
                            "views", "opinion"})


def is_stance(word: str) -> bool:
    return lemma(word) in _STANCE_LEMMAS or word.lower() in _STANCE_LEMMAS


# "Hvorfor ...?", "Hvilke begrunnelser ...?", "On what grounds ...?": the grounds are asked.
_REASON_ASK = re.compile(r"\bhvorfor\b|\bwhy\b|\bbegrunnel|\bbegrunn(?:et|a|er)\b|"
                         r"\b(?:hvilken|hvilke|hva var|hva er) (?:\w+ )?grunn|\bon what grounds\b|"
                         r"\b(?:what|which) (?:\w+ )?(?:reasons?|grounds|justification)\b",
                         re.IGNORECASE)
# "Hva innstilte kommunedirektøren?", "Hvor mye foreslo Høyre?", "Hvor mye søkte de om?":
# the proposal, or the application, is asked, not only what was decided.
_PROPOSAL_ASK = re.compile(r"forsla|foresl|innstil|anbefal|søkte|søkt|søknad|propos|recommend|"
                           r"suggest|motion|amendment|appl(?:y|ied|ication)|asked for",
                           re.IGNORECASE)


# "Hva handlet saken om?", "Hva dreide det seg om?", "Hva gikk forslaget ut på?": the verb
# asks what a matter is about; the minutes state the matter, never that verb.
_ABOUT_VERB = re.compile(r"\b(?:handler|handlet|handla|dreier|dreide|dreiet|dreia)\b(?=.*\bom\b)"
                         r"|\b(?:går|gikk)\b(?=.*\but på\b)", re.IGNORECASE)


def without_about_verb(question: str) -> str:
    return _ABOUT_VERB.sub(" ", question)


# "Innen hvilken dato ...", "Fra når gjelder ...", "By which date ...", "Med hvem ...": the word
# that governs the question word, with nothing between them, is part of what is asked.
_GOVERNED = re.compile(r"\b([^\W\d_]+)\s+(?=(?:hvem|hva|hvilke[nt]?|når|hvor|which|what|whom|"
                       r"when)\b)", re.IGNORECASE)
# ... when it is a common word; a rarer one before "hva" is a topic word of its own.
GOVERNING_ZIPF = 4.5


def without_governing_words(question: str) -> str:
    return _GOVERNED.sub(lambda m: " " if max(zipf(m.group(1).lower()),
                                              english_zipf(m.group(1).lower())) >= GOVERNING_ZIPF
                         else m.group(0), question)


def without_treatment(question: str) -> str:
    """"Når ble X behandlet?" without "behandlet": what the plan's when_treated says."""
    return _TREATED_WORDS.sub(" ", question)


# "hvor" is "where" unless a measure follows it: "hvor mye", "hvor mange", "hvor stor".
_HVOR_MEASURE = "mye|mange|stor|store|stort|lang|lenge|høy|høyt|ofte|gammel|gamle|langt"
_PLACE = re.compile(rf"\bhvor\b(?!\s+(?:{_HVOR_MEASURE}))(?:.*(?:møte|\bholdt|\bavholdt|\bmøttes|\bmøtes))"
                    r"|\bmøtested|\bwhere\b.*\b(?:meeting|held|meet|met)\b"
                    r"|\b(?:i|in)\s+(?:hvilket|hvilken|which|what)\s+(?:rom|sal|lokale|room|venue|hall)\b",
                    re.IGNORECASE)
# A role asked ("hvem er leder for eldrerådet?") is a column of the participant list.
# "Hvem leder arbeidsmiljøutvalget?", "Who chairs the youth council?": the body's leader, as
# its participant list writes it; not "hvem leder arbeidet med ...", which is a task.
_LEADS_BODY = (r"\bhvem leder(?= (?:det |den )?\w*(?:utvalg|råd|styre|nemnd|skap|gruppe|gruppa|komite|"
               r"komité|ting)\w*\b)|\bwho chairs\b")
_ATTENDANCE = re.compile(r"hvem (?:deltok|var til stede|møtte|ledet)|\bdeltakere|til stede|"
                         r"møteleder|(?:meldte?\s+|hadde\s+)?forfall|who (?:attended|was present|chaired|led)|attendees|"
                         r"present at|participants|chaired"
                         r"|\bhvem (?:er|var) (?:leder|nestleder|sekretær|referent)\b"
                         rf"|{_LEADS_BODY}"
                         r"|\bwho (?:is|was) the (?:chair|deputy chair|secretary)\b", re.IGNORECASE)
# "Hvor mange representanter var til stede?", "How many members attended the meeting?": the
# meeting's roll counted, which its header states ("Det var 12 stemmeberettigede til stede").
# Not "hvor mange deltok på workshopen": people at an event the minutes tell of.
_COUNT_PRESENT = re.compile(
    r"\bhvor mange\b(?: \w+){0,2} (?:møtte\b|var (?:til stede|tilstede)\b|deltok på møtet\b)"
    r"|\bhow many\b(?: \w+){0,2} (?:attended the meeting|were present|attended)\b", re.IGNORECASE)
# The role a question asks of a meeting, as the participant lists write it: "hvem ledet
# møtet", "who chaired" ask the "Leder"; the deputy first, so "nestleder" is not "leder".
_ROLES = (
    ("nestleder", re.compile(r"\bnestleder|\bdeputy chair|\bvice[- ]chair", re.IGNORECASE)),
    ("leder", re.compile(r"\bhvem (?:er|var) (?:møte)?leder|\bhvem ledet|\bmøteleder|\bchaired|"
                         rf"\bwho (?:led|is|was) the chair|\bwho led\b|{_LEADS_BODY}",
                         re.IGNORECASE)),
    ("sekretær", re.compile(r"\bsekretær|\bsecretary\b", re.IGNORECASE)),
    ("referent", re.compile(r"\breferent|\bminute[- ]taker|\btook the minutes", re.IGNORECASE)),
)


def asked_role(question: str) -> str | None:
    """The role asked of the meeting's participants, in the lists' word, or None."""
    return next((role for role, pattern in _ROLES if pattern.search(question)), None)


# When the meeting itself began, ended or how long it lasted: a header row ("Tid: 12:00 -
# 12:30"), not an agenda item.
_MEETING_TIME = re.compile(
    r"\b(?:når|hvilket klokkeslett)\b.*\b(?:startet|begynte|sluttet|slutte|hevet|satt|møttes)\b"
    r"|\bhvor lenge varte\b|\bmøtetid|\bwhat time\b.*\b(?:start|begin|end|finish|meet)"
    r"|\bhow long did\b.*\blast\b|\bwhen did\b.*\b(?:start|begin|end|finish|meet)\b",
    re.IGNORECASE)
# The words of those questions that only say which field is asked; no minutes text repeats
# them, so they are no topic. Word by word: the words between them name the meeting.
_INTENT_WORDS = re.compile(
    r"\b(?:hvor|hvem|hvilket|hvilken|rom|klokkeslett|holdt|avholdt|deltok|møtte|ledet|"
    r"startet|begynte|sluttet|slutte|hevet|varte|lenge|møtested|møtetid|til stede|"
    r"starter|begynner|slutter|holdes|avholdes|"
    r"where|who|which|room|held|hold|holds|attended|present|chaired|led|what time|start|started|begin|"
    r"end|ended|finish|starts|begins|ends|how long|last|lasted|did|does|do|will|was|were)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class ItemRef:
    kind: str  # "ps", "os", ... or "" when written as "sak 7"
    number: str  # "1/26", "7"

    def matches(self, item: str) -> bool:
        """Does an item number as written in the minutes ("PS 1/26", "7", "3/26") match?"""
        # "PS TEK 0002/00": a committee's letters between code and number
        m = re.fullmatch(r"(?:(sak|[a-z]{2})\.?\s*(?:[a-zæøå]{2,5}\s+)?)?(\d{1,4}(?:/\d{2,4})?)",
                         item.strip().lower())
        if not m:
            return False
        kind = "" if m.group(1) in (None, "sak") else m.group(1)
        number = case_key(m.group(2))
        if self.kind and kind and kind != self.kind:
            return False
        if number == case_key(self.number):
            return True
        # "sak 3" finds "3/26": the year part is optional in speech
        return "/" not in self.number and number.split("/")[0] == self.number.lstrip("0")


@dataclass(frozen=True)
class Constraints:
    """What any passage that answers must meet. Checked by retrieval on items and by the
    answer step on sentences, through this one method."""

    years: frozenset[str] = frozenset()
    days: frozenset[tuple[int, int, int | None]] = frozenset()
    item_refs: tuple[ItemRef, ...] = ()
    months: frozenset[tuple[int, str | None]] = frozenset()  # (month, year or None)

    def check(self, text: str, *, meeting_date: str = "", item: str = "") -> bool:
        for year in self.years:
            if year not in text and not meeting_date.startswith(year):
                return False
        if self.days:
            mentioned = set(mentioned_days(text))
            if len(meeting_date) == 10:
                mentioned.add((int(meeting_date[8:10]), int(meeting_date[5:7]),
                               int(meeting_date[:4])))
            if not any(same_day(d, m) for d in self.days for m in mentioned):
                return False
        if self.months and not any(self._in_month(m, y, text, meeting_date)
                                   for m, y in self.months):
            return False
        if self.item_refs and not self.names(item) and not any(
                r.matches(_ref_text(m)) for m in _ITEM_REF.finditer(text) for r in self.item_refs):
            return False
        return True

    @staticmethod
    def _in_month(month: int, year: str | None, text: str, meeting_date: str) -> bool:
        if len(meeting_date) == 10 and int(meeting_date[5:7]) == month and (
                year is None or meeting_date.startswith(year)):
            return True
        names = [n for n, k in _MONTH_NUMBERS.items() if k == month]
        return any(re.search(rf"\b{n}\b", text, re.IGNORECASE) for n in names) or bool(
            re.search(rf"\b\d{{1,2}}\.\s?0?{month}\.(?:\s?(?:19|20)?\d{{2}})?\b", text))

    def names(self, item: str | None) -> bool:
        if not item:
            return False
        return any(r.matches(item) for r in self.item_refs)


def _ref_text(m: re.Match[str]) -> str:
    return f"{m['kind'] or m['kind2'] or ''} {m['num']}".strip()


@dataclass
class QueryPlan:
    text: str
    english: bool
    search_terms: list[str]  # analyzer terms to search with (English: with Norwegian added)
    topic_words: list[str]  # the question's words that carry its topic, as written
    constraints: Constraints
    wants: str | None = None  # "person", "date", "time", "money", "number", "duration", "place"
    asks_list: bool = False
    yes_no: bool = False
    asks_outcome: bool = False
    board: bool = False
    agenda: bool = False  # the items of a meeting are asked ("hvilke saker behandlet ...")
    place: bool = False
    ahead: bool = False  # the next meeting is asked: the items proposed for it say when, where
    attendance: bool = False
    role: str | None = None  # with attendance: the role asked ("leder"), as the lists write it
    meeting_time: bool = False
    # "Når ble X behandlet?", "When was X discussed?": the day a meeting treated the item,
    # which its heading dates, not a date written in it.
    when_treated: bool = False
    body_terms: set[str] = field(default_factory=set)
    parts: tuple[str, ...] = ()  # the questions it asks, when more than one
    asks_proposal: bool = False  # a proposal, recommendation or application is asked
    asks_reason: bool = False  # "hvorfor", "why", "hvilke begrunnelser": the grounds are asked

    @property
    def meeting_level(self) -> bool:
        return self.place or self.attendance or self.meeting_time


def plan_query(question: str) -> QueryPlan:
    english = is_english(question)
    ahead = bool(NEXT_MEETING.search(question))
    attendance = (bool(_ATTENDANCE.search(question)) and not _COUNT.search(question)
                  or bool(_COUNT_PRESENT.search(question))) and not ahead
    # "Hvem deltok fra Asker?": the attendance words say what is asked of the meeting, and
    # the plan keeps them; searched for, they find every header that says "deltok".
    # "Når starter neste styremøte?": so do the words asking when the meeting ahead is.
    asked = without_about_verb(without_intent(question) if attendance or ahead else question)
    search_text = expand_english(asked)[0] if english else asked
    refs = tuple(ItemRef((m["kind"] or m["kind2"] or "").lower(), m["num"])
                 for m in _ITEM_REF.finditer(question))
    days = frozenset(mentioned_days(question))
    # Item numbers and days are constraints checked on their own; as search words their
    # digits would find any passage with a "13" in it.
    bare = _ITEM_REF.sub(" ", strip_dates(search_text) if days else search_text)
    ref_numbers = {r.number for r in refs}
    years = frozenset(y for y in _YEAR.findall(strip_dates(question)) if y not in ref_numbers)
    wants = asked_shape(question)
    topic = _ITEM_REF.sub(" ", strip_dates(question))
    months = frozenset(_months(strip_dates(question)))
    return QueryPlan(
        text=question, english=english, search_terms=analyze(bare),
        topic_words=[w for w in words(topic)], constraints=Constraints(years, days, refs, months),
        wants=wants, asks_list=bool(_LIST.search(question)) and not _WHO.search(question),
        yes_no=bool(_YESNO.search(question)), asks_outcome=bool(_OUTCOME.search(question)),
        board=bool(_BOARD.search(question)) or ahead, ahead=ahead,
        place=bool(_PLACE.search(question)) and not ahead,
        agenda=bool(_AGENDA.search(question)) and not _BOARD.search(question),
        # "hvor mange deltakere": a count of people at an event, not the meeting's roll
        attendance=attendance, role=asked_role(question) if attendance else None,
        meeting_time=bool(_MEETING_TIME.search(question)) and not ahead,
        when_treated=wants == "date" and bool(_TREATED.search(question)),
        body_terms=set(head_terms(search_text)) | _aliases_in(search_text),
        parts=question_parts(question), asks_proposal=bool(_PROPOSAL_ASK.search(question)),
        asks_reason=bool(_REASON_ASK.search(question)),
    )


# "Hvor skal workshopen holdes?", "Where will the pool be built?": a place is asked. Not
# "hvor mye/mange/lenge ..." (a measure), nor "hvor står saken" (how far it has come).
_WHERE = re.compile(
    rf"^\W*(?:og\s+)?(?:hvor|where)\b(?!\s+(?:{_HVOR_MEASURE}|står|much|many|long|often|big|"
    r"large|far|old|is the status))"
    r"|\b(?:på hvilket sted|hvilket sted|hvilke steder|at which venue|which venue|what venue)\b",
    re.IGNORECASE)


def asked_shape(question: str) -> str | None:
    """What kind of thing a question (or one part of it) asks for: "person", "money",
    "number", "duration", "date", "time", "place", or None."""
    wants: str | None = None
    if _WHO.search(question):
        wants = "person"
    if _MONEY_ASK.search(question):
        wants = "money"
    elif _QUANTITY.search(question):
        # A count or a length of time is never an amount of money, whatever the question is
        # about ("hvor lang tid får de på forslaget om grunntilskudd").
        wants = ("duration" if _DURATION.search(question) else
                 "money" if _MONEY.search(question) and not _COUNT.search(question) else "number")
    elif _asks_when(question) and not _PLACE.search(question):
        wants = "date"
    if wants is None and _WHERE.search(question):
        wants = "place"
    if _MEETING_TIME.search(question) and wants in (None, "date", "duration", "place"):
        wants = "time"  # when the meeting began or ended: a clock time, not its day
    return wants


def question_parts(question: str) -> tuple[str, ...]:
    """The questions one question asks: "Hvor lenge gjelder bevillingen, og hvem ble godkjent
    som styrer?" asks two things, each with its own shape (a date, a person), and each may be
    answered by its own sentence. () when it asks one."""
    joins = list(_NEXT_PART.finditer(question))
    if not joins:
        return ()
    starts = [0, *(m.start("word") for m in joins)]
    ends = [*(m.start() for m in joins), len(question)]
    parts = tuple(question[a:b].strip(" ,;") for a, b in zip(starts, ends, strict=True))
    return parts if all(_WORDISH.search(p) for p in parts) else ()


def without_agenda_words(question: str) -> str:
    """The question without the words that ask for a meeting's items ("hvilke saker ble
    behandlet"): what is left names the meeting or the topic the items are about."""
    return _AGENDA_WORDS.sub(" ", question)


def _asks_when(question: str) -> bool:
    if _DATE_ASK.search(question):
        return True
    for m in _ASKING_WHEN.finditer(question):
        # "When the council met ..., who voted?": a scene, when a question word follows it
        # in the same sentence.
        rest = re.split(r"[.?!]", question[m.end():], maxsplit=1)[0]
        if not (m.start() == 0 and "," in rest and _INTERROGATIVE.search(rest.split(",", 1)[1])):
            return True
    return False


def without_intent(question: str) -> str:
    """The question without the words that say what kind of thing is asked about the meeting
    ("hvem deltok", "hvor ble møtet holdt"): the plan keeps those as `attendance` / `place`,
    and no minutes text repeats them."""
    for pattern in (_ATTENDANCE, _INTENT_WORDS):
        question = pattern.sub(" ", question)
    return question


def _months(text: str) -> list[tuple[int, str | None]]:
    out = []
    for m in _MONTH.finditer(text):
        name = next(g for g in (m.group(1), m.group(3), m.group(5)) if g)
        year = m.group(2) or m.group(4) or m.group(6)
        out.append((_MONTH_NUMBERS.get(name.lower(), 5), year))
    return out


@lru_cache
def _aliases() -> dict[str, str]:
    """Short names councils use for their bodies ("KG"), mapped to the body's head term."""
    out: dict[str, str] = {}
    for line in ALIASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            alias, body = line.split("\t")
            out[alias.strip().lower()] = head_terms(body)[0]
    return out


def _aliases_in(text: str) -> set[str]:
    aliases = _aliases()
    return {aliases[w] for w in re.findall(r"\w+", text.lower()) if w in aliases}


@lru_cache(maxsize=1024)  # a property of the body, read for every sentence a question weighs
def aliases_for(body: str) -> tuple[str, ...]:
    head = body_head(body)
    return tuple(alias for alias, target in _aliases().items() if target == head)


def body_head(body: str) -> str:
    """The head term of a body's name: "administrativ koordineringsgruppe" ->
    koordineringsgrupp; "Hovedutvalg for oppvekst" -> hovedutvalg (what follows "for" is
    its domain, not its name)."""
    name = re.split(r",|\s+(?:for|i|og|-)\s+", body, maxsplit=1)[0]
    heads = head_terms(name)
    return heads[-1] if heads else ""
