from datetime import date

import pytest

from qa.chunking import sentence_spans, split
from qa.corpus import Article

TEXT = (
    "Choe Son-hui arrived in Moscow on Monday. She met Mr. Lavrov on Jan. 16, 2024, at the ministry.\n\n"
    "Later she met Putin. The Kremlin said ties would grow in all areas, including sensitive ones.\n\n"
    "A closing line without a full stop"
)


def article(text: str = TEXT) -> Article:
    return Article("a.txt", text, "Title", None, None, date(2024, 1, 19), False, "0" * 64)


def test_sentences_are_whole_and_keep_offsets():
    spans = sentence_spans(TEXT)
    sentences = [TEXT[s:e] for s, e in spans]
    assert sentences == [
        "Choe Son-hui arrived in Moscow on Monday.",
        "She met Mr. Lavrov on Jan. 16, 2024, at the ministry.",
        "Later she met Putin.",
        "The Kremlin said ties would grow in all areas, including sensitive ones.",
        "A closing line without a full stop",
    ]


def test_news_abbreviations_do_not_end_a_sentence():
    text = "No. 17 Arizona beat No. 22 Utah. Gov. Newsom and Sgt. Lee watched."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "No. 17 Arizona beat No. 22 Utah.",
        "Gov. Newsom and Sgt. Lee watched.",
    ]


def test_initials_or_a_title_before_a_name_do_not_end_a_sentence():
    text = (
        'Texans QB C.J. Stroud threw for 300 yards. Warner Bros. Discovery cut jobs. Why "Mr. Irrelevant"? '
        "He sold it to the U.S. The deal closed."
    )
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Texans QB C.J. Stroud threw for 300 yards.",
        "Warner Bros. Discovery cut jobs.",
        'Why "Mr. Irrelevant"?',
        "He sold it to the U.S.",
        "The deal closed.",
    ]


def test_a_sentence_never_spans_two_paragraphs():
    text = "A headline without a stop\nThe first sentence of the body."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "A headline without a stop",
        "The first sentence of the body.",
    ]


@pytest.mark.parametrize("max_words", [1, 5, 12, 20, 1000])
def test_chunks_are_runs_of_whole_sentences(max_words):
    a = article()
    chunks = split(a, max_words)
    sentences = {TEXT[s:e] for s, e in sentence_spans(TEXT)}
    covered = []
    for i, chunk in enumerate(chunks):
        assert chunk.index == i
        assert a.text[chunk.start : chunk.end] == chunk.text
        inside = [TEXT[s:e] for s, e in sentence_spans(TEXT) if s >= chunk.start and e <= chunk.end]
        assert inside and chunk.text.startswith(inside[0]) and chunk.text.endswith(inside[-1])
        if len(inside) > 1:
            assert len(chunk.text.split()) <= max_words
        covered += inside
    assert set(covered) == sentences and len(covered) == len(sentences)


def test_chunk_ids_are_stable():
    assert [c.id for c in split(article(), 12)] == [c.id for c in split(article(), 12)]
    assert split(article(), 12)[0].id == "a.txt#0"
