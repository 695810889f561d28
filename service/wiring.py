"""The one place that builds things from settings: store, embedder, model, derived indexes."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from index.embed import CachedEmbedder, Embedder, LocalMiniLM
from index.lexical import BM25
from index.lexical_api import LexicalIndex
from index.lexical_memory import MemoryLexicalIndex
from index.store import ChunkStore
from service.llm import LLM
from service.settings import Settings


@dataclass
class LexicalCache:
    """The BM25 index, rebuilt from Chroma when the store's signature changes."""

    store: ChunkStore
    _signature: str = ""
    _index: BM25 = field(default_factory=BM25)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _memory_signature: str = ""
    _memory: LexicalIndex = field(default_factory=lambda: MemoryLexicalIndex([]))

    def index(self) -> LexicalIndex:
        signature = self.store.signature()
        with self._lock:
            if signature != self._memory_signature:
                self._memory = MemoryLexicalIndex(self.store.all_chunks())
                self._memory_signature = signature
            return self._memory

    def get(self) -> BM25:
        signature = self.store.signature()
        with self._lock:
            if signature != self._signature:
                self._index = BM25.build(self.store.all_chunks())
                self._signature = signature
            return self._index


@dataclass
class Services:
    settings: Settings
    store: ChunkStore
    embedder: Embedder
    llm: LLM | None
    lexical: LexicalCache

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


def build_services(
    settings: Settings, *, llm: LLM | None = None, store: ChunkStore | None = None,
    embedder: Embedder | None = None,
) -> Services:
    store = store or ChunkStore(make_chroma_client(settings), prefix=settings.collection)
    return Services(
        settings=settings, store=store, embedder=embedder or make_embedder(settings),
        llm=llm if llm is not None else make_llm(settings), lexical=LexicalCache(store),
    )
