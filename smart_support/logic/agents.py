"""Manage agents: list the registry, create or update an agent and let waiting tickets move."""

from __future__ import annotations

import re

from smart_support.dal.agents import AgentRegistry
from smart_support.dispatch import Dispatcher
from smart_support.errors import InvalidRequest
from smart_support.formats import AGENT_ID_PATTERN
from smart_support.logic.hand_over import hand_over
from smart_support.observability import tracer
from smart_support.schemas import Agent, AgentUpdate
from smart_support.services import Services

_AGENT_ID = re.compile(AGENT_ID_PATTERN)


def validate_agent_id(agent_id: str) -> str:
    if not _AGENT_ID.match(agent_id):
        raise InvalidRequest(
            "agent_id must be 1-64 letters, digits, '.', '_' or '-', starting alphanumeric"
        )
    return agent_id


def _registry(services: Services) -> AgentRegistry:
    registry = AgentRegistry(services.redis, services.keys)
    registry.ensure_seeded()
    return registry


def list_agents(services: Services) -> list[Agent]:
    return _registry(services).list_agents()


@tracer.capture_method(capture_response=False)
def put_agent(services: Services, agent_id: str, update: AgentUpdate) -> Agent:
    """The agent as stored; more capacity, or an agent back online, takes waiting tickets."""
    registry = _registry(services)
    agent = registry.put(validate_agent_id(agent_id), update)
    for ticket_id, taker in Dispatcher(registry).drain_waiting().items():
        hand_over(services, ticket_id, taker)
    return registry.get(agent.agent_id) or agent
