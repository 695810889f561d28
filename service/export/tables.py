"""Rows shared by the Word and markdown renderings, so both exports carry the same facts."""

from __future__ import annotations

from dataclasses import dataclass

from service.extract.dates import resolve_due
from service.summarize.schema import DraftItem


@dataclass(frozen=True)
class ActionRow:
    who: str
    what: str
    due: str
    item: str


def draft_actions(items: list[DraftItem]) -> list[ActionRow]:
    """A transcript names no owner field: the committing speaker is the best "who"."""
    return [ActionRow(who=b.speaker or "", what=b.text,
                      due=resolve_due(b.text, meeting_date=None) or "", item=i.number)
            for i in items for b in i.actions]


def clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"
