"""Due dates as Norwegian minutes write them, resolved against the meeting date.

An ISO date when the text gives or implies one ("før Toppforum 28. mai", "innen utgangen
av mai", "i løpet av 2026", "innen to uker"); the words when it only names a moment
("neste møte i KG", "før sommeren"); None when the sentence sets no time at all.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "desember": 12, "des": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"(?<![\d.])(\d{{1,2}})\.\s*({_MONTH})\b\.?(?:\s+(\d{{4}})\b)?", re.I)
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d.]\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# Words that make a date in the sentence a deadline rather than a reference.
_DEADLINE = re.compile(r"\b(innen|før|senest|frist|i forkant av|til og med|tidsfrist)\b", re.I)
_PERIOD_END = re.compile(
    r"\b(?:(?:innen|før|ved|til)\s+(?:utgangen|slutten)\s+av|i\s+løpet\s+av|innen)\s+"
    rf"(?P<p>{_MONTH}|året|\d{{4}}|årsskiftet|nyttår)\b(?:\s+(?P<y>\d{{4}})\b)?", re.I)
_IN_MONTH = re.compile(rf"(?<![\d.]\s)\bi\s+(?P<p>{_MONTH})\b(?:\s+(?P<y>\d{{4}})\b)?", re.I)
_PART_OF_YEAR = re.compile(
    r"\b(?:innen|i\s+løpet\s+av|(?:innen|før|ved)\s+(?:utgangen|slutten)\s+av)\s+(?P<n>første|andre"
    r"|tredje|fjerde|[1-4]\.)\s+(?P<part>kvartal|halvår)\b(?:\s+(?P<y>\d{4})\b)?", re.I)
_ORDINALS = {"første": 1, "andre": 2, "tredje": 3, "fjerde": 4, "1.": 1, "2.": 2, "3.": 3, "4.": 4}
_NUMBER_WORDS = {"en": 1, "ei": 1, "ett": 1, "én": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5,
                 "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10}
_WITHIN = re.compile(r"\binnen\s+(\d{1,2}|en|ei|ett|én|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti)"
                     r"\s+(dag|dager|uke|uker|måned|måneder)\b", re.I)
_NEXT_BOARD = re.compile(r"\bneste\s+styremøte\b", re.I)
# Moments the minutes name without a date: kept as written.
_WORDS = re.compile(
    r"\b(?:neste\s+(?:ordinære\s+)?(?:møte|styremøte)(?:\s+i\s+[A-ZÆØÅ][\w-]*)?"
    r"|(?:før|etter|over)\s+(?:sommeren|sommerferien|jul(?:a|en)?|påske(?:n)?|nyttår|høstferien)"
    r"|(?:i\s+løpet\s+av|til)\s+(?:våren|høsten|sommeren|vinteren)(?:\s+\d{4})?"
    r"|snarest(?:\s+mulig)?|så\s+snart\s+som\s+mulig|fortløpende)",
    re.I,
)


def resolve_due(
    sentence: str, *, meeting_date: dt.date | None, board_date: dt.date | None = None,
    board_section: bool = False,
) -> str | None:
    """The due date a commitment sentence gives or implies (ISO), else its words, else None."""
    if meeting_date is not None:
        for pattern in (_PERIOD_END, _PART_OF_YEAR, _IN_MONTH):
            found = pattern.search(sentence)
            end = _period_end(found, meeting_date) if found else None
            if end is not None and end >= meeting_date:  # "i mars 2025" is a reference
                return end.isoformat()
    within = _WITHIN.search(sentence)
    if within and meeting_date is not None:
        return _add_span(meeting_date, within[1], within[2]).isoformat()
    date = _deadline_date(sentence, meeting_date)
    if date:
        return date.isoformat()
    # In the board-meeting section, "på forhånd" and the like mean before that meeting.
    if board_date is not None and (board_section or _NEXT_BOARD.search(sentence)):
        return board_date.isoformat()
    words = _WORDS.search(sentence)
    if words:
        return words[0]
    undated = _DAY_MONTH.search(sentence) if meeting_date is None else None
    return undated[0].rstrip(".") if undated else None  # "28. mai" of an unknown year


def normalise_due(due: str | None, *, meeting_date: dt.date | None,
                  board_date: dt.date | None = None) -> str | None:
    """A model's `due`: kept when ISO, resolved when the words imply a date, else as given."""
    if due is None or not due.strip():
        return None
    due = due.strip()
    try:
        return dt.date.fromisoformat(due).isoformat()
    except ValueError:
        pass
    return resolve_due(due, meeting_date=meeting_date, board_date=board_date) or due


def find_dates(text: str, *, meeting_date: dt.date | None) -> list[tuple[int, dt.date]]:
    """Every explicit date in `text` with its offset; year-less ones need the meeting date."""
    found: list[tuple[int, dt.date]] = []
    for m in _ISO.finditer(text):
        _add(found, m.start(), int(m[1]), int(m[2]), int(m[3]))
    for m in _NUMERIC.finditer(text):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        _add(found, m.start(), year, int(m[2]), int(m[1]))
    for m in _DAY_MONTH.finditer(text):
        month, day = MONTHS[m[2].lower()], int(m[1])
        if m[3]:
            _add(found, m.start(), int(m[3]), month, day)
        elif meeting_date is not None:
            _add(found, m.start(), _year_for(month, day, meeting_date), month, day)
    return sorted(found)


def _deadline_date(sentence: str, meeting_date: dt.date | None) -> dt.date | None:
    dates = [(pos, d) for pos, d in find_dates(sentence, meeting_date=meeting_date)
             if meeting_date is None or d >= meeting_date]  # earlier dates are references
    if not dates:
        return None
    marker = _DEADLINE.search(sentence)
    if marker:  # the first date after the marker, e.g. "før Toppforum 28. mai"
        after = [d for pos, d in dates if pos >= marker.start()]
        return after[0] if after else dates[-1][1]
    return dates[0][1]  # "Sigurd skal den 30. januar delta ...": the event is the due date


def _year_for(month: int, day: int, meeting_date: dt.date) -> int:
    """A year-less date means the next one: "15. januar" at a November meeting is next year."""
    try:
        candidate = dt.date(meeting_date.year, month, day)
    except ValueError:
        return meeting_date.year
    return meeting_date.year + 1 if (meeting_date - candidate).days > 60 else meeting_date.year


def _period_end(found: re.Match[str], meeting_date: dt.date) -> dt.date | None:
    """Last day of the month, quarter, half-year or year a deadline phrase names."""
    year = int(found["y"]) if found["y"] else None
    if "part" in found.groupdict():
        n, per_year = _ORDINALS[found["n"].lower()], 4 if found["part"].lower() == "kvartal" else 2
        if n > per_year:
            return None
        month = 12 // per_year * n
        year = year or meeting_date.year
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    word = found["p"].lower()
    if word in ("året", "årsskiftet", "nyttår"):
        return dt.date(year or meeting_date.year, 12, 31)
    if word.isdigit():
        return dt.date(int(word), 12, 31)
    month = MONTHS[word]
    year = year or _year_for(month, 28, meeting_date)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_span(start: dt.date, count: str, unit: str) -> dt.date:
    n = int(count) if count.isdigit() else _NUMBER_WORDS[count.lower()]
    unit = unit.lower()
    if unit.startswith("dag"):
        return start + dt.timedelta(days=n)
    if unit.startswith("uke"):
        return start + dt.timedelta(weeks=n)
    month0 = start.month - 1 + n
    year, month = start.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _add(found: list[tuple[int, dt.date]], pos: int, year: int, month: int, day: int) -> None:
    try:
        found.append((pos, dt.date(year, month, day)))
    except ValueError:  # "31.02.2026" or a number pair that only looks like a date
        pass
