"""The offline default: action items and decisions from the parsed structure and the
phrasing of Norwegian minutes, without a generative model.

Per item: decide (decisions.py) → pick what was adopted → sentences → commitments →
owner and due date. Items proposed for the next board meeting are read the same way.
"""

from __future__ import annotations

import datetime as dt
import re

from index.models import AgendaItem, Meeting
from service.extract.commitments import Commitment, Context, find_commitment
from service.extract.dates import resolve_due
from service.extract.decisions import (
    NO_FOLLOW_UP,
    adopts_proposal,
    clip,
    decide,
    decision_text,
    is_formulaic,
)
from service.extract.schema import ActionItem, Decision
from service.sentences import adopted_sentences

# "Den skal si noe om ...": a sentence that details the commitment before it.
_CONTINUES = re.compile(r"^(?:den|denne|saken|det|dette|planen|notatet)\s+(?:skal|må|bør)\b", re.I)
_PRESENTER = re.compile(
    r"\b(?P<who>sekretariatet|kommunedirektøren|administrasjonen|rådmannen|ordføreren|ordfører"
    r"|styrelederen|styreleder|lederen|leder)\b[^.]{0,40}?\b(?:innledet|orienterte|la\s+fram"
    r"|la\s+frem|presenterte|viste\s+til|informerte|fortalte|redegjorde)\b"
    r"|\b(?:innledet|orienterte|la\s+fram|la\s+frem|presenterte|lagt\s+fram\s+av|informerte)\s+"
    r"(?P<who2>sekretariatet|kommunedirektøren|administrasjonen|rådmannen)\b",
    re.I,
)


def extract_with_rules(meeting: Meeting) -> tuple[list[ActionItem], list[Decision]]:
    ctx = _context(meeting)
    board = meeting.board_meeting
    board_date = board.date if board else None
    actions: list[ActionItem] = []
    decisions: list[Decision] = []
    for item in agenda(meeting):
        decision = decide(item)
        if decision is not None:
            decisions.append(decision)
            if decision.status in NO_FOLLOW_UP:
                continue  # nothing was adopted, so nothing was committed to
        preparer = _presenter(item.text) or _default_preparer(meeting)
        text, keep_proposals = _adopted_text(item)
        actions += _actions(text, item.number, meeting, ctx, preparer=preparer,
                            board_date=board_date, board_section=False,
                            keep_proposals=keep_proposals)
    for proposal in board.proposals if board else []:
        if proposal.note:
            actions += _actions(proposal.note, proposal.number, meeting, ctx,
                                preparer=_default_preparer(meeting), board_date=board_date,
                                board_section=True)
    return _dedupe(actions), decisions


UNNUMBERED = ""  # flow.py turns it into item: null


def agenda(meeting: Meeting) -> list[AgendaItem]:
    """The meeting's items; minutes without numbered items are read as one unnumbered item."""
    if meeting.items or not meeting.text.strip():
        return meeting.items
    return [AgendaItem(number=UNNUMBERED, title=meeting.title, text=meeting.text)]


def _adopted_text(item: AgendaItem) -> tuple[str, bool]:
    """Where the item's commitments are: a substantive decision, else the discussion (with
    its proposals when the decision only says they were adopted)."""
    text = decision_text(item)
    if text and not is_formulaic(text):
        return text, False
    body = item.text
    for report in item.reports:  # a region's own news is not this meeting's to-do
        cut = body.find(report.region)
        if cut >= 0:
            body = body[:cut]
    return body, bool(text and adopts_proposal(text))


def _actions(
    text: str, number: str, meeting: Meeting, ctx: Context, *, preparer: str | None,
    board_date: dt.date | None, board_section: bool, keep_proposals: bool = False,
) -> list[ActionItem]:
    out: list[ActionItem] = []
    prev: str | None = None
    last: ActionItem | None = None
    for sentence in adopted_sentences(text, keep_proposals=keep_proposals):
        if last is not None and _CONTINUES.match(sentence) and len(last.evidence) < 300:
            last = last.model_copy(update={
                "task": f"{last.task}. {sentence.rstrip('.')}",
                "evidence": f"{last.evidence} {sentence}"})
            out[-1] = last
            prev = sentence
            continue
        found = find_commitment(sentence, ctx, prev=prev)
        last = None
        if found is not None:
            due = resolve_due(sentence, meeting_date=meeting.date, board_date=board_date,
                              board_section=board_section)
            last = ActionItem(owner=_owner(found, meeting, preparer), task=found.task, due=due,
                              item=number, evidence=clip(sentence))
            out.append(last)
        prev = sentence
    return out


def _owner(found: Commitment, meeting: Meeting, preparer: str | None) -> str | None:
    if found.owner:
        return found.owner
    if found.owner_hint == "body" and meeting.body:
        return meeting.body[:1].upper() + meeting.body[1:]
    return preparer


def _presenter(text: str) -> str | None:
    m = _PRESENTER.search(text)
    if not m:
        return None
    who = (m["who"] or m["who2"]).lower()
    return who[:1].upper() + who[1:]


def _default_preparer(meeting: Meeting) -> str | None:
    """Who prepares follow-ups when the minutes do not say: the secretariat, if the
    meeting has one, else a municipality's administration."""
    for p in meeting.participants:
        if "sekretariat" in f"{p.role or ''} {p.organisation or ''}".lower():
            return "Sekretariatet"
    if "kommune" in (meeting.organisation or "").lower():
        return "Kommunedirektøren"
    return None


def _context(meeting: Meeting) -> Context:
    names: set[str] = set()
    for p in meeting.participants:
        names.update(w for w in p.name.split() if len(w) > 2)
    return Context(names=frozenset(names))


def _dedupe(actions: list[ActionItem]) -> list[ActionItem]:
    seen: set[tuple[str | None, str]] = set()
    out = []
    for a in actions:
        key = (a.item, re.sub(r"\W+", " ", a.task.lower()).strip())
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out
