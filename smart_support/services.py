"""The clients and stores a function needs, built once per execution environment (cold start).

Tests and the local stack call ``reset_services()`` after changing the environment.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import redis

from smart_support.cache import CACHE_ERRORS, PlaintextCacheUrl, connect_configured
from smart_support.config import Settings, get_settings
from smart_support.dal.idempotency import IdempotencyClaims
from smart_support.dal.ready_queue import ReadyQueue
from smart_support.dal.sqs import TicketQueue, sqs_client
from smart_support.dal.tickets import TicketStore
from smart_support.errors import DependencyUnavailable, unavailable
from smart_support.keys import Keys


def connect_redis(settings: Settings) -> redis.Redis:
    """The cache client (``cache.connect_configured``), its failures as 503s."""
    try:
        return connect_configured(settings)
    except PlaintextCacheUrl as exc:
        raise DependencyUnavailable(str(exc), retry_after=settings.retry_after_seconds) from exc
    except CACHE_ERRORS as exc:
        # A cluster client (or the auto-detection) talks to the cache at cold start; failing
        # here is not cached, so the next invocation tries again.
        raise unavailable(exc, settings.retry_after_seconds) from exc


@dataclass
class Services:
    settings: Settings
    keys: Keys
    redis: redis.Redis
    tickets: TicketStore
    ready: ReadyQueue
    sqs: TicketQueue
    claims: IdempotencyClaims


@cache
def get_services() -> Services:
    settings = get_settings()
    if not settings.queue_url:
        raise DependencyUnavailable(
            "QUEUE_URL is not configured", retry_after=settings.retry_after_seconds
        )
    client = connect_redis(settings)
    keys = Keys(settings.key_prefix)
    tickets = TicketStore(client, keys, settings.ticket_ttl_seconds)
    return Services(
        settings=settings,
        keys=keys,
        redis=client,
        tickets=tickets,
        ready=ReadyQueue(client, keys, tickets),
        sqs=TicketQueue(sqs_client(settings.sqs_endpoint_url), settings.queue_url),
        claims=IdempotencyClaims(client, keys),
    )


def reset_services() -> None:
    get_services.cache_clear()
    get_settings.cache_clear()
