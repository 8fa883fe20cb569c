"""Storms fold into one master incident with one alert; urgent tickets alert Slack once."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.e2e.conftest import RunningStack, start_stack, wait_for
from tests.support.slack_server import SlackStandIn

pytestmark = pytest.mark.e2e
FINAL = ("completed", "master_incident")


@pytest.fixture(scope="module")
def slack_here() -> Iterator[SlackStandIn]:
    server = SlackStandIn().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def storm_stack(slack_here: SlackStandIn) -> Iterator[RunningStack]:
    running = start_stack(
        SLACK_WEBHOOK_URL=slack_here.url, CLASSIFIER=os.environ.get("E2E_CLASSIFIER", "onnx")
    )
    yield running
    running.stop()


def submit(session: requests.Session, stack: RunningStack, text: str) -> str:
    response = session.post(f"{stack.url}/tickets", json={"description": text}, timeout=30)
    assert response.status_code == 202, response.text
    return str(response.json()["ticket_id"])


def status(session: requests.Session, stack: RunningStack, ticket_id: str) -> dict[str, Any]:
    return dict(session.get(f"{stack.url}/tickets/{ticket_id}/status", timeout=10).json())


def alerts_mentioning(slack: SlackStandIn, needle: str) -> list[str]:
    return [r.text for r in list(slack.requests) if needle in r.text]


def test_eleven_identical_tickets_make_the_last_one_a_master_incident(storm_stack: RunningStack):
    with requests.Session() as http:
        ids = [submit(http, storm_stack, "Server outage broken login") for _ in range(11)]
        last = wait_for(
            lambda: (s := status(http, storm_stack, ids[-1]))["status"] == "master_incident" and s
        )
        assert last["incident_id"].startswith("inc_")
        finals = [
            wait_for(
                lambda t=t: (s := status(http, storm_stack, t))["status"] == "master_incident" and s
            )
            for t in ids
        ]
        assert {s["incident_id"] for s in finals} == {last["incident_id"]}
        incident = http.get(f"{storm_stack.url}/incidents/{last['incident_id']}", timeout=10).json()
        assert incident["member_count"] == 11
        assert sorted(incident["member_ids"]) == sorted(ids)


def test_storm_of_200_concurrent_tickets_is_one_incident_one_alert_nothing_lost(
    storm_stack: RunningStack, slack_here: SlackStandIn
):
    text = "The reports dashboard shows a blank chart since the update this morning"
    barrier = threading.Barrier(40)
    ids: list[str] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        with requests.Session() as session:
            barrier.wait()
            for _ in range(5):
                ticket = submit(session, storm_stack, text)
                with lock:
                    ids.append(ticket)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(ids)) == 200

    with requests.Session() as http:

        def all_final() -> list[dict[str, Any]] | None:
            rows = [status(http, storm_stack, t) for t in ids]
            return rows if all(r["status"] == "master_incident" for r in rows) else None

        rows = wait_for(all_final, timeout=120, interval=0.5)
        incident_ids = {r["incident_id"] for r in rows}
        assert len(incident_ids) == 1
        incident_id = incident_ids.pop()
        incident = http.get(
            f"{storm_stack.url}/incidents/{incident_id}", params={"limit": 500}, timeout=10
        ).json()
        assert incident["member_count"] == 200
        assert sorted(incident["member_ids"]) == sorted(ids)
    assert slack_here.wait_for_requests(1)
    assert len(alerts_mentioning(slack_here, incident_id)) == 1
    assert not any(alerts_mentioning(slack_here, t) for t in ids)


def test_urgent_ticket_alerts_slack_once_and_calm_one_not(
    storm_stack: RunningStack, slack_here: SlackStandIn
):
    with requests.Session() as http:
        urgent = submit(
            http, storm_stack, "URGENT: payroll export crashed, 4000 employees unpaid, fix ASAP!!"
        )
        calm = submit(http, storm_stack, "Could you tell me where to change my avatar? No rush.")
        for ticket in (urgent, calm):
            wait_for(lambda t=ticket: status(http, storm_stack, t)["status"] in FINAL)
        urgent_row = status(http, storm_stack, urgent)
        assert urgent_row["urgency_score"] > 0.8
        assert status(http, storm_stack, calm)["urgency_score"] <= 0.8
    wait_for(lambda: alerts_mentioning(slack_here, urgent))
    assert len(alerts_mentioning(slack_here, urgent)) == 1
    assert alerts_mentioning(slack_here, calm) == []
