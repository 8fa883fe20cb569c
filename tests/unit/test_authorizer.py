"""The authorizer's decisions without I/O: key shapes, the bad-key guard, the policy."""

from __future__ import annotations

import fnmatch
from typing import Any

import pytest

from smart_support.access import ROUTE_ROLES, Principal, Role, check_route
from smart_support.authorizer import BadKeyGuard, Unauthorized, authenticate, policy
from smart_support.errors import Forbidden
from smart_support.errors import Unauthorized as HttpUnauthorized

GOOD = "ssk_0123456789ab_" + "A" * 43
ARN = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/queue"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def request(key: str | None, ip: str = "198.51.100.7") -> dict[str, Any]:
    return {
        "headers": {"X-Api-Key": key} if key is not None else {},
        "requestContext": {"identity": {"sourceIp": ip}},
        "methodArn": ARN,
    }


def test_malformed_keys_are_refused_without_a_lookup() -> None:
    looked_up: list[str] = []

    def lookup(key: str) -> Principal | None:
        looked_up.append(key)
        return None

    for key in (None, "", "secret", GOOD + "x", GOOD.replace("ssk_", "ssx_")):
        with pytest.raises(Unauthorized):
            authenticate(request(key), lookup, BadKeyGuard())
    assert looked_up == []


def test_an_unknown_key_is_looked_up_once_per_remember_window() -> None:
    clock, calls = Clock(), []
    guard = BadKeyGuard(remember_seconds=60, budget=100, clock=clock)

    def lookup(key: str) -> Principal | None:
        calls.append(key)
        return None

    for _ in range(5):
        with pytest.raises(Unauthorized):
            authenticate(request(GOOD), lookup, guard)
    assert len(calls) == 1
    clock.now = 61
    with pytest.raises(Unauthorized):
        authenticate(request(GOOD), lookup, guard)
    assert len(calls) == 2


def test_an_address_over_its_budget_gets_no_lookups_until_its_window_passes() -> None:
    clock, calls = Clock(), []
    guard = BadKeyGuard(budget=3, window_seconds=10, clock=clock)

    def lookup(key: str) -> Principal | None:
        calls.append(key)
        return None

    for n in range(10):
        with pytest.raises(Unauthorized):
            authenticate(request(f"ssk_{n:012x}_" + "B" * 43), lookup, guard)
    assert len(calls) == 3
    with pytest.raises(Unauthorized):  # another address is not affected
        authenticate(request("ssk_ffffffffffff_" + "B" * 43, ip="203.0.113.1"), lookup, guard)
    assert len(calls) == 4
    clock.now = 11
    with pytest.raises(Unauthorized):
        authenticate(request("ssk_eeeeeeeeeeee_" + "B" * 43), lookup, guard)
    assert len(calls) == 5


@pytest.mark.parametrize("role", list(Role))
def test_policy_allows_exactly_the_routes_of_the_role_on_this_stage(role: Role) -> None:
    answer = policy(Principal(role, "someone", "0123456789ab"), ARN)
    assert answer["principalId"] == f"{role.value}:someone"
    assert answer["context"] == {"role": role.value, "name": "someone", "key_id": "0123456789ab"}
    (statement,) = answer["policyDocument"]["Statement"]
    assert statement["Effect"] == "Allow"
    prefix = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/"
    for (method, path), roles in ROUTE_ROLES.items():
        concrete = path.replace("{ticket_id}", "tkt_1").replace("{incident_id}", "inc_1")
        arn = prefix + method + concrete.replace("{agent_id}", "A1")
        allowed = any(fnmatch.fnmatchcase(arn, p) for p in statement["Resource"])
        assert allowed == (role in roles), (method, path)
    assert all(r.startswith(prefix) for r in statement["Resource"])


def test_handlers_check_the_role_again_from_the_authorizer_context() -> None:
    event: dict[str, Any] = {"httpMethod": "GET", "resource": "/queue", "requestContext": {}}
    with pytest.raises(HttpUnauthorized):
        check_route(event)
    event["requestContext"]["authorizer"] = {"role": "submitter", "name": "web", "key_id": "k"}
    with pytest.raises(Forbidden):
        check_route(event)
    event["requestContext"]["authorizer"]["role"] = "agent"
    assert check_route(event) == Principal(Role.AGENT, "web", "k")
    assert check_route({"httpMethod": "GET", "resource": "/health"}) is None
