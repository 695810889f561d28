"""The "Foreløpige saker til styremøtet ..." section, for `parse_minutes`.

It lists items proposed for the next board meeting; they are not items of this meeting,
so they become `BoardMeeting.proposals`, with the section's date, time, place and attachments.
"""

from __future__ import annotations

import datetime as dt
import re

from index.models import BoardMeeting, BoardProposal
from index.parse_dates import find_date, find_time
from index.parse_items import find_headings
from index.parse_text import ATTACHMENTS_LABEL, BULLET, label_text, tidy

# "Foreløpige saker til styremøtet 13. mai, kl. 14:00-16:00, Teams": `rest` carries when/where.
_BOARD_HEADING = re.compile(
    r"^(?:(?:foreløpige\s+)?saker\s+til\s+(?:neste\s+)?styremøte(?:t)?|"
    r"(?:items|matters)\s+for\s+the\s+next\s+board\s+meeting)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
# Sub-headings that say what kind of case the proposals below them are.
_KINDS = {
    "orienteringssaker": "orientering", "orienteringer": "orientering",
    "for information": "orientering", "vedtakssaker": "vedtak", "beslutningssaker": "vedtak",
    "for decision": "vedtak", "drøftingssaker": "drøfting", "diskusjonssaker": "drøfting",
}  # fmt: skip
# Only the whole line: "Orienteringssaker" as a heading, not the word inside a note.
_KIND = re.compile(rf"^(?P<kind>{'|'.join(_KINDS)})\s*:?$", re.IGNORECASE)
_MAX_HEADING = 120  # longer lines are sentences that happen to start like the heading


def find_board_start(lines: list[str]) -> int | None:
    """The section heading's line; a sentence that starts the same way is no heading."""
    for i, line in enumerate(lines):
        text = label_text(line)
        if _BOARD_HEADING.match(text) and len(text) <= _MAX_HEADING and not text.endswith("."):
            return i
    return None


def parse_board(lines: list[str], *, meeting_date: dt.date | None) -> BoardMeeting:
    """`lines[0]` is the section heading: "... styremøtet 13. mai, kl. 14:00-16:00, Teams"."""
    match = _BOARD_HEADING.match(label_text(lines[0]))
    rest = match["rest"] if match else ""
    board = BoardMeeting(
        date=_board_date(rest, meeting_date), time=find_time(rest), place=_board_place(rest),
        heading=label_text(lines[0]),
    )
    headings, _ = find_headings(lines[1:])
    by_start = {h.start + 1: h for h in headings}
    kind: str | None = None
    current: BoardProposal | None = None
    note: list[str] = []
    in_attachments = False
    i = 1
    while i < len(lines):
        heading, text = by_start.get(i), label_text(lines[i])
        if heading or _KIND.match(text) or ATTACHMENTS_LABEL.match(text):
            _close(current, note)
            current, note, in_attachments = None, [], False
        if heading:
            current = BoardProposal(number=heading.number, title=heading.title, kind=kind)
            board.proposals.append(current)
            i = heading.end + 1
            continue
        if kind_match := _KIND.match(text):
            kind = _KINDS[kind_match["kind"].lower()]
        elif attachments := ATTACHMENTS_LABEL.match(text):
            in_attachments = True
            if attachments["inline"]:
                board.attachments.append(attachments["inline"].strip())
        elif in_attachments and (bullet := BULLET.match(lines[i])):
            board.attachments.append(bullet["text"].strip())
        elif lines[i].strip() or not in_attachments:
            in_attachments = False
            note.append(lines[i])
        i += 1
    _close(current, note)
    return board


def _close(proposal: BoardProposal | None, note: list[str]) -> None:
    if proposal is not None:
        proposal.note = tidy(note) or None


def _board_date(rest: str, meeting_date: dt.date | None) -> dt.date | None:
    year = meeting_date.year if meeting_date else None
    hit = find_date(rest, default_year=year)
    if hit is None:
        return None
    date = hit[0]
    if meeting_date and date < meeting_date and not re.search(r"\d{4}", rest[hit[1][0] : hit[1][1]]):
        date = date.replace(year=date.year + 1)  # "13. januar" written in December
    return date


def _board_place(rest: str) -> str | None:
    """The part of "13. mai, kl. 14:00-16:00, Teams" that is neither date nor time."""
    parts = [part.strip(" .") for part in rest.split(",")]
    places = [p for p in parts if p and not find_date(p, default_year=2000) and not find_time(p)]
    return places[-1] if places else None
