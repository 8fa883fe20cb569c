"""Storm detection against a real Redis: clusters, thresholds, windows, redelivery, races."""

from __future__ import annotations

import math
import os
import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
import redis
from redis.crc import key_slot

from smart_support.config import Settings
from smart_support.dal.storms import StormDetector
from smart_support.dedup import StormDecision, StormInput
from smart_support.keys import Keys
from tests.support.redis_fixtures import CacheTarget

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
DIM = 16
SPACE = "test-space"
T0 = 1_700_000_000.0


class CountingRedis(redis.Redis):
    """Counts commands sent to the server; each one is a round trip (no pipelines here)."""

    commands = 0

    def execute_command(self, *args: Any, **options: Any) -> Any:
        self.commands += 1
        return super().execute_command(*args, **options)


def unit(seed: int) -> np.ndarray:
    vector = np.random.default_rng(seed).standard_normal(DIM)
    return vector / np.linalg.norm(vector)


def near(base: np.ndarray, cosine: float, seed: int) -> tuple[float, ...]:
    """A unit vector whose cosine with ``base`` (a unit vector) is ``cosine``."""
    other = unit(seed)
    other = other - (other @ base) * base
    other /= np.linalg.norm(other)
    return tuple(cosine * base + math.sqrt(1.0 - cosine**2) * other)


def ticket(
    embedding: tuple[float, ...] | np.ndarray,
    at: float = T0,
    *,
    ticket_id: str | None = None,
    space: str = SPACE,
    urgency: float = 0.5,
    excerpt: str = "Checkout page returns 502",
) -> StormInput:
    return StormInput(
        ticket_id=ticket_id or uuid.uuid4().hex,
        embedding=tuple(float(x) for x in embedding),
        embedding_space=space,
        excerpt=excerpt,
        category="Technical",
        urgency=urgency,
        at=at,
    )


@pytest.fixture
def client() -> Iterator[redis.Redis]:
    connection = CountingRedis(
        connection_pool=redis.ConnectionPool.from_url(REDIS_URL, decode_responses=True)
    )
    yield connection
    connection.close()


@pytest.fixture
def keys(client: redis.Redis) -> Iterator[Keys]:
    prefix = f"test-dedup-{uuid.uuid4().hex[:12]}"
    yield Keys(prefix)
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        client.delete(key)


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def detector(client: redis.Redis, keys: Keys, settings: Settings) -> StormDetector:
    return StormDetector(client, keys, settings)


def storm(base: np.ndarray, count: int, start: float = T0, step: float = 1.0) -> list[StormInput]:
    return [ticket(near(base, 0.99, 1000 + i), start + i * step) for i in range(count)]


def observe_one_by_one(detector: StormDetector, items: list[StormInput]) -> list[StormDecision]:
    return [detector.observe_batch([item])[item.ticket_id] for item in items]


def test_first_ticket_starts_a_cluster_without_incident(detector: StormDetector) -> None:
    item = ticket(unit(1))
    decision = detector.observe_batch([item])[item.ticket_id]
    assert decision.cluster_id
    assert decision.incident_id is None
    assert not decision.opened_incident
    assert decision.member_count == 1


def test_tenth_similar_ticket_does_not_open_incident(detector: StormDetector) -> None:
    decisions = observe_one_by_one(detector, storm(unit(1), 10))
    assert len({d.cluster_id for d in decisions}) == 1
    assert all(d.incident_id is None and not d.opened_incident for d in decisions)
    assert decisions[-1].member_count == 10


def test_eleventh_similar_ticket_opens_master_incident(detector: StormDetector) -> None:
    items = storm(unit(1), 11)
    decisions = observe_one_by_one(detector, items)
    last = decisions[-1]
    assert last.opened_incident
    assert last.incident_id is not None
    assert last.member_count == 11
    assert set(last.linked_ticket_ids) == {item.ticket_id for item in items[:10]}


def test_tickets_after_the_incident_join_it_without_opening_another(
    detector: StormDetector,
) -> None:
    decisions = observe_one_by_one(detector, storm(unit(1), 15))
    opener = decisions[10]
    later = decisions[11:]
    assert all(d.incident_id == opener.incident_id for d in later)
    assert not any(d.opened_incident for d in later)
    assert all(d.linked_ticket_ids == () for d in later)
    assert [d.member_count for d in later] == [12, 13, 14, 15]


def test_one_batch_can_start_a_cluster_and_open_its_incident(detector: StormDetector) -> None:
    items = storm(unit(1), 12)
    decisions = detector.observe_batch(items)
    assert len({d.cluster_id for d in decisions.values()}) == 1
    assert [decisions[i.ticket_id].opened_incident for i in items] == [False] * 10 + [True, False]
    assert decisions[items[11].ticket_id].incident_id == decisions[items[10].ticket_id].incident_id


def test_dissimilar_ticket_starts_its_own_cluster(detector: StormDetector) -> None:
    base = unit(1)
    first = ticket(base)
    other = ticket(near(base, 0.5, 7))
    decisions = detector.observe_batch([first, other])
    assert decisions[first.ticket_id].cluster_id != decisions[other.ticket_id].cluster_id


def test_similarity_at_threshold_does_not_join(detector: StormDetector) -> None:
    # e1 is exact in float32, so the stored representative gives a cosine of exactly 0.9.
    founder = ticket(np.eye(DIM)[0])
    at_threshold = ticket((0.9, math.sqrt(1 - 0.81)) + (0.0,) * (DIM - 2))
    decisions = detector.observe_batch([founder, at_threshold])
    assert decisions[founder.ticket_id].cluster_id != decisions[at_threshold.ticket_id].cluster_id


def test_similarity_just_above_threshold_joins(detector: StormDetector) -> None:
    base = unit(1)
    founder = ticket(base)
    close = ticket(near(base, 0.901, 3))
    decisions = detector.observe_batch([founder, close])
    assert decisions[founder.ticket_id].cluster_id == decisions[close.ticket_id].cluster_id


def test_ticket_joins_the_most_similar_active_cluster(detector: StormDetector) -> None:
    a = np.eye(DIM)[0]
    b = 0.8 * np.eye(DIM)[0] + 0.6 * np.eye(DIM)[1]  # cosine 0.8 with a: its own cluster
    first = ticket(a)
    second = ticket(b)
    clusters = detector.observe_batch([first, second])
    assert clusters[first.ticket_id].cluster_id != clusters[second.ticket_id].cluster_id
    angle = math.radians(20)
    between = math.cos(angle) * np.eye(DIM)[0] + math.sin(angle) * np.eye(DIM)[1]
    assert float(between @ b) > float(between @ a) > 0.9
    item = ticket(between)
    decision = detector.observe_batch([item])[item.ticket_id]
    assert decision.cluster_id == clusters[second.ticket_id].cluster_id


def test_ticket_outside_window_starts_new_cluster(
    detector: StormDetector, settings: Settings
) -> None:
    base = unit(1)
    first = ticket(base, T0)
    late = ticket(near(base, 0.99, 5), T0 + settings.storm_window_seconds + 1)
    cluster_first = detector.observe_batch([first])[first.ticket_id].cluster_id
    cluster_late = detector.observe_batch([late])[late.ticket_id].cluster_id
    assert cluster_first != cluster_late


def test_ticket_at_window_edge_still_joins(detector: StormDetector, settings: Settings) -> None:
    base = unit(1)
    first = ticket(base, T0)
    edge = ticket(near(base, 0.99, 5), T0 + settings.storm_window_seconds)
    cluster_first = detector.observe_batch([first])[first.ticket_id].cluster_id
    assert detector.observe_batch([edge])[edge.ticket_id].cluster_id == cluster_first


def test_slow_trickle_never_reaches_the_threshold_within_the_window(
    detector: StormDetector,
) -> None:
    # Eleven similar tickets 40 s apart keep the cluster active but never put more than
    # eight of them inside one 300 s window.
    decisions = observe_one_by_one(detector, storm(unit(1), 11, step=40.0))
    assert len({d.cluster_id for d in decisions}) == 1
    assert all(d.incident_id is None for d in decisions)
    assert max(d.member_count for d in decisions) == 8


def test_redelivered_ticket_is_not_counted_twice(detector: StormDetector) -> None:
    items = storm(unit(1), 10)
    first = observe_one_by_one(detector, items)
    again = observe_one_by_one(detector, items)
    assert again == first
    # Had the redelivery counted, this eleventh-by-count ticket would open the incident now.
    extra = ticket(near(unit(1), 0.99, 99), T0 + 20)
    decision = detector.observe_batch([extra])[extra.ticket_id]
    assert decision.opened_incident
    assert decision.member_count == 11


def test_redelivered_member_reports_the_incident_opened_after_it(
    detector: StormDetector,
) -> None:
    items = storm(unit(1), 11)
    decisions = observe_one_by_one(detector, items)
    replay = detector.observe_batch([items[0]])[items[0].ticket_id]
    assert replay.incident_id == decisions[-1].incident_id
    assert not replay.opened_incident


def test_redelivered_opener_still_reports_it_opened_the_incident(
    detector: StormDetector,
) -> None:
    items = storm(unit(1), 11)
    decisions = observe_one_by_one(detector, items)
    replay = detector.observe_batch([items[-1]])[items[-1].ticket_id]
    assert replay == decisions[-1]


def test_duplicate_ticket_in_one_batch_is_counted_once(detector: StormDetector) -> None:
    item = ticket(unit(1))
    decisions = detector.observe_batch([item, item])
    assert decisions[item.ticket_id].member_count == 1


def test_different_embedding_spaces_never_join(detector: StormDetector) -> None:
    vector = unit(1)
    onnx = ticket(vector, space="minilm-int8")
    baseline = ticket(vector, space="hashing-v1")
    decisions = detector.observe_batch([onnx, baseline])
    assert decisions[onnx.ticket_id].cluster_id != decisions[baseline.ticket_id].cluster_id


def test_ticket_without_embedding_gets_no_decision(detector: StormDetector) -> None:
    item = replace(ticket(unit(1)), embedding=())
    assert detector.observe_batch([item]) == {}


def test_zero_or_broken_embedding_gets_no_decision(detector: StormDetector) -> None:
    zero = ticket(np.zeros(DIM))
    broken = ticket((math.nan,) * DIM)
    assert detector.observe_batch([zero, broken]) == {}


def test_broken_urgency_does_not_poison_the_incident(
    client: redis.Redis, keys: Keys, detector: StormDetector
) -> None:
    items = [replace(item, urgency=math.nan) for item in storm(unit(1), 11)]
    opener = detector.observe_batch(items)[items[-1].ticket_id]
    assert opener.opened_incident
    assert client.hget(f"{keys.storm_tag}:i:{opener.incident_id}", "max_urgency") == "0"


def test_round_trips_per_batch_are_constant(client: CountingRedis, detector: StormDetector) -> None:
    for background in range(20):
        detector.observe_batch([ticket(unit(500 + background))])
    items = storm(unit(1), 300)
    detector.observe_batch(items[:10])  # warms the script cache (EVALSHA/SCRIPT LOAD)
    counts = []
    for start in range(10, len(items), 10):
        client.commands = 0
        detector.observe_batch(items[start : start + 10])
        counts.append(client.commands)
    assert set(counts) == {2}


def test_stale_view_is_retried_instead_of_creating_a_second_cluster(
    client: redis.Redis, keys: Keys, settings: Settings
) -> None:
    racer = StormDetector(client, keys, settings)
    slow = StormDetector(client, keys, settings)
    base = unit(1)
    racer_item = ticket(near(base, 0.99, 10))
    slow_item = ticket(near(base, 0.99, 11))
    decide = slow._decide
    raced: list[StormDecision] = []

    def decide_after_racer(*args: Any, **kwargs: Any) -> dict[str, Any]:
        # The racer creates the storm's cluster after the slow detector read the state.
        if not raced:
            raced.append(racer.observe_batch([racer_item])[racer_item.ticket_id])
        return decide(*args, **kwargs)

    slow._decide = decide_after_racer  # type: ignore[method-assign]
    decision = slow.observe_batch([slow_item])[slow_item.ticket_id]
    assert decision.cluster_id == raced[0].cluster_id
    assert decision.member_count == 2


def test_idle_clusters_are_pruned(
    client: redis.Redis, keys: Keys, detector: StormDetector, settings: Settings
) -> None:
    old = ticket(unit(1), T0)
    detector.observe_batch([old])
    active = f"{keys.storm_tag}:sp:{SPACE}:active"
    assert client.zcard(active) == 1
    later = ticket(unit(2), T0 + 2 * settings.storm_window_seconds + 1)
    detector.observe_batch([later])
    assert client.zcard(active) == 1
    assert client.hlen(f"{keys.storm_tag}:sp:{SPACE}:reps") == 1


def test_every_storm_key_shares_one_hash_slot_and_expires(
    client: redis.Redis, keys: Keys, detector: StormDetector
) -> None:
    detector.observe_batch(storm(unit(1), 12))
    stored = list(client.scan_iter(match=f"{keys.prefix}:*", count=1000))
    assert stored
    assert all(key.startswith(keys.storm_tag + ":") for key in stored)
    assert {key_slot(key.encode()) for key in stored} == {key_slot(keys.storm_tag.encode())}
    # Only the version counter lives forever (so a cache can never trust a reset version).
    assert [key for key in stored if client.ttl(key) < 0] == [f"{keys.storm_tag}:ver"]


def test_concurrent_detectors_open_exactly_one_incident(
    cache: CacheTarget, keys: Keys, settings: Settings
) -> None:
    base = unit(1)
    items = [ticket(near(base, 0.995, 2000 + i), T0 + i * 0.01) for i in range(200)]
    batches = [items[i : i + 10] for i in range(0, len(items), 10)]
    workers = 8
    barrier = threading.Barrier(workers)
    results: list[dict[str, StormDecision]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work(index: int) -> None:
        connection = cache.client()
        try:
            detector = StormDetector(connection, keys, settings)
            mine = batches[index::workers]
            barrier.wait()
            for batch in mine:
                decisions = detector.observe_batch(batch)
                with lock:
                    results.append(decisions)
        except BaseException as exc:  # surfaced by the assertion on errors below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []

    decisions = {tid: d for batch in results for tid, d in batch.items()}
    assert set(decisions) == {item.ticket_id for item in items}
    assert len({d.cluster_id for d in decisions.values()}) == 1
    openers = [d for d in decisions.values() if d.opened_incident]
    assert len(openers) == 1
    opener = openers[0]
    linked = set(opener.linked_ticket_ids)
    assert len(linked) == settings.storm_min_tickets
    for tid, decision in decisions.items():
        # Every ticket is either relabelled by the opener or was told the incident itself.
        assert decision.incident_id == opener.incident_id or (
            decision.incident_id is None and tid in linked
        )
    joined = sorted(d.member_count for d in decisions.values() if d.incident_id)
    assert joined == list(range(settings.storm_min_tickets + 1, 201))

    from smart_support.dal.incidents import IncidentStore

    check = cache.client()
    incident = IncidentStore(check, keys, settings).get_incident(
        opener.incident_id or "", member_limit=500, now=T0
    )
    check.close()
    cache.delete_prefix(keys.prefix)
    assert incident is not None
    assert incident["member_count"] == 200
    assert sorted(incident["member_ids"]) == sorted(decisions)
