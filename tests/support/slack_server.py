"""A local stand-in for a Slack incoming webhook, so tests never reach the internet.

It records every request and answers from a scripted queue (then "200 ok" once the queue is
empty). A "stall" answer holds the request until the server stops, which is longer than any
client timeout used in tests.

Use it as the ``slack_server`` fixture: import the fixture into a conftest.py or test module.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

STALL_LIMIT_SECONDS = 30.0  # a stalled request is released at the latest after this


@dataclass(frozen=True)
class ScriptedResponse:
    status: int = 200
    body: str = "ok"
    headers: dict[str, str] = field(default_factory=dict)
    stall: bool = False


@dataclass(frozen=True)
class RecordedRequest:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.body)


class SlackStandIn:
    """Threaded HTTP server on 127.0.0.1 with an ephemeral port."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self._script: deque[ScriptedResponse] = deque()
        self._changed = threading.Condition()
        self._release = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/services/T000/B000/test"

    # Scripting the answers, in order.

    def respond(self, *responses: ScriptedResponse) -> None:
        with self._changed:
            self._script.extend(responses)

    def ok(self) -> None:
        self.respond(ScriptedResponse())

    def rate_limited(self, retry_after: float | int) -> None:
        self.respond(ScriptedResponse(429, "rate_limited", {"Retry-After": str(retry_after)}))

    def server_error(self, status: int = 500, times: int = 1) -> None:
        self.respond(*[ScriptedResponse(status, "internal_error")] * times)

    def slow(self) -> None:
        self.respond(ScriptedResponse(stall=True))

    def wait_for_requests(self, count: int, timeout: float = 5.0) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: len(self.requests) >= count, timeout)

    # Lifecycle.

    def start(self) -> SlackStandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _next(self, request: RecordedRequest) -> ScriptedResponse:
        with self._changed:
            self.requests.append(request)
            self._changed.notify_all()
            return self._script.popleft() if self._script else ScriptedResponse()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                recorded = RecordedRequest(
                    self.path, dict(self.headers.items()), self.rfile.read(length)
                )
                answer = stand_in._next(recorded)
                if answer.stall:
                    stand_in._release.wait(STALL_LIMIT_SECONDS)
                body = answer.body.encode("utf-8")
                try:
                    self.send_response(answer.status)
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout); nothing to answer

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep test output clean

        return Handler


@pytest.fixture
def slack_server() -> Iterator[SlackStandIn]:
    server = SlackStandIn().start()
    try:
        yield server
    finally:
        server.stop()
