"""Integration fixtures: real Redis (a key prefix per test), moto SQS, in-process handlers."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import uuid4

import boto3
import pytest
from moto import mock_aws

from local_stack.poller import LambdaContext
from local_stack.stack import load_handler
from local_stack.template import ROOT
from smart_support.services import Services, get_services, reset_services
from tests.support.redis_fixtures import CacheTarget

EVENTS = ROOT / "tests" / "events"


@dataclass
class Env:
    services: Services
    sqs: Any
    queue_url: str
    dlq_url: str
    cache: CacheTarget

    def drain(self, max_messages: int = 10) -> list[dict[str, Any]]:
        """Receive what the ingest function queued, as an SQS event's records."""
        out = self.sqs.receive_message(
            QueueUrl=self.queue_url, MaxNumberOfMessages=max_messages, AttributeNames=["All"]
        ).get("Messages", [])
        return [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": m.get("Attributes", {}),
                "messageAttributes": {},
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:us-east-1:000000000000:tickets",
                "awsRegion": "us-east-1",
            }
            for m in out
        ]


@pytest.fixture
def env(cache: CacheTarget, monkeypatch: pytest.MonkeyPatch) -> Iterator[Env]:
    prefix = f"test-{uuid4().hex[:10]}"
    with mock_aws():
        sqs = boto3.client("sqs", region_name="us-east-1")
        dlq = sqs.create_queue(QueueName=f"{prefix}-dlq")["QueueUrl"]
        dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
        queue = sqs.create_queue(
            QueueName=prefix,
            Attributes={
                "VisibilityTimeout": "0",
                "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 3}),
            },
        )["QueueUrl"]
        monkeypatch.setenv("KEY_PREFIX", prefix)
        monkeypatch.setenv("QUEUE_URL", queue)
        monkeypatch.setenv("CLASSIFIER", os.environ.get("TEST_CLASSIFIER", "baseline"))
        reset_services()
        services = get_services()
        yield Env(services, sqs, queue, dlq, cache)
        reset_services()
    cache.delete_prefix(prefix)


def api_event(name: str, **overrides: Any) -> dict[str, Any]:
    """A sample API Gateway event from tests/events/, with fields replaced."""
    event: dict[str, Any] = json.loads((EVENTS / f"{name}.json").read_text())
    for key, value in overrides.items():
        if key == "body" and not isinstance(value, (str, type(None))):
            value = json.dumps(value)
        event[key] = value
    return event


def header(response: dict[str, Any], name: str) -> str | None:
    """A response header, wherever the proxy response carries it."""
    for key, values in (response.get("multiValueHeaders") or {}).items():
        if key.lower() == name.lower():
            return str(values[0])
    for key, value in (response.get("headers") or {}).items():
        if key.lower() == name.lower():
            return str(value)
    return None


def handler(name: str) -> Any:
    path = Path(ROOT / "functions" / name / "app.py")
    return load_handler(str(path), f"test_{name}_app")


@pytest.fixture(scope="session")
def ingest() -> Any:
    return handler("ingest")


@pytest.fixture(scope="session")
def query() -> Any:
    return handler("query")


@pytest.fixture(scope="session")
def process() -> Any:
    return handler("process")


@pytest.fixture
def context() -> LambdaContext:
    return LambdaContext("test-function")
