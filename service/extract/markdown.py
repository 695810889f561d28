"""An extraction → a Markdown to-do list a secretary can paste into the next agenda
("Oppfølging fra forrige møte"), with decisions and the next board meeting after it.
"""

from __future__ import annotations

from service.extract.schema import ExtractResponse


def render_markdown(result: ExtractResponse, *, heading: str | None = None) -> str:
    lines = [f"## {heading or 'Oppfølging fra forrige møte'}", ""]
    if not result.action_items:
        lines.append("_Ingen oppfølgingspunkter funnet._")
    for a in result.action_items:
        owner = f"**{a.owner}**: " if a.owner else ""
        due = f" (frist: {a.due})" if a.due else ""
        lines.append(f"- [ ] {owner}{_sentence(a.task)}{due} _(sak {a.item})_")
    if result.decisions:
        lines += ["", "### Vedtak", ""]
        lines += [f"- Sak {d.item}: {d.status}" + (f" – {_short(d.text)}" if d.text else "")
                  for d in result.decisions]
    board = result.board_meeting
    if board or result.board_proposals:
        when = ", ".join(x for x in (board.date, board.time and f"kl. {board.time}", board.place)
                         if x) if board else ""
        lines += ["", f"### Saker til neste styremøte{f' ({when})' if when else ''}", ""]
        for p in result.board_proposals:
            kind = f" ({p.kind})" if p.kind else ""
            lines.append(f"{p.number}. {p.title}{kind}")
    if result.dropped:
        lines += ["", f"_{result.dropped} punkt(er) utelatt fordi sitatet ikke fantes i referatet._"]
    return "\n".join(lines) + "\n"


def _sentence(task: str) -> str:
    task = task.strip()
    return task[:1].upper() + task[1:]


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
