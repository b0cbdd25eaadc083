"""Runs an evaluation set through `qa.answer`, scores every answer, and writes the report (tables and a chart).

The eval file is JSON Lines, one case a line:
`{"id", "question", "expected", "must": [[alternatives...], ...], "sources": [file names], "abstain": bool,
"history": [earlier user questions], "kind": str, "conflict": bool}`; all but `id`, `question` and `expected`
are optional (`expected` too when `abstain` is true).
"""

from __future__ import annotations

import base64
import html
import json
import math
import re
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qa.answer import Answer
from qa.answer.cite import is_verbatim
from qa.answer.question import terms
from qa.errors import ConfigError, QAError

if TYPE_CHECKING:
    from rich.table import Table

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
    """An eval file's run: every row, the summary, and the summary per `kind`."""

    path: Path
    split: str
    started: datetime
    rows: tuple[Row, ...]
    summary: Summary
    by_kind: dict[str, Summary] = field(default_factory=dict)


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
    settings = _for_backend(settings or get_settings(), backend)
    articles = pipeline.engine(settings).articles  # builds or syncs the index now, outside the timed answers
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
    )


def _for_backend(settings: Settings, backend: str | None) -> Settings:
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


# --- the report ---


def write_report(report: EvalReport, out_dir: Path | str) -> Path:
    """Write `<out_dir>/<timestamp>/` with results.jsonl, report.md, report.html and chart.png; return the folder."""
    base = Path(out_dir)
    stamp = report.started.strftime("%Y-%m-%dT%H-%M-%S")
    folder, n = base / stamp, 1
    while folder.exists():  # two runs in the same second
        n += 1
        folder = base / f"{stamp}-{n}"
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise QAError(f"Cannot create the report folder {folder}: {exc}; pass another --out") from None
    with (folder / "results.jsonl").open("w", encoding="utf-8") as out:
        for row in report.rows:
            out.write(json.dumps(_result(row), ensure_ascii=False) + "\n")
    png = _chart(report)
    (folder / "chart.png").write_bytes(png)
    (folder / "report.md").write_text(_markdown(report), encoding="utf-8")
    (folder / "report.html").write_text(_html(report, png), encoding="utf-8")
    return folder


def _result(row: Row) -> dict[str, Any]:
    a, case = row.answer, row.case
    return {
        "id": case.id,
        "kind": case.kind,
        "question": case.question,
        "history": list(case.history),
        "expected": case.expected,
        "answer": a.text if a else None,
        "abstained": a.abstained if a else None,
        "backend": a.backend if a else None,
        "notices": list(a.notices) if a else [],
        "citations": [
            {"n": c.n, "source": c.source, "quote": c.quote, "start": c.start, "end": c.end}
            for c in (a.citations if a else ())
        ],
        "scores": asdict(row.scores) if row.scores else None,
        "latency_ms": row.latency_ms,
        "error": row.error,
    }


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f} ms"


def summary_rows(s: Summary) -> list[tuple[str, str]]:
    """The summary as (metric, value) pairs, the same in the terminal, the markdown and the HTML."""
    return [
        ("cases", f"{s.n} ({s.failed} failed)" if s.failed else str(s.n)),
        ("correct", _pct(s.correct)),
        ("gold source cited", _pct(s.gold_cited)),
        ("citation precision", _pct(s.citation_precision)),
        ("verbatim quotes (must be 100%)", _pct(s.verbatim)),
        ("abstention precision", _pct(s.abstention_precision)),
        ("abstention recall", _pct(s.abstention_recall)),
        ("conflicts cited from both sides", _pct(s.both_sides)),
        ("latency p50", _ms(s.latency_p50_ms)),
        ("latency p95", _ms(s.latency_p95_ms)),
        ("backend", ", ".join(s.backends) or "n/a"),
    ]


_KIND_HEAD = ("kind", "n", "correct", "gold cited", "citation precision", "verbatim", "abstention P/R", "p50")


def _kind_rows(report: EvalReport) -> list[tuple[str, ...]]:
    return [
        (
            kind,
            str(s.n),
            _pct(s.correct),
            _pct(s.gold_cited),
            _pct(s.citation_precision),
            _pct(s.verbatim),
            f"{_pct(s.abstention_precision)} / {_pct(s.abstention_recall)}",
            _ms(s.latency_p50_ms),
        )
        for kind, s in report.by_kind.items()
    ]


_FAIL_HEAD = ("id", "question", "expected", "answer", "why")


def _failure_rows(report: EvalReport) -> list[tuple[str, ...]]:
    rows = []
    for row in report.rows:
        s, case = row.scores, row.case
        if s is not None and s.correct and s.verbatim:
            continue
        if s is None:
            why = f"error: {row.error}"
        elif not s.verbatim:
            why = "a quote is not its article's text"
        elif case.abstain:
            why = "answered a question the articles do not answer"
        elif s.abstained:
            why = "abstained"
        elif s.missing:
            why = "missing " + "; ".join(" or ".join(f'"{alt}"' for alt in group) for group in s.missing)
        else:
            recall = term_recall(case.expected, row.answer.text if row.answer else "")
            why = f"too few of the expected words ({recall:.0%} of them)"
        question = " / ".join((*case.history, case.question))
        expected = case.expected or "(abstain)"
        rows.append((case.id, question, expected, row.answer.text if row.answer else "", why))
    return rows


def _title(report: EvalReport) -> str:
    return f"Evaluation of {report.path.name}"


def _facts(report: EvalReport) -> list[tuple[str, str]]:
    return [
        ("file", str(report.path)),
        ("split", report.split),
        ("run", report.started.isoformat(timespec="seconds")),
        ("backend", ", ".join(report.summary.backends) or "n/a"),
    ]


def _md_table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    def cell(value: str) -> str:
        return " ".join(value.split()).replace("|", "\\|")

    head = list(head)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _markdown(report: EvalReport) -> str:
    failures = _failure_rows(report)
    parts = [
        f"# {_title(report)}",
        "\n".join(f"- {k}: {v}" for k, v in _facts(report)),
        "## Summary",
        _md_table(("metric", "value"), summary_rows(report.summary)),
        "## By kind",
        _md_table(_KIND_HEAD, _kind_rows(report)),
        "![chart](chart.png)",
        f"## Failures ({len(failures)})",
        _md_table(_FAIL_HEAD, failures) if failures else "None.",
    ]
    return "\n\n".join(parts) + "\n"


def _html_table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


_CSS = """body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;
vertical-align:top}th{background:#f4f4f4}img{max-width:100%}"""


def _html(report: EvalReport, png: bytes) -> str:
    failures = _failure_rows(report)
    title = html.escape(_title(report))
    facts = "".join(f"<li>{html.escape(k)}: {html.escape(v)}</li>" for k, v in _facts(report))
    chart = base64.b64encode(png).decode("ascii")
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{_CSS}</style></head><body>\n<h1>{title}</h1><ul>{facts}</ul>\n"
        f"<h2>Summary</h2>{_html_table(('metric', 'value'), summary_rows(report.summary))}\n"
        f"<h2>By kind</h2>{_html_table(_KIND_HEAD, _kind_rows(report))}\n"
        f'<img alt="Summary rates and correct rate per kind" src="data:image/png;base64,{chart}">\n'
        f"<h2>Failures ({len(failures)})</h2>"
        + (_html_table(_FAIL_HEAD, failures) if failures else "<p>None.</p>")
        + "\n</body></html>\n"
    )


def _chart(report: EvalReport) -> bytes:
    """A PNG: the summary rates beside the correct rate of each kind."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    s = report.summary
    rates = {
        "correct": s.correct,
        "gold cited": s.gold_cited,
        "citation\nprecision": s.citation_precision,
        "verbatim": s.verbatim,
        "abstention\nprecision": s.abstention_precision,
        "abstention\nrecall": s.abstention_recall,
    }
    kinds = {f"{k}\n(n={v.n})": v.correct for k, v in report.by_kind.items()}
    fig = Figure(figsize=(11, 4), layout="constrained")
    FigureCanvasAgg(fig)
    left, right = fig.subplots(1, 2, width_ratios=[max(len(rates), 1), max(len(kinds), 1)])
    for ax, values, title, colour in (
        (left, rates, "Summary", "#4878a8"),
        (right, kinds, "Correct by kind", "#58a55c"),
    ):
        names = list(values)
        heights = [(v or 0.0) * 100 for v in values.values()]
        bars = ax.bar(names, heights, color=colour)
        for bar, value in zip(bars, values.values(), strict=True):
            ax.annotate(
                _pct(value),
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontsize=8,
            )
        ax.set_ylim(0, 110)
        ax.set_ylabel("%")
        ax.set_title(title)
        ax.tick_params(axis="x", labelsize=8)
    fig.suptitle(f"{_title(report)} ({report.split}, {', '.join(s.backends) or 'n/a'})")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


def summary_table(report: EvalReport) -> Table:
    """The summary, and the correct rate per kind, as a rich table for the terminal."""
    from rich.table import Table

    table = Table(title=f"{_title(report)} ({report.split})")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for metric, value in summary_rows(report.summary):
        table.add_row(metric, value)
    for kind, s in report.by_kind.items():
        table.add_row(f"correct: {kind}", f"{_pct(s.correct)} of {s.n}")
    return table
