"""The one place that builds things from settings: store, embedder, model, derived indexes."""

from __future__ import annotations

import atexit
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from index.analyze import analyze
from index.doctor import Report, recover
from index.embed import CachedEmbedder, Embedder, LocalMiniLM, NoEmbedder
from index.errors import StoreUnavailable
from index.ingest import embed_pending
from index.lexical_api import LexicalIndex
from index.lexical_sqlite import SqliteLexicalIndex
from index.store import ChunkStore
from service.llm import LLM
from service.memory import release_freed_memory
from service.settings import Settings
from service.thesaurus import synonyms
from service.translate import expand_english

log = logging.getLogger("referat.wiring")


@dataclass
class LexicalSync:
    """Keeps the persistent lexical index at the store's generation. A request costs one
    counter lookup; only a change costs more, and only what changed (`SqliteLexicalIndex.sync`)."""

    store: ChunkStore
    index: SqliteLexicalIndex
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _rebuilding: threading.Thread | None = None

    def current(self) -> SqliteLexicalIndex:
        if self.store.generation() != self.index.generation() and not self.rebuilding:
            # Only a moved counter costs more than this comparison; an index of an older
            # layout is rebuilt once, at start-up (build_services).
            with self._lock:
                self.index.sync(self.store)
            release_freed_memory()
        return self.index

    def rebuild_in_background(self) -> threading.Thread:
        """A full rebuild from Chroma while the old index keeps serving."""
        def run() -> None:
            with self._lock:
                self.index.rebuild(self.store)
        self._rebuilding = threading.Thread(target=run, name="lexical-rebuild", daemon=True)
        self._rebuilding.start()
        return self._rebuilding

    @property
    def rebuilding(self) -> bool:
        return self._rebuilding is not None and self._rebuilding.is_alive()

    def check(self) -> int:
        """For readiness: the generation both the store and the index answer with; raises
        StoreUnavailable (503) when either cannot be read or the index cannot be brought up to date."""
        self.store.check()
        try:
            return self.current().check()
        except StoreUnavailable:
            raise
        except Exception as e:  # noqa: BLE001 - any failure to read or sync means not ready
            raise StoreUnavailable(f"the lexical index cannot be read or built: {e}") from e


@dataclass
class VectorWorker:
    """Computes the vectors of newly stored text off the request path, batched across
    documents; `kick()` after an ingest."""

    store: ChunkStore
    embedder: Embedder
    _wake: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _idle: threading.Event = field(default_factory=threading.Event)
    _stop: threading.Event = field(default_factory=threading.Event)

    def kick(self) -> None:
        if self.store.vectors is None or isinstance(self.embedder, NoEmbedder):
            return
        self._idle.clear()
        self._wake.set()
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()  # a worker stopped at an app's shutdown may be started again
            self._thread = threading.Thread(target=self._run, name="vectors", daemon=True)
            self._thread.start()
            # A daemon thread killed inside onnxruntime at exit aborts the process; stop it
            # between batches first (what is left stays pending for the next start).
            atexit.register(self.stop)

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=60)

    def wait(self, timeout: float | None = None) -> bool:
        """Blocks until no vectors are pending (tests, the CLI)."""
        return self._thread is None or self._idle.wait(timeout)

    def _run(self) -> None:
        while self._wake.wait(timeout=60) and not self._stop.is_set():
            self._wake.clear()
            try:
                embed_pending(self.store, self.embedder, stop=self._stop.is_set)
                release_freed_memory()
            except Exception:  # noqa: BLE001 - the next kick retries; text search is unaffected
                log.exception("background embedding failed")
            if not self._wake.is_set():
                self._idle.set()
        self._idle.set()


@dataclass
class Services:
    settings: Settings
    store: ChunkStore
    embedder: Embedder
    llm: LLM | None
    lexical_sync: LexicalSync
    vectors: VectorWorker
    recovered: Report = field(default_factory=Report)  # what start-up recovery finished or undid

    @property
    def lexical_index(self) -> LexicalIndex:
        """The persistent lexical index, current with the store; cheap to ask for per request."""
        return self.lexical_sync.current()

    @property
    def docs_dir(self) -> Path:
        return self.settings.data_dir / "documents"


def make_chroma_client(settings: Settings) -> object:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port,
                                   settings=chroma_settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.data_dir / "chroma"), settings=chroma_settings)


def make_embedder(settings: Settings) -> Embedder:
    inner: Embedder
    if settings.embedder == "none":
        return NoEmbedder()
    if settings.embedder == "openai":
        from service.openai_adapter import OpenAIEmbedder

        inner = OpenAIEmbedder(
            model=settings.embedding_model,
            base_url=settings.embedding_base_url or settings.llm_base_url,
            api_key=settings.embedding_api_key or settings.llm_api_key,
            timeout=settings.llm_timeout,
        )
    else:
        inner = LocalMiniLM()
    return CachedEmbedder(inner, settings.data_dir / "cache" / "embeddings.sqlite")


def make_llm(settings: Settings) -> LLM | None:
    if not settings.llm_enabled:
        return None
    from service.openai_adapter import OpenAIChat

    assert settings.llm_model is not None
    return OpenAIChat(model=settings.llm_model, base_url=settings.llm_base_url,
                      api_key=settings.llm_api_key, timeout=settings.llm_timeout)


def _load_language_tables() -> None:
    analyze("arbeidsplassene ble vedtatt")
    expand_english("Who chaired the meetings?")
    synonyms("utgift")


def build_services(
    settings: Settings, *, llm: LLM | None = None, store: ChunkStore | None = None,
    embedder: Embedder | None = None,
) -> Services:
    embedder = embedder or make_embedder(settings)
    if store is None:
        space = None if isinstance(embedder, NoEmbedder) else embedder.model_id
        store = ChunkStore(make_chroma_client(settings), prefix=settings.collection, vectors=space,
                           lock_path=settings.data_dir / "locks" / "store.lock")
    docs_dir = settings.data_dir / "documents"
    report = recover(store, docs_dir)  # cheap: reads the journal only
    if not report.clean:
        log.warning("recovered interrupted ingests: finished %s, undone %s",
                    report.finished, report.undone)
    lexical_path = settings.data_dir / "lexical" / f"{settings.collection}.sqlite"
    lexical_index = SqliteLexicalIndex(lexical_path)
    try:
        if not lexical_index.schema_ok():
            lexical_index.sync(store)
    except StoreUnavailable as e:
        # Start anyway: readiness reports it (LexicalSync.check), `referat doctor --reindex`
        # rebuilds it from Chroma.
        log.error("%s; run `referat doctor --reindex`", e.message)
    services = Services(
        settings=settings, store=store, embedder=embedder,
        llm=llm if llm is not None else make_llm(settings),
        lexical_sync=LexicalSync(store, lexical_index),
        vectors=VectorWorker(store, embedder), recovered=report,
    )
    services.vectors.kick()  # vectors an earlier process left pending
    # The analyzer loads its lexicon and lemma tables on first use (4 s here), the English
    # lemmas and the glossary theirs (0.6 s): then, not inside the first upload or question.
    threading.Thread(target=_load_language_tables, daemon=True).start()
    return services
