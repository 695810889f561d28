"""Second step of the write path: a minutes document's text to a structured `Meeting`.

read_document -> parse_minutes -> chunk -> embed -> store. The helpers in `index.parse_*`
each read one part: header, participants, item headings, item bodies, the board section.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from pathlib import Path

from index.models import AgendaItem, Meeting
from index.parse_board import find_board_start, parse_board
from index.parse_flat import unflatten
from index.parse_header import parse_header
from index.parse_item_body import build_item
from index.parse_items import AGENDA_TABLE, Heading, find_headings
from index.parse_participants import ParticipantSection, find_participant_sections
from index.parse_text import ATTACHMENTS_LABEL, BULLET, label_text, tidy
from index.readers import normalise_text

NO_ITEMS_WARNING = "no agenda items found; indexed as one section"
NO_DATE_WARNING = "no meeting date found"
DATE_FROM_NAME_WARNING = "no meeting date in the text; the date is taken from the file name"
ORG_FROM_NAME_WARNING = "no organisation in the text; it is taken from the file name"
# "<body>-2012-03-19.txt": archives name files by meeting date; the date must stand alone.
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# Whatever is left after transliteration becomes one "-", so ids stay URL-safe.
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def parse_minutes(text: str, *, source_file: str) -> Meeting:
    text = normalise_text(text)
    lines = unflatten(text.split("\n"))
    board_start = find_board_start(lines)
    main = lines if board_start is None else lines[:board_start]
    sections = find_participant_sections(main)
    headings, warnings = find_headings(_without(main, sections))
    first_item = headings[0].start if headings else len(main)
    header = parse_header(main, head_end=min([first_item, *(s.start for s in sections)]))
    board = None
    if board_start is not None:
        board = parse_board(lines[board_start:], meeting_date=header.date)
    if not headings:
        warnings.append(NO_ITEMS_WARNING)
    if header.date is None:
        header.date = _date_in_name(source_file)
        warnings.append(NO_DATE_WARNING if header.date is None else DATE_FROM_NAME_WARNING)
    organisation = header.organisation
    if organisation is None and (organisation := _organisation_in_name(source_file, header.body)):
        warnings.append(ORG_FROM_NAME_WARNING)
    return Meeting(
        # The id keeps the header's own reading: a file ingested before is the same meeting.
        meeting_id=meeting_id(header.organisation, header.body, header.date, source_file,
                              text=text),
        body=header.body,
        organisation=organisation,
        title=header.title or Path(source_file).stem,
        date=header.date,
        time=header.time,
        place=header.place,
        participants=[p for section in sections for p in section.participants],
        participant_notes=[line for section in sections for line in section.unread],
        items=_items(main, headings),
        board_meeting=board,
        attachments=_attachments(main[:first_item]),
        preamble=_preamble(_without(main[:first_item], sections)) if headings else "",
        source_file=source_file,
        text=text,
        warnings=warnings,
    )


def _preamble(head: list[str]) -> str:
    """The text before the first item, up to the agenda table (its rows repeat the items'
    titles, which the header chunk lists already)."""
    end = next((i for i, line in enumerate(head) if AGENDA_TABLE.match(line.strip())), len(head))
    return tidy(head[:end])


def _date_in_name(source_file: str) -> dt.date | None:
    match = _NAME_DATE.search(Path(source_file).stem)
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def _organisation_in_name(source_file: str, body: str) -> str | None:
    """"verdal-kommunestyre-2000-01-31.txt" of a text that says only "KOMMUNESTYRET": the
    words of the file name before the body's name are its organisation ("Verdal")."""
    words = [w for w in _NON_ALNUM.split(slugify(Path(source_file).stem)) if w]
    first = slugify(body).split("-")[0]
    if len(first) < MIN_BODY_WORD:
        return None
    for at, word in enumerate(words):
        shared = len(word) >= MIN_BODY_WORD and (first.startswith(word) or word.startswith(first))
        if shared and at and all(w.isalpha() for w in words[:at]):
            return " ".join(w.capitalize() for w in words[:at])
        if shared:
            return None
    return None


# A body's first word is matched in a file name only when it is at least this long: "utvalg",
# "styret", "kommunestyre", not "ps" or "kf".
MIN_BODY_WORD = 5


def slugify(s: str) -> str:
    """Id-safe text: "Steinkjer kommune – Formannskap" -> "steinkjer-kommune-formannskap"."""
    s = s.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", s).strip("-")


def meeting_id(organisation: str | None, body: str, date: dt.date | None, source_file: str,
               *, text: str = "") -> str:
    """The meeting the header names (organisation, body, date): stable across re-ingests and
    edits. Without body or date the document names no meeting, so the id is fresh: the file
    name only as a readable prefix, made unique by the text's hash; a file named like a
    stored meeting can then never take its place."""
    if body and date:
        if organisation and re.search(rf"\b{re.escape(organisation)}\b", body, re.IGNORECASE):
            organisation = None  # "Midt-Troms regionråd" of "Midt-Troms regionråd": once
        return slugify(f"{organisation or ''} {body} {date.isoformat()}")[:120].strip("-")
    stem = slugify(Path(source_file).stem)[:60].strip("-") or "dokument"
    digest = hashlib.sha256(text.encode()).hexdigest()[:10]
    return f"{stem}-x{digest}"


def _without(lines: list[str], sections: list[ParticipantSection]) -> list[str]:
    """`lines` with participant lists blanked, so a row like "1. Ola" is no item heading."""
    masked = list(lines)
    for section in sections:
        masked[section.start : section.end] = [""] * (section.end - section.start)
    return masked


def _items(lines: list[str], headings: list[Heading]) -> list[AgendaItem]:
    if not headings:
        return []
    ends = [h.start for h in headings[1:]] + [len(lines)]
    return [build_item(h, lines[h.end : end]) for h, end in zip(headings, ends, strict=True)]


def _attachments(head: list[str]) -> list[str]:
    """A "Vedlegg:" list before the first item belongs to the meeting itself."""
    found: list[str] = []
    listing = False
    for line in head:
        match = ATTACHMENTS_LABEL.match(label_text(line))
        if match:
            listing = True
            if match["inline"]:
                found.append(match["inline"].strip())
        elif listing and (bullet := BULLET.match(line)):
            found.append(bullet["text"].strip())
        elif line.strip():
            listing = False
    return found
