"""Fault injection at intake: Redis or SQS really unreachable, and a send that fails after SQS
took the message. A 202 is always processed; a 503 leaves nothing behind and is never
processed. Tickets are counted in (202) and out (queued, stored, processed)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ReadTimeoutError

from local_stack.redis_server import PrivateRedis, free_port
from smart_support.services import get_services, reset_services
from tests.integration.conftest import Env, api_event, header


def post(ingest: Any, context: Any, text: str, idempotency_key: str | None = None) -> Any:
    event = api_event("post_ticket", body={"description": text})
    if idempotency_key:
        event["headers"] = {**event["headers"], "Idempotency-Key": idempotency_key}
        event["multiValueHeaders"] = {
            **event["multiValueHeaders"],
            "Idempotency-Key": [idempotency_key],
        }
    return ingest(event, context)


def keys_under(env: Env) -> list[str]:
    """The keys the test's cache holds under its prefix (every master of a cluster)."""
    client = env.cache.client()
    try:
        return list(client.scan_iter(match=f"{env.services.keys.prefix}:*", count=1000))
    finally:
        client.close()


def use_redis(env: Env, monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    """Point the functions at one node that the test can close or stop."""
    monkeypatch.setenv("REDIS_URL", url)
    monkeypatch.setenv("REDIS_CLUSTER", "0")
    monkeypatch.setenv("REDIS_CONNECT_TIMEOUT", "0.5")
    reset_services()
    env.services = get_services()


def assert_503_retry_after(response: dict[str, Any], dependency: str) -> None:
    assert response["statusCode"] == 503, response
    assert (header(response, "Retry-After") or "").isdigit()
    error = json.loads(response["body"])["error"]
    assert error["code"] == "service_unavailable"
    assert {"dependency": dependency}.items() <= error["details"][0].items()


@pytest.mark.parametrize("idempotency_key", [None, "order-1-retry"])
def test_closed_redis_port_is_503_nothing_queued_nothing_written(
    env: Env,
    ingest: Any,
    query: Any,
    context: Any,
    monkeypatch: pytest.MonkeyPatch,
    idempotency_key: str | None,
) -> None:
    use_redis(env, monkeypatch, f"redis://127.0.0.1:{free_port()}/0")
    for n in range(3):
        assert_503_retry_after(post(ingest, context, f"Refund {n}", idempotency_key), "redis")
    assert env.drain() == []
    assert keys_under(env) == []
    health = query(
        api_event("get_status", path="/health", resource="/health", pathParameters=None), context
    )
    assert health["statusCode"] == 503


def test_stopped_redis_is_503_and_the_same_port_serves_again_after_restart(
    env: Env, ingest: Any, context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = PrivateRedis().start()
    try:
        use_redis(env, monkeypatch, server.url)
        first = post(ingest, context, "Invoice charged twice")
        assert first["statusCode"] == 202
        server.stop()
        assert_503_retry_after(post(ingest, context, "Invoice charged twice"), "redis")
        server = PrivateRedis(port=server.port).start()
        again = post(ingest, context, "Invoice charged twice")
        assert again["statusCode"] == 202
        queued = [json.loads(r["body"])["ticket_id"] for r in env.drain()]
        accepted = [json.loads(r["body"])["ticket_id"] for r in (first, again)]
        assert queued == accepted  # in: two 202s; out: exactly those two messages
    finally:
        server.stop()


def test_unreachable_sqs_endpoint_is_503_and_the_ticket_is_undone(
    env: Env, ingest: Any, context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SQS_ENDPOINT_URL", f"http://127.0.0.1:{free_port()}")
    reset_services()
    env.services = get_services()
    assert_503_retry_after(post(ingest, context, "Server crash", "sqs-down-1"), "sqs")
    # No hash, no index entry, no key claim: only the marker that drops a stray message.
    assert [k.rsplit(":", 1)[-1] for k in keys_under(env)] == ["withdrawn"]


def test_send_that_fails_after_sqs_took_the_message_is_never_processed(
    env: Env, ingest: Any, process: Any, context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ambiguous failure: SQS stored the message but the answer never came back. The
    client got 503 and will retry, so the stray message must not make a second ticket."""
    client = env.services.sqs.client
    real_send = client.send_message

    def lost_answer(**kwargs: Any) -> Any:
        real_send(**kwargs)
        raise ReadTimeoutError(endpoint_url=env.queue_url)

    monkeypatch.setattr(client, "send_message", lost_answer)
    assert_503_retry_after(post(ingest, context, "Payment failed", "pay-1"), "sqs")
    monkeypatch.setattr(client, "send_message", real_send)
    retried = post(ingest, context, "Payment failed", "pay-1")
    assert retried["statusCode"] == 202
    kept = json.loads(retried["body"])["ticket_id"]

    records = env.drain()
    assert len(records) == 2  # the stray message and the retry's
    stray = next(json.loads(r["body"])["ticket_id"] for r in records if kept not in r["body"])
    response = process({"Records": records}, context)
    assert response["batchItemFailures"] == []  # the stray one is dropped, not retried
    assert env.services.tickets.get(kept).status == "completed"
    assert env.services.tickets.get(stray) is None
    listed = [item.ticket_id for item in env.services.ready.page(50, None).items]
    assert listed == [kept]


def test_send_whose_answer_is_lost_after_processing_began_is_accepted(
    env: Env, ingest: Any, process: Any, context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same lost answer, but the process function picked the message up before intake
    gave up on it: the ticket is in the system, so the client is told so (202)."""
    client = env.services.sqs.client
    real_send = client.send_message

    def processed_then_lost(**kwargs: Any) -> Any:
        real_send(**kwargs)
        assert process({"Records": env.drain()}, context)["batchItemFailures"] == []
        raise ReadTimeoutError(endpoint_url=env.queue_url)

    monkeypatch.setattr(client, "send_message", processed_then_lost)
    response = post(ingest, context, "Server crash on export", "export-1")
    assert response["statusCode"] == 202
    ticket_id = json.loads(response["body"])["ticket_id"]
    assert env.services.tickets.get(ticket_id).status == "completed"
    monkeypatch.setattr(client, "send_message", real_send)
    replay = post(ingest, context, "Server crash on export", "export-1")
    assert json.loads(replay["body"])["ticket_id"] == ticket_id
    # Out: one message (never deleted here, as no poller runs), for that one ticket.
    assert [json.loads(r["body"])["ticket_id"] for r in env.drain()] == [ticket_id]
