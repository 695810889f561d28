"""How much of a question a passage holds, quotes that must come from the source, and the
answer gate, over a small made-up archive in a `MemoryLexicalIndex`."""

from __future__ import annotations

import pytest

from index.analyze import word_terms
from index.lexical import MemoryLexicalIndex
from index.models import Chunk, SectionKind
from service.answer_gate import decide, gate_features
from service.evidence import (
    asks_whole_agenda,
    coverage,
    own_units,
    part_answer,
    question_parts,
    topic_terms,
    units,
    verbatim,
)
from service.query_plan import plan_query
from service.retrieve import Hit, answer_passages

HEADING = "Vestby kommune, Teknisk utvalg – møte 03.02.2026 (3. februar 2026)"
ITEMS = {
    "1": ("Godkjenning av innkalling", "Innkalling og saksliste ble godkjent uten merknader."),
    "2": ("Rehabilitering av svømmehallen",
          "Kommunedirektøren la fram tilstandsrapporten for svømmehallen på Nordby. Utvalget "
          "vedtok å rehabilitere svømmehallen med en ramme på 48 millioner kroner. Arbeidet "
          "starter høsten 2026."),
    "3": ("Tilskudd til Vestby skolekorps",
          "Vestby skolekorps søkte om tilskudd til nye uniformer. Utvalget innvilget et "
          "tilskudd på kr 85 000."),
    "4": ("Vintervedlikehold av gang- og sykkelveier",
          "Brøytingen av gang- og sykkelveier har vært mangelfull. Utvalget ba administrasjonen "
          "om en ny brøyteplan innen 1. oktober."),
    "5": ("Lysløype i Hølen", "Idrettslaget ønsker lys i løypa rundt Hølen. Saken ble utsatt."),
    "6": ("Personalsaker", "Rekrutteringen av sykepleiere går tregt. Utredning av skolen er bestilt."),
    "7": ("Orienteringssaker",
          "Kommunen orienterte om status for byggingen av ny barnehage på Son."),
}


def _chunk(number: str, title: str, body: str) -> Chunk:
    return Chunk(chunk_id=f"tu:v:item:{number}:0", text=f"{HEADING}\nSak {number}: {title}\n\n{body}",
                 meeting_id="tu", body="Teknisk utvalg", meeting_date="2026-02-03", item=number,
                 item_title=title, section=SectionKind.item, source_file="tu.txt",
                 content_hash="h", version="v")


@pytest.fixture(scope="module")
def index() -> MemoryLexicalIndex:
    return MemoryLexicalIndex([_chunk(n, *v) for n, v in ITEMS.items()])


def _topic(question: str, index: MemoryLexicalIndex):  # noqa: ANN202
    return topic_terms(plan_query(question), index)


def _hits(question: str, index: MemoryLexicalIndex, k: int = 6) -> list[Hit]:
    """The lexical half of retrieval: BM25 ranks, fused scores by rank."""
    found = index.search(plan_query(question).search_terms, k=k)
    return [Hit(chunk, 1 / (61 + rank), score) for rank, (chunk, score) in enumerate(found)]


# coverage ---------------------------------------------------------------------------------

def test_a_text_with_every_topic_word_covers_the_question(index) -> None:
    topic = _topic("Hva sa kommunen om svømmehallen?", index)
    assert coverage(topic, "Kommunen stengte svømmehallen.") == pytest.approx(1.0)
    assert coverage(topic, "Ingenting om det her.") == 0.0


def test_rare_words_weigh_more_than_common_ones(index) -> None:
    topic = _topic("Hva sa kommunen om svømmehallen?", index)
    weights = {t.term: t.weight for t in topic}
    assert weights[word_terms("svømmehallen")[0]] > 2 * weights[word_terms("kommunen")[0]]
    rare_only = coverage(topic, "Svømmehallen er stengt.")
    common_only = coverage(topic, "Kommunen sa mye.")
    assert rare_only > 0.5 > common_only > 0.0


@pytest.mark.parametrize("question", [
    "Hva mente utvalget om brøytingen av sykkelveiene?",
    "Hva påpekte utvalget om brøytingen av sykkelveiene?",
])
def test_a_verb_of_stance_missing_from_a_passage_is_not_held_against_it(question: str) -> None:
    # the minutes write the view ("har vært mangelfull"), seldom that it was held
    index = MemoryLexicalIndex([_chunk(n, *v) for n, v in ITEMS.items()]
                               + [_chunk("9", "Diverse", "Utvalget mente at møtet var nyttig. "
                                                         "Det ble påpekt at rådhuset er kaldt.")])
    topic = topic_terms(plan_query(question), index)
    assert coverage(topic, ITEMS["4"][1]) > 0.9


def test_a_place_in_a_list_is_a_constraint_not_a_topic_word(index) -> None:
    # "nr. 7 på listen" is checked by the shape ("Nr.7 Per Holm"), not by the words "nr" and "7"
    terms = {t.term for t in _topic("Hvem står som nr. 7 på listen til skolekorpset?", index)}
    assert not terms & {"nr", "nr.", "7", "numm"}


def test_the_month_may_is_a_date_not_a_topic_word(index) -> None:
    # "in May 2026" names the meeting's month, which the plan checks; "may" the verb stays
    terms = {t.term for t in _topic("What did the committee decide on the swimming hall in May 2026?",
                                    index)}
    assert "may" not in terms


def test_grammar_words_are_not_topic(index) -> None:
    topic = _topic("Hva ble det sagt om svømmehallen?", index)
    assert coverage(topic, "Svømmehallen er stengt.") > 0.95


def test_compound_parts_found_apart_give_partial_credit(index) -> None:
    topic = _topic("Hva står i skoleutredningen?", index)
    whole = coverage(topic, "Skoleutredningen er klar.")
    apart = coverage(topic, "Utredning av skolen er bestilt.")
    one_part = coverage(topic, "Skolen er stengt.")
    assert whole > apart > one_part > 0.0


def test_an_inflected_compound_is_split_like_its_lemma() -> None:
    # "korpsmedlemmer" stems two ways (korpsmedlem / korpsmedlemm); the second is the word
    # itself, not a third part that no text holds.
    index = MemoryLexicalIndex([_chunk("1", "Korpset", "Korpset har fått mange nye medlemmer.")])
    [term] = _topic("Hvor mange korpsmedlemmer?", index)
    assert term.known
    assert coverage([term], "Korpset har fått mange nye medlemmer.") == pytest.approx(0.7)
    assert coverage([term], "Korpsmedlemmene møttes.") == pytest.approx(1.0)


def test_derived_forms_give_partial_credit(index) -> None:
    topic = _topic("Hvordan går rekrutteringen?", index)
    same = coverage(topic, "Rekrutteringen går tregt.")
    derived = coverage(topic, "Kommunen rekrutterer sykepleiere.")
    assert same == pytest.approx(1.0)
    assert 0.3 < derived < same


def test_a_synonym_from_the_thesaurus_gives_partial_credit() -> None:
    archive = MemoryLexicalIndex([
        _chunk("1", "Brøytebil", "Utvalget drøftet utgiftene til ny brøytebil."),
        _chunk("2", "Kostnader", "Kostnadene ved nytt tak er beregnet.")])
    topic = topic_terms(plan_query("Hva var kostnaden for brøytebilen?"), archive)
    word = coverage(topic, "Kostnaden for brøytebilen var høy.")
    synonym = coverage(topic, "Utgiften for brøytebilen var høy.")
    neither = coverage(topic, "Prisen på snø for brøytebilen.")
    assert word == pytest.approx(1.0)
    assert neither < synonym < word


def test_a_word_the_dictionary_glosses_by_another_gives_partial_credit() -> None:
    """Bokmålsordboka defines "krevende" as "...; vanskelig": a question asking why the work
    became "vanskeligere" is partly answered by a line saying it became "mer krevende", in
    either direction, and not by a line with neither."""
    archive = MemoryLexicalIndex([
        _chunk("1", "Samarbeid", "Koordineringen blir mer krevende med fylkeskommunene."),
        _chunk("2", "Tak", "Arbeidet med taket er vanskelig.")])
    asked = topic_terms(plan_query("Hvorfor blir koordineringen vanskeligere?"), archive)
    glossed = coverage(asked, "Koordineringen blir mer krevende.")
    assert coverage(asked, "Koordineringen blir lettere.") < glossed < 1.0
    back = topic_terms(plan_query("Hvorfor blir koordineringen krevende?"), archive)
    assert coverage(back, "Koordineringen blir lettere.") < coverage(
        back, "Koordineringen blir vanskelig.") < 1.0


def test_only_synonyms_the_archive_uses_are_carried() -> None:
    archive = MemoryLexicalIndex([_chunk("1", "Tak", "Kostnadene ved nytt tak er beregnet.")])
    (term,) = topic_terms(plan_query("Hva med kostnaden?"), archive)
    assert term.synonyms == frozenset()  # "utgift", "omkostning": no text here holds them


def test_short_stems_do_not_match_as_derived_forms(index) -> None:
    topic = _topic("Hva med planen?", index)
    assert coverage(topic, "Planene er klare.") == pytest.approx(1.0)
    assert coverage(topic, "Plasseringen er klar.") == 0.0


def test_words_the_archive_never_uses_are_marked_unknown(index) -> None:
    terms = {t.term: t.known for t in _topic("Hva koster fotballbanen i Drøbak?", index)}
    assert not any(terms.values())
    assert all(t.known for t in _topic("Hva med svømmehallen og brøyteplan?", index))


def test_item_numbers_and_years_are_not_topic_words(index) -> None:
    assert _topic("Hva ble sagt i sak 3 i 2026?", index) == []
    # Minutes of "PS" councils are asked of as "sak PS 4/26" too: "sak" is the reference.
    assert _topic("Hva gjaldt sak PS 4/26?", index) == []
    assert _topic("Hva gjaldt saken OS 12/26?", index) == []


def test_dates_in_the_question_are_constraints_not_topic_words(index) -> None:
    for question in ("Hva ble vedtatt om svømmehallen i april?",
                     "Hva ble vedtatt om svømmehallen 8. april?",
                     # a clock time names the meeting too: "kl. 17.30", "17:30"
                     "Hva ble vedtatt om svømmehallen kl. 17.30?",
                     "Hva ble vedtatt om svømmehallen 17:30?"):
        assert [t.term for t in _topic(question, index)] == [word_terms("svømmehallen")[0]]


# verbatim ---------------------------------------------------------------------------------

SOURCE = """Deltakere:

Fornavn\tEtternavn\tOrganisasjon
Kari\tNordmann\tVestby kommune
Per\tHansen\tSon vel

3. Tilskudd til skolekorps

Vestby skolekorps søkte om tilskudd til nye
uniformer. Utvalget innvilget et tilskudd på kr 85 000.
"""


def test_verbatim_returns_a_unit_the_source_holds_across_line_breaks() -> None:
    unit = "Vestby skolekorps søkte om tilskudd til nye uniformer."
    assert verbatim(unit, SOURCE) == unit


def test_verbatim_keeps_a_bullet_whole_where_a_word_was_split_at_the_line_end() -> None:
    # "strekningen Nordby-" / "Øvre Son": the reader joins the halves; the quote is the
    # source's own text, both halves, not the first line alone
    source = "Tiltak:\n- fartsdumper på strekningen Nordby-\nØvre Son\n- nye gatelys\n"
    quote = verbatim("fartsdumper på strekningen Nordby-Øvre Son", source)
    assert quote == "fartsdumper på strekningen Nordby- Øvre Son"


def test_verbatim_returns_the_source_line_for_text_the_chunker_wrote() -> None:
    quote = verbatim("Kari Nordmann, Vestby kommune", SOURCE)
    assert quote is not None
    assert quote.split() == "Kari Nordmann Vestby kommune".split()
    assert quote.replace(" ", "\t") in SOURCE.replace(" ", "\t")


def test_verbatim_is_none_for_text_the_source_does_not_hold() -> None:
    assert verbatim("Utvalget avslo søknaden om lysløype.", SOURCE) is None
    assert verbatim("Foreslått sak til styremøtet 13.05.2026: 24. Budsjett", SOURCE) is None
    assert verbatim("og i på", SOURCE) is None


def test_units_leave_out_the_chunk_header(index) -> None:
    chunk = index.chunks_of("tu")[2]
    assert units(chunk) == ["Vestby skolekorps søkte om tilskudd til nye uniformer.",
                            "Utvalget innvilget et tilskudd på kr 85 000."]


# the gate ---------------------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "Hva ble vedtatt om svømmehallen?",
    "Hvor mye fikk skolekorpset i tilskudd?",
    "Hva ble sagt om lysløypa?",
])
def test_the_gate_answers_a_question_the_index_holds(index, question) -> None:
    plan = plan_query(question)
    decision = decide(plan, _hits(question, index), index)
    assert decision.answer, decision
    assert decision.features.unit_coverage > 0.8


@pytest.mark.parametrize("question", [
    "Hva koster nye fotballbaner i Drøbak?",  # "nye" finds items; the topic is nowhere
    "Hvem vant fotball-VM i 1994?",
    "Tell me a story about the mayor.",
])
def test_the_gate_refuses_a_question_whose_topic_the_index_lacks(index, question) -> None:
    plan = plan_query(question)
    decision = decide(plan, _hits(question, index), index)
    assert not decision.answer, decision
    assert decision.features.unknown_share > 0.9


def test_the_gate_refuses_without_hits(index) -> None:
    plan = plan_query("Hva ble vedtatt om svømmehallen?")
    decision = decide(plan, [], index)
    assert (decision.answer, decision.probability) == (False, 0.0)


def test_gate_features_do_not_add_up_words_of_different_items(index) -> None:
    # One word is in item 2, the other in item 3: no passage holds both.
    plan = plan_query("Hva med svømmehallen og skolekorpset?")
    features = gate_features(plan, _hits(plan.text, index), index)
    assert features.unit_coverage < 0.7 and features.item_coverage < 0.7


def test_the_line_with_the_asked_amount_must_hold_the_topic_itself() -> None:
    # The title names everything asked, so every line under it looks like an answer; only
    # the line that holds an amount and says what it is for answers.
    item = _chunk("8", "Forskrift om feiegebyr for boliger og naust",
                  "§ 1. Forskriften gjelder hele kommunen. Feiegebyret for boliger er kr 650 per år.")
    index = MemoryLexicalIndex([item, *(_chunk(n, *v) for n, v in ITEMS.items())])
    asked, missing = (gate_features(plan_query(q), [Hit(item, 1 / 61, 3.0)], index)
                      for q in ("Hva er feiegebyret for boliger?", "Hva er feiegebyret for naust?"))
    assert asked.shaped_coverage > 0.9 and missing.shaped_coverage > 0.9  # the title holds it
    assert asked.shaped_own > 0.9
    assert missing.shaped_own < 0.7


def test_each_part_of_a_two_part_question_may_be_answered_by_its_own_sentence() -> None:
    item = _chunk("8", "Skjenkebevilling for Kafé Fjord",
                  "Kafé Fjord AS får skjenkebevilling for øl og vin. Bevillingen gjelder til og "
                  "med 30. september 2028. Anne Li godkjennes som styrer.")
    index = MemoryLexicalIndex([item, *(_chunk(n, *v) for n, v in ITEMS.items())])
    hits = [Hit(item, 1 / 61, 3.0)]
    both = gate_features(plan_query("Hvor lenge gjelder skjenkebevillingen til Kafé Fjord, og "
                                    "hvem ble godkjent som styrer?"), hits, index)
    # No one sentence holds a date and "styrer" together; the two sentences do: all the
    # item holds of the question.
    assert both.shaped_coverage == pytest.approx(both.item_coverage)
    absent = gate_features(plan_query("Hvor lenge gjelder skjenkebevillingen til Kafé Fjord, og "
                                      "hvem ble godkjent som daglig leder?"), hits, index)
    assert absent.shaped_coverage < both.shaped_coverage - 0.2


def test_the_threshold_decides(index) -> None:
    question = "Hva ble vedtatt om svømmehallen?"
    plan, hits = plan_query(question), _hits(question, index)
    assert not decide(plan, hits, index, threshold=1.01).answer
    assert decide(plan, hits, index, threshold=0.0).answer


def _header(body: str) -> Chunk:
    return Chunk(chunk_id="tu:v:header:0", text=f"{HEADING}\nMøteinformasjon\n\n{body}",
                 meeting_id="tu", body="Teknisk utvalg", meeting_date="2026-02-03", item="",
                 item_title="Møteinformasjon", section=SectionKind.header, source_file="tu.txt",
                 content_hash="h", version="v")


@pytest.mark.parametrize("question", [
    # "Hvor ble ... holdt" says which field is asked; the body and the day say which meeting.
    # Nothing else is topic, so the header of that meeting covers the question.
    "Hvor holdt teknisk utvalg møtet sitt 3. februar 2026?",
    # No header writes "utvalgsmøtet": its first part names the body the heading does.
    "Hvor ble utvalgsmøtet holdt 3. februar 2026?",
])
def test_a_question_about_the_meeting_itself_is_covered_by_naming_the_meeting(question: str) -> None:
    header = _header("Organ: Teknisk utvalg\nDato: 2026-02-03\nSted: Kommunestyresalen")
    index = MemoryLexicalIndex([header, *(_chunk(n, *v) for n, v in ITEMS.items())])
    plan = plan_query(question)
    assert plan.place
    features = gate_features(plan, [Hit(header, 1 / 61, 3.0)], index)
    assert features.unit_coverage > 0.8


@pytest.mark.parametrize("question", ["Hvor holdt teknisk utvalg møtet sitt?",
                                      "Where was the technical committee's meeting held?"])
def test_a_meeting_question_naming_only_the_body_is_answered_without_a_day(question: str) -> None:
    # No day names the meeting: the body does, and the place row holds none of its words.
    # Two meetings of the body tie, so the ranking says nothing either.
    header = _header("Organ: Teknisk utvalg\nDato: 2026-02-03\nSted: Kommunestyresalen")
    later = header.model_copy(update={
        "chunk_id": "tu2:v:header:0", "meeting_id": "tu2", "meeting_date": "2026-03-10",
        "text": header.text.replace("03.02.2026 (3. februar", "10.03.2026 (10. mars")})
    index = MemoryLexicalIndex([header, later, *(_chunk(n, *v) for n, v in ITEMS.items())])
    plan = plan_query(question)
    assert plan.place and not plan.constraints.days
    assert decide(plan, [Hit(header, 1 / 61, 3.0), Hit(later, 1 / 62, 3.0)], index).answer


def test_the_intent_of_an_english_meeting_question_is_no_topic_once_translated() -> None:
    # "what time", "start", "end" say which header row is asked; translated first they were
    # "tid", "slutt": topic words no header row holds.
    header = _header("Organ: Teknisk utvalg\nDato: 2026-02-03\nTid: 18:00 - 20:30")
    index = MemoryLexicalIndex([header, *(_chunk(n, *v) for n, v in ITEMS.items())])
    plan = plan_query("What time did the technical committee meeting on 3 February 2026 start "
                      "and end?")
    assert plan.meeting_level and plan.english
    assert {t.term for t in topic_terms(plan, index)} <= {"teknisk", "utvalg", "møt"}


def test_the_gate_reads_the_passages_the_answer_would_quote() -> None:
    # The header names every topic of the meeting (its agenda, a preamble); for a question
    # that is not about the meeting itself it is no answer, so the gate must not read it.
    header = _header("Saker: 8 Kunstgressbane på Hølen\nSpørsmål fra Per Li om kunstgressbanen.")
    item = _chunk("5", *ITEMS["5"])
    index = MemoryLexicalIndex([header, item])
    plan = plan_query("Hva ble sagt om kunstgressbanen på Hølen?")
    features = gate_features(plan, [Hit(header, 1 / 61, 5.0), Hit(item, 1 / 62, 1.0)], index)
    assert features.unit_coverage < 0.6  # only "Hølen", from the item
    alone = gate_features(plan, [Hit(header, 1 / 61, 5.0)], index)
    assert alone.unit_coverage > 0.8  # with nothing else found, the header is all there is


def test_a_participant_list_found_before_any_item_is_read() -> None:
    # "var varamedlem for" is no attendance wording the plan knows, so the question is not
    # about the meeting itself; but retrieval put the participant list first, above every
    # item, in spite of its prior: that list is what the question is about.
    people = Chunk(chunk_id="tu:v:participants:0",
                   text=f"{HEADING}\nDeltakere\n\nDeltakere:\nKari Nordmann, AP, Leder\n"
                        "Ola Hansen, SP, Varamedlem for Per Li",
                   meeting_id="tu", body="Teknisk utvalg", meeting_date="2026-02-03", item="",
                   item_title="Deltakere", section=SectionKind.participants,
                   source_file="tu.txt", content_hash="h", version="v")
    item = _chunk("5", *ITEMS["5"])
    index = MemoryLexicalIndex([people, item])
    plan = plan_query("Hvem var varamedlem for Per Li i teknisk utvalg?")
    assert not plan.meeting_level
    first = gate_features(plan, [Hit(people, 1 / 61, 5.0), Hit(item, 1 / 62, 1.0)], index)
    assert first.shaped_coverage > 0.8
    second = gate_features(plan, [Hit(item, 1 / 61, 5.0), Hit(people, 1 / 62, 1.0)], index)
    assert second.shaped_coverage < 0.5  # below an item, the list is the meeting's, not an answer


def test_a_question_about_the_meeting_reads_the_text_of_a_meeting_without_items() -> None:
    # No item was found (a flattened page): the document's text holds the header's
    # sentences, and a question about the meeting itself reads it beside the header.
    header = _header("Organ: Teknisk utvalg\nDato: 2026-02-03")
    text = Chunk(chunk_id="tu:v:document:0",
                 text=f"{HEADING}\nProtokoll\n\nForfall: Per Berg og Eva Holm.\nPlanene ble drøftet.",
                 meeting_id="tu", body="Teknisk utvalg", meeting_date="2026-02-03", item="",
                 item_title="Protokoll", section=SectionKind.document, source_file="tu.txt",
                 content_hash="h", version="v")
    plan = plan_query("Hvem hadde forfall til møtet i teknisk utvalg 3. februar 2026?")
    assert plan.meeting_level
    assert answer_passages(plan, [Hit(header, 1 / 61, 3.0), Hit(text, 1 / 62, 2.0)]) == [
        Hit(header, 1 / 61, 3.0), Hit(text, 1 / 62, 2.0)]


def test_a_header_line_is_read_as_said_of_the_meeting_its_place_names() -> None:
    # "... møtet i Fredrikkesalen": the place names the meeting, as its day would
    # (the chunker writes the place row, and the minutes' own header row follows in the text)
    header = _header("Organ: Teknisk utvalg\nSted: Nordby skole, gymsalen\n\n"
                     "Møtested: Nordby skole, gymsalen\nPer Berg og Eva Holm meldte forfall.")
    plan = plan_query("Hvem meldte forfall til teknisk utvalgs møte i gymsalen?")
    features = gate_features(plan, [Hit(header, 1 / 61, 3.0)], MemoryLexicalIndex([header]))
    assert features.shaped_coverage > 0.9


def test_a_header_that_outranks_every_item_answers_who_but_not_what_was_replied() -> None:
    # The header records who briefed and who asked; not the reply, nor a decision.
    header = _header("Orienteringer:\n• Svømmehallen v/Kari Li\nPer Berg spurte om lysløypa.")
    item = _chunk("5", *ITEMS["5"])
    hits = [Hit(header, 1 / 61, 3.0), Hit(item, 1 / 62, 2.0)]
    who = plan_query("Hvem orienterte om svømmehallen?")
    assert answer_passages(who, hits)[0] == hits[0]
    for question in ("Hva svarte ordføreren på spørsmålet om lysløypa?",
                     "Hva vedtok utvalget om lysløypa?"):
        assert answer_passages(plan_query(question), hits) == [hits[1]]


def test_a_line_of_a_text_without_items_is_not_read_under_the_pages_title() -> None:
    # A web page titled by one of its cases ("12/12 Støtte til fergeselskapet"), whose
    # items were not found: its lines are not said under that title.
    title = "12/12 Støtte til fergeselskapet"
    page = Chunk(chunk_id="tu:v:document:0",
                 text=f"{HEADING}\n{title}\n\nNeste møte holdes på Son med kr 900 i diett.",
                 meeting_id="tu", body="Teknisk utvalg", meeting_date="2026-02-03", item="",
                 item_title=title, section=SectionKind.document, source_file="tu.txt",
                 content_hash="h", version="v")
    plan = plan_query("Hvor mye støtte fikk fergeselskapet?")
    features = gate_features(plan, [Hit(page, 1 / 61, 3.0)], MemoryLexicalIndex([page]))
    assert features.shaped_coverage < 0.5


def test_a_line_that_only_takes_note_of_a_matter_answers_no_question_about_its_content() -> None:
    # "Rapporten om sykefraværet tas til orientering": noted, nothing of what it says
    noted = _chunk("9", "Sykefravær 2025", "Rapporten om sykefraværet i 2025 tas til orientering.")
    index = MemoryLexicalIndex([noted])
    content = gate_features(plan_query("Hva viste rapporten om sykefraværet i 2025?"),
                            [Hit(noted, 1 / 61, 3.0)], index)
    decided = gate_features(plan_query("Hva ble vedtatt om rapporten om sykefraværet i 2025?"),
                            [Hit(noted, 1 / 61, 3.0)], index)
    assert content.unit_coverage < 0.2 < 0.8 < decided.unit_coverage


def test_a_sentence_that_only_repeats_the_heading_is_no_answer() -> None:
    # Items kept out of the public copy keep only their title, repeated as the body: under
    # that heading the repeat says nothing, whether or not the complaint was upheld.
    title = "Klage på avslag om parkeringstillatelse"
    bare = _chunk("8", title, f"{title}.")
    decided = _chunk("8", title, f"{title}.\nKlagen på avslaget ble tatt til følge.")
    question = "Ble klagen på avslaget om parkeringstillatelse tatt til følge?"
    plan = plan_query(question)
    empty = gate_features(plan, [Hit(bare, 1 / 61, 3.0)], MemoryLexicalIndex([bare]))
    full = gate_features(plan, [Hit(decided, 1 / 61, 3.0)], MemoryLexicalIndex([decided]))
    assert empty.unit_coverage == 0.0 and empty.item_coverage > 0.5
    assert full.unit_coverage > 0.8


def test_a_nested_bullet_is_read_under_the_line_that_opens_its_list() -> None:
    body = ("Nordby kommune:\n\n- Planene for et nytt datasenter på Sletta:\n"
            " - o Kommunestyret ba om en konsekvensutredning for Sletta.\n"
            " - o Etableringen kan gi opp mot 200 nye arbeidsplasser.")
    item = _chunk("9", "Runde rundt bordet", body)
    flat = _chunk("9", "Runde rundt bordet", body.replace(":\n", ".\n").replace(" - o ", "- "))
    plan = plan_query("Hvor mange arbeidsplasser kan datasenteret på Sletta gi?")
    nested = gate_features(plan, [Hit(item, 1 / 61, 3.0)], MemoryLexicalIndex([item]))
    apart = gate_features(plan, [Hit(flat, 1 / 61, 3.0)], MemoryLexicalIndex([flat]))
    assert nested.shaped_coverage > 0.9  # the count, read under "datasenter på Sletta"
    assert apart.shaped_coverage < 0.5  # separate bullets: the count's line holds no topic


def test_a_part_of_a_two_part_question_is_read_under_its_lead_line_too() -> None:
    body = ("Nordby kommune:\n\n- Planene for et nytt datasenter på Sletta:\n"
            " - o Kommunestyret ba om en konsekvensutredning.\n"
            " - o Etableringen kan gi opp mot 200 nye arbeidsplasser.")
    item = _chunk("9", "Runde rundt bordet", body)
    index = MemoryLexicalIndex([item])
    plan = plan_query("Hva ba kommunestyret om, og hvor mange arbeidsplasser kan datasenteret "
                      "på Sletta gi?")
    parts = question_parts(plan, index)
    counted = next(p for p in parts if p.wants == "number")
    found = part_answer(counted, item)
    assert found is not None and found[1].endswith("200 nye arbeidsplasser.")
    assert found[0] > 0.9  # "datasenter på Sletta" is said by the line that opens the list


# English questions --------------------------------------------------------------------------

def _one_item_index(body: str) -> MemoryLexicalIndex:
    return MemoryLexicalIndex([_chunk("1", "Bad", body), _chunk("2", "Veier", "Veiene ble brøytet.")])


def test_a_passage_with_any_translation_of_an_english_word_holds_it() -> None:
    # The glossary gives "svømmehall" first and "basseng" second for "swimming pool".
    index = _one_item_index("Kommunen bygger et nytt basseng i Nordby.")
    topic = topic_terms(plan_query("Where will the new swimming pool be built?"), index)
    assert coverage(topic, "Kommunen bygger et nytt basseng i Nordby.") == pytest.approx(
        coverage(topic, "Kommunen bygger en ny svømmehall i Nordby."))
    assert coverage(topic, "Kommunen bygger et nytt basseng i Nordby.") > 0.5


def test_common_english_words_are_grammar_in_an_english_question(index) -> None:
    topic = {t.term: t for t in topic_terms(plan_query("How many uniforms did the school band get?"), index)}
    # "many" is as common in English as "hva" in Norwegian; "uniforms" says what is asked.
    assert topic[word_terms("many")[0]].weight < 0.25 * topic[word_terms("uniforms")[0]].weight


def test_an_untranslated_english_word_is_not_read_as_a_norwegian_compound() -> None:
    # "headland" would split into "head" + "land"; both are words of this archive.
    index = _one_item_index("Hver head på land kostet kr 200.")
    topic = {t.term: t for t in topic_terms(plan_query("What was the headland near the pool?"), index)}
    landmark = topic[word_terms("headland")[0]]
    assert not landmark.known and landmark.parts == ()


def test_a_sentence_is_read_under_its_bodys_short_name() -> None:
    """"Ble innkallingen til FSK-møtet godkjent?": the short name is said of the meeting, as
    its heading says the body's full name, and "Godkjent." under it answers."""
    heading = "Vestby kommune, Formannskapet – møte 03.02.2026 (3. februar 2026)"
    chunk = Chunk(chunk_id="fsk:v:item:1:0",
                  text=f"{heading}\nSak 1: Godkjenning av innkalling\n\nGodkjent.",
                  meeting_id="fsk", body="Formannskapet", meeting_date="2026-02-03", item="1",
                  item_title="Godkjenning av innkalling", section=SectionKind.item,
                  source_file="fsk.txt", content_hash="h", version="v")
    index = MemoryLexicalIndex([chunk])
    plan = plan_query("Ble innkallingen til FSK-møtet godkjent?")
    hits = [Hit(chunk, 1 / 61, 1.0)]
    named = gate_features(plan, hits, index)
    unnamed = gate_features(plan_query("Ble innkallingen til XYZ-møtet godkjent?"), hits, index)
    assert named.unit_coverage == pytest.approx(1.0)
    assert unnamed.unit_coverage < 0.9


def test_a_bodys_short_name_names_its_meeting() -> None:
    heading = "Vestby kommune, Formannskapet – møte 03.02.2026 (3. februar 2026)"
    chunk = Chunk(chunk_id="fsk:v:item:1:0", text=f"{heading}\nSak 1: Budsjett\n\nVedtatt.",
                  meeting_id="fsk", body="Formannskapet", meeting_date="2026-02-03", item="1",
                  item_title="Budsjett", section=SectionKind.item, source_file="fsk.txt",
                  content_hash="h", version="v")
    index = MemoryLexicalIndex([chunk])
    whole = plan_query("Hvilke saker behandlet FSK 3. februar 2026?")
    narrowed = plan_query("Hvilke saker om skolekorps behandlet FSK 3. februar?")
    assert asks_whole_agenda(whole, topic_terms(whole, index), chunk)
    assert not asks_whole_agenda(narrowed, topic_terms(narrowed, index), chunk)


@pytest.mark.parametrize("question", ["Hva er fristen for søknader om kulturstipend?",
                                      "Innen hvilken dato må søknader om kulturstipend sendes?"])
def test_the_noun_naming_the_asked_date_is_no_topic_word(question: str) -> None:
    # "fristen", "dato" say a date is asked; the minutes give the date, seldom the noun.
    item = _chunk("9", "Kulturstipend 2026", "Søknader om kulturstipend sendes innen 1. oktober.")
    index = MemoryLexicalIndex([item, *(_chunk(n, *v) for n, v in ITEMS.items())])
    plan = plan_query(question)
    assert plan.wants == "date"
    topic = topic_terms(plan, index)
    assert not {"frist", "dato"} & {t.term for t in topic}
    features = gate_features(plan, [Hit(item, 1 / 61, 3.0)], index)
    assert features.shaped_own > 0.9


def test_a_list_entry_is_read_under_its_sub_heading_and_the_line_that_opens_the_list() -> None:
    body = ("Medlemslistene til eldrerådet suppleres slik:\n\nBondelaget:\n\nNr. 3 Kari Li\n\n"
            "Sanitetslaget:\n\nNr. 2 Per Holm\n\nVedtaket var enstemmig.")
    item = _chunk("4", "Supplering av medlemmer", body)
    read = dict((u, lead) for u, lead in own_units(item))
    assert "Sanitetslaget:" in read["Nr. 2 Per Holm"]
    assert "suppleres slik:" in read["Nr. 2 Per Holm"]
    assert "Bondelaget:" not in read["Nr. 2 Per Holm"]
    assert read["Vedtaket var enstemmig."] == ""  # a sentence ends the list
    plan = plan_query("Hvem ble satt opp for Sanitetslaget på medlemslisten til eldrerådet?")
    f = gate_features(plan, [Hit(item, 1 / 61, 3.0)], MemoryLexicalIndex([item]))
    assert f.shaped_own > 0.5  # the name's line, with its sub-heading, holds the party


def test_a_body_the_passage_speaks_of_is_not_the_body_that_met() -> None:
    """"Hvem ble vara til formannskapet?" asked of the election board's item that fills the
    formannskap's lists: the body named is the passage's subject, not a wrong meeting."""
    def meeting(mid: str, body: str, text: str) -> Chunk:
        return Chunk(chunk_id=f"{mid}:v:item:1:0", text=f"{body} – møte\nSak 1: Lister\n\n{text}",
                     meeting_id=mid, body=body, meeting_date="2026-02-03", item="1",
                     item_title="Lister", section=SectionKind.item, source_file=f"{mid}.txt",
                     content_hash="h", version="v")
    board = meeting("vs", "Valgstyret", "Varalisten til formannskapet suppleres med Kari Li.")
    council = meeting("fsk", "Formannskapet", "Budsjettet ble vedtatt.")
    index = MemoryLexicalIndex([board, council])
    plan = plan_query("Hvem ble satt på varalisten til formannskapet?")
    assert gate_features(plan, [Hit(board, 1 / 61, 3.0)], index).named_body == 0.5
    elsewhere = meeting("vs", "Valgstyret", "Varalisten suppleres med Kari Li.")
    index = MemoryLexicalIndex([elsewhere, council])
    assert gate_features(plan, [Hit(elsewhere, 1 / 61, 3.0)], index).named_body == 0.0


def test_a_name_weighs_by_its_rarity_only_and_has_no_synonyms(index) -> None:
    # "Høyre" the party is no word of grammar, as "høyre" (right) is; nor is it "venstre".
    named = {t.term: t for t in _topic("Hvem fikk Høyre valgt inn i utvalget?", index)}
    common = {t.term: t for t in _topic("Hvem sitter til høyre i utvalget?", index)}
    key = next(iter(named.keys() & common.keys() - {"utvalg"}))
    assert named[key].weight > common[key].weight
    assert not named[key].synonyms


@pytest.mark.parametrize("question", ["Hva ble utfallet av søknaden fra skolekorpset?",
                                      "Hva ble vedtatt om søknaden fra skolekorpset?"])
def test_a_word_asking_for_the_outcome_is_the_plans_not_a_topic_word(index, question) -> None:
    plan = plan_query(question)
    assert plan.asks_outcome
    assert {t.term for t in topic_terms(plan, index)} == {"søknad", "skolekorp"}


@pytest.mark.parametrize("question", ["Innen hvilken dato må svømmehallen stenge?",
                                      "By which date must the swimming pool close?"])
def test_the_word_governing_the_question_word_is_no_topic_word(index, question) -> None:
    terms = {t.term for t in _topic(question, index)}
    assert "svømmehall" in terms
    assert not terms & {"inn", "innen", "by"}  # "innen hvilken dato": part of the asking
