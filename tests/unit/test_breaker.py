"""The breaker's transitions as pure functions of its state: no Redis, no clock."""

from __future__ import annotations

from smart_support.breaker import (
    CLOSED,
    HALF_OPEN,
    OPEN,
    TRIAL,
    BreakerState,
    on_acquire,
    on_outcome,
)

COOLDOWN, THRESHOLD, WINDOW = 30, 3, 60
T0 = 1_000_000.0


def fail(state: BreakerState, now: float, token: str = "") -> BreakerState:
    return on_outcome(state, now, True, token, THRESHOLD, WINDOW)


def succeed(state: BreakerState, now: float, token: str = "") -> BreakerState:
    return on_outcome(state, now, False, token, THRESHOLD, WINDOW)


def opened(at: float = T0) -> BreakerState:
    state = BreakerState()
    for _ in range(THRESHOLD):
        state = fail(state, at)
    return state


def test_threshold_failures_within_the_window_open_it() -> None:
    state = fail(fail(BreakerState(), T0), T0 + 1)
    assert state.state == CLOSED and state.failures == 2
    state = fail(state, T0 + 2)
    assert (state.state, state.opened_at) == (OPEN, T0 + 2)


def test_failures_spread_wider_than_the_window_start_a_new_count() -> None:
    state = fail(fail(BreakerState(), T0), T0 + 1)
    state = fail(state, T0 + WINDOW + 1)
    assert state.state == CLOSED and state.failures == 1 and state.window_start == T0 + WINDOW + 1


def test_open_refuses_until_the_cooldown_then_grants_one_trial() -> None:
    state = opened()
    assert on_acquire(state, T0 + COOLDOWN - 1, COOLDOWN, "a") == (OPEN, state)
    decision, trial = on_acquire(state, T0 + COOLDOWN, COOLDOWN, "a")
    assert decision == TRIAL and trial.state == HALF_OPEN and trial.trial_id == "a"
    assert on_acquire(trial, T0 + COOLDOWN + 1, COOLDOWN, "b") == (HALF_OPEN, trial)


def test_a_vanished_trial_is_granted_again_after_another_cooldown() -> None:
    _, trial = on_acquire(opened(), T0 + COOLDOWN, COOLDOWN, "a")
    decision, again = on_acquire(trial, T0 + 2 * COOLDOWN, COOLDOWN, "b")
    assert decision == TRIAL and again.trial_id == "b"


def test_trial_success_closes_and_forgets_the_failures() -> None:
    _, trial = on_acquire(opened(), T0 + COOLDOWN, COOLDOWN, "a")
    closed = succeed(trial, T0 + COOLDOWN + 1, "a")
    assert closed == BreakerState(state=CLOSED, failures=0, changed_at=T0 + COOLDOWN + 1)


def test_trial_failure_reopens_for_another_cooldown() -> None:
    _, trial = on_acquire(opened(), T0 + COOLDOWN, COOLDOWN, "a")
    reopened = fail(trial, T0 + COOLDOWN + 1, "a")
    assert (reopened.state, reopened.opened_at, reopened.trial_id) == (OPEN, T0 + COOLDOWN + 1, "")


def test_reports_that_do_not_hold_the_trial_change_nothing() -> None:
    _, trial = on_acquire(opened(), T0 + COOLDOWN, COOLDOWN, "a")
    assert fail(trial, T0 + COOLDOWN + 1, "superseded") == trial
    assert fail(opened(), T0 + 5) == opened()  # a call begun before opening
    assert succeed(BreakerState(), T0) == BreakerState()


def test_state_survives_the_hash_it_is_stored_in() -> None:
    _, trial = on_acquire(opened(), T0 + COOLDOWN, COOLDOWN, "a")
    row = {k: v for k, v in trial.to_row().items() if v is not None}
    assert BreakerState.from_row(row) == trial
