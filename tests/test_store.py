import hashlib
import json
import shutil
from dataclasses import replace

import pytest

from qa.config import Settings
from qa.corpus import load
from qa.errors import StoreError
from qa.store import MANIFEST, Store, index_settings
from tests.conftest import SEEDS


@pytest.fixture
def folder(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(path, seeds / path.name)
    return seeds


def sync(settings: Settings):
    store, reset = Store.open(settings)
    return store, reset, store.sync(load(settings.seeds_dir))


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_first_sync_adds_everything_and_writes_the_manifest(folder, tmp_path):
    settings = Settings(seeds_dir=folder, index_dir=tmp_path / "index", chunk_words=60)
    store, reset, report = sync(settings)
    assert reset is None and len(report.added) == 3 and not report.updated and not report.removed
    manifest = json.loads((tmp_path / "index" / MANIFEST).read_text())
    assert manifest["settings"] == index_settings(settings)
    assert manifest["articles"].keys() == set(report.added)
    for name, entry in manifest["articles"].items():
        assert entry["sha256"] == hashlib.sha256((folder / name).read_bytes()).hexdigest()
    assert store.collection.count() == report.chunks_embedded == sum(e["chunks"] for e in manifest["articles"].values())
    assert {n.metadata["path"] for n in store.nodes()} == set(report.added)


def test_only_new_changed_and_deleted_articles_are_touched(folder, tmp_path):
    settings = Settings(seeds_dir=folder, index_dir=tmp_path / "index", chunk_words=60)
    sync(settings)
    _, _, again = sync(settings)
    assert again.unchanged and not again.changed and again.chunks_embedded == 0

    names = sorted(p.name for p in folder.iterdir())
    with (folder / names[0]).open("a") as f:
        f.write("\nA new closing paragraph about the visit was added later.\n")
    (folder / names[1]).unlink()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[4], folder / "new.txt")
    store, _, report = sync(settings)
    assert report.updated == (names[0],) and report.removed == (names[1],) and report.added == ("new.txt",)
    assert report.unchanged == (names[2],)
    assert {n.metadata["path"] for n in store.nodes()} == {names[0], names[2], "new.txt"}


def test_a_settings_change_rebuilds(folder, tmp_path):
    settings = Settings(seeds_dir=folder, index_dir=tmp_path / "index", chunk_words=60)
    _, _, first = sync(settings)
    store, _, report = sync(replace(settings, chunk_words=30))
    assert report.rebuilt_because and "settings" in report.rebuilt_because
    assert len(report.added) == 3 and report.chunks_embedded > first.chunks_embedded
    assert store.collection.count() == report.chunks_embedded


def test_bad_files_are_skipped_with_a_reason_and_the_rest_indexed(folder, tmp_path):
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "latin1.txt").write_bytes("Caf\xe9 news from Pyongyang.".encode("latin-1"))
    _, _, report = sync(Settings(seeds_dir=folder, index_dir=tmp_path / "index"))
    assert len(report.added) == 3
    assert {s.path for s in report.skipped} == {"photo.txt", "latin1.txt"}
    assert all(s.reason for s in report.skipped)


def test_a_corrupt_index_is_rebuilt_and_the_articles_are_untouched(folder, tmp_path):
    settings = Settings(seeds_dir=folder, index_dir=tmp_path / "index")
    sync(settings)
    before = digests(folder)
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # as a new process would find it
    (tmp_path / "index" / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    (tmp_path / "index" / MANIFEST).write_text("{ broken")
    store, reset, report = sync(settings)
    assert reset and "unreadable" in reset
    assert len(report.added) == 3 and store.collection.count() == report.chunks_embedded
    assert digests(folder) == before


def test_an_unreadable_folder_with_other_files_is_not_wiped(folder, tmp_path):
    index = tmp_path / "index"
    index.mkdir()
    (index / "chroma.sqlite3").write_bytes(b"garbage" * 100)
    (index / "notes.docx").write_bytes(b"the user's own file")
    with pytest.raises(StoreError, match="QA_INDEX_DIR"):
        Store.open(Settings(seeds_dir=folder, index_dir=index))
    assert (index / "notes.docx").read_bytes() == b"the user's own file"
