"""POST /tickets: the ingest function's one route. Imports nothing of routing or the model."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Header

from smart_support.http import ERRORS, JSON, base_path, caller, json_response
from smart_support.logic.submit import accept_ticket
from smart_support.schemas import TicketAccepted, TicketIn
from smart_support.services import get_services

router = Router()


@router.post(
    "/tickets",
    summary="Submit a ticket",
    description="Answers 202 at once; classification and routing happen asynchronously.",
    responses={
        202: {"description": "Accepted", "content": {JSON: {"model": TicketAccepted}}},
        **ERRORS,
    },
    tags=["tickets"],
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
    accepted = accept_ticket(get_services(), ticket, idempotency_key, caller().principal_id)
    status_url = f"{base_path()}/tickets/{accepted.ticket_id}/status"
    body = TicketAccepted(ticket_id=accepted.ticket_id, status_url=status_url)
    headers = {"Location": status_url}
    if accepted.replayed:
        headers["Idempotent-Replayed"] = "true"
    return json_response(202, body.model_dump(), headers)
