"""The clients a function needs, built once per execution environment (cold start).

Tests and the local stack call ``reset_services()`` after changing the environment.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import boto3
import redis
from botocore.config import Config

from smart_support.cache import CACHE_ERRORS, connect
from smart_support.config import Settings, get_settings
from smart_support.errors import DependencyUnavailable, unavailable
from smart_support.keys import Keys
from smart_support.store import TicketStore

_AWS_CONFIG = Config(
    connect_timeout=1,
    read_timeout=3,
    retries={"max_attempts": 2, "mode": "standard"},
)


class TicketQueue:
    """Sends accepted tickets to SQS for the process function."""

    def __init__(self, client: Any, queue_url: str) -> None:
        self.client = client
        self.queue_url = queue_url

    def send(self, message: dict[str, Any]) -> str:
        response = self.client.send_message(
            QueueUrl=self.queue_url,
            MessageBody=json.dumps(message, separators=(",", ":")),
        )
        return str(response["MessageId"])

    def depth(self) -> dict[str, int]:
        attrs = self.client.get_queue_attributes(
            QueueUrl=self.queue_url,
            AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        )["Attributes"]
        return {
            "visible": int(attrs.get("ApproximateNumberOfMessages", 0)),
            "in_flight": int(attrs.get("ApproximateNumberOfMessagesNotVisible", 0)),
        }


def connect_redis(settings: Settings) -> redis.Redis:
    """The cache client: the URL from settings or SSM, the AUTH token from Secrets Manager,
    one node or a cluster as REDIS_CLUSTER says (``cache.connect``)."""
    from aws_lambda_powertools.utilities import parameters

    url = settings.redis_url
    if settings.redis_url_parameter:
        # An existing cache's URL carries its AUTH token, so it lives in SSM as a SecureString.
        url = str(parameters.get_parameter(settings.redis_url_parameter, decrypt=True, max_age=300))
        if not url.startswith("rediss://") and not settings.redis_allow_plaintext:
            # The URL carries the AUTH token; over plain TCP it would cross the network in clear.
            raise DependencyUnavailable(
                "REDIS_URL_PARAMETER must hold a rediss:// (TLS) URL; "
                "set REDIS_ALLOW_PLAINTEXT=true only for a dev stage",
                retry_after=settings.retry_after_seconds,
            )
    password = None
    if settings.redis_auth_secret:
        password = str(parameters.get_secret(settings.redis_auth_secret, max_age=300)).strip()
    try:
        return connect(url, password=password, mode=settings.redis_cluster)
    except CACHE_ERRORS as exc:
        # A cluster client (or the auto-detection) talks to the cache at cold start; failing
        # here is not cached, so the next invocation tries again.
        raise unavailable(exc, settings.retry_after_seconds) from exc


@dataclass
class Services:
    settings: Settings
    keys: Keys
    redis: redis.Redis
    store: TicketStore
    queue: TicketQueue


@cache
def get_services() -> Services:
    settings = get_settings()
    if not settings.queue_url:
        raise DependencyUnavailable(
            "QUEUE_URL is not configured", retry_after=settings.retry_after_seconds
        )
    client = connect_redis(settings)
    keys = Keys(settings.key_prefix)
    return Services(
        settings=settings,
        keys=keys,
        redis=client,
        store=TicketStore(client, keys, settings.ticket_ttl_seconds),
        queue=TicketQueue(
            boto3.client("sqs", config=_AWS_CONFIG, endpoint_url=settings.sqs_endpoint_url or None),
            settings.queue_url,
        ),
    )


def reset_services() -> None:
    get_services.cache_clear()
    get_settings.cache_clear()
