"""The agent registry in Redis: agents, their loads, reservations and waiting tickets.

``routing.py`` holds the pure solver; this module owns the state it runs against. All keys
live under ``Keys.agents_tag`` (one hash slot) and every read-modify-write is a Lua script
from ``scripts/agents_*.lua``, so capacity is never exceeded whatever the concurrency:

- ``<tag>:registry``      hash agent id -> JSON {skills, capacity, status}
- ``<tag>:open:<agent>``  set of the agent's open ticket ids (its load is the set's size)
- ``<tag>:assignment``    hash ticket id -> agent holding it
- ``<tag>:resolved``      zset ticket id -> resolve time; ``<tag>:resolved_by`` its agent
- ``<tag>:waiting``       hash ticket id -> category of a ticket no agent could take yet
- ``<tag>:waiting:<cat>`` zset ticket id -> urgency, per category, for the hand-over
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import redis

from smart_support.config import CATEGORIES
from smart_support.formats import unit_interval
from smart_support.keys import Keys
from smart_support.observability import logger
from smart_support.records import AgentRecord
from smart_support.routing import (
    AgentSlot,
    AgentState,
    RoutingTicket,
)
from smart_support.schemas import Agent, AgentUpdate
from smart_support.scripting import ScriptCall, pipelined, register

DEFAULT_CAPACITY = 5
RESOLVED_RETENTION_SECONDS = 7 * 24 * 3600  # as long as a ticket itself lives

# The default registry: each agent is the best match for one category, with a fallback skill
# so a category's tickets still find someone when its specialist is full.
DEFAULT_AGENTS: dict[str, dict[str, Any]] = {
    "Agent1": {"skills": {"Technical": 0.95, "Billing": 0.4}, "capacity": DEFAULT_CAPACITY},
    "Agent2": {"skills": {"Billing": 0.95, "Legal": 0.4}, "capacity": DEFAULT_CAPACITY},
    "Agent3": {"skills": {"Legal": 0.95, "Technical": 0.4}, "capacity": DEFAULT_CAPACITY},
}


@dataclass(frozen=True)
class ResolveOutcome:
    agent_id: str | None  # the agent whose slot was freed, None if the ticket had none
    handed_ticket_id: str | None  # waiting ticket given to that agent in the same step
    handed_agent_id: str | None
    already_resolved: bool


@dataclass(frozen=True)
class Reservation:
    """What a reservation attempt found: ``reserved`` (new), ``held`` (the ticket already has
    ``agent_id``), ``resolved``, ``waiting``, or a lost race: ``full``/``offline``/``unknown``."""

    outcome: str
    agent_id: str | None


class AgentRegistry:
    """Agents, their loads and reservations, and the tickets waiting for one."""

    def __init__(
        self,
        client: redis.Redis,
        keys: Keys,
        *,
        resolved_retention_seconds: int = RESOLVED_RETENTION_SECONDS,
    ) -> None:
        self._redis = client
        self._tag = keys.agents_tag
        self._retention = resolved_retention_seconds
        self.registry_key = f"{self._tag}:registry"
        self.assignment_key = f"{self._tag}:assignment"
        self.resolved_key = f"{self._tag}:resolved"
        self.resolved_by_key = f"{self._tag}:resolved_by"
        self.waiting_key = f"{self._tag}:waiting"
        self._seed = register(client, "agents_seed")
        self._put = register(client, "agents_put")
        self._snapshot = register(client, "agents_snapshot")
        self._reserve = register(client, "agents_reserve")
        self._wait = register(client, "agents_wait")
        self._release = register(client, "agents_release")
        self._unassign = register(client, "agents_unassign")
        # Every agent as the latest snapshot found it, online or not, for explanations.
        self.last_agents: list[AgentState] = []

    def open_key(self, agent_id: str) -> str:
        return f"{self._tag}:open:{agent_id}"

    def waiting_category_key(self, category: str) -> str:
        return f"{self._tag}:waiting:{category}"

    def _ticket_keys(self) -> list[str]:
        return [self.registry_key, self.assignment_key, self.resolved_key, self.resolved_by_key]

    # Registry

    def ensure_seeded(self) -> bool:
        """Write the default agents if the registry is empty; True if this call seeded it."""
        args: list[str] = []
        for agent_id, spec in DEFAULT_AGENTS.items():
            args += [agent_id, json.dumps({**spec, "status": "online"})]
        return bool(self._seed(keys=[self.registry_key], args=args))

    def list_agents(self) -> list[Agent]:
        raw = cast(dict[str, str], self._redis.hgetall(self.registry_key))
        ids = sorted(raw)
        pipe = self._redis.pipeline(transaction=False)
        for agent_id in ids:
            pipe.smembers(self.open_key(agent_id))
        opens = pipe.execute()
        return [self._agent(agent_id, raw[agent_id], opens[i]) for i, agent_id in enumerate(ids)]

    def get(self, agent_id: str) -> Agent | None:
        pipe = self._redis.pipeline(transaction=True)
        pipe.hget(self.registry_key, agent_id)
        pipe.smembers(self.open_key(agent_id))
        raw, open_ids = pipe.execute()
        return None if raw is None else self._agent(agent_id, raw, open_ids)

    def put(self, agent_id: str, update: AgentUpdate) -> Agent:
        """Create or update an agent atomically and return its new state."""
        given = update.model_dump(exclude_none=True)
        new = {"skills": {}, "capacity": DEFAULT_CAPACITY, "status": "online"}
        raw, open_ids = self._put(
            keys=[self.registry_key],
            args=[self._tag, agent_id, json.dumps(given), json.dumps(new)],
        )
        return self._agent(agent_id, raw, open_ids)

    @staticmethod
    def _agent(agent_id: str, raw: str, open_ids: Any) -> Agent:
        record = AgentRecord.from_json(raw)
        members = sorted(open_ids or [])
        return Agent(
            agent_id=agent_id,
            skills=record.skills,
            capacity=record.capacity,
            status=record.status,
            load=len(members),
            open_tickets=members,
        )

    # Routing state

    def snapshot(self, ticket_ids: Sequence[str]) -> tuple[list[AgentSlot], dict[str, Reservation]]:
        """One consistent read: free slots of online agents, and tickets already settled
        (``held`` by an agent or ``resolved``)."""
        agents_flat, tickets_flat = self._snapshot(
            keys=self._ticket_keys(), args=[self._tag, *ticket_ids]
        )
        slots: list[AgentSlot] = []
        self.last_agents = []
        for i in range(0, len(agents_flat), 3):
            record = AgentRecord.from_json(agents_flat[i + 1])
            load = int(agents_flat[i + 2])
            self.last_agents.append(
                AgentState(agents_flat[i], record.skills, record.capacity, load, record.status)
            )
            if record.status != "online":
                continue
            slots.append(AgentSlot(agents_flat[i], record.skills, max(0, record.capacity - load)))
        settled: dict[str, Reservation] = {}
        for n, ticket_id in enumerate(ticket_ids):
            outcome, agent = tickets_flat[2 * n], tickets_flat[2 * n + 1]
            if outcome:
                settled[ticket_id] = Reservation(outcome, agent or None)
        return slots, settled

    def reserve(self, ticket_id: str, agent_id: str) -> bool:
        """Take one slot of an online agent with room. True also when the ticket already
        holds this agent (a redelivery); False otherwise."""
        found = self.reserve_many([(ticket_id, agent_id)])[0]
        return found.outcome in ("reserved", "held") and found.agent_id == agent_id

    def reserve_many(self, pairs: Sequence[tuple[str, str]]) -> list[Reservation]:
        """Reserve each (ticket, agent) pair, each atomically, in one round trip."""
        calls = [
            ScriptCall(
                self._reserve,
                [*self._ticket_keys(), self.waiting_key],
                [self._tag, ticket_id, agent_id],
            )
            for ticket_id, agent_id in pairs
        ]
        answers = pipelined(self._redis, calls) if calls else []
        return [Reservation(outcome, agent or None) for outcome, agent in answers]

    def add_waiting(self, ticket_id: str, category: str, urgency: float) -> str | None:
        """Park a ticket until an agent frees up. If an able agent has room right now (capacity
        freed since the batch was solved) it is reserved instead and returned."""
        return self.wait_many([RoutingTicket(ticket_id, category, urgency)])[0].agent_id

    def wait_many(self, tickets: Sequence[RoutingTicket]) -> list[Reservation]:
        """Park each ticket (or reserve it if room appeared). A ticket of a category outside
        CATEGORIES can never match a skill: it is reported ``unroutable`` rather than failing
        the batch."""
        routable = [t for t in tickets if t.category in CATEGORIES]
        calls = [
            ScriptCall(
                self._wait,
                [*self._ticket_keys(), self.waiting_key, self.waiting_category_key(t.category)],
                [self._tag, t.ticket_id, t.category, repr(unit_interval(t.urgency))],
            )
            for t in routable
        ]
        found = iter(pipelined(self._redis, calls) if calls else [])
        answers: list[Reservation] = []
        for t in tickets:
            if t.category not in CATEGORIES:
                logger.warning("ticket has no routable category", extra={"ticket_id": t.ticket_id})
                answers.append(Reservation("unroutable", None))
            else:
                outcome, agent = next(found)
                answers.append(Reservation(outcome, agent or None))
        return answers

    def waiting(self, category: str, limit: int = 100) -> list[tuple[str, float]]:
        """Waiting tickets of a category, most urgent first."""
        rows = cast(
            list[tuple[str, float]],
            self._redis.zrevrange(
                self.waiting_category_key(category), 0, limit - 1, withscores=True
            ),
        )
        return [(member, float(score)) for member, score in rows]

    def assigned_agent(self, ticket_id: str) -> str | None:
        return cast(str | None, self._redis.hget(self.assignment_key, ticket_id))

    def release(self, ticket_id: str, *, now: float | None = None) -> ResolveOutcome:
        """Resolve a ticket: free its slot and hand the agent the best waiting ticket it can
        take (highest urgency among categories it has a skill for). Idempotent."""
        outcome, agent, handed = self._release(
            keys=[*self._ticket_keys(), self.waiting_key],
            args=[
                self._tag,
                ticket_id,
                repr(time.time() if now is None else now),
                self._retention,
                *CATEGORIES,
            ],
        )
        return ResolveOutcome(
            agent_id=agent or None,
            handed_ticket_id=handed or None,
            handed_agent_id=(agent or None) if handed else None,
            already_resolved=outcome == "already",
        )

    def unassign(self, ticket_id: str) -> str | None:
        """Take a ticket from its agent (or from the waiting lists) without resolving it, so
        it can be routed again (a correction). Answers the agent it had, if any."""
        agent = self._unassign(
            keys=[self.assignment_key, self.waiting_key],
            args=[self._tag, ticket_id],
        )
        return str(agent) if agent else None
