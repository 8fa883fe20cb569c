"""Explanations, corrections and the operator console, over HTTP and in a real browser.

One stack with keys per role (AUTH=1). The browser is Debian's chromium driven by
Playwright's Python package through its executable path: no browser is downloaded.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from local_stack.template import ROOT
from tests.e2e.conftest import RunningStack, start_stack, wait_for
from tests.support.slack_server import SlackStandIn

pytestmark = pytest.mark.e2e
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def _browser_or_reason() -> tuple[str | None, str]:
    """(executable, "") for Debian's chromium, else Playwright's own Chromium if a developer
    installed it (`python -m playwright install chromium`); else (None, how to get one)."""
    if shutil.which(CHROMIUM):
        return CHROMIUM, ""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            bundled = p.chromium.executable_path
        if bundled and Path(bundled).exists():
            return bundled, ""
    except Exception:  # no playwright driver either: same answer as no browser
        pass
    return None, (
        "no Chromium: install Debian's chromium (apt-get install chromium; .ci/run does) or "
        "Playwright's (.venv/bin/python -m playwright install chromium)"
    )


HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


@pytest.fixture(scope="module")
def guarded(slack: SlackStandIn) -> Iterator[RunningStack]:
    running = start_stack(SLACK_WEBHOOK_URL=slack.url, AUTH="1", REVIEW_CONFIDENCE="0.6")
    yield running
    running.stop()


def key(stack: RunningStack, who: str) -> dict[str, str]:
    keys = stack.info["keys"]
    value = keys["agents"][who] if who.startswith("Agent") else keys[who]
    return {"x-api-key": value}


def submit(stack: RunningStack, body: dict[str, Any]) -> str:
    response = requests.post(
        f"{stack.url}/tickets", json=body, headers=key(stack, "submitter"), timeout=10
    )
    assert response.status_code == 202, response.text
    return str(response.json()["ticket_id"])


def processed(stack: RunningStack, ticket_id: str) -> dict[str, Any]:
    def done() -> dict[str, Any] | None:
        body = requests.get(
            f"{stack.url}/tickets/{ticket_id}/status", headers=key(stack, "admin"), timeout=10
        ).json()
        return body if body["status"] in ("completed", "master_incident") else None

    return dict(wait_for(done, timeout=60))


def test_a_processed_ticket_explains_its_category_urgency_routing_and_storm(
    guarded: RunningStack,
):
    ticket_id = submit(
        guarded, {"subject": "Charged twice", "body": "My card was charged twice for May."}
    )
    status = processed(guarded, ticket_id)
    explanation = status["explanation"]
    assert len(json.dumps(explanation, separators=(",", ":")).encode()) <= 2048
    probabilities = explanation["category"]["probabilities"]
    assert set(probabilities) == {"Billing", "Technical", "Legal"}
    assert abs(sum(probabilities.values()) - 1.0) < 0.01
    assert max(probabilities, key=probabilities.get) == status["category"] == "Billing"
    nearest = explanation["category"]["nearest"]
    assert len(nearest) == 3
    assert [n["similarity"] for n in nearest] == sorted(
        (n["similarity"] for n in nearest), reverse=True
    )
    assert all(n["excerpt"] and n["id"] for n in nearest)
    assert explanation["urgency"]["score"] == pytest.approx(status["urgency_score"], abs=1e-4)
    assert explanation["urgency"]["signals"]["nearest_rated"]
    routing = explanation["routing"]
    assert routing["agent"]["agent_id"] == status["assigned_agent"] == "Agent2"
    assert routing["agent"]["skill"] == 0.95
    assert routing["runner_up"]["lost_because"]
    assert explanation["storm"]["member_count"] >= 1
    assert explanation["storm"]["cluster_similarity"] > 0.9
    assert status.get("needs_review", False) == (status["category_confidence"] < 0.6)


def test_a_correction_reroutes_the_ticket_records_who_and_is_idempotent(guarded: RunningStack):
    ticket_id = submit(
        guarded, {"subject": "Login page crashes", "body": "The login page shows error 500."}
    )
    status = processed(guarded, ticket_id)
    assert status["assigned_agent"] == "Agent1"
    url = f"{guarded.url}/tickets/{ticket_id}/correction"
    body = {"category": "Legal", "urgency_score": 0.9, "reason": "a regulator's complaint"}
    assert (
        requests.post(url, json=body, headers=key(guarded, "Agent2"), timeout=10).status_code == 403
    )
    submitter = requests.post(url, json=body, headers=key(guarded, "submitter"), timeout=10)
    assert submitter.status_code == 403

    first = requests.post(url, json=body, headers=key(guarded, "Agent1"), timeout=10)
    assert first.status_code == 200, first.text
    corrected = first.json()
    assert corrected["category"] == "Legal"
    assert corrected["urgency_score"] == 0.9
    assert corrected["urgency_label"] == "high"
    assert corrected["assigned_agent"] == "Agent3"
    assert corrected["correction"]["by"] == "agent:Agent1"
    assert corrected["correction"]["from_category"] == "Technical"
    assert "category_confidence" not in corrected  # the model's, for the category it chose
    assert corrected["explanation"]["routing"]["agent"]["agent_id"] == "Agent3"

    again = requests.post(url, json=body, headers=key(guarded, "admin"), timeout=10)
    assert again.status_code == 200
    assert again.json()["correction"] == corrected["correction"]
    agents = requests.get(
        f"{guarded.url}/agents", headers=key(guarded, "admin"), timeout=10
    ).json()["items"]
    holders = [a["agent_id"] for a in agents if ticket_id in a["open_tickets"]]
    assert holders == ["Agent3"]
    recent = requests.get(
        f"{guarded.url}/corrections?limit=50", headers=key(guarded, "Agent3"), timeout=10
    ).json()["items"]
    assert [c["ticket_id"] for c in recent].count(ticket_id) == 1
    taken = requests.post(
        f"{guarded.url}/tickets/next?category=Legal", headers=key(guarded, "Agent3"), timeout=10
    )
    assert taken.json()["ticket_id"] == ticket_id


def test_the_console_page_is_open_static_and_locked_down(guarded: RunningStack):
    response = requests.get(f"{guarded.url}/console", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    assert "http://" not in response.text and "https://" not in response.text  # no CDN


def test_an_agent_works_the_queue_in_the_console_and_ticket_text_stays_inert(
    guarded: RunningStack, tmp_path: Path
):
    from playwright.sync_api import expect, sync_playwright

    executable, why = _browser_or_reason()
    if executable is None:
        # CI installs the browser, so there a missing one is a failure, never a skip.
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)

    calm = submit(guarded, {"subject": "Invoice copy", "body": "Could I get a copy of my invoice?"})
    hostile = submit(
        guarded,
        {"subject": f"URGENT outage {HOSTILE}", "body": f"Production is down right now! {HOSTILE}"},
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{guarded.url}/console")
        page.fill("#key", guarded.info["keys"]["admin"])
        page.click("#save-key")
        expect(page.locator(f'#queue tr[data-ticket="{hostile}"]')).to_be_visible(timeout=60_000)
        expect(page.locator(f'#queue tr[data-ticket="{calm}"]')).to_be_visible(timeout=60_000)
        expect(page.locator("#agents tbody tr")).to_have_count(3)
        expect(page.locator("#breaker")).to_contain_text("closed")

        # Take next: the hostile ticket is the most urgent; its text shows as text.
        page.click("#take-next")
        expect(page.locator("#current-meta")).to_contain_text(hostile)
        expect(page.locator("#current-subject")).to_have_text(f"URGENT outage {HOSTILE}")
        expect(page.locator("#current-body")).to_contain_text("<img src=x onerror=")
        assert page.locator("#current img, #current script").count() == 0
        assert page.evaluate("window.__pwned") is None
        expect(page.locator("#nearest li")).to_have_count(3)

        # Correct it: the status, the queue row and the recent corrections follow.
        page.select_option("#correct-category", "Legal")
        page.fill("#correct-reason", "a legal hold")
        page.click("#correct")
        expect(page.locator("#status")).to_contain_text("to Legal")
        expect(page.locator("#corrections li").first).to_contain_text(hostile)
        expect(page.locator(f'#queue tr[data-ticket="{hostile}"]')).to_contain_text("Legal")
        page.locator(f'#queue tr[data-ticket="{calm}"] button').click()
        expect(page.locator("#explanation h3")).to_contain_text("Why Billing")
        # CONSOLE_SCREENSHOT=docs/console.png refreshes the README's picture.
        shot = os.environ.get("CONSOLE_SCREENSHOT") or tmp_path / "console.png"
        page.screenshot(path=str(ROOT / shot))
        assert page.evaluate("window.__pwned") is None
        browser.close()
