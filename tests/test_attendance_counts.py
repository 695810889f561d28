""""Hvor mange var til stede?" asks the meeting's roll counted, which the minutes state in a
sentence ("Det var 14 stemmeberettigede til stede."), not the people at an event they tell of."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.query_plan import plan_query

MINUTES = """MØTEPROTOKOLL

Formannskap

Møtedato:     03.03.2026
Møtested:     Nordby rådhus

Deltakelse:
Kari Li (V) hadde meldt forfall. Ingen vara kunne møte.
Det var 14 stemmeberettigede til stede.

PS 12/26 Nordby vinterfestival

Festivalsjefen orienterte: festivalen hadde 2 300 deltakere i år.

Vedtak
Orienteringen tas til etterretning.
"""


@pytest.fixture(scope="module")
def client(minutes_client) -> TestClient:  # noqa: ANN001
    return minutes_client({"nordby-formannskap-2026-03-03.txt": MINUTES})


@pytest.mark.parametrize("question", ["Hvor mange var til stede i formannskapet 3. mars 2026?",
                                      "Hvor mange møtte i formannskapet 3. mars 2026?"])
def test_the_count_of_those_present_is_quoted(client: TestClient, question: str) -> None:
    body = client.post("/v1/ask", json={"question": question}).json()
    assert body["answered"], body
    assert body["citations"][0]["quote"] == "Det var 14 stemmeberettigede til stede."


def test_people_at_an_event_are_not_the_roll() -> None:
    assert plan_query("Hvor mange representanter møtte i formannskapet?").attendance
    assert not plan_query("Hvor mange deltok på vinterfestivalen?").attendance
