"""Processing one SQS batch: classify in one pass, fold storms, route jointly, publish.

Every step is safe to repeat, and the ticket's final status is written last, so a
batch that dies anywhere and is delivered again ends with one result, one
assignment, one alert and one incident membership per ticket.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import ValidationError

from smart_support.baseline import BaselineClassifier
from smart_support.classification import Classification, Classifier, urgency_label
from smart_support.dal.agents import AgentRegistry
from smart_support.dal.alerts import AlertGate
from smart_support.dal.incidents import IncidentStore
from smart_support.dal.storms import StormDetector
from smart_support.dedup import StormDecision, StormInput
from smart_support.dispatch import Dispatcher
from smart_support.explanation import build_explanation, storm_part
from smart_support.formats import now_iso
from smart_support.logic.hand_over import hand_over
from smart_support.messages import TicketMessage
from smart_support.observability import MetricName, count_by, logger, metrics, tracer
from smart_support.routing import RoutingTicket
from smart_support.services import Services
from smart_support.slack import AlertResult, SlackNotifier


class PoisonMessage(ValueError):
    """A message that can never be processed; it ends in the dead-letter queue."""


class TicketBusy(RuntimeError):
    """Another worker holds the ticket's lock; the message comes back after its timeout."""


@dataclass
class Job:
    message_id: str
    ticket_id: str
    message: TicketMessage
    token: str = field(default_factory=lambda: uuid.uuid4().hex)
    result: Classification | None = None
    storm: StormDecision | None = None
    agent: str | None = None
    routing: dict[str, Any] | None = None  # the routing part of the explanation
    storm_similarity: float | None = None

    @property
    def text(self) -> str:
        return self.message.text


def parse_message(body: str) -> TicketMessage:
    """The SQS body as intake wrote it, or PoisonMessage saying what is wrong with it."""
    try:
        return TicketMessage.model_validate_json(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        if first["type"] == "json_invalid":
            raise PoisonMessage("message body is not JSON") from exc
        where = first["loc"][0] if first["loc"] else "body"
        raise PoisonMessage(f"message {where}: {first['msg']}") from exc


class Pipeline:
    def __init__(self, services: Services, classifier: Classifier) -> None:
        self.services = services
        self.settings = services.settings
        self.tickets = services.tickets
        self.ready = services.ready
        self.classifier = classifier
        self.storms = StormDetector(services.redis, services.keys, services.settings)
        self.incidents = IncidentStore(services.redis, services.keys, services.settings)
        self.router = Dispatcher(AgentRegistry(services.redis, services.keys))
        self.gate = AlertGate(services.redis, services.keys, services.settings.ticket_ttl_seconds)
        self.notifier = SlackNotifier(services.settings)

    def run(self, records: Sequence[tuple[str, str]]) -> dict[str, Exception]:
        """Process (message_id, body) records; returns the failures by message id."""
        failures: dict[str, Exception] = {}
        jobs: list[Job] = []
        for message_id, body in records:
            try:
                job = self._begin(message_id, body)
            except Exception as exc:  # every record fails on its own
                failures[message_id] = exc
                continue
            if job is not None:
                jobs.append(job)
        if not jobs:
            return failures
        try:
            self._decide(jobs)
        except Exception as exc:
            logger.warning(
                "batch step failed; the batch will be retried",
                extra={"error": repr(exc)[:300], "tickets": len(jobs)},
                exc_info=True,
            )
            for job in jobs:
                failures[job.message_id] = exc
                self._release(job)
            return failures
        for job in jobs:
            try:
                self._publish(job)
            except Exception as exc:
                logger.warning(
                    "could not complete ticket",
                    extra={"ticket_id": job.ticket_id, "error": type(exc).__name__},
                )
                failures[job.message_id] = exc
                self._release(job)
        return failures

    # Steps ---------------------------------------------------------------------------

    def _begin(self, message_id: str, body: str) -> Job | None:
        message = parse_message(body)
        job = Job(message_id, message.ticket_id, message)
        state = self.tickets.begin(
            job.ticket_id, job.token, self.settings.processing_lock_seconds, message.record()
        )
        if state == "withdrawn":
            logger.info(
                "ticket was withdrawn at intake (its client got an error); message dropped",
                extra={"ticket_id": job.ticket_id},
            )
            return None
        if state == "done":
            logger.info(
                "ticket already processed; redelivery ignored", extra={"ticket_id": job.ticket_id}
            )
            return None
        if state == "busy":
            raise TicketBusy(f"ticket {job.ticket_id} is being processed elsewhere")
        return job

    def _decide(self, jobs: list[Job]) -> None:
        self._classify(jobs)
        self._observe_storms(jobs)
        self._route(jobs)

    @tracer.capture_method(capture_response=False)
    def _classify(self, jobs: list[Job]) -> None:
        started = time.perf_counter()
        results = self.classifier.classify_batch([job.text for job in jobs])
        metrics.add_metric(
            name=MetricName.INFERENCE_LATENCY,
            unit="Milliseconds",
            value=(time.perf_counter() - started) * 1000,
        )
        for job, result in zip(jobs, results, strict=True):
            job.result = result

    @tracer.capture_method(capture_response=False)
    def _observe_storms(self, jobs: list[Job]) -> None:
        now = time.time()
        classified = [(job, job.result) for job in jobs if job.result is not None]
        decisions = self.storms.observe_batch(
            [
                StormInput(
                    job.ticket_id,
                    result.embedding,
                    result.embedding_space,
                    job.text[:200],
                    result.category,
                    result.urgency_score,
                    now,
                )
                for job, result in classified
                if result.embedding
            ]
        )
        for job in jobs:
            job.storm = decisions.get(job.ticket_id)
            job.storm_similarity = self.storms.similarity.get(job.ticket_id)

    @tracer.capture_method(capture_response=False)
    def _route(self, jobs: list[Job]) -> None:
        solo = [job for job in jobs if job.result and not (job.storm and job.storm.incident_id)]
        routing = [
            RoutingTicket(job.ticket_id, job.result.category, job.result.urgency_score)
            for job in solo
            if job.result
        ]
        assigned = self.router.route_batch(routing)
        for job, ticket in zip(solo, routing, strict=True):
            job.agent = assigned.get(job.ticket_id)
            job.routing = self.router.explain(ticket, job.agent)

    @tracer.capture_method(capture_response=False)
    def _publish(self, job: Job) -> None:
        if job.result is None:  # a step before this one always sets it
            raise RuntimeError(f"ticket {job.ticket_id} has no classification")
        result, storm = job.result, job.storm
        in_incident = bool(storm and storm.incident_id)
        if storm and storm.opened_incident:
            self._fold_into_incident(storm)
        if in_incident:
            self.ready.remove(job.ticket_id)
        else:
            self.ready.mark_ready(job.ticket_id, result.urgency_score, result.category, job.agent)
        review = result.category_confidence < self.settings.review_confidence
        fields = self._completed_fields(job, result, in_incident, review)
        self._alert(job, fields)
        if self.tickets.finish(job.ticket_id, job.token, fields) == "done":
            current = self.tickets.get(job.ticket_id)
            if current is not None and current.status == "master_incident":
                self.ready.remove(job.ticket_id)
        self._count_completed(job, result, review)
        logger.info(
            "ticket processed",
            extra={
                "ticket_id": job.ticket_id,
                "status": fields["status"],
                "category": result.category,
                "urgency_score": result.urgency_score,
                "model": result.model,
                "agent": job.agent,
                "incident_id": fields["incident_id"],
            },
        )

    def _completed_fields(
        self, job: Job, result: Classification, in_incident: bool, review: bool
    ) -> dict[str, Any]:
        """The ticket's final fields: its decision, its explanation, the review flag."""
        storm, stamp = job.storm, now_iso()
        explanation = build_explanation(
            result,
            self.settings,
            job.routing
            or {"agent": None, "waiting_because": "part of a master incident, handled as one"},
            storm_part(storm, job.storm_similarity),
        )
        return {
            "status": "master_incident" if in_incident else "completed",
            "category": result.category,
            "category_confidence": f"{result.category_confidence:.4f}",
            "urgency_score": f"{result.urgency_score:.4f}",
            "urgency_label": urgency_label(result.urgency_score, self.settings),
            "model": result.model,
            "assigned_agent": job.agent,
            "incident_id": storm.incident_id if storm else None,
            "completed_at": stamp,
            "updated_at": stamp,
            "needs_review": "1" if review else None,
            "explanation": explanation,
        }

    def _count_completed(self, job: Job, result: Classification, review: bool) -> None:
        metrics.add_metric(name=MetricName.TICKETS_COMPLETED, unit="Count", value=1)
        # The same count split by category and by the model that answered, for the dashboard.
        count_by(MetricName.TICKETS_COMPLETED, category=result.category, model=result.model)
        if review:
            metrics.add_metric(name=MetricName.NEEDS_REVIEW, unit="Count", value=1)
        created_ms = job.message.created_ms
        if created_ms:
            metrics.add_metric(
                name=MetricName.PROCESSING_LATENCY,
                unit="Milliseconds",
                value=max(0.0, time.time() * 1000 - float(created_ms)),
            )

    def _fold_into_incident(self, storm: StormDecision) -> None:
        """The storm's earlier tickets join the incident: no queue place, no agent of their own."""
        for ticket_id in storm.linked_ticket_ids:
            self.tickets.update(
                ticket_id,
                {
                    "status": "master_incident",
                    "incident_id": storm.incident_id,
                    "updated_at": now_iso(),
                },
            )
            self.ready.remove(ticket_id)
            freed = self.router.resolve(ticket_id)
            if freed.handed_ticket_id and freed.handed_agent_id:
                hand_over(self.services, freed.handed_ticket_id, freed.handed_agent_id)

    def _alert(self, job: Job, fields: dict[str, Any]) -> None:
        if job.result is None:  # a step before this one always sets it
            raise RuntimeError(f"ticket {job.ticket_id} has no classification")
        storm, base = job.storm, self.settings.public_base_url.rstrip("/")
        if storm and storm.opened_incident and storm.incident_id:
            if self.gate.claim_incident(storm.incident_id):
                # The stored incident has the storm's true span and representative text.
                incident = self.incidents.get_incident(storm.incident_id, member_limit=1) or {
                    "incident_id": storm.incident_id,
                    "member_count": storm.member_count,
                    "category": job.result.category,
                    "representative_text": job.text,
                    "first_seen": fields["completed_at"],
                    "last_seen": fields["completed_at"],
                }
                self._record_alert(
                    self.notifier.send_incident_alert(
                        incident, f"{base}/incidents/{storm.incident_id}"
                    )
                )
            return
        if job.result.urgency_score <= self.settings.urgency_alert_threshold:
            return
        if storm and storm.incident_id:
            metrics.add_metric(name=MetricName.ALERTS_SUPPRESSED, unit="Count", value=1)
            return
        if self.gate.claim_ticket(job.ticket_id):
            ticket = {**fields, "ticket_id": job.ticket_id, "text": job.text}
            self._record_alert(
                self.notifier.send_ticket_alert(ticket, f"{base}/tickets/{job.ticket_id}/status")
            )

    def _record_alert(self, result: AlertResult) -> None:
        if result.outcome == "logged":  # no webhook configured: nothing was sent
            return
        name = MetricName.ALERTS_FAILED if result.outcome == "failed" else MetricName.ALERTS_SENT
        metrics.add_metric(name=name, unit="Count", value=1)

    def _release(self, job: Job) -> None:
        try:
            self.tickets.release_lock(job.ticket_id, job.token)
        except Exception:  # the lock expires on its own
            logger.warning("could not release lock", extra={"ticket_id": job.ticket_id})


@cache
def _onnx_model(model_dir: str) -> Any:
    """One loaded model per execution environment, whatever else gets rebuilt."""
    from smart_support.encoder import OnnxClassifier

    return OnnxClassifier(model_dir)


def build_classifier(services: Services) -> Classifier:
    """The model behind the shared circuit breaker, or the baseline alone when configured."""
    if services.settings.classifier == "baseline":
        return BaselineClassifier()
    from smart_support.guarded import GuardedClassifier

    return GuardedClassifier(
        primary=_onnx_model(str(services.settings.resolved_model_dir)),
        fallback=BaselineClassifier(),
        redis=services.redis,
        keys=services.keys,
        settings=services.settings,
    )
