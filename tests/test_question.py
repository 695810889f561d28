"""`plan_query`: the constraints a question states (board meeting, the meeting itself, item
numbers, days, years, quantities, bodies) read before retrieval. No index needed."""

from __future__ import annotations

import pytest

from index.lexical import terms
from service.question import ItemRef, body_head, plan_query


def test_board_questions_are_recognised() -> None:
    assert plan_query("Hvilke saker er foreslått til styremøtet 13. mai?").board
    assert plan_query("Hva skal styret behandle?").board
    assert plan_query("What is on the agenda for the next meeting of the board?").board
    assert not plan_query("Hva ble konkludert om Rikstunnelen?").board
    assert not plan_query("Hva sa styrelederen i Steinkjer?").board  # \bstyret\b only


@pytest.mark.parametrize("question", [
    "Hvor holdt formannskapet møtet sitt 29. januar?",
    "Hvem deltok på møtet i eldrerådet?",
    "Hvem ledet møtet?",
    "Hvem hadde forfall?",
    "Where was the meeting held?",
    "Who attended the meeting?",
])
def test_meeting_level_questions_are_recognised(question: str) -> None:
    assert plan_query(question).meeting_level


def test_topic_questions_are_not_meeting_level() -> None:
    assert not plan_query("Hvor mange kraftverk finnes i Steinkjer kommune?").meeting_level
    assert not plan_query("Hva ble vedtatt om matutlevering?").meeting_level


@pytest.mark.parametrize("question,refs", [
    ("Hva gjaldt sak PS 1/26 i formannskapet?", [ItemRef("ps", "1/26")]),
    ("Hva ble sagt i sak 7?", [ItemRef("", "7")]),
    ("Hva ble vedtatt i saken om RS 3/26?", [ItemRef("rs", "3/26")]),
    ("Hva står i sak nr. 12?", [ItemRef("", "12")]),
    ("What was said under item 3?", [ItemRef("", "3")]),
    ("Hva sa de om sak PS 2/26 og OS 1/26?", [ItemRef("ps", "2/26"), ItemRef("os", "1/26")]),
    ("Hva ble konkludert om Rikstunnelen?", []),
    ("Hvilke saker er foreslått til styremøtet 13. mai?", []),  # "saker" is no reference
])
def test_item_references_are_read(question: str, refs: list[ItemRef]) -> None:
    assert plan_query(question).item_refs == refs


@pytest.mark.parametrize("ref,item,expected", [
    (ItemRef("ps", "1/26"), "PS 1/26", True),
    (ItemRef("ps", "1/26"), "ps 1/26", True),
    (ItemRef("ps", "1/26"), " PS 1/26 ", True),
    (ItemRef("ps", "1/26"), "1/26", True),  # the minutes may leave the kind out
    (ItemRef("ps", "1/26"), "RS 1/26", False),  # another kind is another item
    (ItemRef("ps", "1/26"), "PS 1/25", False),
    (ItemRef("ps", "1/26"), "PS 11/26", False),
    (ItemRef("ps", "1/26"), "PS 1", False),
    (ItemRef("", "1/26"), "RS 1/26", True),  # "sak 1/26" names any kind
    (ItemRef("", "7"), "7", True),
    (ItemRef("", "7"), "17", False),
    (ItemRef("", "3"), "3/26", True),  # the year part is optional in speech
    (ItemRef("", "3"), "PS 3/26", True),
    (ItemRef("", "3"), "13/26", False),
    (ItemRef("", "3"), "", False),
    (ItemRef("", "3"), "Eventuelt", False),
])
def test_item_ref_matches_items_as_the_minutes_write_them(ref: ItemRef, item: str,
                                                          expected: bool) -> None:
    assert ref.matches(item) is expected


@pytest.mark.parametrize("ref,item", [
    (ItemRef("", "3/26"), "Sak 3/26"),
    (ItemRef("", "10"), "Sak 10"),
])
def test_item_ref_matches_items_numbered_sak_n(ref: ItemRef, item: str) -> None:
    # Regression (found 2026-11-27): the parser keeps "Sak 3/26" / "Sak 1" as the item number (index/parse_items.py,
    # tests/test_parse_minutes.py), but ItemRef.matches only accepts a two-letter kind, so
    # "Hva ble vedtatt i sak 3/26?" never names such an item (no REFERENCED_ITEM boost).
    assert ref.matches(item)


def test_days_and_years_are_read_apart() -> None:
    q = plan_query("Hva ble bestemt på KG-møtet 16. mars 2026?")
    assert q.days == {(16, 3, 2026)} and q.years == set()  # the year belongs to the day
    q = plan_query("Hvor holdt formannskapet møtet sitt 29. januar?")
    assert q.days == {(29, 1, None)} and q.years == set()
    q = plan_query("Hva var medlemskontingenten i Osloregionen i 2025?")
    assert q.days == set() and q.years == {"2025"}
    q = plan_query("Hva skjedde 16.04.2026 i sak 3/26?")
    assert q.days == {(16, 4, 2026)} and q.years == set()
    q = plan_query("Hva ble sagt om NTP 2029-2040 i 2026?")
    assert q.years == {"2026"}  # a span like 2029-2040 is not a year asked about


def test_quantity_questions_say_whether_an_amount_or_a_number_is_wanted() -> None:
    assert plan_query("Hvor mye vil det koste å bygge sprengstoffabrikken?").quantity == "money"
    assert plan_query("Hvor stort tilskudd fikk håndballklubben?").quantity == "money"
    assert plan_query("How much does the tunnel cost?").quantity == "money"
    assert plan_query("Hvor mange arbeidsplasser kan fabrikken gi?").quantity == "number"
    assert plan_query("Hvor lenge varer fritaket?").quantity == "number"
    assert plan_query("How many jobs could the factory create?").quantity == "number"
    assert plan_query("Hva ble konkludert om Rikstunnelen?").quantity is None


def test_hvor_mange_names_what_is_counted() -> None:
    assert plan_query("Hvor mange arbeidsplasser kan fabrikken gi?").counted == "arbeidsplass"
    assert plan_query("Hvor mange kraftverk finnes i kommunen?").counted == terms("kraftverk")[0]
    assert plan_query("Hvor mye koster det?").counted == ""


def test_topic_drops_words_about_the_act_of_meeting() -> None:
    q = plan_query("Hva ble konkludert om Rikstunnelen?")
    assert set(terms(q.topic)) == {"rikstunnel"}
    assert q.search == q.text and not q.english


def test_english_questions_search_with_norwegian_vocabulary() -> None:
    q = plan_query("How much does the tunnel cost?")
    assert q.english
    assert q.text == "How much does the tunnel cost?"
    assert set(terms(q.search)) - set(terms(q.text))  # Norwegian words were added


def test_body_terms_include_alias_heads() -> None:
    q = plan_query("Hva ble bestemt på KG-møtet 16. mars 2026?")
    assert "koordineringsgrupp" in q.body_terms  # "KG" is the koordineringsgruppe
    assert "formannskap" in plan_query("Hva sa FSK om budsjettet?").body_terms
    assert "formannskap" in plan_query("Hva vedtok formannskapet?").body_terms
    assert "koordineringsgrupp" not in plan_query("Hva vedtok formannskapet?").body_terms


def test_body_head_is_the_stem_of_the_last_word() -> None:
    assert body_head("administrativ koordineringsgruppe") == "koordineringsgrupp"
    assert body_head("Formannskap") == "formannskap"
    assert body_head("Eldrerådet") == body_head("eldreråd")
    assert body_head("") == ""


@pytest.mark.parametrize("body,head", [
    ("administrativ koordineringsgruppe", "koordineringsgrupp"),
    ("Hovedutvalg for oppvekst", "hovedutvalg"),  # "oppvekst" is its domain, not its name
    ("Kommunestyret i Fjellvik kommune", "kommunestyr"),
])
def test_body_head_is_the_name_not_the_domain(body: str, head: str) -> None:
    assert body_head(body) == head
