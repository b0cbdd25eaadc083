"""Builds and verifies citations: the only place a quote is made, and the last check before an answer leaves."""

from __future__ import annotations

import re
from dataclasses import replace

from qa.answer import Answer, Citation
from qa.corpus import Article

_MARKER = re.compile(r"\[(\d+)\]")


def make_citation(n: int, article: Article, start: int, end: int, score: float) -> Citation:
    """A citation whose quote is read from the cleaned article, never written."""
    return Citation(
        n=n,
        source=article.path,
        title=article.title,
        published=article.published,
        quote=article.text[start:end],
        start=start,
        end=end,
        score=round(score, 4),
        publisher=article.source,
        published_inferred=article.published_inferred,
    )


def is_verbatim(citation: Citation, articles: dict[str, Article]) -> bool:
    """True when the quote is exactly the cited article's cleaned text at its offsets."""
    article = articles.get(citation.source)
    return (
        article is not None
        and 0 <= citation.start < citation.end <= len(article.text)
        and article.text[citation.start : citation.end] == citation.quote
    )


def verify(answer: Answer, articles: dict[str, Article]) -> Answer:
    """Drop every citation whose quote is not verbatim, with its [n] markers, and say so in the notices."""
    bad = {c.n for c in answer.citations if not is_verbatim(c, articles)}
    if not bad:
        return answer
    text = _MARKER.sub(lambda m: "" if int(m.group(1)) in bad else m.group(0), answer.text)
    notice = f"{len(bad)} citation(s) did not match their article word for word and were removed."
    return replace(
        answer,
        text=text,
        citations=tuple(c for c in answer.citations if c.n not in bad),
        notices=(*answer.notices, notice),
    )
