import pytest

from qa.answer.question import analyse, term_matches, terms


def test_terms_are_lemmas_stemmed_without_stop_words():
    assert terms("Putin met her at the meeting") == ["putin", "meet", "meet"]
    assert terms("the and of") == []


def test_a_stem_matches_its_longer_forms():
    assert term_matches("korea", {"korean"}) and not term_matches("kor", {"korean"})


@pytest.mark.parametrize(
    ("question", "types"),
    [
        ("Who met Putin and when?", {"PERSON", "DATE"}),
        ("Who greeted her when she arrived?", {"PERSON"}),
        ("Where did they meet?", {"PLACE"}),
        ("How many days was the visit?", {"NUMBER", "DATE"}),
        ("On what day did she leave?", {"DATE"}),
        ("Did Putin visit?", set()),
    ],
)
def test_the_kind_of_answer_asked_for(question, types):
    assert analyse(question).types == types


def test_anchors_are_names_and_numbers_not_nationalities_or_dates():
    q = analyse("Which American official paid 42 visits to Choe Son-hui in October 2023?")
    assert q.anchors == {"choe", "son", "hui", "42"}
    assert "octob" in q.terms  # a date still counts as words of the question


def test_question_frames_are_not_content_words():
    assert analyse("What position does Dmitry Peskov hold?").terms == ("dmitri", "peskov")
