"""Authorizer function: the x-api-key of a request checked against the key digests in Redis.

Small on purpose: no resolver, no SQS, no model; one Redis client per environment.
"""

from functools import cache
from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from smart_support.access import Principal
from smart_support.authorizer import BadKeyGuard, handle
from smart_support.config import get_settings
from smart_support.credentials import CredentialStore
from smart_support.keys import Keys
from smart_support.observability import logger
from smart_support.services import connect_redis


@cache
def guard() -> BadKeyGuard:
    settings = get_settings()
    return BadKeyGuard(
        remember_seconds=settings.authorizer_failure_window_seconds,
        budget=settings.authorizer_failure_budget,
        window_seconds=settings.authorizer_failure_window_seconds,
    )


@cache
def credentials() -> CredentialStore:
    settings = get_settings()
    return CredentialStore(connect_redis(settings), Keys(settings.key_prefix))


def lookup(api_key: str) -> Principal | None:
    return credentials().lookup(api_key)


@logger.inject_lambda_context(clear_state=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return handle(event, lookup, guard())
