"""The agent registry: list it, create or update an agent (admin)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import Router
from pydantic import BaseModel

from smart_support.http import ERRORS, JSON, AgentId
from smart_support.logic.agents import list_agents, put_agent
from smart_support.schemas import Agent, AgentUpdate
from smart_support.services import get_services

router = Router()


class AgentsOut(BaseModel):
    items: list[Agent]


TAGS = ["agents"]


@router.get(
    "/agents",
    summary="The agent registry with current loads",
    responses={200: {"description": "Agents", "content": {JSON: {"model": AgentsOut}}}, **ERRORS},
    tags=TAGS,
)
def agents() -> dict[str, Any]:
    return {"items": [a.model_dump() for a in list_agents(get_services())]}


@router.put(
    "/agents/<agent_id>",
    summary="Create or update an agent (admin)",
    responses={200: {"description": "The agent", "content": {JSON: {"model": Agent}}}, **ERRORS},
    tags=TAGS,
)
def update_agent(agent_id: AgentId, update: AgentUpdate) -> dict[str, Any]:
    return put_agent(get_services(), agent_id, update).model_dump()
