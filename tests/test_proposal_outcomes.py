"""A proposal quoted in an answer comes with what became of it: the vote and the verdict that
follow it in the minutes, so "X fremmet følgende forslag:" never reads as adopted."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

MINUTES = """MØTEPROTOKOLL

Formannskap

Møtedato:     12.03.2026
Møtested:     Nordby rådhus

PS 5/26 Vintervedlikehold av kommunale veger

Behandling

Kari Li (Venstre) fremmet følgende forslag:

Brøytingen av gang- og sykkelveger skal starte før klokken sju.

For forslaget stemte 2: Kari Li (V), Per Moe (H).
Imot forslaget stemte 9: Ola Dahl (AP), Siv Berg (AP), Anne Ås (SP).
Dermed ble forslaget ikke vedtatt.

Vedtak
Vintervedlikeholdet videreføres som i dag.
"""


@pytest.fixture(scope="module")
def client(minutes_client) -> TestClient:  # noqa: ANN001
    return minutes_client({"nordby-formannskap-2026-03-12.txt": MINUTES})


def test_a_quoted_proposal_comes_with_its_vote_and_verdict(client: TestClient) -> None:
    # The line that answers is the proposal's own text; quoted alone it says the meeting
    # decided so, where the minutes say the proposal fell.
    body = client.post("/v1/ask", json={
        "question": "Skal brøytingen av gang- og sykkelveger starte før klokken sju?"
    }).json()
    assert body["answered"], body["answer"]
    answer = body["answer"]
    for line in ("Kari Li (Venstre) fremmet følgende forslag:",
                 "For forslaget stemte 2: Kari Li (V), Per Moe (H).",
                 "Dermed ble forslaget ikke vedtatt."):
        assert f"«{line}»" in answer
    # The decision the meeting did make is no part of the proposal's fate.
    assert "Vintervedlikeholdet videreføres" not in answer


TWO_PROPOSALS = """MØTEPROTOKOLL

Formannskap

Møtedato:     19.03.2026
Møtested:     Nordby rådhus

PS 8/26 Bruk av næringsfondet 2026

Behandling

Kari Li (Venstre) fremmet følgende forslag:

Tilskudd til ny scene i Nordby park: 80.000 kr

For forslaget stemte 3: Kari Li (V), Per Moe (H), Eva Lund (R).
Imot forslaget stemte 8: Ola Dahl (AP), Siv Berg (AP), Anne Ås (SP).
Dermed ble forslaget ikke vedtatt.

Kari Li (Venstre) fremmet følgende forslag:

Tilskudd til benker langs elvepromenaden: 45.000 kr

For forslaget stemte 2: Kari Li (V), Per Moe (H).
Imot forslaget stemte 9: Ola Dahl (AP), Siv Berg (AP), Anne Ås (SP), Eva Lund (R).
Dermed ble forslaget ikke vedtatt.

Vedtak
Nordby idrettslag får 150.000 kr til nye lysmaster.
"""


def test_a_second_proposal_in_the_same_words_keeps_its_own_verdict(minutes_client) -> None:  # noqa: ANN001
    # The same member opens both proposals with the same line, and both fall with the same
    # sentence: each line is the minutes' own, and the second proposal's fate is its own.
    client = minutes_client({"nordby-formannskap-2026-03-19.txt": TWO_PROPOSALS})
    body = client.post("/v1/ask", json={
        "question": "Fikk benkene langs elvepromenaden tilskudd?"}).json()
    assert body["answered"], body["answer"]
    answer = body["answer"]
    assert "«Tilskudd til benker langs elvepromenaden: 45.000 kr»" in answer
    assert "«For forslaget stemte 2: Kari Li (V), Per Moe (H).»" in answer
    assert "«Dermed ble forslaget ikke vedtatt.»" in answer


OVERRULED = """MØTEPROTOKOLL

Hovedutvalg for kultur

Møtedato:     24.03.2026
Møtested:     Nordby rådhus

PS 9/26 Tilskudd til Nordby sommerfestival 2026

Behandling

Innstilling:
Søknad om tilskudd på kr 400 000 til Nordby sommerfestival innvilges for 2026.
Festivalen har hatt 9 000 besøkende i året siden 2019.

Per Moe (Høyre) fremmet følgende forslag:
Nordby sommerfestival innvilges kr 250 000 for 2026.

For forslaget stemte 7: Per Moe (H), Ola Dahl (AP), Siv Berg (AP).
Imot forslaget stemte 2: Anne Ås (SP), Kari Li (V).
Dermed ble forslaget vedtatt.

Vedtak
Nordby sommerfestival innvilges kr 250 000 for 2026.
"""


@pytest.fixture(scope="module")
def overruled(minutes_client) -> TestClient:  # noqa: ANN001
    return minutes_client({"nordby-kultur-2026-03-24.txt": OVERRULED})


def test_a_recommendation_the_decision_overruled_is_not_quoted_as_a_grant(
        overruled: TestClient) -> None:
    body = overruled.post("/v1/ask", json={
        "question": "Hvor mye fikk Nordby sommerfestival i tilskudd for 2026?"}).json()
    assert body["answered"], body
    assert "kr 250 000" in body["answer"]
    assert "kr 400 000" not in body["answer"]


def test_the_recommendation_is_quoted_when_it_is_asked(overruled: TestClient) -> None:
    body = overruled.post("/v1/ask", json={
        "question": "Hva var innstillingen om tilskudd til Nordby sommerfestival?"}).json()
    assert body["answered"], body
    assert "kr 400 000" in body["answer"]


def test_a_fact_the_decision_does_not_speak_to_stays(overruled: TestClient) -> None:
    body = overruled.post("/v1/ask", json={
        "question": "Hvor mange besøkende har Nordby sommerfestival hatt i året?"}).json()
    assert body["answered"], body
    assert "9 000 besøkende" in body["answer"]
