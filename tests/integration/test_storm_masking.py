"""Storms as real traffic makes them, through the real model and a real Redis: tickets that
differ in their order number, reference, name and greeting fold into one incident, and two
different problems never share one."""

from __future__ import annotations

from pathlib import Path

import pytest
import redis

from smart_support.config import Settings
from smart_support.dal.storms import StormDetector
from smart_support.dedup import StormInput
from smart_support.encoder import OnnxClassifier
from smart_support.keys import Keys

MODEL_DIR = Path(__file__).resolve().parents[2] / "layers" / "model" / "build" / "model"
T0 = 1_700_000_000.0
PEOPLE = ("Maria Lopez", "Tom Becker", "Aisha Khan", "Li Wei", "Kenji Sato", "Anna Kowalska")


@pytest.fixture(scope="module")
def model() -> OnnxClassifier:
    return OnnxClassifier(MODEL_DIR).load()


def _storm(template: str, n: int) -> list[str]:
    greetings = ("Hi,\n", "Hello,\n", "", "Good morning,\n")
    return [
        template.format(
            greeting=greetings[i % len(greetings)],
            order=48213 + 7919 * i,
            ref=f"R{i:02d}X{(i * 37) % 97:02d}QZ",
            email=f"user{i}@mail{i % 3}.example",
            name=PEOPLE[i % len(PEOPLE)],
        )
        for i in range(n)
    ]


def _observe(
    model: OnnxClassifier, client: redis.Redis, keys: Keys, texts: list[str]
) -> dict[str, set[str]]:
    """Incident id -> which texts' templates (by index prefix) it holds."""
    answers = model.classify_batch(texts)
    detector = StormDetector(client, keys, Settings())
    items = [
        StormInput(f"t{i}", a.embedding, a.embedding_space, text[:80], a.category, 0.5, T0 + i)
        for i, (text, a) in enumerate(zip(texts, answers, strict=True))
    ]
    decisions = {}
    for begin in range(0, len(items), 10):
        decisions.update(detector.observe_batch(items[begin : begin + 10]))
    relabelled = {
        t: d.incident_id
        for d in decisions.values()
        if d.opened_incident
        for t in d.linked_ticket_ids
    }
    incidents: dict[str, set[str]] = {}
    for ticket, decision in decisions.items():
        incident = decision.incident_id or relabelled.get(ticket)
        if incident:
            incidents.setdefault(incident, set()).add(ticket)
    return incidents


ORDER = (
    "Order {order} not delivered\n{greeting}My order {order} (ref {ref}) was due yesterday "
    "and tracking hasn't moved. Can you check?\n{name}"
)
LOGIN = (
    "Can't log in\n{greeting}Since this morning the login page says 'invalid session' every "
    "time, account {email}.\n{name}"
)
BILLING_PAGE = (
    "Billing page error\n{greeting}The billing page shows 'error 500' when I open invoice "
    "{ref}, account {email}.\n{name}"
)


def test_a_storm_whose_tickets_differ_only_in_identifiers_and_names_is_one_incident(
    model: OnnxClassifier, redis_client: redis.Redis, isolated_keys: Keys
) -> None:
    incidents = _observe(model, redis_client, isolated_keys, _storm(ORDER, 20))
    assert len(incidents) == 1
    (members,) = incidents.values()
    assert len(members) >= 18


def test_a_login_storm_and_a_billing_page_storm_never_merge(
    model: OnnxClassifier, redis_client: redis.Redis, isolated_keys: Keys
) -> None:
    login, billing = _storm(LOGIN, 15), _storm(BILLING_PAGE, 15)
    mixed = [text for pair in zip(login, billing, strict=True) for text in pair]
    incidents = _observe(model, redis_client, isolated_keys, mixed)
    assert len(incidents) == 2
    for members in incidents.values():
        kinds = {int(t[1:]) % 2 for t in members}  # even: login, odd: billing page
        assert len(kinds) == 1
