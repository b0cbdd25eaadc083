"""The articles panel's library: listing what is indexed, adding an uploaded article (refused files change nothing),
and running an eval file into a report. Real files in a temp folder, a real index, the real model."""

import json
import shutil
from pathlib import Path

import pytest

from qa import library
from qa.config import Settings
from qa.errors import QAError
from qa.pipeline import answer
from tests.conftest import SEEDS, WEXBRIDGE

TWO = ["002_bb334c3bda1e2508.txt", "003_614e8b809048a462.txt"]
ARTICLE = WEXBRIDGE
PAGE = b"""<!doctype html><html><head><title>Harbour bridge reopens | Coastal Times</title>
<meta property="og:site_name" content="Coastal Times"><meta name="date" content="2024-05-02"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> Subscribe</nav>
<article><h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge in Port Alden reopened to traffic on 2 May 2024 after eight months of repairs, the city said.</p>
<p>Engineer Marta Quill said the new steel cables would last for fifty years.</p></article>
<footer>Share on Facebook</footer><script>var tracking = 1;</script></body></html>"""


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    """Two seed articles in a folder of their own, indexed."""
    root = tmp_path_factory.mktemp("library")
    (root / "seeds").mkdir()
    for name in TWO:
        shutil.copy(SEEDS / name, root / "seeds" / name)
    settings = Settings(seeds_dir=root / "seeds", index_dir=root / "index")
    library.build_index(settings)
    return settings


def snapshot(settings: Settings) -> tuple[dict[str, bytes], str]:
    """Every file of the articles folder with its bytes, and the index's manifest."""
    files = {p.name: p.read_bytes() for p in Path(settings.seeds_dir).iterdir()}
    return files, (Path(settings.index_dir) / "manifest.json").read_text()


def test_articles_lists_the_indexed_articles_with_their_chunk_counts(settings):
    listed = library.articles(settings)
    manifest = json.loads((Path(settings.index_dir) / "manifest.json").read_text())["articles"]
    assert [a.path for a in listed][:2] == TWO
    first = listed[0]
    assert first.title == "North Korean Foreign Minister Choe Son-hui's Official Visit to Russia"
    assert str(first.published) == "2024-01-16" and first.published_inferred
    assert all(a.chunks == manifest[a.path]["chunks"] > 0 for a in listed)


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("latin.txt", "Le café de la gare a fermé ses portes.".encode("latin-1"), "not UTF-8"),
        ("blank.md", b"  \n\n", "empty file"),
        ("report.pdf", b"%PDF-1.4 some text", ".pdf is not an article type"),
        ("README", b"Some text without an extension.", "without extension"),
        ("../../.bashrc.txt", b"Text.", "not a usable file name"),
        ("empty.html", b"<html><body><script>var a = 1;</script></body></html>", "no article text"),
        (TWO[0], b"Another text under a name that is taken.", "rename the file"),
        ("copy.txt", (SEEDS / TWO[1]).read_bytes(), f"the same file as {TWO[1]}"),
        ("huge.txt", b"word " * 1_100_000, "limit"),
    ],
)
def test_a_file_that_cannot_be_added_is_refused_with_why_and_nothing_changes(settings, name, data, says):
    before = snapshot(settings)
    with pytest.raises(QAError, match="upload|rename|same file|not added") as refused:
        library.add_article(name, data, settings, progress=lambda done, total: pytest.fail("indexing started"))
    assert says in str(refused.value)
    assert snapshot(settings) == before


def test_an_uploaded_article_is_written_whole_indexed_incrementally_and_answers(settings):
    steps = []
    report = library.add_article("wexbridge.md", ARTICLE, settings, progress=lambda *step: steps.append(step))
    assert report.added == ("wexbridge.md",) and not report.updated and set(TWO) <= set(report.unchanged)
    assert steps[-1] == (1, 1)
    assert (Path(settings.seeds_dir) / "wexbridge.md").read_bytes() == ARTICLE
    assert not [p for p in Path(settings.seeds_dir).iterdir() if p.name.startswith(".")], "no partial file is left"
    added = next(a for a in library.articles(settings) if a.path == "wexbridge.md")
    assert (added.title, added.source, str(added.published), added.chunks) == (
        "Wexbridge council approves a new library",
        "Wexbridge Gazette",
        "2024-03-04",
        1,
    )
    result = answer("Who is the mayor of Wexbridge?", settings=settings)
    assert "Ellen Fairweather" in result.text and {c.source for c in result.citations} == {"wexbridge.md"}


def test_an_html_page_is_cleaned_before_it_is_indexed(settings):
    library.add_article("harbour.html", PAGE, settings)
    added = next(a for a in library.articles(settings) if a.path == "harbour.html")
    assert added.title == "Harbour bridge reopens after repairs" and added.source == "Coastal Times"
    result = answer("Who said the new cables would last fifty years?", settings=settings)
    assert "Marta Quill" in result.text
    quoted = " ".join(c.quote for c in result.citations)
    assert "Subscribe" not in quoted and "tracking" not in quoted


def test_a_failed_indexing_takes_the_file_out_again(settings, monkeypatch):
    def broken(*_):
        raise OSError("disk full")

    monkeypatch.setattr(library, "build_index", broken)
    with pytest.raises(OSError, match="disk full"):
        library.add_article("later.txt", b"The ferry to Lundy sailed at noon on Monday, the captain said.", settings)
    assert not (Path(settings.seeds_dir) / "later.txt").exists()


def test_an_eval_file_of_the_folder_runs_into_the_report_qa_eval_writes(settings, tmp_path):
    case = {"id": "met", "question": "Who met Putin on January 16?", "expected": "Choe Son-hui", "must": [["Choe"]]}
    (Path(settings.seeds_dir) / "tiny.jsonl").write_text(json.dumps(case) + "\n")
    assert "tiny.jsonl" in library.eval_files(settings)
    steps = []
    run = library.run_eval("tiny.jsonl", settings, lambda *step: steps.append(step), out_dir=tmp_path)
    assert steps == [(1, 1)] and run.report.summary.n == 1
    assert run.folder.parent == tmp_path and run.chart.read_bytes().startswith(b"\x89PNG")
    summary, failures = run.markdown()
    assert "## Summary" in summary and "| correct |" in summary and failures.startswith("## Failures")
    with pytest.raises(QAError, match="No eval file"):
        library.run_eval("../eval.jsonl", settings)
