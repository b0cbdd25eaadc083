"""`qa eval` run as a subprocess on a small eval set about the seed articles: the report it writes and its gate."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakes.openai_server import FakeOpenAI

QA = str(Path(sys.executable).with_name("qa"))
CASES = [
    {
        "id": "putin-who-when",
        "question": "Who met Putin and when?",
        "expected": "Choe Son-hui met Putin in Moscow on 16 January 2024.",
        "must": [["Choe"]],
        "sources": ["002_bb334c3bda1e2508.txt", "003_614e8b809048a462.txt", "004_6850870eb5d7ca95.txt"],
    },
    {
        "id": "munitions",
        "question": "What does Jo Chun Ryong oversee?",
        "expected": "Jo Chun Ryong oversees North Korea's munitions industry.",
        "kind": "role",
    },
    {
        "id": "return-day",
        "question": "When did she return home?",
        "history": ["Who is the North Korean foreign minister?"],
        "expected": "Choe Son-hui returned home on Friday.",
        "must": [["Friday"]],
        "sources": ["003_614e8b809048a462.txt", "004_6850870eb5d7ca95.txt"],
    },
    {"id": "biden-paris", "question": "Who met Joe Biden in Paris?", "expected": "", "abstain": True},
    {
        "id": "arrival",
        "question": "When did Choe arrive in Russia?",
        "expected": "On 14 January by one account, on Monday 15 January by others.",
        "must": [["14 January", "January 14"], ["Monday", "15 January", "January 15"]],
        "conflict": True,
        "sources": ["001_27b7be31a2054198.txt", "002_bb334c3bda1e2508.txt"],
    },
]


def run(*args, cwd=None, env=None):
    return subprocess.run([QA, *args], capture_output=True, text=True, cwd=cwd, timeout=900, env=env)


def write_cases(path: Path, cases: list[dict]) -> Path:
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def folders(seeds_copy, tmp_path_factory):
    root = tmp_path_factory.mktemp("eval")
    return root, seeds_copy, root / "index"


def test_eval_writes_the_report_and_prints_the_summary(folders):
    root, seeds, index = folders
    cases = write_cases(root / "eval.jsonl", CASES)
    out = root / "reports"
    done = run(
        "eval", str(cases), "--out", str(out), "--min-correct", "0", "--seeds", str(seeds), "--index", str(index)
    )
    assert done.returncode == 0, done.stderr
    assert "correct" in done.stdout and "verbatim" in done.stdout and "abstention recall" in done.stdout
    (folder,) = out.iterdir()
    assert f"report: {folder}" in done.stdout
    assert {p.name for p in folder.iterdir()} == {"results.jsonl", "report.md", "report.html", "chart.png"}

    rows = [json.loads(line) for line in (folder / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == [c["id"] for c in CASES]
    for r in rows:
        assert r["error"] is None and r["backend"] == "extractive" and r["latency_ms"] > 0
        assert r["scores"]["verbatim"] is True
        assert all({"source", "quote", "start", "end"} <= set(c) for c in r["citations"])
    by_id = {r["id"]: r for r in rows}
    assert by_id["putin-who-when"]["scores"]["correct"] and by_id["putin-who-when"]["scores"]["gold_cited"]
    assert by_id["biden-paris"]["abstained"] and by_id["biden-paris"]["scores"]["correct"]

    md = (folder / "report.md").read_text()
    assert "## Summary" in md and "## By kind" in md and "| role | 1 |" in md and "![chart](chart.png)" in md
    assert "| verbatim quotes (must be 100%) | 100.0% |" in md
    html = (folder / "report.html").read_text()
    assert "<table>" in html and "data:image/png;base64," in html
    assert (folder / "chart.png").read_bytes().startswith(b"\x89PNG")


def test_both_backends_run_into_one_report_side_by_side(folders):
    """The LLM run goes to a real HTTP server speaking the OpenAI protocol; here it abstains on every question."""
    root, seeds, index = folders
    cases = write_cases(root / "both.jsonl", CASES)
    out = root / "both-reports"
    with FakeOpenAI() as server:
        env = {**os.environ, "OPENAI_BASE_URL": server.url, "QA_LLM_MODEL": "fake-model", "QA_LLM_TIMEOUT": "5"}
        done = run(
            "eval", str(cases), "--backend", "both", "--out", str(out), "--seeds", str(seeds), "--index", str(index),
            env=env,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert len(server.requests) >= len(CASES)
    assert "extractive" in done.stdout and "openai:fake-model" in done.stdout
    (folder,) = out.iterdir()
    rows = [json.loads(line) for line in (folder / "results.jsonl").read_text().splitlines()]
    assert [r["run"] for r in rows] == ["extractive"] * len(CASES) + ["openai:fake-model"] * len(CASES)
    model_rows = rows[len(CASES) :]
    assert all(r["abstained"] and r["backend"] == "openai:fake-model" for r in model_rows)
    md = (folder / "report.md").read_text()
    assert "| metric | extractive | openai:fake-model |" in md
    assert "## Where the backends differ (" in md and "## Failures of openai:fake-model (4)" in md
    assert "| biden-paris |" not in md.split("## Where the backends differ")[1].split("## Failures")[0]


def test_an_llm_run_without_an_endpoint_is_one_clear_line(folders):
    root, seeds, index = folders
    cases = write_cases(root / "no-llm.jsonl", CASES[:1])
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    done = run(
        "eval", str(cases), "--backend", "openai", "--out", str(root / "no-llm"), "--seeds", str(seeds),
        "--index", str(index), env=env,
    )  # fmt: skip
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "Error: The LLM backend needs OPENAI_API_KEY or OPENAI_BASE_URL: set one in .env"
    ]
    assert not (root / "no-llm").exists()


def test_eval_exits_non_zero_below_min_correct(folders):
    root, seeds, index = folders
    impossible = {**CASES[0], "id": "impossible", "must": [["Choe"], ["a phrase no article contains"]]}
    cases = write_cases(root / "failing.jsonl", [impossible])
    done = run(
        "eval",
        str(cases),
        "--out",
        str(root / "gate-reports"),
        "--min-correct",
        "1.0",
        "--seeds",
        str(seeds),
        "--index",
        str(index),
    )
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == ["Error: correct 0.0% is below --min-correct 100%"]
    assert "report: " in done.stdout  # the report is written before the gate fails


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "No eval file at"),
        ('{"id": "a", "question": "Who?", "expected": "x"}\n{"id": "b", "question": }\n', "failing-2.jsonl:2: "),
    ],
)
def test_a_missing_or_malformed_file_gets_one_line(folders, content, message):
    root, seeds, index = folders
    path = root / "failing-2.jsonl"
    if content is None:
        path = seeds / "eval.jsonl"  # the default FILE, absent from the seeds
        args = ()
    else:
        path.write_text(content, encoding="utf-8")
        args = (str(path),)
    done = run("eval", *args, "--out", str(root / "unused-reports"), "--seeds", str(seeds), "--index", str(index))
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and message in done.stderr


def test_eval_has_help():
    done = run("eval", "--help")
    assert done.returncode == 0 and "--min-correct" in done.stdout and "Usage:" in done.stdout
