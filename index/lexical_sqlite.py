"""The persistent lexical index: BM25 over `index.analyze` terms in one SQLite file, derived
from Chroma and kept current from its generation counter (`sync`).

Postings are stored per (term, meeting) as packed arrays, so adding or removing a meeting
touches that meeting's rows only, and a query reads one row per meeting holding the term.
Scores equal `index.lexical.MemoryLexicalIndex`'s (same IDF, k1, b, tie order). Several
processes may share the file (WAL; writers take an immediate transaction and re-check the
generation, so two workers noticing one change apply it once).
"""

from __future__ import annotations

import math
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

import numpy as np

from index.analyze import ANALYZER_VERSION
from index.errors import StoreUnavailable
from index.lexical import K1, B
from index.lexical_api import MeetingInfo
from index.lexical_postings import DDL, add_meeting, remove_meeting
from index.models import Chunk
from index.store import ChunkStore

# The file layout and the analyzer that wrote its terms: an index of either older version
# is rebuilt from Chroma, since its terms would no longer meet the questions'.
SCHEMA = f"2+analyzer{ANALYZER_VERSION}"
CACHE_BYTES = 256_000_000  # decoded postings kept per process, most recently used first
LOG_GENERATIONS = 1000  # how far behind a process may fall and still update its cache by term


class SqliteLexicalIndex:
    """`index.lexical_api.LexicalIndex` on disk. `sync(store)` catches up with Chroma."""

    def __init__(self, path: Path) -> None:
        """`path` names the index; its data lives in `<path>.<n>` and the file `path` names
        the current n, so a rebuild swaps files without renaming one under open connections
        (SQLite's WAL files go by the database's name)."""
        self.base = path
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            _write_pointer(path, 0)
        self._local = threading.local()
        self._write = threading.Lock()
        self._cache_gen = -1
        self._stats = (0, 1.0)
        self._directory: dict[str, MeetingInfo] = {}
        self._mids: dict[str, int] = {}
        self._cache_lock = threading.RLock()
        self._cache: OrderedDict[int, tuple[np.ndarray, ...]] = OrderedDict()
        self._cache_bytes = 0
        self._cache_path: Path | None = None
        self._pointer: tuple[tuple[int, int, int], Path] | None = None

    @property
    def path(self) -> Path:
        """The current file. Every connection asks, several times a request, and another
        process may swap the file (a rebuild): the pointer is re-read only when its inode,
        size or mtime moved, one stat instead of an open and a read."""
        try:
            st = os.stat(self.base)
        except OSError:
            return self.base.with_name(f"{self.base.name}.0")
        key = (st.st_ino, st.st_size, st.st_mtime_ns)
        seen = self._pointer
        if seen is None or seen[0] != key:
            seen = self._pointer = (key, self.base.with_name(
                f"{self.base.name}.{_read_pointer(self.base)}"))
        return seen[1]

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        path = self.path
        if db is None or getattr(self._local, "path", None) != path:
            try:
                db = sqlite3.connect(str(path), timeout=30, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                if db.execute("SELECT count(*) FROM sqlite_master WHERE name='meta'").fetchone()[0] == 0:
                    db.executescript(DDL)
                    db.execute("INSERT OR IGNORE INTO meta VALUES ('generation', '-1')")
                    db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
            except sqlite3.Error as e:
                raise StoreUnavailable(f"the lexical index {path} cannot be opened: {e}") from e
            self._local.db, self._local.path = db, path
        return db

    # -- LexicalIndex -----------------------------------------------------------------
    def generation(self) -> int:
        row = self._db().execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else -1

    def n_chunks(self) -> int:
        self._refresh()
        return self._stats[0]

    def doc_freq(self, term: str) -> int:
        row = self._db().execute("SELECT df FROM terms WHERE term=?", (term,)).fetchone()
        return int(row[0]) if row else 0

    def meetings(self) -> dict[str, MeetingInfo]:
        self._refresh()
        return self._directory

    def chunks_of(self, meeting_id: str) -> list[Chunk]:
        rows = self._db().execute(
            "SELECT c.data FROM chunks c JOIN meetings m ON c.mid=m.mid WHERE m.meeting_id=? "
            "ORDER BY c.cid", (meeting_id,)).fetchall()
        return [Chunk.model_validate_json(r[0]) for r in rows]

    def item_chunks(self, meeting_ids: Sequence[str], item: Callable[[str | None], bool]) -> list[Chunk]:
        # A question naming "sak 9" looks through many meetings: SQLite reads the item
        # labels in one query, and only the chunks of the items asked for are decoded.
        self._refresh()
        db = self._db()
        mids = [self._mids[m] for m in meeting_ids if m in self._mids]
        labels: list[tuple[int, int, str | None]] = []
        for start in range(0, len(mids), 500):
            part = mids[start : start + 500]
            labels += db.execute(
                f"SELECT mid, cid, json_extract(data, '$.item') FROM chunks WHERE mid IN "
                f"({','.join('?' * len(part))})", part).fetchall()
        order = {mid: i for i, mid in enumerate(mids)}
        wanted = sorted(((order[mid], cid) for mid, cid, label in labels if item(label)))
        rows: dict[int, str] = {}
        for start in range(0, len(wanted), 500):
            part = [cid for _, cid in wanted[start : start + 500]]
            rows.update(db.execute(f"SELECT cid, data FROM chunks WHERE cid IN "
                                   f"({','.join('?' * len(part))})", part).fetchall())
        return [Chunk.model_validate_json(rows[cid]) for _, cid in wanted if cid in rows]

    def search(self, terms: Sequence[str], *, k: int,
               meeting_ids: Collection[str] | None = None) -> list[tuple[Chunk, float]]:
        self._refresh()
        n, avg = self._stats
        db = self._db()
        allowed = None if meeting_ids is None else {
            self._mids[m] for m in meeting_ids if m in self._mids}
        if allowed is not None and not allowed:
            return []
        docs_parts, weight_parts = [], []
        for term in dict.fromkeys(terms):
            row = db.execute("SELECT tid, df FROM terms WHERE term=?", (term,)).fetchone()
            if not row or not row[1]:
                continue
            mids, cids, tf, length = self._postings(db, row[0])
            if allowed is not None:
                inside = np.isin(mids, np.fromiter(allowed, dtype=np.int32, count=len(allowed)))
                cids, tf, length = cids[inside], tf[inside], length[inside]
            weight = math.log(1 + (n - row[1] + 0.5) / (row[1] + 0.5))
            docs_parts.append(cids)
            weight_parts.append(weight * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / avg)))
        if not docs_parts:
            return []
        # One slot per chunk row id: summing by bincount is linear, where grouping equal ids
        # (np.unique) sorted every posting of every term.
        scores = np.bincount(np.concatenate(docs_parts), weights=np.concatenate(weight_parts))
        hit = np.flatnonzero(scores)
        if len(hit) > k:
            # Everything tied with the k-th score competes on chunk id, as in the reference.
            kth = np.partition(scores[hit], len(hit) - k)[len(hit) - k]
            hit = hit[scores[hit] >= kth - 1e-12]
        picked = {int(i): float(scores[i]) for i in hit}
        rows = []
        ids = list(picked)
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            rows += db.execute(f"SELECT cid, chunk_id, data FROM chunks WHERE cid IN "
                               f"({','.join('?' * len(part))})", part).fetchall()
        ranked = sorted(rows, key=lambda r: (-picked[r[0]], r[1]))[:k]
        return [(Chunk.model_validate_json(r[2]), picked[r[0]]) for r in ranked]

    def _postings(self, db: sqlite3.Connection, tid: int) -> tuple[np.ndarray, ...]:
        """A term's postings as arrays (meeting, chunk, tf, length), cached per process: a
        common term has a row in every meeting, and decoding thousands of rows per query is
        what a cache saves. `_refresh` drops the terms a sync changed (the term log)."""
        cached = self._cache.get(tid)
        if cached is not None:
            self._cache.move_to_end(tid)
            return cached
        rows = db.execute("SELECT mid, docs FROM postings WHERE tid=?", (tid,)).fetchall()
        flat = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.int32).reshape(-1, 3)
        mids = np.repeat(np.fromiter((r[0] for r in rows), dtype=np.int32, count=len(rows)),
                         [len(r[1]) // 12 for r in rows])
        arrays = (mids, flat[:, 0].copy(), flat[:, 1].astype(np.float64),
                  flat[:, 2].astype(np.float64))
        size = sum(a.nbytes for a in arrays)
        with self._cache_lock:
            self._cache[tid] = arrays
            self._cache_bytes += size
            while self._cache_bytes > CACHE_BYTES and len(self._cache) > 1:
                _, old = self._cache.popitem(last=False)
                self._cache_bytes -= sum(a.nbytes for a in old)
        return arrays

    # -- keeping current --------------------------------------------------------------
    def sync(self, store: ChunkStore) -> int:
        """Applies what changed in Chroma since this index's generation; a full rebuild when
        the index is empty, of another schema, or ahead of the store (a reset store)."""
        target = store.generation()
        if target == self.generation() and self.schema_ok():
            return 0
        with self._write:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                current = self.generation()
                schema = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
                if current == target and schema and schema[0] == str(SCHEMA):
                    db.execute("COMMIT")
                    return 0
                if current < 0 or current > target or not schema or schema[0] != str(SCHEMA):
                    db.execute("ROLLBACK")
                    return self.rebuild(store)
                changes = store.changes_since(current)
                have = dict(db.execute("SELECT meeting_id, version FROM meetings").fetchall()
                            ) if changes.written else {}
                newest = {r.meeting_id: r.generation for r in changes.written}
                applied = 0
                target = changes.generation
                for meeting_id, generation in changes.deleted:
                    if newest.get(meeting_id, -1) < generation:
                        applied += remove_meeting(db, meeting_id, target)
                for record in changes.written:
                    if have.get(record.meeting_id) != record.version:
                        chunks = store.meeting_chunks(record.meeting_id, record.version)
                        remove_meeting(db, record.meeting_id, target)
                        add_meeting(db, record, chunks, target)
                        applied += 1
                db.execute("DELETE FROM term_log WHERE generation < ?", (target - LOG_GENERATIONS,))
                db.execute("UPDATE meta SET value=? WHERE key='generation'", (str(changes.generation),))
                db.execute("COMMIT")
                return applied
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def schema_ok(self) -> bool:
        """False for an index file of an older layout (it must be rebuilt)."""
        row = self._db().execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        return bool(row) and row[0] == str(SCHEMA)

    def rebuild(self, store: ChunkStore) -> int:
        """Builds a fresh file from Chroma beside this one, then swaps it in: readers keep the
        old index until the new one is complete (safe to run in a background thread)."""
        old = self.path
        number = _read_pointer(self.base) + 1
        building = self.base.with_name(f"{self.base.name}.building-{os.getpid()}")
        _write_pointer(building, number)
        fresh = SqliteLexicalIndex(building)
        db = fresh._db()
        generation = store.generation()
        records = {r.meeting_id: r for r in store.records()}
        by_meeting: dict[str, list[Chunk]] = {}
        for chunk in store.iter_chunks():
            by_meeting.setdefault(chunk.meeting_id, []).append(chunk)
        db.execute("BEGIN")
        for meeting_id, chunks in by_meeting.items():
            if meeting_id in records:
                add_meeting(db, records[meeting_id], chunks)
        db.execute("UPDATE meta SET value=? WHERE key='generation'", (str(generation),))
        db.execute("COMMIT")
        db.close()
        built = fresh.path
        os.replace(built, self.base.with_name(f"{self.base.name}.{number}"))
        building.unlink(missing_ok=True)
        _write_pointer(self.base, number)  # the swap: connections reopen on their next query
        for suffix in ("", "-wal", "-shm"):
            # Processes still reading the old file keep its inode until they reopen.
            Path(str(old) + suffix).unlink(missing_ok=True)
        self._cache_gen = -1
        return len(by_meeting)

    def check(self) -> int:
        """Raises StoreUnavailable when the index file cannot be read; else its generation."""
        try:
            self._db().execute("SELECT count(*) FROM meetings").fetchone()
            return self.generation()
        except sqlite3.Error as e:
            raise StoreUnavailable(f"the lexical index {self.path} cannot be read: {e}") from e

    # -- internals --------------------------------------------------------------------
    def _refresh(self) -> None:
        """The directory and corpus statistics, re-read once per generation of the file
        (another process may have synced it)."""
        generation = self.generation()
        if generation == self._cache_gen and self._cache_path == self.path:
            return
        with self._cache_lock:
            db = self._db()
            oldest = db.execute("SELECT min(generation) FROM term_log").fetchone()[0]
            if self._cache_path != self.path or self._cache_gen < 0 or oldest is None \
                    or oldest > self._cache_gen + 1:
                self._cache.clear()  # another file, or further behind than the log reaches
                self._cache_bytes = 0
            else:
                for (tid,) in db.execute("SELECT DISTINCT tid FROM term_log WHERE generation > ?",
                                         (self._cache_gen,)):
                    old = self._cache.pop(tid, None)
                    if old is not None:
                        self._cache_bytes -= sum(a.nbytes for a in old)
            self._cache_path = self.path
            rows = db.execute(
                "SELECT mid, meeting_id, info, n_chunks, total_len FROM meetings").fetchall()
            n = sum(r[3] for r in rows)
            total = sum(r[4] for r in rows)
            self._directory = {r[1]: MeetingInfo.model_validate_json(r[2]) for r in rows}
            self._mids = {r[1]: r[0] for r in rows}
            self._stats = (n, (total / n) if n else 1.0)
            self._cache_gen = generation


def _read_pointer(path: Path) -> int:
    try:
        return int(path.read_text().strip() or 0)
    except (OSError, ValueError):
        return 0


def _write_pointer(path: Path, number: int) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(str(number))
    os.replace(tmp, path)
