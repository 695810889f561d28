"""Scale benchmark: a synthetic archive (bench/synth_archive.py) ingested, then a real
`referat serve` on 127.0.0.1 asked the golden questions sequentially and by 8 concurrent
clients; retrieval alone, bm25s and a plain Chroma dense query measured in the same run.

    .venv/bin/python bench/scale_bench.py 1000 [--workers 2] [--embedder none]

Writes bench/results/scale-<n>.json, then bench/results/scale.md from every such file and the
README table between its `scale-table` markers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _report import RESULTS, dev_questions, pct  # noqa: E402
from scale_report import write_reports  # noqa: E402
from synth_archive import generate, samples, variant  # noqa: E402

QUESTIONS = dev_questions()



def ingest(files: list[Path], data_dir: Path, embedder: str) -> dict[str, float]:
    from index.chunk import chunk_meeting
    from index.parse_minutes import parse_minutes
    from index.readers import read_bytes
    from service.cli import INGEST_BATCH
    from service.meetings import ingest_uploads
    from service.settings import Settings
    from service.wiring import build_services

    services = build_services(Settings(data_dir=data_dir, embedder=embedder))  # type: ignore[arg-type]
    sample = files[:100]
    for f in sample:  # warm the lemma and lexicon caches first: a cold pass times them, not parsing
        chunk_meeting(parse_minutes(f.read_text(encoding="utf-8"), source_file=f.name), version="x")
    t = time.perf_counter()
    for f in sample:
        meeting = parse_minutes(read_bytes(f.read_bytes(), filename=f.name, max_bytes=10**8),
                                source_file=f.name)
    parse_s = (time.perf_counter() - t) / len(sample)
    t = time.perf_counter()
    for f in sample:
        meeting = parse_minutes(f.read_text(encoding="utf-8"), source_file=f.name)
        chunk_meeting(meeting, version="x")
    chunk_s = (time.perf_counter() - t) / len(sample) - parse_s
    start = time.perf_counter()
    statuses: dict[str, int] = {}
    for at in range(0, len(files), INGEST_BATCH):  # as `referat ingest FOLDER` does
        part = files[at : at + INGEST_BATCH]
        for r in ingest_uploads([(f.read_bytes(), f.name) for f in part], services=services):
            key = getattr(r, "status", type(r).__name__)
            statuses[key] = statuses.get(key, 0) + 1
    searchable = time.perf_counter() - start
    index = services.lexical_index
    out = {"meetings": len(index.meetings()), "chunks": index.n_chunks(),
           "parse_ms_per_doc": 1000 * parse_s, "chunk_ms_per_doc": 1000 * max(chunk_s, 0.0),
           "ingest_searchable_s": searchable, "ingest_ms_per_doc": 1000 * searchable / len(files),
           "statuses": statuses}
    t = time.perf_counter()
    services.lexical_sync.index.rebuild(services.store)
    out["lexical_full_rebuild_s"] = time.perf_counter() - t
    return out


class Server:
    def __init__(self, data_dir: Path, port: int, workers: int, embedder: str) -> None:
        # No rate limit: the bench measures capacity, and a 429 answers in a millisecond.
        env = {**os.environ, "REFERAT_DATA_DIR": str(data_dir), "REFERAT_EMBEDDER": embedder,
               "REFERAT_RATE_LIMIT_PER_MINUTE": "0"}
        self.proc = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "referat"), "serve", "--host", "127.0.0.1", "--port",
             str(port), "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL,
            stderr=open(data_dir / "server.log", "w"))  # noqa: SIM115
        self.url = f"http://127.0.0.1:{port}"
        self.peak_rss = 0
        self._stop = threading.Event()
        threading.Thread(target=self._watch, daemon=True).start()
        for _ in range(600):
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise SystemExit("server did not start; see server.log")

    def _watch(self) -> None:
        while not self._stop.is_set():
            self.peak_rss = max(self.peak_rss, _tree_rss(self.proc.pid))
            time.sleep(0.25)

    def stop(self) -> None:
        self._stop.set()
        self.proc.terminate()
        self.proc.wait(timeout=30)


def _tree_rss(pid: int) -> int:
    """Sum of resident memory of a process and its children (uvicorn workers), bytes."""
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def _children(pid: int) -> list[int]:
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    out = [int(k) for k in kids]
    for k in list(out):
        out += _children(k)
    return out


def ask(client: httpx.Client, url: str, question: str) -> tuple[float, int]:
    t = time.perf_counter()
    resp = client.post(url + "/v1/ask", json={"question": question}, timeout=600)
    return 1000 * (time.perf_counter() - t), resp.status_code


def serve_figures(data_dir: Path, workers: int, embedder: str, port: int, *, rounds: int = 2,
                  per_client: int = 25) -> dict[str, object]:
    server = Server(data_dir, port, workers, embedder)
    out: dict[str, object] = {"workers": workers}
    try:
        with httpx.Client() as client:
            warm = [ask(client, server.url, QUESTIONS[0]) for _ in range(2 * workers)]
            out["warmup_ms"] = max(w for w, _ in warm)
            seq = [ask(client, server.url, q) for q in QUESTIONS * rounds]
        lat = [t for t, _ in seq]
        out["seq"] = {"p50": pct(lat, 50), "p95": pct(lat, 95), "p99": pct(lat, 99), "n": len(lat)}
        codes = [c for _, c in seq]

        def worker(i: int) -> list[tuple[float, int]]:
            with httpx.Client() as c:
                return [ask(c, server.url, QUESTIONS[(i * 11 + j) % len(QUESTIONS)]) for j in range(per_client)]
        t = time.perf_counter()
        with ThreadPoolExecutor(8) as pool:
            conc = [r for rs in pool.map(worker, range(8)) for r in rs]
        wall = time.perf_counter() - t
        clat = [t for t, _ in conc]
        codes += [c for _, c in conc]
        out["conc8"] = {"p50": pct(clat, 50), "p95": pct(clat, 95), "p99": pct(clat, 99),
                        "req_per_s": len(conc) / wall, "n": len(conc)}
        out["first_after_upload"] = _upload_then_ask(server.url, data_dir)
        out["during_uploads"] = _ask_during_uploads(server.url)
        codes += out["during_uploads"].pop("codes")  # type: ignore[union-attr]
        out["status_5xx"] = sum(1 for c in codes if c >= 500)
        out["status_other"] = sum(1 for c in codes if c != 200 and c < 500)
        out["server_peak_rss_gb"] = server.peak_rss / 1e9
    finally:
        server.stop()
    return out


def _upload_then_ask(url: str, data_dir: Path) -> dict[str, object]:
    import datetime as dt
    import random

    from index.analyze import analyze
    from index.lexical_sqlite import SqliteLexicalIndex

    name, text = samples()[0]
    doc = variant(text, random.Random(99), dt.date(2027, 3, 3), "Bjugn", "Osloregionen")
    t = time.perf_counter()
    with httpx.Client() as client:
        # replace=true: a rerun on the same data dir replaces the upload of the run before.
        resp = client.post(url + "/v1/meetings?replace=true",
                           files={"file": ("bench-upload.txt", doc.encode())}, timeout=600)
        upload_ms = 1000 * (time.perf_counter() - t)
        t = time.perf_counter()
        first = client.post(url + "/v1/ask", json={"question": "Hva ble vedtatt 3. mars 2027?"},
                            timeout=600)
        first_ms = 1000 * (time.perf_counter() - t)
    # The new index, as the server's workers share it: is the upload in it, and how fast.
    t = time.perf_counter()
    hits = SqliteLexicalIndex(data_dir / "lexical" / "referat.sqlite").search(
        analyze("Bjugn 3. mars 2027"), k=5)
    index_ms = 1000 * (time.perf_counter() - t)
    meeting_id = resp.json().get("meeting_id")
    return {"upload_ms": upload_ms, "first_question_ms": first_ms, "index_search_ms": index_ms,
            "index_has_upload": any(c.meeting_id == meeting_id for c, _ in hits),
            "upload_status": resp.status_code, "ask_status": first.status_code}


def _ask_during_uploads(url: str, uploads: int = 5) -> dict[str, object]:
    """Questions asked one after another while another client uploads minutes: the upload
    runs off the event loop and must not hold the questions up."""
    import datetime as dt
    import random

    name, text = samples()[0]
    done = threading.Event()
    upload_ms: list[float] = []

    def upload() -> None:
        with httpx.Client() as client:
            for i in range(uploads):
                doc = variant(text, random.Random(100 + i), dt.date(2027, 4, 1 + i), "Frosta", "Osloregionen")
                t = time.perf_counter()
                client.post(url + "/v1/meetings?replace=true",
                            files={"file": (f"bench-concurrent-{i}.txt", doc.encode())}, timeout=600)
                upload_ms.append(1000 * (time.perf_counter() - t))
        done.set()

    writer = threading.Thread(target=upload)
    writer.start()
    asked: list[tuple[float, int]] = []
    with httpx.Client() as client:
        i = 0
        while not done.is_set():
            asked.append(ask(client, url, QUESTIONS[i % len(QUESTIONS)]))
            i += 1
    writer.join()
    lat = [t for t, _ in asked]
    return {"uploads": len(upload_ms), "upload_ms_mean": sum(upload_ms) / max(len(upload_ms), 1),
            "n": len(lat), "p50": pct(lat, 50), "p95": pct(lat, 95), "max": max(lat, default=0.0),
            "codes": [c for _, c in asked]}


def retrieval_figures(data_dir: Path) -> dict[str, object]:
    """The new index alone, bm25s and a plain Chroma dense query, in this process."""
    import numpy as np

    from index.analyze import analyze
    from index.lexical_sqlite import SqliteLexicalIndex

    index = SqliteLexicalIndex(data_dir / "lexical" / "referat.sqlite")
    queries = [analyze(q) for q in QUESTIONS]
    lat = []
    for q in queries * 2:
        t = time.perf_counter()
        index.search(q, k=50)
        lat.append(1000 * (time.perf_counter() - t))
    t = time.perf_counter()
    index.meetings()
    out: dict[str, object] = {"sqlite_p50": pct(lat, 50), "sqlite_p95": pct(lat, 95),
                              "sqlite_p99": pct(lat, 99)}
    chunks = [c for m in index.meetings() for c in index.chunks_of(m)]
    import bm25s

    t = time.perf_counter()
    retriever = bm25s.BM25(k1=1.2, b=0.75)
    retriever.index(_bm25s_tokens([analyze(c.text) for c in chunks]), show_progress=False)
    out["bm25s_build_s"] = time.perf_counter() - t
    vocab = retriever.vocab_dict
    blat = []
    for q in queries * 2:
        ids = [[vocab[w] for w in dict.fromkeys(q) if w in vocab]]
        t = time.perf_counter()
        if ids[0]:
            retriever.retrieve(ids, k=50, show_progress=False)
        blat.append(1000 * (time.perf_counter() - t))
    out["bm25s_p50"], out["bm25s_p95"] = pct(blat, 50), pct(blat, 95)
    out.update(_dense_figures(len(chunks), np))
    return out


def _bm25s_tokens(docs: list[list[str]]):  # noqa: ANN202
    import bm25s

    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(t, len(vocab)) for t in d] for d in docs]
    return bm25s.tokenization.Tokenized(ids=ids, vocab=vocab)


def _dense_figures(n: int, np) -> dict[str, float]:  # noqa: ANN001
    """Random unit vectors, one per chunk: the query cost of a plain Chroma dense search at
    this size (no filter), not its quality."""
    import chromadb

    path = RESULTS.parent / "data" / f"dense-{n}"
    shutil.rmtree(path, ignore_errors=True)
    client = chromadb.PersistentClient(path=str(path))
    col = client.create_collection("bench_dense", embedding_function=None,
                                   metadata={"hnsw:space": "cosine"})
    rng = np.random.default_rng(1)
    t = time.perf_counter()
    for start in range(0, n, 5000):
        m = min(5000, n - start)
        v = rng.standard_normal((m, 384)).astype(np.float32)
        col.add(ids=[str(i) for i in range(start, start + m)], embeddings=v)
    build = time.perf_counter() - t
    lat = []
    for _ in range(100):
        q = rng.standard_normal(384).astype(np.float32)
        t = time.perf_counter()
        col.query(query_embeddings=[q], n_results=50)
        lat.append(1000 * (time.perf_counter() - t))
    shutil.rmtree(path, ignore_errors=True)
    return {"dense_build_s": build, "dense_p50": pct(lat, 50), "dense_p95": pct(lat, 95)}


def _commit() -> str:
    """The code a serving run measured: a --serve-only run may be made long after the ingest."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "service", "index")
    return git("rev-parse", "--short", "HEAD") + ("+changes" if dirty else "")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--embedder", default="none")
    ap.add_argument("--port", type=int, default=8710)
    ap.add_argument("--skip-serve", action="store_true")
    ap.add_argument("--rounds", type=int, default=2, help="sequential passes over the questions")
    ap.add_argument("--per-client", type=int, default=25, help="questions per concurrent client")
    ap.add_argument("--serve-only", action="store_true",
                    help="reuse the ingested data dir and figures of an earlier run")
    ap.add_argument("--label", default="",
                    help="with --serve-only: write scale-<n>-<label>.json, keep scale-<n>.json")
    args = ap.parse_args()
    if args.serve_only:
        saved = RESULTS / f"scale-{args.n}.json"
        result = json.loads(saved.read_text(encoding="utf-8"))
        result["embedder"] = args.embedder
        result["dense_weight"] = float(os.environ.get("REFERAT_FUSION_DENSE_WEIGHT") or 0)
        result["serve"] = serve_figures(ROOT / "bench" / "data" / f"run-{args.n}", args.workers,
                                        args.embedder, args.port, rounds=args.rounds,
                                        per_client=args.per_client)
        result["serve"].update(date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                               commit=_commit())
        result["label"] = args.label
        out = RESULTS / (f"scale-{args.n}-{args.label}.json" if args.label else saved.name)
        out.write_text(json.dumps(result, indent=1), encoding="utf-8")
        write_reports()
        print(json.dumps(result, indent=1))
        return
    archive = ROOT / "bench" / "data" / f"archive-{args.n}"
    if not archive.is_dir() or len(list(archive.glob("*.txt"))) < args.n:
        shutil.rmtree(archive, ignore_errors=True)
        generate(args.n, archive)
    files = sorted(archive.glob("*.txt"))[: args.n]
    data_dir = ROOT / "bench" / "data" / f"run-{args.n}"
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    result: dict[str, object] = {"n": args.n, "embedder": args.embedder,
                                 "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    result["ingest"] = ingest(files, data_dir, args.embedder)
    print(json.dumps(result, indent=1), flush=True)
    result["retrieval"] = retrieval_figures(data_dir)
    print(json.dumps(result["retrieval"], indent=1), flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"scale-{args.n}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    if not args.skip_serve:
        result["serve"] = serve_figures(data_dir, args.workers, args.embedder, args.port,
                                        rounds=args.rounds, per_client=args.per_client)
        result["serve"].update(date=result["date"], commit=_commit())
    (RESULTS / f"scale-{args.n}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    write_reports()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
