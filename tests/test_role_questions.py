"""A role asked of a body ("Hvem er leder for ...?") is answered from the participant list,
where the role is a column, not from an item that happens to name the body and a person."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.query_plan import plan_query

MINUTES = """                               MØTEPROTOKOLL

                                      Ungdomsrådet

Møtedato:     14.04.2026
Tidspunkt:    17:00 - 19:00
Møtested:     Nordby skole, aulaen

Følgende medlemmer møtte:
Navn                              Funksjon    Repr.
Sigrid Haugland                   Leder       ANDRE
Jonas Moen                        Nestleder   ANDRE
Emma Lie                          Medlem      ANDRE

Saksliste

PS 4/26 Ungdomskort for buss

PS 4/26 Ungdomskort for buss

Behandling
Ungdomsrådet drøftet prisen på ungdomskortet. Emma Lie la fram et forslag om lavere pris.

Ungdomsrådet ble enig om følgende vedtak, mot en stemme (Emma Lie):

Vedtak
Ungdomsrådet ber kommunen arbeide for et billigere ungdomskort.
"""


@pytest.fixture(scope="module")
def client(minutes_client) -> TestClient:  # noqa: ANN001
    return minutes_client({"ungdomsradet-2026-04-14.txt": MINUTES})


@pytest.mark.parametrize(("question", "name"), [
    ("Hvem er leder for ungdomsrådet?", "Sigrid Haugland"),
    ("Hvem er nestleder i ungdomsrådet?", "Jonas Moen"),
])
def test_a_role_is_read_from_the_participant_list(client: TestClient, question: str,
                                                  name: str) -> None:
    body = client.post("/v1/ask", json={"question": question}).json()
    assert body["answered"]
    quotes = [c["quote"] for c in body["citations"]]
    assert any(name in q for q in quotes)
    assert not any("Emma Lie" in q for q in quotes)


def test_a_role_question_is_about_the_meeting_an_election_is_not() -> None:
    assert plan_query("Hvem er leder for ungdomsrådet?").attendance
    assert plan_query("Who is the chair of the youth council?").attendance
    assert not plan_query("Hvem ble valgt til leder for ungdomsrådet?").attendance
    assert not plan_query("Hvem leder arbeidet med ungdomskortet?").attendance  # a task


@pytest.mark.parametrize("question", ["Hvem ledet møtet i ungdomsrådet?",
                                      "Who chaired the meeting of the youth council?"])
def test_the_chair_is_the_leader_line_alone(client: TestClient, question: str) -> None:
    body = client.post("/v1/ask", json={"question": question}).json()
    assert body["answered"]
    quotes = [c["quote"] for c in body["citations"]]
    assert any("Sigrid Haugland" in q for q in quotes)
    assert not any("Jonas Moen" in q or "Emma Lie" in q for q in quotes)


def test_a_role_no_list_gives_is_not_answered_with_everyone(client: TestClient) -> None:
    body = client.post("/v1/ask", json={"question": "Hvem er sekretær for ungdomsrådet?"}).json()
    assert not any(name in body["answer"] for name in ("Sigrid Haugland", "Jonas Moen", "Emma Lie"))


def test_the_role_asked_is_read_as_the_lists_write_it() -> None:
    assert plan_query("Hvem er nestleder i ungdomsrådet?").role == "nestleder"
    assert plan_query("Hvem ledet møtet?").role == "leder"
    assert plan_query("Who was the chair of the board?").role == "leder"
    assert plan_query("Hvem deltok fra Asker?").role is None


WITH_A_LEADER_IN_AN_ITEM = MINUTES.replace("Saksliste", """Saksliste

PS 3/26 Fritidsklubben

Leder for fritidsklubben, Ola Berg, orienterte ungdomsrådet om nye åpningstider.
""", 1)


@pytest.mark.parametrize("question", ["Hvem leder ungdomsrådet?", "Who chairs the youth council?"])
def test_the_present_tense_asks_the_bodys_leader(minutes_client, question: str) -> None:  # noqa: ANN001
    # An item names a "leder" and the body; the list says who leads the body.
    client = minutes_client({"ungdomsradet-2026-04-14.txt": WITH_A_LEADER_IN_AN_ITEM})
    body = client.post("/v1/ask", json={"question": question}).json()
    assert body["answered"], body
    quotes = [c["quote"] for c in body["citations"]]
    assert any("Sigrid Haugland" in q for q in quotes), quotes
    assert not any("Ola Berg" in q for q in quotes), quotes


PROSE = """PROTOKOLL FRA MØTE I NORDBY REGIONRÅD

Tid: Mandag 9. mars 2026 kl 10-14. Sted: Nordby rådhus.

Sak 3/26 Protokoll og opprop

Ordførerne i Nordby, Holm og Vik møtte. Møtet ble ledet av regionrådets nestleder, ordfører Kari Vik. Protokollen fra forrige møte ble godkjent.

Sak 4/26 Næringsplan for regionen

Regionrådet drøftet næringsplanen. Vedtak: Planen sendes på høring.
"""


@pytest.mark.parametrize("question", ["Hvem ledet møtet i Nordby regionråd?",
                                      "Who chaired the meeting of Nordby regionråd?"])
def test_minutes_in_prose_say_the_chair_in_a_sentence(minutes_client, question: str) -> None:  # noqa: ANN001
    client = minutes_client({"nordby-regionrad-2026-03-09.txt": PROSE})
    body = client.post("/v1/ask", json={"question": question}).json()
    assert body["answered"], body
    assert body["citations"][0]["quote"] == ("Møtet ble ledet av regionrådets nestleder, ordfører "
                                             "Kari Vik.")


@pytest.mark.parametrize(("question", "wanted"), [
    ("Hvem ledet møtet i ungdomsrådet, og hvem var nestleder?", ("Sigrid Haugland", "Jonas Moen")),
    ("Who chaired the youth council meeting, and in which room was it held?",
     ("Sigrid Haugland", "aulaen")),
])
def test_each_part_of_a_question_about_the_meeting_is_answered(
        client: TestClient, question: str, wanted: tuple[str, str]) -> None:
    body = client.post("/v1/ask", json={"question": question}).json()
    assert body["answered"]
    for text in wanted:
        assert text in body["answer"]
    assert "Emma Lie" not in body["answer"]  # no part asks for the whole list


def test_where_and_when_the_body_met_is_read_from_the_header(client: TestClient) -> None:
    body = client.post("/v1/ask", json={"question": "Hvor og når møttes ungdomsrådet?"}).json()
    assert body["answered"]
    assert "aulaen" in body["answer"] and "17:00 - 19:00" in body["answer"]
