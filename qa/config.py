"""Settings from the environment and `.env`, read once into one frozen object.

This is the only module that reads the environment. It also switches off, before any library is imported,
everything that would reach for the network at import or first use (hub look-ups, telemetry, analytics).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from functools import cache
from pathlib import Path

from dotenv import dotenv_values

from qa.errors import ConfigError

# No network but the package registries: every library must stay offline and quiet.
for _name, _value in {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",  # a model load would otherwise print a progress bar on stderr
}.items():
    os.environ.setdefault(_name, _value)

MAX_QUESTION_CHARS = 2000


@dataclass(frozen=True)
class Settings:
    """Every setting of the service; `.env.example` documents each one."""

    seeds_dir: Path = field(default=Path("seeds"), metadata={"env": "QA_SEEDS_DIR"})
    index_dir: Path = field(default=Path("index"), metadata={"env": "QA_INDEX_DIR"})
    chroma_url: str | None = field(default=None, metadata={"env": "QA_CHROMA_URL"})
    openai_api_key: str | None = field(default=None, metadata={"env": "OPENAI_API_KEY"})
    openai_base_url: str | None = field(default=None, metadata={"env": "OPENAI_BASE_URL"})
    llm_model: str = field(default="gpt-4o-mini", metadata={"env": "QA_LLM_MODEL"})
    llm_timeout: float = field(default=20.0, metadata={"env": "QA_LLM_TIMEOUT"})
    host: str = field(default="127.0.0.1", metadata={"env": "QA_HOST"})
    port: int = field(default=7860, metadata={"env": "QA_PORT"})
    auth: str | None = field(default=None, metadata={"env": "QA_AUTH"})
    top_k: int = field(default=8, metadata={"env": "QA_TOP_K"})
    chunk_words: int = field(default=120, metadata={"env": "QA_CHUNK_WORDS"})

    @property
    def credentials(self) -> tuple[str, str] | None:
        """(user, password) for the chat's basic auth when QA_AUTH=user:password is set."""
        if not self.auth:
            return None
        user, sep, password = self.auth.partition(":")
        if not (user and sep and password):
            raise ConfigError("QA_AUTH must be user:password (both parts non-empty): fix it in the environment or .env")
        return user, password

    @property
    def llm_enabled(self) -> bool:
        """True when a key or an endpoint is configured, which switches answering to the LLM path."""
        return bool(self.openai_api_key or self.openai_base_url)

    def with_overrides(self, **overrides: object) -> Settings:
        """A copy with the given fields replaced; `None` values are ignored (unset CLI flags)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        for name in ("seeds_dir", "index_dir"):
            if name in given:
                given[name] = Path(given[name])  # type: ignore[arg-type]
        return replace(self, **given)


def _convert(name: str, raw: str, default: object) -> object:
    if isinstance(default, Path):
        return Path(raw).expanduser()
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    try:
        if isinstance(default, int):
            value: object = int(raw)
        elif isinstance(default, float):
            value = float(raw)
        else:
            return raw.strip() or None
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number: fix it in the environment or .env") from None
    if value <= 0:  # type: ignore[operator]
        raise ConfigError(f"{name}={raw!r} must be above zero: fix it in the environment or .env")
    return value


def load_settings(env_file: Path | str = ".env") -> Settings:
    """Settings from `.env` (if present) overlaid by the process environment."""
    env = {**dotenv_values(env_file), **os.environ}
    values = {}
    for f in fields(Settings):
        raw = env.get(f.metadata["env"])
        if raw is not None and raw != "":
            values[f.name] = _convert(f.metadata["env"], raw, f.default)
    return Settings(**values)


@cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return load_settings()
