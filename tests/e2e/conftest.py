"""End-to-end fixtures: the local stack as a subprocess (`python -m local_stack`), over HTTP."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
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
    import threading

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


@pytest.fixture(scope="session")
def slack() -> Iterator[SlackStandIn]:
    server = SlackStandIn()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def stack(slack: SlackStandIn) -> Iterator[RunningStack]:
    running = start_stack(
        SLACK_WEBHOOK_URL=slack.url, CLASSIFIER=os.environ.get("E2E_CLASSIFIER", "onnx")
    )
    yield running
    running.stop()


@pytest.fixture
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session
