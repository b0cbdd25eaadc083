"""Writes an evaluation's report: results.jsonl, report.md, report.html and chart.png, and the terminal table.

Every function takes one run or several runs of the same eval file (one per backend); with several, the summary,
the kinds and the chart put the backends side by side, and a table lists the cases where they disagree.
"""

from __future__ import annotations

import base64
import html
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qa.errors import QAError
from qa.evaluation import EvalReport, Row, Summary, term_recall

if TYPE_CHECKING:
    from rich.table import Table

CHART_LINK = "![chart](chart.png)"  # where report.md shows its chart
Runs = EvalReport | Sequence[EvalReport]


def write_report(runs: Runs, out_dir: Path | str) -> Path:
    """Write `<out_dir>/<timestamp>/` with results.jsonl, report.md, report.html and chart.png; return the folder."""
    runs = _runs(runs)
    base = Path(out_dir)
    stamp = runs[0].started.strftime("%Y-%m-%dT%H-%M-%S")
    folder, n = base / stamp, 1
    while folder.exists():  # two runs in the same second
        n += 1
        folder = base / f"{stamp}-{n}"
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise QAError(f"Cannot create the report folder {folder}: {exc}; pass another --out") from None
    with (folder / "results.jsonl").open("w", encoding="utf-8") as out:
        for run in runs:
            for row in run.rows:
                out.write(json.dumps(_result(row, run.backend), ensure_ascii=False) + "\n")
    png = _chart(runs)
    (folder / "chart.png").write_bytes(png)
    (folder / "report.md").write_text(_markdown(runs), encoding="utf-8")
    (folder / "report.html").write_text(_html(runs, png), encoding="utf-8")
    return folder


def summary_table(runs: Runs) -> Table:
    """The summary, and the correct rate per kind, as a rich table for the terminal: a column per backend."""
    from rich.table import Table

    runs = _runs(runs)
    table = Table(title=f"{_title(runs)} ({runs[0].split})")
    table.add_column("metric")
    for head in _value_heads(runs):
        table.add_column(head, justify="right")
    for row in _summary_rows(runs):
        table.add_row(*row)
    for kind in _kinds(runs):
        table.add_row(f"correct: {kind}", *(_kind_correct(run, kind) for run in runs))
    return table


def _runs(runs: Runs) -> list[EvalReport]:
    runs = [runs] if isinstance(runs, EvalReport) else list(runs)
    if not runs:
        raise ValueError("a report needs at least one run")
    return runs


def _result(row: Row, backend: str) -> dict[str, Any]:
    a, case = row.answer, row.case
    return {
        "id": case.id,
        "kind": case.kind,
        "run": backend,
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


# --- the tables, shared by the terminal, the markdown and the HTML ---


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f} ms"


def _metrics(s: Summary) -> list[tuple[str, str]]:
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
        ("answered by", ", ".join(s.backends) or "n/a"),
    ]


def _value_heads(runs: list[EvalReport]) -> list[str]:
    return ["value"] if len(runs) == 1 else [run.backend for run in runs]


def _summary_rows(runs: list[EvalReport]) -> list[tuple[str, ...]]:
    columns = [_metrics(run.summary) for run in runs]
    return [(metric, *(column[i][1] for column in columns)) for i, (metric, _) in enumerate(columns[0])]


def _kinds(runs: list[EvalReport]) -> list[str]:
    return sorted({kind for run in runs for kind in run.by_kind})


def _kind_correct(run: EvalReport, kind: str) -> str:
    s = run.by_kind.get(kind)
    return f"{_pct(s.correct)} of {s.n}" if s else "n/a"


def _kind_table(runs: list[EvalReport]) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    if len(runs) > 1:
        head = ("kind", *(f"correct: {run.backend}" for run in runs))
        return head, [(kind, *(_kind_correct(run, kind) for run in runs)) for kind in _kinds(runs)]
    head = ("kind", "n", "correct", "gold cited", "citation precision", "verbatim", "abstention P/R", "p50")
    rows = [
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
        for kind, s in runs[0].by_kind.items()
    ]
    return head, rows


_FAIL_HEAD = ("id", "question", "expected", "answer", "why")


def _why(row: Row) -> str | None:
    """Why a row counts as a failure, or None when it is right with verbatim quotes."""
    s, case = row.scores, row.case
    if s is not None and s.correct and s.verbatim:
        return None
    if s is None:
        return f"error: {row.error}"
    if not s.verbatim:
        return "a quote is not its article's text"
    if case.abstain:
        return "answered a question the articles do not answer"
    if s.abstained:
        return "abstained"
    if s.missing:
        return "missing " + "; ".join(" or ".join(f'"{alt}"' for alt in group) for group in s.missing)
    recall = term_recall(case.expected, row.answer.text if row.answer else "")
    return f"too few of the expected words ({recall:.0%} of them)"


def _asked(row: Row) -> str:
    return " / ".join((*row.case.history, row.case.question))


def _failure_rows(run: EvalReport) -> list[tuple[str, ...]]:
    rows = []
    for row in run.rows:
        if (why := _why(row)) is not None:
            answer = row.answer.text if row.answer else ""
            rows.append((row.case.id, _asked(row), row.case.expected or "(abstain)", answer, why))
    return rows


def _disagreements(runs: list[EvalReport]) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The cases that some backends get right and others wrong, each backend's answer marked right or wrong."""
    head = ("id", "question", "expected", *(run.backend for run in runs))
    rows = []
    for same_case in zip(*(run.rows for run in runs), strict=True):
        verdicts = [_why(row) is None for row in same_case]
        if len(set(verdicts)) > 1:
            first = same_case[0]
            cells = [
                ("right: " if ok else "wrong: ") + (row.answer.text if row.answer else f"error: {row.error}")
                for ok, row in zip(verdicts, same_case, strict=True)
            ]
            rows.append((first.case.id, _asked(first), first.case.expected or "(abstain)", *cells))
    return head, rows


def _title(runs: list[EvalReport]) -> str:
    return f"Evaluation of {runs[0].path.name}"


def _facts(runs: list[EvalReport]) -> list[tuple[str, str]]:
    return [
        ("file", str(runs[0].path)),
        ("split", runs[0].split),
        ("run", runs[0].started.isoformat(timespec="seconds")),
        ("backend" if len(runs) == 1 else "backends compared", ", ".join(run.backend for run in runs)),
    ]


def _sections(runs: list[EvalReport]) -> list[tuple[str, tuple[str, ...], list[tuple[str, ...]]]]:
    """(heading, table head, table rows) after the chart: the disagreements, then each backend's failures."""
    sections = []
    if len(runs) > 1:
        head, rows = _disagreements(runs)
        sections.append((f"Where the backends differ ({len(rows)})", head, rows))
    for run in runs:
        failures = _failure_rows(run)
        name = f"Failures ({len(failures)})" if len(runs) == 1 else f"Failures of {run.backend} ({len(failures)})"
        sections.append((name, _FAIL_HEAD, failures))
    return sections


# --- markdown and HTML ---


def _md_table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    def cell(value: str) -> str:
        return " ".join(value.split()).replace("|", "\\|")

    head = list(head)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _markdown(runs: list[EvalReport]) -> str:
    parts = [
        f"# {_title(runs)}",
        "\n".join(f"- {k}: {v}" for k, v in _facts(runs)),
        "## Summary",
        _md_table(("metric", *_value_heads(runs)), _summary_rows(runs)),
        "## By kind",
        _md_table(*_kind_table(runs)),
        CHART_LINK,
    ]
    for heading, head, rows in _sections(runs):
        parts += [f"## {heading}", _md_table(head, rows) if rows else "None."]
    return "\n\n".join(parts) + "\n"


def _html_table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


_CSS = """body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;
vertical-align:top}th{background:#f4f4f4}img{max-width:100%}"""


def _html(runs: list[EvalReport], png: bytes) -> str:
    title = html.escape(_title(runs))
    facts = "".join(f"<li>{html.escape(k)}: {html.escape(v)}</li>" for k, v in _facts(runs))
    chart = base64.b64encode(png).decode("ascii")
    parts = [
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{_CSS}</style></head><body>\n<h1>{title}</h1><ul>{facts}</ul>",
        f"<h2>Summary</h2>{_html_table(('metric', *_value_heads(runs)), _summary_rows(runs))}",
        f"<h2>By kind</h2>{_html_table(*_kind_table(runs))}",
        f'<img alt="Summary rates and correct rate per kind" src="data:image/png;base64,{chart}">',
    ]
    for heading, head, rows in _sections(runs):
        parts.append(f"<h2>{html.escape(heading)}</h2>" + (_html_table(head, rows) if rows else "<p>None.</p>"))
    return "\n".join(parts) + "\n</body></html>\n"


# --- the chart ---


def _chart(runs: list[EvalReport]) -> bytes:
    """A PNG: the summary rates beside the correct rate of each kind, one bar a backend."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rates = {
        "correct": lambda s: s.correct,
        "gold cited": lambda s: s.gold_cited,
        "citation\nprecision": lambda s: s.citation_precision,
        "verbatim": lambda s: s.verbatim,
        "abstention\nprecision": lambda s: s.abstention_precision,
        "abstention\nrecall": lambda s: s.abstention_recall,
    }
    kinds = _kinds(runs)
    fig = Figure(figsize=(11, 4), layout="constrained")
    FigureCanvasAgg(fig)
    left, right = fig.subplots(1, 2, width_ratios=[max(len(rates), 1), max(len(kinds), 1)])
    width = 0.8 / len(runs)
    colours = ("#4878a8", "#e08a3c", "#58a55c", "#a05da8")
    for ax, names, title in ((left, list(rates), "Summary"), (right, kinds, "Correct by kind")):
        for i, run in enumerate(runs):
            if ax is left:
                values = [rate(run.summary) for rate in rates.values()]
            else:
                values = [run.by_kind[k].correct if k in run.by_kind else None for k in kinds]
            xs = [x + (i - (len(runs) - 1) / 2) * width for x in range(len(names))]
            bars = ax.bar(xs, [(v or 0.0) * 100 for v in values], width, color=colours[i % len(colours)])
            bars.set_label(run.backend)
            for bar, value in zip(bars, values, strict=True):
                x = bar.get_x() + bar.get_width() / 2
                ax.annotate(_pct(value), (x, bar.get_height()), ha="center", va="bottom", fontsize=7)
        ax.set_xticks(range(len(names)), names if ax is left else [_kind_label(runs, k) for k in kinds])
        ax.set_ylim(0, 110)
        ax.set_ylabel("%")
        ax.set_title(title)
        ax.tick_params(axis="x", labelsize=8)
    if len(runs) > 1:
        left.legend(fontsize=8, loc="lower left")
    fig.suptitle(f"{_title(runs)} ({runs[0].split}, {', '.join(run.backend for run in runs)})")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


def _kind_label(runs: list[EvalReport], kind: str) -> str:
    n = max(run.by_kind[kind].n for run in runs if kind in run.by_kind)
    return f"{kind}\n(n={n})"
