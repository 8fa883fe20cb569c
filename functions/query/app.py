"""Query function: status, queue, next, incidents, agents, resolve, health and the API docs."""

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from smart_support.api import INGEST_ROUTERS, QUERY_ROUTERS
from smart_support.http import build_resolver
from smart_support.observability import logger, metrics, tracer

# The ingest routes are included so /docs and /openapi.json describe the whole API;
# API Gateway sends POST /tickets to the ingest function, never here.
app = build_resolver(*QUERY_ROUTERS, *INGEST_ROUTERS)


# Responses carry ticket text (next, incidents): X-Ray must not record them.
@logger.inject_lambda_context(
    correlation_id_path=correlation_paths.API_GATEWAY_REST, clear_state=True
)
@tracer.capture_lambda_handler(capture_response=False)
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
