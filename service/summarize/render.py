"""Assembly, the last step of summarize: the meeting header (name, date, participants found
among the speakers) and the markdown in the seed minutes' shape, which `parse_minutes`
reads back ("## N. Title" headings, the "Oppsummering av innspill og konklusjon:" line).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.summarize.schema import Bullet, DraftItem, MeetingHeader
from service.summarize.segment import DATE, Agenda
from service.transcripts import Transcript

LABELS = {
    "nb": {
        "title": "Referat fra møte", "date": "Tid", "participants": "Deltakere",
        "summary": "Oppsummering av innspill og konklusjon:", "decisions": "Vedtak:",
        "actions": "Oppfølging:", "missing": "Ikke funnet i transkripsjonen.",
    },
    "en": {
        "title": "Minutes of meeting", "date": "Date", "participants": "Participants",
        "summary": "Summary of discussion and conclusion:", "decisions": "Decisions:",
        "actions": "Action items:", "missing": "Not found in the transcript.",
    },
}
_AGENDA_WORDS = re.compile(r"^\s*(?:sakskart|saksliste|dagsorden|agenda)\b\s*(?:for|til|of)?\s*",
                           re.I)
_GENERIC = re.compile(r"^(ukjent|unknown|flere|alle|several|all|speaker ?\d*|taler ?\d*)$", re.I)


def build_header(transcript: Transcript, agenda: Agenda | None, lang: str) -> MeetingHeader:
    labels = LABELS[lang]
    name = None
    for candidate in (agenda.title if agenda else None, transcript.title):
        if candidate:
            rest = DATE.sub("", _AGENDA_WORDS.sub("", candidate)).strip(" ,.-–")
            if rest:
                name = rest
                break
    if name is None:
        title = labels["title"]
    elif re.match(r"(møte|meeting|referat|minutes)\b", name, re.I):
        title = name[0].upper() + name[1:] if name.lower().startswith(("referat", "minutes")) \
            else ("Referat fra " if lang == "nb" else "Minutes of ") + name
    else:
        title = f"{labels['title']}: {name}" if lang == "en" else f"Referat fra møte i {name}"
    date = agenda.date if agenda and agenda.date else None
    if date is None:
        head = " ".join([transcript.title or ""] + [t.text for t in transcript.turns[:15]])
        m = DATE.search(head)
        date = m.group(1) if m else None
    people = [s for s in transcript.speakers if not _GENERIC.match(s)]
    return MeetingHeader(title=title, date=date, participants=people)


def _heading(item: DraftItem) -> str:
    number = item.number.strip()
    return f"## {number}. {item.title}" if number.isdigit() else f"## {number} {item.title}"


def _bullets(bullets: Sequence[Bullet]) -> list[str]:
    return [f"- {b.text}" for b in bullets]


def render_markdown(header: MeetingHeader, items: Sequence[DraftItem], lang: str) -> str:
    labels = LABELS[lang]
    lines = [f"# {header.title}", ""]
    if header.date:
        lines += [f"{labels['date']}: {header.date}", ""]
    if header.participants:
        lines += [f"{labels['participants']}:", ""] + [f"- {p}" for p in header.participants] + [""]
    for item in items:
        lines += [_heading(item), ""]
        if item.turns is None:
            lines += [labels["missing"], ""]
            continue
        lines += [labels["summary"], ""] + (_bullets(item.bullets) or ["-"]) + [""]
        if item.decisions:
            lines += [labels["decisions"], ""] + _bullets(item.decisions) + [""]
        if item.actions:
            lines += [labels["actions"], ""] + _bullets(item.actions) + [""]
    return "\n".join(lines).rstrip() + "\n"
