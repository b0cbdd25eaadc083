from datetime import date

from qa.answer.candidate import Candidate
from qa.answer.conflict import days, disagree, rival, with_dates
from qa.answer.question import analyse, terms
from qa.corpus import Article


def candidate(text, published, inferred=False, path="a.txt", coverage=1.0, meaning=0.8):
    article = Article(path, text, "T", None, None, published, inferred, "0" * 64)
    return Candidate(article, 0, len(text), 0, frozenset(terms(text)), coverage=coverage, meaning=meaning)


def test_relative_dates_are_followed_by_the_day_they_mean():
    c = candidate("She returned on Friday from Moscow.", date(2024, 1, 19))
    assert with_dates(c) == "She returned on Friday (19 January 2024) from Moscow."


def test_a_relative_year_is_followed_by_the_year_it_means():
    c = candidate("It is the latest of the contacts held since last year.", date(2024, 1, 19))
    assert with_dates(c) == "It is the latest of the contacts held since last year (2023)."


def test_a_month_of_another_year_than_the_articles_is_followed_by_its_year():
    text = "In 2015, he fell ill. And in July of that year, he received a liver. In November, he was home."
    article = Article("a.txt", text, "T", None, None, date(2023, 12, 1), False, "0" * 64)
    liver = text.index("And")
    c = Candidate(article, liver, len(text), 0, frozenset(terms(text[liver:])))
    assert with_dates(c) == "And in July of that year (July 2015), he received a liver. In November, he was home."


def test_against_an_inferred_date_only_a_missing_year_is_filled_in():
    c = candidate("On January 16, they met. She left on Friday.", date(2024, 1, 16), inferred=True)
    assert with_dates(c) == "On January 16 (16 January 2024), they met. She left on Friday."


def test_a_date_and_a_weekday_it_is_not_disagree():
    sunday = days(candidate("On January 14, Choe arrived in Russia.", date(2024, 1, 16)))
    monday = days(candidate("Choe arrived in Russia on Monday.", None))
    assert sunday == [(date(2024, 1, 14), 6)] and monday == [(None, 0)]
    assert disagree(sunday, monday)
    assert not disagree(sunday, [(None, 6)]) and not disagree(sunday, [])


def test_a_rival_must_name_its_day_next_to_the_event_asked_about():
    q = analyse("When did Choe arrive in Russia?")
    lead = candidate("On January 14, Choe arrived in Russia.", date(2024, 1, 16), path="a.txt")
    other = candidate("Choe arrived in Russia on Monday for talks.", None, path="b.txt")
    far = candidate("Choe arrived in Russia for talks that, as officials said later, ended on Friday.", None, "c.txt")
    assert rival(q, [lead], [lead, far, other], 0.4) is other
    assert rival(q, [lead], [lead, far], 0.4) is None
    assert rival(analyse("Who arrived in Russia?"), [lead], [lead, other], 0.4) is None


def test_an_answer_of_several_days_has_no_rival_day():
    q = analyse("When were Black Friday and Cyber Monday in 2023?")
    lead = candidate("Black Friday lands on November 24, with Cyber Monday on November 27.", date(2023, 11, 10))
    other = candidate("The retailer began its Black Friday sale on Friday, Nov. 17.", date(2023, 11, 20), path="b.txt")
    assert rival(q, [lead], [lead, other], 0.4) is None  # two days asked about, each its own: no disagreement
