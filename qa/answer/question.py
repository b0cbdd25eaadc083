"""What a question asks: its key terms (stemmed), the names and numbers it hinges on, and the kind of answer
it wants (a person for "who", a date for "when", a place for "where", a number for "how many")."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from typing import NamedTuple

from qa.chunking import sentence_spans, stop_words
from qa.dates import QUARTER_ORDINALS, TIME_UNITS, DateConstraint, find_dates, parse_question_dates

INITIALISM = re.compile(r"\b[A-Z]{2,6}\b")  # a word of capitals that may stand for a name's initials
NAME_WORD = re.compile(r"\b[A-Z][\w’'.-]*")  # a word that may be (part of) a name: "Wembanyama", "Son-hui"
WORD = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z0-9]+(?:['’][A-Za-z]+)?")  # "U.S." is one word
_HOW_LONG = rf"how (?:long|many (?:{'|'.join(unit + 's' for unit in TIME_UNITS)}))\b"
_RELATIVE = r" (?:before|after|ago|since|later|earlier)\b"
_HEDGE = r"(?-i:[a-z]+ly\s+)?"  # an adverb before the question word: "roughly how many", "exactly when"
EXACT = r"(?:(?:exact|precise|specific|particular|actual)\s+)?"  # "On what exact day ...?" asks for a day
# Words that say what kind of answer is wanted, and the entity kinds that can supply it.
_TYPE_WORDS = [
    (r"how many\b|what number\b", "NUMBER"),
    (r"how old\b|(what|which) age\b|at what age\b", "AGE"),
    (r"how much\b|what (percentage|share|amount)\b", "AMOUNT"),  # money, a percentage, a quantity
    # "What did Chelsea pay to sign Palmer?" asks how much
    (r"what\s+(?:did|does|do|will|would)\b[^?]{0,60}?\b(?:pay|spend|charge|cost|earn|raise|fetch)\b", "AMOUNT"),
    # "How long before the trip ...?" is answered by when it was ("in July 2000"); "How long did it last?" not
    (rf"when\b|(what|which) {EXACT}(date|day|time|year|month)\b|" + _HOW_LONG + _RELATIVE, "DATE"),
    (r"(?:for )?" + _HOW_LONG + "(?!" + _RELATIVE + ")", "DURATION"),
    (r"who(m|se)?\b", "PERSON"),
    (r"where\b", "PLACE"),
    (r"why\b", "REASON"),
    # the words someone used: "What words did the Kremlin use ...?", "How did the White House describe ...?"
    (
        rf"(?:what|which)\s+{EXACT}(?:words?|phrases?|terms?|expressions?)\b"
        r"|how\s+(?:did|does|do|has|have|was|were|is)\b[^?]{0,80}?\b(?:describe|call|characteri[sz]e|label|dub|term)"
        r"|what\s+(?:did|does|do|has|have)\b[^?]{0,60}?\bcall\b",
        "QUOTE",
    ),
]
_PREPOSITIONS = (
    "in|on|at|from|to|by|for|of|since|until|under|with|into|about|after|before|during|against|over|through|between"
    "|among|within|without|across|behind|toward|towards|per|via"
)
# A question word asks for something where it opens the question, one of its parts or a sentence of it ("Who met
# Putin and when?"), not inside a clause ("Who greeted her when she arrived?").
_ASKS = r"(?:^|\band\s+|\bor\s+|[,;:]\s*|[.!?]\s+)" + rf"(?:(?:{_PREPOSITIONS})\s+)?" + _HEDGE
_TYPES = [(re.compile(_ASKS + pattern, re.I), kind) for pattern, kind in _TYPE_WORDS]
# A clause that opens the question to say when, before the question word: "When Choe landed, what did Peskov say?"
# asks what, not when ("When did Choe land, and what ...?" asks both).
_TIME_CLAUSE = re.compile(
    r"^\s*(?:when|while|after|before|once|as\s+soon\s+as)\s+(?!(?:did|does|do|is|was|were|are|will|would|has|have|had|"
    r"can|could|should|may|might)\b)[^,?]+,\s*(?=(?:what|which|who|whom|whose|where|why|how)\b)",
    re.I,
)
# Words that frame what is asked rather than say what it is about: "What position does X hold?" asks for X's
# title, which the articles give without the word "position"; "How long did the meeting last?" asks its length.
_FRAME = re.compile(
    r"\b(?:what|which)\s+(?:kind|type|sort)\s+of\b|\bhow\s+(?:many|much|long)\b"
    r"|(?<=what )(?:position|post|role|title|job)\b|(?<=which )(?:position|post|role|title|job)\b"
    r"|(?<=['’]s )(?:position|post|role|title|job)\b|\b(?:hold|have|play|fill|occupy|last)(?=\s*\?\s*$)"
    # the articles themselves: "according to the coverage", "going by the reports" (before the bare "according to",
    # which would otherwise match first and leave "the coverage" a content word)
    r"|\b(?:according\s+to|going\s+by|in|from)\s+the\s+(?:coverage|reports?|reporting|articles?|sources?|stories)\b"
    r"|\baccording\s+to\b|\b(?:as\s+)?reported\s+by\b"  # who said it is the outlet's name, not these words
    r"|(?<=what )(?:happened|happens|occurred|occurs)\b",  # "What happened in July 2000?" asks for the event itself
    re.I,
)
# Nouns that name the kind of answer wanted: "which city" asks for a place, as "where" does.
_KIND_NOUNS = {
    "PLACE": "city town village country nation state capital region province place location venue airport port "
    "island district",
    "PERSON": "person people man woman official leader minister expert analyst specialist spokesman spokesperson "
    "spokeswoman president diplomat envoy ambassador executive founder player coach author journalist reporter "
    "politician lawmaker senator judge chief member",
    "ORG": "company firm organization organisation agency paper newspaper daily outlet publication body ministry "
    "department government party group team club bank startup university network channel broadcaster",
    "DATE": "date day week month year",
    "NUMBER": "number figure total",
    "AMOUNT": "amount percentage share price cost rate",
    "SCORE": "score scoreline",
}
_KIND_OF = {noun: kind for kind, nouns in _KIND_NOUNS.items() for noun in nouns.split()}
# A noun of a person by what they do: "economist", "novelist", "historian"; not a list ("playlist", "shortlist")
_AGENT = re.compile(r"\w{3,}(?<![^aeiou]l)ist|\w{4,}ian")
ORG_WORDS = _KIND_NOUNS["ORG"] + " news association council committee"  # words of an organisation's name
# Nouns of a measure: "what revenue" asks for an amount, and the article gives it as revenue, so the noun is still
# looked for (unlike "which city", answered by "Moscow").
_MEASURE_NOUNS = {
    "AMOUNT": "revenue value valuation fine fee salary budget sales profit loss funding capacity worth income debt",
    "NUMBER": "tally count attendance turnout population audience viewership",
}
_MEASURE_OF = {noun: kind for kind, nouns in _MEASURE_NOUNS.items() for noun in nouns.split()}
# A rate asked for: "per share", "a monthly price", "an annual rate" (not "Per Business Line", who reports it); the
# terms that say it in an answer.
_RATE = re.compile(r"\bper\s+((?-i:[a-z]+))|\b(daily|weekly|monthly|yearly|annual|hourly)\b", re.I)
_RATE_TERMS = {"daily": ("day", "daili"), "annual": ("year", "annual"), "yearly": ("year", "annual")}
# A question about what is still to come: "When will Putin visit?", "When is the trial scheduled to begin?"
_AHEAD = re.compile(
    r"^\W*will\b|\b(?:(?-i:will)|shall|going\s+to|upcoming)\b"
    r"|\b(?:is|are)\s+[^?]{0,60}?\b(?:scheduled|slated|set|due)\s+to\b",
    re.I,
)
# "What was Cleveland's record?" asks for a win-loss record ("a 921-757 record"); "What record did she set?" a feat
_STANDING = re.compile(r"\bwhat\s+(?:is|was|are|were)\b", re.I)  # "What's" is spelled out first
_OF_NOUNS = {"name", "kind", "type", "sort"}  # "the name of the treaty" asks about the treaty
# Nouns answered by what they name, which need not use the noun: a title ("What role ..."), words ("What word ...").
_CONTENT_NOUNS = {"position", "post", "role", "title", "job", "word", "term", "phrase", "expression", "message"}
_COPULA = {"is", "was", "are", "were"}
# Verbs (as terms) that say little of what happened: "Who said that?" is about what was said, in whatever words;
# "Who became CEO?" about the post. ("do" and "have" are stop words: they have no term.)
_LIGHT_VERBS = {"say", "tell", "make", "get", "take", "go", "becom", "give", "hold", "put"}
# and verbs of holding a view (as stems): a report gives one in many ways ("the opinion of Konstantin Asmolov")
_LIGHT_VERBS |= {"think", "believ", "feel", "consid", "reckon", "argu", "claim", "suggest"}
# A date that frames the question rather than being asked about: a point it counts from or to ("after going back at
# 2am on 29 October 2023", "before Choe's January 2024 trip"), or the date of the report it cites ("as reported by
# TechCrunch in November 2023", "Fox News's December 2023 piece").
_FROM_OR_TO = re.compile(r"\b(?:after|before|since|until|till|following|prior\s+to|ahead\s+of)\b[^,;?]*$", re.I)
_REPORTED_IN = re.compile(r"\b(?:as\s+reported|according\s+to|published|wrote|writes)\b[^,;?]{0,40}$", re.I)
# Nouns for a report: "TechCrunch's November 2023 roundup", "the Herald's late-September market report".
REPORT_NOUNS = "piece|article|report|story|interview|column|preview|review|analysis|coverage|write-up|roundup|account"
_REPORT_NOUN = re.compile(rf"^\W*(?:{REPORT_NOUNS})\b", re.I)
# A date after these words, in the same clause, is one of what may yet happen ("where the war might go in 2024");
# after "by", a deadline ("tripling capacity by 2030").
_FORESEEN = re.compile(
    r"\b(?:might|could|would|will|may|should|expected\s+to|set\s+to)\b[^,;?]*$|\b(?:by|until)\s+$", re.I
)
_IDENTITY = re.compile(r"^\s*[Ww]ho\s+(?:is|was|are|were)\s+[A-Z]")  # "Who is <a name>?"
# "Who is Pranay Vaddi?", "What is KCNA?", "What post does Pak Chol-jun hold?", "What is Topeha's role?": what the
# articles call the one named (a title, an apposition), in words the question need not share.
_ROLE = re.compile(
    r"^\s*(?:[Ww]ho|[Ww]hat)\s+(?:is|was|are|were)\s+(?:the\s+)?(?:[A-Z][\w'’.&-]*\s*)+\??\s*$"
    r"|\b(?:[Ww]hat|[Ww]hich)\s+(?:position|post|role|title|job)\b"
    r"|['’]s\s+(?:position|post|role|title|job)(?=\s*[?,]|\s*$|\s+(?:at|in|on|with|of|for|during|before|after)\b)"
)  # not "Morrell's title defence"
# "Who is North Korea's top diplomat?", "Who heads the foreign ministry?": a "who" question that names a post, to be
# matched against what the articles call each person ("North Korean Foreign Minister Choe Son-hui").
_LEADS = (  # verbs of holding a post
    r"(?:runs?|ran|heads?|headed|leads?|led|chairs?|chaired|directs?|directed|oversees?|oversaw|manages?|managed"
    r"|commands?|commanded|coach(?:es|ed)?)\s"
)
_POST = re.compile(
    rf"^\s*[Ww]ho\s+(?:(?:is|was|are|were)\s+(?=[^?]*\s(?-i:[a-z]{{3,}})\b)|(?={_LEADS}))(.+?)\??\s*$", re.I
)
_QUARTER = re.compile(r"[Qq]([1-4])")
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,}")
_TOKEN = re.compile(r"[A-Za-z0-9][\w'’-]*")  # a word with its hyphenated parts: "Son-hui"
_ANCHOR_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
_QUOTES = " '‘’\"“”"  # marks around a name, or after it for a plural owner
# Words in quotation marks: an opening mark after a space (not the apostrophe of "Choe's"), a closing one before one
_QUOTED = re.compile(r"""(?:^|(?<=[\s(]))['‘"“]([^'’"”]{2,80}?)['’"”](?=[\s,.?!;:)]|$)""")
_TRAILING_SCORE = re.compile(r"\s+\d+[-–]\d+$")  # "Bayern Munich 5-1": a score, no part of the name
# Names an answer must be about, as against places ("Moscow" for Russia) which reports often name another way.
_NAME_LABELS = {"ORG", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
# A question word that opens the question or one of its parts ("According to CNBC, how much ...").
_WH = re.compile(_ASKS + r"(who|whom|whose|what|when|where|which|why|how)\b", re.I)
_OUTLET = re.compile(
    r"\b(?:which|what)\s+(?:news\s+)?(?:agency|agencies|outlets?|publications?|newspapers?|papers?|sites?|websites?"
    r"|broadcasters?|magazines?|wire\s+services?)\b",
    re.I,
)
_A_KIND_OF = re.compile(r"\b(?:kind|type|sort)s?\s+of\b", re.I)  # one of that kind, whatever the articles call it
# "which pundit" picks one the articles name; "at what rate" asks how, and its noun only frames the answer.
_PREPOSITION = re.compile(rf"\b(?:{_PREPOSITIONS})\s+$", re.I)  # "By what score ...": it goes with the question
_PICK = re.compile(r"\b(?:(at|in|on|by|for|to|from|with|of)\s+)?(what|which)\b", re.I)


@cache
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def lemma(word: str) -> str:
    """The dictionary form of a word, lower-cased: "returned" is "return", "shells" is "shell"."""
    import simplemma

    return simplemma.lemmatize(word.lower(), lang="en").lower()


def _english(word: str) -> bool:
    """True for a lower-case word of the English dictionary: "born", not "hui"."""
    import simplemma

    return word.islower() and simplemma.is_known(word, lang="en")


def terms(text: str) -> list[str]:
    """The content words of `text` as stems of their lemmas ("met" and "meeting" both "meet"), in order; stop
    words dropped."""
    stop = stop_words()
    lemmas = []
    for word in WORD.findall(text):
        if quarter := _QUARTER.fullmatch(word):  # "Q3" is the third quarter
            lemmas += [QUARTER_ORDINALS[int(quarter.group(1)) - 1], "quarter"]
            continue
        if _ACRONYM.fullmatch(word):  # "US" and "U.S." are the country, never the pronoun "us"
            lemmas.append(word.replace(".", "").lower())
            continue
        word = word.lower().replace("’", "'")
        if word.endswith("n't"):  # "won't", "don't": a negation, a stop word whatever its stem
            continue
        word = word.split("'")[0]
        if word not in stop and len(word) > 1 or word.isdigit():
            lemmas.append(lemma(word))
    return _stemmer().stemWords(lemmas)


def inside(at: int, spans: Iterable[tuple[int, int]]) -> bool:
    """True when the offset `at` falls within one of the (start, end) spans."""
    return any(start <= at < end for start, end in spans)


def said_at(text: str, wanted: Iterable[str]) -> list[int]:
    """The offsets of the words of `text` that say one of the `wanted` terms (see `term_matches`)."""
    wanted = tuple(wanted)
    return [m.start() for m in WORD.finditer(text) if any(term_matches(t, terms(m.group())) for t in wanted)]


def term_matches(term: str, vocabulary: Iterable[str]) -> bool:
    """True when `term` or a word sharing its stem prefix ("korea" ~ "korean") is in the vocabulary."""
    for word in vocabulary:
        if word == term or (min(len(word), len(term)) >= 4 and (word.startswith(term) or term.startswith(word))):
            return True
    return False


def initials(words: tuple[str, ...], text: str) -> bool:
    """True when the text has an acronym of the name's words: "DOJ" for "the US Justice Department"."""
    letters = {w[0].lower() for w in words}
    return any(
        set(a.lower()) - set("oatf") <= letters and len(set(a.lower()) & letters) >= 2 for a in INITIALISM.findall(text)
    )


def names_one(name: Collection[str], vocabulary: Collection[str]) -> bool:
    """True when the vocabulary has a part of a name of several parts ("kim" of "Kim Jong-un"), not counting
    parts of two letters, which other words share ("un" of "Jong-un" and "the UN")."""
    return any(term_matches(t, vocabulary) for t in name if len(t) > 2 or len(name) == 1)


class Name(NamedTuple):
    """A name the question holds other than a person's (an organisation, product, event, law, place) or a number."""

    text: str  # as the question writes it: "the US Justice Department"
    words: tuple[str, ...]  # its words: ("the", "US", "Justice", "Department")
    stems: tuple[str, ...]  # its terms: ("us", "justic", "depart")


@dataclass(frozen=True)
class Question:
    """A question taken apart: its terms, the anchors (names, numbers, months) and the answer types wanted."""

    text: str
    terms: tuple[str, ...]
    anchors: frozenset[str]
    people: tuple[Name, ...]
    names: tuple[Name, ...]
    types: frozenset[str]
    wh: bool
    dates: tuple[DateConstraint, ...] = ()
    focus: str | None = None  # the noun a what/which/how-many question asks about ("What gift": "gift")
    focus_kind: str | None = None  # the kind of answer that noun names ("which city": PLACE)
    picks: bool = False  # "which pundit", "at what rate": the articles need not use the noun for the answer
    measures: bool = False  # the focus is a measure ("what revenue"): an amount of it is asked for
    ahead: bool = False  # it asks about what is still to come ("When will Putin visit?")
    past: bool = False  # it asks about what has happened ("How many points did they get back?")
    per: tuple[str, ...] = ()  # the terms of the unit a rate is asked per: "per share", "monthly", "annual"
    event: str | None = None  # the term of the question's main verb: "hire" in "Who did X hire as coach ...?"
    speaker: str | None = None  # who it asks to have said something: "What did Jo Chun Ryong say ...?"
    post: str | None = None  # the post a "who" question names: "North Korea's top diplomat", "heads the ministry"
    places: tuple[Name, ...] = ()  # the places it names
    dated: tuple[tuple[int, int], ...] = ()  # where in its text it names dates ("in January 2024")
    framing: tuple[DateConstraint, ...] = ()  # its dates that frame it rather than being asked about (see _frames)
    foreseen: tuple[DateConstraint, ...] = ()  # its dates of what may yet happen, or deadlines (see _FORESEEN)
    quoted: tuple[str, ...] = ()  # the words it quotes: "Who called the cooperation 'unprecedented'?"

    @cached_property
    def happened(self) -> tuple[DateConstraint, ...]:
        """Its dates of what it asks about: not those that frame it, nor those of what may yet happen."""
        return tuple(d for d in self.dates if d not in self.framing + self.foreseen)

    @cached_property
    def focus_term(self) -> str | None:
        """The focus noun as a term (its stem), to match against the terms of a sentence."""
        return next(iter(terms(self.focus)), None) if self.focus else None


def analyse(question: str) -> Question:
    """Take a question apart into terms, anchors and wanted answer types. Anchors are what the answer must be
    about: named entities (not nationalities: "American" may be said as "White House"; not dates), other
    capitalised words past the first, and numbers."""
    from qa.answer.entities import asks_said, main_verb, named_entities, past_tense, tagged

    # the small model may take a score or a range into the name before it
    entities = [(label, _TRAILING_SCORE.sub("", text), at) for label, text, at in named_entities(question)]
    adjectives = {w for label, text, _ in entities if label == "NORP" for w in text.split()}
    anchors = {t for label, text, _ in entities if label in _ANCHOR_LABELS for t in terms(text)}
    # Dates are not anchors: an article is about a day without writing it out (its publication date, "on
    # Tuesday"); retrieval matches the dates a question names against the days the articles are about.
    dates = [(m.start, m.end) for m in find_dates(question, None)]
    numbers: list[str] = []
    acronyms: list[str] = []
    tagged_spans = [(at, at + len(text)) for _, text, at in entities]
    starts = {start for start, _ in sentence_spans(question)}  # a capital there opens a sentence, names nothing
    for token in _TOKEN.finditer(question):
        word = token.group()
        if _ACRONYM.fullmatch(word) and not inside(token.start(), tagged_spans):
            acronyms.append(word)  # "YNAB" is a name though the small model tags it as none
        if inside(token.start(), dates):
            continue
        opens = token.start() in starts  # "... under way? Give both dates.", not "the U.S. Navy"
        proper = not opens and word[0].isupper() and word not in adjectives and word.lower() not in stop_words()
        if proper:  # of "Cameroon-born" only "Cameroon" is a name; "Son-hui" is one whole
            anchors.update(terms(" ".join(p for p in word.split("-") if not _english(p))))
        elif word.isdigit():
            anchors.update(terms(word))
        if word.isdigit():
            numbers.append(word)
    asking = _TIME_CLAUSE.sub("", question)  # "When Choe landed, what ...?" asks what
    types = frozenset(kind for pattern, kind in _TYPES if pattern.search(asking))
    asked_dates = tuple(d for d in parse_question_dates(question) if d.year or d.month or d.day)
    post = _POST.match(question)
    if post and not re.match(_LEADS, post.group(1), re.I) and tagged(post.group(1))[0][1] in ("VERB", "AUX"):
        post = None  # "Who was named MVP?" asks who was named, not who holds a post called "named MVP"
    if _IDENTITY.match(question) and not post:
        types -= {"PERSON"}  # "Who is Konstantin Asmolov?" asks what he is, not for another person
    if anchors and _ROLE.search(question):
        types |= {"ROLE"}
    noun = focus_noun(question)
    verb = main_verb(from_question_word(question))  # not "accord" in "According to CNBC, who ...?"
    kind = _KIND_OF.get(noun) or ("PERSON" if noun and _AGENT.fullmatch(noun) else None)
    if noun == "record" and _STANDING.search(question):
        kind = "SCORE"
    if "NUMBER" in types and kind in ("PERSON", "ORG", "PLACE"):  # "How many organisations ...?" counts them
        kind = None
    pick = _PICK.search(question) if noun else None
    picks = bool(pick and (pick.group(1) or pick.group(2).lower() == "which"))
    if picks and not pick.group(1) and kind is None and noun not in _MEASURE_OF:
        types |= {"NAME"}  # "Which creator streamed it?" asks for a name the articles give that noun
    picks = picks or bool(_A_KIND_OF.search(question))  # "What kind of site?": "the Vostochny spaceport"
    wanted = {kind, _MEASURE_OF.get(noun)} - {None}
    ahead = bool(_AHEAD.search(question))
    if "DURATION" in types:  # "how many years" is answered by "seven years", a length of time: no count, no date
        types -= {"NUMBER"}
        wanted -= {"DATE"}
    return Question(
        text=question,
        terms=tuple(dict.fromkeys(terms(_FRAME.sub(" ", question)))),
        anchors=frozenset(anchors),
        people=tuple(_name(text) for label, text, _ in entities if label == "PERSON"),
        names=tuple(_name(text) for label, text, _ in entities if label in _NAME_LABELS and terms(text))
        + tuple(_name(a) for a in acronyms)
        + tuple(Name(n, (n,), (n,)) for n in numbers),
        types=types | wanted,
        wh=bool(_WH.search(question)),
        dates=asked_dates,
        focus=noun,
        focus_kind=kind,
        event=next((t for t in terms(verb or "") if t not in _LIGHT_VERBS), None),
        speaker=None if types or noun is not None else asks_said(from_question_word(question)),
        post=post.group(1) if post else None,
        picks=picks,
        measures=noun in _MEASURE_OF,
        per=_per(question),
        ahead=ahead,
        past=past_tense(question) and not ahead,
        places=tuple(_name(text) for label, text, _ in entities if label in ("GPE", "LOC") and terms(text)),
        dated=tuple(dates),
        framing=tuple(d for d in asked_dates if _frames(question, d.text)),
        foreseen=tuple(d for d in asked_dates if _FORESEEN.search(question.partition(d.text)[0])),
        quoted=tuple(m.group(1) for m in _QUOTED.finditer(question)),
    )


def _frames(question: str, date_text: str) -> bool:
    """True when a date the question names (as `date_text`) is a point it counts from or to, or the date of the
    report it cites, rather than when what it asks about happened."""
    before, _, after = question.partition(date_text)
    return bool(_FROM_OR_TO.search(before) or _REPORTED_IN.search(before) or _REPORT_NOUN.match(after))


def _name(text: str) -> Name:
    """A name as the question writes it, with its words and terms; without the quotation marks or the apostrophe of
    a plural owner the entity model may take in ("'American Pie'", "The Epoch Times' revenue")."""
    text = text.strip(_QUOTES)
    return Name(text, tuple(_TOKEN.findall(text)), tuple(terms(text)))


def _per(question: str) -> tuple[str, ...]:
    """The terms an answer uses for the unit of the rate the question asks for: ("share",) for "price per share",
    ("month",) for "monthly price" ("$1.99 a month", "€9.99/month"), ("year", "annual") for "annual rate"."""
    match = _RATE.search(question)
    if not match:
        return ()
    word = (match.group(1) or match.group(2)).lower()
    return _RATE_TERMS.get(word) or tuple(terms(word))


def asks_outlet(question: str) -> bool:
    """True when the question asks which outlet carried a report: "Which news agency reported Koo's warning?",
    "What site carried it?"."""
    return bool(_OUTLET.search(question))


def from_question_word(question: str) -> str:
    """The question from the question word that opens it or its first part on (with a preposition before it):
    "According to CNBC, how much did shares rise?" gives "how much did shares rise?", "By what score ...?" all of
    it; the question itself when it has none."""
    match = _WH.search(question)
    if not match:
        return question
    before = _PREPOSITION.search(question, 0, match.start(1))  # "By what score ...", "On which day ..."
    return question[before.start() if before else match.start(1) :]


_CONTRACTED = re.compile(r"\b(what|who|where|when|how|why)['’]s\b", re.I)


def spelled_out(question: str) -> str:
    """The question with its question words' contractions written out: "What's the release date?" asks what is."""
    return _CONTRACTED.sub(r"\1 is", question)


GAP_WORDS = 5  # at most this many words after the question words of a part that borrows the verb before it
_PART = re.compile(  # "..., and by what score did they lose?": a preposition may lead the next part
    r"\s*(?:;|,?\s+and\s+(?="
    + rf"(?:(?:{_PREPOSITIONS})\s+(?=wh|how))?"
    + _HEDGE
    + r"(?:who|whom|whose|what|when|where|which|why|how|did|does|do|is|was|were|are|has|have)\b))\s*",
    re.I,
)


def clauses(question: str) -> list[str]:
    """The parts of a question that asks several things: "When did it start, and what did the jury decide?" has
    two; "Who met Putin and when?" has one with words (the bare "when" adds a kind of answer, not a topic)."""
    return [part for part in _PART.split(question) if terms(part)]


_GAP = re.compile(rf"\s*((?:{_PREPOSITIONS})\s+[^,;]+?)\s*\??$", re.I)


def ungapped(part: str, before: str) -> str:
    """A part that repeats the question words of the part before and adds only a phrase of a preposition in place
    of one of that part's, with that part's verb: "how many times against UCLA?" after "How many times was Shedeur
    Sanders sacked against Arizona State" is "How many times was Shedeur Sanders sacked against UCLA?"."""
    said, earlier = part.split(), before.split()
    n = next((i for i, (a, b) in enumerate(zip(said, earlier, strict=False)) if a.lower() != b.lower()), 0)
    gap = _GAP.fullmatch(" ".join(said[n:])) if n else None
    if gap is None or len(gap.group(1).split()) > GAP_WORDS:
        return part
    preposition = gap.group(1).split()[0].lower()
    at = [i for i, w in enumerate(earlier) if i >= n and w.lower() == preposition]
    return " ".join([*earlier[: at[-1]], gap.group(1)]) + "?" if at else part


def focus_noun(question: str) -> str | None:
    """The noun that says what a what/which/how-many question asks for, lower-cased and singular: "gift" in
    "What gift did she give?", "city" in "In which city ...", "treaty" in "What was the name of the treaty ...";
    None when the question names no such noun ("What did she say?") or one answered by what it names ("What role
    ...", "What word ...")."""
    from qa.answer.entities import tagged

    tokens = [(w.lower(), pos) for w, pos in tagged(question)]
    words = [w for w, _ in tokens]
    at = next((i for i, w in enumerate(words) if w in ("what", "which")), None)
    if at is not None:
        at += 1
    elif (
        how := next((i for i, w in enumerate(words[:-1]) if w == "how" and words[i + 1] in ("many", "much")), None)
    ) is not None:
        at = how + 2
    else:
        return None
    if at < len(words) and words[at] in _COPULA:  # "What is the capital of France?"
        at += 1
    noun = None
    while at < len(tokens):
        skipped = []
        while at < len(tokens) and tokens[at][1] in ("DET", "ADJ", "NUM", "PROPN", "PART"):  # "X's annual revenue"
            if tokens[at][1] == "DET" and skipped and tokens[at - 1][1] not in ("DET", "PART"):
                break  # "what is OpenAI worth these days": "these" opens another phrase
            skipped.append(tokens[at][0])
            at += 1
        run = []
        while at < len(tokens) and tokens[at][1] == "NOUN":
            run.append(tokens[at][0])
            at += 1
        if not run:
            # "the largest fine Ofcom can levy": a noun of a kind or measure the tagger read as an adjective
            noun = next((w for w in reversed(skipped) if w in _KIND_OF or w in _MEASURE_OF), noun)
            break
        noun = lemma(run[-1])
        if noun in _OF_NOUNS and at < len(words) and words[at] == "of":
            at += 1
            continue
        break
    return None if noun in _CONTENT_NOUNS or noun in _OF_NOUNS else noun


class TermWeights:
    """Inverse document frequency of stems over the articles: rare words weigh more than common ones."""

    def __init__(self, documents: Iterable[Iterable[str]]) -> None:
        """`documents`: the terms of each article (see `terms`)."""
        self.df: Counter[str] = Counter()
        self.n = 0
        for document in documents:
            self.n += 1
            self.df.update(set(document))

    def share(self, term: str) -> float:
        """The share of the articles that use the stem."""
        return self.df.get(term, 0) / max(self.n, 1)

    def __call__(self, term: str) -> float:
        """The weight of one stem; a stem no article has weighs the most."""
        return math.log(1 + (self.n + 1) / (self.df.get(term, 0) + 0.5))
