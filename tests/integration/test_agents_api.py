"""Agents, incidents and resolve through the query handler: real Redis, moto SQS."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.integration.conftest import Env, api_event
from tests.integration.test_process import run_batch, submit
from tests.integration.test_query import body_of, get


def call(query: Any, context: Any, method: str, path: str, body: Any = None) -> dict[str, Any]:
    event = api_event(
        "get_status",
        path=path,
        resource=path,
        httpMethod=method,
        queryStringParameters=None,
        multiValueQueryStringParameters=None,
        pathParameters=None,
        body=None if body is None else json.dumps(body),
    )
    event["headers"] = {"Content-Type": "application/json"}
    event["multiValueHeaders"] = {"Content-Type": ["application/json"]}
    event["requestContext"] = {
        **event["requestContext"],
        "path": f"/dev{path}",
        "resourcePath": path,
        "httpMethod": method,
    }
    return query(event, context)


def test_default_registry_routes_each_category_to_its_specialist(
    env: Env, query: Any, context: Any
):
    agents = {a["agent_id"]: a for a in body_of(get(query, context, "/agents"))["items"]}
    assert set(agents) >= {"Agent1", "Agent2", "Agent3"}
    best = {
        cat: max(agents.values(), key=lambda a: a["skills"].get(cat, 0))["agent_id"]
        for cat in ("Technical", "Billing", "Legal")
    }
    assert best == {"Technical": "Agent1", "Billing": "Agent2", "Legal": "Agent3"}


def test_put_agent_creates_and_updates(env: Env, query: Any, context: Any):
    created = call(
        query,
        context,
        "PUT",
        "/agents/Agent9",
        {"skills": {"Legal": 0.7}, "capacity": 2, "status": "online"},
    )
    assert created["statusCode"] == 200, created
    assert body_of(created)["skills"]["Legal"] == 0.7
    updated = body_of(call(query, context, "PUT", "/agents/Agent9", {"status": "offline"}))
    assert (updated["status"], updated["capacity"]) == ("offline", 2)


@pytest.mark.parametrize(
    "body",
    [
        {"capacity": -1},
        {"capacity": 5000},
        {"skills": {"Legal": 1.5}},
        {"skills": {"Cooking": 0.5}},
        {"status": "asleep"},
        {"surprise": True},
        [1, 2],
    ],
)
def test_nonsense_agent_update_is_422(env: Env, query: Any, context: Any, body: Any):
    response = call(query, context, "PUT", "/agents/Agent1", body)
    assert response["statusCode"] == 422
    assert body_of(response)["error"]["code"] == "validation_error"


def test_resolve_frees_capacity_and_hands_over_a_waiting_ticket(
    env: Env, ingest: Any, query: Any, process: Any, context: Any
):
    for agent in ("Agent1", "Agent2", "Agent3"):
        call(query, context, "PUT", f"/agents/{agent}", {"capacity": 1})
    first = submit(ingest, context, description="GDPR deletion request from our lawyer")
    run_batch(process, context, env.drain())
    second = submit(ingest, context, description="Our counsel sent a subpoena about a contract")
    third = submit(ingest, context, description="DMCA copyright notice about a customer upload")
    run_batch(process, context, env.drain())
    rows = {t: env.services.tickets.get(t) for t in (first, second, third)}
    assert rows[first].assigned_agent == "Agent3"
    waiting = [t for t in (second, third) if not rows[t].assigned_agent]
    assert waiting, "with every agent at capacity 1, a Legal ticket must wait"
    resolved = body_of(call(query, context, "POST", f"/tickets/{first}/resolve"))
    assert resolved["agent_id"] == "Agent3" and not resolved["already_resolved"]
    assert resolved["handed_ticket_id"] in waiting
    handed = env.services.tickets.get(resolved["handed_ticket_id"])
    assert handed.assigned_agent == "Agent3"
    assert env.services.tickets.get(first).status == "resolved"


def test_resolving_twice_is_harmless(env: Env, ingest: Any, query: Any, process: Any, context: Any):
    ticket = submit(ingest, context, description="Refund for a double charge")
    run_batch(process, context, env.drain())
    first = body_of(call(query, context, "POST", f"/tickets/{ticket}/resolve"))
    second = body_of(call(query, context, "POST", f"/tickets/{ticket}/resolve"))
    assert first["already_resolved"] is False and second["already_resolved"] is True
    agent = body_of(get(query, context, "/agents"))["items"]
    assert all(ticket not in a["open_tickets"] for a in agent)


def test_resolve_unknown_ticket_is_404(env: Env, query: Any, context: Any):
    response = call(query, context, "POST", "/tickets/tkt_0123456789abcdef0123456789abcdef/resolve")
    assert response["statusCode"] == 404


def test_incidents_list_and_detail_after_a_storm(
    env: Env, ingest: Any, query: Any, process: Any, context: Any
):
    ids = [
        submit(ingest, context, description="Checkout page returns error 502") for _ in range(12)
    ]
    while records := env.drain():
        run_batch(process, context, records)
        for record in records:
            env.sqs.delete_message(QueueUrl=env.queue_url, ReceiptHandle=record["receiptHandle"])
    listing = body_of(get(query, context, "/incidents"))
    assert len(listing["items"]) == 1
    incident_id = listing["items"][0]["incident_id"]
    detail = body_of(get(query, context, f"/incidents/{incident_id}"))
    assert detail["member_count"] == 12 and sorted(detail["member_ids"]) == sorted(ids)
    statuses = {env.services.tickets.get(t).status for t in ids}
    assert statuses == {"master_incident"}
    assert get(query, context, "/incidents/inc_" + "0" * 32)["statusCode"] == 404
    assert get(query, context, "/incidents/nope")["statusCode"] == 422
