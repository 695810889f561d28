"""The evidence check: faithful quotes pass whatever the layout; invented ones do not."""

from __future__ import annotations

from service.extract.evidence import keep_supported, quote_in_source
from service.extract.evidence import normalise as n
from service.extract.schema import ActionItem

SOURCE = """Christine Agdestein (Høyre) fremmet følgende forslag:
Formannskapet ber om å få fremlagt en sak med oppnevning av en hovedkomite for markeringen av
Nasjonaljubileet og Steinkjer i 1000 år.
For forslaget stemte 13: Håvard Krogstad-
Wiborg (R), Tor-André Hopen (PP).
«Styret ber sekretariatet om å legge frem forslag til tiltak.»
    •    Søknad fra Game Out sendes tilbake til Administrasjon
Politisk håndnotat – Rikstunnelen
"""


def test_whitespace_wraps_quotes_dashes_and_bullets_do_not_matter() -> None:
    hay = n(SOURCE)
    assert quote_in_source("ber om å få fremlagt en sak med oppnevning av en hovedkomite for "
                           "markeringen av Nasjonaljubileet", hay)
    assert quote_in_source("Håvard Krogstad-Wiborg (R)", hay)
    assert quote_in_source('"Styret ber sekretariatet om å legge frem forslag til tiltak."', hay)
    assert quote_in_source("• Søknad fra Game Out sendes tilbake", hay)
    assert quote_in_source("Politisk håndnotat - Rikstunnelen", hay)
    assert quote_in_source("FORMANNSKAPET BER OM Å FÅ FREMLAGT", hay)


def test_elided_quotes_need_every_part_in_order() -> None:
    hay = n(SOURCE)
    assert quote_in_source("Formannskapet ber om å få fremlagt en sak ... Steinkjer i 1000 år", hay)
    assert not quote_in_source("Steinkjer i 1000 år ... Formannskapet ber om", hay)
    assert not quote_in_source("Formannskapet ber ... år", hay)  # a 2-letter part proves nothing


def test_invented_or_paraphrased_quotes_fail() -> None:
    hay = n(SOURCE)
    assert not quote_in_source("Formannskapet ber kommunedirektøren om en sak", hay)
    assert not quote_in_source("Sekretariatet skal sende ut referatet", hay)
    assert not quote_in_source("   ", hay)
    assert not quote_in_source("år.", hay)


def test_keep_supported_drops_and_counts() -> None:
    real = ActionItem(task="legge fram sak", item="PS 7/26",
                      evidence="ber om å få fremlagt en sak med oppnevning")
    fake = ActionItem(task="sende referat", item="PS 7/26", evidence="Sekretariatet sender referatet")
    kept, dropped = keep_supported([real, fake], SOURCE)
    assert kept == [real] and dropped == 1
