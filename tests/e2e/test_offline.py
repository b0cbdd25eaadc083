"""Nothing reaches for the network at import or run time: every socket connection and name lookup a real run
makes is recorded by an audit hook, and only loopback is allowed."""

import json
import subprocess
import sys

from tests.conftest import ROOT

PROBE = r"""
import json, sys
attempts = []

def hook(event, args):
    if event == "socket.getaddrinfo":
        host = args[0]
    elif event == "socket.connect" and isinstance(args[1], tuple):
        host = args[1][0]
    else:
        return
    host = host.decode() if isinstance(host, bytes) else str(host)
    if host not in ("127.0.0.1", "localhost", "::1", "0.0.0.0") and not host.startswith("/"):
        attempts.append(f"{event} {host}")

sys.addaudithook(hook)
from pathlib import Path
import qa
from qa.config import Settings
settings = Settings(seeds_dir=Path(sys.argv[1]), index_dir=Path(sys.argv[2]))
qa.build_index(settings)
answer = qa.answer("Who met Putin and when?", settings=settings)
import gradio, gradio_client, chromadb, tiktoken  # what the chat and the LLM path load
import runpy
runpy.run_path(sys.argv[3])["build_demo"]()
print(json.dumps({"attempts": attempts, "answered": not answer.abstained}))
"""


def test_a_full_run_makes_no_network_connection(tmp_path, seeds_copy):
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(seeds_copy), str(tmp_path / "index"), str(ROOT / "app.py")],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["answered"]
    assert result["attempts"] == []
