"""Ingest function: POST /tickets. Validates, records, queues, answers 202. No ML here."""

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from smart_support.http import build_resolver
from smart_support.observability import MetricName, logger, metrics, tracer
from smart_support.routes import submit

# Only its own route: the ingest cold start loads no routing, storms, agents or numpy.
app = build_resolver(submit.router)

# The answers that turn a submission away for what the client sent (not auth, not outages).
REJECTIONS = frozenset({400, 413, 415, 422})


@logger.inject_lambda_context(
    correlation_id_path=correlation_paths.API_GATEWAY_REST, clear_state=True
)
@tracer.capture_lambda_handler(capture_response=False)
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    answer = app.resolve(event, context)
    if answer.get("statusCode") in REJECTIONS:
        metrics.add_metric(name=MetricName.TICKETS_REJECTED, unit="Count", value=1)
    return answer
