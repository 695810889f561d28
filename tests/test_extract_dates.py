"""Due dates: ISO when the minutes give or imply a date, the words when they only name a
moment, nothing when the sentence sets no time."""

from __future__ import annotations

import datetime as dt

import pytest

from service.extract.dates import normalise_due, resolve_due

MEETING = dt.date(2026, 4, 16)
BOARD = dt.date(2026, 5, 13)


@pytest.mark.parametrize(("sentence", "due"), [
    ("håndnotatet vil tilgjengeliggjøres før Toppforum 28. mai", "2026-05-28"),
    ("nyttig for Toppforum 28. mai, og vil tilgjengeliggjøres i forkant av arrangementet", "2026-05-28"),
    ("Eldrerådet ber om svar innen utgangen av mai.", "2026-05-31"),
    ("En egen politisk sak legges fram til behandling i løpet av 2026.", "2026-12-31"),
    ("Planen skal være ferdig innen utgangen av året.", "2026-12-31"),
    ("Innspill sendes sekretariatet innen to uker.", "2026-04-30"),
    ("Svar innen 3 dager.", "2026-04-19"),
    ("Rapporten sendes ut senest 02.06.2026.", "2026-06-02"),
    ("Sigurd skal den 30. april delta i en paneldebatt.", "2026-04-30"),
    ("Fristen er 15. januar.", "2027-01-15"),
    ("Kommunedirektøren legger fram en ny vurdering i juni.", "2026-06-30"),
    ("Saken legges fram i mars 2027.", "2027-03-31"),
    ("Planen skal være klar innen utgangen av mai 2027.", "2027-05-31"),
    ("Rapport innen utgangen av tredje kvartal.", "2026-09-30"),
    ("Evalueres i løpet av første halvår 2027.", "2027-06-30"),
    ("Som vedtatt i mars 2025 skal sekretariatet følge opp.", None),  # a year-less date months back means next year
    ("tas opp som egen sak på til neste møte i KG", "neste møte i KG"),
    ("Ordføreren tar kontakt før sommeren.", "før sommeren"),
    ("Saken følges opp i løpet av høsten.", "i løpet av høsten"),
    ("Søknaden sendes tilbake etter at retningslinjene er vedtatt.", None),
    ("Steinkjer kommune viser til høringsnotatet 15. oktober 2025.", None),  # a past reference
])
def test_resolve_due(sentence: str, due: str | None) -> None:
    assert resolve_due(sentence, meeting_date=MEETING) == due


def test_next_board_meeting_and_board_section_use_the_board_date() -> None:
    assert resolve_due("til behandling på neste styremøte", meeting_date=MEETING,
                       board_date=BOARD) == "2026-05-13"
    assert resolve_due("til behandling på neste styremøte", meeting_date=MEETING) == "neste styremøte"
    assert resolve_due("Sekretariatet skal på forhånd informeres", meeting_date=MEETING,
                       board_date=BOARD, board_section=True) == "2026-05-13"
    assert resolve_due("Sekretariatet skal på forhånd informeres", meeting_date=MEETING,
                       board_date=BOARD) is None


def test_year_less_dates_without_a_meeting_date_keep_their_words() -> None:
    assert resolve_due("før Toppforum 28. mai", meeting_date=None) == "28. mai"
    assert resolve_due("innen 28.05.2026", meeting_date=None) == "2026-05-28"


@pytest.mark.parametrize(("given", "expected"), [
    ("2026-05-28", "2026-05-28"), ("innen utgangen av mai", "2026-05-31"),
    ("neste møte", "neste møte"), ("snart", "snart"), ("", None), (None, None),
])
def test_normalise_a_models_due(given: str | None, expected: str | None) -> None:
    assert normalise_due(given, meeting_date=MEETING) == expected
