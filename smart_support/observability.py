"""The one Logger, Tracer and Metrics of the service, and the names of its metrics.

Service name and namespace come from POWERTOOLS_SERVICE_NAME and
POWERTOOLS_METRICS_NAMESPACE; the dashboard in infra/template.yaml charts these names.
"""

from __future__ import annotations

import os

from aws_lambda_powertools import Logger, Metrics, Tracer

os.environ.setdefault("POWERTOOLS_SERVICE_NAME", "smart-support")
os.environ.setdefault("POWERTOOLS_METRICS_NAMESPACE", "SmartSupport")

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
