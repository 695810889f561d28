""""Hvem deltok fra Asker?" over an archive where other meetings' headers say "deltok" again
and again: the attendance words say what is asked of a meeting and are not searched for, so
the participant list that names Asker is found."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.query_plan import plan_query

CHATTY = """                               MØTEPROTOKOLL

                                      Formannskap

Møtedato:     20.01.2026
Tidspunkt:    12:00 - 15:00
Møtested:     Nordby rådhus

Deltakelse:
Ola Dahl deltok fra sak 2. Siri Lund deltok fra sak 3. Per Moe deltok digitalt.
Kommunalsjef for kultur deltok under sak 4. Ungdomsrådets leder deltok under sak 5.
Kari Ås hadde meldt forfall. Ingen vara kunne møte.

Saksliste

PS 1/26 Godkjenning av innkalling

PS 1/26 Godkjenning av innkalling

Vedtak
Innkallingen godkjennes.
"""

ROLL = """Referat fra møte i Regionalt planforum

Tid: 4. februar 2026 kl. 09.00-11.00

Sted: Teams

Deltakere:

Fornavn\tEtternavn\tOrganisasjon
Kari\tNordmann\tAsker kommune
Liv\tBerg\tBærum kommune
Ahmed\tRashid\tViken fylkeskommune

1. Felles arealstrategi

Planforumet drøftet utkastet til felles arealstrategi.
"""


@pytest.fixture(scope="module")
def client(minutes_client) -> TestClient:  # noqa: ANN001
    return minutes_client({"nordby-formannskap-2026-01-20.txt": CHATTY,
                           "planforum-2026-02-04.txt": ROLL})


@pytest.mark.parametrize("question", ["Hvem deltok fra Asker?", "Who attended from Asker?"])
def test_who_attended_from_a_place_finds_its_participant_list(client: TestClient,
                                                              question: str) -> None:
    body = client.post("/v1/ask", json={"question": question}).json()
    assert body["answered"]
    assert "Kari Nordmann" in body["answer"]
    assert "Liv Berg" not in body["answer"] and "Ola Dahl" not in body["answer"]


def test_the_attendance_words_are_not_search_terms() -> None:
    plan = plan_query("Hvem deltok fra Asker?")
    assert plan.attendance
    assert "deltok" not in plan.search_terms and plan.search_terms


def test_who_sent_apologies_is_the_headers_sentence_on_it(client: TestClient) -> None:
    body = client.post("/v1/ask", json={
        "question": "Hvem meldte forfall til formannskapet 20. januar?"}).json()
    assert body["answered"]
    assert "Kari Ås hadde meldt forfall." in [c["quote"] for c in body["citations"]]


# Members named by the council they come from, as one "Til stede:" sentence the parser
# splits into a line each: "fra Follo" is a part of "Follorådet", not a word of its own.
REGIONS = """Referat fra møte i styret for Sørregionen

Tid: tirsdag 10. mars 2026, kl 10.00 Sted: Formannskapssalen

Til stede: Follorådet Ordfører Kari Li, Vestregionen Ordfører Per Moe, Regionrådet for Hadeland Ordfører Siv Dahl

Sak 1/26: Godkjenning av innkalling Innkalling til møtet godkjennes.
"""


def test_who_attended_from_a_region_named_in_a_compound(minutes_client) -> None:  # noqa: ANN001
    client = minutes_client({"sorregionen-2026-03-10.txt": REGIONS})
    body = client.post("/v1/ask", json={"question": "Hvem deltok fra Follo?"}).json()
    assert body["answered"], body
    assert "Kari Li" in body["answer"]
    # Neither the other members nor the sentence naming them all.
    assert "Per Moe" not in body["answer"] and "Siv Dahl" not in body["answer"]
