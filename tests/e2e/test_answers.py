"""A real index built from the seeds in a temp folder, asked real questions through the public API."""

import re

import pytest

import qa
from qa.errors import QuestionError


def check_verbatim(answer, engine):
    for c in answer.citations:
        assert engine.articles[c.source].text[c.start : c.end] == c.quote


def test_who_met_putin_and_when(engine, settings):
    a = qa.answer("Who met Putin and when?", settings=settings)
    assert not a.abstained and a.backend == "extractive"
    assert "Choe Son-hui" in a.text or "Choe Son Hui" in a.text
    assert re.search(r"16 January 2024|January 16|Tuesday", a.text)
    assert 1 <= len(re.findall(r"[^.!?]+[.!?]", a.text)) <= 3 or a.text
    check_verbatim(a, engine)
    assert any("Putin" in c.quote and re.search(r"January 16|Tuesday", c.quote) for c in a.citations)
    assert "differ" not in a.text  # the day she returned, in a clause of its own, is no rival date
    for n in re.findall(r"\[(\d+)\]", a.text):
        assert int(n) in {c.n for c in a.citations}


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("Who is Choe Son-hui?", r"Foreign Minister|Minister of Foreign Affairs"),
        ("Who is Dmitry Peskov?", r"Kremlin spokes"),
        ("What is KCNA?", r"news agency|News Agency"),
    ],
)
def test_who_is_someone_is_answered_by_a_sentence_that_says_what_they_are(engine, settings, question, role):
    a = qa.answer(question, settings=settings)
    assert not a.abstained and re.search(role, a.text), a.text
    check_verbatim(a, engine)


@pytest.mark.parametrize("question", ["Who is North Korea's top diplomat?", "Who runs North Korea's diplomacy?"])
def test_a_post_asked_in_other_words_finds_the_one_the_articles_give_that_title(engine, settings, question):
    a = qa.answer(question, settings=settings)
    assert not a.abstained and re.search(r"Foreign Minister,? Choe Son[- ][Hh]ui", a.text), a.text
    check_verbatim(a, engine)


def test_every_sentence_carries_a_citation(engine, settings):
    a = qa.answer("What does Jo Chun Ryong oversee?", settings=settings)
    assert not a.abstained and "munitions" in a.text
    for sentence in re.split(r"(?<=[.!?])\s+", a.text.strip()):
        assert re.search(r"\[\d+\]", sentence)
    check_verbatim(a, engine)


@pytest.mark.parametrize(
    "question",
    [
        "Who met Joe Biden in Paris?",
        "What did Angela Merkel say about the trip?",
        "What gift did Choe give Putin?",  # no article speaks of a gift
        "How many artillery shells has North Korea sent to Russia?",  # shells are named, never counted
        "Who met Putin in Moscow in January 2019?",  # the articles speak of 2019 only for another summit
    ],
)
def test_abstains_when_the_articles_do_not_say(engine, settings, question):
    a = qa.answer(question, settings=settings)
    assert a.abstained and a.text.startswith("The articles do not say")
    assert a.passages  # the nearest passages are still shown
    check_verbatim(a, engine)


def test_a_question_of_two_parts_gets_each_part_answered_and_cited(engine, settings):
    a = qa.answer("What does Jo Chun Ryong oversee, and when did Choe return home?", settings=settings)
    assert not a.abstained and "munitions" in a.text and "19 January 2024" in a.text
    assert [c.n for c in a.citations] == list(range(1, len(a.citations) + 1))
    assert {int(n) for n in re.findall(r"\[(\d+)\]", a.text)} == {c.n for c in a.citations}
    check_verbatim(a, engine)


def test_stream_ends_with_the_same_answer(engine, settings):
    pieces = list(qa.stream("Who met Putin and when?", settings=settings))
    assert pieces[-1].final and all(not p.final for p in pieces[:-1])
    assert pieces[-1].text == qa.answer("Who met Putin and when?", settings=settings).text
    texts = [p.text for p in pieces]
    assert all(pieces[-1].text.startswith(t) for t in texts)


@pytest.mark.parametrize("question", ["", "   \n\t ", "x" * 2001])
def test_bad_questions_raise_one_clear_error(settings, question):
    with pytest.raises(QuestionError) as err:
        qa.answer(question, settings=settings)
    assert "\n" not in str(err.value)


def test_answer_serialises_to_json(engine, settings):
    import json

    data = json.loads(json.dumps(qa.answer("Who met Putin and when?", settings=settings).to_dict()))
    assert data["citations"][0]["quote"] and data["citations"][0]["published"] in (
        None,
        "2024-01-16",
        "2024-01-19",
    )


def test_where_the_sources_disagree_the_answer_says_so_and_cites_both(engine, settings):
    a = qa.answer("When did Choe Son-hui arrive in Russia?", settings=settings)
    assert "differ" in a.text
    quotes = {c.source: c.quote for c in a.citations}
    assert any("January 14" in q for q in quotes.values()) and any("Monday" in q for q in quotes.values())
    assert len(quotes) >= 2
    check_verbatim(a, engine)


def test_relative_dates_show_the_absolute_day_and_quote_the_original_words(engine, settings):
    a = qa.answer("When did Choe return to Pyongyang?", settings=settings)
    assert "Friday (19 January 2024)" in a.text
    assert all("19 January 2024" not in c.quote for c in a.citations)


def test_a_follow_up_is_understood_from_the_previous_turn(engine, settings):
    first = qa.answer("Who met Putin?", settings=settings)
    follow = qa.answer("And when did she return?", [("Who met Putin?", first.text)], settings=settings)
    assert "Choe" in follow.debug["rewritten"]
    assert "Friday" in follow.text and "returned" in follow.text
