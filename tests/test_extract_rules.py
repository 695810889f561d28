"""The offline rules on hand-built meetings: commitment phrasings, who owns them, what
was adopted (and what was only proposed), and how decisions get their status."""

from __future__ import annotations

import datetime as dt

import pytest

from index.models import (
    AgendaItem,
    BoardMeeting,
    BoardProposal,
    Meeting,
    Participant,
    RoundTableReport,
)
from service.extract.flow import extract_from_meeting
from service.extract.schema import ExtractResponse


def meeting(*items: AgendaItem, organisation: str = "Osloregionen IPR", body: str = "KG",
            participants: list[Participant] | None = None, board: BoardMeeting | None = None) -> Meeting:
    text = "\n\n".join(f"{i.number}. {i.title}\n{i.text}\n{i.decision or ''}" for i in items)
    if board:
        text += "\n\n" + "\n".join(f"{p.number}. {p.title}\n{p.note or ''}" for p in board.proposals)
    return Meeting(meeting_id="m", body=body, organisation=organisation, title="Referat",
                   date=dt.date(2026, 4, 16), participants=participants or [], items=list(items),
                   board_meeting=board, source_file="m.txt", text=text)


def item(number: str, text: str, decision: str | None = None, **kw: object) -> AgendaItem:
    return AgendaItem(number=number, title="Sak", text=text, decision=decision, **kw)  # type: ignore[arg-type]


def run(*items: AgendaItem, **kw: object) -> ExtractResponse:
    result = extract_from_meeting(meeting(*items, **kw), llm=None)  # type: ignore[arg-type]
    assert result.mode == "rules" and result.dropped == 0  # rule evidence is always verbatim
    return result


@pytest.mark.parametrize(("text", "owner", "task_start"), [
    ("Styret ber sekretariatet om å legge frem forslag til tiltak.", "Sekretariatet", "legge frem forslag"),
    ("På møtet ble KG-representantene oppfordret til å minne ordførerne om påmelding.",
     "KG-representantene", "minne ordførerne"),
    ("Kommunedirektøren bes legge fram en sak om trafikksikkerhet.", "Kommunedirektøren", "legge fram en sak"),
    ("Sekretariatet skal sende ut presentasjonen.", "Sekretariatet", "sende ut presentasjonen"),
    ("Det ble avtalt at sekretariatet sender ut referatet.", "Sekretariatet", "sende ut referatet"),
    ("Leder følger opp saken med departementet.", "Leder", "følge opp saken"),
    ("Gruppen fikk i oppdrag å utrede alternativer.", "Gruppen", "utrede alternativer"),
    ("Oppfølging: Sekretariatet lager et notat om saken.", "Sekretariatet", "lage et notat"),
    ("Sekretariatet orienterte. Neste steg er å sende ut invitasjon til kommunene.", "Sekretariatet",
     "sende ut invitasjon"),
    ("Sekretariatet innledet. Enighet om å spisse innspillet til prioriterte saker.", "Sekretariatet",
     "spisse innspillet"),
    ("Søknad fra Game Out sendes tilbake til Administrasjon for saksbehandling.", "Administrasjon",
     "sende tilbake søknad fra Game Out"),
    ("Eventuelle forslag sendes inn til Arild, som videresender dem.", "KG", "sende inn eventuelle forslag"),
    ("Sekretariatet skal på forhånd informeres om orienteringer fra øvrige regioner.",
     "Øvrige regioner", "informere Sekretariatet på forhånd"),
])
def test_commitment_phrasings(text: str, owner: str, task_start: str) -> None:
    [action] = run(item("3", text)).action_items
    assert action.owner == owner and action.task.startswith(task_start) and action.item == "3"
    assert action.evidence in text


@pytest.mark.parametrize("text", [
    "Enighet om at årshjulet bør være fleksibelt.",  # a view, not a task
    "Andre banestrekninger må utvikles parallelt.",
    "Osloregionen bør ta lead på store nasjonale saker.",
    "Sekretariatet la fram hvordan Osloregionen skal involvere seg og ønsket innspill fra KG.",
    "Sekretariatet viste til at den 12. mai legges fram forslag til revidert nasjonalbudsjett.",
    "Tiltaket vil gi økt trafikk.",
    "Sekretariatet har bedt om innspill fra delregionene.",
    "Den brede deltakelsen ble trukket frem som en styrke.",
])
def test_views_reports_and_forecasts_are_not_tasks(text: str) -> None:
    assert run(item("4", text)).action_items == []


def test_passive_with_future_and_a_dated_event_in_the_sentence() -> None:
    text = ("Det ble også vist til at håndnotatet vil være nyttig for Toppforum 28. mai, og vil "
            "tilgjengeliggjøres til alle politiske representanter i forkant av arrangementet.")
    [action] = run(item("7", text)).action_items
    assert action.task.startswith("tilgjengeliggjøre håndnotatet til alle politiske representanter")
    assert action.due == "2026-05-28"


def test_a_detail_sentence_joins_the_commitment_before_it() -> None:
    decision = ("En egen politisk sak legges fram til behandling i løpet av 2026. Den skal si noe om "
                "satsingens tidsrammer.")
    [action] = run(item("PS 2/26", "", decision), organisation="Steinkjer kommune").action_items
    assert action.owner == "Kommunedirektøren"  # a municipality's preparer, when unnamed
    assert "tidsrammer" in action.task and action.due == "2026-12-31"


def test_requests_in_a_decision_text() -> None:
    decision = ("Steinkjer eldreråd søker kommunen om kr.100.000 til eldredagen. Eldrerådet ber om "
                "svar innen utgangen av mai.")
    [action] = run(item("PS 4/26", "", decision)).action_items
    assert action.due == "2026-05-31" and "kr.100.000" in action.task  # says what to answer
    decision = "Formannskapet ber om å få fremlagt en sak med oppnevning av en hovedkomite."
    [action] = run(item("PS 7/26", "", decision)).action_items
    assert action.task == "legge fram en sak med oppnevning av en hovedkomite"


def test_only_adopted_text_counts() -> None:
    refused = item("PS 6/26", "Behandling\nChristine Agdestein (Høyre) fremmet følgende forslag:\n"
                   "Formannskapet ber om å få en sak om elsykler.\n\nOrdfører motsatte seg å fatte "
                   "vedtak i saken med hjemmel i kommunelovens § 11-3 femte ledd.\n\nVedtak")
    voted_down = item("PS 8/26", "Behandling\nKari Nordmann fremmet følgende forslag:\nSekretariatet "
                      "skal utrede saken.\nFor forslaget stemte 2.\nDermed ble forslaget ikke vedtatt.",
                      "Søknaden avslås.")
    result = run(refused, voted_down)
    assert result.action_items == []
    assert [(d.item, d.status) for d in result.decisions] == [("PS 6/26", "ikke behandlet"),
                                                               ("PS 8/26", "vedtatt")]


def test_formulaic_decision_means_the_discussion_holds_the_tasks() -> None:
    text = "Behandling\n  •  Leders orientering:\n       o   Sigurd skal den 30. april delta i en\n" \
           "           paneldebatt arrangert av næringsforeningen."
    result = run(item("PS 5/26", text, "Tas til orientering."),
                 participants=[Participant(name="Sigurd Strand", role="Leder")])
    [action] = result.action_items
    assert action.owner == "Sigurd" and action.due == "2026-04-30"
    assert result.decisions[0].status == "tatt til orientering"


def test_round_table_reports_are_not_this_meetings_tasks() -> None:
    text = ("Regionene informerte kort.\n\nAsker kommune:\n- Neste steg er utarbeidelse av et "
            "planprogram som skal på høring.")
    reports = [RoundTableReport(region="Asker kommune", text="Neste steg er utarbeidelse av et planprogram")]
    assert run(item("11", text, reports=reports)).action_items == []
    assert run(item("12", "Neste steg er utarbeidelse av et planprogram.")).action_items


def test_board_proposal_notes_are_read_with_the_board_date() -> None:
    board = BoardMeeting(date=dt.date(2026, 5, 13), time="14:00-16:00", place="Teams", proposals=[
        BoardProposal(number="21", title="Orientering", kind="orientering",
                      note="Sekretariatet skal på forhånd informeres om orienteringer fra øvrige regioner."),
        BoardProposal(number="22", title="Toppforum", kind="orientering")])
    result = run(item("3", "Styret ber sekretariatet om å legge frem forslag til neste styremøte."),
                 board=board)
    assert [(a.item, a.due) for a in result.action_items] == [("3", "2026-05-13"), ("21", "2026-05-13")]
    assert result.board_meeting is not None and result.board_meeting.date == "2026-05-13"
    assert [p.number for p in result.board_proposals] == ["21", "22"]


@pytest.mark.parametrize(("decision", "text", "status"), [
    ("Godkjennes", "", "godkjent"),
    ("Protokoll og sakliste godkjent", "", "godkjent"),
    ("Tas til orientering.", "", "tatt til orientering"),
    (None, "Utvalget tok saken til orientering.", "tatt til orientering"),
    (None, "Referatet godkjennes.", "godkjent"),
    (None, "Vedtak: Saken utsettes til neste møte.", "utsatt"),
    ("Lill Marit Sandseters fritak forlenges til 30.06.2026", "Dermed ble innstillingen vedtatt.", "vedtatt"),
    (None, "Ordfører motsatte seg å fatte vedtak i saken.\n\nVedtak", "ikke behandlet"),
    (None, "For forslaget stemte 12.\nDermed ble innstillingen vedtatt.\nVedtak", "vedtatt"),
    (None, "Dermed ble forslaget ikke vedtatt.", "ikke vedtatt"),
    ("Saken ble trukket.", "", "ikke behandlet"),
    ("Eldrerådet støtter kommunedirektørens forslag om avvikling.", "", "vedtatt"),
])
def test_decision_status(decision: str | None, text: str, status: str) -> None:
    [d] = run(item("PS 1/26", text, decision)).decisions
    assert d.status == status and d.item == "PS 1/26"


def test_an_item_without_any_decision_has_none() -> None:
    result = run(item("6", "Sekretariatet innledet.\n\nOppsummering:\n- NTP ble vurdert som viktig."))
    assert result.decisions == [] and result.action_items == []


def test_minutes_without_numbered_items_are_read_whole() -> None:
    from service.extract.flow import extract_from_text

    result = extract_from_text("Møtet diskuterte budsjettet. Sekretariatet skal sende ut referatet "
                               "innen 1. mai. Neste steg er å invitere kommunene.", llm=None)
    assert [(a.item, a.task) for a in result.action_items] == [
        (None, "sende ut referatet innen 1. mai"), (None, "invitere kommunene")]
    assert result.action_items[0].due == "1. mai"  # no meeting date: the words, not a guess


def test_an_adopted_proposal_is_read_when_the_decision_only_says_adopted() -> None:
    text = ("Innstilling:\nKommunedirektøren bes legge fram en sak om økonomi innen 1. juni.\n"
            "For forslaget stemte 9.\nDermed ble innstillingen vedtatt.")
    result = run(item("Sak 12/26", text, "Enstemmig vedtatt."))
    assert [(a.owner, a.due) for a in result.action_items] == [("Kommunedirektøren", "2026-06-01")]
    assert result.decisions[0].status == "vedtatt"
