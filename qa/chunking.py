"""Sentence-aware chunks that keep character offsets into the cleaned article text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from qa.corpus import Article

_PARAGRAPH = re.compile(r"[^\n]+")
# Abbreviations common in news that Punkt's English model does not know: "No. 17 Arizona", "Gov. Newsom".
_ABBREVIATIONS = {"no", "nos", "gov", "govt", "sgt", "capt", "cmdr", "lt", "supt", "dept", "pres", "atty", "rev", "hon"}
_ABBREVIATIONS |= {"apr", "jun", "jul", "mt", "est", "approx", "vol", "fig"}
# Punkt still ends a sentence after initials and titles it knows when a name follows: "C.J. Stroud", "Warner Bros.
# Discovery", "K.O. II", a quoted "Mr. Irrelevant". There a capitalised word that is no stop word goes on the name.
_NAME_STOP = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|St|Bros|Jr|Sr)\.)[\"'“”‘’]?$")
_NAME_GOES_ON = re.compile(r"^[\"'“”‘’]?([A-Z][\w'’-]*)")


@dataclass(frozen=True)
class Chunk:
    """A run of whole sentences: `article.text[start:end] == text`."""

    text: str
    article: Article
    start: int
    end: int
    index: int

    @property
    def id(self) -> str:
        """A stable id: the article's path and the chunk's place in it."""
        return f"{self.article.path}#{self.index}"


@cache
def nltk_data() -> None:
    """Point NLTK at the data that ships inside llama-index-core (Punkt, stop words): it never downloads."""
    import llama_index.core
    import nltk

    nltk.data.path.insert(0, str(Path(llama_index.core.__file__).parent / "_static" / "nltk_cache"))


@cache
def stop_words() -> frozenset[str]:
    """NLTK's English stop words ("the", "he", "but"), but for "won", which it lists as the stem of "won't" and is a
    word of its own ("Michigan won")."""
    nltk_data()
    from nltk.corpus import stopwords

    return frozenset(stopwords.words("english")) - {"won"}


@cache
def _punkt():
    from nltk.tokenize.punkt import PunktTokenizer

    nltk_data()
    tokenizer = PunktTokenizer("english")
    tokenizer._params.abbrev_types.update(_ABBREVIATIONS)  # Punkt's parameters have no public setter
    return tokenizer


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence in `text`; a sentence never spans two lines."""
    punkt = _punkt()
    spans: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        base, first = para.start(), len(spans)
        for s, e in punkt.span_tokenize(para.group()):
            if len(spans) > first and _name_goes_on(text[spans[-1][0] : spans[-1][1]], text[base + s : base + e]):
                spans[-1] = (spans[-1][0], base + e)
            else:
                spans.append((base + s, base + e))
    return spans


def _name_goes_on(sentence: str, following: str) -> bool:
    """True when Punkt cut a name after its initials or title: "Texans QB C.J." + "Stroud threw for 300 yards."."""
    word = _NAME_GOES_ON.match(following)
    return bool(_NAME_STOP.search(sentence) and word and word.group(1).lower() not in stop_words())


def split(article: Article, max_words: int) -> list[Chunk]:
    """Cut an article into chunks of whole sentences, each at most `max_words` words (a longer sentence
    stands alone: a sentence is never cut)."""
    chunks: list[Chunk] = []
    group: list[tuple[int, int]] = []
    words = 0

    def close() -> None:
        start, end = group[0][0], group[-1][1]
        chunks.append(Chunk(article.text[start:end], article, start, end, len(chunks)))

    for start, end in sentence_spans(article.text):
        n = len(article.text[start:end].split())
        if group and words + n > max_words:
            close()
            group, words = [], 0
        group.append((start, end))
        words += n
    if group:
        close()
    return chunks
