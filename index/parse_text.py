"""Line-level helpers for `parse_minutes`: bullets, wrapped lines and tidy blocks of text.

Minutes arrive as `pdftotext -layout` output, Word paragraphs or hand-typed text, so a
"paragraph" may be wrapped at any column and a bullet may be "-", "•", "o", "▪" or "·".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A list entry: a bullet glyph, or a number like "1." / "2)" (followed by a space, so
# "1.Innherredsbyen" and dates like "29.01.2026" are not list entries). "o" is the Word
# symbol-font bullet as pdftotext renders it.
BULLET = re.compile(r"^(?P<indent>\s*)(?P<marker>[-–•▪◦·*o]|\d{1,2}[.)])\s+(?P<text>\S.*)$")
# "- o Pågående ..." : a dash bullet wrapping a symbol bullet; the inner glyph is noise.
_INNER_MARKER = re.compile(r"^[o•▪◦·]\s+")
# A line that ends a sentence or introduces something; the next line at the same indent
# is then a new paragraph rather than the wrapped rest of this one.
_ENDS_SENTENCE = re.compile(r"[.!?:;»\"”)]$")
# "Vedlegg:" opens a list of attachments; the list follows or sits after the colon.
ATTACHMENTS_LABEL = re.compile(
    r"^(?:vedlegg|attachments|enclosures)\s*(?::\s*(?P<inline>.*))?$", re.IGNORECASE
)
# Markdown and bold decorations around a label ("### Vedtak", "**Vedtak:**").
_DECORATION = re.compile(r"^#+\s*|\*\*|__")


@dataclass
class Block:
    kind: str  # "bullet" or "para"
    text: str
    level: int = 0  # nesting depth of a bullet
    numbered: bool = False


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip())


def label_text(line: str) -> str:
    """The bare text of a line, for matching labels like "Vedtak" or "Deltakere:"."""
    return _DECORATION.sub("", line.strip()).strip()


def join_wrapped(head: str, tail: str) -> str:
    """Join a wrapped line: "Krogstad-" + "Wiborg" is one word, anything else gets a space."""
    head, tail = head.rstrip(), tail.strip()
    if not head:
        return tail
    if len(head) > 1 and head.endswith("-") and head[-2].isalnum() and tail[:1].isalnum():
        return head + tail
    return head + " " + tail


def collapse_ws(text: str) -> str:
    return " ".join(text.split())


def tidy(lines: list[str]) -> str:
    """A block of lines as text: common indentation removed, blank runs collapsed."""
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    if not lines:
        return ""
    margin = min(indent_of(line) for line in lines if line.strip())
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1]):
            out.append(line[margin:].rstrip() if line.strip() else "")
    return "\n".join(out)


def blocks(lines: list[str]) -> list[Block]:
    """Group lines into paragraphs and (nested) bullets, joining wrapped lines."""
    result: list[Block] = []
    current: Block | None = None
    marker_indent = 0
    prev_line = ""
    levels: list[int] = []  # indents of the open bullet levels, outermost first
    for line in lines:
        if not line.strip():
            current, prev_line = None, ""
            continue
        match = BULLET.match(line)
        if match:
            marker_indent = len(match["indent"])
            while levels and marker_indent < levels[-1] - 2:
                levels.pop()
            if not levels or marker_indent > levels[-1] + 2:
                levels.append(marker_indent)
            numbered = match["marker"][0].isdigit()
            text = match["text"] if not numbered else f"{match['marker']} {match['text']}"
            current = Block("bullet", _INNER_MARKER.sub("", text), len(levels) - 1, numbered)
            result.append(current)
        elif current is not None and _continues(current, line, marker_indent, prev_line):
            current.text = join_wrapped(current.text, line)
        else:
            levels = []
            current = Block("para", line.strip())
            result.append(current)
        prev_line = line
    return result


def _continues(current: Block, line: str, marker_indent: int, prev_line: str) -> bool:
    if current.kind == "para":
        return True
    # A wrapped bullet is indented past its glyph; pdftotext sometimes puts the rest at
    # the glyph's column, which we accept only while the sentence is unfinished.
    if indent_of(line) > marker_indent:
        return True
    if indent_of(line) != marker_indent:
        return False
    open_quote = current.text.count("«") > current.text.count("»")  # a quote runs on
    return open_quote or not _ENDS_SENTENCE.search(prev_line.rstrip())


def bullets(lines: list[str]) -> list[str]:
    """The text of every bullet (at any depth) in `lines`, wrapped lines joined."""
    return [block.text for block in blocks(lines) if block.kind == "bullet"]


def reflow(lines: list[str]) -> str:
    """Prose for a decision: wrapped lines joined, one line per paragraph or bullet."""
    out = []
    for block in blocks(lines):
        if block.kind == "bullet" and not block.numbered:
            out.append("  " * block.level + "- " + block.text)
        else:
            out.append(block.text)
    return "\n".join(out)
