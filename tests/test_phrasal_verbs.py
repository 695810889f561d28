"""A phrasal verb in a question ("leid ut", "kjøpt inn") finds the one word the minutes
write for the act ("utleie", "innkjøp")."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from index.analyze import particle_verb, word_terms

MINUTES = """Møteprotokoll

Kulturutvalget i Nordby kommune

Møtedato: 14.01.2026

PS 1/26 Godkjenning av innkalling

Vedtak:
Innkallingen godkjennes.

PS 2/26 Årsmelding for Nordbyhallen

Driftslederen la fram årsmeldingen. Nordbyhallen hadde 52 kvelder med utleie i 2025, mot 41 året før.

Vedtak:
Årsmeldingen tas til orientering.

PS 3/26 Nye stoler til biblioteket

Innkjøp av 40 stoler til lesesalen koster 96 000 kroner.

Vedtak:
Biblioteket får dekket innkjøpet innenfor rammen.
"""


@pytest.fixture(scope="module")
def client(minutes_client) -> TestClient:  # noqa: ANN001
    return minutes_client({"nordby-kulturutvalget-2026-01-14.txt": MINUTES})


def test_leid_ut_finds_utleie(client: TestClient) -> None:
    body = client.post("/v1/ask", json={
        "question": "Hvor mange kvelder ble Nordbyhallen leid ut i 2025?"}).json()
    assert body["answered"], body
    assert body["citations"][0]["item"] == "PS 2/26"
    assert "52 kvelder" in body["answer"]


@pytest.mark.parametrize("verb,particle,noun", [
    ("leid", "ut", "utleie"), ("kjøpte", "inn", "innkjøpet"), ("betalt", "ut", "utbetalingen"),
    ("lagt", "ned", "nedleggelsen")])
def test_a_phrasal_verb_is_the_term_of_its_noun(verb: str, particle: str, noun: str) -> None:
    assert particle_verb(verb, particle) in word_terms(noun)


def test_a_preposition_is_no_particle() -> None:
    assert particle_verb("søkte", "om") is None
