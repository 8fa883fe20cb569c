"""Process function: SQS batches in, classified, de-duplicated and routed tickets out.

The whole batch goes through the model in one pass; Powertools' BatchProcessor then
reports each failed record so SQS retries only those (ReportBatchItemFailures).
"""

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from smart_support.logic.process import Pipeline, build_classifier
from smart_support.observability import MetricName, logger, metrics, tracer
from smart_support.services import get_services

# A batch where every record failed is reported record by record too, rather than raised,
# so the poller and SQS see the same partial-failure answer whatever the count.
processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)


_current: Pipeline | None = None


def pipeline() -> Pipeline:
    """One pipeline per execution environment, rebuilt only if the services were reset."""
    global _current
    services = get_services()
    if _current is None or _current.services is not services:
        _current = Pipeline(services, build_classifier(services))
    return _current


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict, context: LambdaContext) -> PartialItemFailureResponse:
    records = event.get("Records", [])
    failures = pipeline().run([(r["messageId"], r["body"]) for r in records])
    if failures:
        metrics.add_metric(name=MetricName.TICKETS_FAILED, unit="Count", value=len(failures))

    def report(record: SQSRecord) -> None:
        error = failures.get(record.message_id)
        if error is not None:
            raise error

    return process_partial_response(
        event=event, record_handler=report, processor=processor, context=context
    )
