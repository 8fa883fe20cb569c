"""POST /tickets through the ingest handler: real Redis, moto SQS."""

from __future__ import annotations

import base64
import json
import threading
from typing import Any

import pytest
import redis
from botocore.exceptions import ClientError

from smart_support.logic.submit import accept_ticket
from smart_support.schemas import TicketIn
from tests.integration.conftest import Env, api_event, header


def post(
    ingest: Any, context: Any, body: Any, headers: dict[str, str] | None = None, **overrides: Any
) -> dict[str, Any]:
    event = api_event("post_ticket", body=body, **overrides)
    if headers is not None:
        event["headers"] = headers
        event["multiValueHeaders"] = {k: [v] for k, v in headers.items()}
    return ingest(event, context)


def error_of(response: dict[str, Any]) -> dict[str, Any]:
    body = json.loads(response["body"])
    assert set(body) == {"error"}, body
    assert {"code", "message"} <= set(body["error"])
    return body["error"]


def test_submit_answers_202_with_status_url_and_location(env: Env, ingest: Any, context: Any):
    response = post(ingest, context, {"subject": "Login broken", "body": "Cannot log in."})
    assert response["statusCode"] == 202
    body = json.loads(response["body"])
    assert body["status"] == "accepted"
    assert body["ticket_id"].startswith("tkt_")
    assert body["status_url"] == f"/dev/tickets/{body['ticket_id']}/status"
    assert header(response, "Location") == body["status_url"]


def test_submit_records_pending_ticket_and_queues_it(env: Env, ingest: Any, context: Any):
    response = post(ingest, context, {"description": "Refund please", "customer_id": "c-42"})
    ticket_id = json.loads(response["body"])["ticket_id"]
    row = env.services.tickets.get(ticket_id)
    assert row is not None and row.status == "pending" and row.customer_id == "c-42"
    messages = env.drain()
    assert len(messages) == 1
    message = json.loads(messages[0]["body"])
    assert message["ticket_id"] == ticket_id and message["text"] == "Refund please"


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "body"),
        ({"subject": "   ", "body": "\n\t"}, "body"),
        ({"subject": 42}, "subject"),
        ({"subject": "x" * 301}, "subject"),
        ({"body": "x" * 20_001}, "body"),
        ({"subject": "hi", "surprise": 1}, "surprise"),
        ({"subject": "hi", "channel": "pigeon"}, "channel"),
        ({"subject": "hi", "metadata": {"k": {"nested": 1}}}, "metadata"),
        ({"subject": "hi", "customer_id": "bad id with spaces"}, "customer_id"),
        ({"subject": "nul\x00byte"}, "subject"),
    ],
)
def test_invalid_ticket_is_422_with_details(env: Env, ingest: Any, context: Any, body, field):
    response = post(ingest, context, body)
    assert response["statusCode"] == 422
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert any(field in d["field"] for d in error["details"]), error
    assert env.drain() == []


@pytest.mark.parametrize("raw", ["{bad json", "", "[1, 2]", "null", '"text"'])
def test_malformed_or_non_object_body_is_4xx(env: Env, ingest: Any, context: Any, raw: str):
    response = post(ingest, context, raw)
    assert response["statusCode"] in (400, 422)
    assert error_of(response)["code"] in ("malformed_json", "validation_error")


def test_deeply_nested_json_is_rejected_cleanly(env: Env, ingest: Any, context: Any):
    response = post(ingest, context, "[" * 100_000 + "]" * 100_000)
    assert response["statusCode"] in (400, 413, 422)
    error_of(response)


def test_wrong_content_type_is_415(env: Env, ingest: Any, context: Any):
    response = post(ingest, context, {"subject": "hi"}, headers={"Content-Type": "text/plain"})
    assert response["statusCode"] == 415
    assert error_of(response)["code"] == "unsupported_media_type"


def test_oversized_request_is_413(env: Env, ingest: Any, context: Any):
    response = post(ingest, context, {"body": "x" * 300_000})
    assert response["statusCode"] == 413
    assert error_of(response)["code"] == "payload_too_large"


def test_invalid_utf8_body_is_400(env: Env, ingest: Any, context: Any):
    raw = base64.b64encode(b'{"subject": "\xff\xfe"}').decode()
    response = post(ingest, context, raw, isBase64Encoded=True)
    assert response["statusCode"] == 400
    assert error_of(response)["code"] == "malformed_json"


def test_redis_down_is_503_with_retry_after_and_nothing_queued(
    env: Env, ingest: Any, context: Any, monkeypatch: pytest.MonkeyPatch
):
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise redis.ConnectionError("connection refused")

    monkeypatch.setattr(env.services.tickets, "create", refuse)
    response = post(ingest, context, {"subject": "hello"})
    assert response["statusCode"] == 503
    assert header(response, "Retry-After").isdigit()
    assert error_of(response)["code"] == "service_unavailable"
    assert env.drain() == []


def test_queue_send_failure_is_503_and_leaves_no_pending_ticket(
    env: Env, ingest: Any, context: Any, monkeypatch: pytest.MonkeyPatch
):
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise ClientError(
            {"Error": {"Code": "ServiceUnavailable", "Message": "down"}}, "SendMessage"
        )

    monkeypatch.setattr(env.services.sqs.client, "send_message", fail)
    response = post(ingest, context, {"subject": "hello"})
    assert response["statusCode"] == 503
    assert header(response, "Retry-After")
    page = env.services.ready.page(50, None)
    assert page.items == []
    assert env.services.redis.zcard(env.services.keys.inflight()) == 0


def test_same_idempotency_key_returns_same_ticket(env: Env, ingest: Any, context: Any):
    headers = {"Content-Type": "application/json", "Idempotency-Key": "order-77-retry"}
    first = post(ingest, context, {"subject": "charged twice"}, headers=headers)
    second = post(ingest, context, {"subject": "charged twice"}, headers=headers)
    assert first["statusCode"] == second["statusCode"] == 202
    assert json.loads(first["body"]) == json.loads(second["body"])
    assert header(second, "Idempotent-Replayed") == "true"
    assert len(env.drain()) == 1


def test_idempotency_key_with_different_body_is_422(env: Env, ingest: Any, context: Any):
    headers = {"Content-Type": "application/json", "idempotency-key": "k-1"}
    post(ingest, context, {"subject": "one"}, headers=headers)
    response = post(ingest, context, {"subject": "two"}, headers=headers)
    assert response["statusCode"] == 422
    assert error_of(response)["code"] == "idempotency_key_reused"


def test_idempotency_key_is_free_again_after_a_failed_send(
    env: Env, ingest: Any, context: Any, monkeypatch: pytest.MonkeyPatch
):
    headers = {"Content-Type": "application/json", "Idempotency-Key": "retry-me"}
    original = env.services.sqs.client.send_message

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise ClientError({"Error": {"Code": "Throttling", "Message": "slow down"}}, "SendMessage")

    monkeypatch.setattr(env.services.sqs.client, "send_message", fail)
    assert post(ingest, context, {"subject": "x"}, headers=headers)["statusCode"] == 503
    monkeypatch.setattr(env.services.sqs.client, "send_message", original)
    assert post(ingest, context, {"subject": "x"}, headers=headers)["statusCode"] == 202
    assert len(env.drain()) == 1


def test_fifty_simultaneous_submissions_get_fifty_distinct_tickets(env: Env):
    # Fifty Lambda environments accepting at the same instant: each runs the intake on its
    # own (one handler object serves one request at a time, in AWS as in the local stack).
    barrier = threading.Barrier(50)
    accepted: dict[str, str] = {}
    lock = threading.Lock()

    def submit(n: int) -> None:
        text = f"Simultaneous request {n}"
        ticket = TicketIn(description=text)
        barrier.wait()
        result = accept_ticket(env.services, ticket, None)
        with lock:
            accepted[result.ticket_id] = text

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(accepted) == 50
    stored = {t: env.services.tickets.get(t).description for t in accepted}
    assert stored == accepted
    queued: dict[str, str] = {}
    while batch := env.drain():
        for m in batch:
            message = json.loads(m["body"])
            queued[message["ticket_id"]] = message["text"]
            env.sqs.delete_message(QueueUrl=env.queue_url, ReceiptHandle=m["receiptHandle"])
    assert queued == accepted
