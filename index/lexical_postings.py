"""The write side of the SQLite lexical index (`index.lexical_sqlite`): its tables, and adding
or removing one meeting's rows. Postings are packed per (term, meeting) as int32 rows
(chunk, tf, length), so a meeting's change rewrites that meeting's rows only; every term a
change touches goes to the term log, which readers use to drop their cached postings."""

from __future__ import annotations

import sqlite3
from collections import Counter

import numpy as np

from index.analyze import analyze
from index.lexical import meeting_info
from index.lexical_api import MeetingInfo
from index.models import Chunk
from index.store import MeetingRecord

DDL = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meetings(mid INTEGER PRIMARY KEY, meeting_id TEXT UNIQUE NOT NULL,
    version TEXT NOT NULL, info TEXT NOT NULL, n_chunks INT NOT NULL, total_len INT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks(cid INTEGER PRIMARY KEY, mid INT NOT NULL, chunk_id TEXT NOT NULL,
    data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_mid ON chunks(mid);
CREATE TABLE IF NOT EXISTS terms(tid INTEGER PRIMARY KEY, term TEXT UNIQUE NOT NULL, df INT NOT NULL);
CREATE TABLE IF NOT EXISTS postings(tid INT NOT NULL, mid INT NOT NULL, docs BLOB NOT NULL,
    PRIMARY KEY (tid, mid)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS postings_mid ON postings(mid);
CREATE TABLE IF NOT EXISTS term_log(generation INT NOT NULL, tid INT NOT NULL);
CREATE INDEX IF NOT EXISTS term_log_generation ON term_log(generation);
"""


def add_meeting(db: sqlite3.Connection, record: MeetingRecord, chunks: list[Chunk],
         generation: int | None = None) -> None:
    head = next((c for c in chunks if c.section.value == "header"), chunks[0] if chunks else None)
    info = meeting_info(head) if head else MeetingInfo(meeting_id=record.meeting_id, body=record.body)
    info = info.model_copy(update={"title": record.title or info.title,
                                   "organisation": record.organisation or info.organisation,
                                   "date": record.date or info.date, "body": record.body or info.body})
    counts = [Counter(analyze(c.text)) for c in chunks]
    total = sum(sum(tf.values()) for tf in counts)
    mid = db.execute("INSERT INTO meetings(meeting_id, version, info, n_chunks, total_len) "
                     "VALUES (?,?,?,?,?)", (record.meeting_id, record.version,
                                            info.model_dump_json(), len(chunks), total)).lastrowid
    postings: dict[str, list[tuple[int, int, int]]] = {}
    for chunk, tf in zip(chunks, counts, strict=True):
        cid = db.execute("INSERT INTO chunks(mid, chunk_id, data) VALUES (?,?,?)",
                         (mid, chunk.chunk_id, chunk.model_dump_json())).lastrowid
        length = sum(tf.values())
        for term, n in tf.items():
            postings.setdefault(term, []).append((int(cid or 0), n, length))
    for term, rows in postings.items():
        db.execute("INSERT INTO terms(term, df) VALUES (?, ?) ON CONFLICT(term) "
                   "DO UPDATE SET df = df + excluded.df", (term, len(rows)))
    tids = _tids(db, list(postings))
    if generation is not None:
        db.executemany("INSERT INTO term_log VALUES (?, ?)",
                       [(generation, t) for t in tids.values()])
    db.executemany("INSERT INTO postings VALUES (?,?,?)", [
        (tids[term], mid, np.asarray(rows, dtype=np.int32).tobytes())
        for term, rows in postings.items()])

def remove_meeting(db: sqlite3.Connection, meeting_id: str, generation: int | None = None) -> int:
    row = db.execute("SELECT mid FROM meetings WHERE meeting_id=?", (meeting_id,)).fetchone()
    if not row:
        return 0
    mid = row[0]
    for tid, blob in db.execute("SELECT tid, docs FROM postings WHERE mid=?", (mid,)).fetchall():
        db.execute("UPDATE terms SET df = df - ? WHERE tid=?", (len(blob) // 12, tid))
        if generation is not None:
            db.execute("INSERT INTO term_log VALUES (?, ?)", (generation, tid))
    db.execute("DELETE FROM postings WHERE mid=?", (mid,))
    db.execute("DELETE FROM chunks WHERE mid=?", (mid,))
    db.execute("DELETE FROM meetings WHERE mid=?", (mid,))
    return 1


def _tids(db: sqlite3.Connection, terms: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for start in range(0, len(terms), 500):
        part = terms[start : start + 500]
        out.update(db.execute(f"SELECT term, tid FROM terms WHERE term IN "
                              f"({','.join('?' * len(part))})", part).fetchall())
    return out
