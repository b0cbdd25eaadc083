"""The chat: `app.py` started as a real server on a free port, asked through gradio_client like any client."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from gradio_client import Client
from gradio_client.exceptions import AuthenticationError

from qa.corpus import load
from tests.conftest import ROOT, SEEDS, stop

START_TIMEOUT = 120  # seconds: torch import, model load and index build take about 20 s on 2 cores
CITATION = re.compile(r"^\[(\d+)\] .* · (\S+)\n\n((?:> .*(?:\n|$))+)", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(root: Path, seeds: Path, **settings: str) -> Iterator[str]:
    """Run `python app.py` over `seeds` until the block ends; yields its URL once it answers HTTP. `settings` are
    more environment variables (QA_AUTH=...)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"OPENAI_API_KEY", "OPENAI_BASE_URL"}}
    env |= {
        "QA_HOST": "127.0.0.1",
        "QA_PORT": str(port),
        "QA_SEEDS_DIR": str(seeds),
        "QA_INDEX_DIR": str(root / "index"),
        "GRADIO_TEMP_DIR": str(root / "gradio"),
        **settings,
    }
    log = root / "server.log"
    url = f"http://127.0.0.1:{port}/"
    with log.open("wb") as out:
        # cwd is the temp folder so that a developer's .env cannot switch the answerer under the test
        command = [sys.executable, str(ROOT / "app.py")]
        proc = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=out)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"app.py exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"app.py did not answer HTTP in {START_TIMEOUT} s:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        yield url
        assert proc.poll() is None, f"the server died:\n{log.read_text()[-3000:]}"
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("app-seeds") / "seeds"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("*.jsonl"))
    return folder


@pytest.fixture(scope="module")
def client(tmp_path_factory, seeds) -> Iterator[Client]:
    with serve(tmp_path_factory.mktemp("app"), seeds) as url:
        yield Client(url, verbose=False)


def quotes(reply: str) -> list[tuple[str, str]]:
    """(file, quote) for every citation rendered beneath an answer."""
    return [
        (m[2], "\n".join(line.removeprefix("> ").removeprefix(">") for line in m[3].rstrip("\n").split("\n")))
        for m in CITATION.finditer(reply)
    ]


def text(content) -> str:
    """A chat message's text, whether it came back as a string or a list of blocks."""
    if isinstance(content, str):
        return content
    return "\n".join(block.get("text", "") for block in content if isinstance(block, dict))


def test_answer_names_who_and_quotes_the_article_verbatim(client, seeds):
    started = time.monotonic()
    reply = client.predict("Who met Putin and when?", api_name="/ask")
    print(f"first answer through the API: {time.monotonic() - started:.2f} s")
    assert "Choe Son-hui" in reply.split("---")[0]
    cited = quotes(reply)
    assert cited, reply
    articles = {a.path: a.text for a in load(seeds).articles}
    for source, quote in cited:
        assert quote in articles[source], f"{quote!r} is not in {source}"
    assert "answered by extractive" in reply and "Traceback" not in reply


@pytest.mark.parametrize(("question", "says"), [("", "empty"), ("   ", "empty"), ("x" * 2001, "2,000")])
def test_bad_questions_get_one_readable_line(client, question, says):
    reply = client.predict(question, api_name="/ask")
    assert reply.startswith("⚠️") and says in reply and "\n" not in reply, reply
    assert "Traceback" not in reply and "Something went wrong" not in reply


def test_chat_streams_answers_with_citations_and_keeps_the_conversation(client):
    job = client.submit("Who met Putin and when?", [], api_name="/chat")
    updates = list(job)  # every streamed update of (messages, textbox)
    chat, textbox = job.result()
    assert textbox == "" and len(updates) >= 2
    assert [m["role"] for m in updates[0][0]] == ["user"]  # the question shows before the answer
    assert [m["role"] for m in chat] == ["user", "assistant"]
    first = text(chat[-1]["content"])
    assert "Choe Son-hui" in first and "**Sources**" in first and "\n> " in first

    chat, _ = client.predict("", chat, api_name="/chat")
    assert text(chat[-1]["content"]).startswith("⚠️"), chat[-1]

    chat, _ = client.predict("When did Choe Son-hui return to Pyongyang?", chat, api_name="/chat")
    assert [m["role"] for m in chat] == ["user", "assistant"] * 3
    last = text(chat[-1]["content"])
    assert "returned" in last and "Traceback" not in last


def test_server_still_answers_after_bad_input(client):
    test_bad_questions_get_one_readable_line(client, "", "empty")
    assert "Choe Son-hui" in client.predict("Who met Putin and when?", api_name="/ask")


def test_missing_articles_folder_is_one_line_in_the_chat(tmp_path):
    with serve(tmp_path, tmp_path / "no-such-folder") as url:
        reply = Client(url, verbose=False).predict("Who met Putin and when?", api_name="/ask")
    assert reply.startswith("⚠️ **Error:**") and "no-such-folder" in reply and "\n" not in reply, reply


def test_history_is_question_answer_pairs_without_citations_or_errors():
    from app import history_pairs

    answer = "Choe Son-hui [1].\n\n---\n\n**Sources** ..."
    messages = [
        {"role": "user", "content": [{"type": "text", "text": "Who met Putin?"}]},
        {"role": "assistant", "content": [{"type": "text", "text": answer}]},
        {"role": "user", "content": ""},
        {"role": "assistant", "content": "⚠️ **Error:** Ask a question: the text is empty."},
        {"role": "user", "content": "And when did she return?"},
    ]
    assert history_pairs(messages) == [("Who met Putin?", "Choe Son-hui [1].")]


def test_the_chat_shows_numbered_cards_linked_from_the_answer(client):
    chat, _ = client.predict("Who met Putin and when?", [], api_name="/chat")
    reply = text(chat[-1]["content"])
    assert 'class="qa-card" id="cite-a1-1"' in reply and 'href="#cite-a1-1"' in reply
    assert "<mark>" in reply and 'class="qa-badge"' in reply and "Open the whole article" in reply


CONVERSATIONS = [
    ("Who met Putin and when?", "When did she return to Pyongyang?", "returned"),
    ("What does Jo Chun Ryong oversee?", "Who is Jo Chun Ryong?", "Jo Chun Ryong"),
]


def test_concurrent_conversations_are_answered_apart(client):
    """Six clients at once, each with its own two-turn conversation: each gets back only its own turns."""

    def converse(i: int) -> tuple[int, list]:
        first, follow_up, _ = CONVERSATIONS[i % 2]
        own = Client(client.src, verbose=False)
        chat, _ = own.predict(first, [], api_name="/chat")
        chat, _ = own.predict(follow_up, chat, api_name="/chat")
        return i, chat

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(converse, range(6)))
    for i, chat in results:
        first, follow_up, says = CONVERSATIONS[i % 2]
        assert [text(m["content"]) for m in chat if m["role"] == "user"] == [first, follow_up]
        assert says in text(chat[-1]["content"]) and "⚠️" not in text(chat[-1]["content"])


def test_basic_auth_when_qa_auth_is_set(tmp_path):
    with serve(tmp_path, tmp_path / "no-such-folder", QA_AUTH="reader:s3cret") as url:
        with pytest.raises(AuthenticationError):
            Client(url, verbose=False)
        with pytest.raises(ValueError, match="Could not login"):
            Client(url, auth=("reader", "wrong"), verbose=False)
        reply = Client(url, auth=("reader", "s3cret"), verbose=False).predict("Who met Putin?", api_name="/ask")
    assert reply.startswith("⚠️ **Error:**") and "no-such-folder" in reply


def test_an_endpoint_that_does_not_answer_gives_the_offline_answer_with_a_notice(tmp_path, seeds):
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        endpoint = f"http://127.0.0.1:{silent.getsockname()[1]}/v1"
        with serve(tmp_path, seeds, OPENAI_BASE_URL=endpoint, QA_LLM_TIMEOUT="2") as url:
            chat, _ = Client(url, verbose=False).predict("Who met Putin and when?", [], api_name="/chat")
    reply = text(chat[-1]["content"])
    assert 'class="qa-notice"' in reply and 'class="qa-card"' in reply and ">extractive</span>" in reply
    assert "Choe Son-hui" in reply and "Traceback" not in reply


def test_a_broken_index_that_cannot_be_rebuilt_is_one_readable_line(tmp_path, seeds):
    index = tmp_path / "index"
    index.mkdir()
    (index / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    (index / "notes.txt").write_text("someone else's file")
    with serve(tmp_path, seeds) as url:
        client = Client(url, verbose=False)
        reply = client.predict("Who met Putin and when?", api_name="/ask")
        chat, _ = client.predict("Who met Putin and when?", [], api_name="/chat")
    assert reply.startswith("⚠️ **Error:**") and "QA_INDEX_DIR" in reply and "\n" not in reply, reply
    assert text(chat[-1]["content"]) == reply
