"""Runs an evaluation set through `qa.answer` and scores every answer; `qa.report` writes what it found.

The eval file is JSON Lines, one case a line:
`{"id", "question", "expected", "must": [[alternatives...], ...], "sources": [file names], "abstain": bool,
"history": [earlier user questions], "kind": str, "conflict": bool}`; all but `id`, `question` and `expected`
are optional (`expected` too when `abstain` is true).
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from qa.answer import Answer
from qa.answer.cite import is_verbatim
from qa.answer.question import terms
from qa.errors import ConfigError, QAError

if TYPE_CHECKING:
    from qa.config import Settings
    from qa.corpus import Article

TERM_RECALL = 0.6  # without `must`, this share of the expected answer's content words must be in the answer
WARM_UP = "Who said what, where and when?"  # answered once, untimed, before the cases
_KEYS = {"id", "question", "expected", "must", "sources", "abstain", "history", "kind", "conflict"}
_MARKER = re.compile(r"\s*\[\d+\]")


@dataclass(frozen=True)
class Case:
    """One expected question and answer; `line` is where it stands in the eval file."""

    id: str
    question: str
    expected: str
    must: tuple[tuple[str, ...], ...] = ()
    sources: tuple[str, ...] = ()
    abstain: bool = False
    history: tuple[str, ...] = ()
    kind: str = "fact"
    conflict: bool = False
    line: int = 0


@dataclass(frozen=True)
class Scores:
    """How one answer did. `None` where a score does not apply (no gold sources, no citations, not a conflict)."""

    correct: bool
    gold_cited: bool | None
    citation_precision: float | None
    verbatim: bool
    abstained: bool
    both_sides: bool | None = None  # conflict cases: citations from at least two articles
    missing: tuple[tuple[str, ...], ...] = ()  # the `must` groups the answer lacks


@dataclass(frozen=True)
class Row:
    """One case as it was run: the answer and its scores, or the error that stopped it."""

    case: Case
    answer: Answer | None
    scores: Scores | None
    latency_ms: float | None
    error: str | None = None


@dataclass(frozen=True)
class Summary:
    """The rates over a set of rows; a rate is `None` when no row gives it a denominator."""

    n: int
    failed: int
    correct: float
    gold_cited: float | None
    citation_precision: float | None
    verbatim: float | None
    abstention_precision: float | None
    abstention_recall: float | None
    both_sides: float | None
    latency_p50_ms: float | None
    latency_p95_ms: float | None
    backends: tuple[str, ...]


@dataclass(frozen=True)
class EvalReport:
    """An eval file's run through one backend: every row, the summary, and the summary per `kind`."""

    path: Path
    split: str
    started: datetime
    rows: tuple[Row, ...]
    summary: Summary
    by_kind: dict[str, Summary] = field(default_factory=dict)
    backend: str = "extractive"  # what the run asked for: "extractive" or "openai:<model>"


# --- reading the eval file ---


def load_cases(path: Path | str) -> list[Case]:
    """The cases of a JSON Lines eval file; a `QAError` naming the file and line for the first bad line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise QAError(f"No eval file at {path}: write one (one JSON case a line) or pass its path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QAError(f"Cannot read the eval file {path}: {exc}") from None
    cases: list[Case] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        case = _parse_case(line, path, number)
        if case.id in seen:
            raise QAError(f"{path}:{number}: the id {case.id!r} is used twice; give each case its own id")
        seen.add(case.id)
        cases.append(case)
    if not cases:
        raise QAError(f"{path} has no cases: add one JSON object a line")
    return cases


def _parse_case(line: str, path: Path, number: int) -> Case:
    def bad(problem: str) -> QAError:
        return QAError(f"{path}:{number}: {problem}; fix the line and run again")

    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise bad(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise bad("expected a JSON object")
    if unknown := sorted(set(data) - _KEYS):
        raise bad(f"unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(_KEYS))})")

    def text(key: str, required: bool) -> str:
        value = data.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            raise bad(f"{key!r} must be a non-empty string")
        return value.strip()

    def strings(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise bad(f"{key!r} must be a list of non-empty strings")
        return tuple(v.strip() for v in value)

    def flag(key: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            raise bad(f"{key!r} must be true or false")
        return value

    must = []
    raw_must = data.get("must", [])
    if not isinstance(raw_must, list):
        raise bad("'must' must be a list of lists of alternatives")
    for group in raw_must:
        group = [group] if isinstance(group, str) else group  # a bare string is a group of one
        if not isinstance(group, list) or not group or not all(isinstance(g, str) and g.strip() for g in group):
            raise bad("'must' must be a list of lists of alternatives (non-empty strings)")
        must.append(tuple(g.strip() for g in group))

    abstain = flag("abstain")
    conflict = flag("conflict")
    history = strings("history")
    kind = data.get("kind")
    if kind is not None and (not isinstance(kind, str) or not kind.strip()):
        raise bad("'kind' must be a non-empty string")
    if not kind:
        kind = "unanswerable" if abstain else "conflict" if conflict else "follow-up" if history else "fact"
    return Case(
        id=text("id", True),
        question=text("question", True),
        expected=text("expected", not abstain),
        must=tuple(must),
        sources=strings("sources"),
        abstain=abstain,
        history=history,
        kind=kind.strip(),
        conflict=conflict,
        line=number,
    )


# --- scoring ---


def score(case: Case, answer: Answer, articles: dict[str, Article]) -> Scores:
    """Score one answer against its case; `articles` (by file name) check that every quote is verbatim."""
    text = " ".join(_MARKER.sub("", answer.text).split()).casefold()
    missing = tuple(group for group in case.must if not any(alt.casefold() in text for alt in group))
    if case.abstain:
        correct = answer.abstained
    elif answer.abstained:
        correct = False
    elif case.must:
        correct = not missing
    else:
        correct = term_recall(case.expected, answer.text) >= TERM_RECALL
    cited = [c.source for c in answer.citations]
    gold = set(case.sources)
    return Scores(
        correct=correct,
        gold_cited=any(s in gold for s in cited) if gold else None,
        citation_precision=sum(s in gold for s in cited) / len(cited) if gold and cited else None,
        verbatim=all(is_verbatim(c, articles) for c in answer.citations),
        abstained=answer.abstained,
        both_sides=len(set(cited)) >= 2 if case.conflict else None,
        missing=() if case.abstain else missing,
    )


def term_recall(expected: str, text: str) -> float:
    """The share of the expected answer's distinct content words (stemmed) that the text contains."""
    wanted = set(terms(expected))
    if not wanted:
        return 1.0
    return len(wanted & set(terms(_MARKER.sub("", text)))) / len(wanted)


def summarize(rows: Iterable[Row]) -> Summary:
    """The summary rates over some rows; failed rows count as wrong and are left out of the other rates."""
    rows = list(rows)
    done = [r for r in rows if r.scores is not None and r.answer is not None]
    scores = [r.scores for r in done if r.scores]
    abstained = [r for r in done if r.scores and r.scores.abstained]
    unanswerable = [r for r in done if r.case.abstain]
    latencies = sorted(r.latency_ms for r in done if r.latency_ms is not None)
    return Summary(
        n=len(rows),
        failed=len(rows) - len(done),
        correct=sum(s.correct for s in scores) / len(rows) if rows else 0.0,
        gold_cited=_mean(s.gold_cited for s in scores),
        citation_precision=_mean(s.citation_precision for s in scores),
        verbatim=_mean(s.verbatim for s in scores),
        abstention_precision=_share([r.case.abstain for r in abstained]),
        abstention_recall=_share([bool(r.scores and r.scores.abstained) for r in unanswerable]),
        both_sides=_mean(s.both_sides for s in scores),
        latency_p50_ms=_percentile(latencies, 0.50),
        latency_p95_ms=_percentile(latencies, 0.95),
        backends=tuple(sorted({r.answer.backend for r in done if r.answer})),
    )


def _mean(values: Iterable[float | bool | None]) -> float | None:
    given = [float(v) for v in values if v is not None]
    return sum(given) / len(given) if given else None


def _share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def _percentile(ordered: list[float], q: float) -> float | None:
    """Linear interpolation between the closest ranks, as numpy's default."""
    if not ordered:
        return None
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


# --- running ---


def evaluate(
    path: Path | str,
    settings: Settings | None = None,
    progress: Callable[[int, int], None] | None = None,
    backend: str | None = None,
) -> EvalReport:
    """Answer every case of an eval file through `qa.answer` and score it; `progress(done, total)` after each case.

    `backend`: None answers as the settings say, "extractive" forces the offline answerer, "openai" needs an
    endpoint.
    """
    from qa import pipeline
    from qa.config import get_settings

    path = Path(path)
    cases = load_cases(path)
    settings = check_backend(settings or get_settings(), backend)
    engine = pipeline.engine(settings)  # builds or syncs the index now, outside the timed answers
    articles = engine.articles
    with suppress(QAError):  # the first answer loads models lazily (about 1.5 s): time the steady state
        pipeline.answer(WARM_UP, None, settings)
    started = datetime.now()
    rows = []
    for done, case in enumerate(cases, start=1):
        rows.append(_run_case(case, settings, articles))
        if progress:
            progress(done, len(cases))
    kinds = sorted({r.case.kind for r in rows})
    return EvalReport(
        path=path,
        split="heldout" if "heldout" in path.name else "dev",
        started=started,
        rows=tuple(rows),
        summary=summarize(rows),
        by_kind={k: summarize(r for r in rows if r.case.kind == k) for k in kinds},
        backend=engine.answerer.name,
    )


def check_backend(settings: Settings, backend: str | None) -> Settings:
    """The settings that answer with `backend` (None: as configured); a `ConfigError` when it cannot be used."""
    if backend in (None, "", "auto"):
        return settings
    if backend == "extractive":
        return replace(settings, openai_api_key=None, openai_base_url=None)
    if backend == "openai":
        if not settings.llm_enabled:
            raise ConfigError("The LLM backend needs OPENAI_API_KEY or OPENAI_BASE_URL: set one in .env")
        return settings
    raise ConfigError(f"Unknown backend {backend!r}: use 'extractive' or 'openai'")


def _run_case(case: Case, settings: Settings, articles: dict[str, Article]) -> Row:
    from qa import pipeline

    try:
        history: list[tuple[str, str]] = []
        for earlier in case.history:
            history.append((earlier, pipeline.answer(earlier, list(history), settings).text))
        started = time.perf_counter()
        result = pipeline.answer(case.question, history, settings)
        latency = (time.perf_counter() - started) * 1000
    except QAError as exc:
        return Row(case=case, answer=None, scores=None, latency_ms=None, error=str(exc))
    return Row(case=case, answer=result, scores=score(case, result, articles), latency_ms=round(latency, 1))
