"""The head of a minutes document for `parse_minutes`: title, body, organisation, date, time, place.

Reads labelled fields ("Tid:", "Møtedato:", "Sted:", "Date:") and the document's first heading.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from index.parse_dates import find_date, find_time
from index.parse_text import label_text

# "Label: value" with a short label; longer text before a colon is a sentence, not a field.
_FIELD = re.compile(r"^\s*(?P<label>[^\W\d][\w .]{0,30}?)\s*:\s*(?P<value>\S.*)$")
_DATE_LABELS = {"møtedato", "dato", "date", "meeting date", "dato og tid", "dato og sted"}
_TIME_LABELS = {"tidspunkt", "tid", "klokkeslett", "kl", "time", "møtetid"}
_PLACE_LABELS = {"møtested", "sted", "place", "location", "venue", "møterom", "møtestad"}
_BODY_LABELS = {"utvalg", "organ", "styre", "committee", "body", "møte i"}
# The fields of when and where, as a flattened page (`parse_flat`) finds them inline.
MEETING_FIELD_LABELS = frozenset(_DATE_LABELS | _TIME_LABELS | _PLACE_LABELS)
# A title that names only the kind of document; the body then stands on the next line.
_GENERIC_TITLE = re.compile(r"^(møteprotokoll|protokoll|referat|møtereferat|minutes)$", re.I)
# "Referat fra møte i administrativ koordineringsgruppe", "Protokoll fra kommunestyret",
# "Minutes of the meeting of the Planning Committee": the body is what follows.
_TITLE_BODY = re.compile(
    r"^(?:møte)?(?:referat|protokoll|minutes)\s+(?:fra|frå|from|of|for)\s+"
    r"(?:the\s+)?(?:(?:møte(?:t)?|meeting)\s+(?:i|of|in)\s+(?:the\s+)?)?(?P<body>.+)$",
    re.IGNORECASE,
)
# An organisation as councils name themselves: "Steinkjer kommune", "Osloregionen IPR",
# "Trøndelag fylkeskommune", "Northfield Town Council".
_ORGANISATION = re.compile(
    r"\b(?P<org>(?:[A-ZÆØÅ][\wæøåÆØÅ-]*[ \t]+){1,3}"
    r"(?:kommune|fylkeskommune|IPR|regionråd|[Cc]ouncil|[Mm]unicipality)"
    r"|[A-ZÆØÅ][\wæøå]+regionen)\b"  # a regional alliance: "Osloregionen", "Drammensregionen"
)
# A body of a county, not of one of the municipalities its cases name.
_COUNTY_BODY = re.compile(r"^fylkes", re.IGNORECASE)
# "Steinkjer rådhus, Fredrikkesalen": a town hall names the municipality that owns it.
_TOWN_HALL = re.compile(r"^(?P<town>[A-ZÆØÅ][\wæøå-]+)\s+rådhus\b")
# The body's organisation is often glued to its end: "kommunestyret i Fjellvik kommune",
# "Hovedutvalg for oppvekst, Lundvik kommune".
_BODY_ORG_SEPARATOR = re.compile(r",\s*|\s+(?:i|in|for|of)\s+")
# The ", " or " - " left before a date cut off the end of a title.
_TRAILING_DATE = re.compile(r"[\s,–-]+$")


@dataclass
class Header:
    title: str = ""
    body: str = ""
    organisation: str | None = None
    date: dt.date | None = None
    time: str | None = None
    place: str | None = None


def parse_header(lines: list[str], *, head_end: int) -> Header:
    """Read the header; `head_end` is where participants or the first item begin."""
    head = lines[:head_end]
    header = Header()
    header.title, body_from_title = _title_and_body(head)
    fields = _fields(head)
    header.body = fields.get("body") or body_from_title or _body_line(lines[:max(head_end, 12)])
    _read_when_where(header, fields, head)
    if not header.body:  # a flattened page: "... Org. nr PROTOKOLL FRA MØTE MIDT-TROMS REGIONRÅD Tid: ..."
        header.body = _body_in_line(lines[:12])
    header.body, org_in_body = _split_body_org(header.body)
    # "Midt-Troms regionråd" is a body and the organisation it is.
    own = header.body if _ORGANISATION.fullmatch(header.body) else None
    header.organisation = org_in_body or own or _organisation(head, header.place, lines,
                                                              county=bool(_COUNTY_BODY.match(header.body)))
    return header


# The nouns Norwegian councils name their bodies with; a heading line that ends in one is the
# body's name when no label or title said it ("KOMMUNESTYRET", "Fylkesutvalget 19. september").
_BODY_NOUN = re.compile(
    r"(?:styre|styret|råd|rådet|utvalg|utvalget|nemnd|nemnda|formannskap|formannskapet|"
    r"fylkesting|fylkestinget|representantskap|representantskapet|gruppe|gruppen)$",
    re.IGNORECASE)


# "Protokoll fra møte Midt-Troms regionråd", "referat fra møtet i styret": inside a line.
_BODY_AFTER = re.compile(r"\b(?:møte)?(?:referat|protokoll)\s+(?:fra|frå)\s+"
                         r"(?:møte(?:t)?\s+(?:i\s+)?)?(?P<rest>.+)", re.IGNORECASE)
_BODY_WORDS = 6


def _body_in_line(head: list[str]) -> str:
    """The body a "protokoll fra" names inside a line: the words up to the last one (of at most
    `_BODY_WORDS`) that is a body's noun."""
    for line in head:
        match = _BODY_AFTER.search(line)
        if not match:
            continue
        words = match["rest"].split()[:_BODY_WORDS]
        ends = [n for n, w in enumerate(words) if _BODY_NOUN.search(w.strip(",.:;"))]
        if ends:
            return name_case(" ".join(words[: ends[-1] + 1]).strip(",.:;"))
    return ""


def name_case(text: str) -> str:
    """An upper-case name as it is written in running text: "MIDT-TROMS REGIONRÅD" is
    "Midt-Troms regionråd", "VERDAL KOMMUNE" "Verdal kommune"; other text as it is."""
    if not text.isupper():
        return text
    out = []
    for n, word in enumerate(text.split()):
        if n and (_BODY_NOUN.search(word) or word.lower().endswith("kommune")):
            out.append(word.lower())  # the noun that says what it is: lower case after a name
        else:
            out.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(out)


def _body_line(head: list[str]) -> str:
    for line in head:
        text = " ".join(line.split())
        if text.endswith(":"):  # a label ("Utvalg:") whose value is on the next line
            continue
        hit = find_date(text)
        if hit:
            text = text[: hit[1][0]]
        text = text.strip(" -–:,")
        words = text.split()
        if 0 < len(words) <= 6 and _BODY_NOUN.search(words[-1]) and not text.endswith("."):
            return text.capitalize() if text.isupper() else text
    return ""


def _title_and_body(head: list[str]) -> tuple[str, str]:
    texts = [label_text(line) for line in head if line.strip()]
    if not texts:
        return "", ""
    title = texts[0]
    if _GENERIC_TITLE.match(title) and len(texts) > 1 and not _FIELD.match(texts[1]):
        return f"{title} {texts[1]}", texts[1]  # "MØTEPROTOKOLL" over "Formannskap"
    match = _TITLE_BODY.match(title)
    body = match["body"] if match else ""
    hit = find_date(body)
    if hit:  # "Minutes of the Planning Committee, 16 April 2026"
        body = _TRAILING_DATE.sub("", body[: hit[1][0]])
    return title, body.strip()


def _fields(head: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in head:
        match = _FIELD.match(label_text(line) if line.lstrip().startswith("#") else line)
        if not match:
            continue
        label, value = match["label"].strip().lower(), match["value"].strip()
        for key, labels in (("date", _DATE_LABELS), ("time", _TIME_LABELS),
                            ("place", _PLACE_LABELS), ("body", _BODY_LABELS)):  # fmt: skip
            if label in labels:
                fields.setdefault(key, value)
    return fields


def _read_when_where(header: Header, fields: dict[str, str], head: list[str]) -> None:
    # "Tid: 16. april 2026 kl. 09.30-12.00" carries the date too, so try every field.
    for key in ("date", "time"):
        if header.date is None and key in fields:
            header.date = _date_of(fields[key])
        if header.time is None and key in fields:
            header.time = find_time(fields[key])
    if header.date is None:  # an unlabelled date near the top ("16. april 2026")
        header.date = _date_of("\n".join(head))
    place = fields.get("place")
    if place:
        header.place = place.strip()


def _date_of(text: str) -> dt.date | None:
    hit = find_date(text)
    return hit[0] if hit else None


def _split_body_org(body: str) -> tuple[str, str | None]:
    for sep in _BODY_ORG_SEPARATOR.finditer(body):
        org = body[sep.end() :]
        if _ORGANISATION.fullmatch(org):
            return body[: sep.start()], org
    return body, None


def _organisation(head: list[str], place: str | None, lines: list[str], *,
                  county: bool = False) -> str | None:
    """Named in the head, implied by a town hall, or the municipality the text names most,
    ahead of every other. Not for a county's body: the municipalities its cases name
    ("Sak 144/17 Sola kommune - gnr.35") are applicants, not its owner."""
    for line in head:
        match = _ORGANISATION.search(name_case(line))
        if match:
            return match["org"]
    town = _TOWN_HALL.match(place or "")
    if town:
        return f"{town['town']} kommune"
    if county:
        return None
    named = Counter(
        m["org"] for m in _ORGANISATION.finditer("\n".join(lines)) if m["org"].endswith("kommune")
    ).most_common(2)
    return named[0][0] if named and (len(named) == 1 or named[0][1] > named[1][1]) else None
