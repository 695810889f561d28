"""parse_minutes on the four shared minutes (exact) and on variant layouts (tests/data/minutes)."""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from pathlib import Path

import docx
import pytest

from index.chunk import chunk_meeting
from index.models import Meeting, Participant
from index.parse_dates import find_time, parse_date
from index.parse_minutes import (
    DATE_FROM_NAME_WARNING,
    NO_DATE_WARNING,
    NO_ITEMS_WARNING,
    ORG_FROM_NAME_WARNING,
    parse_minutes,
    slugify,
)
from index.parse_text import bullets, reflow
from index.readers import read_bytes

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "minutes"
FIXTURES = Path(__file__).resolve().parent / "data" / "minutes"


@cache
def _parse(path: Path) -> Meeting:
    return parse_minutes(path.read_text(encoding="utf-8"), source_file=path.name)


def sample(name: str) -> Meeting:
    return _parse(SAMPLES / name)


def fixture(name: str) -> Meeting:
    return _parse(FIXTURES / name)


def items_by_number(meeting: Meeting) -> dict:
    return {item.number: item for item in meeting.items}


# --- Osloregionen, administrativ koordineringsgruppe 16.04.2026 ---------------------------

OSLO = "osloregionen-kg-2026-04-16.txt"
OSLO_ITEMS = [
    ("1", "Godkjenning av innkalling"),
    ("2", "Godkjenning av referat fra møtet i koordineringsgruppen den 29. januar 2026"),
    ("3", "Samarbeid om politisk påvirkning - tiltak"),
    ("4", "Revidert Nasjonalbudsjett 2026"),
    ("5", "Handlingsplan Statsbudsjettet"),
    ("6", "Handlingsplan Osloregionens arbeid med NTP 2029-2040"),
    ("7", "Politisk håndnotat – Rikstunnelen"),
    ("8", "Osloregionen Toppforum"),
    ("9", "Arendalsuken"),
    ("10", "Felles faggruppesamling i Hamarregionen, 31.aug-1.sept."),
    ("11", "Runde rundt bordet"),
]
OSLO_PROPOSALS = [
    ("12", "Samarbeid om politisk påvirkning - tiltak"),
    ("13", "RNB 2026"),
    ("14", "Handlingsplan Statsbudsjettet 2027"),
    ("15", "Handlingsplan Osloregionens arbeid med NTP 2029-2040"),
    ("16", "Politisk håndnotat - Rikstunnelen"),
    ("17", "Dialog med fylkeskommunene"),
    ("18", "Årsrapport med revidert budsjett 2025"),
    ("19", "Revidering av Osloregionens budsjett 2026"),
    ("20", "Medlemskontingent 2027"),
    ("21", "Orientering fra styrets medlemmer om aktuelle saker i regionen"),
    ("22", "Orientering om Osloregionens Toppforum, 28. mai"),
    ("23", "Korte orienteringer fra sekretariatet"),
    ("24", "Eventuelt"),
]


def test_oslo_header() -> None:
    m = sample(OSLO)
    assert m.meeting_id == "osloregionen-ipr-administrativ-koordineringsgruppe-2026-04-16"
    assert m.title == "Referat fra møte i administrativ koordineringsgruppe"
    assert m.body == "administrativ koordineringsgruppe"
    assert m.organisation == "Osloregionen IPR"
    assert (m.date, m.time, m.place) == (dt.date(2026, 4, 16), "09.30-12.00", "Teams")
    assert m.source_file == OSLO
    assert m.warnings == [] and m.attachments == []
    assert m.text == (SAMPLES / OSLO).read_text(encoding="utf-8")


def test_oslo_participants() -> None:
    people = sample(OSLO).participants
    assert len(people) == 18
    assert people[0] == Participant(name="Dag Aanensen", organisation="Drammensregionen IPR")
    assert Participant(name="Mathilde Nordli Kristoffersen", organisation="Ringeriksregionen IPR") in people
    assert Participant(name="Trine Knobel", organisation="Gardemoreregionen IPR") in people  # as written
    assert Participant(
        name="Nina Mosseby", organisation="Samarbeidsrådet for Nedre Romerike (SNR)"
    ) in people
    assert Participant(name="Målfrid Baik", organisation="Sekretariatet", role="leder") in people
    assert Participant(name="Eva Næss Karlsen", organisation="Sekretariatet", role="nestleder") in people
    assert people[-1] == Participant(name="Ulf Hafseld", organisation="Sekretariatet")


def test_oslo_items_are_the_eleven_discussed() -> None:
    m = sample(OSLO)
    assert [(i.number, i.title) for i in m.items] == OSLO_ITEMS


def test_oslo_decisions() -> None:
    items = items_by_number(sample(OSLO))
    assert items["1"].decision == "Godkjennes" and items["2"].decision == "Godkjennes"
    assert [n for n, item in items.items() if item.decision] == ["1", "2"]


def test_oslo_conclusions() -> None:
    items = items_by_number(sample(OSLO))
    assert items["7"].conclusions == [
        "Dette er en sterk og samlet regional sak",
        "Riksbanetunnelen er avgjørende for kapasitet",
        "Tidslinjen for ferdigstillelse oppleves som for sen",
        "Planlegging må starte raskt med reelle midler",
        "Tunnelen er nødvendig for å realisere InterCity",
        "Manglende tunnel gir økt biltrafikk",
        "Tunnelen er viktig for beredskap",
        "Andre banestrekninger må utvikles parallelt",
    ]
    counts = {n: len(item.conclusions) for n, item in items.items()}
    assert counts == {"1": 0, "2": 0, "3": 6, "4": 4, "5": 3, "6": 4, "7": 8, "8": 0, "9": 8,
                      "10": 0, "11": 0}  # fmt: skip
    # item 5 has a blank line inside its bullet list; the last bullet still counts
    assert items["5"].conclusions[-1].startswith("Bedre samordning av møteplaner")


def test_oslo_item_text() -> None:
    items = items_by_number(sample(OSLO))
    assert items["1"].text == "Godkjennes"
    assert items["3"].text.startswith("Sekretariatet viste til at saken er oppfølging")
    assert "Oppsummering av innspill og konklusjon:" in items["3"].text
    assert items["10"].text.endswith("bred deltakelse fra kommunene")


def test_oslo_round_table_reports() -> None:
    item = items_by_number(sample(OSLO))["11"]
    assert [r.region for r in item.reports] == [
        "Gjøvikregionen IPR",
        "Samarbeidsrådet for Nedre Romerike (SNR)",
        "Gardermoregionen IPR (GRIP)",
        "Drammensregionen IPR",
        "Asker kommune",
    ]
    reports = {r.region: r.text for r in item.reports}
    assert reports["Gardermoregionen IPR (GRIP)"] == (
        "- helseprosjekt knyttet til tidlig innsats ved demens, i samarbeid med helseforetak, "
        "med fokus på forebygging, digitale verktøy og langsiktig effekt for kommunene"
    )
    assert reports["Gjøvikregionen IPR"].endswith("relevant tema for erfaringsdeling i Osloregionen")
    assert "Chemring Nobels planer" in reports["Asker kommune"]
    assert reports["Asker kommune"].endswith("Koordinator for vannområde Indre Oslofjord Vest.")


def test_oslo_item_11_stops_before_board_section() -> None:
    text = items_by_number(sample(OSLO))["11"].text
    assert text.startswith("Ble flyttet som siste sak")
    assert text.endswith("Koordinator for vannområde Indre Oslofjord Vest.")
    for leak in ("Foreløpige saker", "Orienteringssaker", "Vedlegg:", "Medlemskontingent",
                 "kr. 2,50 pr. innbygger", "Geo4Water"):  # fmt: skip
        assert leak not in text


def test_oslo_board_meeting() -> None:
    board = sample(OSLO).board_meeting
    assert board is not None
    assert (board.date, board.time, board.place) == (dt.date(2026, 5, 13), "14:00-16:00", "Teams")
    assert [(p.number, p.title) for p in board.proposals] == OSLO_PROPOSALS
    assert {p.kind for p in board.proposals} == {"orientering"}
    assert board.attachments == [
        "Referat fra interessepolitisk utvalg, 24.04.26",
        "Referat fra møte i den administrative koordineringsgruppen, 16.04.26",
    ]


def test_oslo_board_proposal_notes() -> None:
    notes = {p.number: p.note for p in sample(OSLO).board_meeting.proposals}
    assert [n for n, note in notes.items() if note] == ["17", "19", "20", "21", "23"]
    assert notes["17"] == (
        "Orientering ved styreleder om dialog med fylkeskommunene. Oppfølging av vedtak i "
        "styresak 04/25 Styrking av det regionale samarbeidet på Østlandet"
    )
    assert notes["19"] == "I hovedsak knyttet til prosjektsøknader"
    assert notes["20"] == "Samme nivå som 2026 på kr. 2,50 pr. innbygger"
    assert notes["21"].startswith("Følgende regioner får ekstra tid")
    assert "- Vestfold: Holmestrand/Horten" in notes["21"]
    assert notes["21"].endswith("eventuelle orienteringer fra øvrige regioner.")
    assert notes["23"].split("\n")[-1] == "- 21. april Energistasjonworkshop i Drammen"


def test_oslo_item_count_for_the_lead() -> None:
    m = sample(OSLO)
    assert len(m.items) + len(m.board_meeting.proposals) == 24


# --- Steinkjer formannskap 29.01.2026 ------------------------------------------------------

FORMANNSKAP = "steinkjer-formannskap-2026-01-29.txt"


def test_formannskap_header() -> None:
    m = sample(FORMANNSKAP)
    assert m.meeting_id == "steinkjer-kommune-formannskap-2026-01-29"
    assert m.title == "MØTEPROTOKOLL Formannskap"
    assert (m.body, m.organisation) == ("Formannskap", "Steinkjer kommune")
    assert (m.date, m.time) == (dt.date(2026, 1, 29), "12:00 - 15:45")
    assert m.place == "Steinkjer rådhus, Fredrikkesalen"
    assert m.warnings == [] and m.board_meeting is None


def test_formannskap_participants() -> None:
    people = sample(FORMANNSKAP).participants
    assert len(people) == 16
    assert people[0] == Participant(name="Gunnar Thorsen", organisation="AP", role="Leder")
    assert people[2] == Participant(
        name="Robert Ertsås", organisation="AP", role="Varamedlem for May Britt Lagesen"
    )
    assert Participant(name="Tor-André Hopen", organisation="PP", role="Medlem") in people
    assert people[-4:] == [
        Participant(name="Susanne Bratli", organisation="administrasjonen", role="utvalgssekretær"),
        Participant(name="Geir Olav Jensen", organisation="administrasjonen", role="konsulent"),
        Participant(
            name="Leif Terje Nilsen", organisation="administrasjonen", role="konst. kommunedirektør"
        ),
        Participant(name="Ann-Karin Vang", organisation="administrasjonen", role="personalsjef"),
    ]


def test_formannskap_items() -> None:
    assert [(i.number, i.title) for i in sample(FORMANNSKAP).items] == [
        ("PS 1/26", "Søknad om forlenget permisjon fra verv som folkevalgt "
                    "01.01.2026-30.06.2026 - Lill Marit Sandseter"),
        ("PS 2/26", "Innherredsbyen - utvikling og drift av partnerskap - også etter 2027"),
        ("PS 3/26", "Bruk av utviklingsmidler NTE-utbytte januar 2026"),
        ("PS 4/26", "Avgrensninger ungdomsskoleutredning"),
        ("PS 5/26", "Høringsuttalelse grunnrentebeskatning småkraftverk"),
        ("PS 6/26", "Forslag om å få en sak om EL-sykkelutleie i Steinkjer kommune"),
        ("PS 7/26", "Forslag om få en sak om å sette ned komite 1000-årsjubileet"),
        ("RS 1/26", "Ordførerfullmakt 10-25"),
        ("RS 2/26", "Ordførerfullmakt 11-25"),
        ("RS 3/26", "Ordførerfullmakt 12-25"),
    ]  # fmt: skip


def test_formannskap_decisions() -> None:
    items = items_by_number(sample(FORMANNSKAP))
    assert items["PS 1/26"].decision == (
        "Lill Marit Sandseters midlertidige fritak fra folkevalgte verv i Steinkjer kommune "
        "forlenges til 30.06.2026"
    )
    assert items["PS 2/26"].decision == (
        "1.Innherredsbyen som satsing i et partnerskap videreføres også etter 2027.\n"
        "2.En egen politisk sak legges fram til behandling i løpet av 2026. Den skal si noe om "
        "satsingens tidsrammer i videre drift med redegjørelse for finansiering."
    )
    assert items["PS 3/26"].decision == (
        "- Søknad fra Fliring Scene HC toalett og Heis avslås.\n"
        "- Steinkjer Håndballklubb gies et tilskudd på 200.000 kr\n"
        "- Søknad fra Game Out sendes tilbake til Administrasjon for saksbehandling etter at nye "
        "retningslinjer og fordelingsprinsipper for tildeling av NTE utviklingsmidler er vedtatt."
    )
    assert "PS 66/2025 avgrenses" in items["PS 4/26"].decision
    assert items["PS 5/26"].decision is None and items["PS 6/26"].decision is None
    assert items["PS 7/26"].decision.startswith("Oppnevnelse av hovedkomite")
    assert items["PS 7/26"].decision.count("\n") == 2  # three paragraphs
    assert [items[f"RS {n}/26"].decision for n in (1, 2, 3)] == [None, None, None]


def test_formannskap_item_text() -> None:
    items = items_by_number(sample(FORMANNSKAP))
    first = items["PS 1/26"].text
    assert first.startswith("Behandling\n\nInnstilling:")
    assert "behandling av sak 1/2026 i møte den" not in first  # boilerplate dropped
    assert "Lill Marit Sandseter\n" not in first  # the wrapped title is not body text
    assert first.endswith("forlenges til\n30.06.2026")
    assert "Dermed ble forslag 1 vedtatt." in items["PS 3/26"].text
    assert items["PS 7/26"].text.endswith("politiske medlemmer til komiteen.")
    assert items["RS 3/26"].text == ""
    # "1.Innherredsbyen" and "PS 66/2025" inside items did not start new items
    assert "1.Innherredsbyen" in items["PS 2/26"].text
    assert "PS 66/2025" in items["PS 4/26"].text


def test_formannskap_conclusions_are_bullets_under_behandling() -> None:
    items = items_by_number(sample(FORMANNSKAP))
    assert items["PS 1/26"].conclusions == [] and items["PS 3/26"].conclusions == []
    quotes = items["PS 5/26"].conclusions
    assert len(quotes) == 3
    assert quotes[1] == (
        "«Fram mot 2050 vil det europeiske og trønderske energisystemet gjennomgå store endringer. "
        "Utfasing av fossile energikilder til transport og industri vil øke behovet for fornybar "
        "kraft og varme.»"
    )


# --- Steinkjer ungdomsrådet 20.01.2026 -----------------------------------------------------

UNGDOMSRADET = "steinkjer-ungdomsradet-2026-01-20.txt"


def test_ungdomsradet_header_and_participants() -> None:
    m = sample(UNGDOMSRADET)
    assert m.meeting_id == "steinkjer-kommune-ungdomsradet-2026-01-20"
    assert (m.title, m.body, m.organisation) == (
        "MØTEPROTOKOLL Ungdomsrådet", "Ungdomsrådet", "Steinkjer kommune"
    )
    assert (m.date, m.time) == (dt.date(2026, 1, 20), "17:00 - 19:00")
    assert m.place == "Steinkjer rådhus, Sigrid Toresdatter, 2. etg."
    assert len(m.participants) == 10
    assert m.participants[0] == Participant(name="Sigurd Strand", organisation="ANDRE", role="Leder")
    assert m.participants[-1] == Participant(
        name="Arild Høyem", organisation="administrasjonen", role="Konsulent"
    )


def test_ungdomsradet_items_with_wrapped_title() -> None:
    items = sample(UNGDOMSRADET).items
    assert [(i.number, i.title) for i in items] == [
        ("PS 1/26", "Godkjenning av protokoll og sakliste"),
        ("PS 2/26", "Ny kommunedirektør ønsker å hilse på ungdomsrådet"),
        ("PS 3/26", "Ely Navarro fra Hilmarfestivalen ønsker å presentere flerkulturelt "
                    "myldrearrangement, men også råd om hvordan de kan involvere flere ungdommer "
                    "og aktiviteter på flerkulturelt myldrearrangement"),
        ("PS 4/26", "UKM lokal og regional - Erfaringer fra 2025 - Bidrag fra ungdomsrådet i 2026"),
        ("PS 5/26", "Eventuelt"),
    ]  # fmt: skip
    assert items[2].text.startswith("Behandling\n\n         •    Ely Navarro og Embla Olsen")


def test_ungdomsradet_decisions_and_conclusions() -> None:
    items = items_by_number(sample(UNGDOMSRADET))
    assert items["PS 1/26"].decision == "Protokoll og sakliste godkjent"
    assert items["PS 2/26"].decision == "Tas til orientering"
    assert items["PS 3/26"].decision == (
        "Eventuelle forslag til innhold for ungdom på Hilmarfestivalen sendes inn til Arild, "
        "som igjen videresender dette til Hilmarfestivalen."
    )
    assert items["PS 5/26"].decision == "Tas til orientering."
    assert items["PS 1/26"].conclusions == []
    nested = items["PS 2/26"].conclusions  # •, o and ▪ bullets, wrapped over several lines
    assert len(nested) == 7
    assert nested[1] == "Hvilke saker er det spesielt viktig å få behandlet i ungdomsrådet?"
    assert nested[4] == (
        "Svar: Viktigste oppgaven nå blir å tilpasse driften til de midlene man har til disposisjon."
    )
    assert len(items["PS 3/26"].conclusions) == 2
    assert len(items["PS 4/26"].conclusions) == 13
    assert items["PS 4/26"].conclusions[6] == "Anna: Arrangørdagen burde være fordelt over 2 dager."


# --- Steinkjer eldrerådet 11.03.2026 -------------------------------------------------------

ELDRERADET = "steinkjer-eldreradet-2026-03-11.txt"


def test_eldreradet_header_and_participants() -> None:
    m = sample(ELDRERADET)
    assert m.meeting_id == "steinkjer-kommune-eldreradet-2026-03-11"
    assert (m.body, m.organisation, m.date) == ("Eldrerådet", "Steinkjer kommune", dt.date(2026, 3, 11))
    assert (m.time, m.place) == ("12:00 - 14:30", "Steinkjer rådhus, Fredrikkesalen")
    assert len(m.participants) == 7
    assert m.participants[-1] == Participant(
        name="Anita Nordgård Forr", organisation="administrasjonen", role="Utvalgssekretær"
    )


def test_eldreradet_items() -> None:
    items = sample(ELDRERADET).items
    assert [i.number for i in items] == [
        "OS 1/26", "OS 2/26", "PS 1/26", "PS 2/26", "PS 3/26", "PS 4/26", "PS 5/26",
        "RS 1/26", "RS 2/26", "RS 3/26",
    ]  # fmt: skip
    titles = {i.number: i.title for i in items}
    assert titles["OS 1/26"] == (
        "Orientering: Enhet Veg, Trafikk og Park, universell utforming og vedlikehold sommer og vinter"
    )
    assert titles["RS 1/26"] == (
        "Møteprotokoll ekstraordinært digitalt møte i eldrerådet i Trøndelag fylkeskommune "
        "1. desember 2025"
    )
    assert titles["RS 2/26"] == (
        "Varsel om offentlig ettersyn - Reguleringsplan (detaljregulering) Malm Industripark"
    )


def test_eldreradet_decisions_and_numbered_list_inside_item() -> None:
    items = items_by_number(sample(ELDRERADET))
    assert items["OS 1/26"].decision is None and items["RS 3/26"].decision is None
    assert items["PS 1/26"].decision.startswith("Eldrerådet beklager at rekrutteringa")
    assert items["PS 2/26"].decision == (
        "Eldrerådet støtter kommunedirektørens forslag om avvikling av kommunal matutlevering."
    )
    eventuelt = items["PS 5/26"]
    assert eventuelt.decision == "Tas til orientering."
    assert "1. Dialogmøte med kommunalsjef" in eventuelt.text  # not an item heading
    assert eventuelt.conclusions[:2] == [
        "1. Dialogmøte med kommunalsjef helse og velferd. Det ble enighet om følgende vedtak:",
        "2. Henvendelse til NAV v/Per Ole Austmo",
    ]
    assert eventuelt.conclusions[-1] == "Status sykehjem - midler"


# --- variant layouts -----------------------------------------------------------------------


def test_protocol_variant_table_titles_and_missing_heading() -> None:
    m = fixture("protokoll-variant.txt")
    assert (m.body, m.organisation) == ("Kommunestyret", "Snåsa kommune")  # from "Snåsa rådhus"
    assert m.meeting_id == "snasa-kommune-kommunestyret-2026-02-05"
    # Titles come from the Saksliste (without its "Unntatt off." column), even where the
    # heading in the body words it differently; "PS 3/26, PS 5/26" in the text are no headings.
    assert [(i.number, i.title) for i in m.items] == [
        ("PS 4/26", "Budsjettjustering for skolene"),
        ("DS 1/26", "Delegert vedtak om skjenkebevilling"),
        ("RS 1/26", "Referat fra kontrollutvalget"),
    ]
    items = items_by_number(m)
    assert items["PS 4/26"].decision == "Budsjettet justeres."
    assert items["PS 4/26"].text.endswith("Vedtak\nBudsjettet justeres.")
    assert "Side 2 av 3" not in items["PS 4/26"].text  # page furniture
    assert items["DS 1/26"].text == "Behandling\n\nVedtak" and items["DS 1/26"].decision is None
    assert items["RS 1/26"].text == ""
    assert m.warnings == ["RS 1/26 is in the Saksliste but has no heading in the text"]
    assert m.participants[1] == Participant(
        name="Ola Hansen", organisation="AP", role="Varamedlem for Per Li"
    )


def test_sak_with_case_number_and_number_only_heading() -> None:
    m = fixture("sak-slash.txt")
    assert [(i.number, i.title) for i in m.items] == [
        ("Sak 10/26", "Godkjenning av innkalling og saksliste"),
        ("Sak 11/26", "Budsjettjustering 2026"),
        ("Sak 12/26", "Reguleringsplan for Nordbyen"),
    ]
    items = items_by_number(m)
    assert items["Sak 10/26"].decision == "Innkalling og saksliste godkjennes."
    assert items["Sak 11/26"].decision == (
        "Budsjettet justeres med 1,2 mill. kr til skoleskyss, finansiert fra disposisjonsfondet."
    )
    assert "Sak 28/25 ble vist til" in items["Sak 11/26"].text  # running text, no heading
    assert items["Sak 12/26"].text.startswith("Planen ble lagt fram")
    assert (m.body, m.organisation) == ("kommunestyret", "Fjellvik kommune")
    assert m.meeting_id == "fjellvik-kommune-kommunestyret-2026-03-12"
    assert (m.date, m.time) == (dt.date(2026, 3, 12), "18:00-20:30")
    assert [(p.name, p.organisation) for p in m.participants] == [
        ("Kari Nordmann", "AP"), ("Ola Hansen", "H"), ("Per Li", "SP"), ("Siri Berg", "SV"),
    ]  # fmt: skip


def test_sak_colon_with_bullet_participants_and_nested_bullets() -> None:
    m = fixture("sak-colon.txt")
    assert [(i.number, i.title) for i in m.items] == [
        ("Sak 1", "Godkjenning av referat"), ("Sak 2", "Skolestruktur"), ("Sak 3", "Eventuelt"),
    ]  # fmt: skip
    assert m.title == "REFERAT Hovedutvalg for oppvekst, Lundvik kommune"
    assert (m.body, m.organisation, m.place) == ("Hovedutvalg for oppvekst", "Lundvik kommune", "Lundvik skole")
    assert m.date == dt.date(2026, 4, 16)
    assert m.participants == [
        Participant(name="Kari Nordmann", role="leder"),
        Participant(name="Ola Hansen", role="nestleder"),
        Participant(name="Per Li", organisation="AP"),
        Participant(name="Siri Berg", organisation="Lundvik ungdomsråd"),
    ]
    items = items_by_number(m)
    assert items["Sak 1"].decision == "Godkjent."
    assert items["Sak 2"].conclusions == [
        "Utredningen fortsetter", "Foreldrene involveres tidlig", "Møte med FAU i mai",
        "Spørreundersøkelse før sommeren", "Saken kommer tilbake i juni",
    ]  # fmt: skip


def test_bare_case_numbers_and_space_aligned_table() -> None:
    m = fixture("case-number.txt")
    assert [(i.number, i.title) for i in m.items] == [
        ("01/26", "Godkjenning av innkalling"), ("02/26", "Regnskap 2025"), ("03/26", "Dugnad"),
    ]  # fmt: skip
    assert m.date == dt.date(2026, 4, 16)
    assert m.participants == [
        Participant(name="Kari Nordmann", organisation="Fotball", role="leder"),
        Participant(name="Ola Hansen", organisation="Ski", role="kasserer"),
        Participant(name="Per Li", organisation="Håndball", role="medlem"),
    ]
    items = items_by_number(m)
    assert items["02/26"].decision == "Regnskapet godkjennes."
    assert items["02/26"].conclusions == []  # bullets without a conclusion label
    assert items["03/26"].text == "Dugnad på banen 12. april."


def test_markdown_in_the_shape_summaries_are_rendered() -> None:
    m = fixture("markdown.md")
    assert m.title == "Referat fra møte i hovedutvalg for teknikk"
    assert (m.body, m.date) == ("hovedutvalg for teknikk", dt.date(2026, 1, 29))  # "29.01.26"
    assert [p.name for p in m.participants] == ["Kari Nordmann", "Ola Hansen"]
    assert [(i.number, i.title) for i in m.items] == [
        ("1", "Godkjenning av innkalling"), ("2", "Vintervedlikehold"), ("3", "Eventuelt"),
    ]  # fmt: skip
    item = items_by_number(m)["2"]
    assert item.conclusions == [
        "Brøyting av gang- og sykkelveier prioriteres", "Strøing ved skolene må bli bedre",
    ]  # fmt: skip
    assert item.decision == "- Administrasjonen lager en ny brøyteplan"  # not the Oppfølging
    assert item.text.endswith("### Bakgrunn\n\nKommunen fikk mange klager i januar.")


def test_unnumbered_headings_fall_back_to_positions() -> None:
    m = fixture("unnumbered.txt")
    assert [(i.number, i.title) for i in m.items] == [
        ("1", "Økonomi"), ("2", "Dugnad på banen"), ("3", "Eventuelt"),
    ]  # fmt: skip
    assert items_by_number(m)["1"].decision == "Regnskapet godkjennes."
    assert m.date == dt.date(2026, 3, 3) and m.place == "Klubbhuset"
    assert m.participants == [
        Participant(name="Kari Nordmann", role="leder"),
        Participant(name="Ola Hansen"),
        Participant(name="Per Li"),
    ]


def test_english_minutes() -> None:
    m = fixture("english.txt")
    assert m.title == "Minutes of the meeting of the Planning Committee"
    assert (m.body, m.organisation) == ("Planning Committee", "Northfield Town Council")
    assert m.meeting_id == "northfield-town-council-planning-committee-2026-04-16"
    assert (m.date, m.time) == (dt.date(2026, 4, 16), "19:00 - 21:15")
    assert m.place == "Council Chamber, Northfield Town Hall"
    assert m.participants == [
        Participant(name="Cllr Jane Smith", role="Chair"),
        Participant(name="Cllr Tom Brown", organisation="Labour"),
        Participant(name="Cllr Amy Green"),
        Participant(name="Peter White", role="Clerk"),
    ]
    assert m.attachments == ["Site plan for Mill Lane", "Officer report"]
    items = items_by_number(m)
    assert [i.title for i in m.items] == [
        "Apologies for absence", "Minutes of the previous meeting",
        "Planning application 26/0042 - Mill Lane",
    ]  # fmt: skip
    assert items["1"].decision is None
    assert items["2"].decision == "The minutes of 19 March 2026 were approved as a correct record."
    assert items["3"].conclusions == ["Access from Mill Lane is a concern", "Drainage must be assessed"]
    assert items["3"].decision == "The committee objects to the application."


def test_board_section_with_vedtakssaker_and_next_year_date() -> None:
    m = fixture("board-vedtak.txt")
    assert [i.number for i in m.items] == ["1", "2"]
    assert items_by_number(m)["2"].conclusions == ["Budsjettet legges fram for styret"]
    board = m.board_meeting
    assert board.date == dt.date(2027, 1, 15)  # "15. januar" after a November meeting
    assert (board.time, board.place) == ("10:00-12:00", "Fjordhuset")
    assert [(p.number, p.kind) for p in board.proposals] == [
        ("3", "vedtak"), ("4", "vedtak"), ("5", "orientering"),
    ]  # fmt: skip
    assert board.proposals[0].note == "Forslag til vedtak legges fram i møtet."
    assert board.proposals[1].note is None  # "Orienteringssaker" is no note of item 4
    assert board.attachments == ["Prosjektoversikt 2026"]
    assert m.organisation == "Fjordregionen IPR"


def test_sentence_about_board_items_is_no_board_section() -> None:
    text = (
        "Referat fra møte i styret\n\nDato: 2.3.2026\n\n1. Budsjett\n\n"
        "Saker til styremøtet ble gjennomgått av leder.\n\n2. Eventuelt\n\nIngen."
    )
    m = parse_minutes(text, source_file="s.txt")
    assert m.board_meeting is None
    assert [i.title for i in m.items] == ["Budsjett", "Eventuelt"]


def test_no_structure_and_no_date_warn() -> None:
    m = fixture("no-structure.txt")
    assert m.items == []
    assert m.warnings == [NO_ITEMS_WARNING, NO_DATE_WARNING]
    assert m.warnings[0] == "no agenda items found; indexed as one section"
    assert m.date is None and m.body == ""
    # No header names a meeting: a fresh id, the file name only as its readable prefix
    assert m.meeting_id.startswith("no-structure-x") and len(m.meeting_id) == len("no-structure-x") + 10
    assert m.title == "Notater fra arbeidsmøte"
    assert m.text.startswith("Notater fra arbeidsmøte\n\nVi gikk gjennom")


def test_docx_with_participants_table_end_to_end() -> None:
    document = docx.Document()
    document.add_heading("Referat fra møte i hovedutvalg for helse", level=1)
    document.add_paragraph("Tid: 5. februar 2026 kl. 10.00-12.00")
    document.add_paragraph("Deltakere:")
    table = document.add_table(rows=3, cols=3)
    rows = [("Navn", "Rolle", "Organisasjon"), ("Kari Nordmann", "leder", "AP"),
            ("Ola Hansen", "medlem", "H")]  # fmt: skip
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_heading("Budsjett", level=2)  # headings without numbers
    document.add_paragraph("Utvalget drøftet budsjettet.")
    document.add_heading("Eventuelt", level=2)
    document.add_paragraph("Vedtak: Tas til orientering.")
    buf = io.BytesIO()
    document.save(buf)
    text = read_bytes(buf.getvalue(), filename="helse.docx")
    m = parse_minutes(text, source_file="helse.docx")
    assert m.meeting_id == "hovedutvalg-for-helse-2026-02-05"
    assert m.participants == [
        Participant(name="Kari Nordmann", organisation="AP", role="leder"),
        Participant(name="Ola Hansen", organisation="H", role="medlem"),
    ]
    assert [(i.number, i.title) for i in m.items] == [("1", "Budsjett"), ("2", "Eventuelt")]
    assert m.items[1].decision == "Tas til orientering."


def test_html_minutes_end_to_end() -> None:
    html = """<html><body><h1>Referat fra møte i eldrerådet</h1>
    <p>Tid: 11.03.2026 kl. 12:00-14:30</p><p>Sted: Rådhuset</p>
    <h2>Deltakere</h2><table><tr><th>Navn</th><th>Rolle</th></tr>
    <tr><td>Kari Nordmann</td><td>leder</td></tr></table>
    <h2>1. Godkjenning</h2><p>Godkjennes</p>
    <h2>2. Eventuelt</h2><p>Konklusjon:</p><ul><li>Neste møte i mai</li></ul>
    </body></html>"""
    m = parse_minutes(read_bytes(html.encode(), filename="e.html"), source_file="e.html")
    assert m.participants == [Participant(name="Kari Nordmann", role="leder")]
    assert [(i.number, i.title, i.decision) for i in m.items] == [
        ("1", "Godkjenning", "Godkjennes"), ("2", "Eventuelt", None),
    ]  # fmt: skip
    assert m.items[1].conclusions == ["Neste møte i mai"]
    assert (m.date, m.time, m.place) == (dt.date(2026, 3, 11), "12:00-14:30", "Rådhuset")


def test_parse_normalises_raw_text() -> None:
    m = parse_minutes("Referat fra møte i styret\r\n\r\nDato: 1.\u00a0mars 2026\r\n", source_file="x.txt")
    assert m.date == dt.date(2026, 3, 1) and "\r" not in m.text


def test_missing_date_gives_a_fresh_id_not_the_file_name() -> None:
    m = parse_minutes("Referat fra møte i styret\n\n1. Sak\n\nTekst.\n\n2. Sak\n\nMer.", source_file="dir/Styre Møte.txt")
    assert m.body == "styret" and m.date is None
    assert m.meeting_id.startswith("styre-mote-x")
    other = parse_minutes("tull\n", source_file="dir/Styre Møte.txt")
    assert other.meeting_id != m.meeting_id  # same file name, other text: never the same meeting
    assert m.warnings == [NO_DATE_WARNING]


# --- helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16. april 2026", dt.date(2026, 4, 16)),
        ("16.april 2026", dt.date(2026, 4, 16)),
        ("16.04.2026", dt.date(2026, 4, 16)),
        ("2026-04-16", dt.date(2026, 4, 16)),
        ("29.01.26", dt.date(2026, 1, 29)),
        ("16 April 2026", dt.date(2026, 4, 16)),
        ("Thursday 16th April 2026", dt.date(2026, 4, 16)),
        ("April 16, 2026", dt.date(2026, 4, 16)),
        ("16/04/2026", dt.date(2026, 4, 16)),
        ("Tid: 16. april 2026 kl. 09.30-12.00", dt.date(2026, 4, 16)),
        ("møtet 3. mars 2026 og 4. mars 2026", dt.date(2026, 3, 3)),
        ("31.02.2026", None),
        ("sak 3/26", None),
        ("13. mai", None),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_parse_date_without_year_uses_default_year() -> None:
    assert parse_date("13. mai, kl. 14:00", default_year=2026) == dt.date(2026, 5, 13)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16. april 2026 kl. 09.30-12.00", "09.30-12.00"),
        ("12:00 - 15:45", "12:00 - 15:45"),
        ("16.04.2026 kl. 18:00", "18:00"),
        ("16.04.2026", None),
    ],
)
def test_find_time(text: str, expected: str | None) -> None:
    assert find_time(text) == expected


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Osloregionen IPR administrativ koordineringsgruppe 2026-04-16",
         "osloregionen-ipr-administrativ-koordineringsgruppe-2026-04-16"),
        ("Eldrerådet", "eldreradet"),
        ("Øvre Æsj – Ås/Café", "ovre-aesj-as-cafe"),
        ("  --  ", ""),
    ],
)  # fmt: skip
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_bullets_of_every_kind_and_wrapped_lines() -> None:
    lines = [
        "- dash bullet that",
        "  wraps",
        "• round",
        "    o nested",
        "        ▪ deeper",
        " - o dash with an inner glyph",
        "· middle dot.",
        "Not a bullet: the sentence before it ended.",
    ]
    assert bullets(lines) == [
        "dash bullet that wraps", "round", "nested", "deeper", "dash with an inner glyph",
        "middle dot.",
    ]  # fmt: skip


def test_reflow_joins_hyphenated_wraps() -> None:
    assert reflow(["Håvard Krogstad-", "Wiborg (R) stemte", "", "• for"]) == (
        "Håvard Krogstad-Wiborg (R) stemte\n- for"
    )


OLD_PORTAL = """OFFENTLIG HOVEDUTSKRIFT

FORMANNSKAPET

Møte 14.03.01

Saksliste

Utvalgssakstype/nr. Arkivsaksnr.

Tittel

PS 0012/01 00/01234 Innstilling vedtatt

SAKSPROTOKOLL: NY BRANNSTASJON PÅ HOLMEN

PS TEK 0013/01 01/00042 Utsatt

SAKSPROTOKOLL: GATELYS I SENTRUM

 

Sak nr.: 0012/01

SAKSPROTOKOLL: NY BRANNSTASJON PÅ HOLMEN

Behandling:

Innstillingen ble enstemmig vedtatt.

Vedtak:

Formannskapet går inn for ny brannstasjon på Holmen.
"""


def test_old_portal_export_numbers_items_as_its_agenda_does() -> None:
    # Table rows put an archive number and a status where the title goes, the title on the
    # next line; the body heads an item "Sak nr.: 0012/01". Items keep the agenda's numbers.
    m = parse_minutes(OLD_PORTAL, source_file="fsk-2001-03-14.txt")
    assert [(i.number, i.title) for i in m.items] == [
        ("PS 0012/01", "NY BRANNSTASJON PÅ HOLMEN"),
        ("PS TEK 0013/01", "GATELYS I SENTRUM"),
    ]
    first = m.items[0]
    assert first.decision == "Formannskapet går inn for ny brannstasjon på Holmen."
    assert "Sak nr." not in first.text
    assert m.warnings == ["PS TEK 0013/01 is in the Saksliste but has no heading in the text"]


def test_a_body_heading_that_repeats_a_row_ends_the_table() -> None:
    text = ("Saksliste\n\nPS 1/26 Budsjett for 2026\nPS 2/26 Ny skole\n\n"
            "PS 1/26 Budsjett for 2026\n\nVedtak:\nBudsjettet vedtas.\n\n"
            "PS 2/26 Ny skole\n\nVedtak:\nSkolen bygges.\n")
    m = parse_minutes(text, source_file="x-2026-01-05.txt")
    assert [(i.number, i.decision) for i in m.items] == [
        ("PS 1/26", "Budsjettet vedtas."), ("PS 2/26", "Skolen bygges.")]
    assert not [w for w in m.warnings if "Saksliste" in w]


def test_a_date_missing_from_the_text_is_taken_from_the_file_name() -> None:
    text = "Protokoll fra møte i regionrådet\n\n1. Budsjett\n\nVedtatt.\n\n2. Eventuelt\n\nIngen."
    m = parse_minutes(text, source_file="uploads/regionrad-2012-03-19.txt")
    assert m.date == dt.date(2012, 3, 19)
    assert m.warnings == [DATE_FROM_NAME_WARNING]
    assert parse_minutes(text, source_file="regionrad-2012-13-45.txt").date is None  # no date
    assert parse_minutes(text, source_file="sak-20120319.txt").date is None  # not standing alone


def test_an_organisation_the_text_does_not_name_is_taken_from_the_file_name() -> None:
    text = "MØTEBOK\n\nFORMANNSKAPET\n\nMøte 12.03.2024\n\n1. Budsjett\n\nVedtatt."
    m = parse_minutes(text, source_file="uploads/fjellvik-formannskap-2024-03-12.txt")
    assert m.organisation == "Fjellvik"
    assert ORG_FROM_NAME_WARNING in m.warnings
    # the meeting keeps the id its text gives, so a file ingested before is the same meeting
    assert m.meeting_id == parse_minutes(text, source_file="formannskap-2024-03-12.txt").meeting_id
    # no words before the body's name, or a name the body's is not in: no organisation
    assert parse_minutes(text, source_file="formannskap-2024-03-12.txt").organisation is None
    assert parse_minutes(text, source_file="referat-2024-03-12.txt").organisation is None


def test_a_page_flattened_to_one_line_gets_its_item_headings_back() -> None:
    page = ("2 Sak 3/12: Godkjenning av innkalling Innkallingen godkjennes. "
            "Sak 4/12: Ny gang- og sykkelvei langs fylkesveien Rådet drøftet traseen og "
            "kostnadene, og ba om at kommunene samordner sine innspill til fylkeskommunen. "
            "Vedtak: Rådet støtter planen. Sak 5/12: Eventuelt Ingen saker.")
    text = f"Protokoll fra møte i regionrådet 19.03.2012\n\n{page}\n"
    m = parse_minutes(text, source_file="rr.txt")
    assert [(i.number, i.title) for i in m.items] == [
        ("Sak 3/12", "Godkjenning av innkalling"),
        ("Sak 4/12", "Ny gang- og sykkelvei langs fylkesveien"),
        ("Sak 5/12", "Eventuelt"),
    ]
    assert items_by_number(m)["Sak 4/12"].decision == "Rådet støtter planen."
    assert m.text == text  # the stored text stays as read: quotes are checked against it


def test_a_flattened_first_page_gets_its_header_fields_back() -> None:
    page = ("1 Protokoll fra møte i Fjordregionen regionråd Tid: onsdag 4. mars 2015, kl 10 "
            "Sted: Rådhuset i Nordvik, møterom Fjellet Til stede: Ordfører Kari Li, Nordvik kommune, "
            "leder Ordfører Per Berg, Sørvik kommune Rådmenn: Eva Holm og Ola Dahl Forfall: "
            "Ordfører Anne Lund, Østvik kommune " + "Sekretariatet orienterte kort. " * 8)
    items = ("2 Sak 1/15: Godkjenning av innkalling Innkallingen godkjennes uten merknader fra "
             "noen av medlemmene i rådet. Sak 2/15: Eventuelt Ingen saker var meldt inn på forhånd, "
             "og lederen takket for et godt møte og ønsket alle vel hjem.")
    m = parse_minutes(f"{page}\n\n{items}\n", source_file="rr.txt")
    assert m.place == "Rådhuset i Nordvik, møterom Fjellet"  # ends where "Til stede:" begins
    assert m.date == dt.date(2015, 3, 4)
    assert [i.number for i in m.items] == ["Sak 1/15", "Sak 2/15"]
    assert any(line.startswith("Forfall: Ordfører Anne Lund, Østvik kommune")
               for line in m.preamble.splitlines())
    assert "Rådmenn: Eva Holm og Ola Dahl" in m.preamble.splitlines()


def test_attendee_lines_the_parser_cannot_read_are_kept_verbatim() -> None:
    text = ("Møteprotokoll\n\nFormannskap\n\nMøtedato: 02.03.2026\n\n"
            "Til stede:\nKari Li, leder\n31 representanter. Ola Berg fikk permisjon fra sak 3.\n\n"
            "PS 1/26 Budsjett\n\nVedtak:\nVedtatt.\n")
    m = parse_minutes(text, source_file="f.txt")
    assert "Kari Li" in [p.name for p in m.participants]
    assert m.participant_notes == ["31 representanter. Ola Berg fikk permisjon fra sak 3."]
    people = next(c for c in chunk_meeting(m, version="v" * 12) if c.section.value == "participants")
    assert "Ola Berg fikk permisjon" in people.text
    read = parse_minutes(text.replace("31 representanter. Ola Berg fikk permisjon fra sak 3.",
                                      "Ola Berg, medlem"), source_file="f.txt")
    assert read.participant_notes == []  # a line read as an attendee is not repeated


def test_ordinary_long_paragraphs_are_not_split() -> None:
    line = "Utvalget viste til sak 3/12 og ba om en ny vurdering. " * 10  # one marker, 540 chars
    text = f"Referat 2.3.2026\n\n1. Budsjett\n\n{line}\n\n2. Eventuelt\n\nIngen."
    m = parse_minutes(text, source_file="x.txt")
    assert [i.number for i in m.items] == ["1", "2"]


def test_what_the_minutes_say_before_the_first_item_is_kept() -> None:
    text = ("MØTEPROTOKOLL\n\nTeknisk utvalg\n\nMøtedato: 03.02.2026\n\n"
            "Deltakelse:\nKari Li (H) hadde meldt forfall.\n"
            "Orienteringer:\n    • Status for brannstasjonen v/rådmannen\n\n"
            "Saksliste\n\nPS 1/26 Budsjett\n\nPS 1/26 Budsjett\n\nVedtak:\nVedtatt.\n")
    m = parse_minutes(text, source_file="tu.txt")
    assert "Kari Li (H) hadde meldt forfall." in m.preamble
    assert "brannstasjonen" in m.preamble
    assert "PS 1/26" not in m.preamble  # the agenda table is the items' business
    header = next(c for c in chunk_meeting(m, version="v" * 12) if c.section.value == "header")
    assert "hadde meldt forfall" in header.text


# A pdftotext -layout protocol where the columns ran together: the header's "Repr." and
# "Varamedlem for" one space apart, a full "Funksjon" cell touching its party ("VaramedlemSP"),
# the staff list running straight into "Offentlig saksliste", and the "Unntatt off." column
# wrapping onto lines of its own.
_CRAMPED = (
    "                         MØTEPROTOKOLL\n\n"
    "                         Fjellvik ungdomsråd\n\n"
    "Møtedato:      04.03.2026\n"
    "Tidspunkt:     17:00 - 18:00\n\n"
    "Følgende medlemmer møtte:\n"
    "Navn                      Funksjon  Repr. Varamedlem for\n"
    "Kari Nordmann             Leder     AP\n"
    "Ola Hansen                VaramedlemSP    Per Li\n"
    "Siri Berg                 MedlemH\n\n"
    "Følgende fra administrasjonen møtte:\n"
    "Navn                      Stilling\n"
    "Åse Dahl                  sekretær\n"
    "Offentlig saksliste\n"
    "Utvalgs-                                                        Unntatt\n"
    "saksnr      Innhold                                             off.\n"
    "PS 1/26     Klage på vedtak om tilskudd til                     Offl. § 13,\n"
    "            ungdomsklubben                                      jf. Fvl. §\n"
    "                                                                13 (1) nr.\n"
    "PS 2/26     Eventuelt\n\n\n"
    "PS 1/26 Klage på vedtak om tilskudd til ungdomsklubben\n"
    "Vedtak\nKlagen tas ikke til følge.\n\n"
    "PS 2/26 Eventuelt\nIngen saker.\n"
)


def test_cramped_columns_keep_party_role_and_whom_a_deputy_stood_in_for() -> None:
    m = parse_minutes(_CRAMPED, source_file="fjellvik-ungdomsrad-2026-03-04.txt")
    assert m.participants == [
        Participant(name="Kari Nordmann", organisation="AP", role="Leder"),
        Participant(name="Ola Hansen", organisation="SP", role="Varamedlem for Per Li"),
        Participant(name="Siri Berg", organisation="H", role="Medlem"),
        Participant(name="Åse Dahl", organisation="administrasjonen", role="sekretær"),
    ]  # the agenda table that follows the staff list holds no attendees
    assert m.participant_notes == []  # every row was read, none kept raw


def test_a_wrapped_right_column_stays_out_of_agenda_titles() -> None:
    # The heading in the text wraps too, so the title is the table's.
    text = _CRAMPED.replace("Offentlig saksliste", "Saksliste").replace(
        "tilskudd til ungdomsklubben\nVedtak", "tilskudd til\nungdomsklubben\nVedtak")
    m = parse_minutes(text, source_file="fjellvik-ungdomsrad-2026-03-04.txt")
    assert [(i.number, i.title) for i in m.items] == [
        ("PS 1/26", "Klage på vedtak om tilskudd til ungdomsklubben"), ("PS 2/26", "Eventuelt"),
    ]  # fmt: skip
    # ... and is read as what it is: the basis for keeping the item from the public.
    assert [i.exempt for i in m.items] == ["Offl. § 13, jf. Fvl. § 13 (1) nr.", None]


# --- who holds the meeting, as real headers say it ---------------------------------------


def test_a_body_named_inside_a_flattened_line_is_its_own_organisation() -> None:
    text = ("1 Vår ref.: RR Dato: Telefon Postboks 9, 9999 Fjellby Org. nr PROTOKOLL FRA MØTE "
            "INDRE-FJELL REGIONRÅD Tid: Mandag 9. mars 2026 kl 10 Sted: Kommunehuset i Fjellby "
            "Møtet ble leda av Kari Li.")
    m = parse_minutes(text, source_file="x.txt")
    assert (m.body, m.organisation) == ("Indre-Fjell regionråd", "Indre-Fjell regionråd")
    assert m.meeting_id == "indre-fjell-regionrad-2026-03-09"  # named once, not twice


def test_an_upper_case_organisation_line_names_the_organisation() -> None:
    text = "NORDVIK KOMMUNE\n\nMøteprotokoll\n\nUtvalg:\n\nNordvik formannskap\n\nMøtedato: 02.03.2026\n"
    m = parse_minutes(text, source_file="x.txt")
    assert (m.body, m.organisation) == ("Nordvik formannskap", "Nordvik kommune")


def test_a_county_body_is_not_of_the_municipality_a_case_names() -> None:
    text = ("Fylkesutvalget 12. mai 2026\n\nSak 14/26 Sørby kommune - gnr. 3, bnr. 4 - "
            "samtykke\n\nVedtak: Samtykke gis.\n")
    m = parse_minutes(text, source_file="x.txt")
    assert (m.body, m.organisation) == ("Fylkesutvalget", None)


def test_the_most_named_municipality_must_lead_and_an_alliance_is_named_by_its_body() -> None:
    tie = ("Referat fra møte i styret\n\n12.05.2026\n\nSak 1/26 Innspill fra Nordby kommune og "
           "Sørby kommune\n\nNordby kommune og Sørby kommune støtter forslaget.\n")
    assert parse_minutes(tie, source_file="x.txt").organisation is None
    lead = tie.replace("Sørby kommune støtter", "Nordby kommune støtter")
    assert parse_minutes(lead, source_file="x.txt").organisation == "Nordby kommune"
    alliance = "Referat fra møte i styret for Fjellregionen\n\n12.05.2026\n\nSak 1/26 Budsjett\n"
    m = parse_minutes(alliance, source_file="x.txt")
    assert (m.body, m.organisation) == ("styret", "Fjellregionen")


def test_a_flattened_page_without_items_is_chunked_from_the_lines_the_parser_read() -> None:
    page = ("1 Vår ref.: RR Dato: Telefon Postboks 9 PROTOKOLL FRA MØTE FJORD-VIK REGIONRÅD "
            "Tid: Mandag 9. mars 2026 kl 10 Sted: Kommunehuset i Nordvik Forfall: Per Berg "
            "Sekretariat: Eva Holm. Møtet ble ledet av Kari Li. " + "Planene ble drøftet. " * 20)
    m = parse_minutes(f"Fjord-Vik regionråd\n\n{page}\n", source_file="x.txt")
    assert m.items == []
    (doc,) = [c for c in chunk_meeting(m, version="v") if c.section.value == "document"]
    lines = doc.text.split("\n")
    assert "Sted: Kommunehuset i Nordvik" in lines and "Forfall: Per Berg" in lines
    assert all(line in m.text for line in lines[1:] if line)  # every piece quotable verbatim
