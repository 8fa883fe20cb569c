"""`REDIS_CLUSTER=1 make run`: the local stack on a private 3-master Redis Cluster, over HTTP.

The README walk-through step by step, then a 200-ticket concurrent storm (one incident, one
alert, nothing lost). The stack starts and stops the cluster itself, as `make run` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from smart_support.cache import connect
from tests.e2e.conftest import (
    RunningStack,
    assert_storm_is_one_incident_one_alert,
    concurrent_storm,
    e2e_classifier,
    running_stack,
    wait_for,
)
from tests.e2e.conftest import submit_ticket as post
from tests.e2e.conftest import ticket_status as status
from tests.support.slack_server import SlackStandIn

pytestmark = pytest.mark.e2e
FINAL = ("completed", "master_incident")


@pytest.fixture(scope="module")
def cluster_stack(slack_here: SlackStandIn) -> Iterator[RunningStack]:
    with running_stack(
        REDIS_CLUSTER="1", SLACK_WEBHOOK_URL=slack_here.url, CLASSIFIER=e2e_classifier()
    ) as running:
        yield running


def final(http: requests.Session, stack: RunningStack, ticket_id: str) -> dict[str, Any]:
    return dict(wait_for(lambda: (s := status(http, stack, ticket_id))["status"] in FINAL and s))


def test_the_stack_runs_on_a_private_three_master_cluster(cluster_stack: RunningStack) -> None:
    assert "private cluster: 3 masters" in cluster_stack.info["redis"]
    url = cluster_stack.info["redis"].split(" ")[0]
    client = connect(url, mode="1")
    try:
        masters = [n for n in client.get_nodes() if n.server_type == "primary"]
        assert len(masters) == 3
    finally:
        client.close()


def test_readme_walkthrough_on_the_cluster(cluster_stack: RunningStack) -> None:
    b = cluster_stack.url
    with requests.Session() as http:
        health = http.get(f"{b}/health", timeout=10).json()
        assert (health["status"], health["checks"]["redis"]) == ("ok", "ok")

        accepted = post(
            http, cluster_stack, {"subject": "Login broken ASAP", "body": "Cannot log in."}
        )
        assert accepted.headers["Location"].endswith("/status")
        login = final(http, cluster_stack, accepted.json()["ticket_id"])
        assert (login["category"], login["assigned_agent"]) == ("Technical", "Agent1")

        calm = post(http, cluster_stack, {"description": "Minor UI issue"}).json()["ticket_id"]
        outage = post(
            http, cluster_stack, {"description": "CRITICAL server outage immediately"}
        ).json()["ticket_id"]
        scores = {t: final(http, cluster_stack, t)["urgency_score"] for t in (calm, outage)}
        assert scores[outage] > scores[calm]
        listed = [
            i["ticket_id"] for i in http.get(f"{b}/queue?limit=10", timeout=10).json()["items"]
        ]
        assert listed.index(outage) < listed.index(calm)
        popped = []
        while (response := http.get(f"{b}/tickets/next", timeout=10)).status_code == 200:
            popped.append(response.json()["ticket_id"])
        assert response.status_code == 404
        assert popped.index(outage) < popped.index(calm)

        billing = post(http, cluster_stack, {"description": "Refund and billing charge issue"})
        billed = final(http, cluster_stack, billing.json()["ticket_id"])
        assert billed["assigned_agent"] == "Agent2"
        assert (
            http.get(f"{b}/tickets/next?agent=Agent2", timeout=10).json()["ticket_id"]
            == (billed["ticket_id"])
        )
        agents = {a["agent_id"]: a for a in http.get(f"{b}/agents", timeout=10).json()["items"]}
        assert {"Agent1", "Agent2", "Agent3"} <= set(agents)

        flood = [
            post(http, cluster_stack, {"description": "Server outage broken login"}).json()[
                "ticket_id"
            ]
            for _ in range(11)
        ]
        last = wait_for(
            lambda: (
                (s := status(http, cluster_stack, flood[-1]))["status"] == "master_incident" and s
            )
        )
        incident = http.get(f"{b}/incidents/{last['incident_id']}", timeout=10).json()
        assert incident["member_count"] == 11

        resolved = http.post(f"{b}/tickets/{login['ticket_id']}/resolve", timeout=10)
        assert resolved.status_code == 200, resolved.text
        assert http.post(f"{b}/tickets/{login['ticket_id']}/resolve", timeout=10).ok
        put = http.put(
            f"{b}/agents/Agent4",
            json={"skills": {"Legal": 0.8, "Billing": 0.3}, "capacity": 3, "status": "online"},
            timeout=10,
        )
        assert put.status_code == 200, put.text

        first = post(
            http, cluster_stack, {"description": "charged twice"}, **{"Idempotency-Key": "o-77"}
        )
        again = post(
            http, cluster_stack, {"description": "charged twice"}, **{"Idempotency-Key": "o-77"}
        )
        assert first.json()["ticket_id"] == again.json()["ticket_id"]


def test_storm_of_200_concurrent_tickets_on_the_cluster_is_one_incident_one_alert(
    cluster_stack: RunningStack, slack_here: SlackStandIn
) -> None:
    text = "The reports dashboard shows a blank chart since the update this morning"
    ids = concurrent_storm(cluster_stack, text, clients=40, per_client=5)
    assert len(set(ids)) == 200
    # One incident of all 200 members, one alert for it, none for a member ticket.
    assert_storm_is_one_incident_one_alert(cluster_stack, slack_here, ids)
