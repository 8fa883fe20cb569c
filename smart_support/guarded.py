"""The model behind the shared circuit breaker, with the baseline answering whenever it cannot:
the breaker is open, the model failed, or it overran its latency budget."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import redis

from smart_support.breaker import Permit
from smart_support.cache import CACHE_ERRORS
from smart_support.classification import Classification, Classifier
from smart_support.config import Settings, get_settings
from smart_support.dal.breaker import CircuitBreaker
from smart_support.keys import Keys
from smart_support.observability import MetricName, logger, metrics, tracer


class BudgetedClassifier(Protocol):
    """A classifier that abandons a call over ``budget_ms`` (OnnxClassifier is one)."""

    name: str

    def classify_batch(
        self, texts: Sequence[str], budget_ms: float | None = None
    ) -> list[Classification]: ...


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
