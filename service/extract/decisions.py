"""An agenda item → its decision and status, from the Vedtak/"Godkjennes" text or, when
that is empty, from how the treatment ended ("Ordfører motsatte seg å fatte vedtak").
"""

from __future__ import annotations

import re

from index.models import AgendaItem
from service.extract.schema import Decision
from service.sentences import sentences, units

_NOT_TREATED = re.compile(
    r"motsatte\s+seg\s+å\s+(?:fatte\s+vedtak|behandle)|\bikke\s+(?:ble\s+)?(?:real)?behandlet"
    r"|\bsaken\s+(?:ble\s+)?(?:trukket|trekkes)|\bsaken\s+utgår", re.I)
_POSTPONED = re.compile(
    r"\b(?:saken|behandlingen)\s+(?:ble\s+)?(?:utsatt|utsettes)|\b(?:utsettes|utsatt)\s+til\b"
    r"|^(?:utsatt|utsettes)\b|\bsaken\s+(?:ble\s+)?(?:sendes|sendt)\s+tilbake", re.I)
_NOTED = re.compile(r"\b(?:tas|tatt|tok|taes)\b[^.]{0,40}?\btil\s+(?:orientering|etterretning)"
                    r"|^til\s+orientering\b", re.I)
_APPROVED = re.compile(r"\bgodkjen(?:nes|t|ner|te)\b", re.I)
_REJECTED = re.compile(r"^(?:forslaget|innstillingen|saken)\s+(?:ble\s+)?(?:ikke\s+vedtatt|falt"
                       r"|forkastet|avvist)", re.I)
_ADOPTED_IN_BODY = re.compile(
    r"\bdermed\s+ble\s+(?:innstillingen|forslaget|forslag\s+\d+)\s+vedtatt|\benstemmig\s+vedtatt"
    r"|\b(?:innstillingen|forslaget)\s+ble\s+(?:enstemmig\s+)?vedtatt|\bble\s+enighet\s+om", re.I)
_REJECTED_IN_BODY = re.compile(
    r"\bdermed\s+ble\s+(?:innstillingen|forslaget)\s+ikke\s+vedtatt|\b(?:innstillingen|forslaget)\s+falt",
    re.I)
_INLINE = re.compile(r"^[ \t]*(?:vedtak|konklusjon|beslutning)[ \t]*:[ \t]*(?P<rest>.*(?:\n[ \t]*\S.*)*)",
                     re.I | re.M)
# When the decision field is empty, how the treatment ended decides the status.
_BODY_SIGNALS = (
    (_NOT_TREATED, "ikke behandlet"), (_POSTPONED, "utsatt"), (_NOTED, "tatt til orientering"),
    (_ADOPTED_IN_BODY, "vedtatt"), (_REJECTED_IN_BODY, "ikke vedtatt"),
)
NO_FOLLOW_UP = {"ikke behandlet", "utsatt", "ikke vedtatt"}
EVIDENCE_CHARS = 300


def decision_text(item: AgendaItem) -> str | None:
    """The recorded decision: the parser's field, else an inline "Vedtak: ..." paragraph."""
    if item.decision and item.decision.strip():
        return item.decision.strip()
    inline = _INLINE.search(item.text)
    return inline["rest"].strip() if inline and inline["rest"].strip() else None


def status_of(text: str) -> str:
    words = len(text.split())
    if _NOT_TREATED.search(text):
        return "ikke behandlet"
    if _POSTPONED.search(text) and words <= 30:
        return "utsatt"
    if _NOTED.search(text):
        return "tatt til orientering"
    if _APPROVED.search(text) and words <= 12:
        return "godkjent"
    if _REJECTED.search(text):
        return "ikke vedtatt"
    return "vedtatt"


_ADOPTED_AS_PROPOSED = re.compile(
    r"^(?:enstemmig\s+)?(?:vedtatt|vedtas|godkjent)(?:\s+(?:som|i\s+tråd\s+med)\s+"
    r"(?:innstillingen|foreslått|forslaget))?\.?$|^som\s+innstillingen\.?$"
    r"|^(?:innstillingen|forslaget)\s+(?:ble\s+)?(?:enstemmig\s+)?(?:vedtatt|vedtas)\b", re.I)


def is_formulaic(text: str) -> bool:
    """"Godkjennes", "Tas til orientering": a status with nothing to follow up in it."""
    return len(text.split()) <= 12 and (
        status_of(text) in ("godkjent", "tatt til orientering") or adopts_proposal(text))


def adopts_proposal(text: str) -> bool:
    """"Enstemmig vedtatt", "Som innstillingen": what was adopted is the proposal above."""
    return bool(_ADOPTED_AS_PROPOSED.match(text.strip()))


def decide(item: AgendaItem) -> Decision | None:
    text = decision_text(item)
    if text:
        flat = re.sub(r"\s+", " ", text)
        return Decision(item=item.number, status=status_of(text),  # type: ignore[arg-type]
                        text=flat, evidence=_evidence(item, text))
    body = item.text.strip()
    if body and is_formulaic(body):  # the whole body is "Referatet godkjennes."
        return Decision(item=item.number, status=status_of(body),  # type: ignore[arg-type]
                        text=re.sub(r"\s+", " ", body), evidence=clip(body))
    for pattern, status in _BODY_SIGNALS:
        m = pattern.search(item.text)
        if m:
            sentence = _sentence_at(item.text, m.start())
            return Decision(item=item.number, status=status, text=sentence,  # type: ignore[arg-type]
                            evidence=sentence)
    return None


def _evidence(item: AgendaItem, text: str) -> str:
    """A quote long enough to check: "Vedtak: Ja" gives the line, not the bare "Ja"."""
    quote = first_sentence(text)
    if len(quote) >= 3:
        return quote
    line = next((ln for ln in item.text.splitlines() if quote and quote in ln), "")
    return clip(line) if len(line.strip()) >= 3 else clip(f"{item.title} {quote}".strip())


def first_sentence(text: str) -> str:
    first_unit = units(text)[0] if units(text) else text
    found = sentences(first_unit)
    return clip(found[0] if found else first_unit)


def clip(text: str, limit: int = EVIDENCE_CHARS) -> str:
    """Shorten at a word boundary; a prefix of a quote is still a verbatim quote."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0]


def _sentence_at(text: str, pos: int) -> str:
    start = max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos)) + 1
    end_dot = text.find(".", pos)
    end = end_dot + 1 if end_dot >= 0 else len(text)
    return clip(text[start:end])
