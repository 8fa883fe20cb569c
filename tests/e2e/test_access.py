"""Who may do what, over HTTP against `AUTH=1` local stack: the route x role matrix, each
caller's own tickets, revocation, brute force, and logs that keep no ticket text.

One stack serves the module. Its authorizer cache is 1 s (the template's is 60 s) so that
revocation is seen quickly; the brute-force test runs last because it spends this
address's budget of unknown keys.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis
import requests

from smart_support.access import PUBLIC_ROUTES, ROUTE_ROLES, Role
from smart_support.credentials import CredentialStore
from smart_support.keys import Keys
from tests.e2e.conftest import RunningStack, start_stack, wait_for

pytestmark = pytest.mark.e2e

UNKNOWN_TICKET = "tkt_" + "0" * 32
UNKNOWN_INCIDENT = "inc_" + "0" * 32
MARK = uuid.uuid4().hex[:12]  # in every ticket text of this module, and never in a log line
CALLERS = ("submitter", "agent", "admin", "no key", "unknown key")


@pytest.fixture(scope="module")
def stack() -> Iterator[RunningStack]:
    running = start_stack(
        AUTH="1",
        AUTHORIZER_CACHE_SECONDS="1",
        CLASSIFIER="baseline",
        POWERTOOLS_LOG_LEVEL="DEBUG",
    )
    yield running
    running.stop()


@pytest.fixture(scope="module")
def cache(stack: RunningStack) -> redis.Redis:
    return redis.Redis.from_url(stack.info["redis"].split()[0], decode_responses=True)


@pytest.fixture(scope="module")
def credentials(cache: redis.Redis) -> CredentialStore:
    return CredentialStore(cache, Keys("ss"))


def key_of(stack: RunningStack, caller: str) -> str | None:
    keys = stack.info["keys"]
    if caller == "agent":
        return str(keys["agents"]["Agent1"])
    if caller == "unknown key":
        return f"ssk_{'0' * 12}_{'A' * 43}"
    return None if caller == "no key" else str(keys[caller])


def call(stack: RunningStack, method: str, path: str, key: str | None, **kw: Any) -> Any:
    headers = {"x-api-key": key} if key else {}
    return requests.request(method, stack.url + path, headers=headers, timeout=10, **kw)


def submit(stack: RunningStack, key: str, text: str, **fields: Any) -> str:
    body = {"description": f"{text} {MARK}", **fields}
    response = call(stack, "POST", "/tickets", key, json=body)
    assert response.status_code == 202, response.text
    return str(response.json()["ticket_id"])


def processed(stack: RunningStack, ticket_id: str) -> dict[str, Any]:
    admin = key_of(stack, "admin")

    def done() -> dict[str, Any] | None:
        row = call(stack, "GET", f"/tickets/{ticket_id}/status", admin).json()
        return row if row["status"] not in ("pending", "processing") else None

    return dict(wait_for(done))


def error_code(response: Any, status: int) -> str:
    assert response.status_code == status, (response.status_code, response.text[:300])
    body = response.json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"]), body
    return str(body["error"]["code"])


# The matrix --------------------------------------------------------------------------

CONCRETE = {
    "/tickets/{ticket_id}/status": f"/tickets/{UNKNOWN_TICKET}/status",
    "/tickets/{ticket_id}/resolve": f"/tickets/{UNKNOWN_TICKET}/resolve",
    "/incidents/{incident_id}": f"/incidents/{UNKNOWN_INCIDENT}",
    "/agents/{agent_id}": "/agents/MatrixAgent",
}
BODIES: dict[tuple[str, str], Any] = {
    ("POST", "/tickets"): {"description": f"matrix ticket {MARK}"},
    ("PUT", "/agents/{agent_id}"): {"skills": {"Legal": 0.1}, "capacity": 1, "status": "offline"},
}
MATRIX = [
    (route, caller)
    for route in sorted(ROUTE_ROLES | dict.fromkeys(PUBLIC_ROUTES))
    for caller in CALLERS
]


def test_every_template_route_is_in_the_matrix(stack: RunningStack) -> None:
    from local_stack.template import load_stack_config

    routes = {(r.method, r.path) for r in load_stack_config().routes}
    assert routes == set(ROUTE_ROLES) | set(PUBLIC_ROUTES)


@pytest.mark.parametrize(
    ("route", "caller"), MATRIX, ids=lambda v: " ".join(v) if isinstance(v, tuple) else v
)
def test_route_answers_each_caller_by_role(
    stack: RunningStack, route: tuple[str, str], caller: str
) -> None:
    method, template = route
    response = call(
        stack,
        method,
        CONCRETE.get(template, template),
        key_of(stack, caller),
        json=BODIES.get(route),
    )
    if route in PUBLIC_ROUTES:
        assert response.status_code == 200
    elif caller in ("no key", "unknown key"):
        assert error_code(response, 401) == "unauthorized"
    elif Role(caller) in ROUTE_ROLES[route]:
        assert response.status_code not in (401, 403, 500), response.text[:300]
        assert response.status_code < 500
    else:
        assert error_code(response, 403) == "forbidden"


# Own tickets ----------------------------------------------------------------------------


def test_agent_cannot_take_or_resolve_another_agents_ticket(stack: RunningStack) -> None:
    submitter, keys = key_of(stack, "submitter"), stack.info["keys"]["agents"]
    assert submitter
    ticket_id = submit(stack, submitter, "server outage, login broken")
    owner = processed(stack, ticket_id).get("assigned_agent")
    assert owner in keys, "a fresh stack has room for the ticket"
    other = next(agent for agent in keys if agent != owner)

    taken = []
    while (response := call(stack, "POST", "/tickets/next", keys[other])).status_code == 200:
        taken.append(response.json()["ticket_id"])
    assert error_code(response, 404) == "not_found"
    assert ticket_id not in taken
    asked = call(stack, "GET", f"/tickets/next?agent={owner}", keys[other])
    assert error_code(asked, 403) == "forbidden"
    refused = call(stack, "POST", f"/tickets/{ticket_id}/resolve", keys[other])
    assert error_code(refused, 403) == "forbidden"

    mine = call(stack, "POST", "/tickets/next", keys[owner])
    assert mine.status_code == 200 and mine.json()["ticket_id"] == ticket_id
    resolved = call(stack, "POST", f"/tickets/{ticket_id}/resolve", keys[owner])
    assert resolved.status_code == 200 and resolved.json()["status"] == "resolved"


def test_agent_takes_an_unassigned_ticket_its_skills_allow_and_may_resolve_it(
    stack: RunningStack,
) -> None:
    admin, agents = key_of(stack, "admin"), stack.info["keys"]["agents"]
    # Agent2 full: a Billing ticket waits without an agent; Agent1 (Billing 0.4) may take it.
    full = {"capacity": 0}
    assert call(stack, "PUT", "/agents/Agent2", admin, json=full).status_code == 200
    assert call(stack, "PUT", "/agents/Agent1", admin, json=full).status_code == 200
    try:
        ticket_id = submit(stack, str(key_of(stack, "submitter")), "refund the double charge")
        assert processed(stack, ticket_id).get("assigned_agent") is None
        assert call(stack, "POST", "/tickets/next", agents["Agent3"]).status_code == 404
        taken = call(stack, "POST", "/tickets/next?category=Billing", agents["Agent1"])
        assert taken.status_code == 200 and taken.json()["ticket_id"] == ticket_id
        refused = call(stack, "POST", f"/tickets/{ticket_id}/resolve", agents["Agent3"])
        assert error_code(refused, 403) == "forbidden"
        done = call(stack, "POST", f"/tickets/{ticket_id}/resolve", agents["Agent1"])
        assert done.status_code == 200
    finally:
        for agent in ("Agent1", "Agent2"):
            call(stack, "PUT", f"/agents/{agent}", admin, json={"capacity": 5})


def test_submitter_sees_the_status_of_its_own_tickets_only(
    stack: RunningStack, credentials: CredentialStore
) -> None:
    mine = str(key_of(stack, "submitter"))
    other = credentials.create(Role.SUBMITTER, "other-app").api_key
    ticket_id = submit(stack, mine, "invoice question")
    path = f"/tickets/{ticket_id}/status"
    assert call(stack, "GET", path, mine).status_code == 200
    assert error_code(call(stack, "GET", path, other), 404) == "not_found"
    assert call(stack, "GET", path, stack.info["keys"]["agents"]["Agent3"]).status_code == 200
    # The same Idempotency-Key from another client is another client's request.
    body, header = {"description": f"same words {MARK}"}, {"Idempotency-Key": "order-1"}
    first = requests.post(stack.url + "/tickets", json=body, headers={"x-api-key": mine, **header})
    second = requests.post(
        stack.url + "/tickets", json=body, headers={"x-api-key": other, **header}
    )
    assert first.json()["ticket_id"] != second.json()["ticket_id"]


# Keys -----------------------------------------------------------------------------------


def test_revoked_key_stops_working_and_rotation_gives_a_working_one(
    stack: RunningStack, credentials: CredentialStore
) -> None:
    issued = credentials.create(Role.AGENT, "Agent3", "to revoke")
    assert call(stack, "GET", "/queue", issued.api_key).status_code == 200
    rotated = credentials.rotate(issued.principal.key_id)
    assert rotated is not None and rotated.principal.name == "Agent3"
    wait_for(lambda: call(stack, "GET", "/queue", issued.api_key).status_code == 401, timeout=10)
    assert call(stack, "GET", "/queue", rotated.api_key).status_code == 200
    assert credentials.revoke(rotated.principal.key_id)
    wait_for(lambda: call(stack, "GET", "/queue", rotated.api_key).status_code == 401, timeout=10)
    listed = {row["key_id"] for row in credentials.list()}
    assert issued.principal.key_id not in listed and rotated.principal.key_id not in listed
    assert not any(issued.api_key in str(v) for row in credentials.list() for v in row.values())


# Telemetry ------------------------------------------------------------------------------


def test_logs_of_a_walk_through_carry_no_ticket_text_or_customer_id(stack: RunningStack) -> None:
    submitter, admin = str(key_of(stack, "submitter")), key_of(stack, "admin")
    customer = f"cust-{MARK}"
    texts = {
        "subject": f"Subject {MARK} CRITICAL outage",
        "body": f"Body {MARK} everything is down immediately",
        "description": f"Description {MARK} urgent",
    }
    response = call(stack, "POST", "/tickets", submitter, json={**texts, "customer_id": customer})
    ticket_id = response.json()["ticket_id"]
    processed(stack, ticket_id)
    for method, path in (
        ("GET", f"/tickets/{ticket_id}/status"),
        ("GET", "/queue"),
        ("GET", "/incidents"),
        ("POST", "/tickets/next"),
        ("POST", f"/tickets/{ticket_id}/resolve"),
    ):
        assert call(stack, method, path, admin).status_code < 500
    logs = "".join(stack.output)
    assert "ticket accepted" in logs and ticket_id in logs  # the logs were captured
    assert MARK not in logs and customer not in logs
    assert '"customer":' in logs  # the keyed hash stands in for it


# Brute force (last: it spends this address's budget of unknown keys) --------------------


def test_brute_force_of_bad_keys_is_401_or_429_never_5xx_and_spares_redis(
    stack: RunningStack, cache: redis.Redis
) -> None:
    def lookups() -> int:
        return int(cache.info("commandstats").get("cmdstat_hgetall", {}).get("calls", 0))

    before = lookups()
    guesses = [f"ssk_{secrets.token_hex(6)}_{secrets.token_urlsafe(32)}" for _ in range(150)]
    guesses += ["x" * n for n in (1, 64, 4000)] + ["ssk_" + "0" * 12 + "_" + "!" * 43]
    statuses = {call(stack, "GET", "/queue", guess).status_code for guess in guesses}
    assert statuses <= {401, 429}, statuses
    budget = 20  # AUTHORIZER_FAILURE_BUDGET's default
    assert lookups() - before <= budget
