"""What a question asks: its key terms (stemmed), the names and numbers it hinges on, and the kind of answer
it wants (a person for "who", a date for "when", a place for "where", a number for "how many")."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
}  # fmt: skip
# Words that say what kind of answer is wanted, and the entity kinds that can supply it.
_TYPES = [
    (re.compile(r"\bhow (many|much)\b|\bwhat (number|percentage|share|amount)\b", re.I), "NUMBER"),
    (
        re.compile(r"\bwhen\b|\bwhat (date|day|time|year|month)\b|\bwhich (date|day|year|month)\b", re.I),
        "DATE",
    ),
    (re.compile(r"\bwho(m|se)?\b", re.I), "PERSON"),
    (re.compile(r"\bwhere\b", re.I), "PLACE"),
    (re.compile(r"\bwhy\b", re.I), "REASON"),
]
_WH = re.compile(r"^\s*(who|whom|whose|what|when|where|which|why|how)\b", re.I)


@cache
def _stopwords() -> frozenset[str]:
    from qa.chunking import nltk_data

    nltk_data()
    from nltk.corpus import stopwords

    return frozenset(stopwords.words("english"))


@cache
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def terms(text: str) -> list[str]:
    """The stemmed content words of `text`, in order (stop words dropped)."""
    stop = _stopwords()
    words = [w.lower().replace("’", "'") for w in WORD.findall(text)]
    words = [w.split("'")[0] for w in words]
    return _stemmer().stemWords([w for w in words if w not in stop and len(w) > 1 or w.isdigit()])


def term_matches(term: str, vocabulary: Iterable[str]) -> bool:
    """True when `term` or a word sharing its stem prefix ("korea" ~ "korean") is in the vocabulary."""
    for word in vocabulary:
        if word == term or (min(len(word), len(term)) >= 4 and (word.startswith(term) or term.startswith(word))):
            return True
    return False


@dataclass(frozen=True)
class Question:
    """A question taken apart: its terms, the anchors (names, numbers, months) and the answer types wanted."""

    text: str
    terms: tuple[str, ...]
    anchors: frozenset[str]
    types: frozenset[str]
    wh: bool


def analyse(question: str) -> Question:
    """Take a question apart into terms, anchors and wanted answer types."""
    words = WORD.findall(question)
    anchors = set()
    for i, word in enumerate(words):
        proper = word[0].isupper() and (i > 0 or not _WH.match(word)) and word.lower() not in _stopwords()
        if proper or word.isdigit() or word.lower() in _MONTHS:
            anchors.update(terms(word))
    types = frozenset(kind for pattern, kind in _TYPES if pattern.search(question))
    return Question(
        text=question,
        terms=tuple(dict.fromkeys(terms(question))),
        anchors=frozenset(anchors),
        types=types,
        wh=bool(_WH.match(question)),
    )


class TermWeights:
    """Inverse document frequency of stems over the articles: rare words weigh more than common ones."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0
        for text in texts:
            self.n += 1
            self.df.update(set(terms(text)))

    def __call__(self, term: str) -> float:
        """The weight of one stem; a stem no article has weighs the most."""
        return math.log(1 + (self.n + 1) / (self.df.get(term, 0) + 0.5))
