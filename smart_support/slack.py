"""Slack alerts: Block Kit messages with escaped ticket text and a bounded webhook sender
(``dal.alerts`` keeps it to one alert per ticket and per incident).

A Slack failure is a value (``AlertResult``), never an exception: alerts must not fail, retry
or noticeably delay a ticket.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import requests

from smart_support.config import Settings
from smart_support.observability import logger

PARAMETER_MAX_AGE_SECONDS = 300
BACKOFF_BASE_SECONDS = 0.25
MAX_TOTAL_WAIT_SECONDS = 3.0  # all back-off of one alert together, so a batch is never held up
HEADER_LIMIT = 150  # Slack's limit for header text

_BROADCAST = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)
_WORD_JOINER = "\u2060"


def escape_text(text: object) -> str:
    """Make arbitrary text inert in Slack mrkdwn.

    ``&``, ``<`` and ``>`` become entities, so ``<!channel>``, ``<@U123>`` and ``<url|label>``
    show as text instead of pinging or linking; a word joiner after ``@`` keeps bare
    ``@channel``/``@here``/``@everyone`` from being read as broadcasts by clients that parse
    them.
    """
    escaped = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub(lambda m: f"@{_WORD_JOINER}{m.group(1)}", escaped)


def excerpt(text: object, limit: int = 200) -> str:
    """The start of a text on one line, at most ``limit`` characters, cut at a word if near."""
    flat = " ".join(str(text or "").split())
    if len(flat) <= limit:
        return flat
    cut = flat[: max(0, limit - 1)]
    space = cut.rfind(" ")
    if space >= limit - 20:
        cut = cut[:space]
    return cut.rstrip() + "…"


def _ticket_text(ticket: Mapping[str, Any]) -> str:
    if ticket.get("text"):
        return str(ticket["text"])
    parts = [ticket.get(k) for k in ("subject", "body", "description")]
    return " ".join(str(p) for p in parts if p)


def _score(value: Any) -> str:
    try:
        return f"{float(value):.2f}"
    except (TypeError, ValueError):
        return "n/a"


def _when(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, tz=UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return str(value) if value else "n/a"


def _status_link(status_url: str, label: str) -> str:
    # A relative URL would not be clickable in Slack; show it as text instead.
    if status_url.startswith(("https://", "http://")):
        return f"<{escape_text(status_url.replace('|', '%7C'))}|{label}>"
    return f"`{escape_text(status_url)}`"


def _field(label: str, value: object) -> dict[str, str]:
    return {"type": "mrkdwn", "text": f"*{label}*\n{escape_text(value)}"}


def _header(text: str) -> dict[str, Any]:
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": escape_text(text)[:HEADER_LIMIT]},
    }


def _quote(label: str, text: str) -> dict[str, Any]:
    return {
        "type": "section",
        "text": {"type": "mrkdwn", "text": f"*{label}*\n>{escape_text(excerpt(text))}"},
    }


def build_ticket_alert(ticket: Mapping[str, Any], status_url: str) -> dict[str, Any]:
    """Block Kit message for one urgent ticket. Reads ``ticket_id``, ``category``,
    ``urgency_score``, ``assigned_agent`` and the text (``text`` or subject/body/description)."""
    ticket_id = str(ticket.get("ticket_id", "?"))
    category = str(ticket.get("category") or "Unknown")
    score = _score(ticket.get("urgency_score", ticket.get("urgency")))
    agent = str(ticket.get("assigned_agent") or "unassigned")
    return {
        "text": escape_text(f"Urgent {category} ticket {ticket_id} (S={score}), agent: {agent}"),
        "blocks": [
            _header(f"Urgent ticket {ticket_id}"),
            {
                "type": "section",
                "fields": [
                    _field("Ticket", ticket_id),
                    _field("Category", category),
                    _field("Urgency S", score),
                    _field("Assigned agent", agent),
                ],
            },
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": f"*Status*: {_status_link(status_url, 'open')}"},
            },
            _quote("Excerpt", _ticket_text(ticket)),
        ],
    }


def build_incident_alert(incident: Mapping[str, Any], status_url: str) -> dict[str, Any]:
    """Block Kit message for a master incident. Reads ``incident_id``, ``member_count``,
    ``first_seen``, ``last_seen`` (epoch seconds or text), ``category`` and
    ``representative_text``."""
    incident_id = str(incident.get("incident_id", "?"))
    members = incident.get("member_count", "?")
    category = str(incident.get("category") or "Unknown")
    return {
        "text": escape_text(
            f"Ticket storm: incident {incident_id} with {members} similar {category} tickets"
        ),
        "blocks": [
            _header(f"Ticket storm: incident {incident_id}"),
            {
                "type": "section",
                "fields": [
                    _field("Incident", incident_id),
                    _field("Tickets", members),
                    _field("Category", category),
                    _field("First seen", _when(incident.get("first_seen"))),
                    _field("Last seen", _when(incident.get("last_seen"))),
                ],
            },
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": f"*Status*: {_status_link(status_url, 'open')}"},
            },
            _quote("Representative ticket", str(incident.get("representative_text") or "")),
        ],
    }


@dataclass(frozen=True)
class AlertResult:
    outcome: Literal["sent", "logged", "failed"]
    attempts: int
    detail: str


class _Retry(Exception):
    """One attempt failed in a way worth another try after ``delay`` seconds (None: back off)."""

    def __init__(self, detail: str, delay: float | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.delay = delay


def _retry_after(response: requests.Response) -> float | None:
    try:
        return max(0.0, float(response.headers.get("Retry-After", "")))
    except ValueError:
        return None  # absent, or an HTTP date: fall back to our own back-off


class SlackNotifier:
    """Posts payloads to the incoming webhook with short timeouts and bounded retries."""

    def __init__(
        self,
        settings: Settings,
        session: requests.Session | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        max_total_wait: float = MAX_TOTAL_WAIT_SECONDS,
    ) -> None:
        self._settings = settings
        self._session = session or requests.Session()
        self._sleep = sleep
        self._max_total_wait = max_total_wait

    def webhook_url(self) -> str:
        """The webhook URL, or "" when none is configured (a placeholder is not a URL)."""
        url = self._configured_url()
        return url if url.startswith(("https://", "http://")) else ""

    def _configured_url(self) -> str:
        """The webhook URL: from settings locally, else SSM or Secrets Manager (cached)."""
        s = self._settings
        if s.slack_webhook_url:
            return s.slack_webhook_url
        from aws_lambda_powertools.utilities import parameters

        if s.slack_webhook_parameter:
            value = parameters.get_parameter(
                s.slack_webhook_parameter, decrypt=True, max_age=PARAMETER_MAX_AGE_SECONDS
            )
            return str(value or "").strip()
        if s.slack_webhook_secret:
            value = parameters.get_secret(s.slack_webhook_secret, max_age=PARAMETER_MAX_AGE_SECONDS)
            return _url_from_secret(str(value or ""))
        return ""

    def send_ticket_alert(self, ticket: Mapping[str, Any], status_url: str) -> AlertResult:
        return self.send(
            build_ticket_alert(ticket, status_url),
            log_fields={"alert": "ticket", "ticket_id": str(ticket.get("ticket_id", ""))},
        )

    def send_incident_alert(self, incident: Mapping[str, Any], status_url: str) -> AlertResult:
        return self.send(
            build_incident_alert(incident, status_url),
            log_fields={"alert": "incident", "incident_id": str(incident.get("incident_id", ""))},
        )

    def send(
        self, payload: Mapping[str, Any], *, log_fields: Mapping[str, str] | None = None
    ) -> AlertResult:
        """Deliver one message; never raises. ``log_fields`` (ids only, no ticket text) go
        into the log lines about this alert."""
        fields = dict(log_fields or {})
        try:
            url = self.webhook_url()
        except Exception as exc:  # any lookup failure must not reach the ticket
            return self._finish(AlertResult("failed", 0, f"webhook lookup failed: {exc}"), fields)
        if not url:
            logger.info(
                "Slack webhook not configured; alert not sent",
                extra={**fields, "blocks": len(payload.get("blocks", []))},
            )
            return AlertResult("logged", 0, "no webhook configured")
        if not url.startswith(("https://", "http://")):
            return self._finish(AlertResult("failed", 0, "webhook URL is not http(s)"), fields)
        return self._finish(self._deliver(url, json.dumps(payload).encode("utf-8")), fields)

    def _deliver(self, url: str, body: bytes) -> AlertResult:
        attempts_allowed = 1 + max(0, self._settings.slack_max_retries)
        timeout = self._settings.slack_timeout_seconds
        waited = 0.0
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._attempt(url, body, timeout, attempt)
            except _Retry as retry:
                if attempt >= attempts_allowed:
                    return AlertResult("failed", attempt, f"{retry.detail}; retries exhausted")
                delay = (
                    retry.delay
                    if retry.delay is not None
                    else BACKOFF_BASE_SECONDS * 2 ** (attempt - 1)
                )
                if waited + delay > self._max_total_wait:
                    return AlertResult(
                        "failed", attempt, f"{retry.detail}; waiting {delay:g}s exceeds budget"
                    )
                self._sleep(delay)
                waited += delay

    def _attempt(self, url: str, body: bytes, timeout: float, attempt: int) -> AlertResult:
        try:
            response = self._session.post(
                url,
                data=body,
                headers={"Content-Type": "application/json"},
                timeout=(timeout, timeout),
                allow_redirects=False,
            )
        except requests.exceptions.ReadTimeout:
            # Slack may have received it: a retry could post twice and would block longer.
            return AlertResult("failed", attempt, f"no answer within {timeout:g}s")
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            raise _Retry(f"connection failed: {type(exc).__name__}") from exc
        except requests.exceptions.RequestException as exc:
            return AlertResult("failed", attempt, f"request error: {type(exc).__name__}")
        if 200 <= response.status_code < 300:
            return AlertResult("sent", attempt, f"HTTP {response.status_code}")
        if response.status_code == 429:
            raise _Retry("rate limited (HTTP 429)", _retry_after(response))
        if response.status_code >= 500:
            raise _Retry(f"HTTP {response.status_code}")
        # Other 4xx (bad payload, revoked webhook) will not improve on retry.
        return AlertResult("failed", attempt, f"HTTP {response.status_code}: {response.text[:100]}")

    def _finish(self, result: AlertResult, fields: Mapping[str, str]) -> AlertResult:
        # Metrics are the caller's: it also knows about suppressed alerts.
        if result.outcome == "failed":
            logger.warning(
                "Slack alert failed",
                extra={**fields, "attempts": result.attempts, "detail": result.detail},
            )
        return result


def _url_from_secret(secret: str) -> str:
    """A secret holds the URL itself or JSON with ``webhook_url`` (or ``url``)."""
    text = secret.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            return ""
        return str(data.get("webhook_url") or data.get("url") or "").strip()
    return text
