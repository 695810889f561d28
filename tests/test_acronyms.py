"""A long name in a question finds the initials the minutes write for it ("brukerstyrt
personlig assistanse" / "BPA-ordningen")."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

MINUTES = """Møteprotokoll

Formannskapet i Nordby kommune

Møtedato: 10.03.2026

PS 5/26 Godkjenning av innkalling

Vedtak:
Innkallingen godkjennes.

PS 6/26 Årsmelding for NKB

Daglig leder la fram årsmeldingen. NKB eier nå 240 utleieboliger, 12 flere enn året før.

Vedtak:
Årsmeldingen tas til orientering.

PS 7/26 Trafikksikkerhet ved Nordby skole

Formannskapet ber om en ny gangfelt ved skolen.
"""


@pytest.fixture(scope="module")
def client(minutes_client) -> TestClient:  # noqa: ANN001
    return minutes_client({"nordby-formannskap-2026-03-10.txt": MINUTES})


def test_a_long_name_finds_its_initials(client: TestClient) -> None:
    body = client.post("/v1/ask", json={
        "question": "Hvor mange utleieboliger eier Nordby kommunale boligselskap?"}).json()
    assert body["answered"], body
    assert body["citations"][0]["item"] == "PS 6/26"
    assert "240 utleieboliger" in body["answer"]


def test_initials_that_are_a_common_word_are_no_name(client: TestClient) -> None:
    # "sak", "mai" are words: a question whose word initials spell one finds nothing by them.
    from service.evidence import acronyms

    class Index:
        def doc_freq(self, term: str) -> int:
            return 5

    assert acronyms(["styrets", "andre", "kontor"], Index()) == {}  # type: ignore[arg-type]
