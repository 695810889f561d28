"""A meeting's follow-up as a document: action items (a who/what/by when/item table),
decisions and the proposals for the next board meeting, in Word and markdown.
"""

from __future__ import annotations

from service.export import word
from service.export.labels import labels
from service.export.tables import ActionRow
from service.meeting_detail import MeetingDetail


def _title(m: MeetingDetail, lang: str) -> str:
    when = f", {m.date}" if m.date else ""
    return f"{labels(lang)['followup']}: {m.body or m.title}{when}"


def _rows(m: MeetingDetail) -> list[ActionRow]:
    return [ActionRow(who=a.owner or "", what=a.task, due=a.due or "", item=a.item or "")
            for a in m.action_items]


def _decisions(m: MeetingDetail, lang: str) -> list[str]:
    item = labels(lang)["item"]
    return [f"{item} {d.item or '–'} ({d.status}): {' '.join(d.text.split())}"
            for d in m.decisions]


def _board_heading(m: MeetingDetail, lang: str) -> str:
    b = m.board_meeting
    when = ", ".join(x for x in (b.date, b.time, b.place) if x) if b else ""
    return labels(lang)["board"] + (f" ({when})" if when else "")


def _proposals(m: MeetingDetail) -> list[str]:
    return [f"{p.number}. {p.title}" + (f" ({p.kind})" if p.kind else "")
            for p in m.board_proposals]


def meeting_docx(m: MeetingDetail, *, lang: str = "nb") -> bytes:
    t = labels(lang)
    doc = word.new_document(_title(m, lang))
    if m.title:
        word.paragraph(doc, m.title)
    word.heading(doc, t["actions"], level=1)
    rows = _rows(m)
    if rows:
        word.action_table(doc, rows, (t["who"], t["what"], t["due"], t["item"]))
    else:
        word.paragraph(doc, t["none"])
    word.heading(doc, t["decisions"], level=1)
    word.bullets(doc, _decisions(m, lang) or [t["none"]])
    if m.board_meeting or m.board_proposals:
        word.heading(doc, _board_heading(m, lang), level=1)
        word.bullets(doc, _proposals(m))  # the board's own numbers, not a list count
    return word.to_bytes(doc)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def meeting_markdown(m: MeetingDetail, *, lang: str = "nb") -> str:
    t = labels(lang)
    lines = [f"# {_title(m, lang)}", ""]
    if m.title:
        lines += [m.title, ""]
    lines += [f"## {t['actions']}", ""]
    rows = _rows(m)
    if rows:
        lines += [f"| {t['who']} | {t['what']} | {t['due']} | {t['item']} |", "| --- | --- | --- | --- |"]
        lines += [f"| {_cell(r.who)} | {_cell(r.what)} | {_cell(r.due)} | {_cell(r.item)} |"
                  for r in rows]
    else:
        lines.append(t["none"])
    lines += ["", f"## {t['decisions']}", ""]
    lines += [f"- {d}" for d in _decisions(m, lang)] or [t["none"]]
    if m.board_meeting or m.board_proposals:
        lines += ["", f"## {_board_heading(m, lang)}", ""]
        lines += [f"- {p}" for p in _proposals(m)]
    return "\n".join(lines).rstrip() + "\n"
