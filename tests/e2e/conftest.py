"""End-to-end fixtures: the local stack as a subprocess (`python -m local_stack`), over HTTP."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
import requests

from local_stack.template import ROOT
from tests.support.slack_server import SlackStandIn

pytestmark = pytest.mark.e2e


@dataclass
class RunningStack:
    process: subprocess.Popen[str]
    info: dict[str, Any]
    output: list[str]

    @property
    def url(self) -> str:
        return str(self.info["api"])

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return int(self.process.returncode)


def start_stack(**env: str) -> RunningStack:
    inherited = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "TEST_REDIS_URL")}
    # Without an explicit REDIS_URL the stack starts its own private server.
    environment = {
        **inherited,
        "PORT": "0",
        "SQS_VISIBILITY_TIMEOUT": "1",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
        **env,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "local_stack"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    assert process.stdout is not None
    for line in process.stdout:
        output.append(line)
        if line.startswith("READY "):
            stack = RunningStack(process, json.loads(line[len("READY ") :]), output)
            _drain_in_background(process, output)
            return stack
    process.wait()
    raise RuntimeError("local stack did not start:\n" + "".join(output[-40:]))


def _drain_in_background(process: subprocess.Popen[str], output: list[str]) -> None:
    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)

    threading.Thread(target=pump, daemon=True).start()


def wait_for(condition: Callable[[], Any], timeout: float = 30.0, interval: float = 0.05) -> Any:
    """Poll until ``condition`` returns something truthy; fail with its last value."""
    deadline = time.monotonic() + timeout
    value = condition()
    while not value:
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s (last: {value!r})")
        time.sleep(interval)
        value = condition()
    return value


def e2e_classifier() -> str:
    """The classifier the e2e stacks run: E2E_CLASSIFIER, the ONNX model by default."""
    return os.environ.get("E2E_CLASSIFIER", "onnx")


@contextmanager
def running_stack(**env: str) -> Iterator[RunningStack]:
    """`start_stack(**env)` for the duration of a ``with`` block (a fixture's yield)."""
    running = start_stack(**env)
    yield running
    running.stop()


def submit_ticket(
    session: requests.Session, stack: RunningStack, body: dict[str, Any], **headers: str
) -> requests.Response:
    """POST /tickets, which must answer 202."""
    response = session.post(f"{stack.url}/tickets", json=body, headers=headers, timeout=30)
    assert response.status_code == 202, response.text
    return response


def ticket_status(session: requests.Session, stack: RunningStack, ticket_id: str) -> dict[str, Any]:
    return dict(session.get(f"{stack.url}/tickets/{ticket_id}/status", timeout=10).json())


def alerts_mentioning(slack: SlackStandIn, needle: str) -> list[str]:
    return [r.text for r in list(slack.requests) if needle in r.text]


def concurrent_storm(
    stack: RunningStack, text: str, clients: int = 40, per_client: int = 5
) -> list[str]:
    """``clients`` threads, released together, each submit ``text`` ``per_client`` times.

    Returns the accepted ticket ids (every submission must be accepted).
    """
    barrier = threading.Barrier(clients)
    ids: list[str] = []
    lock = threading.Lock()

    def client() -> None:
        with requests.Session() as session:
            barrier.wait()
            for _ in range(per_client):
                response = submit_ticket(session, stack, {"description": text})
                with lock:
                    ids.append(str(response.json()["ticket_id"]))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return ids


def assert_storm_is_one_incident_one_alert(
    stack: RunningStack, slack: SlackStandIn, ids: list[str]
) -> str:
    """Every storm ticket ends in the same master incident, which lists exactly ``ids``;
    Slack gets one alert for the incident and none for a member ticket. Returns its id."""
    with requests.Session() as http:

        def all_final() -> list[dict[str, Any]] | None:
            rows = [ticket_status(http, stack, t) for t in ids]
            return rows if all(r["status"] == "master_incident" for r in rows) else None

        rows = wait_for(all_final, timeout=120, interval=0.5)
        incident_ids = {r["incident_id"] for r in rows}
        assert len(incident_ids) == 1
        incident_id = str(incident_ids.pop())
        incident = http.get(
            f"{stack.url}/incidents/{incident_id}", params={"limit": 500}, timeout=10
        ).json()
        assert incident["member_count"] == len(ids)
        assert sorted(incident["member_ids"]) == sorted(ids)
    assert slack.wait_for_requests(1)
    assert len(alerts_mentioning(slack, incident_id)) == 1
    assert not any(alerts_mentioning(slack, t) for t in ids)
    return incident_id


@pytest.fixture(scope="module")
def slack_here() -> Iterator[SlackStandIn]:
    """A Slack stand-in of the test module's own (for a module's own stack)."""
    server = SlackStandIn().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def slack() -> Iterator[SlackStandIn]:
    server = SlackStandIn()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def stack(slack: SlackStandIn) -> Iterator[RunningStack]:
    with running_stack(SLACK_WEBHOOK_URL=slack.url, CLASSIFIER=e2e_classifier()) as running:
        yield running


@pytest.fixture
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session
