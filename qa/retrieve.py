"""Hybrid retrieval: dense (the bundled model, in Chroma) and BM25 (bm25s), fused by reciprocal rank."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import zip_longest
from typing import TYPE_CHECKING

from qa.corpus import Article
from qa.dates import parse_question_dates, publication_days
from qa.embeddings import embed_model

if TYPE_CHECKING:
    from llama_index.core.schema import NodeWithScore

    from qa.store import Store


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk: `article.text[start:end] == text`; `score` is its fused rank score."""

    article: Article
    start: int
    end: int
    score: float

    @property
    def text(self) -> str:
        """The passage's words, read from the cleaned article."""
        return self.article.text[self.start : self.end]

    @property
    def key(self) -> tuple[str, int]:
        """The same passage in any ranking: its article and where it starts."""
        return self.article.path, self.start


BEST = 2  # the passages each retriever ranks highest are kept, however the other ranks them
_SECTION = re.compile(r"\s+[|\-–—:]\s+")  # between a publisher's name and its section or tagline


class Retriever:
    """Searches one store; built once per index state and reused for every question."""

    def __init__(self, store: Store, articles: dict[str, Article], top_k: int) -> None:
        from llama_index.core import VectorStoreIndex
        from llama_index.retrievers.bm25 import BM25Retriever

        self.articles = articles
        self.top_k = top_k
        self.collection = store.collection
        # The names each article's publisher goes by, as words: "the roar sports writers blog", "the roar".
        self._outlets = {a.path: [_words(name) for name in _outlet(a.source)] for a in articles.values()}
        self.pool = pool = max(2 * top_k, 10)  # each retriever offers more than is kept, so fusion has a choice
        dense = VectorStoreIndex.from_vector_store(store.vector_store, embed_model=embed_model()).as_retriever(
            similarity_top_k=pool
        )
        nodes = store.nodes()
        self._retrievers = [dense]
        if nodes:
            self._retrievers.append(BM25Retriever.from_defaults(nodes=nodes, similarity_top_k=min(pool, len(nodes))))

    def search(self, question: str, k: int | None = None) -> list[Passage]:
        """The `k` passages that best match the question, best first. When the question names an outlet ("as
        reported by TechCrunch"), that outlet's articles are also searched on their own and their passages come
        first; when it names a date ("on November 5", "in October 2023"), the articles published then are searched
        on their own too and take every other place (the date may be the event's, reported days later). A question
        of two parts ("..., and how much did Binance pay?") is searched as a whole together with each part, the
        parts' passages taken by turns, and gets twice the passages; a part that names its own outlet (or date) has
        its own searched for it."""
        from qa.answer.question import clauses  # here: qa.answer imports this module

        parts = clauses(question)
        whole = self._ranking(question)
        named = self.named_by(question)
        rankings = []
        for part in parts if len(parts) > 1 else [question]:
            ranking = _fuse(whole, self._ranking(part)) if len(parts) > 1 else whole
            # "which book ..., according to TechCrunch, and how many counts ..., according to The Verge?"
            own = self.named_by(part) if part != question else named
            by_source, by_date = (mine or theirs for mine, theirs in zip(own, named, strict=True))
            if by_date:
                dated = [p for p in _fuse(ranking, self._search_within(part, by_date)) if p.article.path in by_date]
                ranking = _interleave([dated, ranking])
            if by_source:
                ranking = _fuse(ranking, self._search_within(part, by_source))
                ranking.sort(key=lambda p: p.article.path not in by_source)  # stable: fused order otherwise
            rankings.append(ranking)
        # each part's best passages by turns, so that no part is crowded out by the other
        return _interleave(rankings)[: (k or self.top_k) * min(len(parts), 2)]

    def _ranking(self, question: str) -> list[Passage]:
        """Dense and BM25 rankings fused by reciprocal rank, with each one's best passages kept within the first
        `top_k`: a passage only one of them finds ("accompanied" in the words, not the meaning) is not crowded
        out by passages both rank middling."""
        rankings = [self._passages(r.retrieve(question)) for r in self._retrievers]
        return _promote(_fuse(*rankings), [p for ranking in rankings for p in ranking[:BEST]], self.top_k)

    def _passages(self, hits: list[NodeWithScore]) -> list[Passage]:
        """The passages of a retriever's hits that are still in the folder."""
        return [p for hit in hits if (p := self._passage(hit.node.metadata, float(hit.score or 0.0))) is not None]

    def _passage(self, meta: dict, score: float) -> Passage | None:
        """The passage a stored chunk's metadata names; None when the index lags the folder (a file removed since
        the last sync)."""
        article = self.articles.get(meta.get("path", ""))
        return None if article is None else Passage(article, int(meta["start"]), int(meta["end"]), score)

    def named_by(self, question: str) -> tuple[set[str], set[str]]:
        """The articles whose publisher the question names, and those published on a day (or in a month or
        year) it names."""
        asked = f" {_words(question)} "
        by_source = {path for path, names in self._outlets.items() if any(f" {n} " in asked for n in names)}
        dates = [d for d in parse_question_dates(question) if d.year or d.month or d.day]
        by_date = {
            a.path
            for a in self.articles.values()
            if a.published and any(d.matches(day) for d in dates for day in publication_days(a.published))
        }
        return by_source, by_date

    def _search_within(self, question: str, paths: set[str]) -> list[Passage]:
        """Dense search restricted to the given articles."""
        got = self.collection.query(
            query_embeddings=[embed_model().get_query_embedding(question)],
            n_results=self.pool,
            where={"path": {"$in": sorted(paths)}},
            include=["metadatas", "distances"],
        )
        rows = zip(got["metadatas"][0], got["distances"][0], strict=True)
        return [p for meta, distance in rows if (p := self._passage(meta, 1 - float(distance))) is not None]


def _outlet(source: str | None) -> list[str]:
    """The names a publisher goes by: "The Roar | Sports Writers Blog" is also "The Roar", "FOX News - Health" is
    also "FOX News"."""
    if not source:
        return []
    return list(dict.fromkeys([source, _SECTION.split(source)[0]]))


def _words(text: str) -> str:
    """Lower-case words separated by single spaces: "The Verge," -> "the verge"."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _interleave(rankings: list[list[Passage]]) -> list[Passage]:
    """The passages of several rankings taken by turns (first of each, then second of each, ...), once each."""
    seen, out = set(), []
    for tier in zip_longest(*rankings):
        for p in tier:
            if p is not None and p.key not in seen:
                seen.add(p.key)
                out.append(p)
    return out


def _promote(ranking: list[Passage], best: list[Passage], k: int) -> list[Passage]:
    """The ranking with the `best` passages it ranks below `k` moved up to just inside the first `k`."""
    keys = {p.key for p in best}
    late = [p for p in ranking[k:] if p.key in keys]
    if not late:
        return ranking
    head = ranking[: k - len(late)]
    return head + late + [p for p in ranking[len(head) :] if p not in late]


def _fuse(*rankings: list[Passage], k: float = 60.0) -> list[Passage]:
    """Reciprocal rank fusion of several rankings of passages (the same constant as LlamaIndex's fusion)."""
    scores: dict[tuple[str, int], float] = {}
    first: dict[tuple[str, int], Passage] = {}
    for ranking in rankings:
        for rank, p in enumerate(ranking):
            scores[p.key] = scores.get(p.key, 0.0) + 1.0 / (k + rank)
            first.setdefault(p.key, p)
    return [replace(first[key], score=score) for key, score in sorted(scores.items(), key=lambda kv: -kv[1])]
