"""The HTTP edge shared by every function: the resolver, the raw-body and role checks, the
error mapping, and who is calling.

Routes live in ``smart_support.routes``, one module per tag; each function includes only the
routers it serves, so it imports only what those routes need.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.exceptions import (
    RequestUnsupportedContentType,
    RequestValidationError,
)
from aws_lambda_powertools.event_handler.openapi.params import Path

from smart_support.access import Principal, check_route, principal_from_event
from smart_support.cache import CACHE_ERRORS
from smart_support.config import get_settings
from smart_support.errors import (
    AppError,
    Forbidden,
    InvalidRequest,
    MalformedJson,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    UnsupportedMediaType,
    unavailable,
)
from smart_support.formats import AGENT_ID_PATTERN, INCIDENT_ID_PATTERN, TICKET_ID_PATTERN
from smart_support.observability import logger
from smart_support.schemas import ErrorOut

JSON = "application/json"
API_TITLE = "Smart-Support API"
TicketId = Annotated[str, Path(pattern=TICKET_ID_PATTERN, description="id from POST /tickets")]
AgentId = Annotated[str, Path(pattern=AGENT_ID_PATTERN)]
IncidentId = Annotated[str, Path(pattern=INCIDENT_ID_PATTERN)]
ERRORS: dict[int, Any] = {
    code: {"description": text, "content": {JSON: {"model": ErrorOut}}}
    for code, text in (
        (400, "Malformed request"),
        (401, "Missing or unknown API key"),
        (403, "This key's role may not do this"),
        (404, "Not found"),
        (413, "Too large"),
        (415, "Not JSON"),
        (422, "Invalid input"),
        (503, "Dependency down"),
    )
}


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    # The body stays a dict: Powertools validates it against the route's response model
    # and serialises it.
    return Response(status_code=status, content_type=JSON, body=body, headers=headers or {})


def error_response(error: AppError) -> Response:
    return json_response(error.status, error.body(), error.headers)


# Raw-body checks --------------------------------------------------------------------


def _body_problem(event: dict[str, Any]) -> AppError | None:
    """What is wrong with a request body before JSON validation may look at it."""
    raw = event.get("body")
    if raw is None or event.get("httpMethod") not in ("POST", "PUT", "PATCH"):
        return None
    headers = {str(k).lower(): str(v) for k, v in (event.get("headers") or {}).items()}
    content_type = headers.get("content-type", "application/json").split(";")[0].strip().lower()
    if content_type != "application/json":
        return UnsupportedMediaType("send the body as application/json")
    _normalise_content_type(event)
    limit = get_settings().max_request_bytes
    if event.get("isBase64Encoded"):
        decoded = _decode_base64(raw, limit)
        if isinstance(decoded, AppError):
            return decoded
        raw = decoded
        event["body"], event["isBase64Encoded"] = raw, False
    if len(raw.encode("utf-8", "surrogatepass")) > limit:
        return PayloadTooLarge(f"the body exceeds {limit} bytes")
    return _json_object_problem(raw)


def _decode_base64(raw: str, limit: int) -> str | AppError:
    """The text of a base64 body, or what is wrong with it."""
    try:
        decoded = base64.b64decode(raw, validate=True)
    except binascii.Error:
        return MalformedJson("the body is not valid base64")
    if len(decoded) > limit:
        return PayloadTooLarge(f"the body exceeds {limit} bytes")
    try:
        return decoded.decode("utf-8")
    except UnicodeDecodeError:
        return MalformedJson("the body is not valid UTF-8")


def _json_object_problem(raw: str) -> AppError | None:
    try:
        parsed = json.loads(raw)
    except RecursionError:
        return MalformedJson("the body nests too deeply")
    except ValueError:
        return MalformedJson("the body is not valid JSON")
    if not isinstance(parsed, dict):
        # Powertools would validate the first element of an array as if it were the body.
        issue = {"field": "body", "in": "body", "issue": "the body must be a JSON object"}
        return InvalidRequest("the request is not valid", details=[issue])
    return None


def _normalise_content_type(event: dict[str, Any]) -> None:
    # Media types are case-insensitive, but Powertools compares the header as written.
    for field, normal in (("headers", JSON), ("multiValueHeaders", [JSON])):
        given = event.get(field) or {}
        if any(str(name).lower() == "content-type" for name in given):
            event[field] = {
                name: normal if str(name).lower() == "content-type" else value
                for name, value in given.items()
            }


def _access_problem(event: dict[str, Any]) -> AppError | None:
    """The role check again, from the authorizer's context (defence in depth)."""
    try:
        check_route(event)
    except AppError as error:
        return error
    return None


class Resolver(APIGatewayRestResolver):
    """Powertools' REST resolver, with the raw body checked before routing and validation."""

    def resolve(self, event: Mapping[str, Any], context: Any) -> dict[str, Any]:
        event = dict(event)  # the checks may replace a base64 body by its decoded text
        problem = _access_problem(event) or _body_problem(event)
        if problem is not None:
            headers = {"Content-Type": [JSON], **{k: [v] for k, v in problem.headers.items()}}
            return {
                "statusCode": problem.status,
                "body": json.dumps(problem.body()),
                "isBase64Encoded": False,
                "multiValueHeaders": headers,
            }
        return super().resolve(event, context)


# Resolver factory ------------------------------------------------------------------


def _field(loc: Any) -> str:
    parts = [str(p) for p in loc if p != "body"] if isinstance(loc, (list, tuple)) else [str(loc)]
    return ".".join(parts) or "body"


def build_resolver(*routers: Router) -> Resolver:
    app = Resolver(enable_validation=True)
    title, version, description = API_TITLE, "1.0.0", "Submit, track and route support tickets."
    app.configure_openapi(title=title, version=version, description=description)
    app.enable_swagger(path="/docs", title=title, version=version, description=description)
    for router in routers:
        app.include_router(router)

    @app.get("/openapi.json", include_in_schema=False)
    def openapi() -> Response[str]:
        return Response(200, JSON, app.get_openapi_json_schema())

    @app.exception_handler(AppError)
    def app_error(error: AppError) -> Response:
        return error_response(error)

    @app.exception_handler(RequestValidationError)
    def invalid(error: RequestValidationError) -> Response:
        details = []
        for item in error.errors():
            if item.get("type") == "json_invalid":
                return error_response(MalformedJson("the body is not valid JSON"))
            loc = item.get("loc", ())
            details.append(
                {
                    "field": _field(loc),
                    "in": loc[0] if loc else "body",
                    "issue": str(item.get("msg", "invalid")),
                }
            )
        return json_response(
            422,
            {
                "error": {
                    "code": "validation_error",
                    "message": "the request is not valid",
                    "details": details,
                }
            },
        )

    @app.exception_handler(RequestUnsupportedContentType)
    def not_json(_: RequestUnsupportedContentType) -> Response:
        return error_response(UnsupportedMediaType("send the body as application/json"))

    @app.exception_handler(list(CACHE_ERRORS))
    def redis_down(error: Exception) -> Response:
        logger.warning("redis unavailable", extra={"error": type(error).__name__})
        return error_response(unavailable(error, get_settings().retry_after_seconds))

    @app.exception_handler(Exception)
    def unexpected(error: Exception) -> Response:
        logger.exception("unhandled error")
        return json_response(
            500,
            {"error": {"code": "internal_error", "message": "something went wrong on our side"}},
        )

    @app.not_found
    def not_found(_: Exception) -> Response:
        event = app.current_event
        allowed = [m for m, pattern in _route_table(app) if pattern.fullmatch(event.path or "")]
        if allowed:
            error: AppError = MethodNotAllowed(
                f"{event.http_method} is not allowed on this path",
                headers={"Allow": ", ".join(sorted(set(allowed)))},
            )
            return error_response(error)
        return error_response(NotFound(f"no route for {event.http_method} {event.path}"))

    return app


def _route_table(app: APIGatewayRestResolver) -> list[tuple[str, re.Pattern[str]]]:
    # Powertools answers 404 for a known path with another method; this lets us say 405.
    return [
        (route.method.upper(), route.rule) for route in app._static_routes + app._dynamic_routes
    ]


# Powertools keeps the request being resolved on the Router class, shared by every router.
_current = Router()


def caller() -> Principal:
    """The caller of the request being resolved (the resolver already checked its role)."""
    principal = principal_from_event(_current.current_event.raw_event)
    if principal is None:  # only reachable if a route is missing from ROUTE_ROLES
        raise Forbidden("this route has no roles")
    return principal


def base_path() -> str:
    """The stage prefix: part of the path behind the execute-api URL, not behind a domain."""
    context = _current.current_event.raw_event.get("requestContext") or {}
    stage, path = context.get("stage") or "", context.get("path") or ""
    return f"/{stage}" if stage and path.startswith(f"/{stage}/") else ""
