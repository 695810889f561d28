"""Minutes text → paragraphs and sentences: the units that extraction reads and that answers quote.

Joins lines a PDF wrapped, strips bullets, and leaves out proposals that were put to a
vote: only what the meeting adopted is a commitment, not what someone proposed.
"""

from __future__ import annotations

import re

_BULLET = re.compile(r"^(?:[•·▪◦●○■\-–*]|o(?=\s)|\(?\d{1,2}[.)](?=\s|[A-ZÆØÅ])|[a-z]\)(?=\s))\s*")
_LABEL = re.compile(r"^[A-ZÆØÅ][\wæøåÆØÅ/ -]{0,30}:(?:\s|$)")  # "Aktuelle tema:", "Svar:"
_HEADING = re.compile(r"^(?:behandling|vedtak|innstilling|votering|forslag|saksopplysninger)\s*:?$", re.I)
_SPLIT = re.compile(r"(?<=[.!?»])\s+(?=[«\"A-ZÆØÅ])|\s+(?=\d{1,2}\.[A-ZÆØÅ])")
_ABBREV = {"kr", "bl.a", "f.eks", "ca", "nr", "pr", "jf", "mv", "dvs", "evt", "ift", "inkl", "kl",
           "tlf", "osv", "m.m", "o.l", "ref", "iht", "ang", "vedr", "st", "v", "mht", "ev", "t.o.m"}
# "X fremmet følgende forslag:", "Innstilling:" open a proposal; a vote or a decision closes it.
# A member's proposal names who put it forward; the administration's is only labelled.
MEMBER_PROPOSAL = re.compile(
    r"\b(?:fremmet|fremmer|foreslo|foreslår)\s+(?:følgende|et\s+forslag|nytt\s+forslag)\b", re.I)
PROPOSAL_OPEN = re.compile(
    MEMBER_PROPOSAL.pattern
    + r"|^(?:innstilling|kommunedirektørens innstilling|rådmannens innstilling|forslag til vedtak"
    r"|alternativt forslag|endringsforslag|tilleggsforslag)\b",
    re.I,
)
_PROPOSAL_CLOSE = re.compile(
    r"\bstemte\b|\bvedtatt\b|\bvedtas\b|\bfalt\b|motsatte seg|\benstemmig\b|^vedtak\b|\bvotering\b"
    r"|\benighet\b",
    re.I,
)
WIDTH_HINT = 60  # a line shorter than this, followed by a capital, ended its paragraph


def units(text: str) -> list[str]:
    """Paragraphs and bullets, with wrapped lines joined and bullet marks removed."""
    return [unit for unit, _ in marked_units(text)]


def marked_units(text: str) -> list[tuple[str, int | None]]:
    """`units`, each with how far its bullet mark was indented (None: no bullet): a bullet
    indented under a line that opens a list is an entry of it, however long."""
    out: list[str] = []
    marks: list[int | None] = []
    mark: int | None = None
    current = ""
    prev_len = 0
    blank = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            blank = True
            continue
        if blank and not _continues(current, line):
            current = _flush(out, current, marks, mark)
        blank = False
        bullet = _BULLET.match(line)
        body = line[bullet.end():] if bullet else line
        starts_new = (
            bullet is not None or _HEADING.match(line) is not None
            or _LABEL.match(line) is not None and not _ends_wrapped(current, line, prev_len)
            or _HEADING.match(current) is not None
            or current.endswith((".", "!", "?", ":", ";"))
            or (prev_len < WIDTH_HINT and body[:1].isupper() and not current.endswith(","))
        )
        if current and not starts_new:
            glue = "" if current.endswith("-") and current[-2:-1].isalpha() else " "
            current = f"{current}{glue}{body}"
        else:
            current = _flush(out, current, marks, mark)
            current = body
            mark = len(raw) - len(raw.lstrip()) if bullet else None
        prev_len = len(line)
    _flush(out, current, marks, mark)
    return list(zip(out, marks, strict=True))


def _ends_wrapped(current: str, line: str, prev_len: int) -> bool:
    """A one-word line with a colon that ends a sentence wrapped from a full line before it
    ("... utbetales til pensjonistforbunda ved Pensjonistforbundet" / "Sparbu:"), not a label
    of its own."""
    return (prev_len >= WIDTH_HINT and bool(current) and not current.endswith((".", "!", "?", ":", ";"))
            and re.fullmatch(r"[A-ZÆØÅ][\wæøå-]*:", line) is not None)


def _continues(current: str, line: str) -> bool:
    """Whether a line after a blank line goes on with the sentence before it: PDF text
    extraction puts a blank line between every wrapped line of some documents ("... av
    konseptet" / "" / "med KR 350 000,- for året 2026.")."""
    if not current or current.endswith((".", "!", "?", ":", ";")) or _BULLET.match(line):
        return False
    if line[:1].islower():
        return True
    return current.endswith((",", "-", "–")) and line[:1].isdigit()


def sentences(unit: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations ("bl.a.", "kr.") whole."""
    pieces = _SPLIT.split(unit)
    merged: list[str] = []
    for piece in pieces:
        if merged and _ends_in_abbreviation(merged[-1]):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    cleaned = (_unquoted(re.sub(r"^\d{1,2}\.(?=[A-ZÆØÅ])", "", s)) for s in merged)
    return [s for s in cleaned if s]


def _unquoted(sentence: str) -> str:
    """A sentence without the quote marks around it, or left dangling by the split; a mark
    that opens or closes a quote inside it stays ("legekontor «Lege på hjul»")."""
    s = sentence.strip()
    while len(s) > 1 and s[0] in "«\"" and s[-1] in "»\"" and _balanced(s[1:-1]):
        s = s[1:-1].strip()
    if s[:1] == "«" and "»" not in s or s[:1] == "\"" and s.count("\"") == 1:
        s = s[1:]
    if s[-1:] == "»" and "«" not in s or s[-1:] == "\"" and s.count("\"") == 1:
        s = s[:-1]
    return s.strip()


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "«") - (ch == "»")
        if depth < 0:
            return False
    return depth == 0 and text.count("\"") % 2 == 0


def proposal_lines(lines: list[str]) -> set[int]:
    """Positions of the lines inside a proposal put to the meeting (a member's, or the
    administration's "Innstilling:"), from the line that opens it to the vote that settles
    it; the opening line itself too."""
    return {n for n, mark in enumerate(_proposal_marks(lines)) if mark in ("open", "inside")}


def adopted_sentences(text: str, *, keep_proposals: bool = False) -> list[str]:
    """Sentences of `text` outside proposals that were put to a vote (all of them when the
    decision says the proposal was adopted as it stood)."""
    read = units(text)
    marks = [""] * len(read) if keep_proposals else _proposal_marks(read)
    return [s for unit, mark in zip(read, marks, strict=True) if not mark for s in sentences(unit)]


def _proposal_marks(lines: list[str]) -> list[str]:
    """Each line's place in the proposals: "open" (the line that opens one), "inside", "close"
    (the vote or decision that settles it), or "" outside any."""
    marks: list[str] = []
    inside = False
    for line in lines:
        if PROPOSAL_OPEN.search(line):
            inside = True
            marks.append("open")
        elif inside and _PROPOSAL_CLOSE.search(line):
            inside = False
            marks.append("close")
        else:
            marks.append("inside" if inside else "")
    return marks


def _ends_in_abbreviation(sentence: str) -> bool:
    # "(bl.a. Follo)": the bracket or quote before it is no part of the abbreviation.
    last = sentence.rsplit(" ", 1)[-1].lower().rstrip(".").lstrip("([«\"'")
    return sentence.endswith(".") and (last in _ABBREV or len(last) == 1)


def _flush(out: list[str], current: str, marks: list[int | None], mark: int | None) -> str:
    if current.strip():
        out.append(current.strip())
        marks.append(mark)
    return ""
