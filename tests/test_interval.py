from datetime import date

import pytest

from qa.answer.interval import Interval, between, interval
from tests.test_extractive import article, ask


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "How many days after meeting Putin did Choe return home?",  # an action of the subject of the second
            Interval("When did Choe meet Putin?", "When did Choe return home?", "days", True),
        ),
        (
            "How many weeks before the summit was the deal signed?",  # a thing
            Interval("When was the summit?", "When was the deal signed?", "weeks", False),
        ),
        (
            "How long after Choe met Putin did she return?",  # a clause
            Interval("When did Choe meet Putin?", "When did she return?", "days", True),
        ),
        (
            "How many days passed between the summit and Choe's visit?",  # either may come first
            Interval("When was the summit?", "When was Choe's visit?", "days", True, ordered=False),
        ),
        (
            "About how many months separated the summit and Choe's visit?",
            Interval("When was the summit?", "When was Choe's visit?", "months", True, ordered=False),
        ),
        (
            "How many days passed between the Kremlin calling her a partner and Peskov telling TASS about it?",  # acts
            Interval(
                "When did the Kremlin call her a partner?",
                "When did Peskov tell TASS about it?",
                "days",
                True,
                ordered=False,
            ),
        ),
        (
            "Did Vaddi speak before or after Choe got back to Pyongyang?",  # which came first
            Interval("When did Vaddi speak?", "When did Choe get back to Pyongyang?", "days", True, compare=True),
        ),
        (
            "How many days separated Choe's talks from Peskov's remark that talks on a trip were going on?",  # a clause
            Interval(
                "When was Choe's talks?",
                "When was Peskov's remark that talks on a trip were going on?",
                "days",
                True,
                ordered=False,
            ),
        ),
        (
            "How long had it been since Putin's last trip to Pyongyang when Choe went to Moscow?",  # since ... when
            Interval("When was Putin's last trip to Pyongyang?", "When did Choe go to Moscow?", "years", True),
        ),
        (
            "How many years had Putin gone without visiting Pyongyang when he agreed to go back?",  # without doing
            Interval("When did Putin visit Pyongyang?", "When did he agree to go back?", "years", True),
        ),
        ("How many days did the visit last?", None),
        ("When did Choe return home?", None),
    ],
)
def test_a_question_about_the_time_between_two_events_is_two_when_questions(question, expected):
    assert interval(question) == expected


def test_the_time_from_one_day_to_a_later_one():
    assert between(date(2024, 1, 16), date(2024, 1, 19), "days") == "3 days"
    assert between(date(2024, 1, 1), date(2024, 1, 15), "weeks") == "2 weeks"
    assert between(date(2023, 12, 20), date(2024, 1, 19), "months") == "1 month"
    assert between(date(2024, 1, 19), date(2024, 1, 16), "days") is None  # not later
    assert between(date(2000, 7, 1), date(2019, 4, 1), "years") == "19 years"  # to the nearest year
    assert between(date(2000, 12, 1), date(2019, 1, 1), "years") == "18 years"


def test_how_many_days_after_is_answered_with_both_days_cited():
    trip = article(
        "trip.txt",
        "Choe met Putin in the Kremlin on Tuesday.\n\nChoe returned home to Pyongyang on Friday.",
        "Choe back from Moscow",
        "Wire",
        date(2024, 1, 19),
    )
    a = ask("How many days after meeting Putin did Choe return home?", trip)
    assert a.text.startswith("3 days, from 16 January 2024 to 19 January 2024. Choe met Putin")
    assert [c.quote for c in a.citations] == [
        "Choe met Putin in the Kremlin on Tuesday.",
        "Choe returned home to Pyongyang on Friday.",
    ]
    undated = article("u.txt", "Choe met Putin.\n\nChoe returned home on Friday.", "Choe back", "Wire", None)
    assert "days, from" not in ask("How many days after meeting Putin did Choe return home?", undated).text


def test_how_long_since_one_event_when_another_is_counted_in_years():
    summit = article(
        "summit.txt",
        "Putin last visited Pyongyang in July 2000.\n\nIn April 2019, state media said Putin agreed to visit again.",
        "Summit",
        "Wire",
        date(2024, 1, 16),
    )
    a = ask("How long had it been since Putin last visited Pyongyang when state media said he had agreed?", summit)
    assert a.text.startswith("19 years, from July 2000 to April 2019.")


def test_how_many_days_between_two_events_counts_from_the_earlier():
    trip = article(
        "trip2.txt",
        "Choe returned home to Pyongyang on Friday.\n\nChoe met Putin in the Kremlin on Tuesday.",
        "Choe back from Moscow",
        "Wire",
        date(2024, 1, 19),
    )
    a = ask("How many days passed between Choe's return home and her meeting with Putin?", trip)
    assert a.text.startswith("3 days, from 16 January 2024 to 19 January 2024.")


def test_how_many_months_after_is_answered_from_the_months_given():
    trip = article(
        "visit.txt",
        "Lavrov visited Pyongyang in October 2023.\n\nChoe visited Moscow on Tuesday.",
        "Choe in Moscow",
        "Wire",
        date(2024, 1, 19),
    )
    a = ask("Roughly how many months after Lavrov's visit to Pyongyang did Choe visit Moscow?", trip)
    assert a.text.startswith("3 months, from October 2023 to January 2024. Lavrov visited Pyongyang")


def test_sources_that_differ_by_a_day_agree_on_the_month():
    one = article("one.txt", "Lavrov visited Pyongyang in October 2023.\n\nChoe arrived in Moscow on January 14.",
                  "Choe in Moscow", "Wire", date(2024, 1, 19))  # fmt: skip
    other = article("other.txt", "Choe arrived in Moscow on Monday.", "Choe arrives", "Agency", date(2024, 1, 16))
    question = "How many {} after Lavrov's visit to Pyongyang did Choe arrive in Moscow?"
    assert ask(question.format("months"), one, other).text.startswith("3 months, from October 2023 to January 2024.")
    assert "days, from" not in ask(question.format("days"), one, other).text  # 14 or 15 January: not one day


def test_before_or_after_is_answered_with_both_days_cited():
    trip = article("vaddi.txt", "Pranay Vaddi spoke about the talks on Thursday.\n\nChoe returned home to Pyongyang "
                   "on Friday.", "Choe back from Moscow", "Wire", date(2024, 1, 19))  # fmt: skip
    a = ask("Did Pranay Vaddi speak about the talks before or after Choe returned to Pyongyang?", trip)
    assert a.text.startswith("Before: on 18 January 2024, the other on 19 January 2024.")
    assert len(a.citations) == 2
