"""The `qa` command driven as a subprocess, as a person would type it."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS

QA = str(Path(sys.executable).with_name("qa"))


def run(*args, cwd=None):
    return subprocess.run([QA, *args], capture_output=True, text=True, cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds, ignore=shutil.ignore_patterns("*.jsonl"))
    (seeds / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (seeds / "latin1.txt").write_bytes("Caf\xe9 au lait in Pyongyang.".encode("latin-1"))
    return root, seeds, root / "index"


def test_ingest_reports_what_it_did_and_skips_bad_files(folders):
    _, seeds, index = folders
    first = run("ingest", "--seeds", str(seeds), "--index", str(index))
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("added ") == 5
    assert "skipped    photo.txt: " in first.stdout and "skipped    latin1.txt: " in first.stdout
    again = run("ingest", "--seeds", str(seeds), "--index", str(index))
    assert again.returncode == 0 and "0 added, 0 updated, 0 removed, 5 unchanged, 2 skipped" in again.stdout


def test_ask_prints_the_answer_and_numbered_citations(folders):
    _, seeds, index = folders
    out = run("ask", "Who met Putin and when?", "--seeds", str(seeds), "--index", str(index))
    assert out.returncode == 0, out.stderr
    assert "Choe Son" in out.stdout and "[1] " in out.stdout
    as_json = run("ask", "Who met Putin and when?", "--json", "--seeds", str(seeds), "--index", str(index))
    data = json.loads(as_json.stdout)
    assert data["citations"] and not data["abstained"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ask", "   "), "empty"),
        (("ask", "x" * 2001), "2,000"),
        (("ask", "Who met Putin?", "--seeds", "/nonexistent/articles"), "/nonexistent/articles"),
    ],
)
def test_user_mistakes_get_one_line_and_a_non_zero_exit(folders, args, message):
    _, _, index = folders
    out = run(*args, "--index", str(index))
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and message in out.stderr


def test_an_empty_articles_folder_changes_nothing(folders, tmp_path):
    _, _, index = folders
    empty = tmp_path / "empty"
    empty.mkdir()
    before = sorted(p.name for p in index.iterdir())
    out = run("ingest", "--seeds", str(empty), "--index", str(index))
    assert out.returncode != 0 and "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in index.iterdir()) == before


def test_a_corrupt_index_is_rebuilt_from_the_articles(folders):
    root, seeds, _ = folders
    index = root / "broken-index"
    index.mkdir()
    (index / "chroma.sqlite3").write_bytes(b"not a database at all" * 50)
    out = run("ask", "Who met Putin and when?", "--seeds", str(seeds), "--index", str(index))
    assert out.returncode == 0, out.stderr
    assert "Choe Son" in out.stdout


def test_every_command_has_help():
    for command in ("ingest", "ask", "eval", "serve", "bench"):
        out = run(command, "--help")
        assert out.returncode == 0 and "Usage:" in out.stdout
