"""Ingest function: POST /tickets. Validates, records, queues, answers 202. No ML here."""

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from smart_support.api import build_resolver, ingest_router
from smart_support.observability import logger, metrics, tracer

app = build_resolver(ingest_router)


@logger.inject_lambda_context(
    correlation_id_path=correlation_paths.API_GATEWAY_REST, clear_state=True
)
@tracer.capture_lambda_handler(capture_response=False)
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
