"""An isolated slice of the shared test Redis: a unique key prefix, deleted afterwards.

The server is shared with other test runs, so nothing here flushes a database; the fixture
only deletes the keys carrying its own prefix.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from uuid import uuid4

import pytest
import redis

from smart_support.keys import Keys

REDIS_URL = os.environ.get("TEST_REDIS_URL") or os.environ.get(
    "REDIS_URL", "redis://127.0.0.1:6379/0"
)


@pytest.fixture
def redis_client() -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail(f"no Redis at {REDIS_URL}")
    yield client
    client.close()


@pytest.fixture
def isolated_keys(redis_client: redis.Redis) -> Iterator[Keys]:
    keys = Keys(prefix=f"test-{uuid4().hex[:8]}")
    yield keys
    doomed = list(redis_client.scan_iter(match=f"{keys.prefix}:*", count=500))
    if doomed:
        redis_client.delete(*doomed)
