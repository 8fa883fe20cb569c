"""Assign a batch of tickets to agents as one exact optimisation problem (pure, no I/O).

The objective is lexicographic, in this order:

1. Urgency first: the set of tickets that get an agent is the one that serves the most urgent
   tickets (maximise the sum over assigned tickets of ``1 + urgency``). Assignable sets form a
   transversal matroid, so this equals "greedy by urgency": when capacity is short a more
   urgent ticket is never left waiting for a less urgent one, and as many tickets as possible
   are served.
2. Skill match: among those, maximise the sum of ``urgency_weight(t) * skill(agent, category)``.
3. Load spreading: among those, prefer agents with more free capacity (using the k-th free
   slot of an agent costs more than its (k-1)-th).

A ticket never goes to an agent whose skill for its category is 0 (or missing): such an agent
cannot handle it, so the ticket waits instead. A ticket is left unassigned only when every
agent able to take it is full (given the tickets chosen above it).

Weights are scaled to integers and combined into one Python integer per (ticket, slot) pair,
so the solver (Hungarian algorithm on capacity slots) is exact, with no float round-off.
Remaining ties are broken deterministically: tickets and agents are put in a canonical order
(by id) before solving, so the answer never depends on input order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from smart_support.formats import unit_interval

# Scores are quantised to 1e-6; closer urgencies or skills count as equal.
SCALE = 1_000_000


@dataclass(frozen=True)
class RoutingTicket:
    ticket_id: str
    category: str
    urgency: float


@dataclass(frozen=True)
class AgentSlot:
    """An online agent as the solver sees it: skills and how many more tickets it may take."""

    agent_id: str
    skills: dict[str, float]
    free_capacity: int


def urgency_weight(urgency: float) -> float:
    """Weight of a ticket's skill match: never zero, so calm tickets still seek the best agent."""
    return 1.0 + unit_interval(urgency)


def _q(value: float) -> int:
    return round(unit_interval(value) * SCALE)


def skill_of(agent: AgentSlot, category: str) -> float:
    return unit_interval(agent.skills.get(category, 0.0))


@dataclass(frozen=True)
class Objective:
    """The three lexicographic components of an assignment's quality, as exact integers."""

    served: int  # sum of (1 + urgency) over assigned tickets, scaled
    match: int  # sum of urgency_weight * skill, scaled twice
    spread_penalty: int  # sum of slot penalties, lower is better

    def key(self) -> tuple[int, int, int]:
        return (self.served, self.match, -self.spread_penalty)


def evaluate(
    tickets: Sequence[RoutingTicket],
    agents: Sequence[AgentSlot],
    assignment: dict[str, str | None],
) -> Objective:
    """Score an assignment; raises ValueError if it breaks capacity or uses a zero skill."""
    by_id = {a.agent_id: a for a in agents}
    fmax = max((a.free_capacity for a in agents), default=0)
    used: dict[str, int] = {}
    served = match = penalty = 0
    for t in tickets:
        agent_id = assignment.get(t.ticket_id)
        if agent_id is None:
            continue
        agent = by_id[agent_id]
        if _q(skill_of(agent, t.category)) == 0:
            raise ValueError(f"{t.ticket_id} assigned to {agent_id} with zero skill")
        k = used.get(agent_id, 0)
        if k >= agent.free_capacity:
            raise ValueError(f"{agent_id} over capacity")
        used[agent_id] = k + 1
        served += SCALE + _q(t.urgency)
        match += (SCALE + _q(t.urgency)) * _q(skill_of(agent, t.category))
        penalty += _slot_penalty(fmax, agent.free_capacity, k)
    return Objective(served, match, penalty)


def _slot_penalty(fmax: int, free: int, k: int) -> int:
    # Filling slot k leaves free - k - 1 slots; agents left with more room are preferred.
    return fmax - (free - k)


def solve_assignment(
    tickets: Sequence[RoutingTicket], agents: Sequence[AgentSlot]
) -> dict[str, str | None]:
    """Map every ticket id to the agent it should go to, or None if it must wait.

    Duplicate ticket ids keep their first occurrence. Agents with no free capacity or no
    positive skill for any ticket in the batch are ignored.
    """
    unique: dict[str, RoutingTicket] = {}
    for t in tickets:
        unique.setdefault(t.ticket_id, t)
    ordered_tickets = sorted(unique.values(), key=lambda t: t.ticket_id)
    result: dict[str, str | None] = {t.ticket_id: None for t in ordered_tickets}
    n = len(ordered_tickets)
    if n == 0:
        return result

    slots, fmax = _capacity_slots(ordered_tickets, agents)
    if not slots:
        return result
    cost, forbidden = _cost_matrix(ordered_tickets, slots, fmax)
    width = len(slots) + n
    columns = _hungarian(cost, width)
    for i, col in enumerate(columns):
        if col < len(slots) and cost[i][col] != forbidden:
            result[ordered_tickets[i].ticket_id] = slots[col][0].agent_id
    return result


def _capacity_slots(
    tickets: Sequence[RoutingTicket], agents: Sequence[AgentSlot]
) -> tuple[list[tuple[AgentSlot, int]], int]:
    """Up to one column per ticket and free slot of each agent able to take one of them, in
    agent id order; and the largest free capacity (the spread penalty's reference)."""
    ordered_agents = sorted((a for a in agents if a.free_capacity > 0), key=lambda a: a.agent_id)
    fmax = max((a.free_capacity for a in ordered_agents), default=0)
    slots: list[tuple[AgentSlot, int]] = []
    for agent in ordered_agents:
        if any(_q(skill_of(agent, t.category)) > 0 for t in tickets):
            slots.extend((agent, k) for k in range(min(agent.free_capacity, len(tickets))))
    return slots, fmax


def _cost_matrix(
    tickets: Sequence[RoutingTicket], slots: Sequence[tuple[AgentSlot, int]], fmax: int
) -> tuple[list[list[int]], int]:
    """One row per ticket: the negated value of each slot, then one "wait" column per ticket
    worth 0; a zero skill costs ``forbidden``, worse than any feasible total."""
    n = len(tickets)
    # Bounds that make each component strictly dominate the ones after it.
    spread_bound = n * (fmax + 1) + 1
    match_bound = (n * 2 * SCALE * SCALE + 1) * spread_bound
    forbidden = (n * 2 * SCALE + 1) * match_bound + 1
    cost: list[list[int]] = []
    for t in tickets:
        served = SCALE + _q(t.urgency)
        row: list[int] = []
        for agent, k in slots:
            skill = _q(skill_of(agent, t.category))
            if skill == 0:
                row.append(forbidden)
                continue
            value = (
                served * match_bound
                + served * skill * spread_bound
                - _slot_penalty(fmax, agent.free_capacity, k)
            )
            row.append(-value)
        row.extend([0] * n)
        cost.append(row)
    return cost, forbidden


def _hungarian(cost: list[list[int]], width: int) -> list[int]:
    """Minimum-cost assignment of every row to a distinct column (rows <= columns).

    Shortest augmenting paths with potentials, O(rows^2 * columns); exact on integers.
    Returns the column chosen for each row.
    """
    rows = len(cost)
    inf = float("inf")
    u = [0] * (rows + 1)
    v = [0] * (width + 1)
    owner = [0] * (width + 1)  # owner[j]: 1-based row holding column j, 0 if free
    way = [0] * (width + 1)
    for i in range(1, rows + 1):
        owner[0] = i
        j0 = 0
        min_v: list[float] = [inf] * (width + 1)
        used = [False] * (width + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta: float = inf
            j1 = 0
            row = cost[i0 - 1]
            for j in range(1, width + 1):
                if used[j]:
                    continue
                reduced = row[j - 1] - u[i0] - v[j]
                if reduced < min_v[j]:
                    min_v[j] = reduced
                    way[j] = j0
                if min_v[j] < delta:
                    delta = min_v[j]
                    j1 = j
            step = int(delta)
            for j in range(width + 1):
                if used[j]:
                    u[owner[j]] += step
                    v[j] -= step
                else:
                    min_v[j] -= step
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    chosen = [0] * rows
    for j in range(1, width + 1):
        if owner[j]:
            chosen[owner[j] - 1] = j - 1
    return chosen


@dataclass(frozen=True)
class AgentState:
    """An agent as routing found it (online or not), for explaining a decision."""

    agent_id: str
    skills: dict[str, float]
    capacity: int
    load: int
    status: str

    @property
    def full(self) -> bool:
        return self.load >= self.capacity


def _card(agent: AgentState, category: str) -> dict[str, object]:
    return {
        "agent_id": agent.agent_id,
        "skill": round(unit_interval(agent.skills.get(category, 0.0)), 4),
        "load": agent.load,
        "capacity": agent.capacity,
        "status": agent.status,
    }


def _blocker(agent: AgentState) -> str | None:
    if agent.status != "online":
        return "offline"
    if agent.full:
        return f"full ({agent.load}/{agent.capacity})"
    return None


def explain_assignment(
    category: str, chosen: str | None, agents: Sequence[AgentState]
) -> dict[str, object]:
    """Why a ticket went to ``chosen`` (or waits), from the agents as routing saw them.

    The runner-up is the best other agent with a skill for the category; it lost on status,
    capacity, skill, or, when none of those, to the batch's joint assignment (its free slots
    went to more urgent tickets, or an equally skilled agent had more room).
    """
    able = sorted(
        (a for a in agents if _q(a.skills.get(category, 0.0)) > 0),
        key=lambda a: (
            -unit_interval(a.skills.get(category, 0.0)),
            a.load - a.capacity,
            a.agent_id,
        ),
    )
    winner = next((a for a in able if a.agent_id == chosen), None)
    others = [a for a in able if a.agent_id != chosen]
    answer: dict[str, object] = {"agent": _card(winner, category) if winner else None}
    if chosen is not None:
        answer["runner_up"] = _runner_up(category, winner, others[0]) if others else None
    else:
        answer["waiting_because"] = _waiting_because(category, able)
    return answer


def _runner_up(category: str, winner: AgentState | None, runner: AgentState) -> dict[str, object]:
    mine = unit_interval(winner.skills.get(category, 0.0)) if winner else 0.0
    theirs = unit_interval(runner.skills.get(category, 0.0))
    reason = _blocker(runner) or (
        f"lower skill ({theirs:.2f} < {mine:.2f})"
        if theirs < mine
        else "the batch's joint assignment preferred the chosen agent (more free "
        "capacity, or its slots went to more urgent tickets)"
    )
    return {**_card(runner, category), "lost_because": reason}


def _waiting_because(category: str, able: Sequence[AgentState]) -> str:
    if not able:
        return f"no agent has a skill for {category}"
    blocked = [f"{a.agent_id} {_blocker(a)}" for a in able if _blocker(a)]
    if len(blocked) == len(able):
        return "every agent with a skill for it is unavailable: " + ", ".join(blocked)
    return "the free slots went to more urgent tickets of the same batch"
