"""A waiting ticket got an agent (a slot freed, an agent came online, a correction re-routed):
record it in the ticket's state and move it to the agent's view of the ready queue."""

from __future__ import annotations

from smart_support.formats import now_iso
from smart_support.services import Services


def hand_over(services: Services, ticket_id: str, agent_id: str) -> None:
    services.tickets.update(ticket_id, {"assigned_agent": agent_id, "updated_at": now_iso()})
    services.ready.assign(ticket_id, agent_id)
