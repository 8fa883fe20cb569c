"""Slack delivery against a local webhook stand-in, and the once-only alert gate on Redis."""

from __future__ import annotations

import logging
import socket
from concurrent.futures import ThreadPoolExecutor
from uuid import uuid4

import boto3
import pytest
import redis
from moto import mock_aws

from smart_support.config import Settings
from smart_support.dal.alerts import AlertGate
from smart_support.keys import Keys
from smart_support.slack import SlackNotifier, build_ticket_alert
from tests.support.redis_fixtures import isolated_keys, redis_client  # noqa: F401
from tests.support.slack_server import SlackStandIn, slack_server  # noqa: F401

TICKET = {
    "ticket_id": "ticket-9",
    "category": "Billing",
    "urgency_score": 0.97,
    "assigned_agent": "Agent2",
    "body": "<!channel> <@U1> <http://evil|click> & @here refund NOW",
}


class RecordingSleep:
    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def notifier(url: str, sleep: RecordingSleep | None = None, **overrides: object) -> SlackNotifier:
    values: dict[str, object] = {
        "slack_webhook_url": url,
        "slack_timeout_seconds": 0.5,
        "slack_max_retries": 2,
        **overrides,
    }
    settings = Settings(**values)  # type: ignore[arg-type]
    return SlackNotifier(settings, sleep=sleep or RecordingSleep())


def test_one_alert_is_one_post_of_the_block_kit_payload(
    slack_server: SlackStandIn,  # noqa: F811
) -> None:
    result = notifier(slack_server.url).send_ticket_alert(TICKET, "/tickets/ticket-9/status")
    assert (result.outcome, result.attempts) == ("sent", 1)
    assert len(slack_server.requests) == 1
    assert slack_server.requests[0].json() == build_ticket_alert(TICKET, "/tickets/ticket-9/status")


def test_rate_limit_is_retried_after_the_retry_after_delay(
    slack_server: SlackStandIn,  # noqa: F811
) -> None:
    slack_server.rate_limited(retry_after=1)
    slack_server.ok()
    sleep = RecordingSleep()
    result = notifier(slack_server.url, sleep).send_ticket_alert(TICKET, "/s")
    assert (result.outcome, result.attempts) == ("sent", 2)
    assert len(slack_server.requests) == 2
    assert sleep.delays == [1.0]


def test_retry_after_beyond_the_wait_budget_gives_up_without_waiting(
    slack_server: SlackStandIn,  # noqa: F811
) -> None:
    slack_server.rate_limited(retry_after=60)
    sleep = RecordingSleep()
    result = notifier(slack_server.url, sleep).send_ticket_alert(TICKET, "/s")
    assert (result.outcome, result.attempts) == ("failed", 1)
    assert sleep.delays == []


def test_server_errors_are_retried_then_given_up_after_max_retries(
    slack_server: SlackStandIn,  # noqa: F811
) -> None:
    slack_server.server_error(500, times=5)
    sleep = RecordingSleep()
    result = notifier(slack_server.url, sleep).send_ticket_alert(TICKET, "/s")
    assert (result.outcome, result.attempts) == ("failed", 3)
    assert len(slack_server.requests) == 3
    assert sleep.delays == sorted(sleep.delays) and len(sleep.delays) == 2


def test_server_error_then_success_is_sent(slack_server: SlackStandIn) -> None:  # noqa: F811
    slack_server.server_error(503)
    result = notifier(slack_server.url).send_ticket_alert(TICKET, "/s")
    assert (result.outcome, result.attempts) == ("sent", 2)


def test_client_error_is_not_retried(slack_server: SlackStandIn) -> None:  # noqa: F811
    from tests.support.slack_server import ScriptedResponse

    slack_server.respond(ScriptedResponse(404, "no_service"))
    result = notifier(slack_server.url).send_ticket_alert(TICKET, "/s")
    assert (result.outcome, result.attempts) == ("failed", 1)
    assert "no_service" in result.detail


def test_slow_slack_times_out_as_failed_without_raising(
    slack_server: SlackStandIn,  # noqa: F811
) -> None:
    slack_server.slow()
    result = notifier(slack_server.url, slack_timeout_seconds=0.2).send_ticket_alert(TICKET, "/s")
    assert (result.outcome, result.attempts) == ("failed", 1)
    assert len(slack_server.requests) == 1


def test_unreachable_slack_is_retried_then_failed() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = notifier(f"http://127.0.0.1:{port}/hook").send_ticket_alert(TICKET, "/s")
    assert (result.outcome, result.attempts) == ("failed", 3)


def test_escaped_excerpt_reaches_slack_without_control_sequences(
    slack_server: SlackStandIn,  # noqa: F811
) -> None:
    notifier(slack_server.url).send_ticket_alert(TICKET, "/tickets/ticket-9/status")
    sent = slack_server.requests[0].text
    for raw in ("<!channel>", "<@U1>", "<http://evil|click>", "@here", " & "):
        assert raw not in sent


def test_without_a_webhook_one_log_line_names_the_ids_but_not_the_text(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The service logger has its own level (POWERTOOLS_LOG_LEVEL); capture at INFO on it.
    with caplog.at_level(logging.INFO, logger="smart-support"):
        result = notifier("").send_ticket_alert(TICKET, "/s")
    assert (result.outcome, result.attempts) == ("logged", 0)
    assert len(caplog.records) == 1
    logged = caplog.records[0].__dict__
    assert logged.get("ticket_id") == "ticket-9"
    assert "refund" not in str(logged)


def test_webhook_url_comes_from_ssm_parameter_store(
    slack_server: SlackStandIn,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    name = f"/smart-support/test/slack-{uuid4().hex[:8]}"
    with mock_aws():
        boto3.client("ssm").put_parameter(Name=name, Value=slack_server.url, Type="SecureString")
        settings = Settings(slack_webhook_parameter=name, slack_timeout_seconds=0.5)
        result = SlackNotifier(settings).send_ticket_alert(TICKET, "/s")
    assert result.outcome == "sent"
    assert len(slack_server.requests) == 1


def test_webhook_url_comes_from_secrets_manager(
    slack_server: SlackStandIn,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    name = f"smart-support-test-slack-{uuid4().hex[:8]}"
    with mock_aws():
        boto3.client("secretsmanager").create_secret(
            Name=name, SecretString=f'{{"webhook_url": "{slack_server.url}"}}'
        )
        settings = Settings(slack_webhook_secret=name, slack_timeout_seconds=0.5)
        result = SlackNotifier(settings).send_ticket_alert(TICKET, "/s")
    assert result.outcome == "sent"


def test_failed_webhook_lookup_is_a_failed_alert_not_an_exception(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        settings = Settings(slack_webhook_parameter=f"/missing/{uuid4().hex}")
        result = SlackNotifier(settings).send_ticket_alert(TICKET, "/s")
    assert (result.outcome, result.attempts) == ("failed", 0)


@pytest.fixture
def gate(redis_client: redis.Redis, isolated_keys: Keys) -> AlertGate:  # noqa: F811
    return AlertGate(redis_client, isolated_keys, ttl_seconds=3600)


def test_redelivered_ticket_gets_one_alert(
    gate: AlertGate,
    slack_server: SlackStandIn,  # noqa: F811
) -> None:
    sender = notifier(slack_server.url)

    def deliver() -> None:
        if gate.claim_ticket("ticket-9"):
            sender.send_ticket_alert(TICKET, "/s")

    with ThreadPoolExecutor(8) as pool:
        for future in [pool.submit(deliver) for _ in range(8)]:
            future.result()
    assert len(slack_server.requests) == 1


def test_incident_is_claimed_once(gate: AlertGate) -> None:
    assert gate.claim_incident("inc-1") is True
    assert gate.claim_incident("inc-1") is False
    assert gate.claim_incident("inc-2") is True


def test_alert_markers_expire(
    gate: AlertGate,
    redis_client: redis.Redis,  # noqa: F811
    isolated_keys: Keys,  # noqa: F811
) -> None:
    gate.claim_ticket("t1")
    gate.claim_incident("inc-1")
    assert 0 < redis_client.ttl(isolated_keys.ticket_alerted("t1")) <= 3600
    assert 0 < redis_client.ttl(gate.incident_key("inc-1")) <= 3600
    assert gate.incident_key("inc-1").startswith(isolated_keys.storm_tag)
