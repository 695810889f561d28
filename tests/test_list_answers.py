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


SIBLINGS = """Møteprotokoll

Havnestyret i Nordby kommune

Møtedato: 12.05.2026

PS 5/26 Rekruttering av havnearbeidere

Havnesjefen orienterte om mangelen på arbeidskraft, derfor satses det på rekruttering:
    o   samarbeid med fagskolen i Nordby om lærlinger
    o   samarbeid med Polen, inkludert erfaringer med sesongarbeidere og vurdering av fast ansettelse
    o   kurs i kranføring for 12 ansatte, med en kostnad på 80 000 kroner

Vedtak:
Saken tas til orientering.
"""


def test_an_entry_of_a_list_brings_the_other_entries(minutes_client) -> None:  # noqa: ANN001
    client: TestClient = minutes_client({"nordby-havnestyret-2026-05-12.txt": SIBLINGS})
    body = client.post("/v1/ask", json={
        "question": "Hva gjør havnestyret med lærlinger fra fagskolen?"}).json()
    assert body["answered"], body
    # the line asked for, and the list it stands in, the long entry too
    assert "lærlinger" in body["answer"] and "Polen" in body["answer"], body["answer"]
    # an amount asked brings only what holds more of the question
    money = client.post("/v1/ask", json={
        "question": "Hvilken kostnad har opplæringen i kranføring for 12 ansatte?"}).json()
    assert "80 000" in money["answer"] and "Polen" not in money["answer"], money["answer"]


ROUND = """Referat

Administrativ koordineringsgruppe

Møtedato: 14.04.2026

Sak 5 Runde rundt bordet

Nordbyregionen IPR:

- mangel på arbeidskraft i industrien, derfor satses det på rekruttering:
 - samarbeid rettet mot Portugal
 - samarbeid med Chile om helsepersonell, med erfaringer fra to kull og vurdering av videre utveksling
- kan være et tema for erfaringsdeling i regionene

Sørbyregionen IPR:

- mangel på sykepleiere, og en ny avtale om rekruttering fra Spania
"""


def test_a_sub_list_is_read_under_its_heading_and_ends_where_the_bullets_end(
        minutes_client) -> None:  # noqa: ANN001
    client: TestClient = minutes_client({"kg-2026-04-14.txt": ROUND})
    body = client.post("/v1/ask", json={
        "question": "Hvilke land satser Nordbyregionen på for å rekruttere arbeidskraft?"}).json()
    assert body["answered"], body
    assert "Portugal" in body["answer"] and "Chile" in body["answer"], body["answer"]
    assert "Spania" not in body["answer"], body["answer"]
