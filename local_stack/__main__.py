"""`python -m local_stack`: serve Smart-Support on 127.0.0.1 until Ctrl-C.

Environment: PORT (3000), HOST (127.0.0.1), REDIS_URL (empty: a private server),
REDIS_CLUSTER (auto; 1 speaks cluster protocol, and with no REDIS_URL starts a private
3-master cluster with REDIS_CLUSTER_REPLICAS (0) replicas per shard),
AUTH (1: enforce the template's authorizer and issue one key per role; else open),
AUTHORIZER_CACHE_SECONDS (the template's), API_KEY (deprecated single admin key),
SQS_VISIBILITY_TIMEOUT (the template's), POLLER_CONCURRENCY (2).
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
    authorizer_ttl = os.environ.get("AUTHORIZER_CACHE_SECONDS")
    options = StackOptions(
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", "3000")),
        redis_url=os.environ.get("REDIS_URL", ""),
        redis_cluster=os.environ.get("REDIS_CLUSTER") or "auto",
        cluster_replicas=int(os.environ.get("REDIS_CLUSTER_REPLICAS", "0")),
        visibility_timeout=int(visibility) if visibility else None,
        poller_concurrency=int(os.environ.get("POLLER_CONCURRENCY", "2")),
        api_key=os.environ.get("API_KEY", ""),
        auth=os.environ.get("AUTH", "").strip().lower() in ("1", "true", "yes", "on"),
        authorizer_ttl_seconds=int(authorizer_ttl) if authorizer_ttl else None,
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
        if key != "keys":
            print(f"  {key:<{width}}  {value}")
    for role, key in _flat_keys(info.get("keys") or {}):
        print(f"  {'key ' + role:<{width}}  {key}")
    print(f"Try: curl -s {info['api']}/health   (Ctrl-C stops everything)")
    print("READY " + json.dumps(info), flush=True)
    stopping.wait()
    print("stopping ...", flush=True)
    stack.stop()
    print("stopped", flush=True)
    return 0


def _flat_keys(keys: dict[str, object]) -> list[tuple[str, str]]:
    flat: list[tuple[str, str]] = []
    for role, value in keys.items():
        if isinstance(value, dict):
            flat += [(f"{role[:-1]} {name}", str(key)) for name, key in value.items()]
        else:
            flat.append((role, str(value)))
    return flat


if __name__ == "__main__":
    sys.exit(main())
