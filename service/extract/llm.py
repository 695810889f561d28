"""The model path: per batch of agenda items, render prompt → model (structured output) →
validate → one re-ask with the error → else `ModelOutputInvalid` with the raw output.

Batches keep whole items together up to a character budget, so short minutes take one
call and long ones several; flow.py merges the results and checks the evidence.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass

from pydantic import ValidationError

from index.models import Meeting
from service.errors import ModelOutputInvalid
from service.extract.rules import agenda
from service.extract.schema import Extraction, model_output_schema
from service.llm import LLM, Message
from service.prompts import render

log = logging.getLogger("referat.extract")
BATCH_CHARS = 8000  # per call; an item longer than this goes alone, whole


@dataclass(frozen=True)
class Section:
    number: str
    title: str
    text: str


class _Invalid(ValueError):
    pass


def extract_with_llm(meeting: Meeting, llm: LLM, *, batch_chars: int = BATCH_CHARS) -> tuple[Extraction, str]:
    """All batches' results merged, and the prompt hash behind them."""
    merged = Extraction()
    prompt_hash = ""
    for batch in batches(sections(meeting), batch_chars=batch_chars):
        result, prompt_hash = _extract_batch(batch, meeting, llm)
        merged.action_items += result.action_items
        merged.decisions += result.decisions
    return merged, prompt_hash


def sections(meeting: Meeting) -> list[Section]:
    """Agenda items, plus board-meeting proposals that carry a note (they can hold tasks)."""
    out = []
    for item in agenda(meeting):
        text = item.text
        if item.decision and item.decision.strip() not in text:
            text = f"{text}\nVedtak: {item.decision}"
        out.append(Section(item.number, item.title, text))
    board = meeting.board_meeting
    if board is not None:
        when = f"sak til styremøtet {board.date or ''}".strip()
        out += [Section(p.number, f"{p.title} ({when})", p.note) for p in board.proposals if p.note]
    return out


def batches(items: list[Section], *, batch_chars: int) -> list[list[Section]]:
    out: list[list[Section]] = []
    size = 0
    for section in items:
        length = len(section.text) + len(section.title)
        if out and size + length <= batch_chars:
            out[-1].append(section)
            size += length
        else:
            out.append([section])
            size = length
    return out


def _extract_batch(batch: list[Section], meeting: Meeting, llm: LLM) -> tuple[Extraction, str]:
    numbers = [s.number for s in batch]
    schema = model_output_schema(numbers)
    board = meeting.board_meeting
    messages, prompt_hash = render(
        "extract", schema=json.dumps(schema, ensure_ascii=False),
        meeting_title=meeting.title, body=meeting.body,
        meeting_date=meeting.date.isoformat() if meeting.date else "ukjent dato",
        board_date=board.date.isoformat() if board and board.date else "",
        item_numbers=_label(numbers),
        items="\n\n".join(f"### Sak {s.number or '(uten nummer)'}: {s.title}\n{s.text}" for s in batch),
    )
    raw = _call(llm, messages, schema, prompt_hash, numbers, attempt=1)
    try:
        return parse_extraction(raw, set(numbers)), prompt_hash
    except _Invalid as e:
        log.info("extract: invalid model output (%s), asking once more", e)
        repair, _ = render("extract_repair", error=str(e), item_numbers=_label(numbers))
        messages = [*messages, Message(role="assistant", content=raw), *repair]
        raw = _call(llm, messages, schema, prompt_hash, numbers, attempt=2)
        try:
            return parse_extraction(raw, set(numbers)), prompt_hash
        except _Invalid as e2:
            raise ModelOutputInvalid(
                f"the model's extraction was invalid twice: {e2}", raw=raw, attempts=2
            ) from e2


def _label(numbers: list[str]) -> str:
    return ", ".join(f'"{n}"' for n in numbers)  # "" when the minutes number no items


def _call(llm: LLM, messages: list[Message], schema: dict, prompt_hash: str,
          numbers: list[str], *, attempt: int) -> str:
    log.info("extract: model=%s prompt=%s items=%s attempt=%d", llm.model, prompt_hash,
             ",".join(numbers), attempt)
    return llm.complete(messages, json_schema=schema).text


def parse_extraction(raw: str, allowed: set[str]) -> Extraction:
    """Model text → `Extraction`, or `_Invalid` with a message fit to send back to the model."""
    text = re.sub(r"^\s*```(?:json)?\s*|\s*```\s*$", "", raw.strip())
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise _Invalid(f"not valid JSON ({e.msg} at position {e.pos})") from e
    try:
        result = Extraction.model_validate(data)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in e.errors()[:5]
        )
        raise _Invalid(f"does not match the schema ({problems})") from e
    unknown = ({a.item for a in result.action_items} | {d.item for d in result.decisions}) - allowed
    if unknown:
        raise _Invalid(f"unknown item numbers {sorted(str(u) for u in unknown)}")
    return result
