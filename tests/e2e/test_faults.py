"""Fault injection against the running local stack: Redis restarted mid-storm, a poison
message in a batch of good tickets. Tickets are counted in (202) and out (final status)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
import redis
import requests

from local_stack.redis_server import PrivateRedis
from smart_support.dal.tickets import new_ticket_id
from smart_support.formats import now_iso
from smart_support.keys import Keys
from tests.e2e.conftest import RunningStack, start_stack, wait_for
from tests.support.slack_server import SlackStandIn

pytestmark = pytest.mark.e2e
FINAL = ("completed", "master_incident")
STORM_TEXT = "Checkout outage: every payment fails with error 502 URGENT"
STORM_MIN_TICKETS = 5


@dataclass
class Rig:
    redis: PrivateRedis
    slack: SlackStandIn
    stack: RunningStack
    http: requests.Session

    @property
    def sqs(self) -> Any:
        return boto3.client(
            "sqs",
            endpoint_url=self.stack.info["sqs"],
            region_name="us-east-1",
            aws_access_key_id="local",
            aws_secret_access_key="local",
        )

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.redis.port, decode_responses=True, socket_timeout=2)

    def post(self, text: str) -> requests.Response:
        return self.http.post(f"{self.stack.url}/tickets", json={"description": text}, timeout=10)

    def submit(self, text: str) -> str:
        response = self.post(text)
        assert response.status_code == 202, response.text
        return str(response.json()["ticket_id"])

    def status(self, ticket_id: str) -> dict[str, Any]:
        response = self.http.get(f"{self.stack.url}/tickets/{ticket_id}/status", timeout=10)
        return dict(response.json()) if response.status_code == 200 else {}

    def all_final(self, tickets: list[str]) -> dict[str, dict[str, Any]] | None:
        rows = {t: self.status(t) for t in tickets}
        return rows if all(r.get("status") in FINAL for r in rows.values()) else None

    def delay_queue(self, seconds: int) -> None:
        self.sqs.set_queue_attributes(
            QueueUrl=self.stack.info["queue"], Attributes={"DelaySeconds": str(seconds)}
        )

    def alerts_for(self, needle: str) -> int:
        return sum(needle in r.text for r in list(self.slack.requests))


@pytest.fixture(scope="module")
def rig() -> Iterator[Rig]:
    server = PrivateRedis().start()
    slack = SlackStandIn().start()
    stack = start_stack(
        REDIS_URL=server.url,
        CLASSIFIER="baseline",
        SLACK_WEBHOOK_URL=slack.url,
        STORM_MIN_TICKETS=str(STORM_MIN_TICKETS),
        REDIS_CONNECT_TIMEOUT="0.5",
    )
    rig = None
    try:
        with requests.Session() as http:
            rig = Rig(server, slack, stack, http)
            yield rig
    finally:
        stack.stop()
        slack.stop()
        # A test may have replaced the server (a restart): stop whichever runs now.
        (rig.redis if rig else server).stop()


def test_poison_message_goes_to_the_dlq_while_the_rest_of_its_batch_completes(rig: Rig) -> None:
    sqs, info = rig.sqs, rig.stack.info
    tickets = [new_ticket_id() for _ in range(3)]
    texts = ["Invoice charged twice", "Server crash on export", "Subpoena from our counsel"]
    entries = [
        {
            "Id": str(n),
            "MessageBody": json.dumps(
                {"ticket_id": t, "text": text, "description": text, "created_at": now_iso()}
            ),
        }
        for n, (t, text) in enumerate(zip(tickets, texts, strict=True))
    ]
    entries.insert(1, {"Id": "poison", "MessageBody": '{"ticket_id": "not-an-id", "text": 1}'})
    # One send call with one delay: the four become visible together, so one receive
    # (batch size 10) hands them to the process function as one batch.
    for entry in entries:
        entry["DelaySeconds"] = 1
    assert not sqs.send_message_batch(QueueUrl=info["queue"], Entries=entries).get("Failed")

    rows = wait_for(lambda: rig.all_final(tickets), timeout=30)
    assert [rows[t]["category"] for t in tickets] == ["Billing", "Technical", "Legal"]

    def in_dlq() -> list[dict[str, Any]]:
        return sqs.receive_message(
            QueueUrl=info["dlq"], MaxNumberOfMessages=10, WaitTimeSeconds=1, AttributeNames=["All"]
        ).get("Messages", [])

    parked = wait_for(in_dlq, timeout=60)
    assert [m["Body"] for m in parked] == ['{"ticket_id": "not-an-id", "text": 1}']
    assert int(parked[0]["Attributes"]["ApproximateReceiveCount"]) >= info["max_receive_count"]
    for message in parked:
        sqs.delete_message(QueueUrl=info["dlq"], ReceiptHandle=message["ReceiptHandle"])


def test_redis_restarted_mid_storm_loses_no_accepted_ticket_and_doubles_nothing(
    rig: Rig,
) -> None:
    # Before: the storm builds up (below the incident threshold) and an urgent ticket alerts.
    before = [rig.submit(STORM_TEXT) for _ in range(STORM_MIN_TICKETS - 1)]
    before.append(rig.submit("URGENT: production is down, ASAP!!"))
    wait_for(lambda: rig.all_final(before), timeout=30)

    # Accepted while Redis is up, still in SQS (delayed) when Redis loses everything.
    rig.delay_queue(3)
    queued = [rig.submit(STORM_TEXT) for _ in range(3)]
    queued += [
        rig.submit("Our lawyer demands GDPR data deletion immediately, legal deadline today"),
        rig.submit("Invoice shows the wrong amount"),
    ]
    rig.redis.stop()
    refused = [rig.post(STORM_TEXT) for _ in range(3)]
    health = rig.http.get(f"{rig.stack.url}/health", timeout=10)
    rig.redis = PrivateRedis(port=rig.redis.port).start()  # same port, empty
    rig.delay_queue(0)
    for response in refused:
        assert response.status_code == 503, response.text
        assert response.headers["Retry-After"].isdigit()
    assert health.status_code == 503

    # After: the storm goes on and crosses the threshold on the new, empty Redis.
    after = [rig.submit(STORM_TEXT) for _ in range(3)]
    rows = wait_for(lambda: rig.all_final(queued + after), timeout=30)

    # Rebuilt from the messages: the queued tickets kept their text and creation time.
    for ticket_id in queued:
        assert rows[ticket_id]["ticket_id"] == ticket_id
    client = rig.client()
    keys = Keys(os.environ.get("KEY_PREFIX") or "ss")
    for ticket_id in queued:
        state = client.hgetall(keys.ticket(ticket_id))
        assert state["description"] and state["created_at"], state
    # Nothing from the refused requests and nothing in flight is left behind.
    assert client.zrange(keys.inflight(), 0, -1) == []
    listed = {
        item["ticket_id"]
        for item in rig.http.get(f"{rig.stack.url}/queue?limit=100", timeout=10).json()["items"]
    }
    assert listed <= set(queued + after)

    # One incident, each post-restart storm ticket a member once.
    storm = queued[:3] + after
    incidents = {rows[t].get("incident_id") for t in storm}
    assert len(incidents) == 1 and None not in incidents, incidents
    (incident_id,) = incidents
    members = client.lrange(f"{keys.storm_tag}:i:{incident_id}:members", 0, -1)
    assert sorted(members) == sorted(storm)

    # One assignment per completed ticket, from the registry the restart emptied.
    solo = queued[3:]
    holders: dict[str, list[str]] = {}
    for agent in client.hkeys(f"{keys.agents_tag}:registry"):
        for ticket_id in client.smembers(f"{keys.agents_tag}:open:{agent}"):
            holders.setdefault(ticket_id, []).append(agent)
    for ticket_id in solo:
        assert rows[ticket_id]["status"] == "completed"
        assert rows[ticket_id]["assigned_agent"], rows[ticket_id]
        assert holders.get(ticket_id) == [rows[ticket_id]["assigned_agent"]]
    assert set(holders) <= set(solo) | set(storm)

    # Slack: at most one alert per ticket over the whole run, one for the incident.
    for ticket_id in before + queued + after:
        assert rig.alerts_for(f"Urgent ticket {ticket_id}") <= 1, ticket_id
    assert rig.alerts_for(f"Urgent ticket {before[-1]}") == 1
    assert rig.alerts_for(f"Urgent ticket {queued[3]}") == 1
    assert rig.alerts_for(f"incident {incident_id}") == 1
