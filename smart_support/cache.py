"""The connection to the cache: one Redis/Valkey node, or a cluster (sharded) cache.

``REDIS_CLUSTER`` chooses: ``1`` speaks cluster protocol (redis-py's ``RedisCluster``), ``0``
talks to one node, ``auto`` (the default) asks the node named by the URL (``INFO cluster``)
once per execution environment. Both clients get the same timeouts, TLS and AUTH. Every Lua
script and transaction touches keys of one hash slot (``keys.py``), so they run unchanged on
a cluster; plain pipelines may span slots and the cluster client splits them per node.
"""

from __future__ import annotations

import contextlib
from typing import Any, TypeAlias

import redis
from redis.backoff import ExponentialWithJitterBackoff
from redis.cluster import RedisCluster
from redis.exceptions import ClusterDownError, RedisClusterException
from redis.retry import Retry

from smart_support.config import Settings, get_settings

# Code annotated with this type uses only the command API both clients share.
Cache: TypeAlias = redis.Redis

# What "the cache is unavailable" looks like. During a slot move or failover the cluster
# client can also raise RedisClusterException (e.g. SlotNotCoveredError), not a RedisError.
CACHE_ERRORS: tuple[type[Exception], ...] = (redis.RedisError, RedisClusterException)

CLUSTER_MODES = ("auto", "1", "0")


class _Cluster(RedisCluster):
    """RedisCluster whose pipelines re-read the slot map after losing a node.

    redis-py 8.1 refreshes the map when a single command meets a dead master, but a pipeline
    kept aiming at the dead node after its replica had taken over (measured: no recovery in
    25 s; related: redis-py issues #2224 and #3130). So a pipeline that fails to reach a node
    refreshes the map before the error goes up as a 503, and the retry finds the new master.
    """

    def pipeline(self, transaction: Any = None, shard_hint: Any = None) -> Any:
        pipe = super().pipeline(transaction=transaction, shard_hint=shard_hint)
        execute = pipe.execute

        def execute_then_refresh(raise_on_error: bool = True) -> Any:
            try:
                return execute(raise_on_error)
            except (redis.ConnectionError, redis.TimeoutError, ClusterDownError):
                # The caller answers 503 either way; if no node answers, the next call tries again.
                with contextlib.suppress(*CACHE_ERRORS):
                    self.nodes_manager.initialize()
                raise

        pipe.execute = execute_then_refresh
        return pipe


def _options(password: str | None) -> dict[str, Any]:
    settings = get_settings()
    return {
        "password": password or None,
        "decode_responses": True,
        "socket_connect_timeout": settings.redis_connect_timeout,
        "socket_timeout": settings.redis_socket_timeout,
    }


def cluster_enabled(url: str, password: str | None = None) -> bool:
    """Whether the server at ``url`` runs in cluster mode (``INFO cluster``)."""
    probe = redis.Redis.from_url(url, **_options(password))
    try:
        return bool(int(probe.info("cluster").get("cluster_enabled", 0)))
    finally:
        probe.close()


def connect(url: str, password: str | None = None, mode: str = "auto") -> Cache:
    """A client that fails fast: an unreachable cache is a 503, never a hung request.

    ``mode`` is ``REDIS_CLUSTER``. A cluster client reads the slot map at once, so an
    unreachable cluster raises here (one of CACHE_ERRORS) rather than on first use.
    """
    if mode not in CLUSTER_MODES:
        raise ValueError(f"REDIS_CLUSTER must be one of {', '.join(CLUSTER_MODES)}")
    if mode == "1" or (mode == "auto" and cluster_enabled(url, password)):
        # The db number in the URL is dropped: a cluster has only db 0.
        cluster = _Cluster.from_url(
            url,
            **_options(password),
            # A failover moves slots within a few seconds; 3 refreshes of the slot map with
            # redis-py's own backoff, then the caller answers 503 + Retry-After.
            retry=Retry(ExponentialWithJitterBackoff(base=0.05, cap=0.5), retries=3),
        )
        return cluster  # type: ignore[return-value]
    return redis.Redis.from_url(url, **_options(password), health_check_interval=30)


def is_cluster(client: object) -> bool:
    return isinstance(client, RedisCluster)


class PlaintextCacheUrl(ValueError):
    """An existing cache's URL (it carries the AUTH token) that is not rediss://."""


def connect_configured(settings: Settings) -> Cache:
    """The cache the settings name: the URL from settings or SSM, the AUTH token from Secrets
    Manager, one node or a cluster as REDIS_CLUSTER says. Raises PlaintextCacheUrl, or one of
    CACHE_ERRORS when a cluster (or the auto-detection) cannot reach the cache."""
    from aws_lambda_powertools.utilities import parameters

    url = settings.redis_url
    if settings.redis_url_parameter:
        # An existing cache's URL carries its AUTH token, so it lives in SSM as a SecureString.
        url = str(parameters.get_parameter(settings.redis_url_parameter, decrypt=True, max_age=300))
        if not url.startswith("rediss://") and not settings.redis_allow_plaintext:
            # The URL carries the AUTH token; over plain TCP it would cross the network in clear.
            raise PlaintextCacheUrl(
                "REDIS_URL_PARAMETER must hold a rediss:// (TLS) URL; "
                "set REDIS_ALLOW_PLAINTEXT=true only for a dev stage"
            )
    password = None
    if settings.redis_auth_secret:
        password = str(parameters.get_secret(settings.redis_auth_secret, max_age=300)).strip()
    return connect(url, password=password, mode=settings.redis_cluster)
