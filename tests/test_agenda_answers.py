"""Questions about a whole meeting: "Hvilke saker behandlet ungdomsrådet i mars?" when the
council met twice that month (the items of both meetings, in date order, of no other month),
and "Hva ble vedtatt i formannskapet 12. februar?" (each item's decision, not its background)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def _minutes(day: str, items: list[str]) -> str:
    body = "\n\n".join(f"{n}. {title}\n\nSaken ble drøftet. Tas til orientering."
                       for n, title in enumerate(items, 1))
    return f"""Referat fra møte i Ungdomsrådet

Tid: {day} kl. 17.00-19.00

Sted: Nordby skole

{body}
"""


MEETINGS = {
    "ungdomsradet-2026-03-04.txt": ("4. mars 2026", ["Skolerute 2027", "Ungdomskort for buss"]),
    "ungdomsradet-2026-03-25.txt": ("25. mars 2026", ["Budsjett for ungdomsklubben",
                                                     "Valg av representant til fylket"]),
    "ungdomsradet-2026-04-15.txt": ("15. april 2026", ["Sommerjobb for ungdom"]),
}


@pytest.fixture(scope="module")
def client(minutes_client) -> TestClient:  # noqa: ANN001
    return minutes_client({name: _minutes(day, items) for name, (day, items) in MEETINGS.items()})


def test_the_agenda_of_a_month_lists_every_meeting_of_that_month(client: TestClient) -> None:
    body = client.post("/v1/ask", json={"question": "Hvilke saker behandlet ungdomsrådet i mars?"}).json()
    assert body["answered"]
    answer = body["answer"]
    titles = ["Skolerute 2027", "Ungdomskort for buss", "Budsjett for ungdomsklubben",
              "Valg av representant til fylket"]
    assert all(t in answer for t in titles)
    assert [answer.index(t) for t in titles] == sorted(answer.index(t) for t in titles)
    assert "Sommerjobb" not in answer
    assert {c["meeting_date"] for c in body["citations"]} == {"2026-03-04", "2026-03-25"}


@pytest.mark.parametrize("question", ["Which items did the youth council handle in March 2026?",
                                      "What matters did the youth council discuss in March 2026?"])
def test_an_english_agenda_question_asked_with_a_base_verb(client: TestClient,
                                                          question: str) -> None:
    # "did ... handle / discuss": the verb asks for the agenda; translated, "håndtere" was
    # a topic word no item holds.
    body = client.post("/v1/ask", json={"question": question}).json()
    assert body["answered"], body["answer"]
    assert {c["meeting_date"] for c in body["citations"]} == {"2026-03-04", "2026-03-25"}


DECISIONS = """Referat fra møte i Formannskapet

Tid: 12. februar 2026 kl. 10.00-12.00

Sted: Nordby rådhus

1. Tilskudd til skolekorps

Korpset søkte om 40 000 kroner til nye uniformer.

Vedtak:

Nordby skolekorps får et tilskudd på kr 40 000.

2. Ny brøyteplan

Administrasjonen la fram forslaget til ny brøyteplan.

Vedtak:

Brøyteplanen vedtas slik den er lagt fram.

3. Orientering om regnskapet

Økonomisjefen orienterte om regnskapet for 2025.

Vedtak:

Tas til orientering.
"""


@pytest.fixture(scope="module")
def decisions(minutes_client) -> TestClient:  # noqa: ANN001
    return minutes_client({"nordby-formannskap-2026-02-12.txt": DECISIONS})


def test_what_a_meeting_decided_is_each_items_decision(decisions: TestClient) -> None:
    body = decisions.post("/v1/ask", json={
        "question": "Hva ble vedtatt i formannskapet 12. februar?"}).json()
    assert body["answered"]
    quotes = [c["quote"] for c in body["citations"]]
    assert quotes == ["Nordby skolekorps får et tilskudd på kr 40 000.",
                      "Brøyteplanen vedtas slik den er lagt fram.", "Tas til orientering."]
    assert "Korpset søkte" not in body["answer"]  # the background is not the decision


# One matter on two meetings' agendas, neither writing a date in it: the meetings date it.
PLOWING = {
    "nordby-teknisk-utvalg-2026-02-03.txt": """Referat fra møte i Teknisk utvalg

Tid: 3. februar 2026 kl. 18.00-20.00

Sted: Nordby rådhus

1. Ny brøyteplan for kommunale veger

Administrasjonen la fram et utkast. Utvalget ba om at gang- og sykkelveger prioriteres.
""",
    "nordby-formannskap-2026-02-17.txt": """Referat fra møte i Formannskapet

Tid: 17. februar 2026 kl. 10.00-12.00

Sted: Nordby rådhus

4. Ny brøyteplan for kommunale veger

Formannskapet sluttet seg til planen slik teknisk utvalg ville ha den.

5. Tilskudd til skolekorps

Korpset får 40 000 kroner.
""",
}


@pytest.fixture(scope="module")
def plowing(minutes_client) -> TestClient:  # noqa: ANN001
    return minutes_client(PLOWING)


@pytest.mark.parametrize("question", ["Når ble brøyteplanen behandlet?",
                                      "When was the brøyteplan discussed?"])
def test_when_a_matter_was_treated_is_the_dates_of_the_meetings_that_treated_it(
        plowing: TestClient, question: str) -> None:
    body = plowing.post("/v1/ask", json={"question": question}).json()
    assert body["answered"], body["answer"]
    assert [c["meeting_date"] for c in body["citations"]] == ["2026-02-03", "2026-02-17"]
    assert all(c["quote"] == "Ny brøyteplan for kommunale veger" for c in body["citations"])
