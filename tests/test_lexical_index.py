"""The persistent lexical index: ranks like the in-memory reference, changes per meeting,
starts current without a rebuild, catches up from the store's generation, tells when broken."""

from __future__ import annotations

import datetime as dt
import threading

import chromadb
import pytest

from index.analyze import analyze
from index.chunk import chunk_meeting
from index.errors import StoreUnavailable
from index.lexical import MemoryLexicalIndex
from index.lexical_sqlite import SqliteLexicalIndex
from index.models import AgendaItem, Meeting
from index.parse_minutes import parse_minutes
from index.store import ChunkStore
from tests.conftest import SAMPLES

QUESTIONS = ["Hva ble konkludert om Rikstunnelen?", "Hva vedtok formannskapet om sykkelutleie?",
             "skoleutredningen ungdomsrådet", "medlemskontingent 2027", "budsjett eldrerådet"]


def put(store: ChunkStore, m: Meeting, version: str) -> None:
    store.replace_meeting(m, chunk_meeting(m, version=version), None, version=version)


def small(meeting_id: str, text: str) -> Meeting:
    return Meeting(meeting_id=meeting_id, body="Formannskap", organisation="Fjellvik kommune",
                   title="Protokoll", date=dt.date(2026, 1, 2), source_file="x.txt", text=text,
                   items=[AgendaItem(number="PS 1/26", title="Sak", text=text)])


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory) -> ChunkStore:  # noqa: ANN001
    store = ChunkStore(chromadb.PersistentClient(path=str(tmp_path_factory.mktemp("c"))),
                       prefix="lex", vectors=None)
    for path in sorted(SAMPLES.glob("*.txt")):
        put(store, parse_minutes(path.read_text(encoding="utf-8"), source_file=path.name), "v1")
    return store


@pytest.fixture
def store(tmp_path) -> ChunkStore:  # noqa: ANN001
    return ChunkStore(chromadb.PersistentClient(path=str(tmp_path / "c")), prefix="t", vectors=None)


def test_ranks_exactly_like_the_memory_reference(samples_store, tmp_path) -> None:
    index = SqliteLexicalIndex(tmp_path / "lex.sqlite")
    index.sync(samples_store)
    memory = MemoryLexicalIndex(samples_store.all_chunks())
    assert index.n_chunks() == memory.n_chunks() and index.meetings() == memory.meetings()
    for question in QUESTIONS:
        terms = analyze(question)
        got = [(c.chunk_id, round(s, 9)) for c, s in index.search(terms, k=10)]
        assert got and got == [(c.chunk_id, round(s, 9)) for c, s in memory.search(terms, k=10)]
        assert all(index.doc_freq(t) == memory.doc_freq(t) for t in terms)
    some = sorted(index.meetings())[:2]
    hits = index.search(analyze("Rikstunnelen budsjett"), k=50, meeting_ids=some)
    assert hits and {c.meeting_id for c, _ in hits} <= set(some)
    meeting_id = some[0]
    assert [c.chunk_id for c in index.chunks_of(meeting_id)] == \
        [c.chunk_id for c in memory.chunks_of(meeting_id)]
    every = sorted(index.meetings())

    def first_two(label: str | None) -> bool:
        return label in {"1", "2", "PS 1/26", "PS 2/26"}
    picked = index.item_chunks(every, first_two)
    assert picked and all(first_two(c.item) for c in picked)
    assert [c.chunk_id for c in picked] == [c.chunk_id for c in memory.item_chunks(every, first_two)]
    assert index.item_chunks(["no-such-meeting"], first_two) == []


def test_one_meeting_changes_only_its_own_postings(store, tmp_path) -> None:
    put(store, small("a-2026-01-02", "Rikstunnelen og bompenger."), "v1")
    put(store, small("b-2026-01-02", "Sykkelutleie i sentrum."), "v1")
    index = SqliteLexicalIndex(tmp_path / "lex.sqlite")
    index.sync(store)
    db = index._db()  # noqa: SLF001
    before = db.execute("SELECT tid, docs FROM postings p JOIN meetings m ON p.mid=m.mid "
                        "WHERE m.meeting_id='b-2026-01-02'").fetchall()
    put(store, small("a-2026-01-02", "Rikstunnelen ble utsatt."), "v2")
    assert index.sync(store) == 1
    after = db.execute("SELECT tid, docs FROM postings p JOIN meetings m ON p.mid=m.mid "
                       "WHERE m.meeting_id='b-2026-01-02'").fetchall()
    assert before == after
    assert [c.version for c, _ in index.search(analyze("Rikstunnelen"), k=5)] == ["v2"]
    store.delete_meeting("a-2026-01-02")  # a tombstone tells the sync
    assert index.sync(store) == 1 and set(index.meetings()) == {"b-2026-01-02"}
    assert index.search(analyze("Rikstunnelen"), k=5) == []
    assert index.doc_freq(analyze("Rikstunnelen")[0]) == 0


def test_a_current_index_starts_without_rebuilding_and_catches_up(store, tmp_path,
                                                                   monkeypatch) -> None:
    put(store, small("a-2026-01-02", "Rikstunnelen."), "v1")
    SqliteLexicalIndex(tmp_path / "lex.sqlite").sync(store)

    def no_rebuild(*_: object) -> int:
        raise AssertionError("a current index must not be rebuilt")
    monkeypatch.setattr(SqliteLexicalIndex, "rebuild", no_rebuild)
    restarted = SqliteLexicalIndex(tmp_path / "lex.sqlite")  # another process, same file
    assert restarted.sync(store) == 0 and restarted.generation() == store.generation()
    other_writer = ChunkStore(store._client, prefix="t", vectors=None)  # noqa: SLF001
    put(other_writer, small("b-2026-01-02", "Sykkelutleie."), "v1")
    assert restarted.sync(store) == 1
    assert [c.meeting_id for c, _ in restarted.search(analyze("sykkelutleie"), k=3)] == ["b-2026-01-02"]


def test_an_index_written_by_another_analyzer_version_is_rebuilt(store, tmp_path,
                                                                 monkeypatch) -> None:
    import index.lexical_sqlite as lexical_sqlite

    put(store, small("a-2026-01-02", "Rikstunnelen."), "v1")
    monkeypatch.setattr(lexical_sqlite, "SCHEMA", "2+analyzer0")  # as an older release wrote it
    SqliteLexicalIndex(tmp_path / "lex.sqlite").sync(store)
    monkeypatch.undo()
    rebuilt: list[bool] = []
    original = SqliteLexicalIndex.rebuild

    def rebuild(self: SqliteLexicalIndex, s: ChunkStore) -> int:
        rebuilt.append(True)
        return original(self, s)
    monkeypatch.setattr(SqliteLexicalIndex, "rebuild", rebuild)
    upgraded = SqliteLexicalIndex(tmp_path / "lex.sqlite")
    assert not upgraded.schema_ok()
    upgraded.sync(store)
    assert rebuilt and upgraded.schema_ok()
    assert [c.meeting_id for c, _ in upgraded.search(analyze("rikstunnelen"), k=3)] == ["a-2026-01-02"]


def test_rebuild_in_the_background_keeps_the_old_index_serving(store, tmp_path) -> None:
    put(store, small("a-2026-01-02", "Rikstunnelen."), "v1")
    index = SqliteLexicalIndex(tmp_path / "lex.sqlite")
    index.sync(store)
    results = []
    worker = threading.Thread(target=lambda: results.append(index.rebuild(store)))
    worker.start()
    while worker.is_alive():
        assert index.search(analyze("Rikstunnelen"), k=1)  # never an empty or missing index
    worker.join()
    assert results == [1] and index.generation() == store.generation()
    assert index.search(analyze("Rikstunnelen"), k=1)


def test_a_rebuild_by_another_process_is_read_at_the_next_query(store, tmp_path) -> None:
    put(store, small("a-2026-01-02", "Rikstunnelen."), "v1")
    serving = SqliteLexicalIndex(tmp_path / "lex.sqlite")
    serving.sync(store)
    assert serving.search(analyze("Rikstunnelen"), k=1)
    old_file = serving.path
    put(store, small("b-2026-01-02", "Sykkelutleie."), "v1")
    SqliteLexicalIndex(tmp_path / "lex.sqlite").rebuild(store)  # `referat doctor --reindex`
    assert serving.path != old_file and not old_file.exists()
    assert serving.generation() == store.generation()
    assert [c.meeting_id for c, _ in serving.search(analyze("sykkelutleie"), k=1)] == ["b-2026-01-02"]


def test_an_unreadable_index_raises_a_typed_error(tmp_path) -> None:
    index = SqliteLexicalIndex(tmp_path / "lex.sqlite")
    assert index.check() == -1
    path = index.path
    index._db().close()  # noqa: SLF001
    path.write_bytes(b"this is not a database" * 100)  # a damaged disk, or another program's file
    with pytest.raises(StoreUnavailable, match="cannot be"):
        SqliteLexicalIndex(tmp_path / "lex.sqlite").check()


def test_services_health_check_names_a_broken_index(tmp_path) -> None:
    from service.settings import Settings
    from service.wiring import build_services

    services = build_services(Settings(data_dir=tmp_path, embedder="none"))
    assert services.lexical_sync.check() == services.store.generation() == 0
    index = services.lexical_sync.index
    path = index.path
    index._db().close()  # noqa: SLF001
    path.write_bytes(b"not a database" * 100)
    restarted = build_services(Settings(data_dir=tmp_path, embedder="none"))  # still starts
    with pytest.raises(StoreUnavailable, match="lexical index"):
        restarted.lexical_sync.check()
    restarted.lexical_sync.index.rebuild(restarted.store)  # what `referat doctor --reindex` does
    assert restarted.lexical_sync.check() == 0
