"""The report files of one run, and of two runs (two backends) compared side by side, on hand-made answers."""

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from qa.evaluation import EvalReport, Row, score, summarize
from qa.report import summary_table, write_report
from tests.test_evaluation import ARTICLES, PUTIN, UNANSWERABLE, reply

STARTED = datetime(2026, 11, 23, 19, 30, 5)
NOT_SAID = replace(UNANSWERABLE, kind="unanswerable")


def run(rows: list[Row], backend: str = "extractive") -> EvalReport:
    kinds = sorted({r.case.kind for r in rows})
    return EvalReport(
        path=Path("eval-heldout.jsonl"),
        split="heldout",
        started=STARTED,
        rows=tuple(rows),
        summary=summarize(rows),
        by_kind={k: summarize(r for r in rows if r.case.kind == k) for k in kinds},
        backend=backend,
    )


def scored(case, answer, latency=100.0) -> Row:
    return Row(case, answer, score(case, answer, ARTICLES), latency)


def test_one_run_writes_the_four_files(tmp_path):
    right = reply("On January 16, Putin met Choe [1].")
    wrong = reply("Putin met Choe | in Moscow [1].")
    rows = [
        scored(PUTIN, right, 120.0),
        scored(replace(PUTIN, id="putin-2"), wrong, 80.0),
        Row(UNANSWERABLE, None, None, None, error="Ask a question: the text is empty."),
    ]
    report = run(rows)
    first, second = write_report(report, tmp_path), write_report(report, tmp_path)
    assert first == tmp_path / "2026-11-23T19-30-05" and second.name == "2026-11-23T19-30-05-2"
    assert {p.name for p in first.iterdir()} == {"results.jsonl", "report.md", "report.html", "chart.png"}
    assert len((first / "results.jsonl").read_text().splitlines()) == 3
    md = (first / "report.md").read_text()
    assert "| correct | 33.3% |" in md and "## Failures (2)" in md and 'missing "16 January"' in md
    assert "Putin met Choe \\| in Moscow" in md and "error: Ask a question" in md
    assert "differ" not in md  # one backend: nothing to compare
    assert "data:image/png;base64," in (first / "report.html").read_text()
    assert (first / "chart.png").read_bytes().startswith(b"\x89PNG")


def test_two_backends_are_compared_side_by_side(tmp_path):
    right = reply("On January 16, Putin met Choe [1].")
    vague = reply("Putin met Choe in Moscow [1].")
    abstained = reply("The articles do not say.", citations=(), abstained=True)
    offline = run([scored(PUTIN, vague), scored(NOT_SAID, abstained, 50.0)])
    model = run([scored(PUTIN, right, 900.0), scored(NOT_SAID, abstained, 700.0)], backend="openai:small")

    folder = write_report([offline, model], tmp_path)
    md = (folder / "report.md").read_text()
    assert "| metric | extractive | openai:small |" in md
    assert "| correct | 50.0% | 100.0% |" in md and "| latency p50 | 75 ms | 800 ms |" in md
    assert "| kind | correct: extractive | correct: openai:small |" in md
    assert "| fact | 0.0% of 1 | 100.0% of 1 |" in md and "| unanswerable | 100.0% of 1 | 100.0% of 1 |" in md
    assert "## Where the backends differ (1)" in md
    assert "| putin | Who met Putin and when? |" in md and "wrong: Putin met Choe in Moscow [1]." in md
    assert "right: On January 16, Putin met Choe [1]." in md
    assert "## Failures of extractive (1)" in md and "## Failures of openai:small (0)" in md
    html = (folder / "report.html").read_text()
    assert "<th>openai:small</th>" in html and "Where the backends differ (1)" in html

    lines = (folder / "results.jsonl").read_text().splitlines()
    assert len(lines) == 4 and '"run": "openai:small"' in lines[2]

    table = summary_table([offline, model])
    assert [c.header for c in table.columns] == ["metric", "extractive", "openai:small"]
