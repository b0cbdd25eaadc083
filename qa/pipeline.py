"""Wires the steps: articles -> index -> retrieval -> answerer -> verified answer. The chat, the CLI and the
evaluation all come through here."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace

from qa.answer import Answer, Answerer
from qa.answer.cite import verify
from qa.answer.extractive import Extractive
from qa.answer.llm import LLM, visible_text
from qa.config import MAX_QUESTION_CHARS, Settings, get_settings
from qa.conversation import History, rewrite
from qa.corpus import load
from qa.errors import QuestionError
from qa.retrieve import Retriever
from qa.store import Store, SyncReport

STREAM_WORDS = 4  # words per streamed piece of an answer computed whole
# Settings that choose the answerer but not the index: engines that differ only in these share one index.
ANSWERER_FIELDS = ("openai_api_key", "openai_base_url", "llm_model", "llm_timeout")


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
        self.extractive = Extractive(self.articles)  # the offline answerer, and the LLM's fallback
        self._pick_answerer()

    def _pick_answerer(self) -> None:
        self.llm = LLM(self.settings, self.extractive) if self.settings.llm_enabled else None
        self.answerer: Answerer = self.llm or self.extractive

    def answering_with(self, settings: Settings) -> Engine:
        """This engine (same index, retriever and articles) answering as `settings` say: with the LLM they name,
        or offline. Only the fields in ANSWERER_FIELDS may differ."""
        twin = copy.copy(self)
        twin.settings = settings
        twin._pick_answerer()
        return twin

    def answer(self, question: str, history: History | None = None) -> Answer:
        """Rewrite a follow-up from the history, retrieve, answer, then check every citation against the articles
        before returning."""
        text = check_question(question)
        asked = rewrite(text, history, self.extractive.pronouns)
        return self._final(self.answerer.answer(asked, self.retriever.search(asked)), text, asked)

    def stream(self, question: str, history: History | None = None) -> Iterator[Answer]:
        """The answer as it grows (`final=False`), then the final one. The LLM's raw text is shown as it comes;
        the final answer, verified, replaces it (or the offline answer, when the endpoint fails midway)."""
        text = check_question(question)
        asked = rewrite(text, history, self.extractive.pronouns)
        passages = self.retriever.search(asked)
        if self.llm is None:
            final = self._final(self.extractive.answer(asked, passages), text, asked)
            words = final.text.split(" ")
            for n in range(STREAM_WORDS, len(words), STREAM_WORDS):
                yield Answer(question=text, text=" ".join(words[:n]), backend=final.backend, final=False)
            yield final
            return
        raw, shown = "", ""
        try:
            for delta in self.llm.stream(asked, passages):
                raw += delta
                if (now := visible_text(raw)) and now != shown:
                    shown = now
                    yield Answer(question=text, text=shown, backend=self.llm.name, final=False)
            result = self.llm.finish(asked, passages, raw)
        except self.llm.failures as error:
            result = self.llm.fallback(asked, passages, error, raw or None)
        yield self._final(result, text, asked)

    def _final(self, result: Answer, text: str, asked: str) -> Answer:
        """Every citation checked against the articles; the question as asked, and its rewriting, recorded."""
        result = verify(result, self.articles)
        return replace(result, question=text, debug={**result.debug, "rewritten": asked if asked != text else None})


_lock = threading.Lock()
_engines: dict[Settings, Engine] = {}
_DEFAULTS = Settings()


def engine(settings: Settings | None = None) -> Engine:
    """The engine for these settings, built on first use (which builds or syncs the index)."""
    settings = settings or get_settings()
    with _lock:
        if settings not in _engines:
            same_index = next((e for s, e in _engines.items() if _index_key(s) == _index_key(settings)), None)
            _engines[settings] = same_index.answering_with(settings) if same_index else Engine(settings)
        return _engines[settings]


def _index_key(settings: Settings) -> Settings:
    """The settings with the answerer's fields at their defaults: equal keys, same index."""
    return replace(settings, **{name: getattr(_DEFAULTS, name) for name in ANSWERER_FIELDS})


def build_index(settings: Settings | None = None, progress: Callable[[int, int], None] | None = None) -> SyncReport:
    """Sync the index with the articles folder and return what changed; later answers use the new index."""
    settings = settings or get_settings()
    with _lock:
        built = Engine(settings, progress)
        for stale in [s for s in _engines if _index_key(s) == _index_key(settings)]:
            del _engines[stale]  # engines over the same index answer from the new one from now on
        _engines[settings] = built
    return built.report


def answer(question: str, history: History | None = None, settings: Settings | None = None) -> Answer:
    """Answer a question from the articles, every sentence cited with a verified verbatim quote."""
    check_question(question)
    return engine(settings).answer(question, history)


def stream(question: str, history: History | None = None, settings: Settings | None = None) -> Iterator[Answer]:
    """The same answer in pieces: partial answers (`final=False`) with growing text, then the final one. With an LLM
    the pieces are its raw text as it streams, and the final answer, verified, replaces them."""
    check_question(question)
    yield from engine(settings).stream(question, history)
