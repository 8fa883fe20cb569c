"""The PUT /agents body: what the API accepts and what it answers 422 to."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from smart_support.errors import InvalidRequest
from smart_support.logic.agents import validate_agent_id
from smart_support.schemas import AgentUpdate


def test_partial_update_keeps_omitted_fields_unset() -> None:
    update = AgentUpdate.model_validate({"status": "offline"})
    assert update.model_dump(exclude_none=True) == {"status": "offline"}


def test_integer_skill_is_read_as_a_float() -> None:
    assert AgentUpdate.model_validate({"skills": {"Billing": 1}}).skills == {"Billing": 1.0}


@pytest.mark.parametrize(
    "body",
    [
        {"capacity": -1},
        {"capacity": 1001},
        {"capacity": "3"},
        {"capacity": True},
        {"skills": {"Billing": 1.5}},
        {"skills": {"Billing": -0.1}},
        {"skills": {"Billing": float("nan")}},
        {"skills": {"Cooking": 0.5}},
        {"skills": ["Billing"]},
        {"status": "away"},
        {"nickname": "Ann"},
    ],
)
def test_nonsense_is_rejected(body: dict) -> None:
    with pytest.raises(ValidationError):
        AgentUpdate.model_validate(body)


@pytest.mark.parametrize("agent_id", ["", "a b", "x" * 65, "{agents}", "-lead"])
def test_malformed_agent_id_is_rejected(agent_id: str) -> None:
    with pytest.raises(InvalidRequest):
        validate_agent_id(agent_id)
