"""Where each agenda item starts, for `parse_minutes`: one detector per numbering style.

Detectors run from the most to the least specific ("PS 1/26" with a Saksliste table, "Sak 3/26",
"03/25", markdown headings, "7. Title", unnumbered title lines); the first that finds items wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from index.parse_dates import find_date
from index.parse_text import BULLET, indent_of, join_wrapped, label_text

# Case codes of the Elements/ACOS portals: politisk sak, referatsak, orienteringssak, ...
# A committee's letters may stand between code and number: "PS TEK 0002/00".
_CODED = re.compile(
    r"^\s{0,4}(?P<code>PS|RS|OS|DS|FS|ES|US|MS)(?:\s+(?P<sub>[A-ZÆØÅ]{2,5}))?\s+"
    r"(?P<num>\d{1,4}/\d{2,4})(?:\s+(?P<title>\S.*))?$"
)
# The body heading of a coded item in older portal exports: "Sak nr.: 0001/00", the title on
# the next line after a "SAKSPROTOKOLL:" label.
_CASE_NR = re.compile(r"^\s{0,4}(?:Sak|SAK)\s*(?:nr\.?)?\s*:?\s*(?P<num>\d{1,4}/\d{2,4})\s*(?P<title>.*)$")
_ARCHIVE_NO = re.compile(r"^\d{2}/\d{4,6}\b")  # "98/01216": the archive's number, not a title
_RECORD_LABEL = re.compile(r"^(?:saksprotokoll|saksframlegg|sak)\s*:\s*", re.IGNORECASE)
# The portal's table of items: it has the full titles and says which numbers exist.
# "Saksliste", and with a word before it: "Offentlig saksliste", "Endelig saksliste".
AGENDA_TABLE = re.compile(r"^(?:[^\W\d_]+\s+)?(saksliste|sakliste)\s*:?$", re.IGNORECASE)
_TABLE_RIGHT_COLUMN = re.compile(r"\s{3,}")  # "Unntatt off." sits far right of the title
_EXEMPT_HEADER = re.compile(r"\bunntatt\b", re.IGNORECASE)
_WRAP_SLACK = 8  # a wrapped title starts under the title, give or take; further right is a column
# "Sak 3/26 Title", "Sak 3: Title", "SAK 12/26" (title on the next line), "## Sak 4 - Title".
_SAK = re.compile(
    r"^\s{0,4}(?:#+\s*)?(?P<num>(?:Sak|SAK)(?:\s+nr\.?)?\s+\d{1,3}(?:/\d{2,4})?)"
    r"(?:\s*[:.)–-]\s*|\s+|$)(?P<title>.*)$"
)
# "03/25 Title": a case number without a prefix; needs a capitalised title so a wrapped
# "28/25 ble vedtatt" in running text does not count.
_SLASH = re.compile(r"^\s{0,4}(?P<num>\d{1,3}/\d{2,4})(?::\s*|\s+)(?P<title>[A-ZÆØÅ«\"].*)$")
# "## 3. Title" from .md files and from docx/HTML headings (the readers write them so).
_MARKDOWN = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*$")
# "7. Title" or "7) Title" near the left margin; "1.Innherredsbyen" (no space) is a list.
_NUMBERED = re.compile(r"^\s{0,3}(?P<num>\d{1,3})[.)]\s+(?P<title>\S.*)$")
# The number inside a markdown heading: "3. Title", "Sak 3: Title", "PS 1/26 Title".
_NUMBER_IN_TEXT = re.compile(
    r"^(?P<num>(?:(?:Sak|PS|RS|OS|DS|FS)\s+)?\d{1,3}(?:/\d{2,4})?)(?:[.):]|\s+[–-])?\s+"
    r"(?P<title>\S.*)$",
    re.I,
)
# Lines that name a part of an item or of the document, never an item of their own.
SECTION_LABELS = re.compile(
    r"^(behandling|vedtak|innstilling|forslag til vedtak|oppsummering.*|konklusjon(er)?|"
    r"decision|resolved|resolution|discussion|conclusions?|summary|saksliste|sakliste|"
    r"dagsorden|agenda|sakskart|vedlegg|innhold|deltakere|til stede|forfall|present|"
    r"attendees|apologies|participants)\s*:?$",
    re.IGNORECASE,
)
_MAX_HEADING = 120  # longer lines are sentences, not headings


@dataclass
class Heading:
    start: int  # first line of the heading
    end: int  # line after the heading (titles may wrap)
    number: str
    title: str
    # The Saksliste's "Unntatt off." cell: why the item is kept from the public copy.
    exempt: str | None = None


def find_headings(lines: list[str]) -> tuple[list[Heading], list[str]]:
    """Item headings of the first layout that fits, plus warnings about what did not match."""
    coded, warnings = _coded_headings(lines)
    if coded:
        return coded, warnings
    detectors: list[tuple[Callable[[list[str]], list[Heading]], int]] = [
        (_sak_headings, 1), (_slash_headings, 2), (_markdown_headings, 1),
        (_numbered_headings, 2), (_unnumbered_headings, 2),
    ]  # fmt: skip
    for detect, minimum in detectors:
        headings = detect(lines)
        if len(headings) >= minimum:
            return headings, []
    return [], []


def _squash(text: str) -> str:
    """Compare titles across different line wraps: no whitespace, no case."""
    return "".join(text.split()).lower()


def _coded_headings(lines: list[str]) -> tuple[list[Heading], list[str]]:
    """Headings like "PS 1/26 Title", matched against the Saksliste table when there is one."""
    table = _agenda_table(lines)
    if table is None:
        return _coded_without_table(lines), []
    rows, position = table
    entries = [(number, title) for number, title, _ in rows]
    found: list[Heading | None] = []
    for number, title, exempt in rows:
        heading = _find_coded_heading(lines, position, number, title)
        if heading:
            heading.exempt = exempt
        found.append(heading)
        position = heading.end if heading else position
    if not any(found):
        return [], []
    # An item in the table without a heading in the text still was on the agenda: keep it,
    # with an empty body placed where the next found heading starts.
    headings: list[Heading] = []
    warnings: list[str] = []
    for k, ((number, title), heading) in enumerate(zip(entries, found, strict=True)):
        if heading is None:
            warnings.append(f"{number} is in the Saksliste but has no heading in the text")
            at = next((h.start for h in found[k + 1 :] if h), len(lines))
            heading = Heading(at, at, number, title, rows[k][2])
        headings.append(heading)
    return headings, warnings


def _coded_without_table(lines: list[str]) -> list[Heading]:
    """No Saksliste: trust the headings, keeping the last of repeated numbers (the first
    may be a table of contents)."""
    by_number: dict[str, Heading] = {}
    for i, line in enumerate(lines):
        match = _CODED.match(line)
        if match and match["title"] and _title_like(match["title"]):
            number = _code(match)
            by_number[number] = Heading(i, i + 1, number, match["title"].strip())
    return sorted(by_number.values(), key=lambda h: h.start)


def _agenda_table(lines: list[str]) -> tuple[list[tuple[str, str, str | None]], int] | None:
    """The Saksliste rows (number, full title, what its far right column says: the
    "Unntatt off." basis, wrapped or not) and the line after the table."""
    start = next((i for i, line in enumerate(lines) if AGENDA_TABLE.match(line.strip())), None)
    if start is None:
        return None
    rows: list[list[str]] = []
    end = len(lines)
    title_at = 0  # where the last row's title begins
    for i in range(start + 1, len(lines)):
        line = lines[i]
        match = _CODED.match(line)
        if match and match["title"]:
            title, *right = _TABLE_RIGHT_COLUMN.split(match["title"].strip())
            rows.append([_code(match), title, " ".join(right)])
            title_at = match.start("title")
        elif rows and line.strip() and indent_of(line) > title_at + _WRAP_SLACK:
            # The far right column wrapped ("Unntatt off.": "jf. Fvl. §"): no title.
            rows[-1][2] = " ".join(filter(None, (rows[-1][2], line.strip())))
        elif rows and line.strip() and indent_of(line) >= 4:  # a wrapped title
            title, *right = _TABLE_RIGHT_COLUMN.split(line.strip())
            rows[-1][1] = join_wrapped(rows[-1][1], title)
            rows[-1][2] = " ".join(filter(None, (rows[-1][2], *right)))
        elif rows and line.strip() and (_new_row(_next_text(lines, i + 1), rows)
                                        or _title_due(line, rows)):
            # A row's second line, and the table goes on. After an archive number and a
            # status ("98/01216 Innstilling vedtatt") it is the title; else a wrapped title.
            text = _RECORD_LABEL.sub("", line.strip())
            rows[-1][1] = text if _ARCHIVE_NO.match(rows[-1][1]) else join_wrapped(rows[-1][1], text)
        elif rows and not line.strip() and _table_goes_on(lines, i + 1, rows):
            continue  # rows set apart by blank lines; a number seen before is the body's
        elif rows:
            end = i
            break
        elif i - start > 6:  # a table header is a few lines; this is no table
            return None
    # The far right column is kept only under a header that names it "Unntatt off.".
    exempting = any(_EXEMPT_HEADER.search(line) for line in lines[start:start + 4])
    return ([(number, title, right if exempting and right else None)
             for number, title, right in rows], end) if rows else None


def _code(match: re.Match[str]) -> str:
    return " ".join(p for p in (match["code"], match["sub"], match["num"]) if p)


def _new_row(line: str, rows: list[list[str]]) -> bool:
    match = _CODED.match(line)
    return match is not None and _code(match) not in {row[0] for row in rows}


def _next_text(lines: list[str], start: int) -> str:
    return next((line for line in lines[start:] if line.strip()), "")


def _table_goes_on(lines: list[str], start: int, rows: list[list[str]]) -> bool:
    """After a blank line: a new row next, or a row's second line and then a new row."""
    ahead = [line for line in lines[start:start + 8] if line.strip()][:2]
    return bool(ahead) and (_new_row(ahead[0], rows) or _title_due(ahead[0], rows) or (
        len(ahead) == 2 and not _CODED.match(ahead[0]) and _new_row(ahead[1], rows)))


def _title_due(line: str, rows: list[list[str]]) -> bool:
    """The last row held an archive number and a status; a labelled title line follows."""
    return bool(_ARCHIVE_NO.match(rows[-1][1]) and _RECORD_LABEL.match(line.strip()))


def case_key(number: str) -> str:
    """"2/2026", "02/26", "0002/26" and "2/26" are the same case number."""
    case, _, year = number.partition("/")
    return f"{case.lstrip('0') or '0'}/{year[-2:]}" if year else case.lstrip("0") or "0"


def _find_coded_heading(lines: list[str], start: int, number: str, title: str) -> Heading | None:
    num = number.split()[-1]
    want = _squash(title)
    for i in range(start, len(lines)):
        match = _CODED.match(lines[i])
        if not match or _code(match) != number:
            continue
        text = (match["title"] or "").strip()
        if not want.startswith(_squash(text)[:12]):
            continue
        end = i + 1
        # The heading wraps like the table did: take lines while they continue the title.
        while end < len(lines) and _squash(text) != want and lines[end].strip():
            longer = join_wrapped(text, lines[end])
            if not want.startswith(_squash(longer)):
                break
            text, end = longer, end + 1
        return Heading(i, end, number, text if _squash(text) == want else title)
    # The body may word the title differently from the table: take the number alone.
    for i in range(start, len(lines)):
        match = _CODED.match(lines[i])
        if match and _code(match) == number and _title_like(match["title"] or ""):
            return Heading(i, i + 1, number, title)
    # Or head the item "Sak nr.: 0001/00", the title on its own line: the table's number
    # (as the agenda writes it) with the body's title.
    for i in range(start, len(lines)):
        match = _CASE_NR.match(lines[i])
        if match and case_key(match["num"]) == case_key(num):
            text, end = match["title"].strip(), i + 1
            if not text:
                nxt = next((j for j in range(i + 1, min(i + 4, len(lines))) if lines[j].strip()),
                           None)
                if nxt is not None and not SECTION_LABELS.match(label_text(lines[nxt])):
                    text, end = lines[nxt].strip(), nxt + 1
            text = _RECORD_LABEL.sub("", text).strip()
            return Heading(i, end, number, text if _title_like(text) else title)
    return None


def _title_like(text: str) -> bool:
    text = text.strip()
    return bool(text) and (text[0].isupper() or text[0].isdigit() or text[0] in "«\"") and (
        len(text) <= _MAX_HEADING
    )


def _sak_headings(lines: list[str]) -> list[Heading]:
    headings = []
    for i, line in enumerate(lines):
        match = _SAK.match(line)
        if not match:
            continue
        number, title = " ".join(match["num"].split()), match["title"].strip().strip("*").strip()
        end = i + 1
        if not title:  # "Sak 12/26" alone: the title is the next line
            nxt = next((j for j in range(i + 1, min(i + 3, len(lines))) if lines[j].strip()), None)
            if nxt is not None and _title_like(lines[nxt]) and not SECTION_LABELS.match(
                label_text(lines[nxt])
            ):
                title, end = lines[nxt].strip(), nxt + 1
        if title and _title_like(title):
            headings.append(Heading(i, end, number, title))
    return headings


def _slash_headings(lines: list[str]) -> list[Heading]:
    return [
        Heading(i, i + 1, m["num"], m["title"].strip())
        for i, line in enumerate(lines)
        if (m := _SLASH.match(line)) and _title_like(m["title"])
    ]


def _markdown_headings(lines: list[str]) -> list[Heading]:
    found = [(i, m) for i, line in enumerate(lines) if (m := _MARKDOWN.match(line))]
    first_text = next((i for i, line in enumerate(lines) if line.strip()), -1)
    candidates = [
        (i, len(m["hashes"]), m["text"].strip("* "))
        for i, m in found
        if i != first_text and not SECTION_LABELS.match(label_text(m["text"]))
    ]
    if not candidates:
        return []
    level = min(lvl for _, lvl, _ in candidates)  # the outermost level left is the items'
    headings = []
    for i, lvl, text in candidates:
        if lvl != level:
            continue
        numbered = _NUMBER_IN_TEXT.match(text)
        if numbered:
            headings.append(Heading(i, i + 1, " ".join(numbered["num"].split()), numbered["title"]))
        else:
            headings.append(Heading(i, i + 1, str(len(headings) + 1), text))
    return headings


def _numbered_headings(lines: list[str]) -> list[Heading]:
    """The longest run of "N. Title" lines numbered N, N+1, N+2, ...: lists inside an item
    restart at 1 and so cannot join the run, and "16. april 2026" is not a title."""
    candidates = [
        (i, int(m["num"]), m)
        for i, line in enumerate(lines)
        if (m := _NUMBERED.match(line))
        and _title_like(m["title"])
        and not _starts_with_date(line)
    ]
    # From the back: each candidate's run continues at the nearest later N+1, so one pass
    # gives every run's length (linear, even for documents full of numbered lists).
    following: list[int | None] = [None] * len(candidates)
    length = [1] * len(candidates)
    nearest: dict[int, int] = {}  # number -> index of its nearest candidate further down
    for k in range(len(candidates) - 1, -1, -1):
        nxt = nearest.get(candidates[k][1] + 1)
        if nxt is not None:
            following[k], length[k] = nxt, 1 + length[nxt]
        nearest[candidates[k][1]] = k
    headings: list[Heading] = []
    at: int | None = max(range(len(candidates)), key=lambda j: length[j], default=None)
    while at is not None:
        i, _, match = candidates[at]
        headings.append(Heading(i, i + 1, match["num"], match["title"].strip()))
        at = following[at]
    return headings


def _starts_with_date(line: str) -> bool:
    hit = find_date(line, default_year=2000)
    return hit is not None and hit[1][0] <= indent_of(line)


def _unnumbered_headings(lines: list[str]) -> list[Heading]:
    """Short title-like lines that open a paragraph: "Økonomi", "Dugnad på banen"."""
    headings: list[Heading] = []
    title_line = next((i for i, line in enumerate(lines) if line.strip()), -1)
    for i, line in enumerate(lines):
        text = line.strip()
        if i == title_line or not (0 < len(text) <= 70 and indent_of(line) <= 3 and text[0].isupper()):
            continue
        if text[-1] in ".,;:!" or ":" in text or BULLET.match(line) or SECTION_LABELS.match(text):
            continue
        before_blank = i == 0 or not lines[i - 1].strip()
        after = next((j for j in range(i + 1, min(i + 3, len(lines))) if lines[j].strip()), None)
        if before_blank and after is not None and len(lines[after].strip()) > len(text):
            headings.append(Heading(i, i + 1, str(len(headings) + 1), text))
    return headings
