"""What API Gateway does before a guarded route reaches its function, for the local front.

In ``keys`` mode (``AUTH=1``) the template's REQUEST authorizer runs as in AWS: a missing
key is 401 without calling it, its answer is cached per key for the template's TTL, and
the request goes on only if the returned policy allows this method ARN (else 403). The
``open`` mode (plain ``make run``) lets every caller in as a local admin; ``shared`` is
the older single ``API_KEY``, whose holder is an admin.
"""

from __future__ import annotations

import fnmatch
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from local_stack.poller import LambdaContext
from smart_support.observability import logger

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]
ARN_PREFIX = "arn:aws:execute-api:us-east-1:000000000000:localapi"
LOCAL_ADMIN = {
    "principalId": "admin:local",
    "role": "admin",
    "name": "local",
    "key_id": "open",
}


@dataclass(frozen=True)
class Refusal:
    status: int
    code: str
    message: str
    headers: tuple[tuple[str, str], ...] = ()


UNAUTHORIZED = Refusal(401, "unauthorized", "a valid x-api-key header is required")
DENIED = Refusal(403, "forbidden", "this key may not call this route from here")
FAILED = Refusal(
    503,
    "service_unavailable",
    "credentials cannot be checked now; retry shortly",
    (("Retry-After", "5"),),
)


class Gate:
    def __init__(
        self,
        mode: str,
        authorizer: Handler | None = None,
        ttl_seconds: float = 0.0,
        shared_key: str = "",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if mode not in ("open", "shared", "keys") or (mode == "keys" and authorizer is None):
            raise ValueError(f"gate mode {mode!r} needs what it checks with")
        self.mode = mode
        self.authorizer = authorizer
        self.ttl = ttl_seconds
        self.shared_key = shared_key
        self.clock = clock
        self._cache: dict[str, tuple[float, dict[str, Any]]] = {}
        self._lock = threading.Lock()

    def check(
        self, method: str, path: str, headers: Mapping[str, str], event: dict[str, Any]
    ) -> dict[str, Any] | Refusal:
        """The authorizer context to put on the event, or why API Gateway would refuse."""
        if self.mode == "open":
            return dict(LOCAL_ADMIN)
        api_key = next((v for k, v in headers.items() if k.lower() == "x-api-key"), "")
        if not api_key:
            return UNAUTHORIZED
        if self.mode == "shared":
            return (
                dict(LOCAL_ADMIN, key_id="shared") if api_key == self.shared_key else UNAUTHORIZED
            )
        method_arn = f"{ARN_PREFIX}/{event['requestContext']['stage']}/{method}{path}"
        answer = self._authorize(api_key, method_arn, event)
        if isinstance(answer, Refusal):
            return answer
        if not _allows(answer.get("policyDocument") or {}, method_arn):
            return DENIED
        return {**(answer.get("context") or {}), "principalId": answer.get("principalId", "")}

    def _authorize(
        self, api_key: str, method_arn: str, event: dict[str, Any]
    ) -> dict[str, Any] | Refusal:
        with self._lock:
            cached = self._cache.get(api_key)
            if cached is not None and cached[0] > self.clock():
                return cached[1]
            request = {
                **{k: event.get(k) for k in ("resource", "path", "httpMethod", "headers")},
                "type": "REQUEST",
                "methodArn": method_arn,
                "multiValueHeaders": event.get("multiValueHeaders"),
                "queryStringParameters": event.get("queryStringParameters"),
                "pathParameters": event.get("pathParameters"),
                "stageVariables": None,
                "requestContext": event.get("requestContext"),
            }
            # bandit B101: set in keys mode (__init__)
            assert self.authorizer is not None  # nosec B101
            try:
                answer = self.authorizer(request, LambdaContext("AuthorizerFunction"))
            except Exception as exc:
                if str(exc) == "Unauthorized":
                    return UNAUTHORIZED
                logger.warning("authorizer failed", extra={"error": type(exc).__name__})
                return FAILED
            if self.ttl > 0:
                self._cache[api_key] = (self.clock() + self.ttl, answer)
            return answer


def _allows(document: Mapping[str, Any], method_arn: str) -> bool:
    """IAM evaluation for one action: an explicit Deny wins, else some Allow must match."""
    allowed = False
    for statement in document.get("Statement") or []:
        resources = statement.get("Resource") or []
        if isinstance(resources, str):
            resources = [resources]
        if any(fnmatch.fnmatchcase(method_arn, pattern) for pattern in resources):
            if statement.get("Effect") == "Deny":
                return False
            allowed = allowed or statement.get("Effect") == "Allow"
    return allowed
