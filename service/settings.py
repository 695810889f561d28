"""The one settings object, read from `REFERAT_*` environment variables.

Every setting is documented in the README (a test checks it). Unsafe combinations fail
at start-up with a message that says how to fix them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REFERAT_", extra="ignore")

    data_dir: Path = Field(Path("data"), description="Where the index, documents and caches live")
    collection: str = Field("referat", description="Chroma collection name prefix")
    chroma_host: str | None = Field(None, description="Chroma server host; unset = embedded")
    chroma_port: int = Field(8000, description="Chroma server port")

    embedder: Literal["local", "openai", "none"] = Field(
        "local", description="Embedding provider; none = lexical retrieval only, no vectors")
    embedding_model: str = Field("text-embedding-3-small", description="Remote embedding model")
    embedding_base_url: str | None = Field(None, description="Embeddings endpoint (default: llm_base_url)")
    embedding_api_key: str | None = Field(None, description="Embeddings key (default: llm_api_key)")

    llm_base_url: str | None = Field(None, description="OpenAI-compatible base URL")
    llm_api_key: str | None = Field(None, description="API key for the LLM server")
    llm_model: str | None = Field(None, description="Chat model name; set = llm mode available")
    llm_timeout: float = Field(60.0, description="Seconds before a model call gives up")
    llm_fallback: bool = Field(False, description="On model failure answer extractively, not 503")
    answer_mode: Literal["auto", "llm", "extractive"] = Field(
        "auto", description="auto = llm when a model is configured, else extractive"
    )

    top_k: int = Field(6, ge=1, le=50, description="Excerpts retrieved per question")
    llm_top_k: int = Field(10, ge=1, le=50,
                           description="Excerpts sent to the model per question in llm mode")
    dense_weight: float | None = Field(
        None, ge=0.0,
        description="Weight of dense ranks in fusion (default: 0 with the local English embedder, "
                    "1 with a remote one; see bench/retrieval_bench.py)")
    chunk_tokens: int = Field(400, ge=50, description="Target chunk size in tokens")
    chunk_overlap: int = Field(60, ge=0, description="Token overlap between split chunks")
    max_upload_bytes: int = Field(20_000_000, description="Largest accepted document")
    max_transcript_chars: int = Field(2_000_000, description="Largest accepted transcript")
    max_question_chars: int = Field(1000, description="Longest accepted question")

    # -- running for many people: access, limits, observability (issue 11) ----------------
    api_keys: str | None = Field(
        None, description="API keys: a path to a JSON/TOML file, or the JSON itself; unset = "
                          "no keys (only safe on loopback)")
    insecure: bool = Field(False, description="Serve without keys on a non-loopback address")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed by CORS")
    default_visibility: Literal["public", "internal"] = Field(
        "internal", description="Visibility of an upload that does not name one")
    max_request_bytes: int = Field(
        25_000_000, ge=1, description="Largest request body, counted while it is read")
    rate_limit_per_minute: float = Field(
        600.0, ge=0.0, description="Sustained requests per key (or client IP); 0 = no limit")
    rate_limit_burst: int = Field(100, ge=1, description="Requests a key may send at once")
    llm_prices: dict[str, tuple[float, float]] = Field(
        default_factory=dict,
        description="USD per million prompt and completion tokens by model, for /metrics")
    log_json: bool = Field(True, description="Structured JSON logs from `referat serve`")

    @model_validator(mode="after")
    def _check_combinations(self) -> Settings:
        if self.answer_mode == "llm" and not self.llm_model:
            raise ValueError(
                "REFERAT_ANSWER_MODE=llm needs a model: set REFERAT_LLM_MODEL (and "
                "REFERAT_LLM_BASE_URL / REFERAT_LLM_API_KEY), or use answer_mode=extractive"
            )
        if self.embedder == "openai" and not (self.embedding_base_url or self.llm_base_url):
            raise ValueError(
                "REFERAT_EMBEDDER=openai needs an endpoint: set REFERAT_EMBEDDING_BASE_URL "
                "or REFERAT_LLM_BASE_URL"
            )
        if self.embedder == "none" and self.dense_weight:
            raise ValueError("REFERAT_EMBEDDER=none stores no vectors: unset REFERAT_DENSE_WEIGHT "
                             "or choose REFERAT_EMBEDDER=local / openai")
        if self.chunk_overlap >= self.chunk_tokens:
            raise ValueError("REFERAT_CHUNK_OVERLAP must be smaller than REFERAT_CHUNK_TOKENS")
        return self

    @property
    def llm_enabled(self) -> bool:
        return self.answer_mode != "extractive" and bool(self.llm_model)

    @property
    def fusion_dense_weight(self) -> float:
        """The local MiniLM is English-only and lowers retrieval on Norwegian minutes (README,
        bench/retrieval_bench.py); a remote multilingual embedder earns an equal share."""
        if self.dense_weight is not None:
            return self.dense_weight
        return 1.0 if self.embedder == "openai" else 0.0


@lru_cache
def get_settings() -> Settings:
    return Settings()
