"""Concurrency: `app.py` served on a free loopback port, 20 clients asking at once (gradio_client, a thread each),
each holding its own conversation through the chat endpoint. Prints answers/s and latency percentiles as a Markdown
table, next to one client asking alone in the same run, and counts conversations that came back with another's turns.

    python -m bench.concurrency [--clients 20] [--questions 3] [--seeds DIR]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "bench" / "questions.txt"
START_TIMEOUT = 240  # seconds for the server to come up and build its index
ANSWER_TIMEOUT = 180  # seconds for one answer, queueing included
MAX_CLIENTS, MAX_QUESTIONS = 64, 20  # the bench stays bounded whatever the flags say


@dataclass(frozen=True)
class Conversation:
    """One client's run: when it started and ended, each answer's latency, errors, and whether its turns came back
    as its own."""

    started: float
    ended: float
    latencies: tuple[float, ...]
    errors: int
    mixed: bool


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(seeds: Path, tmp: Path) -> Iterator[str]:
    """`python app.py` over `seeds` (offline answerer, its own index in `tmp`) until the block ends; yields its URL
    once it has answered a first question."""
    from gradio_client import Client

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"OPENAI_API_KEY", "OPENAI_BASE_URL", "QA_AUTH"}}
    env |= {
        "QA_HOST": "127.0.0.1",
        "QA_PORT": str(port),
        "QA_SEEDS_DIR": str(seeds.resolve()),
        "QA_INDEX_DIR": str(tmp / "index"),
        "GRADIO_TEMP_DIR": str(tmp / "gradio"),
    }
    url = f"http://127.0.0.1:{port}/"
    log = tmp / "server.log"
    with log.open("wb") as out:  # cwd is the temp folder: a developer's .env does not apply
        proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=tmp, env=env, stdout=out, stderr=out)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"app.py did not start:\n{log.read_text()[-2000:]}")
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                time.sleep(0.5)
        Client(url, verbose=False).predict("Who met Putin?", api_name="/ask")  # waits for the index to be built
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def text(content: Any) -> str:
    if isinstance(content, str):
        return content
    return "\n".join(block.get("text", "") for block in content if isinstance(block, dict))


def converse(url: str, questions: list[str], start: threading.Barrier) -> Conversation:
    """Ask `questions` in one conversation, each with the chat so far, once every client is ready."""
    from gradio_client import Client

    client = Client(url, verbose=False)
    start.wait()
    began = time.perf_counter()
    chat: list = []
    latencies, errors, answered = [], 0, []
    for question in questions:
        asked = time.perf_counter()
        try:
            chat, _ = client.submit(question, chat, api_name="/chat").result(timeout=ANSWER_TIMEOUT)
        except Exception:  # a timeout or a refused request counts as an error; the conversation goes on
            errors += 1
            continue
        latencies.append(time.perf_counter() - asked)
        answered.append(question)
        errors += text(chat[-1]["content"]).startswith("⚠️")
    own = [text(m["content"]) for m in chat if m["role"] == "user"] == answered
    return Conversation(began, time.perf_counter(), tuple(latencies), errors, not own)


def run(url: str, clients: int, per_client: int, questions: list[str]) -> list[Conversation]:
    """`clients` conversations at once, each of `per_client` questions, client i starting at question i."""
    start = threading.Barrier(clients)
    plans = [[questions[(i + j) % len(questions)] for j in range(per_client)] for i in range(clients)]
    with ThreadPoolExecutor(clients) as pool:
        return list(pool.map(lambda plan: converse(url, plan, start), plans))


def row(label: str, conversations: list[Conversation]) -> str:
    latencies = sorted(x for c in conversations for x in c.latencies)
    wall = max(c.ended for c in conversations) - min(c.started for c in conversations)
    if len(latencies) >= 2:
        p50 = statistics.median(latencies)
        p95 = statistics.quantiles(latencies, n=100, method="inclusive")[94]
        spread = f"{p50 * 1000:,.0f} ms | {p95 * 1000:,.0f} ms | {latencies[-1] * 1000:,.0f} ms"
    else:
        spread = "n/a | n/a | n/a"
    errors = sum(c.errors for c in conversations)
    mixed = sum(c.mixed for c in conversations)
    return f"| {label} | {len(latencies)} | {len(latencies) / wall:.2f} | {spread} | {errors} | {mixed} |"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.concurrency", description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20, help=f"clients asking at once (at most {MAX_CLIENTS})")
    parser.add_argument("--questions", type=int, default=3, help=f"questions per client (at most {MAX_QUESTIONS})")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="the articles to serve")
    args = parser.parse_args()
    clients = max(1, min(args.clients, MAX_CLIENTS))
    per_client = max(1, min(args.questions, MAX_QUESTIONS))
    questions = [q for q in QUESTIONS.read_text().splitlines() if q.strip()]
    with tempfile.TemporaryDirectory() as tmp, served(args.seeds, Path(tmp)) as url:
        alone = run(url, 1, min(clients * per_client, MAX_QUESTIONS), questions)
        together = run(url, clients, per_client, questions)
    print(
        f"| chat server, {os.cpu_count()} cores, offline answerer | answers | answers/s | p50 | p95 | max | errors "
        "| conversations mixed |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print(row("1 client alone (baseline)", alone))
    print(row(f"{clients} clients at once, {per_client} questions each", together))


if __name__ == "__main__":
    main()
