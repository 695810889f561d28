"""What kind of thing a passage holds, on made-up sentences: the check that keeps a quote
without a count from answering "hvor mange"."""

from __future__ import annotations

import pytest

from service.shapes import satisfies


@pytest.mark.parametrize("text,expected", [
    ("Det kom 240 deltakere til festivalen.", True),
    ("Tre av fem medlemmer stemte for.", True),
    ("Rådet drøftet en kombinert løsning (alternativ 5).", False),  # an option's label
    ("Saken ble behandlet som PS 6/26.", False),  # a case number
    ("Eiendommen gnr/bnr 110/2 og 116/9 ble solgt.", False),  # property numbers
    ("Vedtatt med hjemmel i § 12 i forskriften.", False),  # a paragraph
    ("Møtet ble holdt 12. mars.", False),  # a day of the month is a date
    ("Det ble valgt en ny leder.", False),  # "en" is an article
    ("Et ett års prosjekt ble vedtatt.", False),
    ("I 12. møte i styret skal planen legges fram.", False),  # an ordinal
    ("Hallen har 12 garderober.", True),
])
def test_a_count_is_a_number_that_labels_nothing(text: str, expected: bool) -> None:
    assert satisfies(text, "number") is expected


@pytest.mark.parametrize("asked,text,expected", [
    ("Hvor mange omsorgsboliger bygges i Fjellvik?", "Prosjektet gir 14 nye omsorgsboliger.", True),
    ("Hvor mange omsorgsboliger bygges i Fjellvik?", "Prosjektet gir 14 boliger.", True),  # head
    # a count of something else in the same item is no answer
    ("Hvor mange omsorgsboliger bygges i Fjellvik?", "De to garasjene på tomta rives.", False),
    ("Hvor mange stemte for forslaget?", "For forslaget stemte 9 medlemmer.", True),
    ("Hvor mange deltok på kurset?", "Kurset samlet 30 deltakere.", True),  # delta / deltaker
    ("Hvor mange år gjelder avtalen?", "Avtalen gjelder i fem år.", True),
    ("How many pupils attend the school?", "Skolen har 210 elever.", True),
    ("How many pupils attend the school?", "Skolen har tre avdelinger.", False),
    ("Hvor mange var til stede?", "Det var 11 til stede.", True),  # nothing counted is named
    ("Hvor mange dekar må et jaktfelt ha?", "Minsteareal for jaktfelt er 600 daa.", True),
])
def test_a_count_stands_next_to_what_the_question_counts(asked: str, text: str,
                                                          expected: bool) -> None:
    assert satisfies(text, "number", asked=asked) is expected


def test_a_place_in_a_list_the_question_names_must_be_that_place() -> None:
    asked = "Hvem ble satt opp som nr. 7 på listen?"
    assert not satisfies("Nr. 6 Kari Li", "person", asked=asked)
    assert satisfies("Nr.7 Per Holm", "person", asked=asked)
    assert satisfies("Number 4 Kari Li", "person", asked="Who was added as no. 4 on the list?")
    # a property number or a case number is no place in a list
    assert satisfies("Eiendommen eies av Kari Li.", "person", asked="Hvem eier gnr/bnr 12/3?")


def test_the_minutes_dating_their_own_treatment_answer_no_when_question() -> None:
    line = "Utvalgets behandling av sak 4/2025 i møte den 03.02.2026:"
    assert not satisfies(line, "date", meeting_date="2026-02-03")
    assert satisfies(line, "date")  # read without knowing the meeting, it holds a date
    assert satisfies("Skolen stenges 1.8.2026.", "date", meeting_date="2026-02-03")


def test_an_amount_names_its_currency_or_is_grouped_in_thousands() -> None:
    assert satisfies("Tilskuddet er 25 000 kroner.", "money")
    assert satisfies("Rammen er 1,2 mill.", "money")
    assert not satisfies("Rådet ønsker mer penger til kultur.", "money")


def test_a_person_the_question_names_itself_is_not_the_answer() -> None:
    asked = "Hvem ble valgt til ny ordfører i Fjellvik?"
    assert not satisfies("Saken om ordfører i Fjellvik ble utsatt.", "person", asked=asked)
    assert satisfies("Som ordfører ble Kari Li valgt.", "person", asked=asked)
    asked = "Hvem stemte mot forslaget fra Ola Berg?"
    assert not satisfies("Forslaget fra Ola Berg falt.", "person", asked=asked)
    assert satisfies("Mot forslaget stemte Per Holm.", "person", asked=asked)


def test_a_meeting_time_is_a_clock_time_not_a_day() -> None:
    assert satisfies("Tid: 18:00 - 20:30", "time")
    assert satisfies("Møtet ble satt kl. 9 i rådhuset.", "time")
    assert not satisfies("Tid: tirsdag 20. mars 2007, kl", "time")  # the day, the time cut off
    assert not satisfies("Dato: 20.03.2007", "time")


@pytest.mark.parametrize("text,expected", [
    ("Samlingen holdes på Fjellheim hotell.", True),  # a preposition of place before a name
    ("Kurset blir i rådhuset i juni.", True),  # a venue
    ("Møtet holdes digitalt på Teams.", True),
    ("Samarbeidet er rettet mot Sørland.", True),
    ("Workshopen holdes den 17. mars.", False),  # a day, not a place
    ("Det ble orientert om at det skal holdes en samling i regi av Nordby.", False),
])
def test_a_place_is_a_preposition_of_place_before_a_name_or_a_venue(text: str,
                                                                     expected: bool) -> None:
    asked = "Hvor skal samlingen i regi av Nordby holdes?"  # "i regi av Nordby" is its own
    assert satisfies(text, "place", asked=asked) is expected


@pytest.mark.parametrize("text,expected", [
    ("Alle driftsutgifter til lysløypa dekkes av idrettslaget.", True),
    ("Brøytingen ble overtatt av kommunen i fjor.", True),
    ("Bruk av midlene til lysløypa er greit.", False),  # "av" that names no agent
    ("Det ble lagt fram en rapport om lysløypa.", False),
])
def test_who_is_answered_by_the_agent_of_a_passive(text: str, expected: bool) -> None:
    # "Hvem skal betale driftsutgiftene?": "dekkes av idrettslaget" names who, in lower case
    assert satisfies(text, "person", asked="Hvem skal betale for lysløypa?") is expected
