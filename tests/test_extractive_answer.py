"""What the extractive answer quotes, over made-up minutes in a `MemoryLexicalIndex`: the
reply after a sentence that asks, the list after a sentence that opens it, and the header's
place and time rows for questions about the meeting itself."""

from __future__ import annotations

from index.lexical import MemoryLexicalIndex
from index.models import Chunk, SectionKind
from service.evidence import topic_terms
from service.extractive import answer_extractively
from service.query_plan import plan_query
from service.retrieve import Hit

HEADING = "Vestby kommune, Teknisk utvalg – møte 03.02.2026 (3. februar 2026)"
# As the minutes print it, then as the chunker writes the header: its rows, then the text.
RAW = ("Møtedato: 03.02.2026\nTidspunkt: 18:00 - 20:30\nMøtested: Vestby rådhus, møterom Hølen"
       "\n\nDeltakelse:\nOla Nordmann meldte forfall, og ingen vara kunne møte.")
HEADER = ("MØTEPROTOKOLL Teknisk utvalg\nOrgan: Teknisk utvalg\nOrganisasjon: Vestby kommune\n"
          f"Dato: 2026-02-03\nTid: 18:00 - 20:30\nSted: Vestby rådhus, møterom Hølen\n\n{RAW}")
PEOPLE = ("Deltakere:\nKari Berg, Leder\nPer Hansen, Medlem\nLiv Dahl, Medlem\n"
          "Ola Viken, SP, Varamedlem for Åse Lien")
ITEMS = {
    "1": ("Orientering fra kommunedirektøren",
          "Et medlem spurte: Hvordan skal kommunen dekke underskuddet på driften av "
          "brannstasjonen? Kommunedirektøren svarte at det dekkes av disposisjonsfondet i 2026."),
    "2": ("Rekruttering av sykepleiere",
          "Mangelen på sykepleiere er stor, derfor rekrutterer kommunen sykepleiere fra:\n\n"
          "- Filippinene\n- Spania\n- Portugal"),
    "4": ("Støtte til Vestbyfestivalen",
          "Vestbyfestivalen søkte om kr 500 000 i årlig driftsstøtte fra kommunen. Utvalget "
          "viste til retningslinjene for næringsfondet og til at fondet er lite. Det "
          "innvilges kr 365 000 for 2026."),
    "5": ("Skjenkebevilling for Kafé Fjord",
          "Kafé Fjord AS søkte om skjenkebevilling for øl og vin i lokalene på brygga. "
          "Bevillingen gjelder til og med 30. september 2028. Anne Li har bestått "
          "kunnskapsprøven og godkjennes som styrer."),
    "6": ("Rekruttering av lærere",
          "Også lærere mangler, og kommunen rekrutterer lærere fra:\n\n- Sverige\n- Danmark\n"
          "- Finland\n- Island\n- Polen\n- Litauen"),
    "7": ("Runde rundt bordet",
          "Nordby kommune:\n\n- Planene for et nytt datasenter på Sletta:\n"
          " - o Kommunestyret ba om en konsekvensutredning.\n"
          " - o Etableringen kan gi opp mot 200 nye arbeidsplasser.\n"
          "- Skolebruksplan:\n - o Høringen starter i mai."),
    "8": ("Trafikksikkerhetsplanen",
          "Kari Li (H) la fram et tilleggsforslag på vegne av alle partier.\n"
          "Kommunen viderefører arbeidet med:\n\n- Hjertesoner ved skoler\n- Gatelys i Son"),
    "3": ("Tilskudd til Vestby skolekorps",
          "Vestby skolekorps søkte om tilskudd til nye uniformer. Utvalget innvilget kr 85 000."),
}


def _chunks() -> list[Chunk]:
    out = [Chunk(chunk_id="tu:v:header:0", text=f"{HEADING}\nMøteinformasjon\n\n{HEADER}", meeting_id="tu", body="Teknisk utvalg",
                 meeting_date="2026-02-03", item="", item_title="Møteinformasjon",
                 section=SectionKind.header, source_file="tu.txt", content_hash="h", version="v")]
    out.append(Chunk(chunk_id="tu:v:participants:0", text=f"{HEADING}\nDeltakere\n\n{PEOPLE}",
                     meeting_id="tu", body="Teknisk utvalg", meeting_date="2026-02-03", item="",
                     item_title="Deltakere", section=SectionKind.participants,
                     source_file="tu.txt", content_hash="h", version="v"))
    out += [_item(number, title, body) for number, (title, body) in ITEMS.items()]
    return out


def _item(number: str, title: str, body: str) -> Chunk:
    return Chunk(chunk_id=f"tu:v:item:{number}:0", text=f"{HEADING}\nSak {number}: {title}\n\n{body}",
                 meeting_id="tu", body="Teknisk utvalg", meeting_date="2026-02-03", item=number,
                 item_title=title, section=SectionKind.item, source_file="tu.txt",
                 content_hash="h", version="v")


SOURCE = "\n\n".join([RAW, PEOPLE, *(f"Sak {n}: {t}\n\n{b}" for n, (t, b) in ITEMS.items())])


def _answer(question: str) -> str:
    index = MemoryLexicalIndex(_chunks())
    plan = plan_query(question)
    found = index.search(plan.search_terms, k=6)
    hits = [Hit(chunk, 1 / (61 + rank), score) for rank, (chunk, score) in enumerate(found)]
    draft = answer_extractively(plan, hits, index=index, topic=topic_terms(plan, index),
                                source=lambda _meeting_id: SOURCE)
    return draft.answer


def test_the_reply_to_a_question_asked_in_the_meeting_is_quoted() -> None:
    answer = _answer("Hvordan skal underskuddet på driften av brannstasjonen dekkes?")
    assert "disposisjonsfondet" in answer


def test_the_list_a_sentence_opens_is_quoted_with_it() -> None:
    answer = _answer("Hvor rekrutterer kommunen sykepleiere fra?")
    assert all(country in answer for country in ("Filippinene", "Spania", "Portugal"))


def test_a_list_asked_for_is_quoted_whole_under_each_item_that_opens_one() -> None:
    answer = _answer("Hvilke land rekrutterer kommunen sykepleiere og lærere fra?")
    assert all(country in answer for country in ("Filippinene", "Spania", "Portugal"))
    assert all(country in answer for country in ("Sverige", "Finland", "Polen", "Litauen"))


def test_the_line_answering_one_part_of_a_question_is_quoted_with_the_list_it_opens() -> None:
    answer = _answer("Hvem la fram tilleggsforslaget om trafikksikkerhetsplanen, og hva skal "
                     "kommunen videreføre arbeidet med?")
    assert "Kari Li" in answer
    assert "Hjertesoner ved skoler" in answer and "Gatelys i Son" in answer


def test_a_sentence_that_neither_asks_nor_opens_a_list_is_quoted_alone() -> None:
    answer = _answer("Hva søkte Vestby skolekorps om tilskudd til?")
    assert "uniformer" in answer and "85 000" not in answer


def test_a_nested_bullet_is_read_under_the_line_that_opens_its_list() -> None:
    # The datasenter is named only in the line over the bullets; the count only under it.
    answer = _answer("Hvor mange arbeidsplasser kan datasenteret på Sletta gi?")
    assert "«Etableringen kan gi opp mot 200 nye arbeidsplasser.»" in answer  # no glyph
    assert "konsekvensutredning" not in answer


def test_a_participant_list_found_first_is_quoted_without_attendance_words() -> None:
    # "var varamedlem for" is no attendance wording the plan knows; the list answers.
    assert "Ola Viken" in _answer("Hvem var varamedlem for Åse Lien i teknisk utvalg?")


def test_where_the_meeting_was_held_is_quoted_from_the_place_row() -> None:
    answer = _answer("Hvor holdt Teknisk utvalg møtet 3. februar?")
    assert "Vestby rådhus, møterom Hølen" in answer


def test_who_sent_apologies_is_quoted_from_the_header_not_the_list_of_those_present() -> None:
    answer = _answer("Hvem meldte forfall til møtet i Teknisk utvalg 3. februar?")
    assert "Ola Nordmann" in answer and "Kari Berg" not in answer


def test_the_place_named_in_a_question_does_not_narrow_who_attended() -> None:
    answer = _answer("Hvem deltok på møtet i Teknisk utvalg i Vestby rådhus?")
    assert all(name in answer for name in ("Kari Berg", "Per Hansen", "Liv Dahl"))


def test_a_second_sentence_of_the_item_is_quoted_for_the_part_the_first_does_not_hold() -> None:
    answer = _answer("Hvor mye søkte Vestbyfestivalen om i driftsstøtte, og hva ble innvilget for 2026?")
    assert "500 000" in answer and "365 000" in answer


def test_each_part_of_a_two_part_question_is_quoted_from_its_own_sentence() -> None:
    answer = _answer("Hvor lenge gjelder skjenkebevillingen til Kafé Fjord, og hvem ble "
                     "godkjent som styrer?")
    assert "30. september 2028" in answer and "Anne Li" in answer


def test_a_header_row_and_the_line_it_was_read_from_are_quoted_once() -> None:
    answer = _answer("What time did the Teknisk utvalg meeting on 3 February 2026 start and end?")
    assert answer.count("Tidspunkt: 18:00 - 20:30") == 1


def _cited(question: str, k: int = 6) -> list[str]:
    index = MemoryLexicalIndex(_chunks())
    plan = plan_query(question)
    found = index.search(plan.search_terms, k=k)
    hits = [Hit(chunk, 1 / (61 + rank), score) for rank, (chunk, score) in enumerate(found)]
    draft = answer_extractively(plan, hits, index=index, topic=topic_terms(plan, index),
                                source=lambda _meeting_id: SOURCE)
    return [c.item for c in draft.citations]


def test_which_items_a_meeting_handled_lists_all_its_items_in_order() -> None:
    # Retrieval returned two items; the agenda has eight, and all are asked.
    assert _cited("Hvilke saker behandlet teknisk utvalg 3. februar 2026?", k=3) == [
        "1", "2", "4", "5", "6", "7", "8", "3"]


def test_which_items_about_a_topic_lists_only_those() -> None:
    cited = _cited("Hvilke saker om tilskudd og støtte behandlet teknisk utvalg?")
    assert cited and set(cited) <= {"3", "4"}


def test_a_when_question_is_answered_by_the_line_with_a_day_before_one_with_a_year() -> None:
    body = ("Forslag til lokal forskrift om satser for tilskudd til lag for 2027 legges ut på "
            "høring.\n\nHøringsperioden settes til fem uker med frist 22.09.2026.")
    chunk = _item("9", "Høring om forskrift for tilskudd", body)
    index = MemoryLexicalIndex([chunk])
    plan = plan_query("Når er høringsfristen for forskriften om tilskudd til lag for 2027?")
    draft = answer_extractively(plan, [Hit(chunk, 1 / 61, 3.0)], index=index,
                                topic=topic_terms(plan, index), source=lambda _m: body)
    assert "22.09.2026" in draft.answer
    assert "legges ut på høring" not in draft.answer
