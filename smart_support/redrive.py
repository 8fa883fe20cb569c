"""Move messages from the dead-letter queue back to the ticket queue (`make redrive`).

Each message is sent with its body and message attributes unchanged, and deleted from the
dead-letter queue only once SQS confirmed the send, so a failure part-way leaves every
message in one queue or, at worst, in both (the process function handles a duplicate).

    python -m smart_support.redrive --from DLQ_URL --to QUEUE_URL [--max N] [--endpoint-url URL]

Works against the local stack's embedded SQS (--endpoint-url, any credentials) and a real
account (the usual AWS credentials; the region is taken from the queue URL if unset).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import boto3

from smart_support.config import aws_region

SQS_BATCH = 10  # SQS's limit per receive/send/delete call
# Received messages stay hidden this long, so one run never sees the same message twice.
HOLD_SECONDS = 60
LOCAL_CREDENTIAL = "local"  # a local SQS endpoint (moto) accepts any credentials
_REGION_IN_URL = re.compile(r"^https://sqs[.-]([a-z0-9-]+)\.amazonaws\.com", re.IGNORECASE)
_ATTRIBUTE_VALUE_FIELDS = ("DataType", "StringValue", "BinaryValue")


@dataclass(frozen=True)
class RedriveResult:
    moved: int
    failed: int  # sends SQS refused; those messages stay in the dead-letter queue


def _attributes(message: dict[str, Any]) -> dict[str, Any]:
    return {
        name: {k: v for k, v in value.items() if k in _ATTRIBUTE_VALUE_FIELDS}
        for name, value in (message.get("MessageAttributes") or {}).items()
    }


def redrive(
    sqs: Any,
    source_url: str,
    target_url: str,
    *,
    max_messages: int | None = None,
    wait_seconds: int = 1,
) -> RedriveResult:
    """Move up to ``max_messages`` (all when None) from ``source_url`` to ``target_url``.

    Stops when a receive comes back empty. ``wait_seconds`` is the long-poll of each
    receive: real SQS may answer a short poll empty while messages remain.
    """
    if source_url == target_url:
        raise ValueError("source and target are the same queue")
    moved = failed = 0
    while max_messages is None or moved + failed < max_messages:
        want = SQS_BATCH if max_messages is None else min(SQS_BATCH, max_messages - moved - failed)
        messages = sqs.receive_message(
            QueueUrl=source_url,
            MaxNumberOfMessages=want,
            WaitTimeSeconds=wait_seconds,
            VisibilityTimeout=HOLD_SECONDS,
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        if not messages:
            break
        entries = []
        for n, message in enumerate(messages):
            entry: dict[str, Any] = {"Id": str(n), "MessageBody": message["Body"]}
            attributes = _attributes(message)
            if attributes:
                entry["MessageAttributes"] = attributes
            entries.append(entry)
        sent = sqs.send_message_batch(QueueUrl=target_url, Entries=entries)
        ok = {item["Id"] for item in sent.get("Successful", [])}
        failed += len(messages) - len(ok)
        done = [
            {"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]}
            for n, m in enumerate(messages)
            if str(n) in ok
        ]
        if done:
            sqs.delete_message_batch(QueueUrl=source_url, Entries=done)
        moved += len(done)
    return RedriveResult(moved, failed)


def sqs_client(queue_url: str, endpoint_url: str | None) -> Any:
    """An SQS client for the queue's region; an emulator endpoint accepts any credentials."""
    match = _REGION_IN_URL.match(queue_url)
    region = aws_region() or (match.group(1) if match else "us-east-1")
    session = boto3.session.Session(region_name=region)
    if endpoint_url and session.get_credentials() is None:
        session = boto3.session.Session(
            region_name=region,
            aws_access_key_id=LOCAL_CREDENTIAL,
            aws_secret_access_key=LOCAL_CREDENTIAL,
        )
    return session.client("sqs", endpoint_url=endpoint_url or None)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m smart_support.redrive",
        description="Move messages from a dead-letter queue back to its source queue.",
    )
    parser.add_argument("--from", dest="source", required=True, help="dead-letter queue URL")
    parser.add_argument("--to", dest="target", required=True, help="queue URL to send them to")
    parser.add_argument("--max", dest="max_messages", type=int, help="move at most N messages")
    parser.add_argument("--endpoint-url", help="SQS endpoint (the local stack's), else AWS")
    parser.add_argument(
        "--wait", type=int, default=1, help="long-poll seconds per receive (default 1)"
    )
    args = parser.parse_args(argv)
    if args.max_messages is not None and args.max_messages < 1:
        parser.error("--max must be at least 1")
    result = redrive(
        sqs_client(args.source, args.endpoint_url),
        args.source,
        args.target,
        max_messages=args.max_messages,
        wait_seconds=args.wait,
    )
    print(f"moved {result.moved} message(s) from {args.source} to {args.target}")
    if result.failed:
        print(f"{result.failed} message(s) could not be sent and stay in the DLQ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
