"""The seed README's walk-through, with HTTP against `python -m local_stack`."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from local_stack.template import ROOT
from tests.e2e.conftest import RunningStack, start_stack, wait_for
from tests.support.slack_server import SlackStandIn

pytestmark = pytest.mark.e2e


def submit(http: requests.Session, stack: RunningStack, body: dict[str, Any]) -> str:
    response = http.post(f"{stack.url}/tickets", json=body, timeout=10)
    assert response.status_code == 202, response.text
    return str(response.json()["ticket_id"])


def distinct_tickets(count: int) -> list[str]:
    """Bodies of the first ``count`` tickets of the labelled data set, all different."""
    with (ROOT / "data" / "tickets" / "tickets.jsonl").open() as handle:
        bodies = [json.loads(line)["body"] for line in handle]
    return list(dict.fromkeys(bodies))[:count]


def completed(http: requests.Session, stack: RunningStack, ticket_id: str) -> dict[str, Any]:
    def done() -> dict[str, Any] | None:
        body = http.get(f"{stack.url}/tickets/{ticket_id}/status", timeout=10).json()
        return body if body["status"] in ("completed", "master_incident") else None

    return dict(wait_for(done))


@pytest.fixture(scope="module")
def own_stack(slack: SlackStandIn) -> Iterator[RunningStack]:
    """A stack of its own: `next ... then 404` needs a queue nobody else fills."""
    import os

    running = start_stack(
        SLACK_WEBHOOK_URL=slack.url, CLASSIFIER=os.environ.get("E2E_CLASSIFIER", "onnx")
    )
    yield running
    running.stop()


def test_health_is_ok(http: requests.Session, stack: RunningStack):
    response = http.get(f"{stack.url}/health", timeout=10)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_submit_is_202_then_status_reaches_completed(http: requests.Session, stack: RunningStack):
    response = http.post(
        f"{stack.url}/tickets",
        timeout=10,
        json={"subject": "Login broken ASAP", "body": "Cannot log in."},
    )
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "accepted"
    assert response.headers["Location"] == body["status_url"]
    first = http.get(f"{stack.url}{body['status_url']}", timeout=10).json()
    assert first["status"] in ("pending", "processing", "completed")
    final = completed(http, stack, body["ticket_id"])
    assert final["status"] == "completed"
    assert final["category"] == "Technical"
    assert final["assigned_agent"] == "Agent1"
    assert 0.0 <= final["urgency_score"] <= 1.0
    assert final["model"] in ("onnx", "baseline")


def test_queue_orders_by_urgency_and_next_pops_highest_then_404(
    http: requests.Session, own_stack: RunningStack
):
    calm = submit(http, own_stack, {"description": "Minor UI issue, the icon is misaligned"})
    urgent = submit(http, own_stack, {"description": "CRITICAL server outage immediately"})
    scores = {t: completed(http, own_stack, t)["urgency_score"] for t in (calm, urgent)}
    assert scores[urgent] > scores[calm]
    items = http.get(f"{own_stack.url}/queue", timeout=10).json()["items"]
    assert [i["ticket_id"] for i in items] == [urgent, calm]
    assert http.get(f"{own_stack.url}/tickets/next", timeout=10).json()["ticket_id"] == urgent
    assert http.get(f"{own_stack.url}/tickets/next", timeout=10).json()["ticket_id"] == calm
    assert http.get(f"{own_stack.url}/tickets/next", timeout=10).status_code == 404


def test_billing_ticket_goes_to_agent2(http: requests.Session, stack: RunningStack):
    ticket = submit(http, stack, {"description": "Refund and billing charge issue"})
    final = completed(http, stack, ticket)
    assert (final["category"], final["assigned_agent"]) == ("Billing", "Agent2")


def test_fifty_simultaneous_submissions_all_complete_each_with_its_own_text(
    http: requests.Session, stack: RunningStack
):
    barrier = threading.Barrier(50)
    sent: dict[str, str] = {}
    codes: list[int] = []
    lock = threading.Lock()

    # Fifty different real tickets: near-identical texts would rightly fold into a storm.
    texts = distinct_tickets(50)

    def one(n: int) -> None:
        text = texts[n]
        with requests.Session() as session:
            barrier.wait()
            response = session.post(f"{stack.url}/tickets", timeout=30, json={"description": text})
        with lock:
            codes.append(response.status_code)
            if response.status_code == 202:
                sent[response.json()["ticket_id"]] = text

    threads = [threading.Thread(target=one, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [202] * 50
    assert len(sent) == 50
    assert len(set(sent.values())) == 50
    for ticket_id in sent:
        completed(http, stack, ticket_id)
    # Every ticket kept its own text: no request ever saw another one's body.
    popped: dict[str, str] = {}
    while (response := http.get(f"{stack.url}/tickets/next", timeout=10)).status_code == 200:
        body = response.json()
        popped[body["ticket_id"]] = body.get("description", "")
    assert {t: popped.get(t) for t in sent} == sent


def test_bad_input_gets_clear_4xx_over_http(http: requests.Session, stack: RunningStack):
    cases = [
        (
            http.post,
            "/tickets",
            {"data": "{oops", "headers": {"Content-Type": "application/json"}},
            400,
        ),
        (http.post, "/tickets", {"data": "hi", "headers": {"Content-Type": "text/plain"}}, 415),
        (http.post, "/tickets", {"json": {"subject": " "}}, 422),
        (http.post, "/tickets", {"json": {"subject": "x" * 301}}, 422),
        (http.get, "/tickets/tkt_00000000000000000000000000000000/status", {}, 404),
        (http.get, "/tickets/not-an-id/status", {}, 422),
        (http.get, "/no/such/route", {}, 404),
        (http.delete, "/tickets", {}, 405),
    ]
    for method, path, kwargs, status in cases:
        response = method(f"{stack.url}{path}", timeout=10, **kwargs)
        assert response.status_code == status, (path, response.text)
        assert set(response.json()["error"]) >= {"code", "message"}


def test_docs_and_openapi_are_served(http: requests.Session, stack: RunningStack):
    assert "swagger" in http.get(f"{stack.url}/docs", timeout=10).text.lower()
    paths = http.get(f"{stack.url}/openapi.json", timeout=10).json()["paths"]
    assert "/tickets" in paths and "/tickets/{ticket_id}/status" in paths
