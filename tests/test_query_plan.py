"""What a question asks, on made-up questions in Norwegian and English, and the one
`Constraints.check` that retrieval and the answer step share."""

from __future__ import annotations

import pytest

from service.query_plan import asked_shape, plan_query, without_intent


@pytest.mark.parametrize("question,wants", [
    ("Hvem ble valgt som leder av klagenemnda?", "person"),
    ("Who chaired the planning committee?", "person"),
    ("Når skal den nye gangbrua stå ferdig?", "date"),
    ("Hvilken dato er fristen for innspill?", "date"),
    ("When will the library reopen?", "date"),
    ("Hvor mye fikk skolekorpset i tilskudd?", "money"),
    ("Hvilket beløp ble bevilget til lysløypa?", "money"),
    ("How much will the new ferry quay cost?", "money"),
    ("Hvor mange elever går på Vestby skole?", "number"),
    ("Hvilken leiepris ble avtalt for båthavna?", "money"),
    ("Hva blir det nye feiegebyret i kroner?", "money"),
    ("Hva koster den nye brannbilen?", "money"),
    ("What did the new ferry quay cost?", "money"),
    ("Hvilket tilskudd søkte idrettslaget om?", None),
    ("How many members does the youth council have?", "number"),
    ("Hva ble sagt om lysløypa?", None),
    ("What was said about the ferry quay?", None),
    ("Hva er parkeringsavgiften ved rådhuset?", "money"),
    ("Hva tar svømmehallen betalt for en time?", "money"),
    ("What monthly rent does the sports club pay for the hall?", "money"),
    ("What will a new pedestrian bridge across the river at Nordby cost the municipality?", "money"),
    ("Hvor mye fikk korpset i tilskudd, og når ble det utbetalt?", "money"),
    ("Hvilket tilskudd fikk korpset, og når ble det utbetalt?", "date"),
])
def test_what_kind_of_answer_is_wanted(question: str, wants: str | None) -> None:
    assert plan_query(question).wants == wants


@pytest.mark.parametrize("question,wants", [
    ("Hva ble den nye investeringsrammen for brannstasjonen?", "money"),
    ("Hva var overskuddet til kulturhuset i fjor?", "money"),
    ("What were the ski club's total operating revenues last year?", "money"),
    ("What deficit did the harbour company show?", "money"),
    ("Hva ble rammen for arbeidet med planen?", None),  # a framework, not an amount
    ("Hvor stor er avgiften for båtplassene?", "money"),  # "hvor stor" of a fee
    ("What was decided on the budget for the ferry quay?", None),
    ("What was the annual profit of the harbour company?", "money"),
    ("What hourly rate does the consultant charge the municipality?", "money"),
    ("Hva var utbyttet fra kraftselskapet i fjor?", "money"),
    ("Hva ble bevilgningen til lysløypa?", "money"),
    ("What dividend model did the council back?", None),  # a model, not an amount
    ("What was the loss of jobs at the sawmill?", None),
])
def test_a_noun_that_names_an_amount_asks_for_money(question: str, wants: str | None) -> None:
    assert asked_shape(question) == wants


def test_when_as_regards_is_not_a_date_question() -> None:
    assert plan_query("Hva mener rådet når det gjelder lysløypa?").wants is None


@pytest.mark.parametrize("question", [
    "Hvem skal låse hallen når andre leier den?",
    "When the committee met in March, who voted against the ferry quay?",
    "Når rådet behandlet budsjettet, hva ba det om?",
])
def test_when_that_sets_the_scene_is_not_what_is_asked(question: str) -> None:
    assert plan_query(question).wants != "date"


@pytest.mark.parametrize("question", [
    "Hvor lang tid får lagene på å søke om tilskudd?",
    "Hvor lenge skal budsjettet for brøyting gjelde?",
    "How long will the grant for the ski trail run?",
])
def test_a_length_of_time_is_not_an_amount_of_money(question: str) -> None:
    # "til 30. juni 2028" answers it as well as "i tre år"
    assert plan_query(question).wants == "duration"


@pytest.mark.parametrize(("question", "wants"), [
    ("Hvor skal samlingen for ungdomsrådene holdes?", "place"),
    ("Where will the new swimming pool be built?", "place"),
    ("På hvilket sted skal brua bygges?", "place"),
    ("Hvor mye koster brua?", "money"),  # a measure, not a place
    ("Hvor står arbeidet med brua?", None),  # how far it has come
    ("Hvem skal lede arbeidet, og hvor?", "person"),
])
def test_hvor_asks_for_a_place_unless_a_measure_follows(question: str, wants: str | None) -> None:
    assert asked_shape(question) == wants


@pytest.mark.parametrize(("question", "parts"), [
    ("Hvor lenge gjelder bevillingen til Kafé Fjord, og hvem ble godkjent som styrer?",
     [("Hvor lenge gjelder bevillingen til Kafé Fjord", "duration"),
      ("hvem ble godkjent som styrer?", "person")]),
    ("Who chaired the meeting in March and who was the deputy?",
     [("Who chaired the meeting in March", "person"), ("who was the deputy?", "person")]),
    ("Hvor mye søkte korpset om, og når ble pengene utbetalt?",
     [("Hvor mye søkte korpset om", "number"), ("når ble pengene utbetalt?", "date")]),
])
def test_a_question_that_asks_two_things_has_two_parts(question: str,
                                                        parts: list[tuple[str, str]]) -> None:
    plan = plan_query(question)
    assert [(p, asked_shape(p)) for p in plan.parts] == parts


@pytest.mark.parametrize("question", [
    "Hvem skal låse hallen når andre leier den?",  # "når" opens a clause of the one question
    "Hva mente rådet om lysløypa og skiløypa?",
    "Hvem ble valgt til leder?",
])
def test_a_question_that_asks_one_thing_has_no_parts(question: str) -> None:
    assert plan_query(question).parts == ()


def test_hvor_many_with_money_words_counts_rather_than_sums() -> None:
    assert plan_query("Hvor mange søkte om tilskudd?").wants == "number"


@pytest.mark.parametrize("question,expected", [
    ("Hvilke saker ble behandlet om veivedlikehold?", True),
    ("Which items concerned the harbour?", True),
    ("List the cases about snow clearing.", True),
    ("Hvem deltok fra Vestby kommune?", False),  # "hvem" asks people, not a list of items
    ("Hva ble sagt om veivedlikehold?", False),
])
def test_list_questions(question: str, expected: bool) -> None:
    assert plan_query(question).asks_list is expected


@pytest.mark.parametrize("question,expected", [
    ("Ble budsjettet for lysløypa vedtatt?", True),
    ("Fikk skolekorpset tilskudd?", True),
    ("Har kommunen søkt om midler til gangbrua?", True),
    ("Was the ferry quay approved?", True),
    ("Did the council agree on the fee?", True),
    ("Hva ble vedtatt om lysløypa?", False),
    ("What did the council decide?", False),
])
def test_yes_no_questions(question: str, expected: bool) -> None:
    assert plan_query(question).yes_no is expected


@pytest.mark.parametrize("question,expected", [
    ("Hva ble konkludert om gangbrua?", True),
    ("Hva vedtok utvalget om lysløypa?", True),
    ("Var det enighet om bompengene?", True),
    ("What was decided about the ferry quay?", True),
    ("What was the outcome of the fee debate?", True),
    ("Hva ble sagt om gangbrua?", False),
    ("What was said about the ferry quay?", False),
])
def test_outcome_questions(question: str, expected: bool) -> None:
    assert plan_query(question).asks_outcome is expected


@pytest.mark.parametrize("question,attendance,place", [
    ("Hvem deltok fra Vestby kommune?", True, False),
    ("Hvem var til stede på møtet?", True, False),
    ("Who attended the meeting in March?", True, False),
    ("Who chaired the meeting?", True, False),
    ("Hvor ble møtet holdt?", False, True),
    ("Where was the meeting held?", False, True),
    ("Hvor var årsmøtet i Fjellstua velforening?", False, True),  # a compound of "møte"
    ("Hva ble sagt om gangbrua?", False, False),
])
def test_meeting_level_questions(question: str, attendance: bool, place: bool) -> None:
    plan = plan_query(question)
    assert (plan.attendance, plan.place) == (attendance, place)
    assert plan.meeting_level is (attendance or place)


@pytest.mark.parametrize("question", [
    "Hvor mye får medlemmene i møtegodtgjørelse per møte?",  # "hvor mye", not "where"
    "Hvor mange møter holdt utvalget i fjor?",
])
def test_hvor_with_a_measure_is_no_place_question(question: str) -> None:
    plan = plan_query(question)
    assert not plan.place and plan.wants in ("number", "money")


def test_a_count_of_participants_is_no_roll_call() -> None:
    assert not plan_query("Hvor mange deltakere var det på festivalen?").attendance
    assert plan_query("Hvilke deltakere var til stede?").attendance


@pytest.mark.parametrize("question", [
    "Når startet møtet i teknisk utvalg?",
    "Hvor lenge varte møtet?",
    "What time did the planning committee meeting start?",
    "How long did the meeting last?",
])
def test_when_the_meeting_began_or_ended_is_asked_of_the_header(question: str) -> None:
    plan = plan_query(question)
    assert plan.meeting_time and plan.meeting_level
    assert plan.wants in ("time", "number")  # a clock time or a duration, not the day


def test_without_intent_keeps_the_words_that_name_the_meeting() -> None:
    # Word by word: "trafikkutvalget" between "hvor holdt" and "møtet" names the meeting.
    rest = without_intent("Hvor holdt trafikkutvalget møtet sitt i mai?").split()
    assert "trafikkutvalget" in rest and "møtet" in rest
    assert "Hvor" not in rest and "holdt" not in rest
    # English says it in the present: "hold" is the intent too, no topic ("holde").
    rest = without_intent("Where did the library board hold its June meeting?").split()
    assert "library" in rest and "hold" not in rest


def test_where_is_not_when() -> None:
    # "da budsjettet ble behandlet" is a clause of time; the question asks a place.
    assert plan_query("Hvor ble møtet holdt da budsjettet ble behandlet?").wants == "place"


def test_board_meeting_questions() -> None:
    assert plan_query("Hvilke saker er meldt opp til neste styremøte?").board
    assert plan_query("What goes to the next board meeting?").board
    assert not plan_query("Hva ble sagt om gangbrua?").board


def test_language_is_detected() -> None:
    assert plan_query("What was decided about the ferry quay?").english
    assert not plan_query("Hva ble vedtatt om fergekaia?").english


def test_item_numbers_and_dates_are_constraints_not_search_words() -> None:
    plan = plan_query("Hva ble vedtatt i sak 13 den 4. mars 2026 om fergekaia?")
    assert "13" not in plan.search_terms and "2026" not in plan.search_terms
    assert plan.constraints.item_refs and plan.constraints.days


# Constraints.check ------------------------------------------------------------------------

def check(question: str, text: str, **kw: str) -> bool:
    return plan_query(question).constraints.check(text, **kw)


def test_no_constraints_accept_anything() -> None:
    assert check("Hva ble sagt om fergekaia?", "Helt annen tekst.", meeting_date="2019-01-01")


def test_years_are_met_by_the_text_or_the_meeting_date() -> None:
    q = "Hva ble bevilget til fergekaia i 2025?"
    assert check(q, "Fergekaia får 2 mill. kr i 2025.", meeting_date="2026-02-01")
    assert check(q, "Fergekaia får 2 mill. kr.", meeting_date="2025-10-01")
    assert not check(q, "Fergekaia får 2 mill. kr i 2026.", meeting_date="2026-02-01")
    assert not check(q, "Fergekaia får 2 mill. kr.", meeting_date="")


def test_days_are_met_by_a_written_day_or_the_meeting_date() -> None:
    q = "Hva ble sagt om fergekaia 13. mai?"
    assert check(q, "Befaring ved fergekaia 13.05.2026.", meeting_date="2026-02-01")
    assert check(q, "Befaring ved fergekaia.", meeting_date="2026-05-13")
    assert not check(q, "Befaring ved fergekaia.", meeting_date="2026-05-14")
    with_year = "Hva ble sagt om fergekaia 13. mai 2025?"
    assert not check(with_year, "Befaring ved fergekaia.", meeting_date="2026-05-13")
    assert check(with_year, "Befaring 13. mai 2025.", meeting_date="2026-05-13")


def test_months_are_met_by_the_meeting_month_or_a_mention() -> None:
    q = "Hva ble sagt om fergekaia i februar?"
    assert check(q, "Saken ble utsatt.", meeting_date="2026-02-10")
    assert not check(q, "Saken ble utsatt.", meeting_date="2026-03-10")
    assert check(q, "Saken utsettes til februar.", meeting_date="2026-03-10")
    assert check(q, "Frist for innspill er 15.02.2026.", meeting_date="2026-03-10")
    with_year = "Hva skjedde med fergekaia i mars 2025?"
    assert check(with_year, "Saken ble utsatt.", meeting_date="2025-03-10")
    assert not check(with_year, "Saken ble utsatt.", meeting_date="2026-03-10")


def test_english_months_and_may_the_verb() -> None:
    assert check("What happened in May?", "x", meeting_date="2025-05-10")
    assert not check("What happened in May?", "x", meeting_date="2025-06-10")
    assert not plan_query("May I ask about the ferry quay?").constraints.months


@pytest.mark.parametrize("question,item,expected", [
    ("Hva ble vedtatt i sak 7?", "7", True),
    ("Hva ble vedtatt i sak 7?", "8", False),
    ("Hva ble vedtatt i sak 7?", "17", False),
    ("What was decided in item 4?", "4", True),
    ("Hva ble vedtatt i PS 1/26?", "PS 1/26", True),
    ("Hva ble vedtatt i PS 1/26?", "PS 2/26", False),
    ("Hva ble vedtatt i ps 01/26?", "PS 1/26", True),
    ("Hva ble vedtatt i ps 1/26?", "OS 1/26", False),  # another kind of case
    ("Hva ble vedtatt i sak 3?", "PS 3/26", True),  # the year part is optional in speech
    ("Hva ble vedtatt i sak 1/26?", "PS 1/2026", True),
    ("Hva ble vedtatt i sak 1/26?", "PS 1/25", False),
])
def test_item_refs_match_the_item_as_written(question: str, item: str, expected: bool) -> None:
    assert check(question, "Vedtak som innstilt.", item=item) is expected


def test_item_refs_are_also_met_by_a_reference_in_the_text() -> None:
    assert check("Hva ble vedtatt i sak 7?", "Viser til sak 7 om fergekaia.", item="9")
    assert check("Hva ble vedtatt i ps 01/26?", "Jf. PS 1/26 fra januar.", item="PS 4/26")
    assert not check("Hva ble vedtatt i sak 7?", "Viser til sak 8.", item="9")


@pytest.mark.parametrize("question,agenda", [
    ("Hvilke saker behandlet planutvalget 4. mars?", True),
    ("What items were on the agenda of the harbour board in May 2026?", True),
    ("Hvilke saker er foreslått til neste styremøte?", False),  # the board's list, not an agenda
    ("Hva ble sagt om lysløypa?", False),
])
def test_a_question_for_a_meetings_items_is_an_agenda_question(question: str, agenda: bool) -> None:
    assert plan_query(question).agenda is agenda


@pytest.mark.parametrize(("question", "parts"), [
    ("Who chaired the meeting, and in which room was it held?",
     ("Who chaired the meeting", "in which room was it held?")),
    ("Hvor mye fikk korpset, og fra hvilket fond?", ("Hvor mye fikk korpset", "fra hvilket fond?")),
    ("Hvem skal låse hallen og rydde etterpå?", ()),  # one question, two tasks
])
def test_a_part_may_open_with_a_preposition(question: str, parts: tuple[str, ...]) -> None:
    assert plan_query(question).parts == parts


def test_the_room_of_a_meeting_is_its_place() -> None:
    assert plan_query("In which room was the meeting held?").place
    assert plan_query("I hvilket rom ble møtet holdt?").place


@pytest.mark.parametrize("question", ["Hvor møttes utvalget i mars?",
                                      "Where did the harbour board meet in May?"])
def test_where_a_body_met_is_the_meetings_place(question: str) -> None:
    assert plan_query(question).place


@pytest.mark.parametrize("question", ["Når møttes eldrerådet i juni?",
                                      "When did the harbour board meet?"])
def test_when_a_body_met_is_the_meetings_time(question: str) -> None:
    assert plan_query(question).meeting_time


@pytest.mark.parametrize("question", [
    "Hva er høringsfristen for den nye parkeringsforskriften?",
    "Hva var oppstartsdatoen for brubyggingen?",
    "What is the consultation deadline for the harbour plan?",
])
def test_a_deadline_asked_by_its_compound_noun_wants_a_date(question: str) -> None:
    assert plan_query(question).wants == "date"
