"""Questions about the time between two events: "How many days after meeting Putin did Choe return home?" is two
questions, when did Choe meet Putin and when did she return home, and the answer is the days between the two."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from qa.answer import Answer, Citation
from qa.answer.question import lemma, said_at, terms
from qa.dates import format_day, format_month, known_dates

_BETWEEN = re.compile(
    r"^\W*(?:(?:\w+ly|about)\s+)?how\s+(?:many\s+(?P<unit>days|weeks|months|years)|long)\s+"  # "Roughly how many ..."
    r"(?P<order>after|before)\s+(?P<first>.+?)\s+"
    r"(?P<aux>did|does|do|was|were|is|are|had|has|have)\s+(?P<then>.+?)[\s?]*$",
    re.I,
)
_SPAN = re.compile(
    r"^\W*(?:(?:\w+ly|about)\s+)?how\s+(?:many\s+(?P<unit>days|weeks|months|years)|long|much\s+time)\s+"
    r"(?:(?:(?:had\s+|have\s+)?(?:passed|elapsed|gone\s+by|went\s+by|lapsed)\s+|(?:was|were)\s+there\s+)?between"
    r"|separated)\s+(?P<first>.+?)\s+(?:and|from)\s+(?P<then>.+?)[\s?]*$",
    re.I,
)
_SINCE = re.compile(  # "How long had it been since X when Y?", "How many years had X gone without Y-ing when Z?"
    r"^\W*(?:(?:\w+ly|about)\s+)?how\s+(?:many\s+(?P<unit>days|weeks|months|years)|long)\s+had\s+"
    r"(?:it\s+been\s+since\s+(?P<first>.+?)|(?P<who>.+?)\s+(?:gone|been)\s+without\s+(?P<without>.+?))"
    r"\s+when\s+(?P<then>.+?)[\s?]*$",
    re.I,
)
_ORDER = re.compile(  # "Did X happen before or after Y?"
    r"^\W*(?P<aux>did|was|were|had|has|have|is|are)\s+(?P<first>.+?)\s+(?:before\s+or\s+after|after\s+or\s+before)"
    r"\s+(?P<then>.+?)[\s?]*$",
    re.I,
)
_CLAUSE_OPENERS = {"that", "which", "who", "whom", "where", "when", "as", "after", "before", "while"}
_DETERMINER = re.compile(r"^(?:the|a|an|this|that|his|her|its|their)\b", re.I)


@dataclass(frozen=True)
class Interval:
    """A question about the time between two events, as the two "when" questions it asks."""

    first: str  # "When did Choe meet Putin?"
    then: str  # "When did Choe return home?"
    unit: str  # "days", "weeks", "months" or "years"
    after: bool  # the second event is asked about as after the first
    ordered: bool = True  # False for "between X and Y": either may come first
    compare: bool = False  # "Did X happen before or after Y?": which came first is asked, not the time between


def interval(question: str) -> Interval | None:
    """The two events of "How many days after X did Y?" (or "How long before X was Y?"), None for another
    question. X may be an action of Y's subject ("meeting Putin"), a thing ("the summit") or a clause."""
    from qa.answer.entities import subject, tagged

    if which := _ORDER.match(question):  # "Did Vaddi speak before or after Choe got back?"
        then = which.group("then")
        first = f"When {which.group('aux').lower()} {which.group('first')}?"
        return Interval(first, _when(then, tagged(then)), "days", True, compare=True)
    if span := _SPAN.match(question):  # "How many days passed between the summit and Choe's visit?"
        unit = (span.group("unit") or "days").lower()
        first, then = (_when(span.group(part), tagged(span.group(part))) for part in ("first", "then"))
        return Interval(first, then, unit, True, ordered=False)
    if since := _SINCE.match(question):  # "How long had it been since Putin's last trip when Choe went?"
        then = since.group("then")
        if since.group("without"):  # "Putin gone without visiting Pyongyang": when Putin visited it
            first = _when_did(since.group("who"), since.group("without"))
        else:
            first = _when(since.group("first"), tagged(since.group("first")))
        return Interval(first, _when(then, tagged(then)), (since.group("unit") or "years").lower(), True)
    m = _BETWEEN.match(question)
    if not m:
        return None
    then = f"When {m.group('aux')} {m.group('then')}?"
    first = m.group("first")
    words = tagged(first)
    if words and words[0][0].lower().endswith("ing") and words[0][1] == "VERB":  # "meeting Putin": she met him
        who = subject(then)
        if who is None:
            return None
        first = _when_did(who, first)
    else:
        first = _when(first, words)
    return Interval(first, then, (m.group("unit") or "days").lower(), m.group("order").lower() == "after")


def _when_did(who: str, doing: str) -> str:
    """ "When did Choe meet Putin?" for "Choe" and "meeting Putin"."""
    verb = doing.split(maxsplit=1)[0]
    return f"When did {who} {lemma(verb)}{doing[len(verb) :]}?"


def _when(event: str, words: list[tuple[str, str]]) -> str:
    """The "when" question of an event as a question names it, from its `words` as tagged (word, part of speech):
    "When was the summit?", "When did Choe meet Putin?", "When did the Kremlin call North Korea its neighbour?"."""
    # the event's own verb comes before a clause that says more of it ("Peskov's remark that talks were going on")
    clause = next((i for i, (word, _) in enumerate(words) if word.lower() in _CLAUSE_OPENERS), len(words))
    acting = next((i for i, (_, pos) in enumerate(words[:clause]) if pos in ("VERB", "AUX")), None)
    # a verb after its doer, "the Kremlin calling ...", "Choe got back" (not one that opens the event, which names
    # no doer, nor "Choe's meeting"): what the Kremlin or Choe did
    if acting and words[acting][1] == "VERB" and not words[acting - 1][0].endswith(("'s", "’s")):
        verb = re.search(rf"\b{re.escape(words[acting][0])}\b", event)
        if verb:
            return f"When did {event[: verb.start()]}{lemma(verb.group())}{event[verb.end() :]}?"
    if _DETERMINER.match(event) or not any(pos in ("VERB", "AUX") for _, pos in words[:clause]):
        return f"When was {event}?"  # "the summit", "Choe's meeting with Putin"
    return f"When {event}?"  # "Choe was elected"


class When(NamedTuple):
    """The time a sentence gives for an event: a day (the first of its month when only the month is given), and
    how to say it ("16 January 2024", or "October 2023" for a question in months or years)."""

    day: date
    said: str


def day_of(citation: Citation, question: str, unit: str) -> When | None:
    """The time a cited sentence gives for what `question` asks about: of its dates resolved to a day (or, for a
    question in months or years, to a month, said as the month), the one nearest the question's words."""
    coarse = unit in ("months", "years")
    dated = [
        (m.start, m.value or date(m.month[0], m.month[1], 1))
        for m in known_dates(citation.quote, citation.published, citation.published_inferred)
        if m.value or (coarse and m.month and m.month[1])
    ]
    places = said_at(citation.quote, terms(question))
    if not dated or not places:
        return None
    _, day = min(dated, key=lambda found: min(abs(found[0] - at) for at in places))
    return When(day, format_month(day) if coarse else format_day(day))


def pinned(answer: Answer, unit: str) -> When | None:
    """The time an answer to a "when" question gives, from its first citation; where its sources differ, only when
    they all give the same time counted in the unit asked (14 and 15 January are one month)."""
    if answer.abstained or not answer.citations:
        return None
    cited = answer.citations if answer.debug.get("conflict") else answer.citations[:1]
    found = [day_of(c, answer.question, unit) for c in cited]
    if None in found:
        return None
    grain = {"months": lambda d: (d.year, d.month), "years": lambda d: d.year}.get(unit, lambda d: d)
    return found[0] if len({grain(w.day) for w in found}) == 1 else None


def order(first: When, then: When) -> str:
    """Whether the first time came before or after the second (or on the same day), with both."""
    word = "Before" if first.day < then.day else "After" if first.day > then.day else "On the same day"
    return f"{word}: on {first.said}, the other on {then.said}."


def between(first: date, then: date, unit: str) -> str | None:
    """ "3 days", "2 weeks", "1 month", "19 years" from one day to a later one; None when it is not later."""
    if then <= first:
        return None
    months = (then.year - first.year) * 12 + then.month - first.month
    if unit == "months":
        count = months
    elif unit == "years":  # to the nearest year: July 2000 to April 2019 is 19 years, December 2000 to January 2019 18
        count = round(months / 12)
    else:
        count = (then - first).days // (7 if unit == "weeks" else 1)
    return f"{count} {unit[:-1] if count == 1 else unit}" if count > 0 else None
