"""Shared fixtures: real articles, a real Chroma index on disk in a temp folder, the real embedding model."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from qa.config import Settings

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpora" / "multihop-rag" / "articles"
# An article none of the seeds knows about, for the tests that add one.
WEXBRIDGE = b"""---
title: Wexbridge council approves a new library
source: Wexbridge Gazette
published: 2024-03-04
---
The town council of Wexbridge approved a new public library on 3 March 2024, said mayor Ellen Fairweather.

The library will open in the old grain exchange building in the spring of 2025, the council said.
"""


def stop(process: subprocess.Popen, timeout: float = 15) -> None:
    """End a server process started by a test: politely, then for sure."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def seeds_copy(tmp_path_factory) -> Path:
    """A private copy of the five seed articles (tests may add or break files in it)."""
    folder = tmp_path_factory.mktemp("seeds")
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def settings(seeds_copy, tmp_path_factory) -> Settings:
    """Settings that point at the seed copy and a fresh index folder."""
    return Settings(seeds_dir=seeds_copy, index_dir=tmp_path_factory.mktemp("index"))


@pytest.fixture(scope="session")
def engine(settings):
    """An engine over the seeds: a real index built once for the session."""
    from qa.pipeline import engine as get_engine

    return get_engine(settings)


def make_settings(tmp_path: Path, seeds: Path, **overrides) -> Settings:
    """Settings with their own index folder under `tmp_path`."""
    return Settings(seeds_dir=seeds, index_dir=tmp_path / "index", **overrides)
