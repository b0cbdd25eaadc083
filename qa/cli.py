"""The command line: `qa ingest | ask | eval | serve | bench`. A thin shell: every command calls the library and turns
a `QAError` into one line on stderr and a non-zero exit."""

from __future__ import annotations

import json
import runpy
import sys
import time
from functools import wraps
from pathlib import Path

import click

from qa.config import Settings, get_settings
from qa.errors import QAError

ROOT = Path(__file__).resolve().parents[1]


def _fail_cleanly(command):
    @wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except QAError as exc:
            raise click.ClickException(str(exc)) from None

    return run


def _settings(seeds: str | None, index: str | None) -> Settings:
    return get_settings().with_overrides(seeds_dir=seeds, index_dir=index)


_seeds = click.option("--seeds", metavar="DIR", help="The articles folder (default: QA_SEEDS_DIR or seeds/).")
_index = click.option("--index", metavar="DIR", help="The index folder (default: QA_INDEX_DIR or index/).")


@click.group()
def main() -> None:
    """Ask questions of news articles; every answer quotes its sources verbatim."""


@main.command()
@_seeds
@_index
@_fail_cleanly
def ingest(seeds: str | None, index: str | None) -> None:
    """Sync the index with the articles folder: embed new or changed articles, drop deleted ones."""
    from rich.progress import Progress

    from qa.pipeline import build_index

    settings = _settings(seeds, index)
    started = time.perf_counter()
    with Progress(transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("Embedding articles", total=None)
        report = build_index(settings, progress=lambda done, total: bar.update(task, completed=done, total=total))
    if report.rebuilt_because:
        click.echo(f"rebuilt    the whole index: {report.rebuilt_because}")
    for label, paths in (("added", report.added), ("updated", report.updated), ("removed", report.removed)):
        for path in paths:
            click.echo(f"{label:<10} {path}")
    for skip in report.skipped:
        click.echo(f"skipped    {skip.path}: {skip.reason}")
    click.echo(
        f"{len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed, "
        f"{len(report.unchanged)} unchanged, {len(report.skipped)} skipped; "
        f"{report.chunks_embedded} chunks embedded in {time.perf_counter() - started:.1f} s "
        f"({settings.index_dir})"
    )


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@_seeds
@_index
@_fail_cleanly
def ask(question: str, as_json: bool, seeds: str | None, index: str | None) -> None:
    """Answer QUESTION, then list the numbered citations (title, source, date, quote)."""
    from qa.format import citation_line
    from qa.pipeline import answer

    result = answer(question, settings=_settings(seeds, index))
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(result.text)
    for notice in result.notices:
        click.echo(f"Note: {notice}")
    if result.citations:
        click.echo()
    for c in result.citations:
        click.echo(citation_line(c))
        click.echo(f'    "{c.quote}"')


@main.command()
@_fail_cleanly
def serve() -> None:
    """Start the chat in the browser (QA_HOST, QA_PORT)."""
    runpy.run_path(str(ROOT / "app.py"), run_name="__main__")


@main.command()
def bench() -> None:
    """Run the benchmarks and print their table."""
    sys.path.insert(0, str(ROOT))
    runpy.run_module("bench", run_name="__main__")


@main.command(name="eval")
@click.argument("file", required=False, metavar="[FILE]")
@click.option("--out", default="eval-reports", show_default=True, metavar="DIR", help="Where the report goes.")
@click.option(
    "--backend",
    "backends",
    multiple=True,
    type=click.Choice(["extractive", "openai", "both"]),
    help="Answer offline, with the configured OpenAI-compatible model, or both side by side in one report; "
    "repeatable (default: as configured).",
)
@click.option(
    "--min-correct",
    type=float,
    metavar="X",
    help="Exit non-zero when a backend's correct rate is below X (a fraction, 0.9, or a percentage, 90).",
)
@_seeds
@_index
@_fail_cleanly
def eval_(
    file: str | None,
    out: str,
    backends: tuple[str, ...],
    min_correct: float | None,
    seeds: str | None,
    index: str | None,
) -> None:
    """Run an evaluation set (default: <seeds>/eval.jsonl), print its summary and write the report to --out."""
    from rich.console import Console
    from rich.progress import Progress

    from qa.evaluation import check_backend, evaluate
    from qa.report import summary_table, write_report

    if min_correct is not None and not 0 <= min_correct <= 100:
        raise click.ClickException(
            f"--min-correct {min_correct:g} is out of range: give a fraction (0.9) or a percentage (90)"
        )
    floor = min_correct / 100 if min_correct is not None and min_correct > 1 else min_correct
    settings = _settings(seeds, index)
    path = Path(file) if file else settings.seeds_dir / "eval.jsonl"
    chosen = [b for name in backends for b in (("extractive", "openai") if name == "both" else (name,))]
    chosen = list(dict.fromkeys(chosen)) or [None]
    for backend in chosen:  # a missing endpoint is said before any case runs
        check_backend(settings, backend)
    runs = []
    with Progress(console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty()) as bar:
        for backend in chosen:
            task = bar.add_task(f"Evaluating ({backend or 'as configured'})", total=None)
            runs.append(
                evaluate(
                    path,
                    settings,
                    progress=lambda done, total, task=task: bar.update(task, completed=done, total=total),
                    backend=backend,
                )
            )
    folder = write_report(runs, out)
    Console().print(summary_table(runs))
    click.echo(f"report: {folder}")
    for run in runs:
        s = run.summary
        if s.verbatim is not None and s.verbatim < 1:
            raise click.ClickException(
                f"{run.backend}: verbatim {s.verbatim:.1%} is below 100%: a quote is not its article's text"
            )
        if floor is not None and s.correct < floor:
            label = f"{run.backend}: " if len(runs) > 1 else ""
            raise click.ClickException(f"{label}correct {s.correct:.1%} is below --min-correct {floor * 100:g}%")
