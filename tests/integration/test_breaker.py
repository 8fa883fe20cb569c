"""The circuit breaker on a real Redis: transitions, the single half-open trial, shared state.

Time is a test clock passed to the breaker, so cool-downs and windows pass without sleeping.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from uuid import uuid4

import pytest
import redis

from smart_support.baseline import BaselineClassifier
from smart_support.breaker import CLOSED, HALF_OPEN, OPEN
from smart_support.cache import connect as cache_connect
from smart_support.classification import Classification
from smart_support.config import Settings
from smart_support.dal.breaker import CircuitBreaker, breaker_snapshot
from smart_support.encoder import ModelError, ModelTimeout
from smart_support.guarded import GuardedClassifier
from smart_support.keys import Keys
from tests.support.redis_fixtures import CacheTarget

SETTINGS = Settings(
    breaker_failure_threshold=3,
    breaker_window_seconds=60,
    breaker_cooldown_seconds=30,
    model_budget_ms=50,
)
TICKETS = ["I was charged twice, please refund", "Server outage, login broken"]


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class DoubleModel:
    """Stands for OnnxClassifier: fails with ``error`` while set, otherwise answers."""

    name = "onnx"

    def __init__(self, error: Exception | None = None) -> None:
        self.error = error
        self.calls = 0
        self._lock = threading.Lock()

    def classify_batch(
        self, texts: Sequence[str], budget_ms: float | None = None
    ) -> list[Classification]:
        with self._lock:
            self.calls += 1
        if self.error is not None:
            raise self.error
        return [
            Classification(
                category="Billing", category_confidence=1.0, urgency_score=0.5, model="onnx"
            )
            for _ in texts
        ]


def connect() -> redis.Redis:
    """A new connection to the test's cache (the ``cache`` fixture set REDIS_URL/REDIS_CLUSTER)."""
    return cache_connect(os.environ["REDIS_URL"], mode=os.environ["REDIS_CLUSTER"])


@pytest.fixture
def keys(cache: CacheTarget) -> Iterator[Keys]:
    keys = Keys(prefix=f"test-{uuid4().hex[:8]}")
    yield keys
    client = connect()
    client.delete(keys.breaker())
    client.close()


@pytest.fixture
def client(cache: CacheTarget) -> Iterator[redis.Redis]:
    c = connect()
    yield c
    c.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


def breaker_on(client: redis.Redis, keys: Keys, clock: Clock) -> CircuitBreaker:
    return CircuitBreaker(client, keys, SETTINGS, clock=clock)


def open_breaker(breaker: CircuitBreaker) -> None:
    for _ in range(SETTINGS.breaker_failure_threshold):
        breaker.record_failure(breaker.acquire(), "test failure")


def test_new_breaker_is_closed_and_allows_the_model(client, keys, clock) -> None:
    permit = breaker_on(client, keys, clock).acquire()
    assert permit.use_model and not permit.is_trial
    assert breaker_snapshot(client, keys) == {"state": CLOSED, "failures": 0, "opened_at": None}


def test_failures_below_threshold_keep_it_closed(client, keys, clock) -> None:
    breaker = breaker_on(client, keys, clock)
    for _ in range(SETTINGS.breaker_failure_threshold - 1):
        breaker.record_failure(breaker.acquire(), "boom")
    assert breaker.snapshot()["state"] == CLOSED
    assert breaker.snapshot()["failures"] == SETTINGS.breaker_failure_threshold - 1


def test_threshold_failures_within_window_open_it(client, keys, clock) -> None:
    breaker = breaker_on(client, keys, clock)
    open_breaker(breaker)
    snapshot = breaker.snapshot()
    assert snapshot["state"] == OPEN
    assert snapshot["opened_at"] == clock.now


def test_failures_spread_wider_than_the_window_do_not_open_it(client, keys, clock) -> None:
    breaker = breaker_on(client, keys, clock)
    for _ in range(SETTINGS.breaker_failure_threshold):
        breaker.record_failure(breaker.acquire(), "boom")
        clock.now += SETTINGS.breaker_window_seconds + 1
    assert breaker.snapshot()["state"] == CLOSED


def test_open_breaker_refuses_the_model_until_the_cooldown_ends(client, keys, clock) -> None:
    breaker = breaker_on(client, keys, clock)
    open_breaker(breaker)
    clock.now += SETTINGS.breaker_cooldown_seconds - 1
    assert not breaker.acquire().use_model


def test_after_the_cooldown_one_caller_gets_the_trial(client, keys, clock) -> None:
    breaker = breaker_on(client, keys, clock)
    open_breaker(breaker)
    clock.now += SETTINGS.breaker_cooldown_seconds
    first, second = breaker.acquire(), breaker.acquire()
    assert first.is_trial and first.use_model
    assert not second.use_model
    assert breaker.snapshot()["state"] == HALF_OPEN


def test_successful_trial_closes_it(client, keys, clock) -> None:
    breaker = breaker_on(client, keys, clock)
    open_breaker(breaker)
    clock.now += SETTINGS.breaker_cooldown_seconds
    breaker.record_success(breaker.acquire())
    assert breaker.snapshot() == {"state": CLOSED, "failures": 0, "opened_at": None}


def test_failed_trial_reopens_it_for_another_cooldown(client, keys, clock) -> None:
    breaker = breaker_on(client, keys, clock)
    open_breaker(breaker)
    clock.now += SETTINGS.breaker_cooldown_seconds
    breaker.record_failure(breaker.acquire(), "still broken")
    assert breaker.snapshot() == {"state": OPEN, "failures": 3, "opened_at": clock.now}


def test_trial_whose_caller_vanished_is_granted_again_after_a_cooldown(client, keys, clock) -> None:
    breaker = breaker_on(client, keys, clock)
    open_breaker(breaker)
    clock.now += SETTINGS.breaker_cooldown_seconds
    lost = breaker.acquire()
    clock.now += SETTINGS.breaker_cooldown_seconds
    again = breaker.acquire()
    assert again.is_trial and again.trial_token != lost.trial_token


def test_late_report_of_a_superseded_trial_changes_nothing(client, keys, clock) -> None:
    breaker = breaker_on(client, keys, clock)
    open_breaker(breaker)
    clock.now += SETTINGS.breaker_cooldown_seconds
    lost = breaker.acquire()
    clock.now += SETTINGS.breaker_cooldown_seconds
    breaker.acquire()
    breaker.record_success(lost)
    assert breaker.snapshot()["state"] == HALF_OPEN


def test_failure_of_a_call_started_before_opening_does_not_extend_it(client, keys, clock) -> None:
    breaker = breaker_on(client, keys, clock)
    in_flight = breaker.acquire()
    open_breaker(breaker)
    opened_at = breaker.snapshot()["opened_at"]
    clock.now += 10
    breaker.record_failure(in_flight, "late")
    assert breaker.snapshot()["opened_at"] == opened_at


def test_server_clock_is_used_when_no_clock_is_given(client, keys) -> None:
    breaker = CircuitBreaker(client, keys, SETTINGS)
    open_breaker(breaker)
    server_now = float(client.time()[0])
    assert abs(breaker.snapshot()["opened_at"] - server_now) < 5


def test_concurrent_callers_after_cooldown_get_exactly_one_trial(keys, clock) -> None:
    setup = connect()
    open_breaker(breaker_on(setup, keys, clock))
    setup.close()
    clock.now += SETTINGS.breaker_cooldown_seconds
    callers = 12
    start = threading.Barrier(callers)
    permits = []
    lock = threading.Lock()

    def attempt() -> None:
        client = connect()  # each caller is its own process function with its own connection
        breaker = breaker_on(client, keys, clock)
        start.wait()
        permit = breaker.acquire()
        with lock:
            permits.append(permit)
        client.close()

    threads = [threading.Thread(target=attempt) for _ in range(callers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(p.is_trial for p in permits) == 1
    assert sum(p.use_model for p in permits) == 1


def guarded(client: redis.Redis, keys: Keys, clock: Clock, model: DoubleModel) -> GuardedClassifier:
    return GuardedClassifier(model, BaselineClassifier(), breaker_on(client, keys, clock), SETTINGS)


@pytest.mark.parametrize("error", [ModelTimeout("over budget"), ModelError("broken")])
def test_failing_model_opens_it_and_baseline_still_answers(client, keys, clock, error) -> None:
    model = DoubleModel(error=error)
    classifier = guarded(client, keys, clock, model)
    for _ in range(SETTINGS.breaker_failure_threshold):
        answers = classifier.classify_batch(TICKETS)
        assert [a.model for a in answers] == ["baseline", "baseline"]
    assert breaker_snapshot(client, keys)["state"] == OPEN


def test_open_breaker_answers_with_baseline_without_calling_the_model(client, keys, clock) -> None:
    model = DoubleModel(error=ModelError("broken"))
    classifier = guarded(client, keys, clock, model)
    for _ in range(SETTINGS.breaker_failure_threshold):
        classifier.classify_batch(TICKETS)
    calls = model.calls
    answers = classifier.classify_batch(TICKETS)
    assert [a.model for a in answers] == ["baseline", "baseline"]
    assert model.calls == calls


def test_recovered_model_closes_it_after_the_cooldown(client, keys, clock) -> None:
    model = DoubleModel(error=ModelError("broken"))
    classifier = guarded(client, keys, clock, model)
    for _ in range(SETTINGS.breaker_failure_threshold):
        classifier.classify_batch(TICKETS)
    model.error = None
    clock.now += SETTINGS.breaker_cooldown_seconds
    answers = classifier.classify_batch(TICKETS)
    assert [a.model for a in answers] == ["onnx", "onnx"]
    assert breaker_snapshot(client, keys)["state"] == CLOSED


def test_two_guarded_classifiers_share_one_state(keys, clock) -> None:
    model = DoubleModel(error=ModelError("broken"))
    first_client, second_client = connect(), connect()
    first = guarded(first_client, keys, clock, model)
    second = guarded(second_client, keys, clock, DoubleModel())

    def fail_until_open() -> None:
        for _ in range(SETTINGS.breaker_failure_threshold):
            first.classify_batch(TICKETS)

    worker = threading.Thread(target=fail_until_open)
    worker.start()
    worker.join()
    answers = second.classify_batch(TICKETS)
    assert [a.model for a in answers] == ["baseline", "baseline"]
    first_client.close()
    second_client.close()


def test_concurrent_guarded_classifiers_run_one_trial(keys, clock) -> None:
    setup = connect()
    open_breaker(breaker_on(setup, keys, clock))
    clock.now += SETTINGS.breaker_cooldown_seconds
    callers = 8
    trial_running = threading.Event()
    others_done = threading.Event()

    class HeldModel(DoubleModel):
        # Holds the trial open until every other caller has answered, so none of them
        # can arrive after it has closed the breaker.
        def classify_batch(self, texts, budget_ms=None):  # type: ignore[no-untyped-def]
            trial_running.set()
            assert others_done.wait(30)
            return super().classify_batch(texts, budget_ms)

    model = HeldModel()
    start = threading.Barrier(callers)
    models_used: list[str] = []
    answered = threading.Condition()

    def handle() -> None:
        client = connect()
        classifier = guarded(client, keys, clock, model)
        start.wait()
        answers = classifier.classify_batch(TICKETS[:1])
        with answered:
            models_used.append(answers[0].model)
            answered.notify_all()
        client.close()

    threads = [threading.Thread(target=handle) for _ in range(callers)]
    for t in threads:
        t.start()
    assert trial_running.wait(30)
    with answered:
        assert answered.wait_for(lambda: len(models_used) == callers - 1, timeout=30)
    others_done.set()
    for t in threads:
        t.join()
    assert model.calls == 1
    assert sorted(models_used) == ["baseline"] * (callers - 1) + ["onnx"]
    assert breaker_snapshot(setup, keys)["state"] == CLOSED
    setup.close()


def test_each_transition_is_logged_and_counted(client, keys, clock, monkeypatch) -> None:
    from smart_support.dal import breaker as breaker_module

    logged: list[dict] = []
    counted: list[tuple[str, float]] = []
    monkeypatch.setattr(
        breaker_module.logger, "info", lambda msg, extra=None, **_: logged.append(extra or {})
    )
    monkeypatch.setattr(
        breaker_module.metrics,
        "add_metric",
        lambda name, unit, value, **_: counted.append((name, value)),
    )
    breaker = breaker_on(client, keys, clock)
    open_breaker(breaker)
    clock.now += SETTINGS.breaker_cooldown_seconds
    breaker.record_success(breaker.acquire())
    assert [(e["breaker_from"], e["breaker_to"]) for e in logged] == [
        (CLOSED, OPEN),
        (OPEN, HALF_OPEN),
        (HALF_OPEN, CLOSED),
    ]
    assert all(e["reason"] for e in logged)
    assert counted == [
        ("BreakerTransitions", 1),
        ("BreakerOpen", 1),
        ("BreakerTransitions", 1),
        ("BreakerOpen", 1),
        ("BreakerTransitions", 1),
        ("BreakerOpen", 0),
    ]
