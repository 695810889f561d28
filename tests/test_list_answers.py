"""A list question is answered by the list: the sentence on the topic is followed by the line
that opens the list ("De ulike alternativene var:"), and the items under it are quoted."""

from __future__ import annotations

from fastapi.testclient import TestClient

MINUTES = """Møteprotokoll

Eldrerådet i Nordby kommune

Møtedato: 05.05.2026

PS 3/26 Godkjenning av innkalling

Vedtak:
Innkallingen godkjennes.

PS 4/26 Framtidig drift av Holm bibliotek

Enhetsleder orienterte om arbeidet med å vurdere ulike løsninger for Holm bibliotek.
De ulike løsningene var:
    o   Løsning A: Dagens drift videreføres
    o   Løsning B: Meråpent bibliotek uten betjening
    o   Løsning C: Bokbuss en dag i uka

Vedtak:
Eldrerådet anbefaler løsning B.
"""


def test_a_list_question_quotes_the_list(minutes_client) -> None:  # noqa: ANN001
    client: TestClient = minutes_client({"nordby-eldreradet-2026-05-05.txt": MINUTES})
    body = client.post("/v1/ask", json={
        "question": "Hvilke løsninger for Holm bibliotek ble lagt fram for eldrerådet?"}).json()
    assert body["answered"], body
    for line in ("Løsning A: Dagens drift videreføres", "Løsning B: Meråpent bibliotek uten betjening",
                 "Løsning C: Bokbuss en dag i uka"):
        assert f"«{line}»" in body["answer"], body["answer"]
