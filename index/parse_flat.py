"""Pages flattened to one line each (a web viewer's "transcript" of a PDF): give them back
their item headings and labels as lines, so the item detectors can read them, and, before
the first item, their header fields ("Tid:", "Sted:", "Til stede:", "Forfall:"), so the
header and participant readers can.

Only lines far longer than any paragraph are touched, and only where they hold item numbers
or two header fields or more; everything else passes through unchanged.
"""

from __future__ import annotations

import re

from index.parse_header import MEETING_FIELD_LABELS

FLAT_LINE = 400  # a page, not a paragraph
SHORT_PAGE = 200  # a short page holds two item numbers or more
# An item number inline: "Sak 14/07:", "PS 12/26 ", "047/12: INNKALLING".
_ITEM = re.compile(r"(?<=\s)(?=(?:(?:Sak|SAK)\s+\d{1,3}/\d{2,4}\s*:|(?:PS|RS|OS)\s+\d{1,4}/\d{2,4}\s"
                   r"|\d{3}/\d{2}:\s+[A-ZÆØÅ]))")
# A label of an item's parts, after the end of what came before it.
_LABEL = re.compile(r"(?<=\S\s)(?=(?:Forslag til vedtak|Vedtak|Behandling|Innstilling|"
                    r"Saksutredning)\s*:)")
# A header field of the meeting, capitalised as a field is, after the end of what came
# before it: the when-and-where labels `parse_header` reads, and the attendance labels.
_ATTENDANCE_LABELS = ("Til stede", "Tilstede", "Deltakere", "Deltagere", "Møtende medlemmer",
                      "Forfall", "Fravær", "Dessuten møtte", "Møteleder", "Referent",
                      "Sekretariat", "Sekretariatet", "Møtesekretær", "Fra administrasjonen",
                      "Present", "Attendees", "Apologies", "Chair")
_FIELD = re.compile(
    r"(?<=\S\s)(?=(?:" + "|".join(sorted(
        {label[0].upper() + label[1:] for label in MEETING_FIELD_LABELS} | set(_ATTENDANCE_LABELS),
        key=len, reverse=True)) + r")\s*:)")
# Inside such a header, any one capitalised word before a colon is a field too: "Ordførere:",
# "Rådmenn:", "Ordfører MTT:" (a group of the attendees), so a place ends where they begin.
_GROUP = re.compile(r"(?<=\S\s)(?=[A-ZÆØÅ][a-zæøå]+(?: [A-ZÆØÅ]{2,})?:\s)")
_HEAD = re.compile(r"^(?P<num>(?:Sak|SAK|PS|RS|OS)?\s*\d{1,4}/\d{2,4}\s*:?)\s*(?P<rest>.*)$")
_UPPER_RUN = re.compile(r"^(?:[A-ZÆØÅ0-9][A-ZÆØÅ0-9,.\-–/()]*\s+)*[A-ZÆØÅ0-9][A-ZÆØÅ0-9,.\-–/()]*(?=\s|$)")
# A title in running text ends at its first sentence end or where a capitalised word
# follows a lower-case one: Norwegian capitalises names, seldom a title's own words.
_TITLE_END = re.compile(r"\.\s|(?<=[a-zæøå])\s+(?=[A-ZÆØÅ][a-zæøå])")
MAX_TITLE = 120


def unflatten(lines: list[str]) -> list[str]:
    out: list[str] = []
    before_items = True  # header fields stand before the first item
    for line in lines:
        if len(line) < SHORT_PAGE:
            out.append(line)
            continue
        found = len(_ITEM.findall(line))
        if not (len(line) >= FLAT_LINE and found or len(line) >= SHORT_PAGE and found >= 2):
            out.extend(_fields(line) if before_items and len(line) >= FLAT_LINE else [line])
            continue
        parts = _ITEM.split(line)
        if before_items:
            out.extend(_fields(parts[0].strip()))
            parts = parts[1:]
        before_items = False
        for part in parts:
            out.extend(_heading_and_rest(part.strip()))
    return out


def _fields(text: str) -> list[str]:
    """"... Tid: tirsdag 20. mars Sted: Rådhuset Til stede: ..." -> one line a field."""
    if len(_FIELD.findall(text)) < 2:
        return [text]
    return [q.strip() for p in _FIELD.split(text) for q in _GROUP.split(p) if q.strip()]


def _heading_and_rest(part: str) -> list[str]:
    """"Sak 14/07: Godkjenning av innkalling Innkalling godkjennes." -> heading, blank, body."""
    head = _HEAD.match(part)
    if not head or not head["rest"]:
        return [*_with_blanks([p.strip() for p in _LABEL.split(part) if p.strip()]), ""]
    rest = _LABEL.split(head["rest"], maxsplit=1)[0]
    upper = _UPPER_RUN.match(rest)
    if upper and len(upper.group(0)) > 3:
        title = upper.group(0)
    else:
        end = _TITLE_END.search(rest, 3)
        title = rest[: end.start() if end else len(rest)].rstrip(".")
    title = title[:MAX_TITLE].strip()
    body = head["rest"][len(title):].lstrip(". ").strip()
    lines = ["", f"{head['num']} {title}".strip(), ""]
    if body:
        lines += _with_blanks([p.strip() for p in _LABEL.split(body) if p.strip()])
    return [*lines, ""]


def _with_blanks(pieces: list[str]) -> list[str]:
    out: list[str] = []
    for p in pieces:
        out += [p, ""]
    return out
