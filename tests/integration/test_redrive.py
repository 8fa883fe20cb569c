"""`make redrive`: dead-lettered tickets go back to the queue and get processed (moto SQS)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from smart_support.redrive import main, redrive
from tests.integration.conftest import Env, api_event

MAX_RECEIVES = 3  # the env fixture's redrive policy


def submit(ingest: Any, context: Any, description: str) -> str:
    response = ingest(api_event("post_ticket", body={"description": description}), context)
    assert response["statusCode"] == 202, response
    return str(json.loads(response["body"])["ticket_id"])


def dead_letter_everything(env: Env) -> list[str]:
    """Receive every message maxReceiveCount times without deleting it (the queue's visibility
    timeout is 0, as if each processing attempt failed): the next receive parks it. Returns
    the bodies."""
    seen: list[set[str]] = []
    for _ in range(MAX_RECEIVES):
        got = env.sqs.receive_message(QueueUrl=env.queue_url, MaxNumberOfMessages=10)
        seen.append({m["Body"] for m in got.get("Messages", [])})
    assert seen[0] and all(bodies == seen[0] for bodies in seen)
    assert env.drain() == []
    return sorted(seen[0])


def dlq_bodies(env: Env) -> list[str]:
    messages = env.sqs.receive_message(
        QueueUrl=env.dlq_url, MaxNumberOfMessages=10, VisibilityTimeout=0
    ).get("Messages", [])
    return sorted(m["Body"] for m in messages)


def test_dead_lettered_tickets_are_redriven_and_processed(
    env: Env, ingest: Any, process: Any, context: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    tickets = [
        submit(ingest, context, "Invoice charged twice this month"),
        submit(ingest, context, "Server crash when exporting reports"),
        submit(ingest, context, "Subpoena about customer records from our counsel"),
    ]
    bodies = dead_letter_everything(env)
    assert len(bodies) == 3
    assert dlq_bodies(env) == bodies

    code = main(["--from", env.dlq_url, "--to", env.queue_url, "--wait", "0"])

    assert code == 0
    assert capsys.readouterr().out.startswith("moved 3 message(s)")
    assert dlq_bodies(env) == []
    records = env.drain()
    assert sorted(r["body"] for r in records) == bodies  # bodies unchanged
    response = process({"Records": records}, context)
    assert response["batchItemFailures"] == []
    statuses = [env.services.tickets.get(t).status for t in tickets]
    assert statuses == ["completed"] * 3


def test_max_moves_only_that_many_and_keeps_message_attributes(env: Env) -> None:
    for n in range(5):
        env.sqs.send_message(
            QueueUrl=env.dlq_url,
            MessageBody=json.dumps({"n": n}),
            MessageAttributes={"origin": {"DataType": "String", "StringValue": f"test-{n}"}},
        )
    result = redrive(env.sqs, env.dlq_url, env.queue_url, max_messages=2, wait_seconds=0)
    assert (result.moved, result.failed) == (2, 0)
    moved = env.sqs.receive_message(
        QueueUrl=env.queue_url, MaxNumberOfMessages=10, MessageAttributeNames=["All"]
    )["Messages"]
    assert len(moved) == 2
    for message in moved:
        n = json.loads(message["Body"])["n"]
        assert message["MessageAttributes"]["origin"]["StringValue"] == f"test-{n}"
    rest = redrive(env.sqs, env.dlq_url, env.queue_url, wait_seconds=0)
    assert (rest.moved, rest.failed) == (3, 0)


def test_message_stays_in_the_dlq_when_the_send_fails(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    env.sqs.send_message(QueueUrl=env.dlq_url, MessageBody='{"ticket_id": "x"}')

    def refuse(**kwargs: Any) -> Any:
        raise ClientError({"Error": {"Code": "ServiceUnavailable", "Message": "down"}}, "Send")

    monkeypatch.setattr(env.sqs, "send_message_batch", refuse)
    with pytest.raises(ClientError):
        redrive(env.sqs, env.dlq_url, env.queue_url, wait_seconds=0)
    monkeypatch.undo()
    attrs = env.sqs.get_queue_attributes(QueueUrl=env.dlq_url, AttributeNames=["All"])
    assert attrs["Attributes"]["ApproximateNumberOfMessagesNotVisible"] == "1"  # held, kept
    assert env.drain() == []


def test_partly_refused_batch_moves_the_rest_and_reports_the_refused(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(3):
        env.sqs.send_message(QueueUrl=env.dlq_url, MessageBody=json.dumps({"n": n}))
    real = env.sqs.send_message_batch

    def refuse_first(QueueUrl: str, Entries: list[dict[str, Any]]) -> Any:
        answer = real(QueueUrl=QueueUrl, Entries=Entries[1:])
        failed = [{"Id": Entries[0]["Id"], "SenderFault": False, "Code": "InternalError"}]
        return {**answer, "Failed": failed}

    monkeypatch.setattr(env.sqs, "send_message_batch", refuse_first)
    result = redrive(env.sqs, env.dlq_url, env.queue_url, max_messages=3, wait_seconds=0)
    monkeypatch.undo()
    assert (result.moved, result.failed) == (2, 1)
    assert len(env.drain()) == 2
    attrs = env.sqs.get_queue_attributes(QueueUrl=env.dlq_url, AttributeNames=["All"])
    assert attrs["Attributes"]["ApproximateNumberOfMessagesNotVisible"] == "1"  # held, kept


def test_same_queue_on_both_sides_is_refused(env: Env) -> None:
    with pytest.raises(ValueError, match="same queue"):
        redrive(env.sqs, env.queue_url, env.queue_url)
