"""The cache client: one node or a cluster, chosen by REDIS_CLUSTER or asked of the server,
with the same timeouts and AUTH, and an unreachable cache answered as 503 + Retry-After."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from redis.cluster import RedisCluster

from local_stack.redis_server import PrivateCluster, PrivateRedis, free_port
from smart_support.cache import CACHE_ERRORS, cluster_enabled, connect, is_cluster
from smart_support.config import ConfigError, load_settings
from smart_support.services import reset_services
from tests.integration.conftest import Env, api_event, header
from tests.support.redis_fixtures import CacheTarget

PASSWORD = "s3cret-token-for-tests"


@pytest.fixture(scope="module")
def guarded_cluster() -> Iterator[PrivateCluster]:
    cluster = PrivateCluster(masters=3, password=PASSWORD).start()
    yield cluster
    cluster.stop()


def post(ingest: Any, context: Any) -> dict[str, Any]:
    return dict(ingest(api_event("post_ticket", body={"description": "Refund please"}), context))


def test_auto_mode_asks_the_server_whether_it_is_a_cluster(cache: CacheTarget) -> None:
    client = connect(cache.url, mode="auto")
    try:
        assert is_cluster(client) == (cache.name == "cluster")
        assert cluster_enabled(cache.url) == (cache.name == "cluster")
        assert client.set("test-cache-client:{x}", "1") and client.delete("test-cache-client:{x}")
    finally:
        client.close()


# The single-node client's timeouts are covered by the fault tests.
@pytest.mark.parametrize("cache", ["cluster"], indirect=True)
def test_cluster_client_keeps_the_fail_fast_timeouts(
    cache: CacheTarget, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDIS_CONNECT_TIMEOUT", "0.3")
    monkeypatch.setenv("REDIS_SOCKET_TIMEOUT", "0.7")
    reset_services()  # settings are read once per environment
    client = connect(cache.url, mode="1")
    try:
        assert isinstance(client, RedisCluster)
        for node in client.get_nodes():
            kwargs = client.get_redis_connection(node).connection_pool.connection_kwargs
            assert (kwargs["socket_connect_timeout"], kwargs["socket_timeout"]) == (0.3, 0.7)
    finally:
        client.close()
        reset_services()


@pytest.mark.parametrize("mode", ["auto", "1"])
def test_cluster_with_auth_needs_the_token(guarded_cluster: PrivateCluster, mode: str) -> None:
    client = connect(guarded_cluster.url, password=PASSWORD, mode=mode)
    try:
        assert is_cluster(client)
        client.set("test-auth:{a}", "1")
        assert client.get("test-auth:{a}") == "1"
    finally:
        client.close()
    with pytest.raises(CACHE_ERRORS):
        connect(guarded_cluster.url, password="wrong", mode=mode)


@pytest.mark.parametrize("mode", ["auto", "1"])
@pytest.mark.parametrize("cache", ["node"], indirect=True)
def test_unreachable_cache_at_cold_start_is_503_with_retry_after(
    env: Env, ingest: Any, context: Any, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    monkeypatch.setenv("REDIS_CLUSTER", mode)
    monkeypatch.setenv("REDIS_CONNECT_TIMEOUT", "0.3")
    reset_services()
    refused = post(ingest, context)
    assert refused["statusCode"] == 503, refused
    assert (header(refused, "Retry-After") or "").isdigit()
    assert json.loads(refused["body"])["error"]["code"] == "service_unavailable"


@pytest.mark.parametrize("cache", ["node"], indirect=True)
def test_a_failed_cold_start_is_not_kept_so_the_cache_serves_once_it_answers(
    env: Env, ingest: Any, context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{port}/0")
    monkeypatch.setenv("REDIS_CLUSTER", "auto")
    monkeypatch.setenv("REDIS_CONNECT_TIMEOUT", "0.3")
    reset_services()
    assert post(ingest, context)["statusCode"] == 503
    server = PrivateRedis(port=port).start()
    try:
        assert post(ingest, context)["statusCode"] == 202  # same environment, no reset
    finally:
        server.stop()


def test_cluster_errors_are_cache_errors() -> None:
    from redis.exceptions import ClusterDownError, SlotNotCoveredError

    for error in (ClusterDownError("x"), SlotNotCoveredError("x"), redis.ConnectionError("x")):
        assert isinstance(error, CACHE_ERRORS)


def test_an_unknown_cluster_mode_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="REDIS_CLUSTER"):
        load_settings({"REDIS_CLUSTER": "yes-please"})
