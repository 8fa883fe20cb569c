"""The agent registry on a real Redis: seeding, updates, reservations, release and hand-over."""

from __future__ import annotations

import pytest
import redis

from smart_support.dal.agents import DEFAULT_CAPACITY, AgentRegistry
from smart_support.keys import Keys
from smart_support.schemas import AgentUpdate
from tests.support.redis_fixtures import isolated_keys, redis_client  # noqa: F401


@pytest.fixture
def registry(redis_client: redis.Redis, isolated_keys: Keys) -> AgentRegistry:  # noqa: F811
    return AgentRegistry(redis_client, isolated_keys)


def add(registry: AgentRegistry, agent_id: str, capacity: int = 1, **skills: float) -> None:
    registry.put(agent_id, AgentUpdate(skills=skills or {"Billing": 1.0}, capacity=capacity))


def test_empty_registry_is_seeded_with_a_specialist_per_category(registry: AgentRegistry) -> None:
    assert registry.ensure_seeded() is True
    agents = {a.agent_id: a for a in registry.list_agents()}
    assert sorted(agents) == ["Agent1", "Agent2", "Agent3"]
    best = {
        cat: max(agents.values(), key=lambda a: a.skills.get(cat, 0)).agent_id
        for cat in ("Technical", "Billing", "Legal")
    }
    assert best == {"Technical": "Agent1", "Billing": "Agent2", "Legal": "Agent3"}
    assert all(a.status == "online" and a.load == 0 for a in agents.values())


def test_seeding_leaves_an_existing_registry_alone(registry: AgentRegistry) -> None:
    add(registry, "Solo")
    assert registry.ensure_seeded() is False
    assert [a.agent_id for a in registry.list_agents()] == ["Solo"]


def test_put_creates_an_agent_with_defaults_for_omitted_fields(registry: AgentRegistry) -> None:
    agent = registry.put("New", AgentUpdate(skills={"Legal": 0.7}))
    assert (agent.skills, agent.capacity, agent.status, agent.load) == (
        {"Legal": 0.7},
        DEFAULT_CAPACITY,
        "online",
        0,
    )


def test_put_merges_skills_and_keeps_omitted_fields(registry: AgentRegistry) -> None:
    registry.put("A", AgentUpdate(skills={"Legal": 0.7, "Billing": 0.2}, capacity=3))
    agent = registry.put("A", AgentUpdate(skills={"Billing": 0.9}, status="offline"))
    assert agent.skills == {"Legal": 0.7, "Billing": 0.9}
    assert (agent.capacity, agent.status) == (3, "offline")
    assert registry.get("A") == agent


def test_get_unknown_agent_is_none(registry: AgentRegistry) -> None:
    assert registry.get("Nobody") is None


def test_reserve_takes_a_slot_and_shows_as_load(registry: AgentRegistry) -> None:
    add(registry, "A", capacity=2)
    assert registry.reserve("t1", "A") is True
    agent = registry.get("A")
    assert agent is not None
    assert (agent.load, agent.open_tickets) == (1, ["t1"])
    assert registry.assigned_agent("t1") == "A"


def test_reserving_the_same_ticket_twice_counts_once(registry: AgentRegistry) -> None:
    add(registry, "A", capacity=2)
    assert registry.reserve("t1", "A") is True
    assert registry.reserve("t1", "A") is True
    agent = registry.get("A")
    assert agent is not None and agent.load == 1


def test_ticket_held_by_one_agent_cannot_be_reserved_on_another(registry: AgentRegistry) -> None:
    add(registry, "A")
    add(registry, "B")
    registry.reserve("t1", "A")
    assert registry.reserve("t1", "B") is False
    assert registry.assigned_agent("t1") == "A"


def test_full_agent_refuses_a_reservation(registry: AgentRegistry) -> None:
    add(registry, "A", capacity=1)
    registry.reserve("t1", "A")
    assert registry.reserve("t2", "A") is False


def test_offline_agent_refuses_a_reservation(registry: AgentRegistry) -> None:
    add(registry, "A", capacity=3)
    registry.put("A", AgentUpdate(status="offline"))
    assert registry.reserve("t1", "A") is False


def test_unknown_agent_refuses_a_reservation(registry: AgentRegistry) -> None:
    assert registry.reserve("t1", "Ghost") is False


def test_capacity_lowered_below_load_blocks_new_reservations(registry: AgentRegistry) -> None:
    add(registry, "A", capacity=3)
    registry.reserve("t1", "A")
    registry.reserve("t2", "A")
    agent = registry.put("A", AgentUpdate(capacity=1))
    assert (agent.capacity, agent.load) == (1, 2)
    assert registry.reserve("t3", "A") is False


def test_release_frees_the_agents_slot(registry: AgentRegistry) -> None:
    add(registry, "A", capacity=1)
    registry.reserve("t1", "A")
    outcome = registry.release("t1")
    assert (outcome.agent_id, outcome.already_resolved) == ("A", False)
    assert registry.reserve("t2", "A") is True


def test_releasing_twice_is_harmless(registry: AgentRegistry) -> None:
    add(registry, "A", capacity=2)
    registry.reserve("t1", "A")
    registry.reserve("t2", "A")
    registry.release("t1")
    again = registry.release("t1")
    assert again.already_resolved is True
    assert again.handed_ticket_id is None
    agent = registry.get("A")
    assert agent is not None and agent.open_tickets == ["t2"]


def test_resolved_ticket_is_never_reserved_again(registry: AgentRegistry) -> None:
    add(registry, "A", capacity=2)
    registry.reserve("t1", "A")
    registry.release("t1")
    assert registry.reserve("t1", "A") is False
    agent = registry.get("A")
    assert agent is not None and agent.load == 0


def test_release_hands_the_most_urgent_waiting_ticket_the_agent_can_take(
    registry: AgentRegistry,
) -> None:
    add(registry, "A", capacity=1, Billing=1.0)
    registry.reserve("busy", "A")
    assert registry.add_waiting("legal-hot", "Legal", 0.99) is None
    assert registry.add_waiting("bill-warm", "Billing", 0.7) is None
    assert registry.add_waiting("bill-cool", "Billing", 0.3) is None
    outcome = registry.release("busy")
    assert (outcome.handed_ticket_id, outcome.handed_agent_id) == ("bill-warm", "A")
    assert registry.assigned_agent("bill-warm") == "A"
    assert [t for t, _ in registry.waiting("Billing")] == ["bill-cool"]
    assert [t for t, _ in registry.waiting("Legal")] == ["legal-hot"]


def test_offline_agent_is_handed_nothing_on_release(registry: AgentRegistry) -> None:
    add(registry, "A", capacity=1)
    registry.reserve("busy", "A")
    registry.add_waiting("next", "Billing", 0.5)
    registry.put("A", AgentUpdate(status="offline"))
    assert registry.release("busy").handed_ticket_id is None
    assert registry.assigned_agent("next") is None


def test_waiting_ticket_takes_an_able_agent_with_room_at_once(registry: AgentRegistry) -> None:
    add(registry, "A", capacity=1, Legal=0.2)
    assert registry.add_waiting("t1", "Legal", 0.5) == "A"
    assert registry.waiting("Legal") == []


def test_resolving_a_waiting_ticket_removes_it_from_waiting(registry: AgentRegistry) -> None:
    registry.add_waiting("t1", "Legal", 0.5)
    outcome = registry.release("t1")
    assert outcome.agent_id is None
    assert registry.waiting("Legal") == []


def test_old_resolutions_are_forgotten_after_the_retention(
    redis_client: redis.Redis,  # noqa: F811
    isolated_keys: Keys,  # noqa: F811
) -> None:
    registry = AgentRegistry(redis_client, isolated_keys, resolved_retention_seconds=60)
    registry.release("old", now=1000.0)
    registry.release("new", now=1100.0)
    assert redis_client.zrange(registry.resolved_key, 0, -1) == ["new"]
