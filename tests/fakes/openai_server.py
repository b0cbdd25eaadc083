"""A small OpenAI-protocol server on 127.0.0.1 for tests: POST /v1/chat/completions, plain JSON or streamed as
server-sent events, its replies scripted per test, and every failure an endpoint can show on demand.

    with FakeOpenAI() as server:
        server.script(Reply("Choe met Putin [1]."), Status(429))   # one reply per request, in order
        server.url        # "http://127.0.0.1:<port>/v1", for OPENAI_BASE_URL
        server.requests   # the JSON bodies received, in order
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Reply:
    """A normal answer; streamed in pieces of `chunk` characters when the request asks for a stream."""

    text: str
    chunk: int = 12
    finish_reason: str | None = "stop"  # None: a stream whose chunks never say it finished


@dataclass(frozen=True)
class Status:
    """An HTTP error with an OpenAI-style error body."""

    code: int
    message: str = "scripted failure"


@dataclass(frozen=True)
class Delay:
    """Wait `seconds` before answering with `then` (longer than the client's timeout: a timeout)."""

    seconds: float
    then: Reply | Status = Reply("late")


@dataclass(frozen=True)
class CutOff:
    """Send the first `after` characters of `text`, then close the socket without ending the response."""

    text: str
    after: int = 20


@dataclass(frozen=True)
class Empty:
    """A well-formed reply with no content at all."""


@dataclass(frozen=True)
class Malformed:
    """A 200 reply whose body (or first stream event) is not JSON."""

    body: str = '{"choices": [ {"message": '


Behaviour = Reply | Status | Delay | CutOff | Empty | Malformed


class FakeOpenAI:
    """The server: start with `with FakeOpenAI() as server` (or `start()`/`stop()`); replies come from the script
    queue, or from `responder(request_json)` when the queue is empty."""

    def __init__(self, responder: Callable[[dict[str, Any]], Behaviour] | None = None) -> None:
        self.responder = responder or (lambda request: Reply("The articles do not say."))
        self.requests: list[dict[str, Any]] = []
        self._script: deque[Behaviour] = deque()
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        """The base URL a client is given (OPENAI_BASE_URL)."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def script(self, *behaviours: Behaviour) -> None:
        """Queue the next replies, one per request; clears what was recorded before."""
        with self._lock:
            self._script.clear()
            self._script.extend(behaviours)
            self.requests.clear()

    def next_behaviour(self, request: dict[str, Any]) -> Behaviour:
        """Record the request and pick its reply: the next scripted one, else the responder's."""
        with self._lock:
            self.requests.append(request)
            if self._script:
                return self._script.popleft()
        return self.responder(request)

    def start(self) -> FakeOpenAI:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the listening socket."""
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet about clients that hang up (a timeout, a closed keep-alive connection); loud about the rest."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _handler(fake: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            pass

        def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
            self._chunked = False
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
                return
            try:
                request = json.loads(body)
            except ValueError:
                self._json(400, {"error": {"message": "body is not JSON", "type": "invalid_request_error"}})
                return
            behaviour = fake.next_behaviour(request)
            with suppress(BrokenPipeError, ConnectionResetError):  # the client gave up first (a timeout)
                self._serve(behaviour, request)

        def _serve(self, behaviour: Behaviour, request: dict[str, Any]) -> None:
            stream = bool(request.get("stream"))
            model = request.get("model", "fake")
            if isinstance(behaviour, Delay):
                time.sleep(behaviour.seconds)
                behaviour = behaviour.then
            if isinstance(behaviour, Status):
                kind = {401: "invalid_api_key", 404: "model_not_found", 429: "rate_limit_exceeded"}
                error = {"message": behaviour.message, "type": kind.get(behaviour.code, "server_error")}
                self._json(behaviour.code, {"error": error})
            elif isinstance(behaviour, Malformed):
                if stream:
                    self._sse_start()
                    self._raw(f"data: {behaviour.body}\n\n".encode())
                    self._raw(b"data: [DONE]\n\n")
                    self._close()
                else:
                    self._send(200, "application/json", behaviour.body.encode())
            elif isinstance(behaviour, Empty):
                if stream:
                    self._sse_start()
                    self._event(_chunk(model, {"role": "assistant", "content": ""}, None))
                    self._event(_chunk(model, {}, "stop"))
                    self._raw(b"data: [DONE]\n\n")
                    self._close()
                else:
                    self._json(200, _completion(model, ""))
            elif isinstance(behaviour, CutOff):
                if stream:
                    self._sse_start()
                    self._event(_chunk(model, {"role": "assistant", "content": behaviour.text[: behaviour.after]}))
                    self._abort()
                else:
                    payload = json.dumps(_completion(model, behaviour.text)).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self._raw(payload[: len(payload) // 2])
                    self._abort()
            elif stream:
                self._sse_start()
                self._event(_chunk(model, {"role": "assistant", "content": ""}))
                text = behaviour.text
                for i in range(0, len(text), behaviour.chunk):
                    self._event(_chunk(model, {"content": text[i : i + behaviour.chunk]}))
                    time.sleep(0.005)
                if behaviour.finish_reason:
                    self._event(_chunk(model, {}, behaviour.finish_reason))
                self._raw(b"data: [DONE]\n\n")
                self._close()
            else:
                self._json(200, _completion(model, behaviour.text, behaviour.finish_reason or "stop"))

        # --- wire helpers ---

        def _json(self, code: int, data: dict[str, Any]) -> None:
            self._send(code, "application/json", json.dumps(data).encode())

        def _send(self, code: int, content_type: str, payload: bytes) -> None:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            self.wfile.flush()

        def _sse_start(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self._chunked = True

        def _event(self, data: dict[str, Any]) -> None:
            self._raw(f"data: {json.dumps(data)}\n\n".encode())

        def _raw(self, payload: bytes) -> None:
            """Write body bytes, framed as HTTP chunks once a stream has begun."""
            if self._chunked:
                payload = f"{len(payload):x}\r\n".encode() + payload + b"\r\n"
            self.wfile.write(payload)
            self.wfile.flush()

        def _close(self) -> None:
            self._chunked = False
            self.wfile.write(b"0\r\n\r\n")  # the last chunk: the response ends properly
            self.wfile.flush()

        def _abort(self) -> None:
            """Close the socket mid-response, as a crashed or killed server does."""
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True

    return Handler


def _chunk(model: str, delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    }


def _completion(model: str, text: str, finish_reason: str = "stop") -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish_reason}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
    }
