"""A draft of minutes from a transcript as a document: the header, the overview, each
agenda item's bullets with the transcript lines they came from, decisions and an action
table, in Word and markdown. The markdown is the summarizer's own, which parse_minutes
reads back.
"""

from __future__ import annotations

from service.export import word
from service.export.labels import labels
from service.export.tables import clock, draft_actions
from service.summarize.render import LABELS as DRAFT_LABELS
from service.summarize.schema import Bullet, DraftItem, SummaryResponse


def _heading(item: DraftItem) -> str:
    number = item.number.strip()
    return f"{number}. {item.title}" if number.isdigit() else f"{number} {item.title}"


def _source(b: Bullet, draft: SummaryResponse) -> str:
    """Where a bullet came from: the first line's speaker and time, so a reader can check."""
    by_index = {t.index: t for t in draft.turns}
    first, last = by_index.get(b.turns[0]), by_index.get(b.turns[1])
    if first is None:
        return ""
    when = clock(first.start)
    if last is not None and last.end is not None and last.index != first.index:
        when += f"–{clock(last.end)}"
    return ", ".join(x for x in (first.speaker, when) if x)


def _line(b: Bullet, draft: SummaryResponse) -> str:
    source = _source(b, draft)
    return f"{b.text} [{source}]" if source else b.text


def draft_docx(draft: SummaryResponse) -> bytes:
    t, d = labels(draft.language), DRAFT_LABELS[draft.language]
    doc = word.new_document(draft.header.title)
    word.paragraph(doc, t["draft_note"], italic=True)
    if draft.header.date:
        word.paragraph(doc, f"{t['date']}: {draft.header.date}")
    if draft.header.participants:
        word.heading(doc, t["participants"], level=1)
        word.bullets(doc, draft.header.participants)
    if draft.summary:
        word.heading(doc, t["overview"], level=1)
        word.paragraph(doc, draft.summary)
    for item in draft.items:
        word.heading(doc, _heading(item), level=1)
        if item.turns is None:
            word.paragraph(doc, t["missing"])
            continue
        word.heading(doc, t["summary"], level=2)
        word.bullets(doc, [_line(b, draft) for b in item.bullets] or ["–"])
        if item.decisions:
            word.heading(doc, d["decisions"].rstrip(":"), level=2)
            word.bullets(doc, [_line(b, draft) for b in item.decisions])
    rows = draft_actions(draft.items)
    word.heading(doc, t["actions"], level=1)
    if rows:
        word.action_table(doc, rows, (t["who"], t["what"], t["due"], t["item"]))
    else:
        word.paragraph(doc, t["none"])
    return word.to_bytes(doc)


def draft_markdown(draft: SummaryResponse) -> str:
    """The summarizer's markdown, with the overview under the title as plain text: a heading
    of its own would read back as one more agenda item."""
    if not draft.summary.strip():
        return draft.markdown
    title, _, rest = draft.markdown.partition("\n")
    overview = f"_{labels(draft.language)['overview']}:_ {draft.summary.strip()}"
    return f"{title}\n\n{overview}\n{rest}"
