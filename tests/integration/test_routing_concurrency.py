"""The Dispatcher on a real Redis: joint batches, atomic capacity, races, waiting, redelivery."""

from __future__ import annotations

import random
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from smart_support.dal.agents import AgentRegistry, Reservation
from smart_support.dispatch import Dispatcher
from smart_support.keys import Keys
from smart_support.routing import RoutingTicket
from smart_support.schemas import AgentUpdate
from tests.support.redis_fixtures import isolated_keys, redis_client  # noqa: F401

CATS = ("Billing", "Technical", "Legal")
THREADS = 8
TICKETS_PER_THREAD = 25
BATCH = 10


@pytest.fixture
def registry(redis_client: redis.Redis, isolated_keys: Keys) -> AgentRegistry:  # noqa: F811
    return AgentRegistry(redis_client, isolated_keys)


def small_team(registry: AgentRegistry) -> dict[str, int]:
    capacities = {"A": 3, "B": 2, "C": 4}
    registry.put("A", AgentUpdate(skills={"Billing": 0.9, "Technical": 0.2}, capacity=3))
    registry.put("B", AgentUpdate(skills={"Technical": 0.9, "Legal": 0.3}, capacity=2))
    registry.put("C", AgentUpdate(skills={"Legal": 0.9, "Billing": 0.1}, capacity=4))
    return capacities


def route_concurrently(registry: AgentRegistry, resolve_some: bool = False) -> dict[str, list]:
    """THREADS workers, released together, each routing its own tickets in SQS-sized batches.
    Returns every agent each ticket was ever reported on."""
    barrier = threading.Barrier(THREADS)
    seen: dict[str, list] = {}
    lock = threading.Lock()

    def worker(n: int) -> None:
        rng = random.Random(n)
        router = Dispatcher(registry)
        tickets = [
            RoutingTicket(f"w{n}-t{i}", rng.choice(CATS), rng.random())
            for i in range(TICKETS_PER_THREAD)
        ]
        barrier.wait()
        for start in range(0, len(tickets), BATCH):
            answer = router.route_batch(tickets[start : start + BATCH])
            with lock:
                for ticket_id, agent in answer.items():
                    seen.setdefault(ticket_id, []).append(agent)
            if resolve_some:
                for ticket_id, agent in answer.items():
                    if agent is not None and rng.random() < 0.5:
                        router.resolve(ticket_id)

    with ThreadPoolExecutor(THREADS) as pool:
        for future in [pool.submit(worker, n) for n in range(THREADS)]:
            future.result()
    return seen


def open_sets(registry: AgentRegistry, agent_ids: Sequence[str]) -> dict[str, set[str]]:
    return {a: set(registry._redis.smembers(registry.open_key(a))) for a in agent_ids}  # type: ignore[arg-type]


def test_concurrent_batches_never_push_an_agent_over_capacity(registry: AgentRegistry) -> None:
    capacities = small_team(registry)
    route_concurrently(registry)
    for agent_id, members in open_sets(registry, list(capacities)).items():
        assert len(members) <= capacities[agent_id]


def test_concurrent_batches_assign_each_ticket_at_most_once(registry: AgentRegistry) -> None:
    capacities = small_team(registry)
    seen = route_concurrently(registry)
    sets = open_sets(registry, list(capacities))
    held = [t for members in sets.values() for t in members]
    assert len(held) == len(set(held))
    assigned = {t: agents[0] for t, agents in seen.items() if agents[0] is not None}
    assert assigned == {t: a for a, members in sets.items() for t in members}


def test_concurrent_batches_fill_all_capacity_and_park_the_rest(registry: AgentRegistry) -> None:
    capacities = small_team(registry)
    seen = route_concurrently(registry)
    waiting = sum(len(registry.waiting(c, limit=1000)) for c in CATS)
    assigned = sum(1 for agents in seen.values() if agents[0] is not None)
    assert assigned == sum(capacities.values())
    assert waiting == THREADS * TICKETS_PER_THREAD - assigned


def test_concurrent_routing_and_resolving_never_push_an_agent_over_capacity(
    registry: AgentRegistry,
) -> None:
    capacities = small_team(registry)
    route_concurrently(registry, resolve_some=True)
    for agent_id, members in open_sets(registry, list(capacities)).items():
        assert len(members) <= capacities[agent_id]
        for ticket_id in members:
            assert registry.assigned_agent(ticket_id) == agent_id


def test_default_registry_sends_each_category_to_its_specialist(registry: AgentRegistry) -> None:
    answer = Dispatcher(registry).route_batch(
        [
            RoutingTicket("tech", "Technical", 0.99),
            RoutingTicket("bill", "Billing", 0.5),
            RoutingTicket("law", "Legal", 0.2),
        ]
    )
    assert answer == {"tech": "Agent1", "bill": "Agent2", "law": "Agent3"}


def test_offline_agents_get_nothing(registry: AgentRegistry) -> None:
    registry.put("Off", AgentUpdate(skills={"Billing": 1.0}, capacity=5, status="offline"))
    registry.put("On", AgentUpdate(skills={"Billing": 0.1}, capacity=1))
    answer = Dispatcher(registry).route_batch(
        [RoutingTicket("t1", "Billing", 0.9), RoutingTicket("t2", "Billing", 0.1)]
    )
    assert answer == {"t1": "On", "t2": None}


def test_redelivered_batch_keeps_the_same_agents(registry: AgentRegistry) -> None:
    small_team(registry)
    batch = [RoutingTicket(f"t{i}", CATS[i % 3], 0.1 * i) for i in range(6)]
    first = Dispatcher(registry).route_batch(batch)
    registry.put("A", AgentUpdate(skills={"Billing": 0.0}))  # the optimum would now differ
    assert Dispatcher(registry).route_batch(batch) == first
    assert sum(a.load for a in registry.list_agents()) == 6


def test_resolved_ticket_is_not_reassigned_on_redelivery(registry: AgentRegistry) -> None:
    small_team(registry)
    router = Dispatcher(registry)
    ticket = RoutingTicket("t1", "Billing", 0.5)
    assert router.route_batch([ticket]) == {"t1": "A"}
    router.resolve("t1")
    assert router.route_batch([ticket]) == {"t1": "A"}  # reported as before, not re-reserved
    assert sum(a.load for a in registry.list_agents()) == 0


def test_waiting_ticket_is_handed_to_the_agent_freed_by_resolve(registry: AgentRegistry) -> None:
    registry.put("A", AgentUpdate(skills={"Legal": 1.0}, capacity=1))
    router = Dispatcher(registry)
    answer = router.route_batch(
        [RoutingTicket("first", "Legal", 0.9), RoutingTicket("second", "Legal", 0.4)]
    )
    assert answer == {"first": "A", "second": None}
    outcome = router.resolve("first")
    assert (outcome.agent_id, outcome.handed_ticket_id, outcome.handed_agent_id) == (
        "A",
        "second",
        "A",
    )
    assert registry.assigned_agent("second") == "A"


def test_resolving_twice_is_harmless(registry: AgentRegistry) -> None:
    registry.put("A", AgentUpdate(skills={"Legal": 1.0}, capacity=1))
    router = Dispatcher(registry)
    router.route_batch([RoutingTicket("t1", "Legal", 0.9), RoutingTicket("t2", "Legal", 0.4)])
    router.resolve("t1")
    again = router.resolve("t1")
    assert again.already_resolved is True and again.handed_ticket_id is None
    agent = registry.get("A")
    assert agent is not None and agent.open_tickets == ["t2"]


def test_more_urgent_ticket_gets_the_last_slot(registry: AgentRegistry) -> None:
    registry.put("A", AgentUpdate(skills={"Legal": 0.2, "Billing": 1.0}, capacity=1))
    answer = Dispatcher(registry).route_batch(
        [RoutingTicket("calm", "Billing", 0.1), RoutingTicket("urgent", "Legal", 0.95)]
    )
    assert answer == {"calm": None, "urgent": "A"}


class RacingRegistry(AgentRegistry):
    """A registry where another Lambda fills agent A just before our first reservation."""

    raced = False

    def reserve_many(self, pairs: Sequence[tuple[str, str]]) -> list[Reservation]:
        if not self.raced:
            self.raced = True
            super().reserve_many([("rival", "A")])
        return super().reserve_many(pairs)


def test_ticket_that_loses_a_reservation_race_is_re_solved(
    redis_client: redis.Redis,  # noqa: F811
    isolated_keys: Keys,  # noqa: F811
) -> None:
    registry = RacingRegistry(redis_client, isolated_keys)
    registry.put("A", AgentUpdate(skills={"Billing": 1.0}, capacity=1))
    registry.put("B", AgentUpdate(skills={"Billing": 0.3}, capacity=1))
    answer = Dispatcher(registry).route_batch([RoutingTicket("t1", "Billing", 0.5)])
    assert answer == {"t1": "B"}
    assert registry.assigned_agent("rival") == "A"


def test_draining_after_a_capacity_increase_assigns_waiting_tickets_by_urgency(
    registry: AgentRegistry,
) -> None:
    registry.put("A", AgentUpdate(skills={"Billing": 1.0}, capacity=0))
    router = Dispatcher(registry)
    router.route_batch([RoutingTicket(f"t{i}", "Billing", i / 10) for i in range(4)])
    registry.put("A", AgentUpdate(capacity=2))
    assert router.drain_waiting() == {"t3": "A", "t2": "A"}
    assert [t for t, _ in registry.waiting("Billing")] == ["t1", "t0"]


def test_nan_urgency_waits_as_the_least_urgent(registry: AgentRegistry) -> None:
    assert registry.add_waiting("t1", "Legal", float("nan")) is None
    assert registry.waiting("Legal") == [("t1", 0.0)]


def test_ticket_of_an_unknown_category_stays_unassigned_without_failing_the_batch(
    registry: AgentRegistry,
) -> None:
    registry.put("A", AgentUpdate(skills={"Billing": 1.0}, capacity=2))
    answer = Dispatcher(registry).route_batch(
        [RoutingTicket("odd", "Cooking", 0.9), RoutingTicket("bill", "Billing", 0.5)]
    )
    assert answer == {"odd": None, "bill": "A"}
