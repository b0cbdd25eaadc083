from datetime import date

import pytest

from qa.dates import (
    DateConstraint,
    find_dates,
    format_day,
    format_weekday,
    looks_ahead,
    parse_question_dates,
    periods,
    publication_days,
    quarters,
)

MON_15, TUE_16, FRI_19 = date(2024, 1, 15), date(2024, 1, 16), date(2024, 1, 19)

# (text, published, [(mention text, value, month, relative), ...])
CASES = [
    ("Choe held talks with Lavrov on Tuesday.", FRI_19, [("Tuesday", TUE_16, (2024, 1), True)]),
    (
        "On Thursday, he described them as unprecedented.",
        FRI_19,
        [("Thursday", date(2024, 1, 18), (2024, 1), True)],
    ),
    ("Choe returned on Friday from Moscow.", FRI_19, [("Friday", FRI_19, (2024, 1), True)]),
    (
        "Choe has left for Russia, state media reported on Monday.",
        MON_15,
        [("Monday", MON_15, (2024, 1), True)],
    ),
    (
        "Choe is scheduled to visit Russia from Monday to Wednesday at Lavrov's invitation, "
        "and her delegation was seen off at the airport on Sunday.",
        MON_15,
        [
            ("Monday", MON_15, (2024, 1), True),
            ("Wednesday", date(2024, 1, 17), (2024, 1), True),
            ("Sunday", date(2024, 1, 14), (2024, 1), True),
        ],
    ),
    ("with their talks set to take place Tuesday.", MON_15, [("Tuesday", TUE_16, (2024, 1), True)]),
    (
        "Later Monday, the Kremlin said it intends to develop ties.",
        MON_15,
        [("Monday", MON_15, (2024, 1), True)],
    ),
    ("On Tuesday, Putin will meet Choe.", MON_15, [("Tuesday", TUE_16, (2024, 1), True)]),
    ("ahead of the planned summit on Wednesday", MON_15, [("Wednesday", date(2024, 1, 17), (2024, 1), True)]),
    (
        "On Friday, the firm announced plans to cut jobs.",
        date(2023, 12, 3),
        [("Friday", date(2023, 12, 1), (2023, 12), True)],
    ),
    (
        "She arrived last Monday and leaves next Monday.",
        date(2024, 1, 17),
        [("last Monday", MON_15, (2024, 1), True), ("next Monday", date(2024, 1, 22), (2024, 1), True)],
    ),
    (
        "On January 16, Vladimir Putin met with Choe Son-hui.",
        TUE_16,
        [("January 16", TUE_16, (2024, 1), True)],
    ),
    (
        "Seoul, Jan 15 (SocialNews.XYZ) North Korean Foreign Minister",
        MON_15,
        [("Jan 15", MON_15, (2024, 1), True)],
    ),
    (
        "Putin meets Choe in Moscow on Jan. 16, 2024, photo by TASS",
        None,
        [("Jan. 16, 2024", TUE_16, (2024, 1), False)],
    ),
    (
        "a banquet held to celebrate his visit to Pyongyang, Oct. 18, 2023. Yonhap",
        MON_15,
        [("Oct. 18, 2023", date(2023, 10, 18), (2023, 10), False)],
    ),
    ("Departing 27 January 2024.", None, [("27 January 2024", date(2024, 1, 27), (2024, 1), False)]),
    ("IRBM 2024-01-15 07:47 | North Korea", None, [("2024-01-15", MON_15, (2024, 1), False)]),
    ("Publication: 19.01.2024 - 12:12", None, [("19.01.2024", FRI_19, (2024, 1), False)]),
    ("Date: Tuesday, Dec. 5", date(2023, 12, 1), [("Tuesday, Dec. 5", date(2023, 12, 5), (2023, 12), True)]),
    (
        "Bittrex said that trading ends Dec. 31.",
        date(2024, 1, 2),
        [("Dec. 31", date(2023, 12, 31), (2023, 12), True)],
    ),
    (
        "The film is in theaters Dec. 25.",
        date(2023, 10, 7),
        [("Dec. 25", date(2023, 12, 25), (2023, 12), True)],
    ),
    ("following Lavrov's visit to Pyongyang in October and", MON_15, [("October", None, (2023, 10), True)]),
    ("Lavrov's visit to Pyongyang in October 2023", MON_15, [("October 2023", None, (2023, 10), False)]),
    ("their summit in September last year.", MON_15, [("September last year", None, (2023, 9), True)]),
    ("the work started after the September summit", TUE_16, [("September", None, (2023, 9), True)]),
    ("The stores will reopen in March.", date(2023, 12, 5), [("March", None, (2024, 3), True)]),
    ("The trip was last made in July 2000.", None, [("July 2000", None, (2000, 7), False)]),
    (
        "We became aware of these photos late yesterday.",
        date(2023, 11, 27),
        [("yesterday", date(2023, 11, 26), (2023, 11), True)],
    ),
    (
        "Earlier in the week, KCNA announced that talks were held.",
        FRI_19,
        [("Earlier in the week", None, (2024, 1), True)],
    ),
    ("prices rose last month", date(2024, 1, 2), [("last month", None, (2023, 12), True)]),
    ("He was injured last week.", date(2023, 10, 4), [("last week", None, None, True)]),  # 25 Sep - 1 Oct
    ("talks held since last year", FRI_19, [("last year", None, (2023, None), True)]),  # only the year is known
    (
        "This year's deals beat next year's.",
        FRI_19,
        [("This year", None, (2024, None), True), ("next year", None, (2025, None), True)],
    ),
    ("It will open next year.", None, [("next year", None, None, True)]),
    ("Choe held talks with Lavrov on Tuesday.", None, [("Tuesday", None, None, True)]),
    ("On January 16, Putin met Choe.", None, [("January 16", None, None, True)]),
    ("The Sunday Times says Black Friday deals drop every Tuesday.", FRI_19, []),
    # the last Sunday of a month is a rule of the calendar, not the Sunday before the report
    ("Clocks go back on the last Sunday in October.", FRI_19, [("October", None, (2023, 10), True)]),
    ("USA Today reported it today.", FRI_19, [("today", FRI_19, (2024, 1), True)]),
    ("North Korea and Russia have denied any arms deals so far.", FRI_19, []),
    ("Feb. 30, 2024 is no date.", None, []),
    # holidays: a day where "on" (or a year) says so, the year as for "Dec 25"; "Thanksgiving Day" moves
    ("They play on Christmas Day.", date(2023, 12, 20), [("Christmas Day", date(2023, 12, 25), (2023, 12), True)]),
    (
        "Sales fell on Thanksgiving Day, 2022.",
        None,
        [("Thanksgiving Day, 2022", date(2022, 11, 24), (2022, 11), False)],
    ),
    ("It shut on Thanksgiving Day.", date(2023, 11, 27), [("Thanksgiving Day", date(2023, 11, 23), (2023, 11), True)]),
    ("It debuted on New Year’s Eve.", date(2024, 1, 3), [("New Year’s Eve", date(2023, 12, 31), (2023, 12), True)]),
    ("Blue Halloween buckets and Christmas Day games are no days.", FRI_19, []),
    ("Longfellow penned his carol, “I Heard the Bells on Christmas Day.”", FRI_19, []),  # a title
    (
        "He said: “We will all play on Christmas Day.”",
        date(2023, 12, 20),
        [("Christmas Day", date(2023, 12, 25), (2023, 12), True)],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_find_dates(text: str, published: date | None, expected: list[tuple]) -> None:
    mentions = find_dates(text, published)
    assert [(m.text, m.value, m.month, m.relative) for m in mentions] == expected
    for m in mentions:
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "before", "expected"),
    [
        ("And in July of that year, he received a liver.", "In 2015, he fell ill. ", ("July of that year", (2015, 7))),
        ("That same year, she left.", "It was founded in 2019.", ("That same year", (2019, None))),
        ("In 2012 it opened; in May the same year, it closed.", "", ("May the same year", (2012, 5))),
        (
            "The board was patented the following year.",
            "In 1890, a medium named it. ",
            ("the following year", (1891, None)),
        ),
        ("It had lost money the previous year.", "Profit rose in 2023. ", ("the previous year", (2022, None))),
    ],
)
def test_that_year_is_the_year_named_last_before_it(text: str, before: str, expected: tuple) -> None:
    *_, mention = find_dates(text, FRI_19, before)
    assert (mention.text, mention.month, mention.relative) == (*expected, True)


def test_a_day_under_a_year_heading_is_of_that_year() -> None:
    schedule = "2024\n\nJoker: Folie à Deux: Oct. 4\n\nIt ends in 2019.\n\n2025\n\n"
    (mention,) = find_dates("Superman: Legacy: July 11", date(2023, 10, 24), schedule)
    assert (mention.text, mention.value, mention.relative) == ("July 11", date(2025, 7, 11), True)
    (mention,) = find_dates("Superman: Legacy: July 11", date(2023, 10, 24), "It ends in 2025.\n\n")
    assert mention.value == date(2023, 7, 11)  # a year in a sentence heads nothing


def test_that_year_with_no_year_before_it_is_no_date() -> None:
    assert find_dates("That year was good.", FRI_19) == []


def test_offsets_in_a_longer_text() -> None:
    text = "Choe left Pyongyang on Sunday to visit Russia from Monday through Wednesday.\n" * 3
    mentions = find_dates(text, MON_15)
    assert len(mentions) == 9
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert [m.value.day for m in mentions[:3]] == [14, 15, 17]


def test_formats() -> None:
    assert format_day(TUE_16) == "16 January 2024"
    assert format_weekday(TUE_16) == "Tuesday, 16 January 2024"
    assert format_day(date(2023, 10, 3)) == "3 October 2023"


@pytest.mark.parametrize(
    ("question", "today", "expected"),
    [
        ("What happened in October 2023?", None, [DateConstraint("October 2023", year=2023, month=10)]),
        (
            "What was the news as reported on 16 January?",
            None,
            [DateConstraint("16 January", month=1, day=16)],
        ),
        ("Who met Putin?", None, []),
        ("What happened in January?", None, [DateConstraint("January", month=1)]),
        ("What did Choe do on Tuesday?", None, [DateConstraint("Tuesday", weekday=1)]),
        (
            "Who met Putin on Jan. 16, 2024?",
            None,
            [DateConstraint("Jan. 16, 2024", year=2024, month=1, day=16)],
        ),
        ("What happened in 2019?", None, [DateConstraint("2019", year=2019)]),
        (
            "Who won the game on Christmas Day 2023?",
            None,
            [DateConstraint("Christmas Day 2023", year=2023, month=12, day=25)],
        ),
        ("What did he say on Christmas Eve?", None, [DateConstraint("Christmas Eve", month=12, day=24)]),
        ("What sold on Thanksgiving Day?", None, [DateConstraint("Thanksgiving Day", month=11, weekday=3)]),
        (
            "What happened yesterday?",
            date(2024, 1, 20),
            [DateConstraint("yesterday", year=2024, month=1, day=19)],
        ),
        ("What happened yesterday?", None, []),
        (
            "What happened last October?",
            date(2024, 1, 20),
            [DateConstraint("last October", year=2023, month=10)],
        ),
    ],
)
def test_parse_question_dates(question: str, today: date | None, expected: list[DateConstraint]) -> None:
    assert list(parse_question_dates(question, today)) == expected


def test_constraint_matches() -> None:
    (october,) = parse_question_dates("What happened in October 2023?")
    assert october.matches(date(2023, 10, 18))
    assert october.matches((2023, 10))
    assert not october.matches(TUE_16)
    (jan16,) = parse_question_dates("as reported on 16 January")
    assert jan16.matches(TUE_16)
    assert not jan16.matches((2024, 1))  # a month alone does not pin the day
    (tuesday,) = parse_question_dates("What happened on Tuesday?")
    assert tuesday.matches(TUE_16)
    assert not tuesday.matches(MON_15)


def test_a_text_is_about_the_days_months_and_years_it_names() -> None:
    found = periods("Valuation (2021): $612 million. Talks ended on Tuesday and resume in March 2024.", FRI_19)
    assert found == publication_days(FRI_19) | {(2021, None), date(2024, 1, 16), (2024, 3), (2024, None)}
    (in_2021,) = parse_question_dates("What was it worth in 2021?")
    assert in_2021.matches((2021, None)) and not in_2021.matches((2023, None))
    (october,) = parse_question_dates("What happened in October 2023?")
    assert not october.matches((2023, None))  # a year alone does not pin the month


def test_a_report_may_carry_the_day_before_or_after_its_utc_date() -> None:
    # "2023-11-05T20:56:22+00:00" is the morning of 6 November in Sydney, the evening of the 5th in New York
    assert publication_days(date(2023, 11, 5)) == {date(2023, 11, 4), date(2023, 11, 5), date(2023, 11, 6)}
    (sixth,) = parse_question_dates("What did the report published on 6 November 2023 say?")
    assert any(sixth.matches(day) for day in periods("Stocks rose.", date(2023, 11, 5)))
    assert not any(sixth.matches(day) for day in periods("Stocks rose.", date(2023, 11, 8)))


def test_a_sentence_looks_ahead_when_it_speaks_only_of_what_is_to_come() -> None:
    assert looks_ahead("It will continue into the championship game against No. 17 Iowa.")
    assert not looks_ahead("He said the appeal will be heard in spring.")  # told in the past
    assert not looks_ahead("The panel heard the appeal.")
    assert looks_ahead("He could score six goals during this international break.")  # what may yet be
    assert not looks_ahead("Only 3,000 fans could attend, the club said.")
    assert looks_ahead("It will be the final broadcast of the beloved series.")  # "beloved" is no verb after "the"


def test_quarters_named_in_words_or_as_q() -> None:
    assert quarters("Uber's Q3 numbers beat the third-quarter estimate") == {3}
    assert quarters("revenue for the fourth quarter of 2023 and the Fiscal First Quarter") == {4, 1}
    assert quarters("a lackluster quarter, up quarter-over-quarter") == set()
    assert quarters("For the most recently reported quarter, revenue beat", date(2023, 11, 18)) == {3}
    assert quarters("In the latest quarter, revenue rose", date(2024, 2, 1)) == {4}
    assert quarters("in the last quarter of 2023", date(2023, 11, 18)) == set()  # the year's last, not the latest
