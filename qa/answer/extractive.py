"""The offline answerer: picks the fewest sentences of the retrieved passages that answer the question, quotes
them verbatim and cites each one. No language model; it abstains when no sentence covers the question."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from qa.answer import Answer, Citation
from qa.answer.cite import make_citation
from qa.answer.entities import answer_kinds
from qa.answer.question import WORD, Question, TermWeights, analyse, term_matches, terms
from qa.chunking import sentence_spans
from qa.corpus import Article
from qa.dates import DateMention, find_dates, format_day
from qa.embeddings import embed_model
from qa.retrieve import Passage

MAX_SENTENCES = 3
NEAREST = 2  # passages shown with an abstention
# Weights of the evidence a sentence gives; relevance below RELEVANT means it does not answer.
W_TERMS, W_MEANING, W_TYPE, W_RANK = 0.55, 0.45, 0.2, 0.05
RELEVANT = 0.45
SAME_CLAIM = 0.6  # share of content words two sentences must have in common to be the same claim
RIVAL_COVERAGE = 0.8  # a sentence that disagrees must answer the question about as fully as the chosen one
NEAR_WORDS = 6  # a date this close to the event's words is that event's date
SHORTLIST = 14  # sentences embedded and tagged for each question


@dataclass
class _Sentence:
    article: Article
    start: int
    end: int
    rank: int
    stems: frozenset[str]
    coverage: float = 0.0
    meaning: float = 0.0
    kinds: tuple[tuple[str, str], ...] = ()
    score: float = 0.0

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]

    @property
    def relevance(self) -> float:
        return W_TERMS * self.coverage + W_MEANING * self.meaning


class Extractive:
    """Answers from the retrieved passages alone, sentence by sentence."""

    name = "extractive"

    def __init__(self, articles: dict[str, Article]) -> None:
        self.weights = TermWeights(f"{a.title}\n{a.text}" for a in articles.values())
        self._spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self._vectors: dict[tuple[str, int, int], np.ndarray] = {}

    def answer(self, question: str, passages: list[Passage]) -> Answer:
        """A cited answer of one to three sentences, or an abstention with the nearest passages."""
        q = analyse(question)
        sentences = self._candidates(passages)
        if not sentences:
            return self._abstain(q, [], passages, "nothing was retrieved")
        missing = [t for t in q.anchors if not any(term_matches(t, s.stems) for s in sentences)]
        shortlist = self._score(q, sentences)
        if missing or shortlist[0].relevance < RELEVANT:
            why = f"no passage mentions {', '.join(sorted(missing))}" if missing else "no sentence covers it"
            return self._abstain(q, shortlist, passages, why)
        return self._compose(q, self._select(q, shortlist), shortlist, passages)

    def _candidates(self, passages: list[Passage]) -> list[_Sentence]:
        seen, out = set(), []
        for rank, p in enumerate(passages):
            for start, end in self._sentence_spans(p.article):
                if start >= p.start and end <= p.end and (p.article.path, start) not in seen:
                    seen.add((p.article.path, start))
                    out.append(_Sentence(p.article, start, end, rank, frozenset(terms(p.article.text[start:end]))))
        return out

    def _sentence_spans(self, article: Article) -> list[tuple[int, int]]:
        key = (article.path, article.sha256)
        if key not in self._spans:
            self._spans[key] = sentence_spans(article.text)
        return self._spans[key]

    def _embed(self, sentences: list[_Sentence]) -> np.ndarray:
        keys = [(s.article.path, s.start, s.end) for s in sentences]
        todo = [s.text for s, k in zip(sentences, keys, strict=True) if k not in self._vectors]
        if todo:
            new = iter(embed_model().get_text_embedding_batch(todo))
            for k in keys:
                if k not in self._vectors:
                    self._vectors[k] = np.asarray(next(new), dtype=np.float32)
        return np.stack([self._vectors[k] for k in keys])

    def _score(self, q: Question, sentences: list[_Sentence]) -> list[_Sentence]:
        """The shortlist of sentences worth a closer look, best first: scored on the terms they cover, their
        closeness in meaning and whether they hold the kind of answer wanted."""
        total = sum(self.weights(t) for t in q.terms) or 1.0
        for s in sentences:
            s.coverage = sum(self.weights(t) for t in q.terms if term_matches(t, s.stems)) / total
        # Retrieval already ranked the passages by meaning; words and rank pick the few sentences to embed.
        sentences.sort(key=lambda s: W_TERMS * s.coverage + W_MEANING / (1 + s.rank), reverse=True)
        shortlist = sentences[:SHORTLIST]
        query = np.asarray(embed_model().get_query_embedding(q.text), dtype=np.float32)
        for s, meaning in zip(shortlist, self._embed(shortlist) @ query, strict=True):
            s.meaning = max(0.0, float(meaning))
            s.score = s.relevance + W_RANK / (1 + s.rank)
        if q.types:
            asked = q.text.lower()
            for s, kinds in zip(shortlist, answer_kinds([s.text for s in shortlist]), strict=True):
                s.kinds = tuple((k, words) for k, words in kinds if words.lower() not in asked)
                s.score += W_TYPE * len(q.types & {k for k, _ in s.kinds}) / len(q.types)
        return sorted(shortlist, key=lambda s: s.score, reverse=True)

    def _select(self, q: Question, sentences: list[_Sentence]) -> list[list[_Sentence]]:
        """The fewest sentences that together cover the question's anchors and answer kinds; each comes with
        the sentences of other articles that state the same claim."""
        groups = [[sentences[0]]]
        covered_types = {k for k, _ in sentences[0].kinds} & q.types
        covered_terms = {t for t in q.terms if term_matches(t, sentences[0].stems)}
        for s in sentences[1:]:
            same = next((g for g in groups if _same_claim(g[0], s)), None)
            if same is not None:
                if s.article.path not in {x.article.path for x in same} and s.relevance >= RELEVANT:
                    same.append(s)
                continue
            if len(groups) >= MAX_SENTENCES or s.relevance < RELEVANT or s.score < 0.8 * sentences[0].score:
                continue
            new_types = ({k for k, _ in s.kinds} & q.types) - covered_types
            new_terms = {t for t in q.terms if term_matches(t, s.stems)} - covered_terms
            if new_types or (new_terms & q.anchors):
                groups.append([s])
                covered_types |= new_types
                covered_terms |= new_terms
        return groups

    def _compose(self, q: Question, groups: list[list[_Sentence]], sentences, passages) -> Answer:
        citations: list[Citation] = []
        parts = []
        rival = _rival(q, groups, sentences)
        if rival is not None:
            groups = [groups[0], [rival]]
            parts.append("The reports differ on the date:")
        for group in groups:
            group = sorted(group, key=lambda s: (sum(m.value is not None for m in _dates(s)), s.score), reverse=True)
            marks = ""
            for s in group:
                citations.append(make_citation(len(citations) + 1, s.article, s.start, s.end, s.score))
                marks += f"[{len(citations)}]"
            parts.append(_place_marks(_with_dates(group[0]), marks))
        return Answer(
            question=q.text,
            text=" ".join(parts),
            citations=tuple(citations),
            passages=tuple(passages),
            debug={**_debug(q, sentences), "conflict": rival is not None},
        )

    def _abstain(self, q: Question, sentences: list[_Sentence], passages: list[Passage], why: str) -> Answer:
        nearest, used = [], set()
        for s in sentences:
            if s.article.path not in used and len(nearest) < NEAREST:
                used.add(s.article.path)
                nearest.append(make_citation(len(nearest) + 1, s.article, s.start, s.end, s.score))
        asked = q.text.strip().rstrip("?").strip()
        said = asked[0].lower() + asked[1:] if q.wh else f'anything that answers "{q.text.strip()}"'
        marks = "".join(f"[{c.n}]" for c in nearest)
        text = f"The articles do not say {said}." + (f" The nearest passages are cited {marks}." if marks else "")
        return Answer(
            question=q.text,
            text=text,
            citations=tuple(nearest),
            abstained=True,
            passages=tuple(passages),
            debug={**_debug(q, sentences), "abstained_because": why},
        )


def _same_claim(a: _Sentence, b: _Sentence) -> bool:
    union = a.stems | b.stems
    return bool(union) and len(a.stems & b.stems) / len(union) >= SAME_CLAIM


def _dates(s: _Sentence) -> list[DateMention]:
    """The sentence's date mentions, resolved against its article's date; against an inferred date only a
    missing year is filled in, never a weekday."""
    found = find_dates(s.text, s.article.published)
    if not s.article.published_inferred:
        return found
    return [m if not m.relative or any(c.isdigit() for c in m.text) else replace(m, value=None) for m in found]


def _with_dates(s: _Sentence) -> str:
    """The sentence with each relative date followed by the day it means: "on Tuesday (16 January 2024)"."""
    text = s.text
    for m in reversed(_dates(s)):
        if m.value is not None and m.relative:
            text = f"{text[: m.end]} ({format_day(m.value)}){text[m.end :]}"
    return text


def _days(s: _Sentence, near: tuple[str, ...] = ()) -> list[tuple[date | None, int | None]]:
    """Each day the sentence names, as (date, weekday): a bare "Monday" is (None, 0), "January 14" a full date.
    With `near`, only the days named within a few words of one of those terms (the day of that event)."""
    words = [(m.start(), terms(m.group())) for m in WORD.finditer(s.text)]
    anchors = [i for i, (_, stems) in enumerate(words) if any(term_matches(t, stems) for t in near)]
    days = []
    for m in _dates(s):
        at = sum(start < m.start for start, _ in words)
        if near and not any(abs(at - i) <= NEAR_WORDS for i in anchors):
            continue
        weekday = next((i for i, name in enumerate(calendar.day_name) if name in m.text), None)
        if m.value is not None or weekday is not None:
            days.append((m.value, m.value.weekday() if m.value else weekday))
    return days


def _disagree(a: list[tuple[date | None, int | None]], b: list[tuple[date | None, int | None]]) -> bool:
    """True when no day of one sentence can be a day of the other (different dates, or a date whose weekday is
    not the weekday the other names)."""
    if not a or not b:
        return False
    for day_a, weekday_a in a:
        for day_b, weekday_b in b:
            if day_a == day_b if day_a and day_b else weekday_a == weekday_b:
                return False
    return True


def _rival(q: Question, groups: list[list[_Sentence]], sentences: list[_Sentence]) -> _Sentence | None:
    """For a question about a date: the best sentence of another article that answers it as well as the chosen
    one but names, next to the words of the event asked about, a day that cannot be the chosen one's."""
    if "DATE" not in q.types:
        return None
    lead = groups[0][0]
    used = {s.article.path for g in groups for s in g}
    lead_days = _days(lead)
    event = tuple(t for t in q.terms if t not in q.anchors) or q.terms  # what happened, rather than to whom
    for s in sentences:
        if (
            s.article.path not in used
            and s.relevance >= RELEVANT
            and s.coverage >= RIVAL_COVERAGE * lead.coverage
            and _disagree(lead_days, _days(s, near=event))
        ):
            return s
    return None


def _place_marks(sentence: str, marks: str) -> str:
    """Citation markers go before the sentence's closing full stop."""
    body = sentence.rstrip()
    if body.endswith((".", "!", "?")):
        return f"{body[:-1]} {marks}{body[-1]}"
    return f"{body} {marks}"


def _debug(q: Question, sentences: list[_Sentence]) -> dict:
    return {
        "terms": list(q.terms),
        "anchors": sorted(q.anchors),
        "types": sorted(q.types),
        "top": [
            {
                "source": s.article.path,
                "start": s.start,
                "score": round(s.score, 3),
                "coverage": round(s.coverage, 3),
                "meaning": round(s.meaning, 3),
                "text": s.text[:160],
            }
            for s in sentences[:5]
        ],
    }
