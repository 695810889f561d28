"""How much of a question one passage holds. Shared by the answer gate (is anything here an
answer?) and the extractive answer (which sentences to quote).

A question word weighs by how rare it is in the archive (IDF) and in Norwegian at large
(wordfreq's Zipf frequency): "hvem", "ble", "vedtatt" or "møtet" say little, "tilskudd" and
"Håndballklubb" say what the question is about. No word list decides it.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from index.analyze import (
    WordForms,
    head_terms,
    particle_verb,
    word_forms,
    word_terms,
    words,
    zipf,
)
from index.lexical_api import LexicalIndex
from index.models import Chunk, SectionKind
from index.parse_dates import strip_dates
from index.stem import stem
from service.query_plan import (
    MONTH_WORD,
    OUTCOME_WORD,
    SHAPE_WORD,
    QueryPlan,
    aliases_for,
    is_stance,
    plan_query,
    without_about_verb,
    without_agenda_words,
    without_governing_words,
    without_intent,
    without_treatment,
)
from service.sentences import marked_units, sentences
from service.shapes import LIST_POSITION, satisfies
from service.thesaurus import synonyms as thesaurus_synonyms
from service.translate import english_words as english_words_of
from service.translate import english_zipf, expand_english

# General-language frequency above which a word is grammar, not topic: Zipf 6 is "hva",
# "ble", "når"; Zipf 4 is "tilskudd". Between the two the weight falls linearly.
TOPIC_ZIPF = 4.0
GRAMMAR_ZIPF = 6.0
MIN_GENERALITY = 0.05
PART_CREDIT = 0.7  # a compound's parts found apart ("skole ... utredning") count for less
DERIVED_CREDIT = 0.6  # another derivation of the same word counts for less again
MIN_DERIVED = 6  # short stems never match this way: "kommun" must not find "kommunal"
UNTRANSLATED = 0.35
SYNONYM_CREDIT = 0.5  # a thesaurus synonym found: chosen on dev (0.3, 0.5, 0.7 measured)
WHOLE_MEETING = 0.95  # share of a question's topic a meeting heading holds to be all it names


@dataclass(frozen=True)
class TopicTerm:
    term: str  # the word's whole-word term
    parts: tuple[str, ...]  # its compound parts' terms
    weight: float
    known: bool  # occurs in the archive
    # Other words for the same concept (the glossary's alternatives for an English word):
    # a passage holding any of them holds the concept.
    alternatives: tuple[TopicTerm, ...] = ()
    variants: tuple[str, ...] = ()  # other stems of the same word ("betalt" beside "betal")
    # Terms of the thesaurus's synonyms that the archive uses: found, one counts for
    # SYNONYM_CREDIT. (Synonyms of a compound's parts were tried too: no gain on dev.)
    synonyms: frozenset[str] = frozenset()
    # A verb or noun of stance ("mente", "sa", "synet"): the minutes write what was held,
    # seldom that it was held. Found, it counts; missing, it is not held against a passage.
    optional: bool = False


def topic_terms(plan: QueryPlan, index: LexicalIndex) -> list[TopicTerm]:
    text = without_governing_words(without_about_verb(plan.text))
    concepts: tuple[tuple[str, ...], ...] = ()
    if plan.meeting_level or plan.ahead:
        # Before translating: "what time", "start", "room" are the intent, not "tid", "rom".
        text = without_intent(text)
    if plan.agenda:
        # Before translating too: "which items did the board handle" would be "håndtere".
        text = without_agenda_words(text)
    if plan.when_treated:
        text = without_treatment(text)  # "when was X discussed": the meeting's date is asked
    if plan.english:
        _, text, concepts = expand_english(text)
    if plan.agenda:
        text = without_agenda_words(text)
    if plan.meeting_level or plan.agenda:
        text = _meeting_named_by_body(text)
    # An English question's own words (what the glossary left untranslated) are weighed by
    # English frequency: "many" and "think" are grammar there, whatever Norwegian says.
    english_words = (frozenset(words(plan.text)) | english_words_of(plan.text)
                     if plan.english else frozenset())
    others = _alternatives(concepts)
    n = max(index.n_chunks(), 1)
    out: dict[str, TopicTerm] = {}
    asked = words(_strip_refs(text, plan))
    short = acronyms(asked, index)
    names = names_in(plan.text)
    for at, word in enumerate(asked):
        if OUTCOME_WORD.match(word):
            continue  # "konkludert", "vedtok": what the plan's asks_outcome already says
        if (shape_word := SHAPE_WORD.get(plan.wants or "")) and shape_word.match(word):
            continue  # "hvilken dato": the shape the plan asks for, checked on its own
        forms = word_forms(word)
        if not forms.forms or forms.forms[0] in out or word.isdigit() and len(word) == 4:
            continue  # years are constraints, checked on their own
        english = word in english_words and english_zipf(word) > zipf(word)
        if english and not index.doc_freq(forms.forms[0]):
            # An untranslated English word is not a Norwegian compound: "timeline" is not
            # "tim" + "line", so its parts must not make it look known.
            forms = WordForms(forms.forms[:1], ())
        # "ble lokalet leid ut": the minutes may write the act as one word, "utleie".
        joined = [t for p in asked[at + 1 : at + 3] if (t := particle_verb(word, p))
                  and t not in forms.forms and index.doc_freq(t)]
        if (acronym := short.get(at)) and acronym not in forms.forms:
            joined.append(acronym)  # "brukerstyrt personlig assistanse": each word is "BPA"
        if joined:
            forms = WordForms((*forms.forms, *joined), forms.parts)
        key = forms.forms[0]
        alternatives = tuple(_term(alt, index, n) for alt in others.get(key, ()))
        term = _term(word, index, n, forms=forms, english=english, name=word in names)
        known = term.known or any(a.known for a in alternatives)
        # A concept weighs as its most common known wording: the rarest wording would make
        # the concept look more specific than it is.
        weight = min((a.weight for a in (term, *alternatives) if a.known), default=term.weight)
        if plan.english and not known:
            # A word of an English question that the archive lacks is English the glossary
            # did not translate, or a translation into a wording these minutes do not use: it
            # counts against an answer, but less than a missing word a Norwegian asker chose.
            # (Discounting only the untranslated ones measured the same on dev.)
            weight *= UNTRANSLATED
        out[key] = TopicTerm(key, term.parts, weight, known, alternatives, term.variants,
                             frozenset() if word in names  # a name has no synonyms
                             else _synonyms(word, forms.forms, index),
                             optional=is_stance(word))
    return list(out.values())


# A compound of "møte" (styremøtet, eldrerådsmøtet, formannskapsmøtet): its first part,
# less the linking s, names the body.
_MEETING_COMPOUND = re.compile(r"\b([^\W\d_]{3,}?)s?møte(?:t|ne|r)?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Part:
    """One of the questions a question asks ("..., og hvem ble godkjent som styrer?")."""
    text: str
    plan: QueryPlan  # the part read as a question of its own, in the whole's language
    topic: list[TopicTerm]

    @property
    def wants(self) -> str | None:
        return self.plan.wants


def question_parts(plan: QueryPlan, index: LexicalIndex) -> list[Part]:
    """Each question a many-part question asks, with its own shape and topic; [] for one."""
    out = []
    for text in plan.parts:
        # The part is read in the language of the whole: "who was deputy?" alone is too
        # short to vote on.
        sub = replace(plan_query(text), english=plan.english)
        out.append(Part(text, sub, topic_terms(sub, index)))
    return out


def part_answer(part: Part, chunk: Chunk, *,
                skip: Callable[[str], bool] | None = None) -> tuple[float, str] | None:
    """The sentence of a chunk with the thing a part asks that holds the most of the part's
    words (the first of equals), and that share; None when no such sentence holds any."""
    head = context(chunk)
    best: tuple[float, str] | None = None
    for unit, lead in units_and_leads(chunk):
        if skip and skip(unit) or not satisfies(unit, part.wants, asked=part.text):
            continue
        cov = coverage(part.topic, f"{head} {lead} {unit}")
        if cov > 0 and (best is None or cov > best[0]):
            best = (cov, unit)
    return best


def part_answers(parts: list[Part], chunk: Chunk) -> list[str] | None:
    """The sentence of a chunk that best answers each part, in the chunk's order; None when
    some part has none."""
    if not parts:
        return None
    chosen = [part_answer(part, chunk) for part in parts]
    if any(c is None for c in chosen):
        return None
    body = units(chunk)
    return sorted({c[1] for c in chosen if c is not None}, key=body.index)


def _meeting_named_by_body(text: str) -> str:
    """"Hvor ble styremøtet holdt?": in a question about a meeting, a compound of "møte"
    says which meeting by its first part (the board); "møte" itself is what every meeting
    is, and no header writes "styremøtet"."""
    return _MEETING_COMPOUND.sub(lambda m: m.group(1), text)


# Councils write a long name once, if at all, and its initials after ("BPA-ordningen" for
# brukerstyrt personlig assistanse). Initials this common in Norwegian are words, not short
# names ("sak", "mai").
ACRONYM_RUN = (3, 6)
ACRONYM_ZIPF = 3.0


def acronyms(asked: list[str], index: LexicalIndex) -> dict[int, str]:
    """The question's runs of content words whose initials the archive uses as a word of
    its own, by the position of each word in the run."""
    content = [(i, w) for i, w in enumerate(asked) if w.isalpha() and word_forms(w).forms]
    out: dict[int, str] = {}
    for size in range(ACRONYM_RUN[0], ACRONYM_RUN[1] + 1):
        for start in range(len(content) - size + 1):
            run = content[start : start + size]
            if run[-1][0] - run[0][0] > 2 * size:  # a few little words between them, no more
                continue
            initials = "".join(w[0] for _, w in run)
            # Stemmed, not lemmatized: initials are no dictionary word, and guessing a lemma
            # for every run of a new question cost it milliseconds.
            if zipf(initials) < ACRONYM_ZIPF and index.doc_freq(term := stem(initials)):
                out.update((i, term) for i, _ in run)
    return out


# A word written with a capital inside a sentence: a name ("for Høyre", "i Rødt", "Mære").
_NAME = re.compile(r"(?<=[^\W\d_,)] )[A-ZÆØÅ][^\W\d_]+(?:-[^\W\d_]+)*")


def names_in(question: str) -> frozenset[str]:
    return frozenset(m.group(0).lower() for m in _NAME.finditer(question))


def _term(word: str, index: LexicalIndex, n: int, *, forms: WordForms | None = None,
          english: bool = False, name: bool = False) -> TopicTerm:
    """One word's weight: rare in the archive (IDF) and not a word of grammar (Zipf). A
    name is no word of grammar however common its letters are as a word ("Høyre" is
    "right", "Rødt" "red"): IDF alone."""
    forms = forms if forms is not None else word_forms(word)
    # Either stem of the word itself found is the word found.
    df = max(index.doc_freq(f) for f in forms.forms)
    # An unseen compound is as rare as its rarest part, when every part is seen.
    rarest_part = min((index.doc_freq(p) for p in forms.parts), default=0)
    idf_df = df or rarest_part
    idf = math.log(1 + (n - idf_df + 0.5) / (idf_df + 0.5))
    frequency = max(zipf(word), english_zipf(word)) if english else zipf(word)
    generality = 1.0 if name else (GRAMMAR_ZIPF - frequency) / (GRAMMAR_ZIPF - TOPIC_ZIPF)
    weight = idf * min(1.0, max(MIN_GENERALITY, generality))
    return TopicTerm(forms.forms[0], forms.parts, weight, known=bool(idf_df),
                     variants=forms.forms[1:])


def _synonyms(word: str, own: tuple[str, ...], index: LexicalIndex) -> frozenset[str]:
    """The terms of a word's synonyms that occur in the archive (only those can be found)."""
    return frozenset(f for synonym in thesaurus_synonyms(word)
                     for f in word_forms(synonym).forms if f not in own and index.doc_freq(f))


def _alternatives(concepts: tuple[tuple[str, ...], ...]) -> dict[str, list[str]]:
    """For the first wording of each translated concept (its topic term), the other
    one-word wordings."""
    out: dict[str, list[str]] = {}
    for concept in concepts:
        first = words(concept[0])
        if len(first) != 1 or not (key := word_terms(first[0])):
            continue
        for alt in concept[1:]:
            alt_words = words(alt)
            if len(alt_words) == 1 and word_terms(alt_words[0]):
                out.setdefault(key[0], []).append(alt_words[0])
    return out


# "kl. 17.30", "17:30": a clock time says which meeting, as a date does; no passage holds it.
_CLOCK_TIME = re.compile(r"\bkl\.?\s*\d{1,2}(?:[.:]\d{2})?\b|\b\d{1,2}:\d{2}\b", re.IGNORECASE)


# English "May" the month ("in May 2008", "May 2026"), which the plan took for a month, as
# the modal verb it also is ("may be shown") is not.
_MAY_MONTH = re.compile(r"(?<=\b(?:in|of)\s)\s*may\b|\bmay(?=\s+(?:19|20)\d{2}\b)", re.IGNORECASE)


def _strip_refs(text: str, plan: QueryPlan) -> str:
    """The question without what its constraints check on their own: item numbers, dates,
    clock times and named months are not topic words."""
    # "nr. 7 på listen": the place is checked on its own (shapes.satisfies), as a date is.
    text = LIST_POSITION.sub(" ", _CLOCK_TIME.sub(" ", strip_dates(text)))
    if plan.constraints.months:
        text = _MAY_MONTH.sub(" ", MONTH_WORD.sub(" ", text))
    if plan.constraints.item_refs:
        # "sak 7", "PS 1/26", and both in one: "sak PS 1/26"
        text = re.sub(r"\b(?:(?:sak|saken|item|case)\s+)?(?:ps|os|rs|sak|saken|item|case)\s*"
                      r"(?:nr\.?\s*)?\d{1,4}(?:/\d{2,4})?\b",
                      " ", text, flags=re.IGNORECASE)
    return text


def coverage(topic: list[TopicTerm], text: str, *, known_only: bool = False) -> float:
    """Share of the question's topic weight a text holds: 1.0 = every topic word is there."""
    wanted = [t for t in topic if t.known] if known_only else topic
    have = _terms_of(text)
    found = [(t.weight, p) for t in wanted if (p := _presence(t, have)) or not t.optional]
    total = sum(w for w, _ in found)
    return sum(w * p for w, p in found) / total if total else 0.0


@dataclass(frozen=True)
class _TextTerms:
    terms: frozenset[str]
    by_prefix: dict[str, tuple[str, ...]]  # first four letters -> terms: derived forms share them


def text_terms(text: str) -> frozenset[str]:
    """Every index term of a text, compound parts included (cached, as coverage reads it)."""
    return _terms_of(text).terms


@lru_cache(maxsize=16384)  # the same sentences are read for question after question
def _terms_of(text: str) -> _TextTerms:
    terms = frozenset(term for w in words(text) for term in word_terms(w))
    by_prefix: dict[str, list[str]] = {}
    for term in terms:
        if len(term) >= MIN_DERIVED:
            by_prefix.setdefault(term[:4], []).append(term)
    return _TextTerms(terms, {k: tuple(v) for k, v in by_prefix.items()})


def _presence(t: TopicTerm, text: _TextTerms) -> float:
    found = max((_wording_presence(w, text) for w in (t, *t.alternatives)), default=0.0)
    if found < SYNONYM_CREDIT and not t.synonyms.isdisjoint(text.terms):
        return SYNONYM_CREDIT
    return found


def _wording_presence(t: TopicTerm, text: _TextTerms) -> float:
    have = text.terms
    if t.term in have or any(v in have for v in t.variants):
        return 1.0
    credit = 0.0
    if t.parts:
        found = sum(p in have for p in t.parts) / len(t.parts)
        credit = PART_CREDIT * found if found == 1.0 else 0.4 * found
    if credit < DERIVED_CREDIT and len(t.term) >= MIN_DERIVED and any(
            _derived(t.term, h) for h in text.by_prefix.get(t.term[:4], ())):
        credit = DERIVED_CREDIT
    return credit


def _derived(a: str, b: str) -> bool:
    """Two forms of one word that lemmas keep apart ("konkluder"/"konklusjon",
    "rekrutter"/"rekruttering"): a long shared beginning, short different endings."""
    if len(b) < MIN_DERIVED or a[:4] != b[:4]:
        return False
    shared = len(os.path.commonprefix([a, b]))
    return shared >= min(len(a), len(b)) - 3 and max(len(a), len(b)) - shared <= 5


def context(chunk: Chunk) -> str:
    """What a sentence of the chunk is read under: the meeting's heading line (organisation,
    body, date), the body's short names ("KG", body_aliases.tsv) and the item's title.
    "Godkjennes" answers "ble innkallingen godkjent i formannskapet?" under "Formannskap ...
    / Godkjenning av innkalling", and "... på KG-møtet?" under the koordineringsgruppe's.
    A text with no items found is one section titled by the meeting's title (a web page's,
    naming one case of many): no line of it is said under that title, so none is read so."""
    return _context(chunk.text, chunk.section, chunk.body, chunk.item_title)


@lru_cache(maxsize=8192)  # read for every sentence of every hit, question after question
def _context(text: str, section: SectionKind, body: str, item_title: str) -> str:
    title = "" if section is SectionKind.document else item_title
    # The header's lines are said of the meeting, which its place names as its day does:
    # "Hvem meldte forfall til møtet i Fredrikkesalen?" is answered by "... meldte forfall".
    place = _PLACE_ROW.search(text) if section is SectionKind.header else None
    return " ".join([text.split("\n", 1)[0], *aliases_for(body), title,
                     place.group(1) if place else ""])


_PLACE_ROW = re.compile(r"^(?:Sted|Møtested):\s*(.+)$", re.MULTILINE)


def heading(chunk: Chunk) -> str:
    """The meeting's heading line the chunker writes first: organisation, body, date."""
    return chunk.text.split("\n", 1)[0]


def asks_whole_agenda(plan: QueryPlan, topic: list[TopicTerm], chunk: Chunk) -> bool:
    """"Hvilke saker behandlet klagenemnda 11. juni?": the items are asked, a time names the
    meeting, and all the rest of the question is in the chunk's meeting heading (its
    organisation and body) or the body's short names ("KG", body_aliases.tsv). Then the
    whole agenda of that meeting answers, not the items about a topic."""
    return plan.agenda and names_only_the_meeting(plan, topic, chunk)


def names_only_the_meeting(plan: QueryPlan, topic: list[TopicTerm], chunk: Chunk) -> bool:
    """A time names the meeting, and all the rest of the question is in the chunk's meeting
    heading or its body's short names: "... i formannskapet 29. januar" asks of the whole
    meeting, not of a topic in it."""
    c = plan.constraints
    if not (c.days or c.months or c.years):
        return False
    return only_names_the_meeting(topic, chunk)


def only_names_the_meeting(topic: list[TopicTerm], chunk: Chunk) -> bool:
    """All of the topic is in the chunk's meeting heading or its body's short names: "Hvor
    ble møtet i klagenemnda holdt?" has no topic but the meeting."""
    names = " ".join([heading(chunk), *aliases_for(chunk.body)])
    return coverage(topic, names) >= WHOLE_MEETING


OUTCOME_HEADINGS = ("vedtak", "konklusjon", "oppsummering av innspill og konklusjon",
                    "innstilling", "forslag til vedtak", "kommunedirektørens forslag til vedtak")


def is_label(unit: str) -> bool:
    """"Behandling", "Vedtak:" and the like label a section; they quote nothing."""
    words = unit.rstrip(":").split()
    return len(words) <= 3 and (unit.endswith(":") or unit.rstrip(":").lower() in OUTCOME_HEADINGS
                                or unit.lower() == "behandling")


# "Foreløpig informasjon om sykefravær 2025 tas til orientering.": the meeting took note; the
# line says that, and nothing of what it took note of.
_NOTED = re.compile(r"\b(?:tas|tatt|tar|tok)\b(?:\s+\S+){0,12}?\s+til\s+(?:orientering|etterretning)\b",
                    re.IGNORECASE)
NOTED_CHARS = 200


def only_notes(unit: str, plan: QueryPlan) -> bool:
    """Whether a line only records that the meeting took note of a matter, and the question
    asks for something the matter holds (a figure, a result, a name), not what was decided
    or whether it was treated."""
    return (len(unit) <= NOTED_CHARS and bool(_NOTED.search(unit))
            and not (plan.asks_outcome or plan.yes_no or plan.when_treated or plan.agenda))


def title_unit(chunk: Chunk, plan: QueryPlan | None = None) -> list[tuple[str, str]]:
    """An item whose body only labels its sections ("Behandling", "Vedtak"; a referatsak
    with nothing recorded) says what it says in its title ("Planprogram for kommunedelplan
    sentrum - høring med frist 21.07.26"): the title is its one sentence, and quotable. So
    is a title that holds what the question asks (an amount, a date) when no sentence under
    it does ("Tildeling av NTE-midler til bilderammer, beløp NOK 48.000,-")."""
    if not chunk.item or not chunk.item_title:
        return []
    body = units(chunk)
    if all(is_label(u) for u in body):
        return [(chunk.item_title, "")]
    if plan is not None and plan.wants and _shaped_title(chunk.item_title, tuple(body),
                                                         plan.wants, plan.text):
        return [(chunk.item_title, "")]
    return []


@lru_cache(maxsize=8192)  # read for every hit of a question, by the gate and the answer
def _shaped_title(title: str, body: tuple[str, ...], wants: str, asked: str) -> bool:
    return satisfies(title, wants, asked=asked) and not any(
        satisfies(u, wants, asked=asked) for u in body)


def units(chunk: Chunk) -> list[str]:
    """Sentences and bullets of a chunk's body (its written header lines excluded)."""
    return [unit for unit, _ in _read(chunk.text)]


def units_and_leads(chunk: Chunk) -> tuple[tuple[str, str], ...]:
    """`units(chunk)`, each with the line that opens the list it is a nested bullet of
    ("Chemring Nobels planer ...:" over "o Etableringen kan gi 400 arbeidsplasser"), or ""."""
    return _read(chunk.text)


def own_units(chunk: Chunk) -> list[tuple[str, str]]:
    """The units that say something of their own, each with its lead: a sentence that only
    repeats the item's heading ("Klage på avslag ..." under "PS 6/26 Klage på avslag ...",
    the whole body of an item kept from the public copy) is left out, the heading being its
    context already."""
    return list(_own(chunk.text, context(chunk)))


@lru_cache(maxsize=8192)  # a property of the chunk, asked by the gate for every question
def _own(text: str, head: str) -> tuple[tuple[str, str], ...]:
    heading = set(head_terms(head))
    return tuple((unit, lead) for unit, lead in _read(text) if not set(head_terms(unit)) <= heading)


_NESTED = re.compile(r"^[o◦▪·]\s")  # the inner glyph of a bullet under a bullet, kept by units
# A line after one that opens a list ("... suppleres slik:") is an entry of that list when it
# is no longer than this and no sentence; an entry ending in ":" this short heads a sub-list.
ENTRY_CHARS = 80
SUBHEADING_CHARS = 40


@lru_cache(maxsize=8192)  # the gate and the answer read the same chunks, question after question
def _read(text: str) -> tuple[tuple[str, str], ...]:
    body = text.split("\n\n", 1)[1] if "\n\n" in text else text
    out: list[tuple[str, str]] = []
    outer = lead = ""
    # How far the bullet of the line that opened the list (and of the outer one) was
    # indented; -1: no bullet.
    opener_mark = outer_mark = -1
    bulleted = False  # the list's entries so far had bullet marks
    for paragraph, mark in marked_units(body):
        if bulleted and mark is None:
            # A line without a bullet after bulleted entries ("SNR:" after Gjøvikregionen's
            # points) ends the list.
            outer = lead = ""
            bulleted = False
        if lead != outer and mark is not None and 0 <= mark <= opener_mark:
            # A bullet as far out as the sub-heading's: that sub-list ended, the outer goes on.
            lead, opener_mark = outer, outer_mark
        # A bullet indented under the line that opened the list is an entry, however long.
        indented = bool(lead) and mark is not None and mark > opener_mark
        nested = bool(_NESTED.match(paragraph)) or indented
        opens = paragraph.rstrip().endswith(":")
        if opens and outer and (len(paragraph) <= SUBHEADING_CHARS or indented):
            # "Rødt:" under "Varamedlemslistene suppleres slik:", "- Chemring Nobels planer
            # ...:" under "Asker kommune:": a sub-heading of the list, read under the line
            # that opened it; what follows is read under both.
            out += [(paragraph, outer)]
            lead = f"{outer} {paragraph}"
            if indented and mark is not None:
                opener_mark = mark
            continue
        if nested or lead and _is_entry(paragraph):
            out += [(s, lead) for s in sentences(paragraph) if len(s) >= 3]
            bulleted = bulleted or mark is not None
            continue
        outer = lead = paragraph if opens else ""
        opener_mark = outer_mark = -1 if mark is None else mark
        out += [(s, "") for s in sentences(paragraph) if len(s) >= 3]
    return tuple(out)


def _is_entry(paragraph: str) -> bool:
    """A line of a list, not a sentence of its own: "Nr.6 Hans Magnus Ystgaard", "Egge
    skole", with no full stop and short."""
    return len(paragraph) <= ENTRY_CHARS and not paragraph.rstrip().endswith((".", "!", "?", ":"))


WRAPPED_CHARS = 600  # longer units are not looked for letter by letter


def _unwrapped(unit: str, source: str) -> str | None:
    """The source's own text of a unit whose lines were joined where a word was split at a
    line's end ("strekningen Følling-" / "Øvre Kvam" read as "Følling-Øvre Kvam"): the same
    characters, whitespace anywhere between them."""
    letters = [c for c in unit if not c.isspace()]
    if not letters or len(letters) > WRAPPED_CHARS:
        return None
    m = re.search(r"\s*".join(map(re.escape, letters)), source)
    return squash(m.group(0)) if m else None


def squash(text: str) -> str:
    """Whitespace-insensitive form, for checking that a quote comes from a text."""
    return " ".join(text.split())


def verbatim(unit: str, source: str) -> str | None:
    """The unit itself when the source document holds it (whitespace aside); else the source
    line that holds the unit's words (the chunker wrote the unit: a header row, a
    participant line, a board proposal); None when no line does."""
    if squash(unit) in squash(source):
        # "o Etableringen kan gi ...": a nested bullet's glyph is no part of what it says.
        return _NESTED.sub("", squash(unit))
    if (span := _unwrapped(unit, source)) is not None:
        return _NESTED.sub("", span)
    want = set(head_terms(unit))
    if not want:
        return None
    best, score = None, 0.0
    for line in source.splitlines():
        have = set(head_terms(line))
        s = len(want & have) / len(want)
        if s > score:
            best, score = squash(line), s
    return best if score >= 0.6 else None
