"""The circuit breaker around the model, shared by every process function through Redis.

closed: the model answers, under its latency budget. N failures (errors or overruns)
within the window open it. open: the baseline answers every ticket without touching the
model. After the cool-down exactly one caller runs a half-open trial; its success closes
the breaker, its failure reopens it. Each transition is one Lua script
(scripts/breaker_*.lua), logged and counted as a metric.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import redis

from smart_support.cache import CACHE_ERRORS
from smart_support.classification import Classification, Classifier
from smart_support.config import Settings, get_settings
from smart_support.keys import Keys
from smart_support.observability import MetricName, logger, metrics, tracer
from smart_support.scripting import register

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"


class BudgetedClassifier(Protocol):
    """A classifier that abandons a call over ``budget_ms`` (OnnxClassifier is one)."""

    name: str

    def classify_batch(
        self, texts: Sequence[str], budget_ms: float | None = None
    ) -> list[Classification]: ...


@dataclass(frozen=True)
class Permit:
    """The breaker's answer to one caller: use the model or not, and as the trial or not."""

    use_model: bool
    state: str
    trial_token: str = ""  # set only for the one caller running the half-open trial

    @property
    def is_trial(self) -> bool:
        return bool(self.trial_token)


def breaker_snapshot(client: redis.Redis, keys: Keys) -> dict[str, Any]:
    """State for /health and tests: {"state", "failures", "opened_at" (epoch s or None)}."""
    raw = client.hgetall(keys.breaker())
    opened_at = raw.get("opened_at")
    return {
        "state": raw.get("state") or CLOSED,
        "failures": int(raw.get("failures") or 0),
        "opened_at": float(opened_at) if opened_at else None,
    }


class CircuitBreaker:
    """Client of the shared breaker state; cheap to create, safe to use from many threads."""

    def __init__(
        self,
        client: redis.Redis,
        keys: Keys,
        settings: Settings | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        """``clock`` overrides Redis' own clock (tests move time without sleeping)."""
        self.client = client
        self.keys = keys
        self.settings = settings or get_settings()
        self._clock = clock
        self._acquire = register(client, "breaker_acquire")
        self._record = register(client, "breaker_record")

    def _now(self) -> str:
        # Empty means "use the server clock", the one clock every Lambda shares.
        return "" if self._clock is None else repr(self._clock())

    def acquire(self) -> Permit:
        """May this caller run the model? Moves open to half_open once the cool-down is over."""
        token = uuid.uuid4().hex
        decision, before, after = self._acquire(
            keys=[self.keys.breaker()],
            args=[self._now(), self.settings.breaker_cooldown_seconds, token],
        )
        if before != after:
            self._transition(before, after, "cool-down over, one trial call allowed")
        if decision == "trial":
            return Permit(use_model=True, state=HALF_OPEN, trial_token=token)
        return Permit(use_model=decision == CLOSED, state=decision)

    def record_success(self, permit: Permit) -> None:
        # Successes outside a trial change nothing, so they cost no round trip.
        if permit.is_trial:
            self._report(permit, "success", "trial call succeeded")

    def record_failure(self, permit: Permit, reason: str) -> None:
        self._report(permit, "failure", reason)

    def _report(self, permit: Permit, outcome: str, reason: str) -> None:
        before, after, failures = self._record(
            keys=[self.keys.breaker()],
            args=[
                self._now(),
                outcome,
                permit.trial_token,
                self.settings.breaker_failure_threshold,
                self.settings.breaker_window_seconds,
            ],
        )
        if before == CLOSED and after == OPEN:
            window = self.settings.breaker_window_seconds
            reason = f"{failures} failures within {window} s, last: {reason}"
        if before != after:
            self._transition(before, after, reason)

    def snapshot(self) -> dict[str, Any]:
        return breaker_snapshot(self.client, self.keys)

    def reset(self) -> None:
        """Forget all state (closed, no failures): for operators and tests."""
        self.client.delete(self.keys.breaker())

    def _transition(self, before: str, after: str, reason: str) -> None:
        logger.info(
            "circuit breaker transition",
            extra={"breaker_from": before, "breaker_to": after, "reason": reason},
        )
        metrics.add_metric(name=MetricName.BREAKER_TRANSITIONS, unit="Count", value=1)
        # The alarm watches this: anything but closed means the baseline is answering.
        metrics.add_metric(
            name=MetricName.BREAKER_OPEN, unit="Count", value=0 if after == CLOSED else 1
        )


class GuardedClassifier:
    """The model behind the breaker, with the fallback answering whenever it cannot."""

    name = "guarded"

    def __init__(
        self,
        primary: BudgetedClassifier,
        fallback: Classifier,
        breaker: CircuitBreaker | None = None,
        settings: Settings | None = None,
        *,
        redis: redis.Redis | None = None,
        keys: Keys | None = None,
    ) -> None:
        """Pass a ``breaker``, or ``redis`` (and ``keys``) to build one on the shared state."""
        self.primary = primary
        self.fallback = fallback
        self.settings = settings or (breaker.settings if breaker else get_settings())
        if breaker is None:
            if redis is None:
                raise ValueError("GuardedClassifier needs a breaker or a redis client")
            breaker = CircuitBreaker(redis, keys or Keys(self.settings.key_prefix), self.settings)
        self.breaker = breaker

    def classify_batch(self, texts: Sequence[str]) -> list[Classification]:
        """One entry per text, in order; from the model when the breaker allows and it copes."""
        if not texts:
            return []
        permit = self._permit()
        if not permit.use_model:
            return self._fallback(texts, f"breaker {permit.state}")
        try:
            answers = self._call_model(texts)
            if len(answers) != len(texts):
                raise RuntimeError(f"{len(answers)} answers for {len(texts)} texts")
        except Exception as exc:  # any model failure is the breaker's business, not the caller's
            reason = f"{type(exc).__name__}: {exc}"
            logger.warning("model call failed", extra={"reason": reason, "trial": permit.is_trial})
            self._safely(lambda: self.breaker.record_failure(permit, reason))
            return self._fallback(texts, reason)
        self._safely(lambda: self.breaker.record_success(permit))
        return answers

    @tracer.capture_method(capture_response=False)
    def _call_model(self, texts: Sequence[str]) -> list[Classification]:
        """The model's inference, its own X-Ray subsegment (responses carry ticket text)."""
        return list(self.primary.classify_batch(texts, budget_ms=self.settings.model_budget_ms))

    def _permit(self) -> Permit:
        try:
            return self.breaker.acquire()
        except CACHE_ERRORS as exc:
            # Without the shared state the model still has its budget, and the ticket's own
            # Redis writes will fail loudly anyway; refusing the model would change nothing.
            logger.warning("breaker state unreadable, using the model", extra={"error": str(exc)})
            return Permit(use_model=True, state="unknown")

    def _safely(self, action: Callable[[], None]) -> None:
        try:
            action()
        except CACHE_ERRORS as exc:
            logger.warning("breaker state not updated", extra={"error": str(exc)})

    def _fallback(self, texts: Sequence[str], reason: str) -> list[Classification]:
        metrics.add_metric(name=MetricName.MODEL_FALLBACKS, unit="Count", value=len(texts))
        logger.debug("fallback classifier answering", extra={"reason": reason, "n": len(texts)})
        return self.fallback.classify_batch(texts)
