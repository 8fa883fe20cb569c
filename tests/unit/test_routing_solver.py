"""The batch assignment solver: exact against brute force, urgency first, never a zero skill."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from smart_support.routing import (
    AgentSlot,
    RoutingTicket,
    evaluate,
    solve_assignment,
)

CATS = ("Billing", "Technical", "Legal")


def brute_force(tickets: list[RoutingTicket], agents: list[AgentSlot]) -> tuple[int, int, int]:
    """Best objective over every assignment that respects capacity and positive skill."""
    options = [[None, *(a.agent_id for a in agents)] for _ in tickets]
    best: tuple[int, int, int] | None = None
    for choice in itertools.product(*options):
        assignment = {t.ticket_id: a for t, a in zip(tickets, choice, strict=True)}
        try:
            key = evaluate(tickets, agents, assignment).key()
        except ValueError:
            continue
        if best is None or key > best:
            best = key
    assert best is not None
    return best


skills = st.sampled_from([0.0, 0.0, 0.1, 0.5, 0.5, 0.9, 1.0])
urgencies = st.sampled_from([0.0, 0.2, 0.5, 0.5, 0.81, 0.95, 1.0])


@st.composite
def instances(draw: st.DrawFn) -> tuple[list[RoutingTicket], list[AgentSlot]]:
    n_tickets = draw(st.integers(0, 6))
    n_agents = draw(st.integers(0, 3))
    tickets = [
        RoutingTicket(f"t{i}", draw(st.sampled_from(CATS)), draw(urgencies))
        for i in range(n_tickets)
    ]
    agents = [
        AgentSlot(f"A{j}", {c: draw(skills) for c in CATS}, draw(st.integers(0, 3)))
        for j in range(n_agents)
    ]
    return tickets, agents


@settings(max_examples=300, deadline=None)
@given(instances())
def test_solver_matches_brute_force_optimum(
    instance: tuple[list[RoutingTicket], list[AgentSlot]],
) -> None:
    tickets, agents = instance
    solved = solve_assignment(tickets, agents)
    assert set(solved) == {t.ticket_id for t in tickets}
    assert evaluate(tickets, agents, solved).key() == brute_force(tickets, agents)


def test_solver_matches_brute_force_on_seeded_random_instances() -> None:
    rng = random.Random(20240601)
    for _ in range(150):
        tickets = [
            RoutingTicket(f"t{i}", rng.choice(CATS), rng.random()) for i in range(rng.randint(1, 7))
        ]
        agents = [
            AgentSlot(
                f"A{j}",
                {c: rng.choice([0.0, rng.random()]) for c in CATS},
                rng.randint(0, 3),
            )
            for j in range(rng.randint(1, 3))
        ]
        solved = solve_assignment(tickets, agents)
        assert evaluate(tickets, agents, solved).key() == brute_force(tickets, agents)


def test_more_urgent_ticket_wins_the_last_slot_even_with_a_worse_skill_match() -> None:
    agents = [AgentSlot("A", {"Technical": 0.1, "Billing": 1.0}, 1)]
    tickets = [RoutingTicket("calm", "Billing", 0.2), RoutingTicket("urgent", "Technical", 0.9)]
    assert solve_assignment(tickets, agents) == {"calm": None, "urgent": "A"}


def test_ticket_never_goes_to_an_agent_with_zero_skill() -> None:
    agents = [AgentSlot("A", {"Technical": 0.0, "Billing": 1.0}, 5)]
    assert solve_assignment([RoutingTicket("t", "Technical", 1.0)], agents) == {"t": None}


def test_ticket_goes_to_the_best_skilled_free_agent() -> None:
    agents = [
        AgentSlot("Agent1", {"Technical": 0.9, "Billing": 0.3}, 5),
        AgentSlot("Agent2", {"Billing": 0.9, "Legal": 0.3}, 5),
        AgentSlot("Agent3", {"Legal": 0.9, "Technical": 0.3}, 5),
    ]
    tickets = [
        RoutingTicket("tech", "Technical", 0.5),
        RoutingTicket("bill", "Billing", 0.5),
        RoutingTicket("law", "Legal", 0.5),
    ]
    assert solve_assignment(tickets, agents) == {
        "tech": "Agent1",
        "bill": "Agent2",
        "law": "Agent3",
    }


def test_full_best_agent_sends_ticket_to_the_next_best() -> None:
    agents = [
        AgentSlot("Agent1", {"Technical": 0.9}, 0),
        AgentSlot("Agent3", {"Technical": 0.3}, 1),
    ]
    assert solve_assignment([RoutingTicket("t", "Technical", 0.5)], agents) == {"t": "Agent3"}


def test_ticket_waits_only_when_every_able_agent_is_full() -> None:
    agents = [AgentSlot("A", {"Legal": 0.5}, 2)]
    tickets = [RoutingTicket(f"t{i}", "Legal", 0.1 * i) for i in range(3)]
    solved = solve_assignment(tickets, agents)
    assert solved == {"t0": None, "t1": "A", "t2": "A"}


def test_equally_skilled_agents_share_the_batch() -> None:
    agents = [AgentSlot("A", {"Billing": 0.8}, 3), AgentSlot("B", {"Billing": 0.8}, 3)]
    tickets = [RoutingTicket(f"t{i}", "Billing", 0.5) for i in range(4)]
    solved = solve_assignment(tickets, agents)
    assert sorted(solved.values()) == ["A", "A", "B", "B"]


def test_answer_does_not_depend_on_input_order() -> None:
    rng = random.Random(7)
    agents = [AgentSlot(f"A{j}", {c: 0.5 for c in CATS}, 2) for j in range(4)]
    tickets = [RoutingTicket(f"t{i}", rng.choice(CATS), 0.5) for i in range(10)]
    first = solve_assignment(tickets, agents)
    for _ in range(5):
        rng.shuffle(tickets)
        rng.shuffle(agents)
        assert solve_assignment(tickets, agents) == first


def test_duplicate_ticket_in_a_batch_is_assigned_once() -> None:
    agents = [AgentSlot("A", {"Billing": 1.0}, 5)]
    t = RoutingTicket("t", "Billing", 0.5)
    assert solve_assignment([t, t], agents) == {"t": "A"}


def test_full_sqs_batch_against_many_agents_respects_capacity() -> None:
    rng = random.Random(3)
    agents = [
        AgentSlot(f"A{j}", {c: rng.choice([0.0, rng.random()]) for c in CATS}, rng.randint(0, 3))
        for j in range(10)
    ]
    tickets = [RoutingTicket(f"t{i}", rng.choice(CATS), rng.random()) for i in range(12)]
    solved = solve_assignment(tickets, agents)
    evaluate(tickets, agents, solved)  # raises on any capacity or zero-skill breach
    assert len(solved) == 12


def test_empty_batch_or_no_agents_leaves_everything_waiting() -> None:
    assert solve_assignment([], [AgentSlot("A", {"Legal": 1.0}, 1)]) == {}
    assert solve_assignment([RoutingTicket("t", "Legal", 1.0)], []) == {"t": None}
