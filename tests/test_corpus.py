"""Tests for qa.corpus: loading a folder, cleaning page boilerplate, and reading an article's metadata."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

import pytest

from qa.corpus import Article, Skipped, clean, load, parse_article
from qa.errors import CorpusError

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
MULTIHOP = Path("/work/shared/corpora/multihop-rag/articles")

# What the seeds' pages add around the articles; none of it may survive cleaning.
BOILERPLATE = {
    "000_c1f690e5da92d708.txt": ["Social News XYZ", "Source: IANS", "Facebook Comments", "About Gopi", "%d"],
    "001_27b7be31a2054198.txt": ["2024-01-15 07:47 | North Korea"],
    "002_bb334c3bda1e2508.txt": ["top of page", "Author: Kumushai", "4 views0 comments", "bottom of page"],
    "003_614e8b809048a462.txt": ["scroll to top"],
    "004_6850870eb5d7ca95.txt": ["Publication: 19.01.2024", "Abone Ol google-news"],
}
BIO_LINES = ("Gopi Adusumilli is", "He enjoys", "When it comes", "He can be reached")


def collapse(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    return {a.path: a for a in load(SEEDS).articles}


def test_seed_metadata(seeds: dict[str, Article]) -> None:
    got = {path: (a.title, a.source, a.author, a.published, a.published_inferred) for path, a in seeds.items()}
    assert got["000_c1f690e5da92d708.txt"] == (
        "N.Korean Foreign Minister leaves for Russia amid deepening military cooperation",
        "SocialNews.XYZ/IANS",
        "Gopi Adusumilli",
        date(2024, 1, 15),  # the dateline "Seoul, Jan 15" states the day; its year follows the dated events
        False,
    )
    assert got["002_bb334c3bda1e2508.txt"] == (
        "North Korean Foreign Minister Choe Son-hui's Official Visit to Russia",
        None,
        "Kumushai Mamatbai kyzy",
        date(2024, 1, 16),
        True,
    )
    assert got["003_614e8b809048a462.txt"] == (
        "North Korean Foreign Minister Concludes Moscow Visit Amid Growing Military Ties",
        None,
        None,
        None,
        False,
    )
    assert got["004_6850870eb5d7ca95.txt"] == (
        "North Korea's Foreign Minister meets Putin in Moscow, signals closer ties",
        None,
        None,
        date(2024, 1, 19),
        False,
    )


def test_seed_without_headline_takes_title_from_lead(seeds: dict[str, Article]) -> None:
    a = seeds["001_27b7be31a2054198.txt"]
    assert a.title.startswith("North Korean Foreign Minister Choe Son-hui arrived in Russia")
    assert a.title.endswith("…") and len(a.title.split()) <= 15
    assert a.source == "Yonhap"  # the closing "(Yonhap)" signature, not the caption's credit
    assert a.author is None
    # The caption's "Oct. 18, 2023" dates the photo, not the news: nothing else dates it, so it stays unknown.
    assert (a.published, a.published_inferred) == (None, False)


def test_seed_boilerplate_is_removed(seeds: dict[str, Article]) -> None:
    for path, removed in BOILERPLATE.items():
        text = seeds[path].text
        for piece in removed:
            assert piece not in text, (path, piece)
        if not path.startswith("001"):  # 001 has no headline line; its title comes from the lead
            assert text.count(seeds[path].title) == 1, path
    assert not any(line in seeds["000_c1f690e5da92d708.txt"].text for line in BIO_LINES)
    assert "N. Korea claims" not in seeds["001_27b7be31a2054198.txt"].text
    assert "\nPeskov was also quoted saying Moscow hopes" in seeds["001_27b7be31a2054198.txt"].text


def test_seed_sentences_survive_verbatim(seeds: dict[str, Article]) -> None:
    for path, article in seeds.items():
        raw = (SEEDS / path).read_text(encoding="utf-8")
        cleaned = collapse(article.text)
        for line in filter(None, (collapse(line) for line in raw.splitlines())):
            if line == article.title or any(piece in line for piece in BOILERPLATE[path]):
                continue
            if line.startswith(BIO_LINES):
                continue
            if "| North Korea" in line:  # the teaser glued before a sentence: the sentence survives
                line = line.split("| North Korea", 1)[1]
            assert line in cleaned, (path, line)


def test_cleaned_paragraphs_are_verbatim_spans_of_the_file(seeds: dict[str, Article]) -> None:
    for path, article in seeds.items():
        raw = collapse((SEEDS / path).read_text(encoding="utf-8"))
        for paragraph in article.text.split("\n\n"):
            assert paragraph == collapse(paragraph) and paragraph in raw, (path, paragraph)


def test_sha256_and_paths(seeds: dict[str, Article]) -> None:
    assert sorted(seeds) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for path, article in seeds.items():
        assert article.sha256 == hashlib.sha256((SEEDS / path).read_bytes()).hexdigest()


HTML = """<html><head><title>Lunar probe lands safely | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="og:title" content="Lunar probe lands safely">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-01-16T10:00:00Z">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Lunar probe lands safely</h1>
<p>A small lunar probe touched down near the south pole of the Moon on Tuesday, its operators said.</p>
{paragraphs}
<p>The mission team will publish its first images next week, after checking the cameras.</p>
</article><footer>Copyright 2024 The Daily Example. All rights reserved.</footer></body></html>"""


def write_folder(folder: Path) -> None:
    (folder / "a_good.txt").write_text(
        "Probe reaches orbit after long cruise\n\nBy Jane Doe\n\n"
        "The probe entered orbit on March 3, 2024, after a cruise of four months.\n\n"
        "Share on Facebook\n\nEngineers said every system was healthy.\n",
        encoding="utf-8",
    )
    (folder / "b_binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary\x00")
    (folder / "c_latin1.txt").write_bytes("Caf\xe9 owners said prices rose.".encode("latin-1"))
    (folder / "d_empty.md").write_text("  \n\n", encoding="utf-8")
    (folder / "e_front.md").write_text(
        '---\ntitle: "The real title"\nsource: Example Wire\nauthor: Ann Smith\n'
        "published: 2023-12-01T08:00:00+00:00\n---\n"
        "A different first line that looks like a headline\n\n"
        "Seoul, Jan 15 (SocialNews.XYZ) Officials met on Jan. 16, 2024, to discuss the plan in detail.\n\n"
        "Source: IANS\n",
        encoding="utf-8",
    )
    paragraphs = "\n".join(
        f"<p>Paragraph {i} explains how the landing went, step by step, with many details on the descent.</p>"
        for i in range(1, 6)
    )
    (folder / "f_page.html").write_text(HTML.format(paragraphs=paragraphs), encoding="utf-8")
    (folder / "eval.jsonl").write_text('{"id": "x"}\n', encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")


def test_folder_reads_good_files_and_skips_bad_ones_with_reasons(tmp_path: Path) -> None:
    write_folder(tmp_path)
    corpus = load(tmp_path)
    assert [a.path for a in corpus.articles] == ["a_good.txt", "e_front.md", "f_page.html"]
    reasons = {s.path: s.reason for s in corpus.skipped}
    assert reasons == {
        "b_binary.txt": "binary file, not text",
        "c_latin1.txt": "not UTF-8 text (invalid byte 0xe9 at offset 3)",
        "d_empty.md": "empty file",
    }
    good, front, page = corpus.articles

    assert good.title == "Probe reaches orbit after long cruise"
    assert good.author == "Jane Doe" and "By Jane Doe" not in good.text
    assert "Share on Facebook" not in good.text and "Engineers said every system was healthy." in good.text
    assert (good.published, good.published_inferred) == (date(2024, 3, 3), True)

    # Front matter overrides everything the text states (title, source, author, published).
    assert (front.title, front.source, front.author) == ("The real title", "Example Wire", "Ann Smith")
    assert (front.published, front.published_inferred) == (date(2023, 12, 1), False)
    assert "title:" not in front.text and "Source: IANS" not in front.text

    assert (page.title, page.source, page.author) == (
        "Lunar probe lands safely",
        "The Daily Example",
        "Jane Doe",
    )
    assert page.published == date(2024, 1, 16) and not page.published_inferred
    assert "touched down near the south pole" in page.text and "first images next week" in page.text
    assert "All rights reserved" not in page.text and "<p>" not in page.text


def test_parse_article_reports_why_a_file_is_skipped() -> None:
    assert parse_article("x.txt", b"\xef\xbb\xbf") == Skipped("x.txt", "empty file")
    assert parse_article("x.txt", b"abc\xff") == Skipped("x.txt", "not UTF-8 text (invalid byte 0xff at offset 3)")
    skipped = parse_article("x.txt", b"Share\n\nFacebook Twitter Email\n\n%d\n")
    assert isinstance(skipped, Skipped) and "boilerplate" in skipped.reason


def test_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="QA_SEEDS_DIR"):
        load(tmp_path / "nope")


def test_empty_folder_raises(tmp_path: Path) -> None:
    (tmp_path / "eval.jsonl").write_text("{}\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"No articles in .*add \.txt, \.md or \.html files"):
        load(tmp_path)


def test_folder_of_bad_files_raises_with_the_reasons(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01")
    (tmp_path / "b.txt").write_bytes(b"")
    with pytest.raises(CorpusError) as err:
        load(tmp_path)
    message = str(err.value)
    assert "\n" not in message
    assert "a.txt: binary file, not text" in message and "b.txt: empty file" in message


def test_teaser_prefix_is_removed_and_the_glued_sentence_kept() -> None:
    raw = "Markets rally on rate hopes 2023-11-02 10:15 | BusinessShares rose on Thursday, traders said."
    assert clean(raw).text == "Shares rose on Thursday, traders said."


def test_bio_block_at_the_end_gives_the_author() -> None:
    raw = (
        "Rains flood the valley\n\nHeavy rains flooded the valley on Monday, officials said.\n\n"
        "About Priya\n\nPriya Raman is a reporter covering climate.\n\n"
        "She can be reached at priya@example.org\n"
    )
    cleaned = clean(raw)
    assert cleaned.author == "Priya Raman"
    assert cleaned.text.endswith("officials said.") and "About Priya" not in cleaned.text


def test_labels_in_the_middle_or_repeated_are_content() -> None:
    entries = "\n\n".join(
        f"Date: Wednesday, Dec. {d}, 2023\n\nSource: Reporter {d}, Network\n\nTeam {d} signed a pitcher."
        for d in range(4, 9)
    )
    cleaned = clean("Winter meetings tracker\n\n" + entries)
    assert cleaned.text.count("Date: Wednesday") == 5 and cleaned.text.count("Source: Reporter") == 5
    assert cleaned.source is None


def test_short_content_lines_are_not_furniture() -> None:
    raw = (
        "Tech layoffs in 2023\n\nTwitter\n\nThe company laid off 200 employees in February, it said.\n\n"
        "Top 10\n\n2024\n\nWhere to watch: YouTube\n\nShare\nFacebook\nTwitter\n\nThe list ends here."
    )
    paragraphs = clean(raw).text.split("\n\n")
    assert paragraphs.count("Twitter") == 1  # the heading stays; the share bar's "Twitter" goes
    assert {"Top 10", "2024", "Where to watch: YouTube"} <= set(paragraphs)
    assert "Share" not in paragraphs and "Facebook" not in paragraphs


def test_dateline_year_is_inferred_from_dated_events() -> None:
    raw = "LONDON, Feb 2 (Example Wire) - Talks that began in November 2023 resumed on Friday, officials said."
    cleaned = clean(raw)
    assert (cleaned.published, cleaned.published_inferred, cleaned.source) == (
        date(2024, 2, 2),
        False,
        "Example Wire",
    )
    stated = clean("LONDON, Feb 2, 2021 (Example Wire) - Talks resumed on Friday after a long pause, officials said.")
    assert (stated.published, stated.published_inferred) == (date(2021, 2, 2), False)


def test_no_date_is_invented() -> None:
    cleaned = clean("Talks resume\n\nTalks resumed on Friday in the capital, a spokesperson said.")
    assert (cleaned.published, cleaned.published_inferred) == (None, False)


@pytest.mark.skipif(not MULTIHOP.is_dir(), reason="the shared MultiHop-RAG corpus is not on this machine")
def test_multihop_corpus_loads_with_front_matter_metadata() -> None:
    corpus = load(MULTIHOP)
    assert len(corpus.articles) == len(list(MULTIHOP.glob("*.md"))) and not corpus.skipped
    for article in corpus.articles:
        raw = (MULTIHOP / article.path).read_text(encoding="utf-8")
        front = raw.split("\n---\n", 1)[0]
        title = re.search(r'^title: "(.*)"$', front, re.M)
        assert article.title and article.text
        assert article.published is not None and not article.published_inferred
        assert article.published.isoformat() in front
        assert article.source and article.source in front
        if title and "\\" not in title.group(1):
            assert article.title == title.group(1)
        body = collapse(raw.split("\n---\n", 1)[1])
        assert all(p in body for p in article.text.split("\n\n")), article.path
