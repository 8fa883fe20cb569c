"""A ticket's status, its resolution and its correction; the latest corrections."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from smart_support.access import Role
from smart_support.dal.corrections import CorrectionLog
from smart_support.errors import NotFound
from smart_support.http import ERRORS, JSON, TicketId, caller
from smart_support.logic.correct import correct_ticket as correct
from smart_support.logic.resolve import resolve_ticket as resolve
from smart_support.schemas import (
    CorrectionIn,
    CorrectionsOut,
    ErrorOut,
    Resolved,
    TicketStatus,
    status_of,
)
from smart_support.services import get_services

router = Router()
TAGS = ["tickets"]


@router.get(
    "/tickets/<ticket_id>/status",
    summary="A ticket's status",
    responses={
        200: {"description": "Status", "content": {JSON: {"model": TicketStatus}}},
        **ERRORS,
    },
    tags=TAGS,
)
def ticket_status(ticket_id: TicketId) -> dict[str, Any]:
    row = get_services().tickets.get(ticket_id)
    who = caller()
    # A submitter sees its own tickets only; others' answer as unknown, so ids cannot be probed.
    if row is None or (who.role is Role.SUBMITTER and row.submitted_by != who.principal_id):
        raise NotFound(f"no ticket {ticket_id}")
    return status_of(row).model_dump(exclude_none=True)


@router.post(
    "/tickets/<ticket_id>/resolve",
    summary="Resolve a ticket (its agent, or an admin)",
    description="Frees the agent's capacity and hands it the best waiting "
    "ticket it can take. Resolving twice is harmless.",
    responses={
        200: {"description": "Resolved", "content": {JSON: {"model": Resolved}}},
        **ERRORS,
    },
    tags=TAGS,
)
def resolve_ticket(ticket_id: TicketId) -> dict[str, Any]:
    return resolve(get_services(), caller(), ticket_id)


@router.post(
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
    tags=TAGS,
)
def correct_ticket(ticket_id: TicketId, correction: CorrectionIn) -> dict[str, Any]:
    ticket = correct(get_services(), ticket_id, correction, caller())
    return status_of(ticket).model_dump(exclude_none=True)


@router.get(
    "/corrections",
    summary="The latest corrections, newest first",
    responses={
        200: {"description": "Corrections", "content": {JSON: {"model": CorrectionsOut}}},
        **ERRORS,
    },
    tags=TAGS,
)
def corrections(limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
    services = get_services()
    return {"items": CorrectionLog(services.redis, services.keys).recent(limit)}
