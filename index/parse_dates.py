"""Dates and clock times as Norwegian and English minutes write them, for `parse_minutes`.

"16. april 2026", "16.04.2026", "2026-04-16", "29.01.26", "16 April 2026", "April 16, 2026",
and for the next board meeting a bare "13. mai" resolved against the meeting's year.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

_MONTHS = {
    "januar": 1, "january": 1, "jan": 1,
    "februar": 2, "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}  # fmt: skip
# Longest names first so "mars" wins over "mar"; \b stops "mai" matching inside "maigull".
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
MONTH_NAMES = _MONTH  # an alternation of month names and abbreviations, for other patterns
# "16. april 2026", "16.april 2026", "16 April 2026", "16th April 2026"; year optional so
# "13. mai" can be read when the caller knows the year.
_DAY_MONTH = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})(?:\.\s*|(?:st|nd|rd|th)?\s+)(?P<mon>{_MONTH})\b\.?"
    rf"(?:,?\s+(?P<y>\d{{4}})\b)?",
    re.IGNORECASE,
)
# "April 16, 2026" (English documents from abroad)
_MONTH_DAY = re.compile(rf"\b(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b", re.I)
# "16.04.2026", "29.01.26", "16/04/2026"; the lookarounds keep "1.2.3.4" and case numbers
# like "3/26" out (a slash date needs four year digits).
_NUMERIC = re.compile(
    r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?![\d])"
    r"|(?<![\d/])(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4})(?!\d)"
)
# "2026-04-16" (file names, exports, summaries we render ourselves)
_ISO = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")
# "09.30-12.00", "12:00 - 15:45", "kl. 18:00"; a range or a start time.
TIME = re.compile(
    r"(?:\bkl\.?\s*)?(?<![\d.:])(?P<time>\d{1,2}[.:]\d{2}(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?)(?![\d])"
)


def find_date(text: str, *, default_year: int | None = None) -> tuple[dt.date, tuple[int, int]] | None:
    """The first valid date in `text` and its span; a date without year needs `default_year`."""
    found: list[tuple[int, int, dt.date]] = []
    for match in _ISO.finditer(text):
        _add(found, match, int(match["y"]), int(match["m"]), int(match["d"]))
    for match in _NUMERIC.finditer(text):
        day, month, year = (match["d"], match["m"], match["y"]) if match["d"] else (
            match["d2"], match["m2"], match["y2"])  # fmt: skip
        _add(found, match, _full_year(year), int(month), int(day))
    for match in _DAY_MONTH.finditer(text):
        year = int(match["y"]) if match["y"] else default_year
        if year is not None:
            _add(found, match, year, _MONTHS[match["mon"].lower()], int(match["d"]))
    for match in _MONTH_DAY.finditer(text):
        _add(found, match, int(match["y"]), _MONTHS[match["mon"].lower()], int(match["d"]))
    if not found:
        return None
    start, end, date = min(found, key=lambda f: f[0])
    return date, (start, end)


def parse_date(text: str, *, default_year: int | None = None) -> dt.date | None:
    hit = find_date(text, default_year=default_year)
    return hit[0] if hit else None


def find_time(text: str) -> str | None:
    """The clock time or range as written, ignoring anything that is part of a date."""
    hit = find_date(text)
    if hit:
        start, end = hit[1]
        text = text[:start] + " " * (end - start) + text[end:]
    match = TIME.search(text)
    return match["time"] if match else None


def _full_year(year: str) -> int:
    return 2000 + int(year) if len(year) == 2 else int(year)


def _add(found: list, match: re.Match, year: int, month: int, day: int) -> None:
    try:
        found.append((match.start(), match.end(), dt.date(year, month, day)))
    except ValueError:  # "31.02.2026" or a number pair that only looks like a date
        pass


@lru_cache(maxsize=4096)  # retrieval checks the same chunks' texts question after question
def mentioned_days(text: str) -> frozenset[tuple[int, int, int | None]]:
    """Every (day, month, year) written in `text`; year is None where it is left out
    ("13. mai"), so a question's "13. mai" can be matched against "13.05.2026"."""
    days: set[tuple[int, int, int | None]] = set()
    for match in _ISO.finditer(text):
        days.add((int(match["d"]), int(match["m"]), int(match["y"])))
    for match in _NUMERIC.finditer(text):
        day, month, year = (match["d"], match["m"], match["y"]) if match["d"] else (
            match["d2"], match["m2"], match["y2"])  # fmt: skip
        days.add((int(day), int(month), _full_year(year)))
    for match in _DAY_MONTH.finditer(text):
        days.add((int(match["d"]), _MONTHS[match["mon"].lower()],
                  int(match["y"]) if match["y"] else None))
    for match in _MONTH_DAY.finditer(text):
        days.add((int(match["d"]), _MONTHS[match["mon"].lower()], int(match["y"])))
    return frozenset((d, m, y) for d, m, y in days if 1 <= d <= 31 and 1 <= m <= 12)


def strip_dates(text: str, *, keep_length: bool = False) -> str:
    """`text` with every written date blanked, for callers that handle dates apart; with
    `keep_length` each date becomes as many spaces, so positions in the text still hold."""
    for pattern in (_ISO, _NUMERIC, _DAY_MONTH, _MONTH_DAY):
        text = pattern.sub(lambda m: " " * len(m.group(0)) if keep_length else " ", text)
    return text


def same_day(a: tuple[int, int, int | None], b: tuple[int, int, int | None]) -> bool:
    return a[:2] == b[:2] and (a[2] is None or b[2] is None or a[2] == b[2])
