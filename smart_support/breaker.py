"""The model's circuit breaker, its rules: each transition a pure function of the state.

closed: the model answers, under its latency budget. N failures (errors or overruns)
within the window open it. open: the baseline answers every ticket without touching the
model. After the cool-down exactly one caller runs a half-open trial; its success closes
the breaker, its failure reopens it. A trial whose caller vanished is handed to another
caller after another cool-down. ``dal.breaker`` keeps the state in Redis, shared by every
process function, and applies these transitions atomically.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"
TRIAL = "trial"  # an acquire decision: use the model, as the one half-open trial


@dataclass(frozen=True)
class Permit:
    """The breaker's answer to one caller: use the model or not, and as the trial or not."""

    use_model: bool
    state: str
    trial_token: str = ""  # set only for the one caller running the half-open trial

    @property
    def is_trial(self) -> bool:
        return bool(self.trial_token)


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class BreakerState:
    """The shared state, as one Redis hash holds it (times in epoch seconds)."""

    state: str = CLOSED
    failures: int = 0
    window_start: float | None = None  # first failure of the current window (closed)
    opened_at: float | None = None
    trial_id: str = ""  # the token of the caller running the half-open trial
    trial_started: float | None = None
    changed_at: float | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, str]) -> BreakerState:
        return cls(
            state=row.get("state") or CLOSED,
            failures=int(_number(row.get("failures")) or 0),
            window_start=_number(row.get("window_start")),
            opened_at=_number(row.get("opened_at")),
            trial_id=row.get("trial_id") or "",
            trial_started=_number(row.get("trial_started")),
            changed_at=_number(row.get("changed_at")),
        )

    def to_row(self) -> dict[str, str | None]:
        """The hash fields to write; None for a field to delete."""
        return {
            "state": self.state,
            "failures": str(self.failures),
            "window_start": _text(self.window_start),
            "opened_at": _text(self.opened_at),
            "trial_id": self.trial_id or None,
            "trial_started": _text(self.trial_started),
            "changed_at": _text(self.changed_at),
        }


def _text(value: float | None) -> str | None:
    return None if value is None else repr(value)


def on_acquire(
    state: BreakerState, now: float, cooldown: float, token: str
) -> tuple[str, BreakerState]:
    """May a caller use the model? Answers the decision (closed, open, half_open or trial)
    and the new state; the caller holding ``token`` runs the trial when the answer is trial."""
    if state.state == CLOSED:
        return CLOSED, state
    if state.state == OPEN:
        if now - (state.opened_at or 0.0) < cooldown:
            return OPEN, state
        return TRIAL, replace(
            state, state=HALF_OPEN, trial_id=token, trial_started=now, changed_at=now
        )
    # half_open: a trial is under way. If its caller died without reporting (a Lambda timed
    # out), the trial is handed to someone else after another cool-down rather than never.
    if now - (state.trial_started or 0.0) >= cooldown:
        return TRIAL, replace(state, trial_id=token, trial_started=now)
    return HALF_OPEN, state


def on_outcome(
    state: BreakerState, now: float, failed: bool, token: str, threshold: int, window: float
) -> BreakerState:
    """The state after a model call succeeded or ``failed``; ``token`` is the caller's trial
    token, empty when the call was not the half-open trial."""
    if token:
        # Only the caller holding the current trial decides how half-open ends.
        if state.state != HALF_OPEN or state.trial_id != token:
            return state
        if not failed:
            return BreakerState(state=CLOSED, failures=0, changed_at=now)
        return replace(
            state, state=OPEN, opened_at=now, changed_at=now, trial_id="", trial_started=None
        )
    # Outside a trial, successes change nothing, and failures only count while closed (a call
    # that started before another caller opened the breaker must not extend its open time).
    if not failed or state.state != CLOSED:
        return state
    if state.window_start is None or now - state.window_start > window:
        state = replace(state, window_start=now, failures=1)
    else:
        state = replace(state, failures=state.failures + 1)
    if state.failures >= threshold:
        return replace(state, state=OPEN, opened_at=now, changed_at=now)
    return state
