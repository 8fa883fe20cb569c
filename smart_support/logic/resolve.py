"""Resolve a ticket: free its agent's slot and hand that agent the best waiting ticket."""

from __future__ import annotations

from typing import Any

from smart_support.access import Principal, require_own_ticket
from smart_support.dal.agents import AgentRegistry
from smart_support.dispatch import Dispatcher
from smart_support.errors import NotFound
from smart_support.formats import now_iso
from smart_support.logic.hand_over import hand_over
from smart_support.observability import tracer
from smart_support.services import Services


@tracer.capture_method(capture_response=False)
def resolve_ticket(services: Services, caller: Principal, ticket_id: str) -> dict[str, Any]:
    """Resolving twice is harmless: the second answer says ``already_resolved``."""
    row = services.tickets.get(ticket_id)
    if row is None:
        raise NotFound(f"no ticket {ticket_id}")
    require_own_ticket(caller, row, "resolve")
    outcome = Dispatcher(AgentRegistry(services.redis, services.keys)).resolve(ticket_id)
    if not outcome.already_resolved:
        stamp = now_iso()
        services.tickets.update(
            ticket_id, {"status": "resolved", "resolved_at": stamp, "updated_at": stamp}
        )
        services.ready.remove(ticket_id)
    if outcome.handed_ticket_id and outcome.handed_agent_id:
        hand_over(services, outcome.handed_ticket_id, outcome.handed_agent_id)
    return {
        "ticket_id": ticket_id,
        "status": "resolved",
        "agent_id": outcome.agent_id,
        "already_resolved": outcome.already_resolved,
        "handed_ticket_id": outcome.handed_ticket_id,
    }
