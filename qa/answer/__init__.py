"""Answers and their citations, and the protocol every answerer follows."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Protocol

from qa.retrieve import Passage


@dataclass(frozen=True)
class Citation:
    """A verbatim quote: `quote == cleaned_text[start:end]` of the article named by `source` (its file name)."""

    n: int
    source: str
    title: str
    published: date | None
    quote: str
    start: int
    end: int
    score: float
    publisher: str | None = None
    published_inferred: bool = False


@dataclass(frozen=True)
class Answer:
    """An answer of one to three sentences, each carrying [n] markers for its citations."""

    question: str
    text: str
    citations: tuple[Citation, ...] = ()
    abstained: bool = False
    backend: str = "extractive"
    notices: tuple[str, ...] = ()
    passages: tuple[Passage, ...] = ()
    debug: dict[str, Any] = field(default_factory=dict)
    final: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain JSON-ready data."""
        return {
            "question": self.question,
            "text": self.text,
            "abstained": self.abstained,
            "backend": self.backend,
            "notices": list(self.notices),
            "citations": [
                {**asdict(c), "published": c.published.isoformat() if c.published else None} for c in self.citations
            ],
            "passages": [
                {
                    "source": p.article.path,
                    "title": p.article.title,
                    "start": p.start,
                    "end": p.end,
                    "score": p.score,
                    "text": p.text,
                }
                for p in self.passages
            ],
            "debug": self.debug,
        }


def nearest_note(citations: tuple[Citation, ...] | list[Citation]) -> str:
    """What an abstention adds after saying the articles do not say: " The nearest passages are cited [1][2]."."""
    marks = "".join(f"[{c.n}]" for c in citations)
    return f" The nearest passages are cited {marks}." if marks else ""


class Answerer(Protocol):
    """Turns a question and its retrieved passages into a cited answer."""

    name: str

    def answer(self, question: str, passages: list[Passage]) -> Answer:
        """A cited answer, or an abstention that shows the nearest passages."""
        ...
