"""Which language a question is read in: its words vote by their frequency in each."""

from __future__ import annotations

import pytest

from service.language import is_english


@pytest.mark.parametrize("question", [
    "Who chaired the meeting of the Øvre-Bølgås næringsråd?",  # names do not vote
    "When is Fjellbyen's day at Sjøfestivalen?",
    "How much did the council spend?",
])
def test_english_questions_about_norwegian_bodies_are_english(question: str) -> None:
    assert is_english(question)


@pytest.mark.parametrize("question", [
    "Hva ble vedtatt om budsjettet?",
    "Hvem deltok på møtet i Øvre-Bølgås?",
    "Status?",  # a word as common in both: the house language
    "Ble det gitt feedback på planen?",  # an English loanword does not make it English
])
def test_norwegian_and_doubtful_questions_are_norwegian(question: str) -> None:
    assert not is_english(question)
