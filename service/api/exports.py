"""Export endpoints: a meeting's follow-up and a draft of minutes as .docx or markdown.

GET  /v1/meetings/{id}/export?format=docx|markdown&lang=nb|en
POST /v1/summaries/export?format=docx|markdown   body: the JSON POST /v1/summaries returned
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from service.api.deps import get_services
from service.export.draft import draft_docx, draft_markdown
from service.export.meeting import meeting_docx, meeting_markdown
from service.meeting_detail import meeting_detail
from service.summarize.schema import SummaryResponse
from service.wiring import Services

router = APIRouter(tags=["exports"])

Format = Literal["docx", "markdown"]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_FILES: dict[int | str, dict[str, Any]] = {200: {"content": {DOCX: {}, "text/markdown": {}},
                "description": "the document, as an attachment"}}


def _file(content: bytes | str, *, fmt: Format, stem: str) -> Response:
    # Header values are latin-1: keep the name ASCII so "møte" cannot break the download.
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-") or "referat"
    ext, media = ("docx", DOCX) if fmt == "docx" else ("md", "text/markdown; charset=utf-8")
    return Response(content=content, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}.{ext}"'})


@router.get("/v1/meetings/{meeting_id}/export", responses=_FILES, response_class=Response)
def export_meeting(
    meeting_id: str, format: Annotated[Format, Query(description="docx or markdown")] = "docx",
    lang: Annotated[Literal["nb", "en"], Query(description="language of the headings")] = "nb",
    services: Services = Depends(get_services),
) -> Response:
    """Action items (a who / what / by when / item table), decisions and board proposals."""
    detail = meeting_detail(meeting_id, services=services)
    content = meeting_docx(detail, lang=lang) if format == "docx" \
        else meeting_markdown(detail, lang=lang)
    return _file(content, fmt=format, stem=f"oppfolging-{meeting_id}")


@router.post("/v1/summaries/export", responses=_FILES, response_class=Response)
def export_draft(
    draft: SummaryResponse,
    format: Annotated[Format, Query(description="docx or markdown")] = "docx",
) -> Response:
    """A draft from POST /v1/summaries: headings per item, bullets with their source lines,
    and an action table."""
    content = draft_docx(draft) if format == "docx" else draft_markdown(draft)
    return _file(content, fmt=format, stem="utkast-referat")
