"""Questions about the next board meeting, over made-up minutes with a section of items
proposed for it: the section's own heading says when and where, and is what the answer
quotes; the proposals are not shown as items of the meeting whose minutes list them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.query_plan import plan_query

HEADING = "Foreløpige saker til styremøtet 9. juni, kl. 10:00-12:00, Kommunestyresalen"

MINUTES = f"""Referat fra møte i Regionrådets arbeidsutvalg

Tid: 12. mai 2026 kl. 09.00-11.00

Sted: Nordby skole

1. Godkjenning av innkalling

Godkjennes

2. Felles innkjøp av brøytetjenester

Arbeidsutvalget drøftet et felles anbud på brøyting for de fire kommunene.

Oppsummering av innspill og konklusjon:
- Sekretariatet utreder et felles anbud til høsten.

{HEADING}

Orienteringssaker

7. Felles innkjøp av brøytetjenester

8. Regional plan for kollektivtrafikk

Vedtakssaker

9. Budsjett for sekretariatet 2027
"""


@pytest.fixture(scope="module")
def client(minutes_client) -> TestClient:  # noqa: ANN001
    return minutes_client({"regionrad-au-2026-05-12.txt": MINUTES})


def _ask(client: TestClient, question: str) -> dict:
    resp = client.post("/v1/ask", json={"question": question})
    assert resp.status_code == 200, resp.text
    return resp.json()


@pytest.mark.parametrize("question", ["Når og hvor er neste styremøte?",
                                      "When is the next board meeting?",
                                      # the verbs asking when are no topic words
                                      "Når begynner neste styremøte?",
                                      "When does the next board meeting start?"])
def test_the_next_meeting_is_answered_by_the_board_sections_heading(client: TestClient,
                                                                     question: str) -> None:
    body = _ask(client, question)
    assert body["answered"]
    quotes = [c["quote"] for c in body["citations"]]
    assert HEADING in quotes
    assert quotes.count(HEADING) == 1  # one line of the minutes, quoted once


def test_the_proposals_are_listed_under_the_heading_and_not_as_items_of_this_meeting(
        client: TestClient) -> None:
    body = _ask(client, "Hvilke saker er foreslått til neste styremøte?")
    assert body["answered"]
    quotes = [c["quote"] for c in body["citations"]]
    assert quotes[0] == HEADING
    answer = body["answer"]
    for title in ("Regional plan for kollektivtrafikk", "Budsjett for sekretariatet 2027"):
        assert title in answer
    # Proposal 8 is the board's number: this meeting has no item 8.
    assert "Sak 8" not in answer
    assert all(c["quote"] in " ".join(MINUTES.split()) for c in body["citations"])


def test_where_the_next_meeting_is_held_is_not_a_question_about_this_meetings_header() -> None:
    ahead = plan_query("Hvor skal neste styremøte holdes?")
    assert ahead.ahead and ahead.board and not ahead.place
    own = plan_query("Hvor ble styremøtet holdt?")
    assert own.place and not own.ahead


# Two bodies without a list of items for the board: one's minutes say when it meets next,
# the other's do not. Every item of the second names it in its heading, and none is an answer.
ELDERS = """MØTEPROTOKOLL

Eldrerådet

Møtedato:     10.03.2026
Møtested:     Nordby rådhus

PS 1/26 Tilskudd til seniordans

Vedtak
Eldrerådet søker kommunen om kr 20 000 til seniordans innen utgangen av mai.
"""

YOUTH = """MØTEPROTOKOLL

Ungdomsrådet

Møtedato:     11.03.2026
Møtested:     Nordby rådhus

PS 1/26 Ungdomskortet

Vedtak
Ungdomsrådet støtter et felles ungdomskort for buss. Neste møte i ungdomsrådet er 22. april.
"""


@pytest.fixture(scope="module")
def councils(minutes_client) -> TestClient:  # noqa: ANN001
    return minutes_client({"eldreradet-2026-03-10.txt": ELDERS,
                           "ungdomsradet-2026-03-11.txt": YOUTH})


def test_the_next_meeting_of_a_body_is_what_its_minutes_say_of_it(councils) -> None:  # noqa: ANN001
    body = _ask(councils, "Når er neste møte i ungdomsrådet?")
    assert body["answered"], body
    assert "22. april" in body["answer"]


def test_no_line_on_the_next_meeting_is_no_answer(councils) -> None:  # noqa: ANN001
    # "innen utgangen av mai" is a date in an item of the body asked about, not its next meeting.
    body = _ask(councils, "Når er neste møte i eldrerådet?")
    assert not body["answered"], body["answer"]
