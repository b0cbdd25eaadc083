"""A candidate answer: one sentence of a retrieved passage (or two, when the second leans on the first through a
pronoun), with the evidence that it answers the question."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from qa.answer.question import WORD, lemma, term_matches, terms
from qa.corpus import Article

# Relevance is a weighted sum of the question's terms the sentence covers and its closeness in meaning.
W_TERMS, W_MEANING = 0.5, 0.5
NEAR_WORDS = 8  # a date, name or number this close to the question's words belongs to what was asked about
_POINTS_BACK = re.compile(r"^(?:\W*\w+\W+){0,3}?(?:he|she|they|it|his|her|their|its|this|these)\b", re.I)
_SETS_AGAINST = re.compile(r"^\W*(?:but|however|yet|still|instead|nevertheless|nonetheless)\b", re.I)
# Words a pronoun says: "“People don’t use Google ...,” he said.", "..., she added."
SAID_BY_PRONOUN = re.compile(
    r"[,”\"]\s+(?:he|she|they)\s+(?:said|says|added|adds|told|wrote|writes|explained|noted|argued|insisted)\b"
)
_THE = re.compile(r"^(?:\W*\w+\W+){0,3}?[Tt]he\s+([a-z]+)\b")  # "According to the expert, ..."


@dataclass
class Candidate:
    """A span of whole sentences of one article, and how well it answers the question."""

    article: Article
    start: int
    end: int
    rank: int
    stems: frozenset[str]
    about: frozenset[str] = frozenset()  # the article's publisher, author and date, as terms
    title: frozenset[str] = frozenset()  # the article's title, as terms
    second: int | None = None  # where its second sentence starts (in the text), when it holds two
    coverage: float = 0.0
    titled: float = 0.0  # credit for names of the question that only its article's title gives
    meaning: float = 0.0
    unnamed: frozenset[str] = frozenset()  # the question's names its context does not mention
    said_as: frozenset[str] = frozenset()  # its terms that say words of the question in other words ("income")
    counted_as: frozenset[str] = frozenset()  # its terms for what a "how many" question counts ("organizations")
    kinds: tuple[tuple[str, str], ...] = ()
    measured: bool = False  # it gives an amount next to the measure asked for ("revenue of $9.3 billion")
    post: float = 0.0  # how close what it calls a person it names is to the post the question names
    quoted: float = 0.0  # the share of the words the question quotes that it says as quoted
    score: float = 0.0
    _words: list[tuple[int, str, list[str]]] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        """The candidate's words, read from the cleaned article."""
        return self.article.text[self.start : self.end]

    @property
    def first(self) -> str:
        """Its first sentence: all of its text when it holds one."""
        return self.text if self.second is None else self.text[: self.second]

    @property
    def covered(self) -> frozenset[str]:
        """The terms the candidate covers: its own words and what its article says about itself."""
        return self.stems | self.about

    @property
    def relevance(self) -> float:
        """How well it answers, from the words it shares with the question and its closeness in meaning."""
        return W_TERMS * self.coverage + W_MEANING * self.meaning

    @property
    def words(self) -> list[tuple[int, str, list[str]]]:
        """Each word of the candidate: its offset in the text, the word, and its terms (none for a stop word)."""
        if self._words is None:
            self._words = [(m.start(), m.group(), terms(m.group())) for m in WORD.finditer(self.text)]
        return self._words

    @cached_property
    def lemmas(self) -> list[str]:
        """Its words that are not stop words, each in its dictionary form, once (in order of the alphabet)."""
        return sorted({lemma(word) for _, word, found in self.words if found})

    def near(self, offset: int, question_terms: tuple[str, ...], window: int = NEAR_WORDS) -> bool:
        """True when one of the question's terms stands within `window` words of `offset` (in the text)."""
        at = sum(start < offset for start, _, _ in self.words)
        return any(
            abs(at - i) <= window
            for i, (_, _, stems) in enumerate(self.words)
            if any(term_matches(t, stems) for t in question_terms)
        )


def leans_back(text: str, before: str = "", new_paragraph: bool = False) -> bool:
    """True when a sentence opens by pointing back to the one before ("On Thursday, he described them ...", or
    "According to the expert, ..." after one that names "an expert") or by setting itself against it ("But at that
    time, the Kremlin did not confirm it"). A pronoun that opens a paragraph may point further back: there, only
    the other two tie the sentence to the one before."""
    the = _THE.match(text)
    if _SETS_AGAINST.match(text) or (the and set(terms(the.group(1))) & set(terms(before))):
        return True
    return not new_paragraph and bool(_POINTS_BACK.match(text))
