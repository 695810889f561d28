"""A title that holds what the question asks (an amount) is quoted when no sentence under
it holds one: the minutes put "beløp NOK 48.000,-" in the title, and the body only tells
how the money will be spent."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

TITLE = "Tildeling av kulturmidler til nye gardiner i Nordby samfunnshus, beløp NOK 35.000,-"

MINUTES = f"""Møteprotokoll

Utvalg for Nordby samfunnshus

Møtedato: 09.02.2026

PS 1/26 Godkjenning av innkalling

Vedtak:
Innkallingen godkjennes.

PS 2/26 {TITLE}

Utvalget gikk gjennom hvilke vinduer som trenger nye gardiner. I 3. møte i utvalget
skal vi velge leverandør og farger.

Vedtak:
Utvalget innhenter tilbud fra to leverandører før neste møte.
"""


@pytest.fixture(scope="module")
def client(minutes_client) -> TestClient:  # noqa: ANN001
    return minutes_client({"nordby-samfunnshus-2026-02-09.txt": MINUTES})


def test_the_title_with_the_amount_is_quoted(client: TestClient) -> None:
    body = client.post("/v1/ask", json={
        "question": "Hvor mye penger fikk utvalget for Nordby samfunnshus til nye gardiner?"}).json()
    assert body["answered"], body
    assert body["citations"][0]["item"] == "PS 2/26"
    assert body["citations"][0]["quote"] == TITLE
