"""An embedded SQS endpoint (moto's threaded server) with the template's queue and DLQ."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

import boto3
from moto.server import ThreadedMotoServer

from local_stack.template import StackConfig

MOTO_CREDENTIAL = "local"  # moto's SQS accepts any credentials; never a real one


@dataclass
class Queues:
    endpoint: str
    queue_url: str
    dlq_url: str


class EmbeddedSqs:
    def __init__(self) -> None:
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.endpoint = ""

    def start(self) -> EmbeddedSqs:
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log per SQS call
        self.server.start()
        host, port = self.server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"
        return self

    def client(self) -> Any:
        return boto3.client(
            "sqs",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id=MOTO_CREDENTIAL,
            aws_secret_access_key=MOTO_CREDENTIAL,
        )

    def create_queues(self, config: StackConfig, visibility_timeout: int | None = None) -> Queues:
        sqs = self.client()
        dlq_url = sqs.create_queue(
            QueueName="smart-support-tickets-dlq",
            Attributes={"MessageRetentionPeriod": str(14 * 24 * 3600)},
        )["QueueUrl"]
        dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])[
            "Attributes"
        ]["QueueArn"]
        queue_url = sqs.create_queue(
            QueueName="smart-support-tickets",
            Attributes={
                "VisibilityTimeout": str(visibility_timeout or config.visibility_timeout_seconds),
                "MessageRetentionPeriod": str(config.retention_seconds),
                "RedrivePolicy": json.dumps(
                    {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": config.max_receive_count}
                ),
            },
        )["QueueUrl"]
        return Queues(self.endpoint, queue_url, dlq_url)

    def stop(self) -> None:
        self.server.stop()
