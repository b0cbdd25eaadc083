"""Questions about the time between two events: "How many days after meeting Putin did Choe return home?" is two
questions, when did Choe meet Putin and when did she return home, and the answer is the days between the two."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from qa.answer import Citation
from qa.answer.question import lemma, said_at, terms
from qa.dates import known_dates

_BETWEEN = re.compile(
    r"^\W*how\s+(?:many\s+(?P<unit>days|weeks|months|years)|long)\s+(?P<order>after|before)\s+(?P<first>.+?)\s+"
    r"(?P<aux>did|does|do|was|were|is|are|had|has|have)\s+(?P<then>.+?)[\s?]*$",
    re.I,
)
_DETERMINER = re.compile(r"^(?:the|a|an|this|that|his|her|its|their)\b", re.I)


@dataclass(frozen=True)
class Interval:
    """A question about the time between two events, as the two "when" questions it asks."""

    first: str  # "When did Choe meet Putin?"
    then: str  # "When did Choe return home?"
    unit: str  # "days", "weeks", "months" or "years"
    after: bool  # the second event is asked about as after the first


def interval(question: str) -> Interval | None:
    """The two events of "How many days after X did Y?" (or "How long before X was Y?"), None for another
    question. X may be an action of Y's subject ("meeting Putin"), a thing ("the summit") or a clause."""
    from qa.answer.entities import subject, tagged

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
        first = f"When did {who} {lemma(words[0][0])}{first[len(words[0][0]) :]}?"
    elif _DETERMINER.match(first) or not any(pos in ("VERB", "AUX") for _, pos in words):
        first = f"When was {first}?"  # "the summit", "Choe's meeting with Putin"
    else:
        first = f"When {first}?"  # "Choe met Putin"
    return Interval(first, then, (m.group("unit") or "days").lower(), m.group("order").lower() == "after")


def day_of(citation: Citation, question: str) -> date | None:
    """The day a cited sentence gives for what `question` asks about: of its dates resolved to a day, the one
    nearest the question's words."""
    dated = [m for m in known_dates(citation.quote, citation.published, citation.published_inferred) if m.value]
    places = said_at(citation.quote, terms(question))
    if not dated or not places:
        return None
    return min(dated, key=lambda m: min(abs(m.start - at) for at in places)).value


def between(first: date, then: date, unit: str) -> str | None:
    """ "3 days", "2 weeks", "1 month" from one day to a later one; None when it is not later."""
    if then <= first:
        return None
    if unit == "months":
        count = (then.year - first.year) * 12 + then.month - first.month
    elif unit == "years":
        count = then.year - first.year
    else:
        count = (then - first).days // (7 if unit == "weeks" else 1)
    return f"{count} {unit[:-1] if count == 1 else unit}" if count > 0 else None
