"""Wires the steps: articles -> index -> retrieval -> answerer -> verified answer. The chat, the CLI and the
evaluation all come through here."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import replace

from qa.answer import Answer
from qa.answer.cite import verify
from qa.answer.extractive import Extractive
from qa.config import MAX_QUESTION_CHARS, Settings, get_settings
from qa.conversation import History, rewrite
from qa.corpus import load
from qa.errors import QuestionError
from qa.retrieve import Retriever
from qa.store import Store, SyncReport

STREAM_WORDS = 4  # words per streamed piece of an answer computed whole


def check_question(question: str) -> str:
    """The question, stripped; a `QuestionError` when it is empty or too long."""
    text = (question or "").strip()
    if not text:
        raise QuestionError("Ask a question: the text is empty.")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"The question has {len(text):,} characters; keep it under {MAX_QUESTION_CHARS:,} and ask again."
        )
    return text


class Engine:
    """An index synced with the articles folder, with its retriever and answerer, ready for questions."""

    def __init__(self, settings: Settings, progress: Callable[[int, int], None] | None = None) -> None:
        corpus = load(settings.seeds_dir)  # a missing or empty folder stops here, before the index is touched
        self.settings = settings
        self.store, reset = Store.open(settings)
        report = self.store.sync(corpus, progress)
        if reset:
            report = replace(report, rebuilt_because=reset)
        self.report: SyncReport = report
        self.articles = {a.path: a for a in corpus.articles}
        self.retriever = Retriever(self.store, self.articles, settings.top_k)
        self.answerer = Extractive(self.articles)

    def answer(self, question: str, history: History | None = None) -> Answer:
        """Rewrite a follow-up from the history, retrieve, answer, then check every citation against the articles
        before returning."""
        text = check_question(question)
        asked = rewrite(text, history)
        result = verify(self.answerer.answer(asked, self.retriever.search(asked)), self.articles)
        return replace(result, question=text, debug={**result.debug, "rewritten": asked if asked != text else None})


_lock = threading.Lock()
_engines: dict[Settings, Engine] = {}


def engine(settings: Settings | None = None) -> Engine:
    """The engine for these settings, built on first use (which builds or syncs the index)."""
    settings = settings or get_settings()
    with _lock:
        if settings not in _engines:
            _engines[settings] = Engine(settings)
        return _engines[settings]


def build_index(settings: Settings | None = None, progress: Callable[[int, int], None] | None = None) -> SyncReport:
    """Sync the index with the articles folder and return what changed; later answers use the new index."""
    settings = settings or get_settings()
    with _lock:
        _engines[settings] = built = Engine(settings, progress)
    return built.report


def answer(question: str, history: History | None = None, settings: Settings | None = None) -> Answer:
    """Answer a question from the articles, every sentence cited with a verified verbatim quote."""
    check_question(question)
    return engine(settings).answer(question, history)


def stream(question: str, history: History | None = None, settings: Settings | None = None) -> Iterator[Answer]:
    """The same answer in pieces: partial answers (`final=False`) with growing text, then the final one."""
    final = answer(question, history, settings)
    words = final.text.split(" ")
    for n in range(STREAM_WORDS, len(words), STREAM_WORDS):
        yield Answer(question=final.question, text=" ".join(words[:n]), backend=final.backend, final=False)
    yield final
