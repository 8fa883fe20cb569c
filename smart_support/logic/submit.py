"""Accepting a ticket: claim, record as pending, hand to SQS; undo cleanly on failure.

Order matters: the ticket is written to Redis before the SQS send so the process
function always finds it, and withdrawn again if the send fails, so a client that got
a 5xx leaves nothing behind that a listing would show as pending forever, and a message
SQS kept despite the error is dropped rather than processed.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from smart_support.cache import CACHE_ERRORS
from smart_support.dal.tickets import new_ticket_id
from smart_support.errors import (
    Conflict,
    DependencyUnavailable,
    IdempotencyMismatch,
    InvalidRequest,
    unavailable,
)
from smart_support.formats import now_iso
from smart_support.messages import TicketMessage
from smart_support.observability import MetricName, logger, metrics, pseudonym, tracer
from smart_support.schemas import TicketIn
from smart_support.services import Services

MAX_IDEMPOTENCY_KEY = 255
PENDING_CLAIM_SECONDS = 60


@dataclass(frozen=True)
class Accepted:
    ticket_id: str
    replayed: bool = False


@dataclass(frozen=True)
class _Claim:
    """An Idempotency-Key as stored: its digest and the fingerprint of the request body."""

    digest: str
    fingerprint: str

    @classmethod
    def of(cls, key: str, ticket: TicketIn, owner: str) -> _Claim:
        if not 0 < len(key) <= MAX_IDEMPOTENCY_KEY or not key.isprintable():
            raise InvalidRequest("Idempotency-Key must be 1 to 255 printable characters")
        canonical = json.dumps(ticket.model_dump(exclude_none=True), sort_keys=True)
        return cls(
            # Keys are per submitter: another client's key never answers with its ticket.
            hashlib.sha256(f"{owner}\n{key}".encode()).hexdigest(),
            hashlib.sha256(canonical.encode()).hexdigest(),
        )

    def record(self, ticket_id: str, state: str) -> str:
        return json.dumps({"ticket_id": ticket_id, "fingerprint": self.fingerprint, "state": state})


def _claim_idempotency(services: Services, claim: _Claim, ticket_id: str) -> Accepted | None:
    """Reserve the key for this request, or answer as the first request did."""
    # A claim lives only as long as one request can take; accepting extends it to the full TTL.
    pending = claim.record(ticket_id, "pending")
    if services.claims.reserve(claim.digest, pending, PENDING_CLAIM_SECONDS):
        return None
    raw = services.claims.read(claim.digest)
    if raw is None:  # expired between the two calls: the retry can claim it
        raise Conflict(
            "a request with this Idempotency-Key is in progress; retry",
            headers={"Retry-After": "1"},
        )
    earlier = json.loads(raw)
    if earlier["fingerprint"] != claim.fingerprint:
        raise IdempotencyMismatch(
            "this Idempotency-Key was already used with a different request body"
        )
    if earlier["state"] != "accepted":
        raise Conflict(
            "a request with this Idempotency-Key is in progress; retry",
            headers={"Retry-After": "1"},
        )
    return Accepted(earlier["ticket_id"], replayed=True)


def _pending_fields(ticket: TicketIn, ticket_id: str, submitted_by: str) -> dict[str, Any]:
    """The ticket's first state, as intake writes it and the SQS message carries it."""
    created_at = now_iso()
    return {
        "ticket_id": ticket_id,
        "status": "pending",
        "subject": ticket.subject,
        "body": ticket.body,
        "description": ticket.description,
        "customer_id": ticket.customer_id,
        "channel": ticket.channel,
        "metadata": ticket.metadata,
        "created_at": created_at,
        "created_ms": str(int(time.time() * 1000)),
        "updated_at": created_at,
        "submitted_by": submitted_by or None,
    }


@tracer.capture_method(capture_response=False)
def accept_ticket(
    services: Services, ticket: TicketIn, idempotency_key: str | None, submitted_by: str = ""
) -> Accepted:
    ticket_id = new_ticket_id()
    claim = None if idempotency_key is None else _Claim.of(idempotency_key, ticket, submitted_by)
    try:
        replay = None if claim is None else _claim_idempotency(services, claim, ticket_id)
        if replay is not None:
            return replay
        fields = _pending_fields(ticket, ticket_id, submitted_by)
        if not services.tickets.create(ticket_id, fields, int(fields["created_ms"])):
            raise Conflict("ticket id collision; retry")  # 80 random bits: never in practice
    except CACHE_ERRORS as exc:
        metrics.add_metric(name=MetricName.DEPENDENCY_ERRORS, unit="Count", value=1)
        logger.warning("redis unavailable at intake", extra={"error": type(exc).__name__})
        raise unavailable(exc, services.settings.retry_after_seconds) from exc

    _enqueue(services, TicketMessage.model_validate({**fields, "text": ticket.text()}), claim)
    if claim is not None:
        _confirm(services, claim, ticket_id)
    metrics.add_metric(name=MetricName.TICKETS_ACCEPTED, unit="Count", value=1)
    logger.info(
        "ticket accepted",
        extra={"ticket_id": ticket_id, "customer": pseudonym(ticket.customer_id)},
    )
    return Accepted(ticket_id)


def _enqueue(services: Services, message: TicketMessage, claim: _Claim | None) -> None:
    """Send the ticket to SQS; on failure withdraw it and answer 503, unless the send turns
    out to have succeeded (processing began)."""
    ticket_id = message.ticket_id
    try:
        services.sqs.send(message.model_dump(exclude_none=True))
    except (BotoCoreError, ClientError) as exc:
        metrics.add_metric(name=MetricName.DEPENDENCY_ERRORS, unit="Count", value=1)
        logger.warning(
            "queue send failed; undoing intake",
            extra={"ticket_id": ticket_id, "error": type(exc).__name__},
        )
        if _undo(services, ticket_id, claim):
            raise DependencyUnavailable(
                "the ticket queue is unavailable; retry shortly",
                retry_after=services.settings.retry_after_seconds,
                details=[{"dependency": "sqs", "reason": type(exc).__name__}],
            ) from exc
        # Processing already began: SQS had the message and only its answer was lost.
        logger.info("queue send succeeded after all", extra={"ticket_id": ticket_id})


def _confirm(services: Services, claim: _Claim, ticket_id: str) -> None:
    try:
        services.claims.write(
            claim.digest,
            claim.record(ticket_id, "accepted"),
            services.settings.idempotency_ttl_seconds,
        )
    except CACHE_ERRORS:
        # The ticket is queued; a retry with this key gets 409 until the claim lapses.
        logger.warning("could not confirm idempotency key", extra={"ticket_id": ticket_id})


def _undo(services: Services, ticket_id: str, claim: _Claim | None) -> bool:
    """Withdraw the ticket; False if it turned out to be queued (processing has begun).

    The withdrawal leaves a marker, so a message SQS stored although the send reported an
    error (a lost answer) is dropped by the process function instead of making a second
    ticket when the client retries.
    """
    try:
        if not services.tickets.discard(ticket_id):
            return False
        if claim is not None:
            services.claims.release(claim.digest)
    except CACHE_ERRORS:
        logger.error(
            "could not undo intake; the ticket expires with its TTL", extra={"ticket_id": ticket_id}
        )
    return True
