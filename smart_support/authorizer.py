"""The API Gateway REQUEST authorizer: an x-api-key header in, an IAM policy for its role out.

API Gateway caches the answer per key for the authorizer's TTL, so the policy lists every
route the role may call, not only the one asked for. A key of the wrong shape is refused
without Redis; a well-formed unknown key is remembered as bad for the cache TTL; and a
source address that keeps sending unknown keys is refused without Redis until its window
passes, so brute force cannot turn into load on the cache (the WAF rate rule stops it
earlier in AWS).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

from aws_lambda_powertools.utilities.data_classes.api_gateway_authorizer_event import (
    APIGatewayAuthorizerResponse,
)

from smart_support.access import Principal, routes_for
from smart_support.credentials import digest, well_formed

Lookup = Callable[[str], Principal | None]


class Unauthorized(Exception):
    """API Gateway answers 401 when a REQUEST authorizer raises with exactly this message."""

    def __init__(self) -> None:
        super().__init__("Unauthorized")


class BadKeyGuard:
    """What one execution environment remembers about keys and addresses that failed."""

    def __init__(
        self,
        *,
        remember_seconds: float = 60.0,
        budget: int = 20,
        window_seconds: float = 60.0,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.remember_seconds = remember_seconds
        self.budget = budget
        self.window_seconds = window_seconds
        self.max_entries = max_entries
        self.clock = clock
        self._bad: OrderedDict[str, float] = OrderedDict()  # key digest -> forget at
        self._failures: OrderedDict[str, tuple[float, int]] = OrderedDict()  # ip -> (start, n)

    def known_bad(self, key_digest: str) -> bool:
        until = self._bad.get(key_digest)
        return until is not None and until > self.clock()

    def over_budget(self, source: str) -> bool:
        start, count = self._failures.get(source, (0.0, 0))
        return count >= self.budget and self.clock() - start < self.window_seconds

    def record_failure(self, key_digest: str, source: str) -> None:
        now = self.clock()
        self._bad[key_digest] = now + self.remember_seconds
        self._bad.move_to_end(key_digest)
        start, count = self._failures.get(source, (now, 0))
        if now - start >= self.window_seconds:
            start, count = now, 0
        self._failures[source] = (start, count + 1)
        self._failures.move_to_end(source)
        for table in (self._bad, self._failures):
            while len(table) > self.max_entries:
                table.popitem(last=False)


def _header(headers: Mapping[str, Any] | None, name: str) -> str:
    for key, value in (headers or {}).items():
        if str(key).lower() == name:
            return str(value or "")
    return ""


def authenticate(event: Mapping[str, Any], lookup: Lookup, guard: BadKeyGuard) -> Principal:
    """The caller behind the request's key, or ``Unauthorized`` (401)."""
    api_key = _header(event.get("headers"), "x-api-key")
    source = str(((event.get("requestContext") or {}).get("identity") or {}).get("sourceIp", ""))
    if not well_formed(api_key):
        raise Unauthorized()
    key_digest = digest(api_key)
    if guard.known_bad(key_digest) or guard.over_budget(source):
        raise Unauthorized()
    principal = lookup(api_key)
    if principal is None:
        guard.record_failure(key_digest, source)
        raise Unauthorized()
    return principal


def policy(principal: Principal, method_arn: str) -> dict[str, Any]:
    """Allow every route of the principal's role on this API and stage (cache-safe)."""
    # arn:aws:execute-api:{region}:{account}:{api id}/{stage}/{METHOD}/{path}
    arn, _, route = method_arn.partition("/")
    _, partition, _, region, account, api_id = arn.split(":", 5)
    stage = route.split("/", 1)[0]
    response = APIGatewayAuthorizerResponse(
        principal_id=principal.principal_id,
        region=region,
        aws_account_id=account,
        api_id=api_id,
        stage=stage,
        context=principal.context(),
        partition=partition,
    )
    for method, path in routes_for(principal.role):
        response.allow_route(
            method, "/".join("*" if p.startswith("{") else p for p in path.split("/"))
        )
    return response.asdict()


def handle(event: Mapping[str, Any], lookup: Lookup, guard: BadKeyGuard) -> dict[str, Any]:
    return policy(authenticate(event, lookup, guard), str(event["methodArn"]))
