"""The extraction contract: what `POST /v1/extract` returns and what the model must emit.

Field names are read by other tools; keep them. `json_schema()` exports them for clients
and for the model's structured-output request.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

Status = Literal[
    "godkjent", "vedtatt", "ikke vedtatt", "tatt til orientering", "utsatt", "ikke behandlet"
]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]


class ActionItem(BaseModel):
    owner: str | None = Field(default=None, description="Person, body or role as written, e.g. 'Sekretariatet'")
    task: str = Field(..., min_length=3, description="What is to be done, in the minutes' words")
    due: str | None = Field(
        default=None, description="ISO date when given or implied, else the words used ('neste møte'), else null"
    )
    item: str | None = Field(
        ..., description="Agenda number as written: '5', 'PS 3/26'; null when the minutes number none"
    )
    evidence: str = Field(..., min_length=3, description="Verbatim quote from the minutes")

    @field_validator("owner", "due", mode="before")
    @classmethod
    def _blank_is_none(cls, v: object) -> object:
        return None if isinstance(v, str) and not v.strip() else v


class Decision(BaseModel):
    item: str | None = Field(..., description="Agenda number as written; null when none")
    status: Status
    text: str = Field(..., description="The decision as recorded ('Godkjennes', the Vedtak text)")
    evidence: str = Field(..., min_length=3, description="Verbatim quote from the minutes")


class BoardMeeting(BaseModel):
    date: str | None = Field(default=None, description="ISO date")
    time: str | None = Field(default=None, description="As written: '14:00-16:00'")
    place: str | None = None


class BoardProposal(BaseModel):
    number: str
    title: str
    kind: Literal["orientering", "vedtak"] | None = None
    note: str | None = None


class Extraction(BaseModel):
    """What the model returns for one batch of agenda items."""

    action_items: list[ActionItem] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)


class ExtractRequest(BaseModel):
    meeting_id: str | None = Field(default=None, description="An indexed meeting")
    text: str | None = Field(default=None, description="Or the minutes' text itself")
    mode: Literal["auto", "llm", "rules"] = Field(
        default="auto", description="auto = the model when one is configured, else the offline rules"
    )


class ExtractResponse(BaseModel):
    action_items: list[ActionItem] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    board_meeting: BoardMeeting | None = None
    board_proposals: list[BoardProposal] = Field(default_factory=list)
    mode: Literal["llm", "rules"]
    dropped: int = Field(default=0, description="Items dropped because their evidence is not in the text")
    meeting_id: str | None = None
    prompt_hash: str | None = Field(default=None, description="Prompt version behind an llm-mode answer")
    fallback_reason: str | None = Field(
        default=None, description="Why the rules answered although a model is configured"
    )


def json_schema(model: type[BaseModel] = ExtractResponse) -> dict[str, Any]:
    """JSON Schema of a contract model (the whole response by default)."""
    return model.model_json_schema()


def model_output_schema(item_numbers: list[str]) -> dict[str, Any]:
    """The schema sent with a model call: `Extraction`, with `item` pinned to the batch's items."""
    schema = Extraction.model_json_schema()
    for name in ("ActionItem", "Decision"):
        schema["$defs"][name]["properties"]["item"]["enum"] = list(item_numbers)
    return schema
