"""The Dispatcher: assigns ticket batches to agents through the registry.

It solves a batch jointly (``routing.solve_assignment``, pure), reserves atomically in the
registry, and re-solves only what another worker won first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from smart_support.config import CATEGORIES
from smart_support.dal.agents import AgentRegistry, Reservation, ResolveOutcome
from smart_support.observability import MetricName, logger, metrics
from smart_support.routing import (
    AgentSlot,
    AgentState,
    RoutingTicket,
    explain_assignment,
    solve_assignment,
)

MAX_ROUTING_ROUNDS = 4  # solve + reserve rounds per batch before falling back to waiting


class Dispatcher:
    """Assigns SQS batches to agents: solve jointly, reserve atomically, re-solve lost races."""

    def __init__(self, registry: AgentRegistry, *, max_rounds: int = MAX_ROUTING_ROUNDS) -> None:
        self._registry = registry
        self._max_rounds = max_rounds
        self.seen: list[AgentState] = []  # the agents as the last route_batch first found them

    def route_batch(self, tickets: Sequence[RoutingTicket]) -> dict[str, str | None]:
        """Map each ticket id to its agent, or None when it waits (or was resolved with none).

        A ticket that already holds an agent keeps it; a resolved ticket is never assigned
        again (it maps to the agent that resolved it).
        """
        pending: dict[str, RoutingTicket] = {}
        for t in tickets:
            pending.setdefault(t.ticket_id, t)
        result: dict[str, str | None] = {}
        assigned = self._reserve_rounds(pending, result)
        waits = 0
        if pending:
            remaining = list(pending.values())
            for t, found in zip(remaining, self._registry.wait_many(remaining), strict=True):
                result[t.ticket_id] = found.agent_id
                assigned += found.outcome == "reserved"
                waits += found.outcome == "waiting"
        if assigned:
            metrics.add_metric(name=MetricName.ASSIGNMENTS, unit=MetricUnit.Count, value=assigned)
        if waits:
            metrics.add_metric(name=MetricName.ASSIGNMENT_WAITS, unit=MetricUnit.Count, value=waits)
        return {t.ticket_id: result.get(t.ticket_id) for t in tickets}

    def _snapshot(self, ticket_ids: list[str]) -> tuple[list[AgentSlot], dict[str, Reservation]]:
        slots, settled = self._registry.snapshot(ticket_ids)
        if not slots and self._registry.ensure_seeded():
            # The registry was empty: a cold start, or a cache that lost its data (a restart
            # without persistence). The default agents are seeded as at first use.
            logger.info("agent registry was empty; default agents seeded")
            slots, settled = self._registry.snapshot(ticket_ids)
        self.seen = list(self._registry.last_agents)
        return slots, settled

    def _reserve_rounds(
        self, pending: dict[str, RoutingTicket], result: dict[str, str | None]
    ) -> int:
        """Solve and reserve until nothing is lost to a race; answers how many were reserved.

        Settled tickets leave ``pending`` for ``result``; what stays pending will wait."""
        assigned = 0
        slots, settled = self._snapshot(list(pending))
        for round_no in range(self._max_rounds):
            for ticket_id, found in settled.items():
                if pending.pop(ticket_id, None) is not None:
                    result[ticket_id] = found.agent_id
            plan = solve_assignment(list(pending.values()), slots)
            pairs = [(tid, agent) for tid, agent in plan.items() if agent is not None]
            if not pairs:
                break
            won, lost = self._reserve(pairs, pending, result)
            assigned += won
            if not lost or not pending:
                break
            logger.debug("routing race lost; re-solving", lost=lost, round=round_no)
            slots, settled = self._registry.snapshot(list(pending))
        return assigned

    def _reserve(
        self,
        pairs: list[tuple[str, str]],
        pending: dict[str, RoutingTicket],
        result: dict[str, str | None],
    ) -> tuple[int, int]:
        """Reserve the planned pairs: (newly reserved, lost to another worker)."""
        won = lost = 0
        for (ticket_id, _), found in zip(pairs, self._registry.reserve_many(pairs), strict=True):
            if found.outcome in ("reserved", "held", "resolved"):
                won += found.outcome == "reserved"
                result[ticket_id] = found.agent_id
                del pending[ticket_id]
            else:
                lost += 1
        return won, lost

    def explain(self, ticket: RoutingTicket, agent_id: str | None) -> dict[str, Any]:
        """The routing part of a ticket's explanation, against the last route_batch's view."""
        return explain_assignment(ticket.category, agent_id, self.seen)

    def drain_waiting(self, limit: int = 10) -> dict[str, str]:
        """Route the most urgent waiting tickets again, e.g. after PUT /agents raised a capacity
        or brought an agent online. Returns only the tickets that got an agent."""
        candidates = [
            RoutingTicket(ticket_id, category, urgency)
            for category in CATEGORIES
            for ticket_id, urgency in self._registry.waiting(category, limit)
        ]
        candidates.sort(key=lambda t: (-t.urgency, t.ticket_id))
        answer = self.route_batch(candidates[:limit])
        return {ticket_id: agent for ticket_id, agent in answer.items() if agent is not None}

    def resolve(self, ticket_id: str) -> ResolveOutcome:
        """Free the ticket's agent; a waiting ticket may be handed to it (see the outcome)."""
        outcome = self._registry.release(ticket_id)
        if outcome.handed_ticket_id:
            metrics.add_metric(name=MetricName.ASSIGNMENTS, unit=MetricUnit.Count, value=1)
        return outcome
