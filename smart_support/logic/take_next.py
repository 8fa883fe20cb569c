"""Take the most urgent ready ticket: an agent takes its own first, then one it has skills for;
an admin pops from the whole queue or one agent's or category's view."""

from __future__ import annotations

from smart_support.access import Principal
from smart_support.config import CATEGORIES
from smart_support.dal.agents import AgentRegistry
from smart_support.errors import Forbidden, NotFound
from smart_support.formats import now_iso
from smart_support.observability import tracer
from smart_support.records import TicketRecord
from smart_support.services import Services


@tracer.capture_method(capture_response=False)
def take_next(
    services: Services, caller: Principal, agent: str | None, category: str | None
) -> TicketRecord:
    """The taken ticket's row, stamped ``dequeued_at``; NotFound when none is ready."""
    if caller.agent_id is not None:
        if agent not in (None, caller.agent_id):
            raise Forbidden("an agent's key takes tickets for that agent only")
        agent = caller.agent_id
        ticket_id = _take_as_agent(services, agent, category)
    else:
        ticket_id = services.ready.pop_next(agent=agent, category=category)
    if ticket_id is None:
        raise NotFound(
            "no ready ticket"
            + (f" for agent {agent}" if agent else "")
            + (f" in {category}" if category else "")
        )
    stamp = now_iso()
    services.tickets.update(ticket_id, {"dequeued_at": stamp})
    return services.tickets.get(ticket_id) or TicketRecord(
        ticket_id=ticket_id, status="completed", created_at=stamp
    )


def _take_as_agent(services: Services, agent_id: str, category: str | None) -> str | None:
    registry = AgentRegistry(services.redis, services.keys)
    registry.ensure_seeded()
    known = registry.get(agent_id)
    skills = [c for c in CATEGORIES if known is not None and known.skills.get(c, 0) > 0]
    taken = services.ready.pop_for_agent(agent_id, skills, category=category)
    if taken is None:
        return None
    ticket_id, was_assigned = taken
    if not was_assigned:
        # An unassigned ticket becomes the agent's (capacity allowing), so it may resolve it.
        fields = {"taken_by": agent_id, "updated_at": now_iso()}
        if registry.reserve(ticket_id, agent_id):
            fields["assigned_agent"] = agent_id
        services.tickets.update(ticket_id, fields)
    return ticket_id
