"""Slack message building: escaping of ticket text, excerpts and the Block Kit layout."""

from __future__ import annotations

import json

from smart_support.slack import build_incident_alert, build_ticket_alert, escape_text, excerpt

HOSTILE = "<!channel> <@U1> <http://evil|click> & @here"

TICKET = {
    "ticket_id": "ticket-123",
    "category": "Technical",
    "urgency_score": 0.9345,
    "assigned_agent": "Agent1",
    "subject": "Login broken",
    "body": HOSTILE,
}


def test_escape_turns_control_characters_into_entities() -> None:
    assert escape_text("a & b < c > d") == "a &amp; b &lt; c &gt; d"


def test_escape_defuses_mentions_and_links() -> None:
    escaped = escape_text(HOSTILE)
    for raw in ("<!channel>", "<@U1>", "<http://evil|click>", "@here"):
        assert raw not in escaped


def test_escape_defuses_bare_broadcasts_in_any_case() -> None:
    escaped = escape_text("@channel @HERE @everyone")
    assert "@channel" not in escaped
    assert "@HERE" not in escaped
    assert "@everyone" not in escaped


def test_escape_leaves_ordinary_addresses_alone() -> None:
    assert escape_text("mail ann@example.com") == "mail ann@example.com"


def test_excerpt_keeps_short_text_on_one_line() -> None:
    assert excerpt("line one\n\n  line   two") == "line one line two"


def test_excerpt_cuts_long_text_to_the_limit() -> None:
    cut = excerpt("word " * 100, limit=50)
    assert len(cut) <= 50
    assert cut.endswith("…")


def test_ticket_alert_shows_id_category_score_agent_and_status_link() -> None:
    payload = build_ticket_alert(TICKET, "https://api.example.com/tickets/ticket-123/status")
    text = json.dumps(payload)
    for expected in ("ticket-123", "Technical", "0.93", "Agent1"):
        assert expected in text
    assert "<https://api.example.com/tickets/ticket-123/status|open>" in text
    assert payload["blocks"][0]["type"] == "header"
    assert payload["text"]


def test_ticket_alert_without_agent_says_unassigned() -> None:
    payload = build_ticket_alert({**TICKET, "assigned_agent": None}, "/tickets/x/status")
    assert "unassigned" in json.dumps(payload)


def test_ticket_alert_escapes_the_excerpt() -> None:
    text = json.dumps(build_ticket_alert(TICKET, "/tickets/ticket-123/status"))
    for raw in ("<!channel>", "<@U1>", "<http://evil|click>", "@here", " & "):
        assert raw not in text


def test_relative_status_url_is_shown_as_text_not_a_link() -> None:
    payload = build_ticket_alert(TICKET, "/tickets/ticket-123/status")
    assert "`/tickets/ticket-123/status`" in json.dumps(payload)


def test_incident_alert_shows_size_times_category_and_escaped_text() -> None:
    incident = {
        "incident_id": "inc-1",
        "member_count": 11,
        "first_seen": 1_700_000_000,
        "last_seen": 1_700_000_240,
        "category": "Technical",
        "representative_text": HOSTILE,
    }
    text = json.dumps(build_incident_alert(incident, "/incidents/inc-1"))
    for expected in ("inc-1", "11", "Technical", "2023-11-14 22:13:20 UTC"):
        assert expected in text
    for raw in ("<!channel>", "<@U1>", "<http://evil|click>", "@here"):
        assert raw not in text
