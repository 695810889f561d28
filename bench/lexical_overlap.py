"""Top-5 overlap of the persistent lexical index with the in-memory reference on the golden
questions, both over the same chunks and `index.analyze` terms (the sample minutes ingested
through the real write path into Chroma, the SQLite index synced from it).

    .venv/bin/python bench/lexical_overlap.py

Writes bench/results/lexical_overlap.md.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import chromadb
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _report import RESULTS, header  # noqa: E402

from index.analyze import analyze  # noqa: E402
from index.ingest import ingest_documents  # noqa: E402
from index.lexical import MemoryLexicalIndex  # noqa: E402
from index.lexical_sqlite import SqliteLexicalIndex  # noqa: E402
from index.store import ChunkStore  # noqa: E402


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    store = ChunkStore(chromadb.PersistentClient(path=str(tmp / "chroma")), vectors=None)
    files = sorted((ROOT / "samples" / "minutes").glob("*.txt"))
    ingest_documents([(p.read_bytes(), p.name) for p in files], store=store, embedder=None,
                     docs_dir=tmp / "documents", max_bytes=10**8)
    index = SqliteLexicalIndex(tmp / "lexical.sqlite")
    index.sync(store)
    reference = MemoryLexicalIndex(store.all_chunks())
    questions = yaml.safe_load(
        (ROOT / "evals" / "golden" / "qa" / "dev.yaml").read_text("utf-8"))["questions"][:88]
    overlaps, same_order, rows = [], 0, []
    for q in questions:
        terms = analyze(q["question"])
        got = [c.chunk_id for c, _ in index.search(terms, k=5)]
        ref = [c.chunk_id for c, _ in reference.search(terms, k=5)]
        if not ref:
            continue
        overlap = len(set(got) & set(ref)) / len(ref)
        overlaps.append(overlap)
        same_order += got == ref
        if overlap < 1:
            rows.append(f"| {q['id']} | {overlap:.2f} | {', '.join(sorted(set(ref) - set(got)))} |")
    lines = header("Top-5 overlap: SQLite lexical index vs MemoryLexicalIndex")
    lines += [f"{len(files)} sample minutes, {index.n_chunks()} chunks, {len(overlaps)} golden "
              f"questions with hits.", "",
              "| measure | value |", "| --- | --- |",
              f"| mean top-5 overlap | {sum(overlaps) / len(overlaps):.3f} |",
              f"| questions with the identical top 5, same order | {same_order} of {len(overlaps)} |",
              ""]
    if rows:
        lines += ["Differences:", "", "| question | overlap | reference items missing |",
                  "| --- | --- | --- |", *rows]
    else:
        lines += ["No differences: the same chunks, in the same order, with the same scores' "
                  "ranking, for every question."]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "lexical_overlap.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
