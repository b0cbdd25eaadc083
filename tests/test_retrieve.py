"""Hybrid retrieval on a real index of the seeds."""

from datetime import date

import pytest

from qa.corpus import Article
from qa.retrieve import Passage
from tests.conftest import make_settings

ARTICLE = Article("a.txt", "abc", "A", "Wire", None, date(2024, 1, 19), False, "0" * 64)


def test_an_exact_name_is_found(engine):
    passages = engine.retriever.search("Pranay Vaddi", 3)
    assert passages and passages[0].article.path.startswith("004")
    assert "Vaddi" in passages[0].text


def test_a_paraphrase_is_found_by_meaning(engine):
    passages = engine.retriever.search("Which official from Washington worried about the threat?", 5)
    assert any("Vaddi" in p.text for p in passages)


def test_a_passage_only_the_words_find_is_not_crowded_out(engine):
    # BM25 ranks it second ("accompanied" ~ "Accompanying"); the dense model does not rank it at all
    passages = engine.retriever.search("Who accompanied Choe on her trip?")
    assert any("Accompanying Choe was Jo Chun Ryong" in p.text for p in passages)


def test_passages_keep_offsets_into_the_cleaned_article(engine):
    for p in engine.retriever.search("Who met Putin and when?"):
        assert p.article.text[p.start : p.end] == p.text
        assert p.score > 0


def test_k_limits_the_passages(engine):
    assert len(engine.retriever.search("Choe Son-hui", 2)) == 2
    assert len(engine.retriever.search("Choe Son-hui")) == engine.settings.top_k


def test_a_question_of_two_parts_is_searched_part_by_part(engine):
    question = "What does Jo Chun Ryong oversee, and what did Pranay Vaddi say about the exchanges?"
    passages = engine.retriever.search(question, 3)
    assert len(passages) == 6  # twice the passages of a one-part question
    assert any("Ryong" in p.text for p in passages) and any("Vaddi" in p.text for p in passages)


def test_each_part_of_a_question_gets_its_best_passages_by_turns():
    from qa.retrieve import _interleave

    a, b, c = (Passage(ARTICLE, start, start + 1, 1.0) for start in (0, 1, 2))
    assert _interleave([[a, b], [c, a]]) == [a, c, b]


def test_a_publisher_is_named_with_or_without_its_section():
    from qa.retrieve import _outlet

    assert _outlet("The Roar | Sports Writers Blog") == ["The Roar | Sports Writers Blog", "The Roar"]
    assert _outlet("FOX News - Health") == ["FOX News - Health", "FOX News"]
    assert _outlet("TechCrunch") == ["TechCrunch"] and _outlet(None) == []


@pytest.fixture(scope="module")
def dated_engine(tmp_path_factory):
    """An engine over ten match reports published on 5 November 2023 and one storm report published days later."""
    from qa.pipeline import engine as get_engine

    folder = tmp_path_factory.mktemp("dated")
    teams = ["Arsenal", "Chelsea", "Everton", "Fulham", "Brentford", "Burnley", "Luton", "Wolves", "Villa", "Spurs"]
    for i, team in enumerate(teams):
        (folder / f"match{i}.md").write_text(
            f"---\ntitle: {team} win at home\nsource: Sports Daily\npublished: 2023-11-05\n---\n"
            f"{team} won 2-1 at home on Sunday, November 5, 2023, the club said. The crowd was 40,000.\n"
        )
    (folder / "storm.md").write_text(
        "---\ntitle: Auroras light up the sky\nsource: Space Wire\npublished: 2023-11-09\n---\n"
        "A geomagnetic storm peaked as a strong G3 on Nov. 5, the space weather agency said.\n"
    )
    return get_engine(make_settings(tmp_path_factory.mktemp("dated-index"), folder))


def test_a_named_day_may_be_the_events_so_articles_published_later_still_compete(dated_engine):
    passages = dated_engine.retriever.search("What level did the geomagnetic storm reach when it peaked on November 5?")
    assert any(p.article.path == "storm.md" for p in passages)
    assert any(p.article.published == date(2023, 11, 5) for p in passages)  # the day's articles are searched too


def test_a_report_is_named_by_the_day_it_carried_where_it_came_out(dated_engine):
    # stored as 5 November (UTC), a report may be dated the 6th where it was published
    _, by_date = dated_engine.retriever.named_by("What did Sports Daily report on 6 November 2023?")
    assert "match0.md" in by_date and "storm.md" not in by_date


def test_each_part_of_a_question_searches_the_outlet_it_names(dated_engine):
    question = "According to Sports Daily, when did the geomagnetic storm peak, and what crowd came, per Space Wire?"
    first, second = dated_engine.retriever.search(question, k=1)  # one passage for each part, by turns
    assert (first.article.source, second.article.source) == ("Sports Daily", "Space Wire")


def test_a_named_outlet_comes_first(dated_engine):
    passages = dated_engine.retriever.search("According to Sports Daily, how strong was the geomagnetic storm?")
    assert all(p.article.source == "Sports Daily" for p in passages)
