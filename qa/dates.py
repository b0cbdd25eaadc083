"""Dates in article text, resolved against the article's published date ('on Tuesday' -> 2024-01-16).

The rules, with `p` the published date:
- Complete dates need no `p`: "January 16, 2024", "16 Jan 2024", "2024-01-16", "19.01.2024" (day first).
- A day without a year ("Jan 16") takes the year that puts it nearest to `p`, days against the clause's
  tense counting double: a past report's "March 10" written in October is last March. Under a line that is only
  a year (a schedule's "2025"), it takes that year.
- A weekday is the latest such day on or before `p` (`p` itself counts); when its clause speaks of the
  future ("will", "is scheduled", "to visit", "next week", ...) it is the first on or after `p`.
  "last Tuesday" and "next Tuesday" exclude `p`.
- A month without a year ("in October") is the latest such month on or before `p`'s month, the first on
  or after it in a future clause; "last October" and "October last year" say which year.
- "today", "tonight", "yesterday", "tomorrow" are days; "this/last/next week|month", "earlier this week"
  and "earlier in the week" give only the month, when the period lies within one month; "this/last/next year"
  only the year.
- "that year" and "the following (previous) year" count from the year last named before them.
- Holidays of a fixed day ("Christmas Day", "New Year's Eve", "Halloween") and "Thanksgiving Day" (the fourth
  Thursday of November) are days where a year or "on" ("since", "before", ...) says so, not in "Christmas Day
  games" nor in a quoted title ("I Heard the Bells on Christmas Day"); without a year they take the one that
  "Dec 25" would.
- Without `p`, relative expressions have value None. Years alone and slashed dates are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_FULL_MONTH = "|".join(_MONTHS)
_MON = rf"(?:{_FULL_MONTH}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR = r"(?:1[6-9]|20)\d{2}\b"
_WD = rf"(?:{'|'.join(_WEEKDAYS)})\b"

_SP = r"[ \t\xa0]+"  # spaces within one line

# Tried only where a date word can begin (which keeps the scan fast); longer forms come first.
_PATTERN = re.compile(
    rf"""
    (?<!\w)(?=[0-9JFMASONDTWLEYCHVtlney])(?:
    (?P<iso>(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)
    |(?P<dot>(?P<dd>[0-3]?\d)\.(?P<dm>[01]?\d)\.(?P<dy>{_YEAR}))
    |(?P<md>(?:{_WD},?{_SP})?(?P<m1>{_MON}){_SP}(?P<d1>{_DAY})(?:,?{_SP}(?P<y1>{_YEAR}))?)
    |(?P<dm_>(?:{_WD},?{_SP})?(?P<d2>{_DAY}){_SP}(?:of{_SP})?(?P<m2>{_MON})
        (?:,?{_SP}(?P<y2>{_YEAR})|(?!{_SP}\d)))
    |(?P<my>(?P<m3>{_MON}),?{_SP}(?:of{_SP})?(?P<y3>{_YEAR}))
    |(?P<mry>(?P<m4>{_FULL_MONTH}){_SP}(?P<ry>last|this|next){_SP}year\b)
    |(?P<mm>(?P<mmod>[Ll]ast|[Tt]his|[Nn]ext){_SP}(?P<m5>{_FULL_MONTH})\b)
    |(?P<mty>(?P<m7>{_FULL_MONTH}){_SP}(?:of{_SP})?(?:that(?:{_SP}same)?|the{_SP}same){_SP}year\b)
    |(?P<hol>(?P<hn>Christmas{_SP}(?:Day|Eve)|New{_SP}Year['’]s{_SP}(?:Day|Eve)|Halloween|Valentine['’]s{_SP}Day
        |Thanksgiving{_SP}Day)\b(?:,?{_SP}(?P<hy>{_YEAR}))?)
    |(?P<bare>(?P<m6>{_FULL_MONTH})\b)
    |(?P<wd>(?:(?P<wmod>[Ll]ast|[Nn]ext|[Tt]his){_SP})?(?P<w>{_WD}))
    |(?P<deictic>(?i:today|tonight|yesterday|tomorrow)\b)
    |(?P<period>(?i:(?:(?P<pmod>earlier|later){_SP}(?:this|in{_SP}the)|(?P<pwhich>this|last|next))
        {_SP}(?P<unit>week|month))\b)
    |(?P<yr>(?P<ywhich>[Ll]ast|[Tt]his|[Nn]ext){_SP}year\b)
    |(?P<ty>(?:[Tt]hat(?:{_SP}same)?|[Tt]he{_SP}same){_SP}year\b)
    |(?P<fy>[Tt]he{_SP}(?P<fwhich>following|previous|preceding){_SP}year\b)
    )""",
    re.VERBOSE,
)
# A month name alone is a date only after one of these ("in October", "the September summit", "mid-May").
_BARE_MONTH_CUE = re.compile(
    r"(?:\b(?i:in|since|until|till|by|from|through|during|before|after|early|late|the|of)\s+|\bmid-)$"
)
# "Black Friday", "every Tuesday", "a Monday": a weekday, but no particular day.
_NOT_A_DAY = re.compile(r"\b(?:Black|Cyber|Pink|Green|Good|Super|Ash|Palm|Easter|Holy|Giving|[Ee]very|a)\s+$")
_DAY_CUE = re.compile(r"\b(?i:on|since|until|till|by|before|after|from|through)\s+$")  # "on Christmas Day"
_NAME_FOLLOWS = re.compile(r"[ \t]+[A-Z][a-z]")
_ON_BEFORE = re.compile(r"\b[Oo]n\s+$")
_OF_A_MONTH = re.compile(rf"{_SP}(?:in|of){_SP}{_MON}")  # "the last Sunday in March": a rule, not a day
_QUOTED = re.compile(r"[“\"‘']([^”\"’'\n]{3,120})[”\"’']")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\"“”\n])\s*$")
_CLAUSE_BREAK = re.compile(r"[.!?;:,\n]")
_SENTENCE_BREAK = re.compile(r"[.!?;\n]")
_WORD = re.compile(r"[A-Za-z]+")
_FUTURE = re.compile(
    r"\b(?:will|shall|won[’']t|[’']ll|scheduled|slated|set\s+to|expected\s+to|plans?\s+to|planning\s+to"
    r"|planned|could|might|may|to\s+visit|going\s+to|next\s+(?:week|month|year)|upcoming)\b"
)
_DETERMINED = r"(?<![Tt]he )(?<!\b[Aa] )(?<!\b[Aa]n )(?<!\bits )(?<!\bhis )(?<!\bher )(?<!\btheir )"
_PAST = re.compile(  # a word in -ed after "the" is an adjective: "the beloved series", "a planned visit"
    r"\b(?:" + _DETERMINED + r"[a-z]+(?<!e)ed"
    r"|said|told|met|held|left|made|took|gave|came|went|began|won|lost|was|were|had|did)\b"
)
_YEAR_ALONE = re.compile(rf"\b{_YEAR}")
_YEAR_HEADING = re.compile(rf"^[ \t]*({_YEAR})[ \t]*$", re.M)  # a line that is only a year heads a schedule's days
QUARTER_ORDINALS = ("first", "second", "third", "fourth")  # "the third quarter"
TIME_UNITS = ("second", "minute", "hour", "day", "night", "week", "month", "year", "decade")  # "how many days"
_QUARTER = re.compile(r"\b(?:Q([1-4])|(first|second|third|fourth)[-\s]+quarter)\b", re.I)
_LATEST_QUARTER = re.compile(
    r"\b(?:most\s+recent(?:ly\s+reported)?|latest|last|previous|prior)\s+quarter\b(?!\s+of)", re.I
)  # "the most recent quarter", not "the last quarter of 2023"
_DEICTIC_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1),
             "new year's eve": (12, 31), "halloween": (10, 31), "valentine's day": (2, 14)}  # fmt: skip
_THANKSGIVING = (11, 3, 4)  # Thanksgiving Day: of November, the Thursday (weekday 3), the fourth


Period = date | tuple[int, int | None]  # a day, or a (year, month) or (year, None) known only to the month or year


@dataclass(frozen=True)
class DateMention:
    """One date expression: `text == source[start:end]`, resolved to a day or, failing that, a month."""

    start: int
    end: int
    text: str
    value: date | None
    month: tuple[int, int | None] | None  # (year, month), or (year, None) when only the year is known
    relative: bool


@dataclass(frozen=True)
class DateConstraint:
    """A date a question asks about; None parts are free ("on 16 January" leaves the year free)."""

    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None

    def matches(self, when: Period) -> bool:
        """Whether a day, or a (year, month) or (year, None) known only to the month or year, satisfies it."""
        if isinstance(when, date):
            parts = (when.year, when.month, when.day, when.weekday())
        elif self.day is None and self.weekday is None:
            parts = (*when, None, None)
        else:
            return False
        wanted = (self.year, self.month, self.day, self.weekday)
        return all(w is None or w == got for w, got in zip(wanted, parts, strict=True))


def find_dates(text: str, published: date | None, before: str = "") -> list[DateMention]:
    """Every date expression in `text`, resolved against `published` where it is relative; "that year" and "the
    following year" against the last year named before it (in `text`, else in the text `before` it); a day without
    a year against the last line before it that is only a year (a schedule's heading), if any."""
    return [mention for m in _PATTERN.finditer(text) if (mention := _mention(m, text, published, before))]


def known_dates(text: str, published: date | None, inferred: bool = False, before: str = "") -> list[DateMention]:
    """`find_dates`, where against an `inferred` published date only a missing year is filled in, never a
    weekday: "January 16" takes its year, "on Tuesday" stays unknown."""
    found = find_dates(text, published, before)
    if not inferred:
        return found
    return [m if not m.relative or any(ch.isdigit() for ch in m.text) else replace(m, value=None) for m in found]


def periods(text: str, published: date | None) -> set[Period]:
    """The days, months and years a text is about: the days it may be dated (`publication_days`), and every date,
    month or year it names."""
    found = named_periods(text, published) | {(int(m.group()), None) for m in _YEAR_ALONE.finditer(text)}
    return found | (publication_days(published) if published else set())


def named_periods(text: str, published: date | None) -> set[Period]:
    """The days and months a text names ("on Thursday" read against the day it was `published`)."""
    return {m.value or m.month for m in find_dates(text, published)} - {None}


def publication_days(published: date) -> set[date]:
    """The days a report may be dated where it came out: its stored date (a timestamp's, in UTC) and the days either
    side ("2023-11-05T20:56Z" is the morning of 6 November in Sydney)."""
    return {published + timedelta(days=n) for n in (-1, 0, 1)}


def quarters(text: str, published: date | None = None) -> set[int]:
    """The quarters of a year a text names: "Q3", "third-quarter", "the fourth quarter" (fiscal or calendar), and
    "the most recent quarter" of a report `published` in November (the third)."""
    named = {int(m.group(1) or QUARTER_ORDINALS.index(m.group(2).lower()) + 1) for m in _QUARTER.finditer(text)}
    if published and _LATEST_QUARTER.search(text):
        named.add((published.month - 1) // 3 or 4)  # the last quarter to end before it
    return named


def format_day(d: date) -> str:
    """'16 January 2024'."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def format_month(d: date) -> str:
    """'October 2023'."""
    return f"{_MONTHS[d.month - 1]} {d.year}"


def format_weekday(d: date) -> str:
    """'Tuesday, 16 January 2024'."""
    return f"{_WEEKDAYS[d.weekday()]}, {format_day(d)}"


def parse_question_dates(question: str, today: date | None = None) -> tuple[DateConstraint, ...]:
    """The days, months or years a question asks about. Names leave the year free ("in January",
    "on Tuesday"); expressions relative to now ("yesterday", "last October") are resolved against `today`."""
    found: list[DateConstraint] = []
    spans: list[tuple[int, int]] = []
    for m in _PATTERN.finditer(question):
        constraint = _constraint(m, question, today)
        if constraint:
            found.append(constraint)
            spans.append(m.span())
    for m in _YEAR_ALONE.finditer(question):
        if not any(s <= m.start() < e for s, e in spans):
            found.append(DateConstraint(m.group(), year=int(m.group())))
    return tuple(found)


def _constraint(m: re.Match[str], text: str, today: date | None) -> DateConstraint | None:
    g, kind = m.group, m.lastgroup
    if kind in ("md", "dm_") and not (g("y1") or g("y2")):
        day, month = _day_number(g("d1") or g("d2")), _month_number(g("m1") or g("m2"))
        return DateConstraint(m.group(), month=month, day=day) if _day(2000, month, day) else None
    if kind == "hol" and not g("hy"):
        if not _holiday_ok(text, m.start()):
            return None
        name = _holiday_name(g("hn"))
        if name in _HOLIDAYS:
            month, day = _HOLIDAYS[name]
            return DateConstraint(m.group(), month=month, day=day)
        month, weekday, _ = _THANKSGIVING
        return DateConstraint(m.group(), month=month, weekday=weekday)  # a Thursday of November
    if kind == "bare":
        month = _month_number(g("m6"))
        return DateConstraint(m.group(), month=month) if _bare_month_ok(text, m.start()) else None
    if kind == "wd" and not g("wmod"):
        return DateConstraint(m.group(), weekday=_WEEKDAYS.index(g("w"))) if _weekday_ok(text, m) else None
    mention = _mention(m, text, today)
    if mention is None:
        return None
    if mention.value:
        d = mention.value
        return DateConstraint(mention.text, year=d.year, month=d.month, day=d.day)
    if mention.month:
        return DateConstraint(mention.text, year=mention.month[0], month=mention.month[1])
    if kind in ("mry", "mm"):  # "last October" without `today`: the month is still known
        return DateConstraint(mention.text, month=_month_number(g("m4") or g("m5")))
    return None


def _mention(m: re.Match[str], text: str, p: date | None, before: str = "") -> DateMention | None:
    g, kind = m.group, m.lastgroup
    if kind in ("mty", "ty", "fy"):  # "in July of that year", "that same year", "the following year"
        year = next(reversed(_YEAR_ALONE.findall(before + text[: m.start()])), None)  # the year last named
        if year is None:
            return None
        if kind == "fy":
            return _relative(m, None, (int(year) + (1 if g("fwhich") == "following" else -1), None))
        return _relative(m, None, (int(year), g("m7") and _month_number(g("m7"))))
    if kind == "iso":
        return _absolute(m, int(g("iy")), int(g("im")), int(g("id")))
    if kind == "dot":
        return _absolute(m, int(g("dy")), int(g("dm")), int(g("dd")))
    if kind in ("md", "dm_"):
        day, month = _day_number(g("d1") or g("d2")), _month_number(g("m1") or g("m2"))
        year = g("y1") or g("y2")
        if year:
            return _absolute(m, int(year), month, day)
        if not _day(2000, month, day):
            return None
        if heading := next(reversed(_YEAR_HEADING.findall(before + text[: m.start()])), None):
            return _relative(m, _day(int(heading), month, day))  # "2025" then "Superman: Legacy: July 11"
        future = _is_future(text, m.start(), m.end())
        return _relative(m, p and _nearest_year(lambda year: _day(year, month, day), p, future))
    if kind == "hol":
        name = _holiday_name(g("hn"))
        if g("hy"):
            day = _holiday(name, int(g("hy")))
            return _absolute(m, day.year, day.month, day.day)
        if not _holiday_ok(text, m.start()):
            return None
        future = p is not None and _is_future(text, m.start(), m.end())
        return _relative(m, p and _nearest_year(lambda year: _holiday(name, year), p, future))
    if kind == "my":
        return DateMention(*m.span(), m.group(), None, (int(g("y3")), _month_number(g("m3"))), False)
    if kind == "mry":
        shift = {"last": -1, "this": 0, "next": 1}[g("ry")]
        return _relative(m, None, p and (p.year + shift, _month_number(g("m4"))))
    if kind == "mm":
        return _relative(m, None, p and _month_of(_month_number(g("m5")), p, g("mmod").lower(), False))
    if kind == "bare":
        if not _bare_month_ok(text, m.start()):
            return None
        future = p is not None and _is_future(text, m.start(), m.end())
        return _relative(m, None, p and _month_of(_month_number(g("m6")), p, None, future))
    if kind == "wd":
        if not _weekday_ok(text, m):
            return None
        mod = g("wmod") and g("wmod").lower()
        future = p is not None and _is_future(text, m.start(), m.end())
        return _relative(m, p and _weekday_of(_WEEKDAYS.index(g("w")), p, mod, future))
    if kind == "deictic":
        if m.group()[0].isupper() and not _SENTENCE_START.search(text, max(0, m.start() - 5), m.start()):
            return None  # a capitalised "Today" mid-sentence is a name: "USA Today", "Entertainment Tonight"
        return _relative(m, p and p + timedelta(_DEICTIC_DAYS[m.group().lower()]))
    if kind == "yr":
        return _relative(m, None, p and (p.year + {"last": -1, "this": 0, "next": 1}[g("ywhich").lower()], None))
    which = (g("pmod") or g("pwhich")).lower()
    return _relative(m, None, p and _period_month(g("unit").lower(), which, p))


def _absolute(m: re.Match[str], year: int, month: int, day: int) -> DateMention | None:
    d = _day(year, month, day)
    return DateMention(*m.span(), m.group(), d, (year, month), False) if d else None


def _relative(m: re.Match[str], value: date | None, month: tuple[int, int | None] | None = None) -> DateMention:
    if value and not month:
        month = (value.year, value.month)
    return DateMention(*m.span(), m.group(), value, month, True)


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_number(token: str) -> int:
    return int(token.rstrip("stndrh"))


def _month_number(token: str) -> int:
    return [name[:3] for name in _MONTHS].index(token[:3]) + 1


def _nearest_year(day_in: Callable[[int], date | None], p: date, future: bool) -> date | None:
    """Of the days `day_in` gives for the year before `p`'s, its own and the next, the one nearest to `p`, days
    against the clause's tense counting double; None when it gives none ("Feb 29")."""

    def cost(d: date) -> int:
        delta = (d - p).days
        return abs(delta) * (2 if (delta < 0 if future else delta > 0) else 1)

    days = [d for year in (p.year - 1, p.year, p.year + 1) if (d := day_in(year))]
    return min(days, key=cost, default=None)


def _holiday_name(words: str) -> str:
    """ "new year's eve" for "New Year’s  Eve": the key of `_HOLIDAYS`."""
    return " ".join(words.lower().replace("’", "'").split())


def _holiday(name: str, year: int) -> date:
    """The day of a holiday of `_HOLIDAYS`, or Thanksgiving Day's: the fourth Thursday of November."""
    if name in _HOLIDAYS:
        return date(year, *_HOLIDAYS[name])
    month, weekday, nth = _THANKSGIVING
    first = date(year, month, 1)
    return first + timedelta((weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _weekday_of(weekday: int, p: date, mod: str | None, future: bool) -> date:
    back, ahead = (p.weekday() - weekday) % 7, (weekday - p.weekday()) % 7
    if mod == "last":
        return p - timedelta(back or 7)
    if mod == "next":
        return p + timedelta(ahead or 7)
    return p + timedelta(ahead) if future else p - timedelta(back)


def _month_of(month: int, p: date, mod: str | None, future: bool) -> tuple[int, int]:
    if mod == "last":
        return (p.year - (month >= p.month), month)
    if mod == "next":
        return (p.year + (month <= p.month), month)
    if mod == "this":
        return (p.year, month)
    return (p.year + (month < p.month), month) if future else (p.year - (month > p.month), month)


def _period_month(unit: str, which: str, p: date) -> tuple[int, int] | None:
    if unit == "month":
        index = p.year * 12 + p.month - 1 + {"last": -1, "next": 1}.get(which, 0)
        return (index // 12, index % 12 + 1)
    monday = p - timedelta(p.weekday())
    first, last = {
        "last": (monday - timedelta(7), monday - timedelta(1)),
        "next": (monday + timedelta(7), monday + timedelta(13)),
        "earlier": (monday, p),
        "later": (p, monday + timedelta(6)),
    }.get(which, (monday, monday + timedelta(6)))
    return (first.year, first.month) if (first.year, first.month) == (last.year, last.month) else None


def _holiday_ok(text: str, start: int) -> bool:
    """True when a cue says the holiday is a day ("on Christmas Day"), outside a quoted title ("I Heard the Bells on
    Christmas Day")."""
    if not _DAY_CUE.search(text, max(0, start - 10), start):
        return False
    first, last = text.rfind("\n", 0, start) + 1, text.find("\n", start)  # the line it is on
    quoted = _QUOTED.finditer(text, first, len(text) if last < 0 else last)
    return not any(m.start() < start < m.end() and _title_case(m.group(1)) for m in quoted)


def _title_case(words: str) -> bool:
    """True when every word of more than three letters is capitalised, as in a title."""
    long = [w for w in re.findall(r"[^\W\d_]+", words) if len(w) > 3]
    return bool(long) and all(w[0].isupper() for w in long)


def _bare_month_ok(text: str, start: int) -> bool:
    return bool(_BARE_MONTH_CUE.search(text, max(0, start - 10), start))


def _weekday_ok(text: str, m: re.Match[str]) -> bool:
    """False for a weekday inside a name ("Black Friday", "Sunday Times", "Monday Night Football") or one of a
    month's ("the last Sunday in March")."""
    start = m.start()
    if _NOT_A_DAY.search(text, max(0, start - 12), start) or _OF_A_MONTH.match(text, m.end()):
        return False
    return not _NAME_FOLLOWS.match(text, m.end()) or bool(_ON_BEFORE.search(text, max(0, start - 4), start))


def looks_ahead(sentence: str) -> bool:
    """True when a sentence speaks only of what is to come: a word of the future or of what may yet be ("will", "is
    set to", "could") and no verb in the past tense ("It will continue into the championship game")."""
    return bool(_FUTURE.search(sentence)) and not _PAST.search(sentence)


def _is_future(text: str, start: int, end: int) -> bool:
    """Whether the clause leading up to the expression speaks of the future; when the expression opens its
    clause ("On Tuesday, ..."), the rest of the sentence up to its first past-tense verb decides."""
    head = _CLAUSE_BREAK.split(text[max(0, start - 300) : start])[-1]
    if len(_WORD.findall(head)) <= 1:
        head = _PAST.split(_SENTENCE_BREAK.split(text[end : end + 300])[0], 1)[0]
    return bool(_FUTURE.search(head))
