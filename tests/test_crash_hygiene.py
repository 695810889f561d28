"""A real `kill -9` of `referat ingest` mid-write, then `referat doctor`: nothing half-written
stays visible or on disk, and nothing stored is lost."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import chromadb

from index.store import ChunkStore
from tests.conftest import ROOT, SAMPLES

REFERAT = [sys.executable, "-m", "service.cli"]


def _env(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "REFERAT_DATA_DIR": str(data_dir), "REFERAT_EMBEDDER": "none"}


def _kill_while_writing(folder: Path, data_dir: Path, delay: float) -> bool:
    """Starts an ingest and kills it `delay` s after its journal appears; True when the
    journal was still there, i.e. the process died inside a write."""
    proc = subprocess.Popen([*REFERAT, "ingest", "-q", str(folder)], env=_env(data_dir), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pending = data_dir / "documents" / ".pending"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if pending.is_dir() and any(pending.glob("*.json")):
            time.sleep(delay)
            break
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return pending.is_dir() and any(pending.glob("*.json"))


def _versions(data_dir: Path) -> dict[str, str]:
    store = ChunkStore(chromadb.PersistentClient(path=str(data_dir / "chroma")), vectors=None)
    return store.active_versions()


def _consistent(data_dir: Path) -> None:
    store = ChunkStore(chromadb.PersistentClient(path=str(data_dir / "chroma")), vectors=None)
    versions = store.active_versions()
    metas = store.texts.get(include=["metadatas"])["metadatas"] or []
    assert all(versions.get(str(m["meeting_id"])) == m["version"] for m in metas)
    docs = data_dir / "documents"
    originals = {p.name.split(".", 1)[0] for p in docs.iterdir() if p.is_file()}
    assert originals == set(versions)
    assert not list((docs / ".pending").glob("*"))


def test_kill_9_during_ingest_then_doctor_leaves_a_consistent_index(tmp_path) -> None:
    folder = tmp_path / "minutes"
    folder.mkdir()
    for path in sorted((SAMPLES / "more").glob("*.txt"))[:24]:
        shutil.copy(path, folder)
    data_dir = tmp_path / "data"
    stored = tmp_path / "stored"
    stored.mkdir()
    for path in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(path, stored)
    first = subprocess.run([*REFERAT, "ingest", "-q", str(stored)], env=_env(data_dir), cwd=ROOT,
                           capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    before = _versions(data_dir)
    assert len(before) == len(list(stored.iterdir()))
    interrupted = [_kill_while_writing(folder, data_dir, delay) for delay in (0.05, 0.5)]
    assert any(interrupted)  # at least one kill landed inside a write
    doctor = subprocess.run([*REFERAT, "doctor"], env=_env(data_dir), cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert doctor.returncode == 0, doctor.stderr
    m = re.search(r"finished (\d+) and undid (\d+) interrupted ingests", doctor.stdout)
    assert m, doctor.stdout
    if interrupted[-1]:  # the last kill's journal is left for the doctor to settle
        assert int(m[1]) + int(m[2]) >= 1, doctor.stdout
    _consistent(data_dir)
    after = _versions(data_dir)
    assert {k: after.get(k) for k in before} == before  # what was stored before is all there
    kept = len(after)
    print(f"\nkill -9: {sum(interrupted)} of {len(interrupted)} kills inside a write; doctor: "
          f"{' '.join(doctor.stdout.split())[:300]}; {kept} complete meetings kept")
    again = subprocess.run([*REFERAT, "ingest", "-q", str(folder)], env=_env(data_dir), cwd=ROOT,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("added") + again.stdout.count("unchanged") == 24
    _consistent(data_dir)
