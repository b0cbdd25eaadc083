import pytest

from qa.errors import QuestionError
from qa.pipeline import check_question


def test_a_question_is_stripped():
    assert check_question("  Who met Putin?\n") == "Who met Putin?"


@pytest.mark.parametrize(("question", "says"), [("", "empty"), ("  \t", "empty"), ("x" * 2001, "2,000")])
def test_empty_and_huge_questions_are_refused_with_one_line(question, says):
    with pytest.raises(QuestionError, match=says) as error:
        check_question(question)
    assert "\n" not in str(error.value)


def test_a_question_of_exactly_2000_characters_is_fine():
    assert len(check_question("x" * 2000)) == 2000


def test_stream_grows_and_ends_with_the_verified_answer(engine):
    pieces = list(engine.stream("What does Jo Chun Ryong oversee?"))
    assert [p.final for p in pieces].count(True) == 1 and pieces[-1].final
    assert all(pieces[-1].text.startswith(p.text) for p in pieces)
    final = pieces[-1]
    assert final.citations and all(engine.articles[c.source].text[c.start : c.end] == c.quote for c in final.citations)
