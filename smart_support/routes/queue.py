"""The ready queue: a page of it, and taking the most urgent ticket."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from smart_support.config import CATEGORIES
from smart_support.errors import InvalidRequest
from smart_support.formats import AGENT_ID_PATTERN, InvalidCursorError
from smart_support.http import ERRORS, JSON, caller
from smart_support.logic.take_next import take_next
from smart_support.schemas import QueueOut, TicketDetail, status_of
from smart_support.services import get_services

router = Router()
TAGS = ["queue"]


@router.get(
    "/queue",
    summary="Tickets: ready by urgency, then pending/processing",
    responses={200: {"description": "A page", "content": {JSON: {"model": QueueOut}}}, **ERRORS},
    tags=TAGS,
)
def queue(
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> dict[str, Any]:
    try:
        page = get_services().ready.page(limit, cursor)
    except InvalidCursorError as exc:
        raise InvalidRequest("cursor is not one this API gave out") from exc
    items = [status_of(row).model_dump(exclude_none=True) for row in page.items]
    return {"items": items, "next_cursor": page.next_cursor}


NEXT_DESCRIPTION = (
    "An agent's key takes its own assigned tickets first, then unassigned ones in categories "
    "it has a skill for, never another agent's; `agent` may only name itself. An admin's key "
    "pops from the whole queue, optionally one agent's or category's view. POST is the "
    "preferred form (it changes state); GET stays for older clients and behaves the same."
)
NEXT_RESPONSES: dict[int, Any] = {
    200: {"description": "The ticket", "content": {JSON: {"model": TicketDetail}}},
    **ERRORS,
}


@router.post(
    "/tickets/next",
    summary="Take the most urgent ready ticket",
    description=NEXT_DESCRIPTION,
    responses=NEXT_RESPONSES,
    tags=TAGS,
)
@router.get(
    "/tickets/next",
    summary="Take the most urgent ready ticket (GET form)",
    description=NEXT_DESCRIPTION,
    responses=NEXT_RESPONSES,
    tags=TAGS,
)
def next_ticket(
    agent: Annotated[str | None, Query(pattern=AGENT_ID_PATTERN)] = None,
    category: Annotated[str | None, Query(pattern="^(" + "|".join(CATEGORIES) + ")$")] = None,
) -> dict[str, Any]:
    row = take_next(get_services(), caller(), agent, category)
    return status_of(row, TicketDetail).model_dump(exclude_none=True)
