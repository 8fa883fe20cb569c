"""Correct a ticket: apply the agent's change, record the label, re-route the ticket.

A correction is applied to the ticket hash by one Lua script (``ticket_correct``), so a
repeat of the same correction changes nothing and records nothing. A real change is then
appended to a bounded Redis stream (``corrections.py`` exports it for the next build),
counted by from -> to category, and, for a ticket still open, re-routed: its old agent's
slot is freed, the router assigns it by the new category, and it is re-filed in the ready
queue's views.
"""

from __future__ import annotations

from typing import Any

from smart_support.access import Principal, require_own_ticket
from smart_support.classification import urgency_label
from smart_support.dal.agents import AgentRegistry
from smart_support.dal.corrections import CorrectionLog
from smart_support.dispatch import Dispatcher
from smart_support.errors import Conflict, NotFound
from smart_support.formats import now_iso
from smart_support.logic.hand_over import hand_over
from smart_support.observability import MetricName, count_by, logger, metrics, tracer
from smart_support.records import TicketRecord
from smart_support.routing import RoutingTicket
from smart_support.schemas import CorrectionIn
from smart_support.services import Services

STREAM_TEXT_CHARS = 4000  # the encoder reads 256 tokens; more text teaches nothing


@tracer.capture_method(capture_response=False)
def correct_ticket(
    services: Services, ticket_id: str, correction: CorrectionIn, caller: Principal
) -> TicketRecord:
    """Correct a ticket (``apply_correction``) and answer its state afterwards."""
    apply_correction(services, ticket_id, correction, caller)
    ticket = services.tickets.get(ticket_id)
    if ticket is None:
        raise NotFound(f"no ticket {ticket_id}")
    return ticket


def apply_correction(
    services: Services, ticket_id: str, correction: CorrectionIn, caller: Principal
) -> bool:
    """Correct a ticket; True if anything changed (False for a repeat)."""
    row = services.tickets.get(ticket_id)
    if row is None:
        raise NotFound(f"no ticket {ticket_id}")
    require_own_ticket(caller, row, "correct")
    at = now_iso()
    outcome, status, from_cat, from_urg, to_cat, to_urg = _correct_atomically(
        services, ticket_id, correction, caller, at
    )
    if outcome == "missing":
        raise NotFound(f"no ticket {ticket_id}")
    if outcome == "unprocessed":
        raise Conflict(f"ticket {ticket_id} is {status}: correct it once it is processed")
    if outcome == "same":
        return False
    _record(services, ticket_id, row, caller, at, correction.reason, from_cat, to_cat)
    CorrectionLog(services.redis, services.keys).append(
        {
            "ticket_id": ticket_id,
            "by": caller.principal_id,
            "at": at,
            "from_category": from_cat,
            "to_category": to_cat,
            "from_urgency": from_urg,
            "to_urgency": to_urg,
            "urgency_corrected": "1" if correction.urgency_score is not None else "0",
            "reason": correction.reason or "",
            "subject": (row.subject or "")[:STREAM_TEXT_CHARS],
            "body": row.text_body[:STREAM_TEXT_CHARS],
        },
        services.settings.corrections_stream_length,
    )
    if status == "completed":  # resolved and incident tickets only record the label
        _reroute(services, ticket_id, to_cat, float(to_urg))
    return True


def _correct_atomically(
    services: Services, ticket_id: str, correction: CorrectionIn, caller: Principal, at: str
) -> list[str]:
    """Run ticket_correct.lua: outcome, status, from/to category, from/to urgency."""
    score = correction.urgency_score
    urgency = "" if score is None else f"{score:.4f}"
    label = "" if score is None else urgency_label(score, services.settings)
    return services.tickets.correct(
        ticket_id,
        [
            correction.category or "",
            urgency,
            label,
            caller.principal_id,
            at,
            (correction.reason or "").replace("\x00", ""),
        ],
    )


def _record(
    services: Services,
    ticket_id: str,
    row: TicketRecord,
    caller: Principal,
    at: str,
    reason: str | None,
    from_cat: str,
    to_cat: str,
) -> None:
    metrics.add_metric(name=MetricName.CORRECTIONS, unit="Count", value=1)
    count_by(MetricName.CORRECTIONS, from_category=from_cat, to_category=to_cat)
    logger.info(
        "ticket corrected",
        extra={
            "ticket_id": ticket_id,
            "by": caller.principal_id,
            "from_category": from_cat,
            "to_category": to_cat,
            "model": row.model,
        },
    )


def _reroute(services: Services, ticket_id: str, category: str, urgency: float) -> None:
    """Free the old agent, route by the new category, re-file the ticket in the queue."""
    registry = AgentRegistry(services.redis, services.keys)
    router = Dispatcher(registry)
    old = registry.unassign(ticket_id)
    ticket = RoutingTicket(ticket_id, category, urgency)
    agent = router.route_batch([ticket])[ticket_id]
    fields: dict[str, Any] = {"updated_at": now_iso()}
    if agent:
        fields["assigned_agent"] = agent
    else:
        services.tickets.clear(ticket_id, "assigned_agent", "taken_by")
    current = services.tickets.get(ticket_id)
    if current is not None and current.explanation:
        fields["explanation"] = {**current.explanation, "routing": router.explain(ticket, agent)}
    services.tickets.update(ticket_id, fields)
    services.ready.refile(ticket_id, urgency, category, agent)
    if old and old != agent:
        # The freed slot may let the old agent take a ticket that was waiting.
        for waiting_id, taker in router.drain_waiting().items():
            hand_over(services, waiting_id, taker)
