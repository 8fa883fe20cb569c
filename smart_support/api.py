"""The HTTP API: one resolver factory, the error mapping, and the routes of each function.

The ingest function serves ``ingest_router``; the query function serves
``query_router`` and documents both, so /docs and /openapi.json describe the whole API.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import time
from collections.abc import Mapping
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.exceptions import (
    RequestUnsupportedContentType,
    RequestValidationError,
)
from aws_lambda_powertools.event_handler.openapi.params import Header, Path, Query
from botocore.exceptions import BotoCoreError, ClientError

from smart_support.access import Principal, Role, check_route, principal_from_event
from smart_support.agents import Agent, AgentRegistry, AgentUpdate, Dispatcher, validate_agent_id
from smart_support.breaker import breaker_snapshot
from smart_support.cache import CACHE_ERRORS
from smart_support.config import CATEGORIES, get_settings
from smart_support.console import console_page
from smart_support.corrections import CorrectionIn, apply_correction, recent
from smart_support.dedup import IncidentStore, InvalidCursorError
from smart_support.errors import (
    AppError,
    Forbidden,
    InvalidRequest,
    MalformedJson,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    UnsupportedMediaType,
)
from smart_support.formats import AGENT_ID_PATTERN, INCIDENT_ID_PATTERN, TICKET_ID_PATTERN, now_iso
from smart_support.intake import accept_ticket
from smart_support.observability import logger
from smart_support.schemas import (
    ErrorOut,
    QueueOut,
    TicketAccepted,
    TicketDetail,
    TicketIn,
    TicketStatus,
    status_from_row,
)
from smart_support.services import get_services
from smart_support.store import unavailable

JSON = "application/json"
API_TITLE = "Smart-Support API"
TicketId = Annotated[str, Path(pattern=TICKET_ID_PATTERN, description="id from POST /tickets")]
AgentId = Annotated[str, Path(pattern=AGENT_ID_PATTERN)]
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
        try:
            decoded = base64.b64decode(raw, validate=True)
        except binascii.Error:
            return MalformedJson("the body is not valid base64")
        if len(decoded) > limit:
            return PayloadTooLarge(f"the body exceeds {limit} bytes")
        try:
            raw = decoded.decode("utf-8")
        except UnicodeDecodeError:
            return MalformedJson("the body is not valid UTF-8")
        event["body"], event["isBase64Encoded"] = raw, False
    if len(raw.encode("utf-8", "surrogatepass")) > limit:
        return PayloadTooLarge(f"the body exceeds {limit} bytes")
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


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document of the whole API, as /openapi.json serves it."""
    return dict(
        build_resolver(ingest_router, query_router)
        .get_openapi_schema()
        .model_dump(mode="json", by_alias=True, exclude_none=True)
    )


# Routes --------------------------------------------------------------------------

ingest_router = Router()
query_router = Router()


def _caller() -> Principal:
    """The caller of the request being resolved (the resolver already checked its role)."""
    principal = principal_from_event(query_router.current_event.raw_event)
    if principal is None:  # only reachable if a route is missing from ROUTE_ROLES
        raise Forbidden("this route has no roles")
    return principal


def _base_path() -> str:
    # Behind the execute-api URL the stage is part of the path; behind a custom domain not.
    context = ingest_router.current_event.raw_event.get("requestContext") or {}
    stage, path = context.get("stage") or "", context.get("path") or ""
    return f"/{stage}" if stage and path.startswith(f"/{stage}/") else ""


@ingest_router.post(
    "/tickets",
    summary="Submit a ticket",
    description="Answers 202 at once; classification and routing happen asynchronously.",
    responses={
        202: {"description": "Accepted", "content": {JSON: {"model": TicketAccepted}}},
        **ERRORS,
    },
)
def submit_ticket(
    ticket: TicketIn,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            description="same key, same ticket for 24 h; 1 to 255 printable characters",
            min_length=1,
            max_length=255,
        ),
    ] = None,
) -> Response[dict[str, Any]]:
    accepted = accept_ticket(get_services(), ticket, idempotency_key, _caller().principal_id)
    status_url = f"{_base_path()}/tickets/{accepted.ticket_id}/status"
    body = TicketAccepted(ticket_id=accepted.ticket_id, status_url=status_url)
    headers = {"Location": status_url}
    if accepted.replayed:
        headers["Idempotent-Replayed"] = "true"
    return json_response(202, body.model_dump(), headers)


@query_router.get(
    "/tickets/<ticket_id>/status",
    summary="A ticket's status",
    responses={
        200: {"description": "Status", "content": {JSON: {"model": TicketStatus}}},
        **ERRORS,
    },
)
def ticket_status(ticket_id: TicketId) -> dict[str, Any]:
    row = get_services().store.get(ticket_id)
    caller = _caller()
    # A submitter sees its own tickets only; others' answer as unknown, so ids cannot be probed.
    if row is None or (
        caller.role is Role.SUBMITTER and row.get("submitted_by") != caller.principal_id
    ):
        raise NotFound(f"no ticket {ticket_id}")
    return status_from_row(row).model_dump(exclude_none=True)


@query_router.get(
    "/queue",
    summary="Tickets: ready by urgency, then pending/processing",
    responses={200: {"description": "A page", "content": {JSON: {"model": QueueOut}}}, **ERRORS},
)
def queue(
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> dict[str, Any]:
    page = get_services().store.queue_page(limit, cursor)
    items = [status_from_row(row).model_dump(exclude_none=True) for row in page.items]
    return {"items": items, "next_cursor": page.next_cursor}


NEXT_DESCRIPTION = (
    "An agent's key takes its own assigned tickets first, then unassigned ones in categories "
    "it has a skill for, never another agent's; `agent` may only name itself. An admin's key "
    "pops from the whole queue, optionally one agent's or category's view. POST is the "
    "preferred form (it changes state); GET stays for older clients and behaves the same."
)


@query_router.post(
    "/tickets/next",
    summary="Take the most urgent ready ticket",
    description=NEXT_DESCRIPTION,
    responses={
        200: {"description": "The ticket", "content": {JSON: {"model": TicketDetail}}},
        **ERRORS,
    },
)
@query_router.get(
    "/tickets/next",
    summary="Take the most urgent ready ticket (GET form)",
    description=NEXT_DESCRIPTION,
    responses={
        200: {"description": "The ticket", "content": {JSON: {"model": TicketDetail}}},
        **ERRORS,
    },
)
def next_ticket(
    agent: Annotated[str | None, Query(pattern=AGENT_ID_PATTERN)] = None,
    category: Annotated[str | None, Query(pattern="^(" + "|".join(CATEGORIES) + ")$")] = None,
) -> dict[str, Any]:
    services = get_services()
    store = services.store
    caller = _caller()
    if caller.agent_id is not None:
        if agent not in (None, caller.agent_id):
            raise Forbidden("an agent's key takes tickets for that agent only")
        ticket_id = _take_as_agent(services, caller.agent_id, category)
        agent = caller.agent_id
    else:
        ticket_id = store.pop_next(agent=agent, category=category)
    if ticket_id is None:
        raise NotFound(
            "no ready ticket"
            + (f" for agent {agent}" if agent else "")
            + (f" in {category}" if category else "")
        )
    stamp = now_iso()
    store.update(ticket_id, {"dequeued_at": stamp})
    row = store.get(ticket_id) or {
        "ticket_id": ticket_id,
        "status": "completed",
        "created_at": stamp,
    }
    return status_from_row(row, TicketDetail).model_dump(exclude_none=True)


# The last healthy answer, per set of services, with when it was taken (monotonic seconds).
_last_healthy: tuple[Any, float, dict[str, Any]] | None = None


@query_router.get(
    "/health",
    summary="Liveness of Redis and the queue (open to all)",
    description="A healthy answer is reused for HEALTH_CACHE_SECONDS, so calling this often "
    "cannot load Redis or SQS; an unhealthy one is checked again on every call.",
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
        services.store.ping()
        checks["redis"] = "ok"
    except CACHE_ERRORS as exc:
        checks["redis"] = f"down: {type(exc).__name__}"
    try:
        checks["queue"] = "ok"
        checks["queue_depth"] = services.queue.depth()
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


def _take_as_agent(services: Any, agent_id: str, category: str | None) -> str | None:
    registry = AgentRegistry(services.redis, services.keys)
    registry.ensure_seeded()
    known = registry.get(agent_id)
    skills = [c for c in CATEGORIES if known is not None and known.skills.get(c, 0) > 0]
    taken = services.store.pop_for_agent(agent_id, skills, category=category)
    if taken is None:
        return None
    ticket_id, was_assigned = taken
    if not was_assigned:
        # An unassigned ticket becomes the agent's (capacity allowing), so it may resolve it.
        fields = {"taken_by": agent_id, "updated_at": now_iso()}
        if registry.reserve(ticket_id, agent_id):
            fields["assigned_agent"] = agent_id
        services.store.update(ticket_id, fields)
    return ticket_id


# Incidents, agents, resolve --------------------------------------------------------

IncidentId = Annotated[str, Path(pattern=INCIDENT_ID_PATTERN)]


@query_router.get(
    "/incidents",
    summary="Master incidents, newest first",
    responses={200: {"description": "A page"}, **ERRORS},
)
def incidents(
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> dict[str, Any]:
    services = get_services()
    try:
        items, next_cursor = IncidentStore(
            services.redis, services.keys, services.settings
        ).list_incidents(limit, cursor)
    except InvalidCursorError as exc:
        raise InvalidRequest("cursor is not one this API gave out") from exc
    return {"items": items, "next_cursor": next_cursor}


@query_router.get(
    "/incidents/<incident_id>",
    summary="One incident with its members",
    responses={200: {"description": "The incident"}, **ERRORS},
)
def incident(
    incident_id: IncidentId,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(max_length=20)] = None,
) -> dict[str, Any]:
    services = get_services()
    try:
        found = IncidentStore(services.redis, services.keys, services.settings).get_incident(
            incident_id, limit, cursor
        )
    except InvalidCursorError as exc:
        raise InvalidRequest("cursor is not one this API gave out") from exc
    if found is None:
        raise NotFound(f"no incident {incident_id}")
    return found


@query_router.get(
    "/agents",
    summary="The agent registry with current loads",
    responses={200: {"description": "Agents"}, **ERRORS},
)
def agents() -> dict[str, Any]:
    services = get_services()
    registry = AgentRegistry(services.redis, services.keys)
    registry.ensure_seeded()
    return {"items": [a.model_dump() for a in registry.list_agents()]}


@query_router.put(
    "/agents/<agent_id>",
    summary="Create or update an agent (admin)",
    responses={200: {"description": "The agent", "content": {JSON: {"model": Agent}}}, **ERRORS},
)
def put_agent(agent_id: AgentId, update: AgentUpdate) -> dict[str, Any]:
    services = get_services()
    registry = AgentRegistry(services.redis, services.keys)
    registry.ensure_seeded()
    agent = registry.put(validate_agent_id(agent_id), update)
    # More capacity, or an agent back online, can take tickets that were waiting.
    for ticket_id, taker in Dispatcher(registry).drain_waiting().items():
        services.store.hand_over(ticket_id, taker)
    return (registry.get(agent.agent_id) or agent).model_dump()


@query_router.post(
    "/tickets/<ticket_id>/resolve",
    summary="Resolve a ticket (its agent, or an admin)",
    description="Frees the agent's capacity and hands it the best waiting "
    "ticket it can take. Resolving twice is harmless.",
    responses={200: {"description": "Resolved"}, **ERRORS},
)
def resolve_ticket(ticket_id: TicketId) -> dict[str, Any]:
    services = get_services()
    store = services.store
    row = store.get(ticket_id)
    if row is None:
        raise NotFound(f"no ticket {ticket_id}")
    caller = _caller()
    if caller.agent_id is not None and caller.agent_id not in (
        row.get("assigned_agent"),
        row.get("taken_by"),
    ):
        raise Forbidden("an agent may resolve only its own tickets")
    outcome = Dispatcher(AgentRegistry(services.redis, services.keys)).resolve(ticket_id)
    if not outcome.already_resolved:
        stamp = now_iso()
        store.update(ticket_id, {"status": "resolved", "resolved_at": stamp, "updated_at": stamp})
        store.remove_from_queue(ticket_id)
    if outcome.handed_ticket_id and outcome.handed_agent_id:
        store.hand_over(outcome.handed_ticket_id, outcome.handed_agent_id)
    return {
        "ticket_id": ticket_id,
        "status": "resolved",
        "agent_id": outcome.agent_id,
        "already_resolved": outcome.already_resolved,
        "handed_ticket_id": outcome.handed_ticket_id,
    }


# Corrections and the console -------------------------------------------------------


@query_router.post(
    "/tickets/<ticket_id>/correction",
    summary="Correct a ticket's category and/or urgency (its agent, or an admin)",
    description="Re-routes the ticket by the corrected category (its old agent's slot is "
    "freed, it moves in the ready queue), records who changed what from what to what, and "
    "keeps the labelled example for the next model build. Repeating a correction changes "
    "nothing; correcting a resolved ticket or an incident member only records the label. "
    "409 while the ticket is not yet processed.",
    responses={
        200: {"description": "The updated status", "content": {JSON: {"model": TicketStatus}}},
        409: {"description": "Not processed yet", "content": {JSON: {"model": ErrorOut}}},
        **ERRORS,
    },
)
def correct_ticket(ticket_id: TicketId, correction: CorrectionIn) -> dict[str, Any]:
    services = get_services()
    apply_correction(services, ticket_id, correction, _caller())
    row = services.store.get(ticket_id)
    if row is None:
        raise NotFound(f"no ticket {ticket_id}")
    return status_from_row(row).model_dump(exclude_none=True)


@query_router.get(
    "/corrections",
    summary="The latest corrections, newest first",
    responses={200: {"description": "Corrections"}, **ERRORS},
)
def corrections(limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
    services = get_services()
    return {"items": recent(services.redis, services.keys, limit)}


@query_router.get(
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
