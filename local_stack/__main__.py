"""`python -m local_stack`: serve Smart-Support on 127.0.0.1 until Ctrl-C.

Environment: PORT (3000), HOST (127.0.0.1), REDIS_URL (empty: a private server),
REDIS_CLUSTER (auto; 1 speaks cluster protocol, and with no REDIS_URL starts a private
3-master cluster with REDIS_CLUSTER_REPLICAS (0) replicas per shard),
API_KEY (empty: no key), SQS_VISIBILITY_TIMEOUT (the template's), POLLER_CONCURRENCY (2).
It prints one line `READY <json>` when serving, for scripts and tests.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading

from local_stack.stack import LocalStack, StackOptions


def main() -> int:
    visibility = os.environ.get("SQS_VISIBILITY_TIMEOUT")
    options = StackOptions(
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", "3000")),
        redis_url=os.environ.get("REDIS_URL", ""),
        redis_cluster=os.environ.get("REDIS_CLUSTER") or "auto",
        cluster_replicas=int(os.environ.get("REDIS_CLUSTER_REPLICAS", "0")),
        visibility_timeout=int(visibility) if visibility else None,
        poller_concurrency=int(os.environ.get("POLLER_CONCURRENCY", "2")),
        api_key=os.environ.get("API_KEY", ""),
    )
    stopping = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stopping.set())
    try:
        stack = LocalStack(options).start()
    except OSError as exc:
        print(f"could not start: {exc}", file=sys.stderr)
        return 1
    info = stack.describe()
    width = max(len(k) for k in info)
    print("Smart-Support local stack")
    for key, value in info.items():
        print(f"  {key:<{width}}  {value}")
    print(f"Try: curl -s {info['api']}/health   (Ctrl-C stops everything)")
    print("READY " + json.dumps(info), flush=True)
    stopping.wait()
    print("stopping ...", flush=True)
    stack.stop()
    print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
