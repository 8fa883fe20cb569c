"""The process handler on SQS batches: lifecycle, queue, routing, alerts, redelivery, failures."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.integration.conftest import EVENTS, Env, api_event


def submit(ingest: Any, context: Any, **body: Any) -> str:
    response = ingest(api_event("post_ticket", body=body), context)
    assert response["statusCode"] == 202, response
    return str(json.loads(response["body"])["ticket_id"])


def run_batch(process: Any, context: Any, records: list[dict[str, Any]]) -> set[str]:
    """Invoke the process handler; returns the message ids it reported as failed."""
    response = process({"Records": records}, context)
    return {item["itemIdentifier"] for item in response["batchItemFailures"]}


def test_batch_completes_tickets_with_category_urgency_and_agent(
    env: Env, ingest: Any, process: Any, context: Any
):
    technical = submit(ingest, context, description="API server crash and error")
    billing = submit(ingest, context, description="Refund and billing charge issue")
    assert run_batch(process, context, env.drain()) == set()
    tech = env.services.tickets.get(technical)
    bill = env.services.tickets.get(billing)
    assert tech and bill
    assert (tech.status, tech.category, tech.assigned_agent) == (
        "completed",
        "Technical",
        "Agent1",
    )
    assert (bill.status, bill.category, bill.assigned_agent) == (
        "completed",
        "Billing",
        "Agent2",
    )
    assert tech.model == "baseline"
    assert 0.0 <= float(tech.urgency_score) <= 1.0
    assert tech.urgency_label in ("high", "medium", "low")


def test_completed_tickets_enter_ready_queue_by_urgency(
    env: Env, ingest: Any, process: Any, context: Any
):
    calm = submit(ingest, context, description="Minor UI issue, no rush")
    urgent = submit(ingest, context, description="CRITICAL server outage immediately")
    run_batch(process, context, env.drain())
    assert env.services.ready.pop_next() == urgent
    assert env.services.ready.pop_next() == calm
    assert env.services.ready.pop_next() is None


def test_redelivered_message_is_not_processed_twice(
    env: Env, ingest: Any, process: Any, context: Any
):
    ticket = submit(ingest, context, description="URGENT: production is down, ASAP!!")
    records = env.drain()
    assert run_batch(process, context, records) == set()
    first = env.services.tickets.get(ticket)
    assert run_batch(process, context, records) == set()
    again = env.services.tickets.get(ticket)
    assert first == again
    registry_load = env.services.redis.scard(f"{env.services.keys.agents_tag}:open:Agent1")
    assert registry_load == 1


def test_poison_message_is_reported_and_rest_of_batch_completes(
    env: Env, ingest: Any, process: Any, context: Any
):
    good = submit(ingest, context, description="Invoice shows the wrong amount")
    records = env.drain()
    poison = dict(records[0], messageId="poison-1", body="{not json")
    failed = run_batch(process, context, [poison, *records])
    assert failed == {"poison-1"}
    row = env.services.tickets.get(good)
    assert row and row.status == "completed"


def test_ticket_locked_by_another_worker_is_retried_later(
    env: Env, ingest: Any, process: Any, context: Any
):
    ticket = submit(ingest, context, description="Cannot log in")
    records = env.drain()
    env.services.redis.set(env.services.keys.ticket_lock(ticket), "someone-else", px=60_000)
    assert run_batch(process, context, records) == {records[0]["messageId"]}
    env.services.redis.delete(env.services.keys.ticket_lock(ticket))
    assert run_batch(process, context, records) == set()
    row = env.services.tickets.get(ticket)
    assert row and row.status == "completed"


def test_redis_failure_mid_batch_fails_records_for_retry(
    env: Env, ingest: Any, process: Any, context: Any, monkeypatch: pytest.MonkeyPatch
):
    import redis

    ticket = submit(ingest, context, description="Payment failed twice")
    records = env.drain()
    store = env.services.tickets

    def broken(*args: Any, **kwargs: Any) -> None:
        raise redis.ConnectionError("connection reset")

    monkeypatch.setattr(env.services.ready, "mark_ready", broken)
    assert run_batch(process, context, records) == {records[0]["messageId"]}
    assert store.get(ticket).status == "processing"
    monkeypatch.undo()
    assert run_batch(process, context, records) == set()
    assert store.get(ticket).status == "completed"


def test_expired_ticket_state_is_rebuilt_from_the_message(
    env: Env, ingest: Any, process: Any, context: Any
):
    ticket = submit(ingest, context, subject="Legal hold", body="Our counsel sent a subpoena")
    env.services.redis.delete(env.services.keys.ticket(ticket))
    assert run_batch(process, context, env.drain()) == set()
    row = env.services.tickets.get(ticket)
    assert row and row.status == "completed" and row.subject == "Legal hold"
    assert row.category == "Legal"


def test_logs_at_any_level_never_contain_ticket_text_or_a_clear_customer_id(
    env: Env, ingest: Any, process: Any, context: Any, caplog: pytest.LogCaptureFixture
):
    import logging

    from smart_support.observability import pseudonym

    secret = "zebra-violet-quasar"
    with caplog.at_level(logging.DEBUG, logger="smart-support"):
        submit(
            ingest,
            context,
            subject=f"URGENT outage {secret}",
            body=f"ASAP!! {secret}",
            description=f"everything down {secret}",
            customer_id="cust-7",
        )
        run_batch(process, context, env.drain())
    logged = " ".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "ticket accepted" in logged and "ticket processed" in logged
    assert "cust-7" not in logged
    assert str(pseudonym("cust-7")) in logged  # a keyed hash stands in for it
    assert secret not in logged


def test_ticket_handed_out_by_next_is_not_requeued_by_a_redelivery(
    env: Env, ingest: Any, process: Any, context: Any, monkeypatch: pytest.MonkeyPatch
):
    ticket = submit(ingest, context, description="Export to CSV fails with an error")
    records = env.drain()
    tickets = env.services.tickets

    def killed(*args: Any, **kwargs: Any) -> str:
        raise RuntimeError("function died before writing the final status")

    monkeypatch.setattr(tickets, "finish", killed)
    assert run_batch(process, context, records) == {records[0]["messageId"]}
    # An agent takes it while the batch waits for retry.
    assert env.services.ready.pop_next() == ticket
    monkeypatch.undo()
    env.services.redis.delete(env.services.keys.ticket_lock(ticket))
    assert run_batch(process, context, records) == set()
    assert env.services.ready.pop_next() is None
    assert tickets.get(ticket).status == "completed"


def test_ticket_folded_into_incident_mid_flight_keeps_its_result(env: Env):
    store = env.services.tickets
    ticket = "tkt_" + "ab" * 16
    store.create(ticket, {"ticket_id": ticket, "status": "pending", "created_at": "x"}, 1)
    assert store.begin(ticket, "tok", 60, {}) == "ok"
    store.update(ticket, {"status": "master_incident", "incident_id": "inc_" + "1" * 32})
    assert (
        store.finish(
            ticket,
            "tok",
            {
                "status": "completed",
                "category": "Technical",
                "urgency_score": "0.5",
                "completed_at": "now",
                "incident_id": None,
            },
        )
        == "done"
    )
    row = store.get(ticket)
    assert (row.status, row.incident_id) == ("master_incident", "inc_" + "1" * 32)
    assert row.category == "Technical" and row.completed_at == "now"
    assert not env.services.redis.exists(env.services.keys.ticket_lock(ticket))


def test_completions_are_counted_by_category_and_model(
    env: Env,
    ingest: Any,
    process: Any,
    context: Any,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv("POWERTOOLS_METRICS_DISABLED", "false")
    submit(ingest, context, description="Refund and billing charge issue")
    capsys.readouterr()
    run_batch(process, context, env.drain())
    lines = [
        json.loads(line)
        for line in capsys.readouterr().out.splitlines()
        if line.startswith("{") and '"_aws"' in line
    ]
    split = [m for m in lines if m.get("category") == "Billing" and m.get("model") == "baseline"]
    assert len(split) == 1
    assert split[0]["TicketsCompleted"] == [1.0]
    assert split[0]["service"] == "smart-support"


def test_sample_sqs_event_for_sam_local_is_processed(env: Env, process: Any, context: Any):
    # tests/events/sqs_batch.json is what `sam local invoke ProcessFunction -e` sends; its
    # tickets were never written by ingest here, so their state comes from the messages.
    event = json.loads((EVENTS / "sqs_batch.json").read_text())
    response = process(event, context)
    assert response["batchItemFailures"] == []
    for record in event["Records"]:
        ticket_id = json.loads(record["body"])["ticket_id"]
        row = env.services.tickets.get(ticket_id)
        assert row.status == "completed", row
        assert row.assigned_agent
