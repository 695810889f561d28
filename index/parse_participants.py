"""Who attended, for `parse_minutes`: tables (tab or column aligned), bullet lists, inline lists.

"Deltakere:" with a Fornavn/Etternavn/Organisasjon table, Steinkjer's "Følgende medlemmer
møtte:" (Navn/Funksjon/Repr./Varamedlem for) and "fra administrasjonen" (Navn/Stilling),
"Til stede: Kari Nordmann (leder), Ola Hansen (AP)", "Present:" with one name per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.analyze import zipf
from index.models import Participant
from index.parse_items import AGENDA_TABLE
from index.parse_text import BULLET, label_text

# A line that opens a list of attendees; the list follows, or sits after the colon.
# Colon or end of line only, so "Deltakere i gruppen er ..." in running text is no label.
PARTICIPANTS_LABEL = re.compile(
    r"^(?P<label>deltakere|deltagere|til\s*stede|møtende(?:\s+medlemmer)?|"
    r"følgende\s+medlemmer\s+møtte|følgende\s+fra\s+administrasjonen\s+møtte|"
    r"fra\s+administrasjonen|present|attendees|participants|in\s+attendance|also\s+present)"
    r"\s*(?::\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)
# Staff lists ("fra administrasjonen") get that as their organisation.
_ADMIN_LABEL = re.compile(r"administrasjonen", re.I)
ADMINISTRATION = "administrasjonen"
# Table columns by header text; "Repr." is Steinkjer's party column.
_COLUMNS = {
    "fornavn": "first", "first name": "first",
    "etternavn": "last", "last name": "last", "surname": "last",
    "navn": "name", "name": "name",
    "organisasjon": "org", "organisation": "org", "organization": "org", "repr.": "org",
    "repr": "org", "parti": "org", "party": "org", "representerer": "org", "virksomhet": "org",
    "funksjon": "role", "rolle": "role", "role": "role", "stilling": "role", "tittel": "role",
    "position": "role", "title": "role",
    "varamedlem for": "vara_for", "vara for": "vara_for", "substitute for": "vara_for",
}  # fmt: skip
# Cells of a row without usable column positions: tabs or runs of spaces.
_CELL_SPLIT = re.compile(r"\t| {2,}")
_CELL = re.compile(r"\S+(?: \S+)*")  # a cell in a column-aligned row: words one space apart
_ROLE_WORDS = (
    "leder", "nestleder", "medlem", "varamedlem", "sekretær", "referent", "møteleder",
    "ordfører", "varaordfører", "kommunedirektør", "rådmann", "utvalgssekretær", "konsulent",
    "rådgiver", "kommunalsjef", "saksbehandler", "observatør", "chair", "vice", "deputy",
    "secretary", "clerk", "member", "mayor", "officer", "observer",
)  # fmt: skip
# "Sekretariatet (leder)": a lowercase note in brackets is a role, "(SNR)" is part of a name.
_LOWERCASE_PAREN = re.compile(r"^(?P<org>.+?)\s*\((?P<role>[a-zæøå][^)]*)\)$")
# Free-form entries: "Name (AP)", "Name (leder), org"; then split qualifiers on , – or gaps.
_PAREN_ENTRY = re.compile(r"^(?P<name>[^(,]+?)\s*\((?P<paren>[^)]*)\)\s*(?:[,–-]\s*(?P<rest>.*))?$")
# Between people in running text; a comma inside "(AP, leder)" does not separate.
_INLINE_SPLIT = re.compile(r"\s*[,;]\s*(?![^(]*\))|\s+(?:og|and)\s+")
_WORDS = re.compile(r"[^\W_]+")
# A role run together with the party after it, as a full column leaves it: "VaramedlemSP".
_FUSED_PARTY = re.compile(r"^(?P<role>\w*[a-zæøå])(?P<party>[A-ZÆØÅ]{1,5})$")
NAME_ZIPF = 4.5  # names and places are rarer in the lexicon than "Innhold" or "Medlem" (4.7)
_NAME_WORD = re.compile(r"\b[A-ZÆØÅ][a-zæøåéüö]{2,}\w*")
_ENTRY_SPLIT = re.compile(r"\s*,\s*|\s+[–-]\s+|\t| {2,}")


@dataclass
class ParticipantSection:
    start: int  # index of the label line
    end: int  # index after the last line of the list
    participants: list[Participant]
    # Source lines of the list that no parsed attendee accounts for ("Kari Li fikk permisjon
    # fra sak 12", "X (vara for Y)" run together with others): the chunker keeps them, so
    # nothing the minutes say is lost to the index.
    unread: list[str] = field(default_factory=list)


def find_participant_sections(lines: list[str]) -> list[ParticipantSection]:
    sections = []
    for i, line in enumerate(lines):
        match = PARTICIPANTS_LABEL.match(label_text(line))
        if match:
            sections.append(_read_section(lines, i, match))
    return sections


def _read_section(lines: list[str], start: int, label: re.Match) -> ParticipantSection:
    admin = bool(_ADMIN_LABEL.search(label["label"]))
    if label["rest"]:
        people = _inline(label["rest"], admin)
        return ParticipantSection(start, start + 1, people,
                                  _unread([label["rest"]], people, [lines[start].strip()]))
    first = start + 1
    while first < len(lines) and not lines[first].strip():
        first += 1
    end = first
    while end < len(lines) and _belongs(lines[first], lines[end]):
        end += 1
    body = lines[first:end]
    columns = _header_columns(body[0]) if body else None
    if columns:
        people = [p for row in body[1:] if (p := _table_row(row, columns, admin))]
    elif len(body) == 1 and not BULLET.match(body[0]):
        people = _inline(body[0], admin)
    else:
        people = [p for line in body if (p := _entry(_strip_bullet(line), admin))]
    rows = body[1:] if columns else body
    return ParticipantSection(start, end, people, _unread(rows, people, [r.strip() for r in rows]))


def _unread(texts: list[str], people: list[Participant], sources: list[str]) -> list[str]:
    """The source line of each text holding a capitalised word rarer than everyday words (a
    name, a place) that no attendee's name, organisation or role has. A party's letters
    ("AP", "ANDRE") are a column the parser may drop on purpose; a table's "Innhold" is no name."""
    have = {w for p in people for x in (p.name, p.organisation, p.role) if x
            for w in _WORDS.findall(x)}
    return [source for text, source in zip(texts, sources, strict=True)
            if any(not _accounted(w, have) and zipf(w.lower()) < NAME_ZIPF
                   for w in _NAME_WORD.findall(text))]


def _accounted(word: str, have: set[str]) -> bool:
    """A word of a row that a parsed attendee holds, "VaramedlemSP" as role and party."""
    fused = _FUSED_PARTY.match(word)
    return word in have or fused is not None and {fused["role"], fused["party"]} <= have


def _belongs(first: str, line: str) -> bool:
    """Whether `line` continues the list that starts with `first`: a blank line, a heading
    or another label ends it, and so does a line in another shape (no tab in a tab table,
    no bullet in a bullet list)."""
    text = label_text(line)
    if (not text or line.lstrip().startswith("#") or PARTICIPANTS_LABEL.match(text)
            or AGENDA_TABLE.match(text)):
        return False
    if text.endswith(":") and len(text) < 40:
        return False
    if "\t" in first and "\t" not in line:
        return False
    return not (BULLET.match(first) and not BULLET.match(line))


def _strip_bullet(line: str) -> str:
    match = BULLET.match(line)
    return match["text"] if match else line.strip()


def _header_columns(line: str) -> list[tuple[int, str]] | None:
    """(start column, field) per header cell, when `line` is a participants table header."""
    if "\t" in line:  # tab tables are split on tabs, so positions do not matter
        cells = [cell.strip() for cell in line.split("\t")]
        starts = [-1] * len(cells)
    else:
        found = [(m.start(), m.group()) for m in _CELL.finditer(line)]
        cells, starts = [c for _, c in found], [s for s, _ in found]
    cells, starts = _split_joined_headers(cells, starts)
    fields = [_COLUMNS.get(" ".join(c.lower().split()), "") for c in cells]
    if len(cells) < 2 or not ({"name", "first"} & set(fields)):
        return None
    return list(zip(starts, fields, strict=True))


def _split_joined_headers(cells: list[str], starts: list[int]) -> tuple[list[str], list[int]]:
    """A header cell that is two column names one space apart ("Repr. Varamedlem for", where
    the layout left too little room) is split into both, each at its own position."""
    out_cells, out_starts = [], []
    for cell, start in zip(cells, starts, strict=True):
        words = cell.lower().split()
        split = None if " ".join(words) in _COLUMNS else next(
            (i for i in range(1, len(words))
             if " ".join(words[:i]) in _COLUMNS and " ".join(words[i:]) in _COLUMNS), None)
        if split is None:
            out_cells.append(cell)
            out_starts.append(start)
            continue
        second_at = cell.index(cell.split()[split], len(" ".join(cell.split()[:split])))
        out_cells += [cell[:second_at].strip(), cell[second_at:]]
        out_starts += [start, start + second_at if start >= 0 else -1]
    return out_cells, out_starts


def _split_row(row: str, columns: list[tuple[int, str]]) -> dict[str, str]:
    if "\t" in row or columns[0][0] < 0:
        values = [v.strip() for v in _CELL_SPLIT.split(row.strip())]
        return {field: value for (_, field), value in zip(columns, values, strict=False)}
    # Column-aligned (pdftotext -layout): a word belongs to the last column starting at or
    # just after it, which survives "Varamedlem AP" where one space separates two cells.
    cells: dict[str, list[str]] = {}
    for word in re.finditer(r"\S+", row):
        field = columns[0][1]
        for start, name in columns:
            if start <= word.start() + 1:
                field = name
        cells.setdefault(field, []).append(word.group())
    return {field: " ".join(words) for field, words in cells.items()}


def _table_row(row: str, columns: list[tuple[int, str]], admin: bool) -> Participant | None:
    cells = _split_row(row, columns)
    name = cells.get("name") or " ".join(filter(None, (cells.get("first"), cells.get("last"))))
    if not _looks_like_name(name):
        return None
    org, role = cells.get("org") or None, cells.get("role") or None
    if role and not org and (fused := _FUSED_PARTY.match(role)) and _is_role(fused["role"]):
        role, org = fused["role"], fused["party"]
    if org and not role and (paren := _LOWERCASE_PAREN.match(org)):
        org, role = paren["org"], paren["role"]
    if cells.get("vara_for"):
        role = f"{role or 'Varamedlem'} for {cells['vara_for']}"
    return Participant(name=name, organisation=org or (ADMINISTRATION if admin else None), role=role)


def _inline(text: str, admin: bool) -> list[Participant]:
    """A list in running text: "Kari Nordmann (leder), Ola Hansen (AP) og Per Li". A part
    that is only a role belongs to the name before it ("Kari Nordmann, leder")."""
    people: list[Participant] = []
    for part in filter(None, _INLINE_SPLIT.split(text.strip().rstrip("."))):
        if people and _is_role(part) and people[-1].role is None:
            people[-1].role = part
        elif person := _entry(part, admin):
            people.append(person)
    return people


def _entry(text: str, admin: bool) -> Participant | None:
    """One attendee written free-form: "Name (AP)", "Name (leder)", "Name, Org, role"."""
    text = text.strip().rstrip(".;")
    paren = _PAREN_ENTRY.match(text)
    if paren:
        name, qualifiers = paren["name"], [paren["paren"], *_ENTRY_SPLIT.split(paren["rest"] or "")]
    else:
        name, *qualifiers = _ENTRY_SPLIT.split(text)
    if not _looks_like_name(name):
        return None
    org = role = None
    for qualifier in filter(None, (q.strip() for q in qualifiers)):
        if role is None and _is_role(qualifier):
            role = qualifier
        elif org is None:
            org = qualifier
    return Participant(name=name.strip(), organisation=org or (ADMINISTRATION if admin else None), role=role)


def _is_role(text: str) -> bool:
    # Norwegian roles are written in lowercase ("leder"); English ones are matched by word.
    text = text.strip()
    return text.lower().startswith(_ROLE_WORDS) or text[:1].islower()


def _looks_like_name(name: str) -> bool:
    name = name.strip()
    return 2 <= len(name) <= 60 and name[:1].isupper() and not name.endswith(":")
