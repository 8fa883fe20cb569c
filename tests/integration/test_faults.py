"""Fault injection on the process function: each test counts tickets in and out.

Whatever fails (the Lambda killed between two steps of a batch, SQS delivering twice, the
model missing, broken or slow, Slack refusing), every ticket ends with exactly one result,
one agent, at most one alert and one incident membership. Real Redis, moto SQS, a local
Slack stand-in; the handlers run in-process.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from local_stack.stack import load_handler
from local_stack.template import ROOT
from smart_support.breaker import OPEN
from smart_support.config import CATEGORIES
from smart_support.dal.breaker import breaker_snapshot
from smart_support.logic.process import Pipeline
from smart_support.services import get_services, reset_services
from tests.integration.conftest import Env, api_event
from tests.support.slack_server import SlackStandIn

FINAL = ("completed", "master_incident")
STORM_TEXT = "Checkout outage: every payment fails with error 502 URGENT"
URGENT = (
    "URGENT: production is down, ASAP!!",
    "Our lawyer demands GDPR data deletion immediately, legal deadline today",
)
CALM = ("Invoice shows the wrong amount", "Subpoena about customer records from our counsel")
STORM_MIN_TICKETS = 3  # so the fourth similar ticket of a batch opens the incident


class Killed(BaseException):
    """The runtime ending an invocation (timeout, out of memory): nothing in the handler
    catches it, so nothing is reported and no lock is given back."""


@dataclass
class Batch:
    """One SQS batch of known tickets: four storm tickets interleaved with solo ones."""

    storm: list[str]
    urgent: list[str]
    calm: list[str]
    records: list[dict[str, Any]]

    @property
    def tickets(self) -> list[str]:
        return self.storm + self.urgent + self.calm


@dataclass
class Faults:
    env: Env
    slack: SlackStandIn
    process: Any
    context: Any
    ingest: Any

    @property
    def services(self) -> Any:
        return self.env.services

    def pipeline(self) -> Pipeline:
        """The pipeline the process handler is about to use (so it can be patched)."""
        module = sys.modules["test_process_app"]
        return module.pipeline()  # type: ignore[no-any-return]

    def submit(self, text: str) -> str:
        response = self.ingest(api_event("post_ticket", body={"description": text}), self.context)
        assert response["statusCode"] == 202, response
        return str(json.loads(response["body"])["ticket_id"])

    def batch(self) -> Batch:
        """Submit storm and solo tickets in an interleaved order and receive them."""
        storm, urgent, calm = [], [], []
        for n in range(4):
            storm.append(self.submit(STORM_TEXT))
            if n < 2:
                urgent.append(self.submit(URGENT[n]))
                calm.append(self.submit(CALM[n]))
        records = self.env.drain()
        assert len(records) == 8
        return Batch(storm, urgent, calm, records)

    def run(self, records: list[dict[str, Any]]) -> set[str]:
        response = self.process({"Records": records}, self.context)
        return {item["itemIdentifier"] for item in response["batchItemFailures"]}

    def expire_locks(self, tickets: list[str]) -> None:
        """What PROCESSING_LOCK_SECONDS passing would do, without waiting for it."""
        keys = self.services.keys
        self.services.redis.delete(*[keys.ticket_lock(t) for t in tickets])

    def row(self, ticket_id: str) -> dict[str, str]:
        return self.services.redis.hgetall(self.services.keys.ticket(ticket_id))

    def alerts_for(self, needle: str) -> int:
        return sum(needle in request.text for request in list(self.slack.requests))

    def state(self, tickets: list[str]) -> dict[str, Any]:
        """Everything a duplicate could change, for before/after comparisons."""
        redis, keys = self.services.redis, self.services.keys
        agents = f"{keys.agents_tag}"
        rows = {t: {k: v for k, v in self.row(t).items() if k != "attempts"} for t in tickets}
        return {
            "rows": rows,
            "open": {a: sorted(redis.smembers(f"{agents}:open:{a}")) for a in agent_ids(self)},
            "assignment": redis.hgetall(f"{agents}:assignment"),
            "ready": redis.zrange(keys.ready(), 0, -1, withscores=True),
            "slack": len(self.slack.requests),
        }


def agent_ids(faults: Faults) -> list[str]:
    return sorted(faults.services.redis.hkeys(f"{faults.services.keys.agents_tag}:registry"))


@pytest.fixture
def faults(
    env: Env,
    ingest: Any,
    process: Any,
    context: Any,
    slack_server: SlackStandIn,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Faults]:
    monkeypatch.setenv("SLACK_WEBHOOK_URL", slack_server.url)
    monkeypatch.setenv("STORM_MIN_TICKETS", str(STORM_MIN_TICKETS))
    monkeypatch.setenv("SLACK_TIMEOUT_SECONDS", "0.5")
    reset_services()
    env.services = get_services()
    yield Faults(env, slack_server, process, context, ingest)


def assert_exactly_once(faults: Faults, batch: Batch) -> None:
    """0 lost, 0 processed twice in effect: the ledger of every ticket of the batch."""
    services = faults.services
    redis, keys = services.redis, services.keys
    tag = keys.agents_tag
    rows = {t: faults.row(t) for t in batch.tickets}

    # One result per ticket: final, classified, nothing left in flight or locked.
    for ticket_id, row in rows.items():
        assert row.get("status") in FINAL, (ticket_id, row)
        assert row.get("category") in CATEGORIES and row.get("urgency_score"), row
        assert row.get("model") == "baseline"
        assert redis.get(keys.ticket_lock(ticket_id)) is None
    assert not redis.zrange(keys.inflight(), 0, -1)

    # The storm: one incident, each storm ticket a member exactly once; solo tickets none.
    incidents = {rows[t].get("incident_id") for t in batch.storm}
    assert len(incidents) == 1 and None not in incidents, incidents
    incident_id = incidents.pop()
    members = redis.lrange(f"{keys.storm_tag}:i:{incident_id}:members", 0, -1)
    assert sorted(members) == sorted(batch.storm)
    assert int(redis.hget(f"{keys.storm_tag}:i:{incident_id}", "member_count")) == len(members)
    assert all(rows[t]["status"] == "master_incident" for t in batch.storm)
    for ticket_id in batch.urgent + batch.calm:
        assert rows[ticket_id]["status"] == "completed" and not rows[ticket_id].get("incident_id")

    # One assignment per completed ticket, none for storm members; no leaked capacity.
    holders: dict[str, list[str]] = {t: [] for t in batch.tickets}
    for agent in agent_ids(faults):
        opened = redis.smembers(f"{tag}:open:{agent}")
        for ticket_id in opened:
            assert ticket_id in holders, f"{agent} holds an unknown ticket {ticket_id}"
            holders[ticket_id].append(agent)
    assignment = redis.hgetall(f"{tag}:assignment")
    for ticket_id in batch.urgent + batch.calm:
        agent = rows[ticket_id].get("assigned_agent")
        assert agent and holders[ticket_id] == [agent], (ticket_id, holders[ticket_id], agent)
        assert assignment.get(ticket_id) == agent
    for ticket_id in batch.storm:
        assert holders[ticket_id] == [] and ticket_id not in assignment

    # The ready queue: every completed ticket once, no storm member.
    ready = set(redis.zrange(keys.ready(), 0, -1))
    assert ready == set(batch.urgent + batch.calm)

    # Slack: one alert per urgent solo ticket, one for the incident, at most one per ticket.
    for ticket_id in batch.urgent:
        assert faults.alerts_for(ticket_id) == 1, ticket_id
    for ticket_id in batch.calm:
        assert faults.alerts_for(ticket_id) == 0, ticket_id
    for ticket_id in batch.storm:
        assert faults.alerts_for(f"Urgent ticket {ticket_id}") <= 1, ticket_id
    assert faults.alerts_for(f"incident {incident_id}") == 1


# The steps of Pipeline.run, in order, and where a kill lands: (attribute path on the
# pipeline, "before" or "after" the first call of it).
KILL_POINTS = {
    "after_begin": ("classifier.classify_batch", "before"),
    "after_classify": ("classifier.classify_batch", "after"),
    "after_storms": ("storms.observe_batch", "after"),
    "after_routing": ("router.route_batch", "after"),
    "after_mark_ready": ("ready.mark_ready", "after"),
    "after_alert": ("_alert", "after"),
    "before_finish": ("tickets.finish", "before"),
    "after_first_finish": ("tickets.finish", "after"),
    "after_incident_fold": ("_fold_into_incident", "after"),
}


def kill_once(
    monkeypatch: pytest.MonkeyPatch, pipeline: Pipeline, path: str, when: str
) -> Callable[[], bool]:
    """Make the first call of ``path`` die before or after doing its work; returns a probe
    telling whether the kill happened."""
    *owners, name = path.split(".")
    owner: Any = pipeline
    for part in owners:
        owner = getattr(owner, part)
    real = getattr(owner, name)
    fired = threading.Event()

    def dying(*args: Any, **kwargs: Any) -> Any:
        if fired.is_set():
            return real(*args, **kwargs)
        fired.set()
        if when == "before":
            raise Killed(path)
        real(*args, **kwargs)
        raise Killed(path)

    monkeypatch.setattr(owner, name, dying)
    return fired.is_set


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_batch_killed_between_steps_and_redelivered_has_exactly_once_effects(
    faults: Faults, monkeypatch: pytest.MonkeyPatch, point: str
) -> None:
    batch = faults.batch()
    fired = kill_once(monkeypatch, faults.pipeline(), *KILL_POINTS[point])

    with pytest.raises(Killed):
        faults.run(batch.records)
    assert fired()

    # Redelivered while the dead invocation's locks still hold: unfinished tickets wait.
    unfinished = {
        r["messageId"]
        for r, t in zip(batch.records, order_of(batch), strict=True)
        if faults.row(t).get("status") not in FINAL
    }
    assert faults.run(batch.records) == unfinished

    faults.expire_locks(batch.tickets)
    assert faults.run(batch.records) == set()
    assert_exactly_once(faults, batch)

    settled = faults.state(batch.tickets)
    assert faults.run(batch.records) == set()  # and SQS delivers it once more
    assert faults.state(batch.tickets) == settled


def order_of(batch: Batch) -> list[str]:
    return [json.loads(r["body"])["ticket_id"] for r in batch.records]


def test_clean_batch_has_exactly_once_effects(faults: Faults) -> None:
    batch = faults.batch()
    assert faults.run(batch.records) == set()
    assert_exactly_once(faults, batch)


def test_duplicate_delivery_to_two_concurrent_invocations_counts_once(faults: Faults) -> None:
    batch = faults.batch()
    start = threading.Barrier(2)
    failed: list[set[str]] = []
    # Two execution environments: each its own copy of the handler module, as in Lambda.
    path = str(ROOT / "functions" / "process" / "app.py")
    environments = [load_handler(path, f"process_env_{n}") for n in range(2)]

    def invocation(process: Any) -> None:
        start.wait()
        response = process({"Records": batch.records}, faults.context)
        failed.append({item["itemIdentifier"] for item in response["batchItemFailures"]})

    workers = [threading.Thread(target=invocation, args=(e,)) for e in environments]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert len(failed) == 2
    # Whatever one invocation could not take (locked by the other) comes back and completes.
    retry = [r for r in batch.records if r["messageId"] in failed[0] | failed[1]]
    if retry:
        assert faults.run(retry) == set()
    assert_exactly_once(faults, batch)


def test_same_message_twice_in_one_batch_counts_once(faults: Faults) -> None:
    batch = faults.batch()
    twin = dict(batch.records[1], messageId="duplicate-of-1")
    assert faults.run([*batch.records, twin]) == {"duplicate-of-1"}  # locked by its twin
    assert faults.run([twin]) == set()
    assert_exactly_once(faults, batch)


def test_agent_registry_lost_with_redis_data_is_seeded_again(faults: Faults) -> None:
    first = faults.submit(URGENT[0])
    assert faults.run(faults.env.drain()) == set()
    assert faults.row(first).get("assigned_agent") == "Agent1"
    # What a Redis restart without persistence does to the warm process function's registry.
    redis, tag = faults.services.redis, faults.services.keys.agents_tag
    redis.delete(f"{tag}:registry", f"{tag}:assignment", f"{tag}:open:Agent1")
    second = faults.submit(CALM[0])
    assert faults.run(faults.env.drain()) == set()
    assert faults.row(second).get("assigned_agent") == "Agent2"
    assert redis.smembers(f"{tag}:open:Agent2") == {second}


# Model faults, seen from the process handler -----------------------------------------


@pytest.fixture
def onnx_faults(faults: Faults, monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], Faults]:
    """The guarded ONNX classifier with its model directory replaced; a small budget."""

    def use(model_dir: Path) -> Faults:
        monkeypatch.setenv("CLASSIFIER", "onnx")
        monkeypatch.setenv("MODEL_DIR", str(model_dir))
        monkeypatch.setenv("MODEL_BUDGET_MS", "200")
        monkeypatch.setenv("BREAKER_FAILURE_THRESHOLD", "2")
        reset_services()
        faults.env.services = get_services()
        return faults

    return use


def complete_with_baseline(faults: Faults, batches: int = 3) -> None:
    for n in range(batches):
        tickets = [faults.submit(f"Refund for invoice {n}"), faults.submit(URGENT[0])]
        assert faults.run(faults.env.drain()) == set()
        rows = [faults.row(t) for t in tickets]
        assert [r.get("status") for r in rows] == ["completed", "completed"]
        assert [r.get("model") for r in rows] == ["baseline", "baseline"]
        assert faults.alerts_for(tickets[1]) == 1
    snapshot = breaker_snapshot(faults.services.redis, faults.services.keys)
    assert snapshot["state"] == OPEN, snapshot


def test_missing_model_files_complete_tickets_with_baseline_and_open_breaker(
    onnx_faults: Callable[[Path], Faults], tmp_path: Path
) -> None:
    complete_with_baseline(onnx_faults(tmp_path))


def test_corrupt_model_complete_tickets_with_baseline_and_open_breaker(
    onnx_faults: Callable[[Path], Faults], tmp_path: Path
) -> None:
    real = get_services().settings.resolved_model_dir
    for name in ("manifest.json", "tokenizer.json"):
        source = Path(real) / name
        if not source.exists():
            pytest.skip("no built model (make model)")
        (tmp_path / name).write_bytes(source.read_bytes())
    (tmp_path / "encoder.onnx").write_bytes(b"\x08\x07garbage, not a protobuf graph" * 64)
    complete_with_baseline(onnx_faults(tmp_path))


class StallingSession:
    """The real ONNX session behind an injected delay: each run waits until the caller's
    budget timer sets RunOptions.terminate, then runs, so ONNX Runtime abandons it."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.stalls = 0

    def run(self, outputs: list[str], feeds: dict[str, Any], run_options: Any) -> Any:
        self.stalls += 1
        deadline = time.monotonic() + 5
        tick = threading.Event()
        while not run_options.terminate and time.monotonic() < deadline:
            tick.wait(0.002)
        return self.real.run(outputs, feeds, run_options)


def test_slow_model_is_abandoned_for_baseline_and_opens_breaker(
    onnx_faults: Callable[[Path], Faults], monkeypatch: pytest.MonkeyPatch
) -> None:
    model_dir = get_services().settings.resolved_model_dir
    if not (Path(model_dir) / "encoder.onnx").exists():
        pytest.skip("no built model (make model)")
    faults = onnx_faults(Path(model_dir))
    model = faults.pipeline().classifier.primary  # type: ignore[attr-defined]
    model.load()
    session = StallingSession(model._session)
    monkeypatch.setattr(model, "_session", session)  # restored for later tests
    complete_with_baseline(faults)
    assert session.stalls == 2  # two overruns opened it; the third batch skipped the model


# Slack faults, seen from the process handler ------------------------------------------


def slack_answers(slack: SlackStandIn, kind: str) -> None:
    if kind == "rate_limited":
        for _ in range(3):
            slack.rate_limited(0)
    elif kind == "server_error":
        slack.server_error(503, times=3)
    elif kind == "timeout":
        slack.slow()
    elif kind == "retry_after_too_long":
        slack.rate_limited(3600)


SLACK_FAULTS = ["rate_limited", "server_error", "timeout", "retry_after_too_long"]


@pytest.mark.parametrize("kind", SLACK_FAULTS)
def test_slack_failures_never_fail_or_repeat_a_ticket(faults: Faults, kind: str) -> None:
    slack_answers(faults.slack, kind)
    batch = faults.batch()
    started = time.monotonic()
    assert faults.run(batch.records) == set()
    assert time.monotonic() - started < 15
    for ticket_id in batch.tickets:
        assert faults.row(ticket_id).get("status") in FINAL
    sent = len(faults.slack.requests)
    # Redelivery: done tickets are skipped, no alert is tried again.
    assert faults.run(batch.records) == set()
    assert len(faults.slack.requests) == sent
    distinct = {
        req.text
        for req in faults.slack.requests  # retries repeat the same payload
    }
    for ticket_id in batch.tickets:
        assert sum(f"Urgent ticket {ticket_id}" in text for text in distinct) <= 1
