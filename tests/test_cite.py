from dataclasses import replace
from datetime import date

from qa.answer import Answer
from qa.answer.cite import is_verbatim, make_citation, verify
from qa.corpus import Article

TEXT = "On January 16, Vladimir Putin met with Choe Son-hui. She returned on Friday."
ART = Article("a.txt", TEXT, "Title", "Yonhap", None, date(2024, 1, 19), False, "0" * 64)


def test_a_citation_quotes_the_article_at_its_offsets():
    c = make_citation(1, ART, 0, 52, 0.9)
    assert c.quote == "On January 16, Vladimir Putin met with Choe Son-hui."
    assert (c.source, c.title, c.publisher, c.published) == ("a.txt", "Title", "Yonhap", date(2024, 1, 19))
    assert is_verbatim(c, {"a.txt": ART})


def test_verify_drops_a_quote_that_is_not_in_the_article():
    good = make_citation(1, ART, 0, 52, 0.9)
    forged = replace(make_citation(2, ART, 53, 77, 0.5), quote="She returned on Thursday.")
    answer = Answer("q", "Putin met Choe [1]. She returned on Thursday [2].", (good, forged))
    checked = verify(answer, {"a.txt": ART})
    assert [c.n for c in checked.citations] == [1]
    assert "[2]" not in checked.text and "[1]" in checked.text
    assert checked.notices and "removed" in checked.notices[0]


def test_verify_drops_citations_of_unknown_articles_and_bad_offsets():
    other = replace(make_citation(1, ART, 0, 10, 1.0), source="missing.txt")
    out_of_range = replace(make_citation(2, ART, 0, 10, 1.0), start=70, end=500)
    checked = verify(Answer("q", "x [1][2].", (other, out_of_range)), {"a.txt": ART})
    assert checked.citations == () and checked.text == "x ."


def test_verify_keeps_a_clean_answer_as_it_is():
    answer = Answer("q", "Putin met Choe [1].", (make_citation(1, ART, 0, 52, 0.9),))
    assert verify(answer, {"a.txt": ART}) is answer
