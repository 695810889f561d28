"""A "hvorfor" / "why" question is answered by the line that gives grounds, and by the grounds
the minutes write a line or two from what happened (made-up minutes)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.query_plan import plan_query
from service.shapes import gives_reason

MINUTES = """                               MØTEPROTOKOLL

                                      Havnestyret

Møtedato:     05.05.2026
Tidspunkt:    18:00 - 20:00
Møtested:     Nordby rådhus

Saksliste

PS 7/26 Tilskudd til båtforeningen
PS 8/26 Høringssvar om nye fyrlykter

PS 7/26 Tilskudd til båtforeningen

Behandling
Per Lund (SP) ba styret om å vurdere hans habilitet, med følgende begrunnelse: "Sønn er kasserer i båtforeningen".
Per Lund (SP) fratrådte møtet under behandling av spørsmålet om habilitet.
Per Lund (SP) ble kjent inhabil og fratrådte møtet under behandling av saken.
Båtforeningen får 40 000 kroner til nye flytebrygger.

Vedtak
Båtforeningen får 40 000 kroner til nye flytebrygger.

PS 8/26 Høringssvar om nye fyrlykter

Behandling
Havnesjefen la fram et utkast til høringssvar om de nye fyrlyktene ved innseilingen.
Styret drøftet høringssvaret om fyrlyktene, men det ble ikke fattet vedtak om høringssvaret om fyrlyktene.
Leder motsatte seg å fatte vedtak i saken med hjemmel i havneloven § 4.

Vedtak
Ingen vedtak.
"""


@pytest.fixture(scope="module")
def client(minutes_client) -> TestClient:  # noqa: ANN001
    return minutes_client({"havnestyret-2026-05-05.txt": MINUTES})


def test_why_questions_ask_for_grounds() -> None:
    assert plan_query("Hvorfor ble det ikke fattet vedtak?").asks_reason
    assert plan_query("Why was the member disqualified?").asks_reason
    assert plan_query("Hvilke begrunnelser ga havnesjefen?").asks_reason
    assert not plan_query("Hva ble vedtatt om fyrlyktene?").asks_reason


@pytest.mark.parametrize(("text", "grounds"), [
    ("Leder motsatte seg å fatte vedtak med hjemmel i havneloven § 4.", True),
    ("Det er uaktuelt da dette vil kreve et eget styre.", True),
    ("The item was postponed because the report was late.", True),
    ("Havnesjefen la fram et utkast.", False),
    ("Da møtet startet, var alle til stede.", False),  # "da" of time gives no grounds
])
def test_a_line_that_gives_grounds(text: str, grounds: bool) -> None:
    assert gives_reason(text) is grounds


def test_why_no_decision_is_answered_by_the_grounds(client: TestClient) -> None:
    body = client.post("/v1/ask", json={
        "question": "Hvorfor ble det ikke fattet vedtak om høringssvaret om fyrlyktene?"}).json()
    assert body["answered"]
    # the grounds are the answer, quoted first; not the lines on what was discussed
    assert "havneloven § 4" in body["citations"][0]["quote"]


def test_why_someone_was_disqualified_brings_the_grounds_written_beside_it(
        client: TestClient) -> None:
    body = client.post("/v1/ask", json={
        "question": "Hvorfor ble Per Lund kjent inhabil i saken om tilskudd til båtforeningen?"}).json()
    assert body["answered"]
    assert "Sønn er kasserer" in body["answer"]
