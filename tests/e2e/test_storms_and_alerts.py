"""Storms fold into one master incident with one alert; urgent tickets alert Slack once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from tests.e2e.conftest import (
    RunningStack,
    alerts_mentioning,
    assert_storm_is_one_incident_one_alert,
    concurrent_storm,
    e2e_classifier,
    running_stack,
    submit_ticket,
    wait_for,
)
from tests.e2e.conftest import ticket_status as status
from tests.support.slack_server import SlackStandIn

pytestmark = pytest.mark.e2e
FINAL = ("completed", "master_incident")


@pytest.fixture(scope="module")
def storm_stack(slack_here: SlackStandIn) -> Iterator[RunningStack]:
    with running_stack(SLACK_WEBHOOK_URL=slack_here.url, CLASSIFIER=e2e_classifier()) as running:
        yield running


def submit(session: requests.Session, stack: RunningStack, text: str) -> str:
    return str(submit_ticket(session, stack, {"description": text}).json()["ticket_id"])


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
    ids = concurrent_storm(storm_stack, text, clients=40, per_client=5)
    assert len(set(ids)) == 200
    # One incident of all 200 members, one alert for it, none for a member ticket.
    assert_storm_is_one_incident_one_alert(storm_stack, slack_here, ids)


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
