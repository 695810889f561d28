"""Minutes text into paragraphs and sentences, on made-up text."""

from __future__ import annotations

from service.sentences import marked_units, sentences, units


def test_a_blank_line_inside_a_sentence_does_not_end_it() -> None:
    # Text extracted from some PDFs has a blank line between every wrapped line.
    text = ("Foreningen bevilges støtte til drift av konseptet\n\nmed kr 120 000,- for 2026.\n\n"
            "Åpent fra kl. 10.00 –\n\n22.00, alle dager.\n\nVedtak\n\nGodkjennes")
    assert units(text) == ["Foreningen bevilges støtte til drift av konseptet med kr 120 000,- for 2026.",
                           "Åpent fra kl. 10.00 – 22.00, alle dager.", "Vedtak", "Godkjennes"]


def test_a_blank_line_after_a_finished_sentence_or_before_a_numbered_item_ends_it() -> None:
    assert units("Saken ble utsatt.\n\nneste gang tas den opp igjen") == [
        "Saken ble utsatt.", "neste gang tas den opp igjen"]
    assert units("Godkjennes\n\n2. Budsjett 2027") == ["Godkjennes", "Budsjett 2027"]
    assert units("Tiltak:\n\n- brøyting\n\n- strøing") == ["Tiltak:", "brøyting", "strøing"]


def test_an_abbreviation_after_a_bracket_ends_no_sentence() -> None:
    assert sentences("Andre regioner (bl.a. Nordby) har gjort det samme. Neste sak var skole.") == [
        "Andre regioner (bl.a. Nordby) har gjort det samme.", "Neste sak var skole."]


def test_sentences_keep_abbreviations_whole() -> None:
    assert sentences("Møtet startet kl. 09.00 med bl.a. budsjett. Neste sak var skole.") == [
        "Møtet startet kl. 09.00 med bl.a. budsjett.", "Neste sak var skole."]


def test_a_quote_that_ends_a_sentence_keeps_its_closing_mark() -> None:
    from service.sentences import sentences
    assert sentences("Ny tjeneste: mobil bokbuss «Bøker på hjul»") == [
        "Ny tjeneste: mobil bokbuss «Bøker på hjul»"]
    assert sentences("«Hele vedtaket ble lest opp.»") == ["Hele vedtaket ble lest opp."]
    assert sentences("«Nord» og «Sør» ble slått sammen.") == ["«Nord» og «Sør» ble slått sammen."]


def test_a_wrapped_sentence_that_ends_in_a_colon_is_not_a_label() -> None:
    from service.sentences import units
    text = ("Tilskuddet på kr 20 000 utbetales til idrettslagene ved Nordby idrettslag avdeling\n"
            "Holm:\n"
            "Konto 1234 56 78901\n"
            "Kort linje\n"
            "Svar:\n"
            "Ja.")
    assert units(text) == [
        "Tilskuddet på kr 20 000 utbetales til idrettslagene ved Nordby idrettslag avdeling Holm:",
        "Konto 1234 56 78901", "Kort linje", "Svar:", "Ja."]


def test_units_say_how_far_their_bullet_was_indented() -> None:
    text = ("Det satses på rekruttering:\n"
            "    o   samarbeid med fagskolen\n"
            "- et punkt på ytre nivå\n"
            "Vanlig setning uten punkttegn.\n")
    assert marked_units(text) == [("Det satses på rekruttering:", None),
                                  ("samarbeid med fagskolen", 4),
                                  ("et punkt på ytre nivå", 0),
                                  ("Vanlig setning uten punkttegn.", None)]
