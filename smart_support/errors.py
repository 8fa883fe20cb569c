"""Domain errors. Each carries the HTTP status and code the API answers with."""

from __future__ import annotations

from typing import Any


class AppError(Exception):
    status = 500
    code = "internal_error"

    def __init__(
        self,
        message: str,
        *,
        details: list[Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            error["details"] = self.details
        return {"error": error}


class InvalidRequest(AppError):
    status = 422
    code = "validation_error"


class MalformedJson(AppError):
    status = 400
    code = "malformed_json"


class UnsupportedMediaType(AppError):
    status = 415
    code = "unsupported_media_type"


class PayloadTooLarge(AppError):
    status = 413
    code = "payload_too_large"


class NotFound(AppError):
    status = 404
    code = "not_found"


class MethodNotAllowed(AppError):
    status = 405
    code = "method_not_allowed"


class Conflict(AppError):
    status = 409
    code = "conflict"


class IdempotencyMismatch(AppError):
    status = 422
    code = "idempotency_key_reused"


class Unauthorized(AppError):
    status = 401
    code = "unauthorized"


class Forbidden(AppError):
    status = 403
    code = "forbidden"


class TooManyRequests(AppError):
    status = 429
    code = "throttled"


class DependencyUnavailable(AppError):
    """Redis or SQS did not answer; the client should retry after a pause."""

    status = 503
    code = "service_unavailable"

    def __init__(self, message: str, *, retry_after: int = 5, details: list[Any] | None = None):
        super().__init__(message, details=details, headers={"Retry-After": str(retry_after)})


def unavailable(exc: Exception, retry_after: int) -> DependencyUnavailable:
    """The 503 for a cache that did not answer."""
    return DependencyUnavailable(
        "the ticket store is unavailable; retry shortly",
        retry_after=retry_after,
        details=[{"dependency": "redis", "reason": type(exc).__name__}],
    )
