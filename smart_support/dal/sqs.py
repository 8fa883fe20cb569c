"""The ticket queue in SQS: intake sends each accepted ticket; /health reads the depth."""

from __future__ import annotations

import json
from typing import Any

import boto3
from botocore.config import Config

_AWS_CONFIG = Config(
    connect_timeout=1,
    read_timeout=3,
    retries={"max_attempts": 2, "mode": "standard"},
)


def sqs_client(endpoint_url: str = "") -> Any:
    """A client that fails fast: short timeouts, two attempts."""
    return boto3.client("sqs", config=_AWS_CONFIG, endpoint_url=endpoint_url or None)


class TicketQueue:
    """Sends accepted tickets to SQS for the process function."""

    def __init__(self, client: Any, queue_url: str) -> None:
        self.client = client
        self.queue_url = queue_url

    def send(self, message: dict[str, Any]) -> str:
        response = self.client.send_message(
            QueueUrl=self.queue_url,
            MessageBody=json.dumps(message, separators=(",", ":")),
        )
        return str(response["MessageId"])

    def depth(self) -> dict[str, int]:
        attrs = self.client.get_queue_attributes(
            QueueUrl=self.queue_url,
            AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        )["Attributes"]
        return {
            "visible": int(attrs.get("ApproximateNumberOfMessages", 0)),
            "in_flight": int(attrs.get("ApproximateNumberOfMessagesNotVisible", 0)),
        }
