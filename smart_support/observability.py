"""The one Logger, Tracer and Metrics of the service, and the names of its metrics.

Service name and namespace come from POWERTOOLS_SERVICE_NAME and
POWERTOOLS_METRICS_NAMESPACE (defaults in ``config``); the dashboard in infra/template.yaml
charts these names.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import cache

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit, single_metric

from smart_support.config import apply_powertools_defaults, get_settings, metrics_disabled

apply_powertools_defaults()

logger = Logger()
tracer = Tracer()
metrics = Metrics()


class MetricName:
    TICKETS_ACCEPTED = "TicketsAccepted"
    TICKETS_REJECTED = "TicketsRejected"
    TICKETS_COMPLETED = "TicketsCompleted"
    TICKETS_FAILED = "TicketsFailed"
    PROCESSING_LATENCY = "ProcessingLatency"  # ms, from accepted to completed
    INFERENCE_LATENCY = "InferenceLatency"  # ms per batch
    MODEL_FALLBACKS = "ModelFallbacks"  # tickets answered by the baseline
    BREAKER_TRANSITIONS = "BreakerTransitions"
    BREAKER_OPEN = "BreakerOpen"  # 1 while open, 0 while closed
    STORM_MEMBERS = "StormMembers"
    INCIDENTS_OPENED = "IncidentsOpened"
    ALERTS_SENT = "AlertsSent"
    ALERTS_SUPPRESSED = "AlertsSuppressed"
    ALERTS_FAILED = "AlertsFailed"
    ASSIGNMENTS = "Assignments"
    ASSIGNMENT_WAITS = "AssignmentWaits"  # tickets left ready with no agent free
    DEPENDENCY_ERRORS = "DependencyErrors"
    NEEDS_REVIEW = "NeedsReview"  # tickets whose category confidence is under REVIEW_CONFIDENCE
    CORRECTIONS = "Corrections"  # agents' corrections, also by from_category -> to_category


@cache
def _pseudonym_key() -> bytes:
    # Without LOG_HASH_KEY (local runs) a per-process key: hashes still correlate within a run.
    configured = get_settings().log_hash_key
    return configured.encode() if configured else secrets.token_bytes(32)


def pseudonym(value: str | None) -> str | None:
    """What logs carry instead of a customer id: a keyed hash (HMAC-SHA256, 16 hex digits).

    Lines about one customer can be grouped, but the id cannot be read back or confirmed by
    hashing guesses without the key.
    """
    if not value:
        return None
    return hmac.new(_pseudonym_key(), value.encode(), hashlib.sha256).hexdigest()[:16]


def count_by(name: str, **dimensions: str) -> None:
    """Count one event under extra dimensions (e.g. category, model) in its own EMF record.

    Powertools' ``single_metric`` writes even when POWERTOOLS_METRICS_DISABLED is set, so the
    switch is honoured here, as ``metrics`` honours it.
    """
    if metrics_disabled():
        return
    with single_metric(
        name=name, unit=MetricUnit.Count, value=1, default_dimensions=metrics.default_dimensions
    ) as metric:
        for key, value in dimensions.items():
            metric.add_dimension(name=key, value=value)
