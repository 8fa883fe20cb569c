"""Master incidents: the newest first, and one with its members."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from smart_support.dal.incidents import IncidentStore, InvalidCursorError
from smart_support.errors import InvalidRequest, NotFound
from smart_support.http import ERRORS, JSON, IncidentId
from smart_support.schemas import IncidentDetail, IncidentPage
from smart_support.services import get_services

router = Router()
TAGS = ["incidents"]


def _incidents() -> IncidentStore:
    services = get_services()
    return IncidentStore(services.redis, services.keys, services.settings)


@router.get(
    "/incidents",
    summary="Master incidents, newest first",
    responses={
        200: {"description": "A page", "content": {JSON: {"model": IncidentPage}}},
        **ERRORS,
    },
    tags=TAGS,
)
def incidents(
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> dict[str, Any]:
    try:
        items, next_cursor = _incidents().list_incidents(limit, cursor)
    except InvalidCursorError as exc:
        raise InvalidRequest("cursor is not one this API gave out") from exc
    return {"items": items, "next_cursor": next_cursor}


@router.get(
    "/incidents/<incident_id>",
    summary="One incident with its members",
    responses={
        200: {"description": "The incident", "content": {JSON: {"model": IncidentDetail}}},
        **ERRORS,
    },
    tags=TAGS,
)
def incident(
    incident_id: IncidentId,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(max_length=20)] = None,
) -> dict[str, Any]:
    try:
        found = _incidents().get_incident(incident_id, limit, cursor)
    except InvalidCursorError as exc:
        raise InvalidRequest("cursor is not one this API gave out") from exc
    if found is None:
        raise NotFound(f"no incident {incident_id}")
    return found
