"""Feeds the process function from SQS the way Lambda's event source mapping does.

Batches of up to BatchSize, long polling, ReportBatchItemFailures honoured (only the
failed records come back, after the visibility timeout), a crashed invocation fails
the whole batch, and SQS itself moves a message to the DLQ after maxReceiveCount.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from smart_support.observability import logger

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


@dataclass
class LambdaContext:
    """The parts of Lambda's context object that Powertools and our handlers read."""

    function_name: str
    timeout_seconds: int = 60
    memory_limit_in_mb: int = 1024
    function_version: str = "$LATEST"

    def __post_init__(self) -> None:
        self.aws_request_id = str(uuid.uuid4())
        self.invoked_function_arn = (
            f"arn:aws:lambda:us-east-1:000000000000:function:{self.function_name}"
        )
        self.log_group_name = f"/aws/lambda/{self.function_name}"
        self.log_stream_name = "local"

    def get_remaining_time_in_millis(self) -> int:
        return self.timeout_seconds * 1000


@dataclass
class PollerStats:
    batches: int = 0
    records: int = 0
    failed_records: int = 0
    crashed_batches: int = 0


class SqsPoller:
    def __init__(
        self,
        sqs: Any,
        queue_url: str,
        queue_arn: str,
        handler: Handler,
        *,
        batch_size: int,
        timeout_seconds: int,
        concurrency: int = 2,
    ) -> None:
        self.sqs = sqs
        self.queue_url = queue_url
        self.queue_arn = queue_arn
        self.handler = handler
        self.batch_size = batch_size
        self.timeout_seconds = timeout_seconds
        self.concurrency = concurrency
        self.stats = PollerStats()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    def start(self) -> SqsPoller:
        for n in range(self.concurrency):
            thread = threading.Thread(target=self._loop, name=f"sqs-poller-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=10)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once(wait_seconds=1)
            except Exception as exc:  # SQS endpoint gone or failing: keep polling
                logger.warning("poller receive failed", extra={"error": repr(exc)})
                self._stop.wait(0.5)

    def poll_once(self, wait_seconds: int = 0) -> int:
        messages = self.sqs.receive_message(
            QueueUrl=self.queue_url,
            MaxNumberOfMessages=self.batch_size,
            WaitTimeSeconds=wait_seconds,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        if not messages:
            return 0
        event = {"Records": [self._record(m) for m in messages]}
        context = LambdaContext("ProcessFunction", timeout_seconds=self.timeout_seconds)
        try:
            response = self.handler(event, context) or {}
            failed = {item["itemIdentifier"] for item in response.get("batchItemFailures", [])}
            crashed = False
        except Exception as exc:  # an invocation error: Lambda retries the whole batch
            logger.exception("process function failed", extra={"error": repr(exc)})
            failed = {m["MessageId"] for m in messages}
            crashed = True
        done = [m for m in messages if m["MessageId"] not in failed]
        for start in range(0, len(done), 10):
            self.sqs.delete_message_batch(
                QueueUrl=self.queue_url,
                Entries=[
                    {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
                    for i, m in enumerate(done[start : start + 10])
                ],
            )
        with self._lock:
            self.stats.batches += 1
            self.stats.records += len(messages)
            self.stats.failed_records += len(failed)
            self.stats.crashed_batches += int(crashed)
        return len(messages)

    def _record(self, message: dict[str, Any]) -> dict[str, Any]:
        return {
            "messageId": message["MessageId"],
            "receiptHandle": message["ReceiptHandle"],
            "body": message["Body"],
            "attributes": message.get("Attributes", {}),
            "messageAttributes": message.get("MessageAttributes", {}),
            "md5OfBody": message.get("MD5OfBody", ""),
            "eventSource": "aws:sqs",
            "eventSourceARN": self.queue_arn,
            "awsRegion": "us-east-1",
        }
