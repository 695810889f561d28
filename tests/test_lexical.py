from index.lexical import BM25, terms
from index.models import Chunk, SectionKind


def _chunk(i: int, text: str) -> Chunk:
    return Chunk(chunk_id=f"m:v:{i}", text=text, meeting_id="m", body="b", meeting_date="",
                 item=str(i), item_title="", section=SectionKind.item, source_file="f",
                 content_hash="h", version="v")


def test_terms_stem_norwegian_inflections_and_drop_stopwords() -> None:
    assert terms("Rikstunnelen") == terms("rikstunnel")
    assert terms("budsjettet") == terms("budsjett")
    assert "og" not in terms("budsjett og tunnel")
    assert "1/26" in terms("PS 1/26 Søknad")
    assert "2,50" in terms("kr. 2,50 pr. innbygger")


def test_bm25_ranks_the_item_with_the_rare_term_first() -> None:
    index = BM25.build([
        _chunk(1, "Godkjenning av innkalling. Godkjennes."),
        _chunk(2, "Politisk håndnotat om Rikstunnelen og kapasitet i Oslo."),
        _chunk(3, "Revidert nasjonalbudsjett og budsjettprosessen."),
    ])
    hits = index.search("Hva ble sagt om rikstunnelen?", 3)
    assert hits[0][0].item == "2"
    assert len(hits) == 1  # chunks sharing no term are not hits at all


def test_coverage_is_high_for_present_terms_and_low_for_unknown_ones() -> None:
    index = BM25.build([_chunk(1, "Medlemskontingent 2027 på kr 2,50 per innbygger")])
    assert index.coverage("medlemskontingent 2027", index.chunks[0].text) == 1.0
    assert index.coverage("skolemat i barnehagen", index.chunks[0].text) == 0.0
    partial = index.coverage("medlemskontingent barnehage", index.chunks[0].text)
    assert 0.0 < partial < 1.0
