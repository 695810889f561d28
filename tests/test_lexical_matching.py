"""Fuzzy Norwegian term matching in the lexical index: accent folding, inflection and
compound variants, abbreviations learnt from the minutes, and the day parsing that question
constraints rely on. Pure functions on small hand-made indexes; no store needed."""

from __future__ import annotations

import pytest

from index.lexical import (
    BM25,
    FUZZY_COMPOUND,
    FUZZY_INFLECTION,
    abbreviations,
    similarity,
    terms,
)
from index.models import Chunk, SectionKind
from index.parse_dates import mentioned_days, same_day


def _chunk(i: int, text: str) -> Chunk:
    return Chunk(chunk_id=f"m:v:{i}", text=text, meeting_id="m", body="b", meeting_date="",
                 item=str(i), item_title="", section=SectionKind.item, source_file="f",
                 content_hash="h", version="v")


def _items(hits: list[tuple[Chunk, float]]) -> list[str]:
    return [c.item for c, _ in hits]


# --- terms --------------------------------------------------------------------------------

def test_terms_fold_accents_so_spelling_variants_meet() -> None:
    assert terms("komité") == terms("komite")
    assert terms("Komitéen") == terms("komiteen")
    assert terms("Göteborg") == terms("Gøteborg")  # Swedish ö is the Norwegian ø
    assert terms("Malmö") == terms("Malmø")
    assert terms("Bärum") == terms("Bærum")


def test_terms_keep_norwegian_letters_and_numbers_whole() -> None:
    assert terms("Ærlig øl på Åndalsnes") == [terms("ærlig")[0], terms("øl")[0],
                                              terms("åndalsnes")[0]]
    assert terms("PS 1/26 kr 2,50 og 13.05.2026") == ["ps", "1/26", "kr", "2,50", "13.05.2026"]


# --- similarity ---------------------------------------------------------------------------

def test_same_stem_is_a_full_match() -> None:
    assert similarity("rikstunnel", "rikstunnel") == 1.0
    assert similarity("ps", "ps") == 1.0  # short stems still match exactly


@pytest.mark.parametrize("a,b", [
    ("godkjent", "godkjennes"),
    ("godkjennes", "godkjent"),
    ("rekrutteres", "rekruttering"),
    ("samlokalisere", "samlokalisering"),
    ("avvikles", "avvikling"),
])
def test_inflections_of_one_word_match_at_the_inflection_weight(a: str, b: str) -> None:
    (sa,), (sb,) = terms(a), terms(b)
    assert sa != sb  # Snowball leaves them apart ...
    assert similarity(sa, sb) == FUZZY_INFLECTION  # ... the fuzzy match joins them


def test_compound_head_matches_at_the_compound_weight() -> None:
    (head,), (compound,) = terms("skoleutredning"), terms("ungdomsskoleutredningen")
    assert similarity(head, compound) == FUZZY_COMPOUND
    assert similarity(compound, head) == FUZZY_COMPOUND
    # a long shared beginning counts as related too ("medlemskontingent"/"medlemskap")
    assert similarity(terms("medlemskontingent")[0], terms("medlemskap")[0]) == FUZZY_COMPOUND
    # seven letters and more are long enough to be a head
    assert similarity(terms("budsjett")[0], terms("nasjonalbudsjett")[0]) == FUZZY_COMPOUND


@pytest.mark.parametrize("a,b", [
    ("kommune", "fylkeskommune"),  # a short stem must not find every compound ending in it
    ("sykkel", "elsykkel"),  # six letters: long enough for inflections, not for heads
    ("møte", "møtested"),
])
def test_short_stems_never_match_compounds(a: str, b: str) -> None:
    assert similarity(terms(a)[0], terms(b)[0]) == 0.0


def test_numbers_never_match_fuzzily() -> None:
    assert similarity("2026001", "2026002") == 0.0
    assert similarity("1234567", "123456") == 0.0
    assert similarity("2026001", "2026001") == 1.0


def test_unrelated_long_stems_do_not_match() -> None:
    assert similarity(terms("rikstunnelen")[0], terms("renseanlegg")[0]) == 0.0
    assert similarity(terms("godkjennes")[0], terms("godtgjørelse")[0]) == 0.0


# --- BM25 variants, presence, coverage, search --------------------------------------------

@pytest.fixture(scope="module")
def index() -> BM25:
    return BM25.build([
        _chunk(1, "Referatet fra forrige møte godkjennes."),
        _chunk(2, "Budsjettet for fylkeskommunene ble lagt fram."),
        _chunk(3, "Ungdomsskoleutredningen skal se på samlokalisering."),
        _chunk(4, "Skoleutredning for barneskolene kommer i høst."),
        _chunk(5, "Rekruttering av nye medlemmer til rådet."),
    ])


def test_variants_list_the_exact_stem_first_then_fuzzy_ones(index: BM25) -> None:
    assert index.variants(terms("godkjent")[0]) == [("godkjenn", FUZZY_INFLECTION)]
    exact = terms("skoleutredning")[0]
    found = index.variants(exact)
    assert found[0] == (exact, 1.0)
    assert (terms("ungdomsskoleutredningen")[0], FUZZY_COMPOUND) in found
    assert index.variants(terms("kommune")[0]) == []  # no "kommun" indexed, fuzzy refused
    assert index.variants("ukjentord") == []


def test_search_finds_an_inflected_form(index: BM25) -> None:
    assert _items(index.search("Ble referatet godkjent?", 5))[0] == "1"
    assert _items(index.search("godkjent", 5)) == ["1"]
    assert _items(index.search("Hvordan rekrutteres nye medlemmer?", 5))[0] == "5"


def test_search_does_not_let_kommune_find_fylkeskommunene(index: BM25) -> None:
    assert index.search("kommune", 5) == []
    assert _items(index.search("fylkeskommune", 5)) == ["2"]


def test_exact_stem_outranks_the_compound_that_contains_it(index: BM25) -> None:
    hits = index.search("skoleutredning", 5)
    assert _items(hits) == ["4", "3"]
    assert hits[0][1] > hits[1][1] > 0


def test_presence_is_exact_fuzzy_or_nothing(index: BM25) -> None:
    godkjent = terms("godkjent")[0]
    assert index.presence(godkjent, {godkjent}) == 1.0
    assert index.presence(godkjent, set(terms("Referatet godkjennes"))) == FUZZY_INFLECTION
    assert index.presence(godkjent, set(terms("Budsjettet ble lagt fram"))) == 0.0


def test_coverage_credits_inflections_partially(index: BM25) -> None:
    assert index.coverage("godkjent", "Referatet godkjennes.") == pytest.approx(FUZZY_INFLECTION)
    assert index.coverage("godkjennes", "Referatet godkjennes.") == 1.0
    assert index.coverage("kommune", "Budsjettet for fylkeskommunene") == 0.0


def test_coverage_known_only_ignores_words_the_index_has_never_seen(index: BM25) -> None:
    text = "Referatet fra forrige møte godkjennes."
    full = index.coverage("referatet flibbertigibbet", text)
    assert 0.0 < full < 1.0
    assert index.coverage("referatet flibbertigibbet", text, known_only=True) == 1.0
    assert index.coverage("flibbertigibbet", text, known_only=True) == 0.0


# --- abbreviations ------------------------------------------------------------------------

def test_abbreviation_learns_only_the_matching_long_form() -> None:
    found = abbreviations("den 12. mai legges fram forslag til revidert nasjonalbudsjett (RNB) "
                          "fram for Stortinget")
    assert found == [("rnb", tuple(terms("revidert nasjonalbudsjett")))]
    assert abbreviations("Samarbeidsrådet for Nedre Romerike (SNR):") == [
        ("snr", tuple(terms("Samarbeidsrådet for Nedre Romerike")))]


@pytest.mark.parametrize("text", [
    "møtet ble holdt på Hurum (FD) i går",  # letters do not spell the words before
    "Tor Borgan (SP)",  # a party after a name is not an abbreviation of the name
    "kostnaden (ca. 2 mill.)",
    "Rikstunnelen (viktig)",  # lowercase in the parentheses
])
def test_parentheses_that_define_nothing_are_ignored(text: str) -> None:
    assert abbreviations(text) == []


def test_expand_abbreviations_works_both_ways() -> None:
    index = BM25.build([_chunk(1, "forslag til revidert nasjonalbudsjett (RNB) legges fram")])
    long = set(terms("revidert nasjonalbudsjett"))
    assert index.expand_abbreviations({"rnb"}) == {"rnb"} | long
    assert index.expand_abbreviations(long) == long | {"rnb"}
    half = set(terms("nasjonalbudsjett"))
    assert index.expand_abbreviations(half) == half  # the whole long form is needed


def test_abbreviation_defined_in_one_chunk_lets_the_long_form_find_another() -> None:
    user = _chunk(2, "RNB er viktig, men primært for justering av bevilgninger.")
    other = _chunk(3, "Statsbudsjettet og handlingsplanen ble drøftet.")
    definer = _chunk(1, "I mai legges forslag til revidert nasjonalbudsjett (RNB) fram.")
    question = "Hva ble sagt om revidert nasjonalbudsjett og bevilgninger?"
    # Without the defining chunk the long form cannot know "RNB" ...
    without = BM25.build([user, other])
    assert "2" not in _items(without.search("revidert nasjonalbudsjett", 5))
    # ... with it, a chunk that only says "RNB" is found by the long form, and the reverse.
    index = BM25.build([definer, user, other])
    assert "2" in _items(index.search("revidert nasjonalbudsjett", 5))
    assert "2" in _items(index.search(question, 2))
    assert set(_items(index.search("Hva er RNB?", 5))) == {"1", "2"}
    assert index.coverage("revidert nasjonalbudsjett", user.text) == 1.0
    assert without.coverage("revidert nasjonalbudsjett", user.text) == 0.0


# --- mentioned_days / same_day ------------------------------------------------------------

def test_mentioned_days_reads_every_written_form() -> None:
    text = ("Styremøtet 13. mai, neste møte 16.04.2026, dato 2026-01-29, "
            "April 3, 2026 og 29.01.26; sak 3/26 og 1.2.3.4 er ikke datoer")
    assert mentioned_days(text) == {(13, 5, None), (16, 4, 2026), (29, 1, 2026), (3, 4, 2026)}
    assert mentioned_days("16. april 2026") == {(16, 4, 2026)}
    assert mentioned_days("ingen dato, bare 2026 og kr 2,50") == set()


def test_same_day_ignores_a_missing_year_only() -> None:
    assert same_day((13, 5, None), (13, 5, 2026))
    assert same_day((13, 5, 2026), (13, 5, None))
    assert same_day((13, 5, 2026), (13, 5, 2026))
    assert not same_day((13, 5, 2025), (13, 5, 2026))
    assert not same_day((13, 5, None), (14, 5, 2026))
    assert not same_day((13, 5, None), (13, 6, None))
