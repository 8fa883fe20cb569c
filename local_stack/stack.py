"""Starts and stops the whole local stack: Redis, SQS, the functions, the poller, the front."""

from __future__ import annotations

import importlib.util
import os
import queue
import sys
import threading
from dataclasses import dataclass
from typing import Any

from local_stack.gate import Gate
from local_stack.http_front import ApiFront, Handler
from local_stack.poller import SqsPoller
from local_stack.redis_server import PrivateCluster, PrivateRedis
from local_stack.sqs import MOTO_CREDENTIAL, EmbeddedSqs, Queues
from local_stack.template import ROOT, StackConfig, load_stack_config


@dataclass
class StackOptions:
    host: str = "127.0.0.1"
    port: int = 3000
    redis_url: str = ""  # empty: start a private redis-server (or cluster)
    redis_cluster: str = "auto"  # "1": cluster protocol; with no redis_url, a private cluster
    cluster_replicas: int = 0  # replicas per shard of the private cluster
    visibility_timeout: int | None = None  # None: the template's value
    poller_concurrency: int = 2
    api_key: str = ""  # deprecated: one shared key whose holder is an admin
    auth: bool = False  # enforce the template's authorizer and issue one key per role
    authorizer_ttl_seconds: int | None = None  # None: the template's ReauthorizeEvery


def load_handler(path: str, name: str) -> Handler:
    """Import a function's app.py under its own module name, as Lambda would."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    spec = importlib.util.spec_from_file_location(name, path)
    # bandit B101: local tool; a missing app.py fails loudly
    assert spec and spec.loader, path  # nosec B101
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    handler: Handler = module.lambda_handler
    return handler


class FunctionPool:
    """A function's warm execution environments, each serving one invocation at a time.

    Lambda never runs two invocations in one environment, and the handlers rely on it:
    Powertools' resolver and batch processor, and the process pipeline's caches, hold
    per-invocation state. So every environment is its own copy of the handler module.
    """

    def __init__(
        self, path: str, name: str, size: int, shared: threading.Lock | None = None
    ) -> None:
        self._free: queue.Queue[Handler] = queue.Queue()
        self._shared = shared
        for n in range(max(1, size)):
            self._free.put(load_handler(path, f"{name.lower()}_app_{n}"))

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        handler = self._free.get()
        try:
            if self._shared is None:
                return handler(event, context)
            with self._shared:
                return handler(event, context)
        finally:
            self._free.put(handler)


class LocalStack:
    def __init__(self, options: StackOptions, config: StackConfig | None = None) -> None:
        self.options = options
        self.config = config or load_stack_config()
        self.redis: PrivateRedis | PrivateCluster | None = None
        self.sqs = EmbeddedSqs()
        self.queues: Queues | None = None
        self.poller: SqsPoller | None = None
        self.front: ApiFront | None = None
        self.redis_url = options.redis_url
        self.issued_keys: dict[str, Any] = {}

    def start(self) -> LocalStack:
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        if not self.redis_url:
            if self.options.redis_cluster == "1":
                self.redis = PrivateCluster(replicas=self.options.cluster_replicas).start()
            else:
                self.redis = PrivateRedis().start()
            self.redis_url = self.redis.url
        self.sqs.start()
        self.queues = self.sqs.create_queues(self.config, self.options.visibility_timeout)
        self._configure_environment()
        # Powertools' REST resolver keeps the request being resolved on its BaseRouter class,
        # so one process resolves one API request at a time, whichever function: in AWS each
        # request has an environment of its own. The process function has no resolver, and its
        # environments run side by side like concurrent Lambda invocations.
        api_lock = threading.Lock()
        handlers: dict[str, Handler] = {
            logical_id: FunctionPool(path, logical_id, self.options.poller_concurrency)
            if logical_id == "ProcessFunction"
            else FunctionPool(path, logical_id, 1)
            if logical_id == self.config.authorizer
            else FunctionPool(path, logical_id, 1, shared=api_lock)
            for logical_id, path in self.config.handlers.items()
        }
        sqs = self.sqs.client()
        queue_arn = sqs.get_queue_attributes(
            QueueUrl=self.queues.queue_url, AttributeNames=["QueueArn"]
        )["Attributes"]["QueueArn"]
        self.poller = SqsPoller(
            sqs,
            self.queues.queue_url,
            queue_arn,
            handlers["ProcessFunction"],
            batch_size=self.config.batch_size,
            timeout_seconds=self.config.process_timeout_seconds,
            concurrency=self.options.poller_concurrency,
        ).start()
        self.front = ApiFront(
            self.config, handlers, self.options.host, self.options.port, self._gate(handlers)
        ).start()

    def _gate(self, handlers: dict[str, Handler]) -> Gate:
        if self.options.auth:
            self.issued_keys = self._issue_keys()
            ttl = self.options.authorizer_ttl_seconds
            return Gate(
                "keys",
                handlers[self.config.authorizer],
                self.config.authorizer_ttl_seconds if ttl is None else ttl,
            )
        if self.options.api_key:
            return Gate("shared", shared_key=self.options.api_key)
        return Gate("open")

    def _issue_keys(self) -> dict[str, Any]:
        """One key per role, and one per default agent, in this stack's Redis."""
        from smart_support.access import Role
        from smart_support.cache import connect
        from smart_support.config import get_settings
        from smart_support.credentials import CredentialStore
        from smart_support.dal.agents import DEFAULT_AGENTS
        from smart_support.keys import Keys

        keys = Keys(get_settings().key_prefix)
        store = CredentialStore(connect(self.redis_url, mode=self.options.redis_cluster), keys)
        return {
            "submitter": store.create(Role.SUBMITTER, "local-submitter").api_key,
            "admin": store.create(Role.ADMIN, "local-admin").api_key,
            "agents": {
                agent_id: store.create(Role.AGENT, agent_id).api_key for agent_id in DEFAULT_AGENTS
            },
        }

    def _configure_environment(self) -> None:
        # bandit B101: local tool; set by _start
        assert self.queues is not None  # nosec B101
        for name, value in self.config.environment.items():
            os.environ.setdefault(name, value)
        os.environ.update(
            {
                "REDIS_URL": self.redis_url,
                "REDIS_CLUSTER": self.options.redis_cluster,
                "QUEUE_URL": self.queues.queue_url,
                "AWS_ENDPOINT_URL_SQS": self.queues.endpoint,
                "AWS_DEFAULT_REGION": "us-east-1",
                "AWS_REGION": "us-east-1",
                "AWS_ACCESS_KEY_ID": MOTO_CREDENTIAL,
                "AWS_SECRET_ACCESS_KEY": MOTO_CREDENTIAL,
                "POWERTOOLS_TRACE_DISABLED": "true",
                "POWERTOOLS_METRICS_DISABLED": os.environ.get(
                    "POWERTOOLS_METRICS_DISABLED", "true"
                ),
                "MODEL_DIR": os.environ.get("MODEL_DIR")
                or str(ROOT / "layers" / "model" / "build" / "model"),
            }
        )
        from smart_support.services import reset_services

        reset_services()

    def describe(self) -> dict[str, Any]:
        # bandit B101: local tool; set by _start
        assert self.front and self.queues  # nosec B101
        return {
            "api": self.front.url,
            "docs": f"{self.front.url}/docs",
            "redis": self.redis_url + self._redis_note(),
            "sqs": self.queues.endpoint,
            "queue": self.queues.queue_url,
            "dlq": self.queues.dlq_url,
            "batch_size": self.config.batch_size,
            "visibility_timeout": self.options.visibility_timeout
            or self.config.visibility_timeout_seconds,
            "max_receive_count": self.config.max_receive_count,
            "classifier": os.environ.get("CLASSIFIER", "onnx"),
            "slack": "webhook set" if os.environ.get("SLACK_WEBHOOK_URL") else "log only",
            "auth": self._auth_summary(),
            **({"keys": self.issued_keys} if self.issued_keys else {}),
        }

    def _auth_summary(self) -> str:
        if self.options.auth:
            return "enforced: x-api-key per role, as the template's authorizer (keys below)"
        if self.options.api_key:
            return "one shared API_KEY, whose holder is an admin (AUTH=1 gives per-role keys)"
        return "open: no key needed, every caller acts as admin (AUTH=1 make run enforces keys)"

    def _redis_note(self) -> str:
        if isinstance(self.redis, PrivateCluster):
            shards = f"{self.redis.masters} masters, {self.redis.replicas} replica(s) each"
            return f" (private cluster: {shards}; stopped on exit)"
        if self.redis is not None:
            return " (private, stopped on exit)"
        return " (cluster protocol)" if self.options.redis_cluster == "1" else ""

    def stop(self) -> None:
        for part in (self.front, self.poller):
            if part is not None:
                part.stop()
        if self.sqs.endpoint:
            self.sqs.stop()
        if self.redis is not None:
            self.redis.stop()
