"""Operations: the health check (open to all) and the operator console page."""

from __future__ import annotations

import time
from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from botocore.exceptions import BotoCoreError, ClientError

from smart_support.cache import CACHE_ERRORS
from smart_support.console import console_page
from smart_support.dal.breaker import breaker_snapshot
from smart_support.errors import AppError
from smart_support.http import JSON, json_response
from smart_support.schemas import HealthOut
from smart_support.services import get_services

router = Router()
TAGS = ["operations"]

# The last healthy answer, per set of services, with when it was taken (monotonic seconds).
_last_healthy: tuple[Any, float, dict[str, Any]] | None = None


@router.get(
    "/health",
    summary="Liveness of Redis and the queue (open to all)",
    description="A healthy answer is reused for HEALTH_CACHE_SECONDS, so calling this often "
    "cannot load Redis or SQS; an unhealthy one is checked again on every call.",
    responses={
        200: {"description": "Healthy", "content": {JSON: {"model": HealthOut}}},
        503: {"description": "Redis or SQS down", "content": {JSON: {"model": HealthOut}}},
    },
    tags=TAGS,
)
def health() -> Response[dict[str, Any]]:
    global _last_healthy
    try:
        services = get_services()
    except AppError as exc:
        return json_response(
            503, {"status": "unavailable", "checks": {"config": exc.message}}, {"Retry-After": "5"}
        )
    now = time.monotonic()
    cached = _last_healthy
    if (
        cached
        and cached[0] is services
        and now - cached[1] < services.settings.health_cache_seconds
    ):
        return json_response(200, cached[2])
    status, body, headers = _check_health(services)
    _last_healthy = (services, now, body) if status == 200 else None
    return json_response(status, body, headers)


def _check_health(services: Any) -> tuple[int, dict[str, Any], dict[str, str]]:
    checks: dict[str, Any] = {}
    try:
        services.tickets.ping()
        checks["redis"] = "ok"
    except CACHE_ERRORS as exc:
        checks["redis"] = f"down: {type(exc).__name__}"
    try:
        checks["queue"] = "ok"
        checks["queue_depth"] = services.sqs.depth()
    except (BotoCoreError, ClientError) as exc:
        checks["queue"] = f"down: {type(exc).__name__}"
    try:
        # Informational: an open breaker degrades answers to the baseline, it is not an outage.
        checks["model_breaker"] = breaker_snapshot(services.redis, services.keys)["state"]
    except CACHE_ERRORS:
        checks["model_breaker"] = "unknown"
    down = [name for name in ("redis", "queue") if checks[name] != "ok"]
    if down:
        return (
            503,
            {"status": "unavailable", "down": down, "checks": checks},
            {"Retry-After": str(services.settings.retry_after_seconds)},
        )
    return 200, {"status": "ok", "checks": checks}, {}


@router.get(
    "/console",
    summary="The operator console: one static page over this API (open; its calls need a key)",
    include_in_schema=False,
)
def console() -> Response[str]:
    page = console_page()
    return Response(
        200,
        "text/html; charset=utf-8",
        page.html,
        headers={
            "Content-Security-Policy": page.policy,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store",
        },
    )
