"""A case number with its year ("sak 4/19") names one case of one year: it is found in that
year's meetings even when the question has no other word to search with, and the verb that
asks what a case is about ("Hva handlet ... om?") is no word of the topic."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.query_plan import plan_query

OLD = """Møteprotokoll

Formannskapet i Nordby kommune

Møtedato: 12.03.2019

PS 3/19 Godkjenning av innkalling

Vedtak:
Innkallingen godkjennes.

PS 4/19 Ny brannstasjon på Holm

Rådmannen la fram tre tomter for den nye brannstasjonen.

Vedtak:
Tomten ved Holm skole velges for den nye brannstasjonen.
"""

NEW = """Møteprotokoll

Eldrerådet i Nordby kommune

Møtedato: 04.02.2026

PS 4/26 Seniorsenteret på Holm

Eldrerådet drøftet åpningstidene ved seniorsenteret.

Vedtak:
Seniorsenteret holder åpent også på lørdager.
"""


@pytest.fixture(scope="module")
def client(minutes_client) -> TestClient:  # noqa: ANN001
    return minutes_client({"nordby-formannskap-2019-03-12.txt": OLD,
                           "nordby-eldreradet-2026-02-04.txt": NEW})


@pytest.mark.parametrize("question", ["Hva handlet sak 4/19 om?", "Hva gjaldt PS 4/19?"])
def test_a_case_number_with_its_year_finds_that_years_case(client: TestClient,
                                                           question: str) -> None:
    body = client.post("/v1/ask", json={"question": question}).json()
    assert body["answered"], body
    assert {(c["item"], c["meeting_date"]) for c in body["citations"]} == {
        ("PS 4/19", "2019-03-12")}


def test_the_same_number_in_another_year_is_another_case(client: TestClient) -> None:
    body = client.post("/v1/ask", json={"question": "Hva handlet sak 4/26 om?"}).json()
    assert body["answered"], body
    assert {c["meeting_date"] for c in body["citations"]} == {"2026-02-04"}


@pytest.mark.parametrize("question", ["Hva handlet søknaden fra Holm IL om?",
                                      "Hva dreide saken om Holm skole seg om?",
                                      "Hva gikk forslaget fra Holm IL ut på?"])
def test_the_verb_asking_what_a_case_is_about_is_not_searched(question: str) -> None:
    terms = plan_query(question).search_terms
    assert "holm" in terms
    assert not {"handl", "dreid", "gikk"} & set(terms), terms


def test_the_same_verb_without_about_is_searched() -> None:
    assert "handl" in plan_query("Hvem handlet inn utstyret til Holm IL?").search_terms
