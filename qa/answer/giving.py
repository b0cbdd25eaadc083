"""Which of a sentence's dates, numbers and names answer the question: those near the words of what was asked, of
the measure, unit and time asked about; not a figure that was only expected, nor a date already past for a question
about what is still to come."""

from __future__ import annotations

import re

from qa.answer.candidate import Candidate
from qa.answer.entities import described_as, modified
from qa.answer.question import EXACT, ORG_WORDS, Question, initials, term_matches, terms
from qa.dates import find_dates, looks_ahead

# The kinds that can answer for each kind asked. The small NER model often takes a person for an organisation and
# back ("Konstantin Asmolov": ORG): a name of either kind can answer "who" or "which agency". "How many" may be
# answered by "$4.3 billion" too; "how much" not by a bare count ("three").
ALIKE = {
    "PERSON": {"PERSON", "ORG"},
    "ORG": {"PERSON", "ORG", "PLACE"},  # "Michigan won": a team or firm may go by its place
    "NUMBER": {"NUMBER", "AMOUNT"},
    "NAME": {"PERSON", "ORG", "PLACE", "NAME"},  # "which creator": any name, given that noun ("Denino, a creator")
}
NEAR_KINDS = {"DATE", "DURATION", "NUMBER", "AMOUNT", "SCORE"}
NAMING_WORDS = 3  # "Paul Denino, a creator": a name this close to the noun of a "which" question is one of those
COUNTED_WORDS = 3  # "how many shells", "what revenue": a number this close to the word is a number of that
OPENING_WORDS = 2  # "Later Monday, the Kremlin said ...": a date after no more words than these dates the sentence
_CLAUSE_BREAK = re.compile(r"[,;:!?—–]\s")  # not a full stop: inside a sentence it ends "No. 17", "Jan."
_SUBORDINATE = re.compile(r"\s*(?:when|whenever|once|if|until|as\s+soon\s+as)\b", re.I)
_HOW_MANY = re.compile(r"\bhow\s+many\b", re.I)
# A sentence that speaks of a plan. (The dates' own test of a date's clause also takes "to visit" for what is to
# come, "left on Sunday to visit Russia from Monday"; a sentence about "an invitation to visit" is no plan.)
_FUTURE = re.compile(
    r"\b(?:will|shall|would|plans?|planned|scheduled|slated|set to|due to|expected to|hopes? for|upcoming|next)\b", re.I
)
# "How much is the deal worth?" asks for money: a share ("a 40% increase") does not answer it, unless the question
# compares ("How much more did they spend?").
_MONEY = re.compile(
    r"\b(?:worth|cost|costs|costing|pay|pays|paid|paying|spend|spent|price[ds]?|raised?|sell|sold|buy|bought|earn|"
    r"earned|charge[ds]?|fined?)\b",
    re.I,
)
_A_DAY = re.compile(rf"\b(?:what|which)\s+{EXACT}(?:date|day)\b", re.I)  # asks for a day: "the past decade" is none
# asks for a time of day: "At what time did the plane land?", "What time of day ...?" (not "what time period")
_A_TIME = re.compile(
    rf"\b(?:what|which)\s+{EXACT}time\b(?!\s+(?:period|frame|span|zone|limit))|\bat\s+what\s+hour\b", re.I
)
_CLOCK = re.compile(
    r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*[ap]\.?m\b|\b(?:morning|afternoon|evening|night|noon|midnight|dawn|dusk)\b", re.I
)
_OUTSIDE = re.compile(r"\b(?:outside|beyond|except|excluding)\s+(?:of\s+)?(?:the\s+)?$", re.I)  # where it is not
_COMPARED = re.compile(r"\bhow\s+much\s+(?:more|less|higher|lower|cheaper)\b", re.I)  # "22% more" answers it
_SHARE = re.compile(r"%|\bper\s?cent\b", re.I)
_ORG_TERMS = frozenset(terms(ORG_WORDS))  # "the Korean Central News Agency" is no ambassador
_FORETOLD = tuple(terms("expected estimated forecast predicted anticipated"))  # words of what was not yet so

Found = list[tuple[str, str, int]]  # (kind, words, offset) of each entity a sentence holds


class Wanted:
    """What a question wants of the entities of a sentence; built once per question."""

    def __init__(self, q: Question) -> None:
        self.q = q
        self.asked = q.text.lower().replace("’", "'")
        self.terms = set(q.terms)
        self.event = tuple(t for t in q.terms if t not in q.anchors)  # what happened, rather than to whom
        self.counted = q.focus_term if q.focus_kind is None and _HOW_MANY.search(q.text) else None  # "how many X"
        self.named = ALIKE["NAME"] if "NAME" in q.types else set()
        # the terms of the names the question gives, each as a set (not a number: "2023" is a year)
        self.names = [set(n.stems) for n in (*q.people, *q.names) if n.stems and not n.text.isdigit()]
        self.day = bool(_A_DAY.search(q.text))
        self.clock = bool(_A_TIME.search(q.text))
        self.named_days = [d for d in q.dates if d.day]
        self.money = "AMOUNT" in q.types and bool(_MONEY.search(q.text)) and not _COMPARED.search(q.text)
        # "had expected $9.5 billion" is not what was reported, unless expectations are what is asked about
        self.foretold = not any(term_matches(t, q.terms) for t in _FORETOLD)

    def answers(self, c: Candidate, found: Found) -> Found:
        """The entities of the candidate (of those `found` in it) that answer the question. A date or number answers
        when it stands near the words of the event, in the question's words or others ("a crowd of 62,124" for "how
        many people turned up"), or near the question's words when the sentence has none of the event's (an amount,
        near its names when none stands near those): a sentence often holds several; a date that opens the sentence
        dates all of it. A name answers anywhere in it."""
        q = self.q
        event = self.event + tuple(c.said_as | c.counted_as)  # "net income" for "profit", "crowd" for "people"
        near = event if any(term_matches(t, c.stems) for t in event) else q.terms
        # "has picked up €473 million from SoftBank Corp. SoftBank is taking a 51% stake": no amount by the words of
        # the event ("stake"), so one by the names the question asks about
        placed = any(k == "AMOUNT" and c.near(at, near) and not self._asked(w) for k, w, at in found)
        by_names = () if placed else tuple(q.anchors)
        described = described_as(c.text, q.focus_term) if self.named else []
        past = _past_dates(c) if q.ahead else []
        expected = _expected(c, found) if self.foretold else set()
        return [
            (kind, words, at)
            for kind, words, at in found
            if (not self._asked(words) or (kind == "DATE" and _resolved(c, words)))
            and not (kind in ALIKE["NAME"] and self._in_full(words))
            and (
                kind not in NEAR_KINDS
                or c.near(at, near)
                or (kind == "DATE" and opens(c, at, near))
                or (kind == "AMOUNT" and c.near(at, by_names))
            )
            and (kind not in ALIKE["NUMBER"] or self.counted is None or _counts(c, at, words, self.counted))
            and (kind not in ALIKE["NUMBER"] or not q.per or c.near(at, q.per, COUNTED_WORDS))
            and (kind not in self.named or _names_a(q.focus_term, words, at, c, described))
            and not (self.money and kind == "AMOUNT" and _SHARE.search(words))
            and at not in expected
            and not any(start < at + len(words) and at < end for start, end in past)
            and not (q.past and _to_come(c, at))
            and not (kind == "DATE" and self._not_the_day(c, words))
            and not (kind == "DATE" and self.clock and not _CLOCK.search(words))  # "on Tuesday" is no time of day
            and not (kind == "ORG" and q.focus_kind == "PERSON" and _organisation(words))
            # "In which country ...?" asks to name it: "a market outside the U.S." does not ("Where ...?" it may answer)
            and not (kind == "PLACE" and q.focus_kind == "PLACE" and _OUTSIDE.search(c.text, 0, at))
        ]

    def _asked(self, words: str) -> bool:
        """True when the question already says an entity: its words, or all its terms ("California’s Privacy
        Protection Agency" is no answer to "Who is the director of California's Privacy Protection Agency?"), or
        its initials ("CFP" for "the College Football Playoff")."""
        said = terms(words)
        return (
            words.lower().replace("’", "'") in self.asked
            or (bool(said) and set(said) <= self.terms)
            or (words.isupper() and any(len(n.words) > 1 and initials(n.words, words) for n in self.q.names))
        )

    def _in_full(self, words: str) -> bool:
        """True when a name (the `words` of an entity) is one the question names in part: "Sergei Lavrov" for
        "Lavrov"; not a score that names the teams ("Lions 26, Raiders 14")."""
        said = set(terms(words))
        return any(name <= said for name in self.names)

    def _not_the_day(self, c: Candidate, words: str) -> bool:
        """True when a date of the candidate cannot be the day asked for: no day at all for "on what date" ("the past
        decade", "in September"), or a day the question names ("on Sunday 29 October" does not answer "On what date
        will the clocks go forward after going back on 29 October 2023?")."""
        if not (self.day or self.named_days):
            return False
        said = find_dates(words, c.article.published)
        # a day, though perhaps not resolved ("on Sunday" in an undated article); not a month ("September")
        days = [m for m in said if m.value or m.month is None]
        return (self.day and not days) or any(d.matches(m.value) for m in said if m.value for d in self.named_days)

    def measured(self, c: Candidate, answers: Found) -> bool:
        """True when one of the candidate's `answers` is an amount next to the measure asked for, in its words or
        others ("revenue of $9.3 billion" for "What revenue ...?", "net income totaling $364 billion" for profit)."""
        measure = (self.q.focus_term, *c.said_as)
        return self.q.measures and any(
            kind in ALIKE["NUMBER"] and c.near(at, measure, COUNTED_WORDS) for kind, _, at in answers
        )


def _organisation(words: str) -> bool:
    """True when a name is plainly an organisation's, not a person's: it has a word of one ("the Korean Central
    News Agency") or is an acronym ("KCNA")."""
    return bool(_ORG_TERMS & set(terms(words))) or (len(words) > 2 and words.isupper())


def _counts(c: Candidate, at: int, words: str, counted: str) -> bool:
    """True when the number at `at` counts the thing asked about, which stands (or a word for it) next to either end
    of it: "1.8 million monthly active users", "users: 1.8 million", "18 of its member organizations"."""
    nouns = (counted, *c.counted_as)
    return c.near(at, nouns, COUNTED_WORDS) or c.near(at + len(words), nouns, COUNTED_WORDS)


def opens(c: Candidate, at: int, near: tuple[str, ...]) -> bool:
    """True when the entity at `at` opens one of the candidate's sentences and that sentence has one of the `near`
    terms: "Later Monday, the Kremlin said ..., calling the North its closest neighbor"; "Vaddi emphasized the
    exchanges. On Thursday, he described them as cooperation in the military sphere"."""
    start, end = (c.second, len(c.text)) if c.second is not None and at >= c.second else (0, c.second or len(c.text))
    sentence = [(offset, stems) for offset, _, stems in c.words if start <= offset < end]
    return sum(offset < at for offset, _ in sentence) <= OPENING_WORDS and any(
        term_matches(t, stems) for _, stems in sentence for t in near
    )


def _names_a(noun: str, words: str, at: int, c: Candidate, described: list[int]) -> bool:
    """True when the sentence calls a proper name at `at` a `noun` (by the parse, or standing that close to it):
    "Paul Denino, a creator" for "which creator", not "app installs" (the small model's guess) for "which app"."""
    if not words[:1].isupper() or term_matches(noun, terms(words)):
        return False
    return any(at <= i < at + len(words) for i in described) or c.near(at, (noun,), NAMING_WORDS)


def _expected(c: Candidate, found: Found) -> set[int]:
    """The offsets of the figures the candidate says were expected: the one nearest each word of expectation
    ("$12.98 billion" in "Revenue: $12.94 billion vs. $12.98 billion expected"); of an adjective, one in the phrase
    it describes ("expected growth of 5%"), not the day "the highly anticipated trial" started; else one within
    NEAR_WORDS words."""
    figures = [at for kind, _, at in found if kind in NEAR_KINDS]
    claimed = set()
    for offset, _, stems in c.words:
        if figures and (foretold := tuple(t for t in stems if t in _FORETOLD)):
            phrase = modified(c.text, offset)
            # not a figure words away from it: "previous estimates is relatively small: ... 0.03% and 0.07% smaller"
            near = [at for at in figures if (phrase[0] <= at < phrase[1] if phrase else c.near(at, foretold))]
            if near:
                claimed.add(min(near, key=lambda at: abs(at - offset)))
    return claimed


def _resolved(c: Candidate, words: str) -> bool:
    """True when a date the question says too is one said relative to the report ("on Friday", "September last
    year"), which the answer gives as the day it means: "... says Choe came home 'on Friday'. What date was that?"."""
    return any(m.relative and (m.value or m.month) for m in find_dates(words, c.article.published))


def _to_come(c: Candidate, at: int) -> bool:
    """True when the clause of the candidate around offset `at` speaks only of what is to come: "The appeal against
    the 10-point deduction will be heard by a panel" does not say how an appeal ended."""
    breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(c.text)] + [(c.second, c.second)] * bool(c.second)
    start = max((e for s, e in breaks if e <= at), default=0)
    end = min((s for s, e in breaks if s >= at), default=len(c.text))
    if _SUBORDINATE.match(c.text, start):
        # "When Morrell steps between the ropes to defend his title, there will be ...": a clause of "when" or "if"
        # takes its time from the clause it leads into
        end = min((s for s, e in breaks if s > end), default=len(c.text))
    return looks_ahead(c.text[start:end])


def _past_dates(c: Candidate) -> list[tuple[int, int]]:
    """The spans of the dates in the candidate that were past when its article was published: "July 2000" does
    not say when a visit still to come will be. When that day is unknown, all its dates unless it speaks of what is
    to come ("will", "is scheduled to")."""
    published = c.article.published
    if published is None:
        return [] if _FUTURE.search(c.text) else [(m.start, m.end) for m in find_dates(c.text, None)]
    month = (published.year, published.month)
    return [
        (m.start, m.end)
        for m in find_dates(c.text, published)
        # a year known only as a year ("last year") is past when its last month is
        if (m.value and m.value < published) or (not m.value and m.month and (m.month[0], m.month[1] or 12) < month)
    ]
