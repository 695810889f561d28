"""One agenda item's body for `parse_minutes`: its text, conclusions, decision and round-table reports.

Conclusions are the bullets under "Oppsummering av innspill og konklusjon:" (or under
"Behandling" in the Steinkjer protocols); the decision is what follows "Vedtak" / "Decision:".
"""

from __future__ import annotations

import re

from index.models import AgendaItem, RoundTableReport
from index.parse_items import Heading
from index.parse_text import BULLET, bullets, indent_of, label_text, reflow, tidy

# Steinkjer's "Formannskaps behandling av sak 1/2026 i møte den 29.01.2026:" says nothing
# the heading does not.
_BOILERPLATE = re.compile(
    r"^\s*\S+\s+behandling\s+av\s+sak\s+\d+/\d{2,4}\s+i\s+møte\s+den\s+[\d.]+:?\s*$", re.I
)
# Page furniture that pdftotext leaves between the lines of an item.
_PAGE_NUMBER = re.compile(r"^\s*(?:side|page)\s+\d+\s+(?:av|of)\s+\d+\s*$", re.I)
# "Vedtak" alone, or "Vedtak: text"; "Vedtak i styresak ..." is running text, not a label.
_DECISION_LABEL = re.compile(
    r"^(?:vedtak|decisions?|resolved|resolution|beslutning)\s*(?::\s*(?P<inline>.*))?$", re.I
)
# The line whose bullets are the item's conclusions; Steinkjer's "Behandling" plays that role.
_CONCLUSION_LABEL = re.compile(
    r"^(?:oppsummering(?:\s+av\s+innspill)?(?:\s+og\s+konklusjon(?:er)?)?|konklusjon(?:er)?|"
    r"conclusions?|summary(?:\s+of\s+discussion)?(?:\s+and\s+conclusions?)?|outcome|"
    r"discussion|behandling)\s*:?$",
    re.I,
)
# Other labelled parts ("Oppfølging:" in summaries rendered by `service.summarize`) end a
# decision or conclusion block without belonging to it.
_OTHER_LABEL = re.compile(
    r"^(?:oppfølging|oppfølgingspunkter|action\s+items|actions)\s*:?$",
    re.I,
)
# An item whose whole outcome is one word on its own line: "Godkjennes".
_STANDALONE_DECISION = re.compile(
    r"^(?:godkjen(?:nes|t|tes)|(?:enstemmig\s+)?vedtatt|ta[st]\s+til\s+orientering|"
    r"approved|agreed|noted)\.?$",
    re.I,
)
# Items whose body is a report per member or sub-region.
_ROUND_TABLE = re.compile(r"rundt\s+bordet|round[- ](?:the[- ])?table|tour\s+de\s+table", re.I)
_MAX_REGION = 80  # "Samarbeidsrådet for Nedre Romerike (SNR):" fits; a paragraph does not


def build_item(heading: Heading, body: list[str]) -> AgendaItem:
    body = [line for line in body if not (_BOILERPLATE.match(line) or _PAGE_NUMBER.match(line))]
    parts = _labelled_parts(body)
    return AgendaItem(
        number=heading.number,
        title=heading.title,
        text=tidy(body),
        conclusions=[b for kind, lines in parts if kind == "conclusion" for b in bullets(lines)],
        decision=_decision(parts, body),
        reports=_reports(body) if _ROUND_TABLE.search(heading.title) else [],
        exempt=heading.exempt,
    )


def _labelled_parts(body: list[str]) -> list[tuple[str, list[str]]]:
    """Split the body at its labels into ("text" | "conclusion" | "decision", lines)."""
    parts: list[tuple[str, list[str]]] = [("text", [])]
    for line in body:
        text = label_text(line)
        decision = _DECISION_LABEL.match(text)
        if decision:
            parts.append(("decision", [decision["inline"]] if decision["inline"] else []))
        elif _CONCLUSION_LABEL.match(text):
            parts.append(("conclusion", []))
        elif _OTHER_LABEL.match(text):
            parts.append(("text", [line]))
        else:
            parts[-1][1].append(line)
    return parts


def _decision(parts: list[tuple[str, list[str]]], body: list[str]) -> str | None:
    labelled = [lines for kind, lines in parts if kind == "decision"]
    if labelled:
        return reflow(labelled[-1]) or None  # the last "Vedtak" is the one that stands
    for line in body:
        if _STANDALONE_DECISION.match(line.strip()):
            return line.strip()
    return None


def _reports(body: list[str]) -> list[RoundTableReport]:
    """Per-region reports: a short line ("Gjøvikregionen IPR:") with bullets under it."""
    starts = [i for i in range(len(body)) if _is_region_heading(body, i)]
    if not starts:
        return []
    reports = []
    for start, end in zip(starts, [*starts[1:], len(body)], strict=True):
        region = body[start].strip().rstrip(":").strip()
        reports.append(RoundTableReport(region=region, text=tidy(body[start + 1 : end])))
    return reports


def _is_region_heading(body: list[str], i: int) -> bool:
    text = body[i].strip()
    if not text or len(text) > _MAX_REGION or indent_of(body[i]) > 3 or BULLET.match(body[i]):
        return False
    if text.endswith((".", ",", ";")):
        return False
    following = next((body[j] for j in range(i + 1, len(body)) if body[j].strip()), "")
    return bool(BULLET.match(following))
