"""The local stack's own promises: DLQ after maxReceiveCount, API keys, a clean Ctrl-C."""

from __future__ import annotations

import json
import socket
from urllib.parse import urlsplit

import boto3
import pytest
import requests

from tests.e2e.conftest import RunningStack, start_stack, wait_for

pytestmark = pytest.mark.e2e


def sqs_client(stack: RunningStack):
    return boto3.client(
        "sqs",
        endpoint_url=stack.info["sqs"],
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )


def test_poison_message_lands_in_dlq_after_max_receives(stack: RunningStack):
    sqs = sqs_client(stack)
    sqs.send_message(QueueUrl=stack.info["queue"], MessageBody=json.dumps({"poison": True}))

    def in_dlq() -> list[dict]:
        return sqs.receive_message(
            QueueUrl=stack.info["dlq"],
            MaxNumberOfMessages=10,
            WaitTimeSeconds=1,
            AttributeNames=["All"],
        ).get("Messages", [])

    messages = wait_for(in_dlq, timeout=60)
    assert json.loads(messages[0]["Body"]) == {"poison": True}
    receives = int(messages[0]["Attributes"]["ApproximateReceiveCount"])
    assert receives >= stack.info["max_receive_count"]


def test_shared_api_key_is_required_except_on_health_and_ctrl_c_stops_everything():
    stack = start_stack(API_KEY="local-secret", CLASSIFIER="baseline")
    try:
        url = stack.url
        assert requests.get(f"{url}/health", timeout=10).status_code == 200
        assert requests.get(f"{url}/queue", timeout=10).status_code == 401
        wrong = requests.get(f"{url}/queue", headers={"x-api-key": "guess"}, timeout=10)
        assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthorized"
        keyed = requests.get(f"{url}/queue", headers={"x-api-key": "local-secret"}, timeout=10)
        assert keyed.status_code == 200
    finally:
        code = stack.stop()
    assert code == 0
    assert any("stopped" in line for line in stack.output)
    redis_port = urlsplit(stack.info["redis"].split()[0]).port
    api_port = urlsplit(stack.info["api"]).port
    for port in (redis_port, api_port):
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still listening"
