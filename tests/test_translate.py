"""Offline English -> Norwegian reading of a question, with the glossary that ships."""

from __future__ import annotations

from service.translate import english_lemma, expand_english


def _concepts(question: str) -> set[tuple[str, ...]]:
    return set(expand_english(question)[2])


def test_inflected_english_words_find_their_entry() -> None:
    for question in ("Which nursing home got a grant?", "Which nursing homes got grants?"):
        topic = expand_english(question)[1]
        assert "sykehjem" in topic and "tilskudd" in topic


def test_phrases_win_over_their_words_in_any_inflection() -> None:
    singular = expand_english("When is the swimming pool open?")[1]
    plural = expand_english("When are the swimming pools open?")[1]
    assert "svømmehall" in singular and "svømmehall" in plural


def test_the_lemmatizer_is_trusted_only_where_it_keeps_the_words_first_letter() -> None:
    assert english_lemma("applications") == "application"
    assert english_lemma("stood") == "stand" and english_lemma("paid") == "pay"
    assert english_lemma("was") == "was"  # not "be": a guess that would meet other entries
    assert english_lemma("ai") == "ai"


def test_an_irregular_past_meets_its_phrase() -> None:
    # "stood in for" is the phrase "stand in for", not "stood" (sto) and "in".
    assert ("vikariere for", "tre inn for") in _concepts("Who stood in for the mayor?")
    assert any("utbetale" in c for c in _concepts("How much was paid out to the clubs?"))


def test_untranslated_words_stay_in_the_topic() -> None:
    topic = expand_english("Did the kindergartens get new xylophones?")[1]
    assert "barnehage" in topic and "xylophone" in topic


def test_an_inflected_form_with_an_entry_of_its_own_keeps_its_sense() -> None:
    # "minutes" are a meeting's referat, "minute" is sixty seconds; "later" is not "late"
    assert "referat" in expand_english("Were the minutes approved?")[1]
    assert "minutt" in expand_english("Did it take a minute?")[1]
    assert "senere" in expand_english("Was it postponed to a later date?")[1]


def test_a_phrase_still_wins_over_an_inflected_word_of_its_own() -> None:
    # "meetings" has an entry, but "board meetings" is the phrase "board meeting"
    assert "styremøte" in expand_english("What did the board meetings decide?")[1]


def test_an_adverb_without_an_entry_is_read_as_its_adjective() -> None:
    topic = expand_english("Can the staff commit the company financially or legally?")[1]
    assert "økonomisk" in topic and "juridisk" in topic
    assert "offentlig" in expand_english("Was the report publicly available?")[1]
    # an adverb with an entry of its own keeps it
    assert "tidligere" in expand_english("Was it previously approved?")[1]


def test_a_translation_is_not_translated_again() -> None:
    # "public record" -> "offentlig journal"; "journal" is an English entry too ("tidsskrift"),
    # and "male" (paint) is English "male" ("mannlig"): what one pass wrote, no later reads.
    _, topic, _ = expand_english("Was it kept out of the public record?")
    assert "offentlig journal" in topic and "tidsskrift" not in topic
    _, topic, _ = expand_english("Which paintings were shown at the gallery?")
    assert "mannlig" not in topic


def test_of_two_overlapping_phrases_the_first_is_read() -> None:
    # "youth council" and "council meeting" are both entries; the question means the first.
    assert "ungdomsråd" in expand_english("Who chaired the youth council meeting?")[1]
