"""The `referat` command as a user runs it: ingest, list, ask, delete, bad input."""

from __future__ import annotations

import json
import shutil

import pytest

from service.cli import main
from service.settings import get_settings
from tests.conftest import SAMPLES


@pytest.fixture
def data_dir(tmp_path, monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setenv("REFERAT_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield tmp_path / "data"
    get_settings.cache_clear()


def test_ingest_list_ask_delete(data_dir, tmp_path, capsys) -> None:
    folder = tmp_path / "minutes"
    folder.mkdir()
    for path in SAMPLES.glob("*.txt"):  # the four of the golden set, not minutes/more
        shutil.copy(path, folder)
    assert main(["ingest", "-q", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.count("added") == 4
    assert main(["ingest", "-q", str(folder)]) == 0
    assert capsys.readouterr().out.count("unchanged") == 4
    assert main(["meetings", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(m["item_count"] for m in listed) == [5, 10, 10, 24]
    assert {"meeting_id", "date", "body", "title", "item_count"} <= set(listed[0])
    assert main(["ask", "Hva ble konkludert om Rikstunnelen?"]) == 0
    assert "[sak 7, 16.04.2026]" in capsys.readouterr().out
    assert main(["ask", "Hvem vant fotball-VM i 1994?"]) == 3
    seed = next(m["meeting_id"] for m in listed if m["date"] == "2026-04-16")
    assert main(["delete", seed]) == 0
    assert main(["delete", seed]) == 2
    assert "no meeting with id" in capsys.readouterr().err
    assert not list((data_dir / "documents").glob(f"{seed}.*"))


def test_changed_file_replaces_the_meeting(data_dir, tmp_path, capsys) -> None:
    doc = tmp_path / "kg.txt"
    shutil.copy(SAMPLES / "osloregionen-kg-2026-04-16.txt", doc)
    assert main(["ingest", "-q", str(doc)]) == 0
    doc.write_text(doc.read_text(encoding="utf-8").replace("Tunnelen er viktig for beredskap",
                                                           "Tunnelen er viktig for sykkelveier"),
                   encoding="utf-8")
    capsys.readouterr()
    assert main(["ingest", "-q", str(doc)]) == 1  # replacing needs --replace
    assert "--replace" in capsys.readouterr().err
    assert main(["ingest", "-q", "--replace", str(doc)]) == 0
    assert "replaced" in capsys.readouterr().out
    versions = list((data_dir / "documents" / "versions").rglob("*.txt"))
    assert len(versions) == 1 and "viktig for beredskap" in versions[0].read_text(encoding="utf-8")
    assert main(["ask", "Hva ble sagt om sykkelveier og tunnelen?", "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert "sykkelveier" in body["answer"]
    assert main(["ask", "beredskap tunnelen sak 7", "--json"]) in (0, 3)
    assert "viktig for beredskap" not in capsys.readouterr().out


def test_bad_files_get_one_line_errors_and_nothing_is_touched(data_dir, tmp_path, capsys) -> None:
    assert main(["ingest", "-q", str(SAMPLES / "osloregionen-kg-2026-04-16.txt")]) == 0
    empty = tmp_path / "tom.txt"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"\x00\x01\x02garbage" * 100)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Referat fra møte i Testrådet\n\nTid: 3. mars 2026\n\n1. Økonomi\n\n"
                      "Godkjennes\n".encode("latin-1"))
    capsys.readouterr()
    assert main(["ingest", "-q", str(empty), str(junk), str(latin)]) == 1
    captured = capsys.readouterr()
    errors = captured.err.strip().splitlines()
    assert len(errors) == 2 and "tom.txt" in errors[0] and "junk.pdf" in errors[1]
    assert "added" in captured.out  # the latin-1 file still indexed
    assert main(["ingest", str(tmp_path / "missing.txt")]) == 2
    assert main(["meetings", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_a_file_an_older_release_read_into_another_id_says_so(data_dir, tmp_path, capsys,
                                                             monkeypatch) -> None:
    import index.ingest

    doc = tmp_path / "kg.txt"
    shutil.copy(SAMPLES / "osloregionen-kg-2026-04-16.txt", doc)
    real = index.ingest.parse_minutes
    with monkeypatch.context() as older:
        older.setattr(index.ingest, "parse_minutes", lambda text, *, source_file: real(
            text, source_file=source_file).model_copy(update={"meeting_id": "kg-old-reading"}))
        assert main(["ingest", "-q", str(doc)]) == 0
    capsys.readouterr()
    assert main(["ingest", "-q", str(doc)]) == 0
    line = capsys.readouterr().out
    assert line.startswith("replaced") and "(stored as kg-old-reading before)" in line
    assert main(["meetings", "--json"]) == 0
    assert [m["meeting_id"] for m in json.loads(capsys.readouterr().out)] == [
        "osloregionen-ipr-administrativ-koordineringsgruppe-2026-04-16"]
