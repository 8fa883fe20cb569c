"""Master incidents as the API reads them: summaries, newest-first pages, member pages."""

from __future__ import annotations

import numpy as np
import pytest
import redis

from smart_support.config import Settings
from smart_support.dal.incidents import IncidentStore, InvalidCursorError
from smart_support.dal.storms import StormDetector
from smart_support.dedup import StormDecision, StormInput
from smart_support.keys import Keys

DIM = 16
T0 = 1_700_000_000.0


def open_storm(
    detector: StormDetector,
    axis: int,
    count: int,
    start: float,
    excerpt: str = "Login fails with 500",
) -> list[StormDecision]:
    """``count`` identical tickets one second apart; more than ten open an incident."""
    vector = tuple(float(x) for x in np.eye(DIM)[axis])
    items = [
        StormInput(
            ticket_id=f"t{axis}-{i:04d}",
            embedding=vector,
            embedding_space="test-space",
            excerpt=excerpt if i == 0 else f"{excerpt} (copy {i})",
            category="Technical",
            urgency=0.5 + i / 100,
            at=start + i,
        )
        for i in range(count)
    ]
    decisions: list[StormDecision] = []
    for begin in range(0, count, 10):
        batch = items[begin : begin + 10]
        result = detector.observe_batch(batch)
        decisions.extend(result[item.ticket_id] for item in batch)
    return decisions


@pytest.fixture
def client(redis_client: redis.Redis) -> redis.Redis:
    return redis_client


@pytest.fixture
def keys(isolated_keys: Keys) -> Keys:
    return isolated_keys


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def detector(client: redis.Redis, keys: Keys, settings: Settings) -> StormDetector:
    return StormDetector(client, keys, settings)


@pytest.fixture
def store(client: redis.Redis, keys: Keys, settings: Settings) -> IncidentStore:
    return IncidentStore(client, keys, settings)


def incident_id(decisions: list[StormDecision]) -> str:
    ids = {d.incident_id for d in decisions if d.incident_id}
    assert len(ids) == 1
    return ids.pop()


def test_incident_reports_representative_text_counts_and_times(
    detector: StormDetector, store: IncidentStore
) -> None:
    decisions = open_storm(detector, 0, 13, T0, excerpt="Checkout returns 502")
    incident = store.get_incident(incident_id(decisions), now=T0 + 13)
    assert incident is not None
    assert incident["status"] == "open"
    assert incident["representative_text"] == "Checkout returns 502"
    assert incident["category"] == "Technical"
    assert incident["member_count"] == 13
    assert incident["member_ids"] == [f"t0-{i:04d}" for i in range(13)]
    assert incident["next_member_cursor"] is None
    assert incident["first_seen"] == "2023-11-14T22:13:20.000Z"
    assert incident["last_seen"] == "2023-11-14T22:13:32.000Z"
    assert incident["max_urgency"] == pytest.approx(0.62)
    assert incident["embedding_space"] == "test-space"


def test_incident_turns_quiet_once_no_member_arrived_within_the_window(
    detector: StormDetector, store: IncidentStore, settings: Settings
) -> None:
    decisions = open_storm(detector, 0, 11, T0)
    last = T0 + 10
    quiet = store.get_incident(incident_id(decisions), now=last + settings.storm_window_seconds + 1)
    assert quiet is not None
    assert quiet["status"] == "quiet"


def test_incident_members_are_paginated(detector: StormDetector, store: IncidentStore) -> None:
    decisions = open_storm(detector, 0, 25, T0)
    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        page = store.get_incident(incident_id(decisions), 10, cursor, now=T0)
        assert page is not None
        assert page["member_count"] == 25
        seen.extend(page["member_ids"])
        pages += 1
        cursor = page["next_member_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == [f"t0-{i:04d}" for i in range(25)]


def test_incidents_are_listed_newest_first_across_pages(
    detector: StormDetector, store: IncidentStore
) -> None:
    opened = [incident_id(open_storm(detector, axis, 11, T0 + axis * 20)) for axis in range(5)]
    listed: list[str] = []
    cursor: str | None = None
    while True:
        items, cursor = store.list_incidents(limit=2, cursor=cursor, now=T0)
        assert len(items) <= 2
        listed.extend(item["incident_id"] for item in items)
        if cursor is None:
            break
    assert listed == list(reversed(opened))


def test_incident_listing_is_stable_while_new_incidents_open(
    detector: StormDetector, store: IncidentStore
) -> None:
    first = [incident_id(open_storm(detector, axis, 11, T0 + axis * 20)) for axis in range(3)]
    page, cursor = store.list_incidents(limit=2, now=T0)
    open_storm(detector, 9, 11, T0 + 500)
    rest, _ = store.list_incidents(limit=2, cursor=cursor, now=T0)
    assert [i["incident_id"] for i in page + rest] == list(reversed(first))


def test_listed_incident_summary_has_no_member_ids(
    detector: StormDetector, store: IncidentStore
) -> None:
    open_storm(detector, 0, 11, T0)
    items, cursor = store.list_incidents(now=T0)
    assert cursor is None
    assert len(items) == 1
    assert items[0]["member_count"] == 11
    assert "member_ids" not in items[0]


def test_no_incidents_gives_an_empty_page(store: IncidentStore) -> None:
    assert store.list_incidents() == ([], None)


def test_unknown_or_malformed_incident_is_none(store: IncidentStore) -> None:
    assert store.get_incident("inc_" + "0" * 32) is None
    assert store.get_incident("../../etc/passwd") is None


def test_foreign_cursors_are_rejected(store: IncidentStore) -> None:
    with pytest.raises(InvalidCursorError):
        store.list_incidents(cursor="not-a-cursor")
    with pytest.raises(InvalidCursorError):
        store.get_incident("inc_" + "0" * 32, member_cursor="-1")
