"""Typed shapes that flow through the write path: a parsed `Meeting` and its `Chunk`s.

Everything downstream (retrieval, extraction, evals) reads these, so field names are stable.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, Field


class SectionKind(StrEnum):
    header = "header"
    participants = "participants"
    item = "item"
    board_proposal = "board_proposal"
    round_table = "round_table"
    document = "document"  # no structure found: the whole text as one section


class Participant(BaseModel):
    name: str
    organisation: str | None = None  # org, party ("AP") or sub-region as written
    role: str | None = None  # "Leder", "Sekretariatet (leder)", "utvalgssekretær"


class RoundTableReport(BaseModel):
    """One sub-region's (or member's) report under a 'Runde rundt bordet' item."""

    region: str
    text: str


class AgendaItem(BaseModel):
    number: str  # as written in the minutes: "7", "PS 1/26", "Sak 3/26", "OS 2/26"
    title: str
    text: str  # the item's full body (heading excluded), layout-normalised
    conclusions: list[str] = Field(default_factory=list)  # bullets of "Oppsummering ... konklusjon"
    decision: str | None = None  # "Godkjennes", the Vedtak text, ...
    reports: list[RoundTableReport] = Field(default_factory=list)
    # Why the item is kept from the public copy, as the Saksliste's "Unntatt off." column
    # says: "Offl. § 13, jf. Fvl. § 13 (1) nr. 1".
    exempt: str | None = None


class BoardProposal(BaseModel):
    number: str
    title: str
    kind: str | None = None  # "orientering", "vedtak" or None when the minutes do not say
    note: str | None = None


class BoardMeeting(BaseModel):
    """The section listing items proposed for the next board meeting."""

    date: dt.date | None = None
    time: str | None = None  # "14:00-16:00" as written
    place: str | None = None
    heading: str | None = None  # "Foreløpige saker til styremøtet 13. mai, kl. 14:00-16:00, Teams"
    proposals: list[BoardProposal] = Field(default_factory=list)
    attachments: list[str] = Field(default_factory=list)


class Meeting(BaseModel):
    meeting_id: str
    body: str  # the committee or council: "administrativ koordineringsgruppe", "Formannskap"
    organisation: str | None = None  # "Osloregionen IPR", "Steinkjer kommune"
    title: str  # the document's own heading
    date: dt.date | None = None
    time: str | None = None
    place: str | None = None
    participants: list[Participant] = Field(default_factory=list)
    # Lines of the attendee lists the parser could not read as attendees, verbatim.
    participant_notes: list[str] = Field(default_factory=list)
    items: list[AgendaItem] = Field(default_factory=list)
    board_meeting: BoardMeeting | None = None
    attachments: list[str] = Field(default_factory=list)
    # What the minutes say before the first item besides the header fields, the member
    # lists and the agenda table: who sent apologies, briefings, questions from members.
    preamble: str = ""
    source_file: str
    text: str  # the full normalised text the parser read
    warnings: list[str] = Field(default_factory=list)  # e.g. "no agenda items found"


class Chunk(BaseModel):
    chunk_id: str  # "{meeting_id}:{version}:{item or section}:{n}", deterministic
    text: str  # starts with a short header: meeting, date, "Sak N: title"
    meeting_id: str
    body: str
    meeting_date: str  # ISO date, "" when unknown
    item: str  # agenda number as written, "" for header/participants
    item_title: str
    section: SectionKind
    source_file: str
    content_hash: str  # sha256 of `text`
    version: str  # hash of the source document this chunk was cut from
