"""Dates in candidate answers: shown as the day they mean, and compared across articles, so that where the
reports disagree on the day something happened, the answer says so and cites each side."""

from __future__ import annotations

import calendar
from datetime import date

from qa.answer.candidate import Candidate
from qa.answer.question import Question
from qa.dates import DateMention, format_day, format_month, known_dates

RIVAL_COVERAGE = 0.8  # a sentence that disagrees must answer the question about as fully as the chosen one
EVENT_WORDS = 5  # a day that close to the event's words is the day of that event, not of the next clause's
Day = tuple[date | None, int | None]  # a day, or only its weekday


def dates_of(c: Candidate) -> list[DateMention]:
    """The candidate's date mentions, resolved against its article's date (see `known_dates`) and, for "that year",
    the text before it."""
    return known_dates(c.text, c.article.published, c.article.published_inferred, c.article.text[: c.start])


def with_dates(c: Candidate) -> str:
    """The candidate's text with each relative date followed by the day (or year) it means: "on Tuesday (16 January
    2024)", "since last year (2023)"; a month, when of another year than the article's: "in July of that year (July
    2015)"."""
    text = c.text
    for m in reversed(dates_of(c)):
        if not m.relative:
            continue
        if m.value is not None:
            text = f"{text[: m.end]} ({format_day(m.value)}){text[m.end :]}"
        elif m.month and m.month[1] is None:
            text = f"{text[: m.end]} ({m.month[0]}){text[m.end :]}"
        elif m.month and c.article.published and m.month[0] != c.article.published.year:  # "in July of that year"
            text = f"{text[: m.end]} ({format_month(date(*m.month, 1))}){text[m.end :]}"
    return text


def days(c: Candidate, near: tuple[str, ...] = ()) -> list[Day]:
    """Each day the candidate names, as (date, weekday): a bare "Monday" is (None, 0). With `near`, only the days
    named within a few words of one of those terms (the day of that event)."""
    found = []
    for m in dates_of(c):
        if near and not c.near(m.start, near, EVENT_WORDS):
            continue
        weekday = next((i for i, name in enumerate(calendar.day_name) if name in m.text), None)
        if m.value is not None or weekday is not None:
            found.append((m.value, m.value.weekday() if m.value else weekday))
    return found


def disagree(a: list[Day], b: list[Day]) -> bool:
    """True when no day of one can be a day of the other (different dates, or a date whose weekday is not the
    weekday the other names)."""
    if not a or not b:
        return False
    for day_a, weekday_a in a:
        for day_b, weekday_b in b:
            if day_a == day_b if day_a and day_b else weekday_a == weekday_b:
                return False
    return True


def rival(q: Question, chosen: list[Candidate], candidates: list[Candidate], relevant: float) -> Candidate | None:
    """For a question about a date whose chosen answer names one day: the best candidate of another article that
    answers it about as fully as the chosen one but names, next to the words of the event asked about, a day that
    cannot be the chosen one's."""
    if "DATE" not in q.types:
        return None
    lead = chosen[0]
    used = {c.article.path for c in chosen}
    lead_days = days(lead)
    if len({day for day, _ in lead_days if day}) > 1:
        return None  # "Black Friday lands on November 24, with Cyber Monday on November 27": the answer is no one day
    event = tuple(t for t in q.terms if t not in q.anchors) or q.terms  # what happened, rather than to whom
    for c in candidates:
        if (
            c.article.path not in used
            and c.relevance >= relevant
            and c.coverage >= RIVAL_COVERAGE * lead.coverage
            and disagree(lead_days, days(c, near=event))
        ):
            return c
    return None
