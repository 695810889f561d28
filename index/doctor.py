"""Crash hygiene for the write path: what an interrupted ingest left, finished or removed.

`recover` reads only the journal (`docs_dir/.pending`), so it is cheap enough for every
start-up: an ingest whose record flipped gets its original moved into place; one that did
not loses its staged original and the chunks it wrote. `examine` (`referat doctor`) also
scans the whole store for chunks and originals no meeting record names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from index.ingest import PENDING, VERSIONS, finish_original
from index.store import PAGE, ChunkStore


@dataclass
class Report:
    finished: list[str] = field(default_factory=list)  # ingests completed from the journal
    undone: list[str] = field(default_factory=list)  # ingests rolled back
    orphan_chunks: int = 0
    orphan_originals: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.finished or self.undone or self.orphan_chunks or self.orphan_originals)


def recover(store: ChunkStore, docs_dir: Path) -> Report:
    with store.write_lock():  # an ingest in progress holds it from staging to the journal's end
        return _recover(store, docs_dir)


def _recover(store: ChunkStore, docs_dir: Path) -> Report:
    report = Report()
    pending = docs_dir / PENDING
    if not pending.is_dir():
        return report
    versions = store.meeting_versions()
    for journal in sorted(pending.glob("*.json")):
        try:
            entry = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            journal.unlink(missing_ok=True)  # torn before its atomic rename: nothing was written
            continue
        meeting_id, version = entry["meeting_id"], entry["version"]
        staged = pending / entry["original"]
        if versions.get(meeting_id) == version:
            finish_original(docs_dir, meeting_id, staged, entry.get("suffix", ""))
            report.finished.append(meeting_id)
        else:
            _delete_version(store, meeting_id, version)
            staged.unlink(missing_ok=True)
            journal.unlink(missing_ok=True)
            report.undone.append(meeting_id)
    # Staged originals no journal names: killed between staging and writing the journal
    # (the store was not touched yet). The write lock is ours, so no live ingest owns them.
    for leftover in pending.iterdir():
        if leftover.is_file():
            leftover.unlink(missing_ok=True)
    return report


def examine(store: ChunkStore, docs_dir: Path) -> Report:
    """`recover`, then every chunk and stored original checked against the meeting records."""
    with store.write_lock():
        return _examine(store, docs_dir)


def _examine(store: ChunkStore, docs_dir: Path) -> Report:
    report = _recover(store, docs_dir)
    versions = store.active_versions()
    for collection in (store.texts, store.vectors):
        if collection is None:
            continue
        stale: list[str] = []
        offset = 0
        while True:
            got = collection.get(include=["metadatas"], limit=PAGE, offset=offset)
            stale += [i for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)
                      if versions.get(str(m["meeting_id"])) != m["version"]]
            if len(got["ids"]) < PAGE:
                break
            offset += PAGE
        for start in range(0, len(stale), 500):
            collection.delete(ids=stale[start : start + 500])
        report.orphan_chunks += len(stale)
    if docs_dir.is_dir():
        for path in docs_dir.iterdir():
            if path.is_file() and path.name.split(".", 1)[0] not in versions:
                path.unlink()
                report.orphan_originals.append(path.name)
    return report


def _delete_version(store: ChunkStore, meeting_id: str, version: str) -> None:
    where = {"$and": [{"meeting_id": meeting_id}, {"version": version}]}
    for collection in (store.texts, store.vectors):
        if collection is not None:
            collection.delete(where=where)


__all__ = ["VERSIONS", "Report", "examine", "recover"]
