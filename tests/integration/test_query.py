"""Status, queue, next and health through the query handler: real Redis, moto SQS."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
import redis

from smart_support.dal.tickets import new_ticket_id
from tests.integration.conftest import Env, api_event, header


def get(
    query: Any, context: Any, path: str, qs: dict[str, str] | None = None, method: str = "GET"
) -> dict[str, Any]:
    event = api_event(
        "get_status",
        path=path,
        resource=path,
        httpMethod=method,
        queryStringParameters=qs,
        multiValueQueryStringParameters={k: [v] for k, v in (qs or {}).items()} or None,
        pathParameters=None,
    )
    event["requestContext"] = {
        **event["requestContext"],
        "path": f"/dev{path}",
        "resourcePath": path,
        "httpMethod": method,
    }
    return query(event, context)


def body_of(response: dict[str, Any]) -> Any:
    return json.loads(response["body"])


def ready_ticket(
    env: Env, urgency: float, category: str = "Technical", agent: str | None = None
) -> str:
    ticket_id = new_ticket_id()
    store = env.services.tickets
    store.create(
        ticket_id,
        {
            "ticket_id": ticket_id,
            "status": "pending",
            "created_at": "2026-11-24T00:00:00.000Z",
            "subject": f"urgency {urgency}",
        },
        0,
    )
    store.update(
        ticket_id,
        {
            "status": "completed",
            "category": category,
            "urgency_score": str(urgency),
            "category_confidence": "0.9",
            "urgency_label": "low",
            "model": "baseline",
        },
    )
    env.services.ready.mark_ready(ticket_id, urgency, category, agent)
    return ticket_id


def pending_ticket(env: Env, created_ms: int) -> str:
    ticket_id = new_ticket_id()
    env.services.tickets.create(
        ticket_id,
        {"ticket_id": ticket_id, "status": "pending", "created_at": "2026-11-24T00:00:00.000Z"},
        created_ms,
    )
    return ticket_id


def test_status_of_unknown_ticket_is_404(env: Env, query: Any, context: Any):
    response = get(query, context, f"/tickets/{new_ticket_id()}/status")
    assert response["statusCode"] == 404
    assert body_of(response)["error"]["code"] == "not_found"


@pytest.mark.parametrize("bad_id", ["nope", "tkt_XYZ", "../../etc/passwd", "tkt_" + "a" * 500])
def test_malformed_ticket_id_is_4xx(env: Env, query: Any, context: Any, bad_id: str):
    response = get(query, context, f"/tickets/{bad_id}/status")
    assert response["statusCode"] in (404, 422)
    assert "error" in body_of(response)


def test_status_shows_pending_ticket(env: Env, query: Any, context: Any):
    ticket_id = pending_ticket(env, 1)
    body = body_of(get(query, context, f"/tickets/{ticket_id}/status"))
    assert body["ticket_id"] == ticket_id and body["status"] == "pending"


def test_queue_lists_ready_by_urgency_then_pending_by_age(env: Env, query: Any, context: Any):
    low, high, mid = ready_ticket(env, 0.2), ready_ticket(env, 0.95), ready_ticket(env, 0.5)
    older, newer = pending_ticket(env, 1000), pending_ticket(env, 2000)
    items = body_of(get(query, context, "/queue"))["items"]
    assert [i["ticket_id"] for i in items] == [high, mid, low, older, newer]


def test_queue_pages_with_cursor_without_gaps_or_repeats(env: Env, query: Any, context: Any):
    ready = [ready_ticket(env, s / 10) for s in range(1, 8)]
    pending = [pending_ticket(env, n) for n in range(1, 5)]
    seen: list[str] = []
    cursor = None
    for _ in range(20):
        qs = {"limit": "3", **({"cursor": cursor} if cursor else {})}
        page = body_of(get(query, context, "/queue", qs))
        seen.extend(i["ticket_id"] for i in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(ready)) + pending


@pytest.mark.parametrize(
    "qs", [{"limit": "0"}, {"limit": "1000"}, {"limit": "x"}, {"cursor": "!!not-a-cursor!!"}]
)
def test_bad_queue_parameters_are_422(env: Env, query: Any, context: Any, qs):
    response = get(query, context, "/queue", qs)
    assert response["statusCode"] == 422
    assert body_of(response)["error"]["code"] == "validation_error"


def test_next_pops_highest_then_404_when_empty(env: Env, query: Any, context: Any):
    low, high = ready_ticket(env, 0.3), ready_ticket(env, 0.9)
    first = get(query, context, "/tickets/next")
    second = get(query, context, "/tickets/next")
    third = get(query, context, "/tickets/next")
    assert body_of(first)["ticket_id"] == high and body_of(first)["subject"] == "urgency 0.9"
    assert body_of(second)["ticket_id"] == low
    assert third["statusCode"] == 404
    assert body_of(get(query, context, "/queue"))["items"] == []


def test_next_filters_by_agent_and_category(env: Env, query: Any, context: Any):
    billing = ready_ticket(env, 0.4, "Billing", "Agent2")
    technical = ready_ticket(env, 0.9, "Technical", "Agent1")
    by_agent = body_of(get(query, context, "/tickets/next", {"agent": "Agent2"}))
    assert by_agent["ticket_id"] == billing
    assert get(query, context, "/tickets/next", {"category": "Billing"})["statusCode"] == 404
    by_category = body_of(get(query, context, "/tickets/next", {"category": "Technical"}))
    assert by_category["ticket_id"] == technical
    assert get(query, context, "/tickets/next", {"agent": "Agent1"})["statusCode"] == 404


def test_concurrent_next_callers_never_get_the_same_ticket(env: Env):
    # Sixty query environments popping at once: the pop is one Lua script on Redis.
    tickets = {ready_ticket(env, (n % 17) / 17) for n in range(40)}
    barrier = threading.Barrier(60)
    popped: list[str] = []
    misses: list[int] = []
    lock = threading.Lock()

    def caller() -> None:
        barrier.wait()
        ticket = env.services.ready.pop_next()
        with lock:
            if ticket:
                popped.append(ticket)
            else:
                misses.append(1)

    threads = [threading.Thread(target=caller) for _ in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(popped) == sorted(tickets)
    assert len(misses) == 20


def test_unknown_route_is_404_in_error_shape(env: Env, query: Any, context: Any):
    response = get(query, context, "/nowhere")
    assert response["statusCode"] == 404
    assert body_of(response)["error"]["code"] == "not_found"


def test_wrong_method_on_known_path_is_405(env: Env, query: Any, context: Any):
    response = get(query, context, "/queue", method="DELETE")
    assert response["statusCode"] == 405
    assert body_of(response)["error"]["code"] == "method_not_allowed"
    assert header(response, "Allow") == "GET"


def test_health_is_ok_when_redis_and_queue_answer(env: Env, query: Any, context: Any):
    response = get(query, context, "/health")
    assert response["statusCode"] == 200
    assert body_of(response)["status"] == "ok"


def test_health_is_503_when_redis_is_down(
    env: Env, query: Any, context: Any, monkeypatch: pytest.MonkeyPatch
):
    def refuse() -> None:
        raise redis.ConnectionError("refused")

    monkeypatch.setattr(env.services.tickets, "ping", refuse)
    response = get(query, context, "/health")
    assert response["statusCode"] == 503
    assert body_of(response)["down"] == ["redis"]
    assert header(response, "Retry-After")


def test_reads_answer_503_when_redis_is_down(
    env: Env, query: Any, context: Any, monkeypatch: pytest.MonkeyPatch
):
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise redis.ConnectionError("refused")

    monkeypatch.setattr(env.services.tickets, "get", refuse)
    response = get(query, context, f"/tickets/{new_ticket_id()}/status")
    assert response["statusCode"] == 503
    assert body_of(response)["error"]["code"] == "service_unavailable"
    assert header(response, "Retry-After")


def test_openapi_document_lists_every_route(env: Env, query: Any, context: Any):
    document = body_of(get(query, context, "/openapi.json"))
    assert {"/tickets", "/tickets/{ticket_id}/status", "/queue", "/tickets/next", "/health"} <= set(
        document["paths"]
    )


def test_docs_serve_swagger_ui(env: Env, query: Any, context: Any):
    response = get(query, context, "/docs")
    assert response["statusCode"] == 200
    assert "swagger" in response["body"].lower()


def test_health_reuses_a_healthy_answer_so_it_cannot_load_redis_or_sqs(
    env: Env, query: Any, context: Any, monkeypatch: pytest.MonkeyPatch
):
    pings: list[int] = []
    real_ping = env.services.tickets.ping

    def counted() -> None:
        pings.append(1)
        real_ping()

    monkeypatch.setattr(env.services.tickets, "ping", counted)
    for _ in range(20):
        assert get(query, context, "/health")["statusCode"] == 200
    assert len(pings) == 1


def test_health_checks_again_on_every_call_while_unhealthy(
    env: Env, query: Any, context: Any, monkeypatch: pytest.MonkeyPatch
):
    pings: list[int] = []

    def refuse() -> None:
        pings.append(1)
        raise redis.ConnectionError("refused")

    monkeypatch.setattr(env.services.tickets, "ping", refuse)
    for _ in range(3):
        assert get(query, context, "/health")["statusCode"] == 503
    assert len(pings) == 3
