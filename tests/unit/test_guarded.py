"""GuardedClassifier's decisions, with in-memory doubles for the breaker and both models."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
import redis

from smart_support.breaker import Permit
from smart_support.classification import Classification
from smart_support.config import Settings
from smart_support.encoder import ModelError, ModelTimeout
from smart_support.guarded import GuardedClassifier

SETTINGS = Settings(model_budget_ms=123)


def answer(model: str) -> Classification:
    return Classification(
        category="Billing", category_confidence=0.9, urgency_score=0.5, model=model
    )


class FakeModel:
    name = "onnx"

    def __init__(self, error: Exception | None = None, short: bool = False) -> None:
        self.error = error
        self.short = short
        self.budgets: list[float | None] = []

    def classify_batch(
        self, texts: Sequence[str], budget_ms: float | None = None
    ) -> list[Classification]:
        self.budgets.append(budget_ms)
        if self.error:
            raise self.error
        return [answer("onnx") for _ in texts[: len(texts) - 1 if self.short else None]]


class FakeBaseline:
    name = "baseline"

    def __init__(self) -> None:
        self.calls = 0

    def classify_batch(self, texts: Sequence[str]) -> list[Classification]:
        self.calls += 1
        return [answer("baseline") for _ in texts]


class FakeBreaker:
    def __init__(self, permit: Permit | Exception) -> None:
        self.settings = SETTINGS
        self.permit = permit
        self.successes: list[Permit] = []
        self.failures: list[tuple[Permit, str]] = []

    def acquire(self) -> Permit:
        if isinstance(self.permit, Exception):
            raise self.permit
        return self.permit

    def record_success(self, permit: Permit) -> None:
        self.successes.append(permit)

    def record_failure(self, permit: Permit, reason: str) -> None:
        self.failures.append((permit, reason))


CLOSED = Permit(use_model=True, state="closed")


def guarded(model: FakeModel, breaker: FakeBreaker) -> tuple[GuardedClassifier, FakeBaseline]:
    baseline = FakeBaseline()
    return GuardedClassifier(model, baseline, breaker, SETTINGS), baseline  # type: ignore[arg-type]


def test_closed_breaker_answers_with_the_model_under_the_budget() -> None:
    model = FakeModel()
    classifier, baseline = guarded(model, FakeBreaker(CLOSED))
    answers = classifier.classify_batch(["a", "b"])
    assert [a.model for a in answers] == ["onnx", "onnx"]
    assert model.budgets == [123]
    assert baseline.calls == 0


@pytest.mark.parametrize("error", [ModelTimeout("slow"), ModelError("broken"), ValueError("odd")])
def test_model_failure_is_recorded_and_baseline_answers_whole_batch(error: Exception) -> None:
    breaker = FakeBreaker(CLOSED)
    classifier, _ = guarded(FakeModel(error=error), breaker)
    answers = classifier.classify_batch(["a", "b", "c"])
    assert [a.model for a in answers] == ["baseline"] * 3
    assert len(breaker.failures) == 1


def test_wrong_number_of_answers_counts_as_a_failure() -> None:
    breaker = FakeBreaker(CLOSED)
    classifier, _ = guarded(FakeModel(short=True), breaker)
    assert [a.model for a in classifier.classify_batch(["a", "b"])] == ["baseline"] * 2
    assert len(breaker.failures) == 1


@pytest.mark.parametrize("state", ["open", "half_open"])
def test_breaker_refusal_skips_the_model(state: str) -> None:
    model = FakeModel()
    classifier, _ = guarded(model, FakeBreaker(Permit(use_model=False, state=state)))
    assert [a.model for a in classifier.classify_batch(["a"])] == ["baseline"]
    assert model.budgets == []


def test_trial_success_is_reported_with_its_permit() -> None:
    trial = Permit(use_model=True, state="half_open", trial_token="tok")
    breaker = FakeBreaker(trial)
    classifier, _ = guarded(FakeModel(), breaker)
    classifier.classify_batch(["a"])
    assert breaker.successes == [trial]


def test_unreadable_breaker_state_still_uses_the_model() -> None:
    classifier, _ = guarded(FakeModel(), FakeBreaker(redis.ConnectionError("down")))
    assert [a.model for a in classifier.classify_batch(["a"])] == ["onnx"]


def test_empty_batch_touches_nothing() -> None:
    model = FakeModel()
    classifier, baseline = guarded(model, FakeBreaker(RuntimeError("must not be asked")))
    assert classifier.classify_batch([]) == []
    assert model.budgets == [] and baseline.calls == 0


def test_guarded_classifier_without_breaker_or_redis_is_refused() -> None:
    with pytest.raises(ValueError):
        GuardedClassifier(FakeModel(), FakeBaseline(), settings=SETTINGS)
