"""The per-sentence citation check of model answers, on made-up excerpts: a sentence is kept
only when it cites an excerpt that was sent and that excerpt holds its checkable words."""

from __future__ import annotations

from index.models import Chunk, SectionKind
from service.citations import check_citations, marker
from service.markers import read_markers


def _chunk(item: str, body: str, *, date: str = "2026-04-16", meeting: str = "tu") -> Chunk:
    return Chunk(chunk_id=f"{meeting}:v:item:{item}:0", text=f"Vestby kommune, Teknisk utvalg\n"
                 f"Sak {item}: T\n\n{body}", meeting_id=meeting, body="Teknisk utvalg",
                 meeting_date=date, item=item, item_title="T", section=SectionKind.item,
                 source_file="tu.txt", content_hash="h", version="v")


BUS = _chunk("7", "Utvalget drøftet ny bussrute mellom Vestby og Son. Utvalget gikk inn for å "
                  "utvide bussruta fra august.")
TRAIL = _chunk("PS 3/26", "Kommunen søkte om tilskudd på 200 000 kroner til lysløypa i Hølen.")
SENT = [BUS, TRAIL]
GOOD = "Utvalget gikk inn for å utvide bussruta fra august [sak 7, 16.04.2026]."


def test_markers_name_item_and_date() -> None:
    assert marker(BUS) == "[sak 7, 16.04.2026]"
    assert marker(TRAIL) == "[PS 3/26, 16.04.2026]"


def test_a_sentence_citing_an_excerpt_never_sent_is_dropped_and_reported() -> None:
    checked = check_citations(f"{GOOD} Styret vedtok å legge ned Osloregionen "
                              "[sak 99, 01.01.2030].", SENT)
    assert checked.text == GOOD
    assert "Osloregionen" not in checked.text and "sak 99" not in checked.text
    assert [c.item for c in checked.citations] == ["7"]
    assert checked.removed == ["[sak 99, 01.01.2030]"]
    assert len(checked.dropped) == 1 and "Osloregionen" in checked.dropped[0]
    assert "no valid citation" in checked.dropped[0]


def test_an_unsupported_sentence_citing_a_real_excerpt_is_dropped() -> None:
    checked = check_citations(f"{GOOD} Styret vedtok å legge ned Osloregionen "
                              "[sak 7, 16.04.2026].", SENT)
    assert checked.text == GOOD
    assert checked.removed == []
    assert len(checked.dropped) == 1 and "not supported" in checked.dropped[0]


def test_a_sentence_without_a_marker_is_dropped() -> None:
    checked = check_citations(f"{GOOD} Bussruta blir gratis for alle pensjonister.", SENT)
    assert checked.text == GOOD
    assert len(checked.dropped) == 1 and "pensjonister" in checked.dropped[0]


def test_nothing_valid_leaves_no_text_and_no_citations() -> None:
    checked = check_citations("Bussruta blir gratis for alle pensjonister i kommunen.", SENT)
    assert (checked.text, checked.citations) == ("", [])
    assert checked.dropped


def test_citations_quote_the_sentence_of_the_excerpt_that_supports_the_claim() -> None:
    checked = check_citations(GOOD, SENT)
    quote = checked.citations[0].quote
    assert quote == "Utvalget gikk inn for å utvide bussruta fra august."
    assert quote in BUS.text
    assert checked.citations[0].meeting_date == "2026-04-16"


def test_each_sentence_is_checked_against_its_own_citation() -> None:
    reply = ("Utvalget vil utvide bussruta fra august [sak 7, 16.04.2026]. Kommunen søkte om "
             "tilskudd til lysløypa i Hølen [PS 3/26, 16.04.2026].")
    checked = check_citations(reply, SENT)
    assert checked.dropped == []
    assert [c.item for c in checked.citations] == ["7", "PS 3/26"]
    # the trail sentence citing the bus item instead is not supported there
    swapped = check_citations("Kommunen søkte om tilskudd til lysløypa i Hølen "
                              "[sak 7, 16.04.2026].", SENT)
    assert swapped.citations == [] and swapped.dropped


def test_an_invalid_marker_beside_a_valid_one_is_removed_and_the_sentence_kept() -> None:
    checked = check_citations("Utvalget gikk inn for å utvide bussruta fra august "
                              "[sak 7, 16.04.2026] [sak 42, 16.04.2026].", SENT)
    assert "[sak 7, 16.04.2026]" in checked.text and "sak 42" not in checked.text
    assert checked.removed == ["[sak 42, 16.04.2026]"]
    assert checked.dropped == []


def test_a_marker_without_date_is_accepted_when_it_names_one_meeting() -> None:
    checked = check_citations("Utvalget vil utvide bussruta fra august [sak 7].", SENT)
    assert [c.item for c in checked.citations] == ["7"]


def test_a_label_of_two_meetings_that_the_claim_cannot_tell_apart_is_not_a_citation() -> None:
    other = _chunk("7", "Utvalget vil utvide bussruta fra august, sa leder.", date="2026-05-20",
                   meeting="other")
    checked = check_citations("Utvalget vil utvide bussruta fra august [sak 7].", [BUS, other])
    assert checked.citations == [] and checked.removed == ["[sak 7]"]


def test_headings_and_list_structure_are_kept() -> None:
    reply = ("Fra referatet:\n"
             "- Utvalget vil utvide bussruta fra august [sak 7, 16.04.2026].\n"
             "- Kommunen søkte om tilskudd til lysløypa [PS 3/26, 16.04.2026].")
    checked = check_citations(reply, SENT)
    assert checked.text.startswith("Fra referatet:")
    assert "bussruta" in checked.text and "lysløypa" in checked.text
    assert checked.text.count("\n") >= 1 and checked.dropped == []


def test_a_heading_stays_on_its_own_line() -> None:
    checked = check_citations("Fra referatet:\n- Utvalget vil utvide bussruta fra august "
                              "[sak 7, 16.04.2026].", SENT)
    assert checked.text.splitlines()[0] == "Fra referatet:"


def test_english_claims_are_checked_on_names_and_numbers() -> None:
    kept = check_citations("The council applied for 200 000 kroner for the trail in Hølen "
                           "[PS 3/26, 16.04.2026].", SENT)
    assert [c.item for c in kept.citations] == ["PS 3/26"]
    dropped = check_citations("The council applied for money for the trail in Drammen "
                              "[PS 3/26, 16.04.2026].", SENT)
    assert dropped.citations == [] and dropped.dropped


def test_a_short_cited_claim_is_kept_or_reported() -> None:
    checked = check_citations("Bussruta utvides [sak 7, 16.04.2026].", SENT)
    assert checked.citations or checked.dropped


def test_a_claim_with_a_number_the_excerpt_does_not_hold_is_dropped() -> None:
    checked = check_citations("Kommunen søkte om tilskudd på 500 000 kroner til lysløypa "
                              "[PS 3/26, 16.04.2026].", SENT)
    assert checked.citations == []


PLAN = _chunk("4", "Utvalget ba administrasjonen legge fram en ny brøyteplan innen 1. oktober.",
              date="2026-02-03")


def test_a_sentence_with_an_ordinal_date_is_kept_whole() -> None:
    checked = check_citations("Utvalget ba om en ny brøyteplan innen 1. oktober "
                              "[sak 4, 03.02.2026].", [PLAN])
    assert [c.item for c in checked.citations] == ["4"]
    assert "1. oktober" in checked.text and checked.dropped == []


def test_a_sentence_with_an_abbreviation_is_kept_whole() -> None:
    checked = check_citations("Korpset får bl.a. nye uniformer fra tilskuddet "
                              "[sak 3, 16.04.2026].", [_chunk("3", "Vestby skolekorps får "
                                                             "tilskudd, bl.a. til nye uniformer.")])
    assert checked.text.startswith("Korpset får") and checked.dropped == []


def test_lines_without_a_full_stop_stay_apart() -> None:
    checked = check_citations("Utvalget vil utvide bussruta fra august [sak 7, 16.04.2026]\n"
                              "Kommunen søkte om tilskudd til lysløypa [PS 3/26, 16.04.2026]", SENT)
    assert len(checked.text.splitlines()) == 2


# Models do not always write the marker as given: the check reads what they meant, and
# still accepts only items that were sent.
BOTH = "Utvalget vil utvide bussruta fra august, og kommunen søkte om tilskudd til lysløypa"


def test_one_bracket_citing_two_items_cites_both() -> None:
    for reply in (f"{BOTH} [sak 7, 16.04.2026; PS 3/26, 16.04.2026].",
                  f"{BOTH} [sak 7, 16.04.2026, PS 3/26, 16.04.2026].",
                  f"{BOTH} [sak 7 og PS 3/26, 16.04.2026]."):
        checked = check_citations(reply, SENT)
        assert [c.item for c in checked.citations] == ["7", "PS 3/26"], reply
        assert checked.text.endswith("[sak 7, 16.04.2026] [PS 3/26, 16.04.2026].")


def test_a_marker_written_another_way_is_read_and_rewritten_as_given() -> None:
    for written in ("[Sak 7, 2026-04-16]", "[sak 7, 16.4.2026]", "[sak 7 – 16. april 2026]",
                    "[Kilde: sak 7, 16.04.2026]", "(sak 7, 16.04.2026)", "【sak 7】", "[7]"):
        checked = check_citations(f"Utvalget vil utvide bussruta fra august {written}.", SENT)
        assert [c.item for c in checked.citations] == ["7"], written
        assert checked.text == "Utvalget vil utvide bussruta fra august [sak 7, 16.04.2026].", written


def test_a_marker_naming_another_day_is_no_citation() -> None:
    checked = check_citations("Utvalget vil utvide bussruta fra august [sak 7, 2026-05-20].", SENT)
    assert checked.citations == [] and checked.removed == ["[sak 7, 2026-05-20]"]


def test_a_reference_to_an_item_never_sent_is_removed_from_its_bracket() -> None:
    checked = check_citations("Kommunen søkte om tilskudd til lysløypa "
                              "[PS 3/26, 16.04.2026; PS 9/26, 16.04.2026].", SENT)
    assert [c.item for c in checked.citations] == ["PS 3/26"]
    assert checked.removed == ["[PS 9/26, 16.04.2026]"] and "9/26" not in checked.text


def test_a_parenthesis_of_words_or_a_year_stays_text_and_cites_nothing() -> None:
    checked = check_citations("Utvalget vil utvide bussruta (fra august) [sak 7, 16.04.2026].",
                              SENT)
    assert "(fra august)" in checked.text and checked.removed == []
    assert read_markers("Bussruta utvides i år (2026).", SENT) == []
    alone = check_citations("Utvalget vil utvide bussruta fra august (orientering).", SENT)
    assert alone.citations == [] and "no valid citation" in alone.dropped[0]


def test_a_citation_after_the_full_stop_belongs_to_the_sentence() -> None:
    checked = check_citations("Utvalget vil utvide bussruta fra august. (sak 7, 16.04.2026) "
                              "Kommunen søkte om tilskudd til lysløypa. [PS 3/26, 16.04.2026]", SENT)
    assert [c.item for c in checked.citations] == ["7", "PS 3/26"] and checked.dropped == []


def test_series_and_titles_are_learned_from_the_excerpts_sent() -> None:
    quay = _chunk("PS TEK 0011/00", "Reguleringsplan for ny kai ved havna legges ut til høring.",
                  date="2000-01-31", meeting="tek")
    header = Chunk(chunk_id="tek:v:header:0", text="Vestby kommune, Teknisk utvalg\n\n"
                   "Møtested: Rådhuset, møterom Son", meeting_id="tek", body="Teknisk utvalg",
                   meeting_date="2000-01-31", item="", item_title="Møteinformasjon",
                   section=SectionKind.header, source_file="tek.txt", content_hash="h", version="v")
    for written in ("[PS TEK 11/00, 2000-01-31]", "(PS TEK 0011/00)", "[ps tek 0011/00]"):
        checked = check_citations(f"Reguleringsplan for ny kai legges ut til høring {written}.",
                                  [quay, header])
        assert [c.item for c in checked.citations] == ["PS TEK 0011/00"], written
    for written in ("[Kilde: Møteinformasjon, 2000-01-31]", "[møteinformasjon]"):
        checked = check_citations(f"Møtet var i Rådhuset, møterom Son {written}.", [quay, header])
        assert [c.title for c in checked.citations] == ["Møteinformasjon"], written


def test_a_label_of_two_meetings_cites_the_one_whose_text_holds_the_claim() -> None:
    board = _chunk("PS 1/26", "Styret godkjente budsjettet for brøyting og strøing.",
                   meeting="styret")
    owners = _chunk("PS 1/26", "Foretaksmøtet valgte nytt styre for foretaket.", meeting="eier")
    checked = check_citations("Foretaksmøtet valgte nytt styre [PS 1/26, 16.04.2026].",
                              [board, owners])
    assert [c.meeting_id for c in checked.citations] == ["eier"]


def test_a_reply_repeating_markers_gives_each_citation_once() -> None:
    reply = "Utvalget vil utvide bussruta fra august " + "[sak 7] (sak 7, 16.04.2026) " * 500 + "."
    checked = check_citations(reply, SENT)
    assert [c.item for c in checked.citations] == ["7"] and checked.dropped == []
    assert checked.text == "Utvalget vil utvide bussruta fra august [sak 7, 16.04.2026]."
