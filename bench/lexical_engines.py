"""Lexical engines side by side on the same chunks and the same `index.analyze` terms: our
SQLite postings (the one the service runs on), SQLite FTS5 over pre-analyzed terms, Tantivy over
pre-analyzed terms, a saved bm25s index, and the in-memory reference.

    .venv/bin/python bench/lexical_engines.py bench/data/archive-1000

Per engine: build time, query p50/p95 (top 50, the golden questions), time to replace one
meeting, resident memory added, and top-5 overlap with the reference. Writes
bench/results/lexical_engines.md.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _report import RESULTS, dev_questions, header, pct  # noqa: E402

from index.analyze import analyze  # noqa: E402
from index.chunk import chunk_meeting  # noqa: E402
from index.lexical import MemoryLexicalIndex  # noqa: E402
from index.lexical_postings import add_meeting, remove_meeting  # noqa: E402
from index.lexical_sqlite import SqliteLexicalIndex  # noqa: E402
from index.models import Chunk  # noqa: E402
from index.parse_minutes import parse_minutes  # noqa: E402
from index.store import MeetingRecord  # noqa: E402

QUESTIONS = dev_questions()
K = 50


def rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0



def load(folder: Path) -> dict[str, list[Chunk]]:
    out: dict[str, list[Chunk]] = {}
    for path in sorted(folder.glob("*.txt")):
        meeting = parse_minutes(path.read_text(encoding="utf-8"), source_file=path.name)
        out[meeting.meeting_id] = chunk_meeting(meeting, version="v1")
    return out


class Engine:
    name = ""

    def build(self, meetings: dict[str, list[Chunk]], terms: dict[str, list[str]]) -> None: ...
    def search(self, q: list[str]) -> list[str]: ...
    def replace(self, mid: str, chunks: list[Chunk], terms: dict[str, list[str]]) -> None: ...


class OwnSqlite(Engine):
    name = "SQLite postings per (term, meeting) (ours)"

    def build(self, meetings, terms):  # noqa: ANN001, ANN201
        self.dir = Path(tempfile.mkdtemp())
        self.index = SqliteLexicalIndex(self.dir / "lex.sqlite")
        db = self.index._db()  # noqa: SLF001
        db.execute("BEGIN")
        for mid, chunks in meetings.items():
            add_meeting(db, MeetingRecord(mid, "v1", 1), chunks)  # noqa: SLF001
        db.execute("UPDATE meta SET value='1' WHERE key='generation'")
        db.execute("COMMIT")

    def search(self, q):  # noqa: ANN001, ANN201
        return [c.chunk_id for c, _ in self.index.search(q, k=K)]

    def replace(self, mid, chunks, terms):  # noqa: ANN001, ANN201
        db = self.index._db()  # noqa: SLF001
        db.execute("BEGIN")
        remove_meeting(db, mid)
        add_meeting(db, MeetingRecord(mid, "v2", 2), chunks)  # noqa: SLF001
        db.execute("UPDATE meta SET value='2' WHERE key='generation'")
        db.execute("COMMIT")


class Fts5(Engine):
    name = "SQLite FTS5, pre-analyzed terms, bm25()"

    def build(self, meetings, terms):  # noqa: ANN001, ANN201
        import sqlite3

        self.db = sqlite3.connect(str(Path(tempfile.mkdtemp()) / "fts.sqlite"), isolation_level=None)
        self.db.execute("CREATE VIRTUAL TABLE f USING fts5(terms, mid UNINDEXED, cid UNINDEXED, "
                        "tokenize=\"unicode61 remove_diacritics 0 tokenchars './,'\")")
        self.db.execute("BEGIN")
        for mid, chunks in meetings.items():
            self._insert(mid, chunks, terms)
        self.db.execute("COMMIT")

    def _insert(self, mid, chunks, terms):  # noqa: ANN001, ANN202
        self.db.executemany("INSERT INTO f(terms, mid, cid) VALUES (?,?,?)",
                            [(" ".join(terms[c.chunk_id]), mid, c.chunk_id) for c in chunks])

    def search(self, q):  # noqa: ANN001, ANN201
        if not q:
            return []
        match = " OR ".join(f'"{t}"' for t in dict.fromkeys(q))
        return [r[0] for r in self.db.execute(
            "SELECT cid FROM f WHERE f MATCH ? ORDER BY bm25(f), cid LIMIT ?", (match, K))]

    def replace(self, mid, chunks, terms):  # noqa: ANN001, ANN201
        self.db.execute("BEGIN")
        self.db.execute("DELETE FROM f WHERE mid=?", (mid,))
        self._insert(mid, chunks, terms)
        self.db.execute("COMMIT")


class Tantivy(Engine):
    name = "Tantivy, pre-analyzed terms (whitespace tokenizer)"

    def build(self, meetings, terms):  # noqa: ANN001, ANN201
        import tantivy

        sb = tantivy.SchemaBuilder()
        sb.add_text_field("terms", stored=False, tokenizer_name="whitespace")
        sb.add_text_field("mid", stored=False, tokenizer_name="raw")
        sb.add_text_field("cid", stored=True, tokenizer_name="raw")
        self.schema = sb.build()
        self.index = tantivy.Index(self.schema, path=tempfile.mkdtemp())
        writer = self.index.writer(heap_size=100_000_000)
        for mid, chunks in meetings.items():
            for c in chunks:
                writer.add_document(tantivy.Document(terms=" ".join(terms[c.chunk_id]), mid=mid,
                                                     cid=c.chunk_id))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.t = tantivy

    def search(self, q):  # noqa: ANN001, ANN201
        t = self.t
        if not q:
            return []
        query = t.Query.boolean_query([(t.Occur.Should, t.Query.term_query(self.schema, "terms", w))
                                       for w in dict.fromkeys(q)])
        searcher = self.index.searcher()
        hits = searcher.search(query, K).hits
        return [searcher.doc(addr)["cid"][0] for _, addr in hits]

    def replace(self, mid, chunks, terms):  # noqa: ANN001, ANN201
        writer = self.index.writer(heap_size=50_000_000)
        writer.delete_documents_by_term("mid", mid)
        for c in chunks:
            writer.add_document(self.t.Document(terms=" ".join(terms[c.chunk_id]), mid=mid,
                                                cid=c.chunk_id))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()


class Bm25s(Engine):
    name = "bm25s, saved to disk and loaded (no incremental update: rebuild)"

    def build(self, meetings, terms):  # noqa: ANN001, ANN201
        import bm25s

        self.meetings, self.terms = meetings, terms
        self.ids = [c.chunk_id for cs in meetings.values() for c in cs]
        vocab: dict[str, int] = {}
        tokens = [[vocab.setdefault(t, len(vocab)) for t in terms[c]] for c in self.ids]
        retriever = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
        retriever.index(bm25s.tokenization.Tokenized(ids=tokens, vocab=vocab), show_progress=False)
        path = tempfile.mkdtemp()
        retriever.save(path)
        self.retriever = bm25s.BM25.load(path, mmap=True)
        self.vocab = vocab

    def search(self, q):  # noqa: ANN001, ANN201
        ids = [self.vocab[w] for w in dict.fromkeys(q) if w in self.vocab]
        if not ids:
            return []
        docs, _ = self.retriever.retrieve([ids], k=min(K, len(self.ids)), show_progress=False)
        return [self.ids[i] for i in docs[0]]

    def replace(self, mid, chunks, terms):  # noqa: ANN001, ANN201
        self.build({**self.meetings, mid: chunks}, terms)


class Memory(Engine):
    name = "MemoryLexicalIndex (pure Python, the reference)"

    def build(self, meetings, terms):  # noqa: ANN001, ANN201
        self.meetings = meetings
        self.index = MemoryLexicalIndex([c for cs in meetings.values() for c in cs])

    def search(self, q):  # noqa: ANN001, ANN201
        return [c.chunk_id for c, _ in self.index.search(q, k=K)]

    def replace(self, mid, chunks, terms):  # noqa: ANN001, ANN201
        self.build({**self.meetings, mid: chunks}, terms)


def measure(engine: Engine, meetings, terms, queries, reference) -> dict[str, float]:  # noqa: ANN001
    before = rss()
    t = time.perf_counter()
    engine.build(meetings, terms)
    build = time.perf_counter() - t
    memory = rss() - before
    lat, overlap, tied = [], [], []
    for q, ref in zip(queries * 2, reference * 2, strict=True):
        t = time.perf_counter()
        got = engine.search(q)
        lat.append(1000 * (time.perf_counter() - t))
        if ref:
            top = list(ref)[:5]
            overlap.append(len(set(got[:5]) & set(top)) / len(top))
            # Synthetic minutes repeat passages, so many chunks tie; a tied chunk is as right.
            floor = ref[top[-1]] - 1e-9
            tied.append(sum(ref.get(c, -1.0) >= floor for c in got[:5]) / len(top))
    mid = next(iter(meetings))
    t = time.perf_counter()
    engine.replace(mid, meetings[mid], terms)
    update = time.perf_counter() - t
    return {"build_s": build, "p50": pct(lat, 50), "p95": pct(lat, 95), "update_s": update,
            "rss_mb": memory / 1e6, "top5": sum(overlap) / len(overlap),
            "top5_ties": sum(tied) / len(tied)}


def main() -> None:
    folder = Path(sys.argv[1])
    meetings = load(folder)
    terms = {c.chunk_id: analyze(c.text) for cs in meetings.values() for c in cs}
    queries = [analyze(q) for q in QUESTIONS]
    engines: list[Callable[[], Engine]] = [Memory, OwnSqlite, Fts5, Tantivy, Bm25s]
    ref_engine = Memory()
    ref_engine.build(meetings, terms)
    reference = [{c.chunk_id: s for c, s in ref_engine.index.search(q, k=1000)} for q in queries]
    del ref_engine
    rows = []
    for make in engines:
        engine = make()
        rows.append((engine.name, measure(engine, meetings, terms, queries, reference)))
        print(rows[-1], flush=True)
        del engine
    n_chunks = sum(len(cs) for cs in meetings.values())
    lines = header(f"Lexical engines: {len(meetings):,} meetings, {n_chunks:,} chunks ({folder.name})")
    lines += ["Same chunks, same `index.analyze` terms for every engine; top 50 per query, "
              f"{len(QUESTIONS)} golden questions twice. Update = replace one meeting "
              "(remove + add, committed, searchable). Memory = resident set added by the build "
              "in this process (indicative: freed memory is not returned). Top-5 overlap against "
              "the in-memory reference; 'with ties' counts a chunk whose reference score equals "
              "the 5th best as a match (the synthetic minutes repeat passages, so ties are many).",
              "",
              "| engine | build (s) | query p50 (ms) | query p95 (ms) | update one meeting (s) | memory (MB) | top-5 overlap | with ties |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    lines += [f"| {name} | {r['build_s']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['update_s']:.3f} "
              f"| {r['rss_mb']:.0f} | {r['top5']:.3f} | {r['top5_ties']:.3f} |" for name, r in rows]
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "lexical_engines.md"
    previous = out.read_text(encoding="utf-8") if out.exists() else ""
    out.write_text("\n".join(lines) + "\n\n" + previous, encoding="utf-8")
    shutil.rmtree(Path(tempfile.gettempdir()) / "none", ignore_errors=True)


if __name__ == "__main__":
    main()
