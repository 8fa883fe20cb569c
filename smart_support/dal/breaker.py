"""The circuit breaker's state in Redis, shared by every process function.

Each call reads the state with the server's clock (``scripts/breaker_read.lua``), asks the
pure transition in ``breaker``, and writes the new state only if nobody changed it in
between (``scripts/breaker_write.lua``); a caller that lost the race decides again. Each
transition is logged and counted as a metric.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

import redis

from smart_support.breaker import (
    CLOSED,
    HALF_OPEN,
    OPEN,
    TRIAL,
    BreakerState,
    Permit,
    on_acquire,
    on_outcome,
)
from smart_support.config import Settings, get_settings
from smart_support.keys import Keys
from smart_support.observability import MetricName, logger, metrics
from smart_support.scripting import register

MAX_ATTEMPTS = 10  # reads and decisions per call before giving up on a contended state
Answer = TypeVar("Answer")


def breaker_snapshot(client: redis.Redis, keys: Keys) -> dict[str, Any]:
    """State for /health and tests: {"state", "failures", "opened_at" (epoch s or None)}."""
    state = BreakerState.from_row(client.hgetall(keys.breaker()))  # type: ignore[arg-type]
    return {"state": state.state, "failures": state.failures, "opened_at": state.opened_at}


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
        self._read = register(client, "breaker_read")
        self._write = register(client, "breaker_write")

    def acquire(self) -> Permit:
        """May this caller run the model? Moves open to half_open once the cool-down is over."""
        token = uuid.uuid4().hex
        cooldown = self.settings.breaker_cooldown_seconds
        decision, before, after = self._change(lambda s, now: on_acquire(s, now, cooldown, token))
        if before.state != after.state:
            self._transition(before.state, after.state, "cool-down over, one trial call allowed")
        if decision == TRIAL:
            return Permit(use_model=True, state=HALF_OPEN, trial_token=token)
        return Permit(use_model=decision == CLOSED, state=decision)

    def record_success(self, permit: Permit) -> None:
        # Successes outside a trial change nothing, so they cost no round trip.
        if permit.is_trial:
            self._report(permit, False, "trial call succeeded")

    def record_failure(self, permit: Permit, reason: str) -> None:
        self._report(permit, True, reason)

    def _report(self, permit: Permit, failed: bool, reason: str) -> None:
        threshold = self.settings.breaker_failure_threshold
        window = self.settings.breaker_window_seconds

        def step(state: BreakerState, now: float) -> tuple[None, BreakerState]:
            return None, on_outcome(state, now, failed, permit.trial_token, threshold, window)

        _, before, after = self._change(step)
        if before.state == CLOSED and after.state == OPEN:
            reason = f"{after.failures} failures within {window} s, last: {reason}"
        if before.state != after.state:
            self._transition(before.state, after.state, reason)

    def _change(
        self, step: Callable[[BreakerState, float], tuple[Answer, BreakerState]]
    ) -> tuple[Answer, BreakerState, BreakerState]:
        """Read, decide, write if unchanged meanwhile; answers (step's answer, before, after).

        Raises redis.WatchError (a cache error) when other callers kept winning the race."""
        for _attempt in range(MAX_ATTEMPTS):
            flat, seconds, micros = self._read(keys=[self.keys.breaker()])
            row = dict(zip(flat[0::2], flat[1::2], strict=True))
            now = self._clock() if self._clock else int(seconds) + int(micros) / 1_000_000
            before = BreakerState.from_row(row)
            answer, after = step(before, now)
            if after == before or self._store(row.get("ver", "0"), after):
                return answer, before, after
        raise redis.WatchError("the breaker state kept changing under this caller")

    def _store(self, version: str, state: BreakerState) -> bool:
        args = [version]
        for name, value in state.to_row().items():
            args += [name, "" if value is None else value]
        return bool(self._write(keys=[self.keys.breaker()], args=args))

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


__all__ = ["CLOSED", "HALF_OPEN", "OPEN", "CircuitBreaker", "Permit", "breaker_snapshot"]
