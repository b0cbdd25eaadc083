"""Hybrid retrieval: dense (the bundled model, in Chroma) and BM25 (bm25s), fused by reciprocal rank."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from qa.corpus import Article
from qa.embeddings import embed_model

if TYPE_CHECKING:
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


class Retriever:
    """Searches one store; built once per index state and reused for every question."""

    def __init__(self, store: Store, articles: dict[str, Article], top_k: int) -> None:
        from llama_index.core import VectorStoreIndex
        from llama_index.core.llms import MockLLM
        from llama_index.core.retrievers import QueryFusionRetriever
        from llama_index.core.retrievers.fusion_retriever import FUSION_MODES
        from llama_index.retrievers.bm25 import BM25Retriever

        self.articles = articles
        self.top_k = top_k
        pool = max(2 * top_k, 10)  # each retriever offers more than is kept, so fusion has a choice
        dense = VectorStoreIndex.from_vector_store(store.vector_store, embed_model=embed_model()).as_retriever(
            similarity_top_k=pool
        )
        nodes = store.nodes()
        retrievers = [dense]
        if nodes:
            retrievers.append(BM25Retriever.from_defaults(nodes=nodes, similarity_top_k=min(pool, len(nodes))))
        self._fusion = QueryFusionRetriever(
            retrievers,
            llm=MockLLM(),  # never used: num_queries=1 asks no model for extra queries
            mode=FUSION_MODES.RECIPROCAL_RANK,
            similarity_top_k=pool,
            num_queries=1,
            use_async=False,
        )

    def search(self, question: str, k: int | None = None) -> list[Passage]:
        """The `k` passages that best match the question, best first."""
        passages = []
        for hit in self._fusion.retrieve(question):
            meta = hit.node.metadata
            article = self.articles.get(meta.get("path", ""))
            if article is None:  # the index lags the folder: a file removed since the last sync
                continue
            passages.append(Passage(article, int(meta["start"]), int(meta["end"]), float(hit.score or 0.0)))
        return passages[: k or self.top_k]
