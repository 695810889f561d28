"""An item whose body only labels its sections ("Behandling", "Vedtak") says what it says
in its title: "Når er fristen ...?" is answered by the title that holds the date."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

TITLE = "Planprogram for kommunedelplan Nordby sentrum - høring med frist 15.08.26"

MINUTES = f"""Referat fra møte i Eldrerådet

Tid: 3. juni 2026 kl. 10.00-12.00

Sted: Nordby rådhus

1. Godkjenning av innkalling

Godkjennes

2. {TITLE}

Behandling

Vedtak

3. Tilskudd til seniordans

Eldrerådet drøftet tilskuddet til seniordansen og ba om en ny søknad innen 1. september.
"""


@pytest.fixture(scope="module")
def client(minutes_client) -> TestClient:  # noqa: ANN001
    return minutes_client({"nordby-eldreradet-2026-06-03.txt": MINUTES})


def test_a_title_that_holds_the_answer_is_quoted(client: TestClient) -> None:
    body = client.post("/v1/ask", json={
        "question": "Når er fristen for høring av planprogrammet for Nordby sentrum?"}).json()
    assert body["answered"]
    assert body["citations"][0]["item"] == "2"
    assert body["citations"][0]["quote"] == TITLE
