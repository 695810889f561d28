"""Extractive answer mode (the embedded default): no generative model. It quotes, verbatim
from the source document, the sentences and bullets that answer the question, shaped by what
is asked: a date for "når", an amount for "hvor mye", people for "hvem", the items for
"hvilke saker", the matching participants for "hvem deltok fra ...". Deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from index.analyze import head_terms, word_terms, words
from index.chunk import BODY_FIELD, DATE_FIELD, PLACE_FIELD, TIME_FIELD, WRITTEN_FIELDS, item_label
from index.lexical_api import LexicalIndex
from index.models import Chunk, SectionKind
from index.parse_board import find_board_start
from service.citations import marker, to_citation
from service.evidence import (
    OUTCOME_HEADINGS,
    Part,
    TopicTerm,
    asks_whole_agenda,
    context,
    coverage,
    is_label,
    names_only_the_meeting,
    only_notes,
    part_answer,
    question_parts,
    text_terms,
    title_unit,
    units,
    units_and_leads,
    verbatim,
)
from service.query_plan import QueryPlan
from service.retrieve import MEETING_SECTIONS, Hit, about_meeting, answer_passages
from service.schemas import Citation
from service.sentences import MEMBER_PROPOSAL, PROPOSAL_OPEN, proposal_lines, sentences
from service.shapes import gives_reason, precise_date, satisfies

MAX_QUOTES = 3
FOLLOW_LIST = 4  # lines of a list quoted after the sentence that opens it
FOLLOW_ASKED_LIST = 12  # ... when the question asks for a list ("hvilke", "list")
MAX_ITEMS = 2
MAX_LIST = 30
OUTCOME_LINES = 2  # of one item's decision, when the whole meeting's decisions are asked
MAX_PARTICIPANTS = 40
SECOND_BEST = 0.75  # a further quote must hold this share of what the best one holds
NEW_PART = 0.2  # ... or, from an item already quoted, this share of the question not yet held
LIST_SHARE = 0.6  # an item belongs in a "hvilke saker" list at this share of the best item
# Header rows the chunker writes: none says who came, and the body, day and place ones name
# the meeting ("hvem deltok på møtet i Fredrikkesalen"). The organisation does not: "hvem
# deltok fra Vestby kommune" asks for those of its people.
_WRITTEN_ROWS = tuple(f"{label}:" for label in WRITTEN_FIELDS)
_NAMING_ROWS = tuple(f"{label}:" for label in (BODY_FIELD, DATE_FIELD, TIME_FIELD, PLACE_FIELD))


@dataclass
class Draft:
    answer: str
    citations: list[Citation]


def answer_extractively(plan: QueryPlan, hits: list[Hit], *, index: LexicalIndex,
                        topic: list[TopicTerm], source: Callable[[str], str],
                        parts: list[Part] | None = None) -> Draft:
    on_items = [h for h in hits if h.chunk.section not in MEETING_SECTIONS]
    if plan.meeting_level or not on_items:
        chosen = _meeting_answer(plan, hits, topic, index)
        for part in parts if parts is not None else question_parts(plan, index):
            # "Hvem ledet møtet, og hvem var nestleder?", "... and in which room was it
            # held?": each part about the meeting itself is answered as asked alone.
            if part.plan.meeting_level:
                chosen += [q for q in _part_of_meeting(part.plan, hits, part.topic, index)
                           if q not in chosen]
    elif asks_whole_agenda(plan, topic, on_items[0].chunk):
        chosen = _agenda_answer([h.chunk for h in on_items], index)
    elif plan.asks_outcome and names_only_the_meeting(plan, topic, on_items[0].chunk):
        chosen = (_outcomes_answer([h.chunk for h in on_items], index)
                  or _quote_answer(plan, answer_passages(plan, hits), topic))
    elif plan.when_treated:
        chosen = _treated_answer(plan, answer_passages(plan, hits), topic)
    elif plan.asks_list:
        chosen = _list_answer(plan, answer_passages(plan, hits), index, topic)
    else:
        # The items, and a participant list retrieval put above them all: what the gate read.
        chosen = _quote_answer(plan, answer_passages(plan, hits), topic,
                               parts if parts is not None else question_parts(plan, index))
    chosen = _board_heading_first(plan, chosen, source)
    quoted = [(c, q) for c, u in chosen if (q := verbatim(u, source(c.meeting_id)))]
    # Only what is quoted brings its proposal's fate along: alone, a vote answers nothing.
    quoted = [(c, q) for c, u in _with_proposal_outcomes(quoted, index,
                                                         keep_proposals=plan.asks_proposal)
              if (q := verbatim(u, source(c.meeting_id)))]
    # Two units can come from one source line (a header row the chunker wrote and the line
    # it was read from): quote it once.
    return _render(_once(quoted), english=plan.english)


# What became of a proposal: "Dermed ble forslaget ikke vedtatt.", "Forslaget falt.", and the
# counts before it ("For forslaget stemte 1: ...").
_VERDICT = re.compile(r"\b(?:ble|er)\s+(?:\w+\s+)?(?:ikke\s+)?(?:enstemmig\s+)?vedtatt\b|\bfalt\b",
                      re.IGNORECASE)
_VOTE = re.compile(r"^(?:for|imot|mot)\s+(?:\w+\s+){0,3}stemte\b", re.IGNORECASE)
MAX_VOTE_LINES = 2


def _with_proposal_outcomes(chosen: list[tuple[Chunk, str]], index: LexicalIndex, *,
                            keep_proposals: bool = False) -> list[tuple[Chunk, str]]:
    """A quoted line of a proposal ("X fremmet følgende forslag:", or a line of what it
    proposed) comes with who proposed it and what became of it: a proposal quoted without
    its fate reads as adopted. Where the item's decision ("Vedtak") says otherwise, a
    proposal's line is left out when the item has another line to quote: "Innstilling: ...
    Kr. 500 000,- ... innvilges" beside the decided "kr 365 000" reads as a second grant;
    unless the question asks for the proposals (`keep_proposals`)."""
    items: dict[tuple[str, str], list[str]] = {}  # an item's lines, read once per answer

    def lines_of(chunk: Chunk) -> list[str]:
        key = (chunk.meeting_id, chunk.item)
        if key not in items:
            item = index.item_chunks([chunk.meeting_id], key[1].__eq__)
            items[key] = _joined_lines([units(part) for part in item])
        return items[key]

    # Read the item only when this piece of it has a proposal: most quotes are of items
    # with none, and the read is a query.
    proposed = [(c, u) for c, u in chosen if c.item and PROPOSAL_OPEN.search(c.text)
                and _in_proposal(c, u)]
    superseded = set() if keep_proposals else {
        (c.chunk_id, u) for c, u in proposed if _superseded(lines_of(c), u)}
    kept_items = {(c.meeting_id, c.item) for c, u in chosen if (c.chunk_id, u) not in superseded}
    chosen = [(c, u) for c, u in chosen if (c.chunk_id, u) not in superseded
              or (c.meeting_id, c.item) not in kept_items]
    out: list[tuple[Chunk, str]] = []
    seen = {(c.chunk_id, u) for c, u in chosen}
    for chunk, unit in chosen:
        opener: str | None = None
        outcome: list[str] = []
        if chunk.item and MEMBER_PROPOSAL.search(chunk.text):
            opener, outcome = _proposal_of(lines_of(chunk), unit)
        added = [opener] if opener is not None and opener != unit else []
        for line in (*added, unit, *outcome):
            if line == unit or (chunk.chunk_id, line) not in seen:
                seen.add((chunk.chunk_id, line))
                out.append((chunk, line))
    return out


DECISION_HEADINGS = ("vedtak", "konklusjon")
SAME_THING = 2  # words a decision's line shares with a proposal's to speak of the same thing


def _in_proposal(chunk: Chunk, unit: str) -> bool:
    """Whether `unit` stands inside a proposal in this piece of its item: only then is the
    whole item read for what its decision says."""
    return _inside_proposal(units(chunk), unit)


def _inside_proposal(lines: list[str], unit: str, before: int | None = None) -> bool:
    """Whether `unit` stands inside a proposal among `lines` (the first `before` of them)."""
    inside = proposal_lines(lines)
    return any(n in inside for n, u in enumerate(lines[:before]) if u == unit)


def _superseded(lines: list[str], unit: str) -> bool:
    """Whether `unit` is a line of a proposal that the item's decision settles otherwise: the
    decision does not repeat it, and says something else of the same thing (a line of it
    shares SAME_THING of the proposal line's words). A fact the proposal states that the
    decision does not speak to ("I kommunen er det i dag 15 kraftverk") is not settled."""
    after = _after_outcome_heading(lines, DECISION_HEADINGS)
    decision = [lines[n] for n in sorted(after)]
    if not decision or unit in decision or not _inside_proposal(lines, unit, min(after)):
        return False
    own = {t for t in text_terms(unit) if not t[:1].isdigit()}
    return any(len(own & text_terms(d)) >= SAME_THING for d in decision)


def _joined_lines(pieces: list[list[str]]) -> list[str]:
    """An item's lines from its chunks in order, each line once where two chunks overlap;
    a line the minutes repeat ("Dermed ble forslaget ikke vedtatt." after each proposal
    voted down) is kept every time."""
    out: list[str] = []
    for piece in pieces:
        # The longest run that ends what is read so far and begins this piece is the overlap.
        shared = next((n for n in range(min(len(out), len(piece)), 0, -1)
                       if out[-n:] == piece[:n]), 0)
        out += piece[shared:]
    return out


def _proposal_of(lines: list[str], unit: str) -> tuple[str | None, list[str]]:
    """Of an item's lines: the opening line of the proposal `unit` belongs to, and the vote
    and verdict lines that settle it; (None, []) for a line outside any proposal, or one
    whose proposal is never settled before the next opens (those votes are not its)."""
    if unit not in lines:
        return None, []
    at = lines.index(unit)
    # The nearest proposal opened above it: a member's, not the administration's
    # "Innstilling:", whose text is the decision when adopted.
    start = next((i for i in range(at, -1, -1) if PROPOSAL_OPEN.search(lines[i])), None)
    if (start is None or not MEMBER_PROPOSAL.search(lines[start])
            or any(_VOTE.search(x) or _VERDICT.search(x) for x in lines[start + 1:at])):
        return None, []
    votes: list[str] = []
    for line in lines[at + 1:]:
        if PROPOSAL_OPEN.search(line):
            return None, []
        if _VOTE.search(line):
            votes.append(line)
        elif _VERDICT.search(line):
            return lines[start], [*votes[-MAX_VOTE_LINES:], line]
    return None, []


def _board_heading_first(plan: QueryPlan, chosen: list[tuple[Chunk, str]],
                         source: Callable[[str], str]) -> list[tuple[Chunk, str]]:
    """"Når er neste styremøte?", "hvilke saker skal opp der?": the heading of the section
    of proposals ("Foreløpige saker til styremøtet 13. mai, kl. 14:00-16:00, Teams") says
    when and where; quoted first, as the minutes write it, found as the parser found it."""
    board = next((c for c, _ in chosen if c.section is SectionKind.board_proposal), None)
    if board is None or not plan.board:
        return chosen
    lines = source(board.meeting_id).splitlines()
    start = find_board_start(lines)
    return chosen if start is None else [(board, lines[start].strip()), *chosen]


def _once(quoted: list[tuple[Chunk, str]]) -> list[tuple[Chunk, str]]:
    seen: set[tuple[str, str]] = set()
    out = []
    for chunk, quote in quoted:
        # Every proposal for the board carries its section's one heading line; other lines
        # of the same words ("Godkjennes") are each their own item's.
        key = (chunk.meeting_id if chunk.section is SectionKind.board_proposal
               else chunk.chunk_id, quote)
        if key not in seen:
            seen.add(key)
            out.append((chunk, quote))
    return out


def _quote_answer(plan: QueryPlan, hits: list[Hit], topic: list[TopicTerm],
                  parts: list[Part] | None = None) -> list[tuple[Chunk, str]]:
    scored: list[tuple[float, int, Chunk, str]] = []
    items: list[tuple[str, str]] = []
    for rank, hit in enumerate(hits):
        key = (hit.chunk.meeting_id, hit.chunk.item)
        if key not in items:
            items.append(key)
        if items.index(key) >= MAX_ITEMS + 1:
            continue
        read = (*units_and_leads(hit.chunk), *title_unit(hit.chunk, plan))
        after = _after_outcome_heading([u for u, _ in read]) if plan.asks_outcome else set()
        head = context(hit.chunk)
        for n, (unit, lead) in enumerate(read):
            if is_label(unit) or only_notes(unit, plan):
                continue
            # A bullet is read under its item's title: "Godkjennes" answers "ble innkallingen
            # godkjent?" under "Godkjenning av innkalling"; a nested bullet under the line
            # that opens its list too.
            # Half of it from the sentence alone, so sentences of one item do not all tie.
            s = (0.5 * coverage(topic, f"{head} {lead} {unit}")
                 + 0.5 * coverage(topic, unit))
            s += 0.25 * (n in after)
            scored.append((s - 0.02 * rank, n, hit.chunk, unit))  # ties: the earlier sentence
    if not scored:
        return []
    if plan.wants:  # "når", "hvor mye", "hvem": only a passage with one answers
        shaped = [t for t in scored if satisfies(
            t[3], plan.wants, asked=plan.text,
            meeting_date="" if plan.when_treated else t[2].meeting_date)]
        top = max(t[0] for t in scored)
        if shaped and max(t[0] for t in shaped) >= 0.5 * top:
            scored = shaped
        # "Når er høringsfristen?": of the dated lines, one with a day or a month answers
        # before one that only names the year the matter concerns.
        day = [t for t in scored if plan.wants == "date" and precise_date(t[3])]
        if day and max(t[0] for t in day) >= 0.5 * top:
            scored = day
    if plan.asks_reason:
        # "Hvorfor ble det ikke fattet vedtak?": a line that gives grounds ("med hjemmel i
        # kommunelovens § 11-3") before one that only says what happened.
        top = max(t[0] for t in scored)
        grounds = [t for t in scored if gives_reason(t[3])]
        if grounds and max(t[0] for t in grounds) >= 0.5 * top:
            scored = grounds
    scored.sort(key=lambda t: (-t[0], t[1]))
    best = scored[0][0]
    out: list[tuple[Chunk, str]] = []
    used: list[tuple[str, str]] = []
    for s, n, chunk, unit in scored:
        key = (chunk.meeting_id, chunk.item)
        if len(out) >= MAX_QUOTES:
            break
        if s < SECOND_BEST * best and not (key in used and _adds(topic, out, unit)):
            continue
        if key not in used and len(used) >= MAX_ITEMS:
            continue
        if any(unit in q or q in unit for _, q in out):
            continue
        if out and chunk.section is SectionKind.board_proposal and not plan.board:
            continue  # a proposal for the board repeats an item's title; it adds nothing here
        out.append((chunk, unit))
        out += [(chunk, u) for u in _what_follows(chunk, n, unit, asked_list=plan.asks_list)
                if (chunk, u) not in out]
        if key not in used:
            used.append(key)
    if plan.asks_reason and out:
        out += _grounds_nearby(*out[0], out)
    if out:
        # The other entries of its list answer a question that asks what, or for a list;
        # one that asks an amount, a date or a name only by the entries that hold more of
        # it ("... in Sparbu and in Ogndal").
        whole = plan.asks_list or plan.wants is None and not plan.yes_no
        out += [q for q in _siblings(*out[0], out) if whole or _adds(topic, out, q[1])]
    return out + _part_quotes(parts or [], hits, used[:1], out)


def _siblings(chunk: Chunk, unit: str, out: list[tuple[Chunk, str]]) -> list[tuple[Chunk, str]]:
    """A bullet of a list that a line opens ("... satses det på rekruttering:" over "o
    samarbeid rettet mot Nederland", "o samarbeid med India") is one entry of the answer:
    the other entries of that list come with it, as the list comes with its opening line."""
    read = units_and_leads(chunk)
    lead = next((lead for u, lead in read if u == unit), "")
    if not lead.rstrip().endswith(":"):
        return []
    return [(chunk, u) for u, other in read
            if other == lead and u != unit and not is_label(u) and (chunk, u) not in out
            ][:FOLLOW_LIST]


GROUNDS_REACH = 2  # lines either side of the quoted one that may give its grounds


def _grounds_nearby(chunk: Chunk, unit: str, out: list[tuple[Chunk, str]]) -> list[tuple[Chunk, str]]:
    """"Hvorfor ble han kjent inhabil?": the minutes give the grounds a line or two from what
    happened ("... med følgende begrunnelse: «Datter er styreleder ...»"); the nearest such
    line of the first quote's item, unless quoted."""
    read = units(chunk)
    if unit not in read:
        return []
    at = read.index(unit)
    near = sorted((abs(n - at), n) for n in range(max(0, at - GROUNDS_REACH),
                                                  min(len(read), at + GROUNDS_REACH + 1))
                  if n != at and gives_reason(read[n]) and (chunk, read[n]) not in out)
    return [(chunk, read[near[0][1]])] if near else []


def _part_quotes(parts: list[Part], hits: list[Hit], items: list[tuple[str, str]],
                 out: list[tuple[Chunk, str]]) -> list[tuple[Chunk, str]]:
    """"..., og hvem ble godkjent som styrer?": for each part, the sentence of the item
    quoted first with the thing that part asks and the most of its words, unless quoted."""
    more: list[tuple[Chunk, str]] = []
    chunks = [h.chunk for h in hits if (h.chunk.meeting_id, h.chunk.item) in items]
    for part in parts:
        found = [(a[0], n, c, a[1]) for n, c in enumerate(chunks)
                 if (a := part_answer(part, c, skip=is_label)) is not None]
        if not found:
            continue
        _, _, chunk, unit = max(found, key=lambda f: (f[0], -f[1]))  # the first of equals
        if not any(unit in q or q in unit for _, q in out + more):
            more.append((chunk, unit))
            # "Hvilke tre ting skal kommunen videreføre ...?" is answered by "... viderefører
            # arbeidet med:" and the list it opens.
            read = units(chunk)
            if unit in read:
                more += [(chunk, u) for u in _what_follows(chunk, read.index(unit), unit)
                         if (chunk, u) not in out + more]
    return more


def _adds(topic: list[TopicTerm], out: list[tuple[Chunk, str]], unit: str) -> bool:
    """Whether a sentence holds a part of the question the quotes so far do not: "hvor mye
    søkte festivalen om, og hvor mye fikk den?" is answered by two sentences of one item."""
    quoted = " ".join(q for _, q in out)
    return coverage(topic, f"{quoted} {unit}") - coverage(topic, quoted) >= NEW_PART


def _what_follows(chunk: Chunk, n: int, unit: str, *, asked_list: bool = False) -> list[str]:
    """A sentence that asks ("Kan kommunedirektøren si noe om gjelden?") or announces ("...
    derfor satses det på rekruttering fra:") matches a question best, yet the answer is what
    comes next in the minutes: the reply, or the list it opens."""
    end = unit.rstrip()[-1:]
    after = [u for u in units(chunk)[n + 1:] if not is_label(u)]
    if end not in (":", "?"):
        # "Hvilke alternativer ...?": the sentence on the topic is followed by the line that
        # opens the list ("De ulike alternativene var:"); the list is the answer.
        if asked_list and after and after[0].rstrip().endswith(":"):
            return _with_last_list(after, 1 + FOLLOW_ASKED_LIST)
        return []
    return _with_last_list(after, (FOLLOW_ASKED_LIST if asked_list else FOLLOW_LIST)
                           if end == ":" else 1)


def _with_last_list(after: list[str], k: int) -> list[str]:
    """The first k lines, and when the last of them opens a list of its own ("Steinkjer
    kommune viderefører arbeidet med:"), that list too: a quote never ends in a colon."""
    if 0 < k < len(after) and after[k - 1].rstrip().endswith(":"):
        return after[:k + FOLLOW_LIST]
    return after[:k]


def _outcomes_answer(found: list[Chunk], index: LexicalIndex) -> list[tuple[Chunk, str]]:
    """"Hva ble vedtatt i formannskapet 29. januar?": each item of the meeting with what its
    minutes say after the last outcome heading ("Vedtak", "Konklusjon"), in order."""
    out: list[tuple[Chunk, str]] = []
    for meeting_id in _meetings_of(found):
        by_item: dict[str, list[Chunk]] = {}
        for c in _item_chunks(meeting_id, index):
            by_item.setdefault(c.item, []).append(c)
        for chunks in by_item.values():
            read = [(c, u) for c in chunks for u in units(c)]
            after = _after_outcome_heading([u for _, u in read])
            said = [(c, u) for n, (c, u) in enumerate(read) if n in after and not is_label(u)]
            out += said[:OUTCOME_LINES]
    return out[:MAX_LIST]


def _item_chunks(meeting_id: str, index: LexicalIndex) -> list[Chunk]:
    """The chunks of a meeting's own items, in order: not its header, participants, or the
    proposals it lists for the board."""
    return [c for c in index.chunks_of(meeting_id) if c.item and c.section not in MEETING_SECTIONS
            and c.section is not SectionKind.board_proposal]


def _meetings_of(found: list[Chunk]) -> list[str]:
    """The meetings of the first hit's body among the hits, in date order: retrieval read
    only meetings the question's time allows."""
    first = found[0]
    return [m for _, m in sorted({(c.meeting_date, c.meeting_id) for c in found
                                  if c.body == first.body})]


def _agenda_answer(found: list[Chunk], index: LexicalIndex) -> list[tuple[Chunk, str]]:
    """Every item of the meeting, in its order, by its title as the minutes write it; of
    each meeting of that body the question's time names ("eldrerådet i juni" met twice),
    in date order. Retrieval read only meetings that time allows."""
    items = []
    for meeting_id in _meetings_of(found):
        seen: set[str] = set()
        for c in _item_chunks(meeting_id, index):
            if c.item not in seen and c.item_title:
                seen.add(c.item)
                items.append((c, c.item_title))
    return items[:MAX_LIST]


def _matching_items(hits: list[Hit], topic: list[TopicTerm]) -> list[Chunk]:
    """Each item's best chunk among the hits, in rank order, where it holds at least
    LIST_SHARE of what the best item holds of the question."""
    by_item: dict[tuple[str, str], tuple[float, Chunk]] = {}
    for hit in hits:
        key = (hit.chunk.meeting_id, hit.chunk.item)
        cov = coverage(topic, hit.chunk.text)
        if key not in by_item or cov > by_item[key][0]:
            by_item[key] = (cov, hit.chunk)
    if not by_item:
        return []
    best = max(cov for cov, _ in by_item.values())
    return [c for cov, c in by_item.values() if cov >= LIST_SHARE * best]


def _treated_answer(plan: QueryPlan, hits: list[Hit],
                    topic: list[TopicTerm]) -> list[tuple[Chunk, str]]:
    """"Når ble Malm legekontor behandlet?": each item on it by its title, in date order;
    the heading each is quoted under dates its meeting."""
    listed = sorted(_matching_items([h for h in hits if h.chunk.item_title], topic),
                    key=lambda c: c.meeting_date)
    out = []
    for c in listed[:MAX_LIST]:
        # The title, when it names what is asked; else the sentence of the item that does
        # ("søknaden fra Steinkjer Håndballklubb" under "Bruk av utviklingsmidler").
        line = _best_unit(plan, c, topic)
        titled = coverage(topic, context(c))
        out.append((c, line if line and coverage(topic, f"{context(c)} {line}") > titled
                    else c.item_title))
    return out


def _list_answer(plan: QueryPlan, hits: list[Hit], index: LexicalIndex,
                 topic: list[TopicTerm]) -> list[tuple[Chunk, str]]:
    """"Hvilke saker ...": one line per matching item, its title as the minutes write it."""
    first = hits[0].chunk
    if plan.board and first.section is SectionKind.board_proposal:
        proposals = [c for c in index.chunks_of(first.meeting_id)
                     if c.section is SectionKind.board_proposal]
        return [(c, c.item_title) for c in proposals[:MAX_LIST]]
    listed = _matching_items(hits, topic)
    if len(listed) < 2:  # one item matched: quote it rather than list it
        return _quote_answer(plan, hits, topic)
    out: list[tuple[Chunk, str]] = []
    for c in listed[:MAX_LIST]:
        line = _best_unit(plan, c, topic)
        out.append((c, line or c.item_title))
        if line is not None:  # "Ny organisering av verneområdene:" answers with its list
            out += [(c, u) for u in _what_follows(c, units(c).index(line), line, asked_list=True)]
    return out


def _meeting_answer(plan: QueryPlan, hits: list[Hit], topic: list[TopicTerm],
                    index: LexicalIndex) -> list[tuple[Chunk, str]]:
    """Where, when, who attended: the header and the participant list answer. "Hvem deltok
    fra Asker" keeps the lines that name Asker, when any does; "hvem meldte forfall" the
    header's sentence on who sent apologies, which no list of those present holds."""
    meeting_hits = about_meeting(hits)
    first = meeting_hits[0].chunk
    mine = [h.chunk for h in meeting_hits if h.chunk.meeting_id == first.meeting_id]
    whole = index.chunks_of(first.meeting_id)
    header = _header_of(whole)
    fields = _header_fields(plan, header)
    if plan.attendance:
        people = next((c for c in whole if c.section is SectionKind.participants), None)
        # A long header is chunked in pieces; "X hadde meldt forfall" may be in any.
        headers = [c for c in whole if c.section is SectionKind.header]
        if people is not None or headers:
            rows = [(c, u) for c in headers for u in units(c) if not is_label(u)]
            # The words that are not about attending ("fra Asker", "forfall") nor name the
            # meeting (its body, day, place: the header's labelled rows say those).
            naming = " ".join(u for _, u in rows if u.startswith(_NAMING_ROWS))
            rest = set(head_terms(" ".join(plan.topic_words))) - set(head_terms(
                f"{first.body} {naming} deltok deltakere møtte til stede møtet attended present"))
            candidates = [(people, u) for u in units(people) if not is_label(u)] if people else []
            candidates += [(c, u) for c, u in rows if not u.startswith(_WRITTEN_ROWS)]
            if plan.wants == "number":
                # "Hvor mange var til stede?": the line that counts them, when one does.
                counted = _counted(whole)
                if counted:
                    return _once(counted)[:MAX_PARTICIPANTS] + fields
            if plan.role and people is not None:
                # The lines with the role asked, or none: the whole list does not say who.
                listed = _with_role(plan.role, [c for c in candidates if c[0] is people])
                if listed:
                    return listed + fields
            if plan.role and (said := _role_said(plan.role, whole)):
                return said + fields
            if plan.role and people is not None:
                return fields
            # A line's compound parts count: "fra Follo" asks for the "Follorådet" line.
            overlap = [len(rest & text_terms(u)) for _, u in candidates]
            most = max(overlap, default=0)
            narrowed = _without_containers(
                [c for c, n in zip(candidates, overlap, strict=True) if most and n == most])
            listed = narrowed or [c for c in candidates if people and c[0] is people]
            if listed:
                return listed[:MAX_PARTICIPANTS] + fields
    quoted = _quote_answer(plan, [h for h in meeting_hits if h.chunk in mine], topic)
    return fields + [q for q in quoted if q not in fields] if fields else quoted


def _part_of_meeting(sub: QueryPlan, hits: list[Hit], topic: list[TopicTerm],
                     index: LexicalIndex) -> list[tuple[Chunk, str]]:
    """A part asking where or when the meeting was is answered by the header's rows alone:
    the rest of the header is the whole question's to quote."""
    if sub.attendance:
        return _meeting_answer(sub, hits, topic, index)
    whole = index.chunks_of(about_meeting(hits)[0].chunk.meeting_id)
    return _header_fields(sub, _header_of(whole))


def _header_of(chunks: list[Chunk]) -> Chunk | None:
    return next((c for c in chunks if c.section is SectionKind.header), None)


def _without_containers(lines: list[tuple[Chunk, str]]) -> list[tuple[Chunk, str]]:
    """A line that holds another matched line whole (the "Til stede: ..." sentence that names
    everyone, beside the list's own line) says nothing more about who: the shorter one."""
    squashed = [" ".join(u.split()) for _, u in lines]
    return [line for line, text in zip(lines, squashed, strict=True)
            if not any(other != text and other in text for other in squashed)]


# Minutes in prose say who had a role in a sentence: "Møtet ble leda av Paul Dahlø.", "Møtet
# ble ledet av regionrådets nestleder, ordfører ...", "Referent: ...".
_ROLE_SAID = {
    "leder": re.compile(r"\bmøtet\s+(?:ble\s+)?(?:ledet|leda|ledes|satt)\s+av\b|\bmøteleder\b",
                        re.IGNORECASE),
    "referent": re.compile(r"\breferent\b|\bprotokollfører\b|\b(?:referat|protokoll)\s+(?:ble\s+)?"
                           r"(?:ført|skrevet)\s+av\b", re.IGNORECASE),
    "sekretær": re.compile(r"\bsekretær\b", re.IGNORECASE),
}


_PRESENT = re.compile(r"\btil\s?stede\b|\bmøtte\b|\bpresent\b|\bstemmeberettigede\b", re.IGNORECASE)
# The chunker writes a participant list under "Deltakere:" whatever the minutes called it.
_PRESENT_LABEL = re.compile(rf"{_PRESENT.pattern}|\bdeltakere\b|\battendees\b", re.IGNORECASE)


def _role_said(role: str, chunks: list[Chunk]) -> list[tuple[Chunk, str]]:
    """The sentences of a meeting that say who had the role, when no list line does."""
    pattern = _ROLE_SAID.get(role)
    if pattern is None:
        return []
    return _role_lines(chunks, pattern)[:MAX_PARTICIPANTS]


def _counted(chunks: list[Chunk]) -> list[tuple[Chunk, str]]:
    """The sentences that count who was present: "Det var 12 stemmeberettigede tilstede.",
    "Til stede 32 representanter.", and the count under a "Til stede:" label."""
    out: list[tuple[Chunk, str]] = []
    for c in chunks:
        read = units(c)
        for n, unit in enumerate(read):
            labelled = n > 0 and read[n - 1].endswith(":") and _PRESENT_LABEL.search(read[n - 1])
            for k, sentence in enumerate(sentences(unit)):
                if satisfies(sentence, "number") and (
                        _PRESENT.search(sentence) or labelled and k == 0):
                    out.append((c, sentence))
    return out


def _role_lines(chunks: list[Chunk], pattern: re.Pattern[str]) -> list[tuple[Chunk, str]]:
    """The sentences of these chunks that `pattern` finds."""
    return [(c, sentence) for c in chunks for u in units(c) if pattern.search(u)
            for sentence in sentences(u) if pattern.search(sentence)]


def _with_role(role: str, lines: list[tuple[Chunk, str]]) -> list[tuple[Chunk, str]]:
    """Participant lines that give the role: "Kari Alstad, Leder" itself first; only when no
    line does, a compound of it ("møteleder", "utvalgssekretær"). "Nestleder" is a word of
    its own, no compound of "leder", so it answers neither way."""
    term = word_terms(role)[0]
    own = [(c, u) for c, u in lines if term in head_terms(u)]
    if own:
        return own[:MAX_PARTICIPANTS]
    return [(c, u) for c, u in lines if any(term in word_terms(w)[1:] for w in words(u))
            ][:MAX_PARTICIPANTS]


def _header_fields(plan: QueryPlan, header: Chunk | None) -> list[tuple[Chunk, str]]:
    """"Hvor ble møtet holdt?", "Når startet møtet?": the header's place and time rows say
    it, whatever words the question shares with other lines."""
    labels = tuple(f"{label}:" for label, asked in ((PLACE_FIELD, plan.place),
                                                     (TIME_FIELD, plan.meeting_time)) if asked)
    if not labels or header is None:
        return []
    return [(header, u) for u in units(header) if u.startswith(labels)]


def _best_unit(plan: QueryPlan, chunk: Chunk, topic: list[TopicTerm]) -> str | None:
    candidates = [u for u in units(chunk) if not is_label(u)]
    if not candidates:
        return None
    return max(candidates, key=lambda u: coverage(topic, f"{context(chunk)} {u}"))


def _after_outcome_heading(all_units: list[str],
                           headings: tuple[str, ...] = OUTCOME_HEADINGS) -> set[int]:
    """Positions after the last of these headings ("Vedtak", "Konklusjon", ...)."""
    marks = [n for n, u in enumerate(all_units) if u.rstrip(":").lower() in headings]
    return set(range(marks[-1] + 1, len(all_units))) if marks else set()


def _render(chosen: list[tuple[Chunk, str]], *, english: bool) -> Draft:
    lines: list[str] = []
    citations: dict[tuple[str, str], Citation] = {}
    last: tuple[str, str, str] | None = None
    for chunk, quote in chosen:
        key = (chunk.meeting_id, chunk.item)
        # The header and the participant list are no item, but each has its own heading.
        group = (chunk.meeting_id, chunk.item, chunk.item_title)
        if group != last:
            where = f"{chunk.body}, {_date(chunk.meeting_date)}"
            label = item_label(chunk.item) if chunk.item else ""
            if chunk.section is SectionKind.board_proposal:
                # Proposed for the board: its number there, not an item of this meeting.
                label = f"Foreslått til styremøtet, {chunk.item}."
            if english:
                label = label.replace("Sak ", "Item ").replace(
                    "Foreslått til styremøtet", "Proposed for the board meeting")
            lines.append(f"{label} {chunk.item_title}".strip() + f" ({where}):")
            last = group
        lines.append(f"- «{quote}» {marker(chunk)}")
        citations.setdefault(key, to_citation(chunk, quote))
    intro = "From the minutes:" if english else "Fra referatet:"
    return Draft(answer="\n".join([intro, *lines]) if lines else "",
                 citations=list(citations.values()))


def _date(iso: str) -> str:
    if not iso:
        return "udatert"
    y, m, d = iso.split("-")
    return f"{d}.{m}.{y}"
