"""Throughput of the local stack: prints Markdown tables, asserts nothing.

Measured in one run, on 127.0.0.1 only:

1. Accepted tickets per second at the API (POST /tickets -> 202) with 1, 10 and 50 concurrent
   keep-alive clients, and the median/p95 request latency. The stack runs in its own process
   (`python -m local_stack`) with the poller off, so the figure is intake alone.
2. End-to-end with the ONNX model and with the baseline, one stack each (poller on, the
   default concurrency): completed tickets per second from the first submit until the last
   ticket is final (watched on the Redis inflight index, then confirmed ticket by ticket), and
   the p50/p95 of completed_at - created_at per ticket.
3. Redis round trips and SQS calls per ticket on ingest and on process (batches of 10), counted
   in-process: every socket send of a redis-py connection is one round trip (a pipeline is one,
   a Lua script call is one), labelled by command; the server's INFO commandstats gives the
   commands it ran (Lua's inner calls included).
4. Storm cost per ticket for storms of 10 ... 10 000 tickets through processing.Pipeline.run
   (what the process function calls) in batches of 10, with a stand-in classifier returning
   near-identical embeddings at once, so the figure is the storm path without inference.
   bench/storm.py measures the same at the detector level.

    .venv/bin/python bench/throughput.py      # needs `make model` for the ONNX rows
"""

from __future__ import annotations

import os

# Before anything imports Powertools: no INFO line per ticket, no metric blobs.
os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")
os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")

import dataclasses
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from hashlib import sha1
from pathlib import Path
from typing import Any

import numpy as np
import redis
import requests
from redis.client import Pipeline as RedisPipeline
from redis.connection import AbstractConnection

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.storm import BACKGROUND, BATCH, DIM, SIZES, near_copies, percentile, unit_vectors
from smart_support.classification import Classification
from smart_support.config import Settings
from smart_support.dal.ready_queue import ReadyQueue
from smart_support.dal.tickets import TicketStore, new_ticket_id
from smart_support.formats import now_iso
from smart_support.keys import Keys
from smart_support.observability import metrics
from smart_support.scripting import SCRIPTS

ROOT = Path(__file__).resolve().parent.parent
BASE_ENV = dict(os.environ)  # taken before an in-process stack rewrites os.environ
TICKETS = ROOT / "data" / "tickets" / "tickets.jsonl"
MODEL_MANIFEST = ROOT / "layers" / "model" / "build" / "model" / "manifest.json"
API_LEVELS = ((1, 300), (10, 300), (50, 300))  # (concurrent clients, requests)
API_WARMUP = 30
E2E_TICKETS = 200
E2E_CLIENTS = 10
E2E_WARMUP = 20
E2E_TIMEOUT_SECONDS = 30.0
LIFTED_BUDGET_MS = "60000"  # the model always answers: its own throughput, no fallback
COUNT_TICKETS = 100  # ingested and processed with every round trip counted
# Small storms are repeated so each row rests on several hundred tickets.
STORM_MIN_TICKETS_PER_ROW = 200
FINAL = ("completed", "master_incident")


# ---- Inputs ------------------------------------------------------------------------------


def load_tickets() -> list[dict[str, Any]]:
    """The project's labelled tickets as request bodies: varied text, so few storms form."""
    bodies = []
    with TICKETS.open() as handle:
        for line in handle:
            row = json.loads(line)
            bodies.append(
                {k: row[k] for k in ("subject", "body", "channel") if row.get(k) is not None}
            )
    return bodies


def request_bodies(corpus: list[dict[str, Any]], count: int, offset: int = 0) -> list[bytes]:
    return [
        json.dumps(
            {**corpus[(offset + i) % len(corpus)], "customer_id": f"bench-{(offset + i) % 97}"}
        ).encode()
        for i in range(count)
    ]


# ---- The stack in its own process ---------------------------------------------------------


@contextmanager
def stack_process(
    classifier: str, poller_concurrency: int, extra_env: dict[str, str] | None = None
) -> Iterator[dict[str, Any]]:
    """`python -m local_stack` on a free port with a private Redis; yields its READY info."""
    env = {
        **BASE_ENV,
        "HOST": "127.0.0.1",
        "PORT": "0",
        "REDIS_URL": "",  # a private redis-server, stopped with the stack
        "API_KEY": "",
        "SLACK_WEBHOOK_URL": "",
        "CLASSIFIER": classifier,
        "POLLER_CONCURRENCY": str(poller_concurrency),
        "PYTHONUNBUFFERED": "1",
        **(extra_env or {}),
    }
    with tempfile.NamedTemporaryFile("w+", prefix="bench-stack-", suffix=".log") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "local_stack"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            yield _wait_ready(process, Path(log.name))
        finally:
            process.terminate()  # SIGTERM: the stack stops its poller, SQS and Redis
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_ready(process: subprocess.Popen[str], log: Path) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        for line in log.read_text().splitlines():
            if line.startswith("READY "):
                info: dict[str, Any] = json.loads(line[len("READY ") :])
                info["redis_url"] = str(info["redis"]).split()[0]
                info["log"] = str(log)
                return info
        if process.poll() is not None:
            break
        time.sleep(0.1)  # waiting for the stack to print READY
    raise RuntimeError("local stack did not start:\n" + log.read_text()[-3000:])


# ---- Clients ------------------------------------------------------------------------------


@dataclasses.dataclass
class Burst:
    clients: int
    started: float  # wall clock, when the clients were released
    seconds: float
    latencies: list[float]
    ticket_ids: list[str]
    errors: Counter[str]

    @property
    def rate(self) -> float:
        return len(self.ticket_ids) / self.seconds


def submit(api: str, bodies: Sequence[bytes], clients: int) -> Burst:
    """POST every body, `clients` threads at a time, each with its own keep-alive session."""
    shares = [list(bodies[i::clients]) for i in range(clients)]
    latencies: list[float] = []
    ids: list[str] = []
    errors: Counter[str] = Counter()
    lock = threading.Lock()
    gate = threading.Barrier(clients + 1)
    headers = {"Content-Type": "application/json"}

    def client(share: list[bytes]) -> None:
        session = requests.Session()
        mine: list[float] = []
        got: list[str] = []
        failed: Counter[str] = Counter()
        gate.wait()
        for body in share:
            began = time.perf_counter()
            try:
                response = session.post(f"{api}/tickets", data=body, headers=headers, timeout=30)
            except requests.RequestException as exc:
                failed[type(exc).__name__] += 1
                continue
            mine.append(time.perf_counter() - began)
            if response.status_code == 202:
                got.append(response.json()["ticket_id"])
            else:
                failed[_why(response)] += 1
        session.close()
        with lock:
            latencies.extend(mine)
            ids.extend(got)
            errors.update(failed)

    threads = [threading.Thread(target=client, args=(share,)) for share in shares]
    for thread in threads:
        thread.start()
    gate.wait()
    started_wall, started = time.time(), time.perf_counter()
    for thread in threads:
        thread.join()
    return Burst(clients, started_wall, time.perf_counter() - started, latencies, ids, errors)


def _why(response: requests.Response) -> str:
    """'503 sqs/ReadTimeoutError' from the API's error shape, or just the status."""
    try:
        details = response.json()["error"].get("details") or [{}]
        reason = f"{details[0].get('dependency', '')}/{details[0].get('reason', '')}"
        return f"{response.status_code} {reason}" if reason != "/" else str(response.status_code)
    except (ValueError, KeyError, AttributeError, IndexError):
        return str(response.status_code)


def ms(seconds: float) -> float:
    return seconds * 1000


# ---- 1. Intake ----------------------------------------------------------------------------


def api_throughput(corpus: list[dict[str, Any]]) -> list[Burst]:
    """A fresh stack per level: moto's SendMessage slows as its queue grows (nothing drains it)."""
    bursts = []
    for clients, count in API_LEVELS:
        with stack_process("baseline", poller_concurrency=0) as info:
            submit(info["api"], request_bodies(corpus, API_WARMUP, 900), 10)
            bursts.append(submit(info["api"], request_bodies(corpus, count), clients))
    return bursts


def print_api(bursts: list[Burst]) -> None:
    print(
        "### Intake: POST /tickets -> 202, keep-alive `requests` sessions, poller off, "
        "a fresh stack per row"
    )
    print()
    print("| clients | requests | accepted/s | p50 ms | p95 ms | errors |")
    print("|--------:|---------:|-----------:|-------:|-------:|-------:|")
    for b in bursts:
        errors = ", ".join(f"{k}: {v}" for k, v in b.errors.items()) or "0"
        print(
            f"| {b.clients:>7} | {len(b.latencies):>8} | {b.rate:>10.0f} "
            f"| {ms(statistics.median(b.latencies)):>6.1f} "
            f"| {ms(percentile(b.latencies, 95)):>6.1f} | {errors:>6} |"
        )
    print()


# ---- 2. End to end ------------------------------------------------------------------------


@dataclasses.dataclass
class EndToEnd:
    label: str
    burst: Burst
    finished: float  # wall clock of the last completed_at
    latencies: list[float]  # completed_at - created_at per ticket, seconds
    statuses: Counter[str]
    models: Counter[str]
    problems: Counter[str]  # model calls abandoned, batches failed: from the stack's log

    @property
    def seconds(self) -> float:
        return self.finished - self.burst.started

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds


def _wall(stamp: str) -> float:
    return datetime.fromisoformat(stamp).timestamp()


def wait_final(
    client: redis.Redis, keys: Keys, ids: list[str], timeout: float
) -> list[dict[str, str]]:
    """Watch the inflight index empty, then read every ticket until all are final (or timeout)."""
    deadline = time.monotonic() + timeout
    while client.zcard(keys.inflight()) and time.monotonic() < deadline:
        time.sleep(0.02)  # polling the index; the stack runs in another process
    fields = ("status", "created_at", "completed_at", "model")
    while True:
        pipe = client.pipeline(transaction=False)
        for ticket_id in ids:
            pipe.hmget(keys.ticket(ticket_id), fields)
        rows = [dict(zip(fields, row, strict=True)) for row in pipe.execute()]
        if all(row["status"] in FINAL for row in rows):
            return rows
        if time.monotonic() > deadline:
            return rows
        time.sleep(0.05)  # the final status is written just after the index moves


def logged_problems(log: str) -> Counter[str]:
    """Warnings the stack logged: abandoned model calls and failed batches, by reason."""
    found: Counter[str] = Counter()
    for line in Path(log).read_text().splitlines():
        if not line.startswith('{"level"'):
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("level") in ("WARNING", "ERROR", "CRITICAL"):
            why = str(entry.get("reason") or entry.get("error") or "").split(":")[0]
            found[f"{entry.get('message')}: {why}" if why else str(entry.get("message"))] += 1
    return found


def end_to_end(
    label: str, classifier: str, extra_env: dict[str, str], corpus: list[dict[str, Any]]
) -> EndToEnd:
    keys = Keys(BASE_ENV.get("KEY_PREFIX") or Settings().key_prefix)
    with stack_process(classifier, 2, extra_env) as info:
        client = redis.Redis.from_url(info["redis_url"], decode_responses=True)
        warm = submit(info["api"], request_bodies(corpus, E2E_WARMUP, 500), 2)
        wait_final(client, keys, warm.ticket_ids, E2E_TIMEOUT_SECONDS)  # model loaded
        skipped = logged_problems(info["log"])
        burst = submit(info["api"], request_bodies(corpus, E2E_TICKETS), E2E_CLIENTS)
        rows = wait_final(client, keys, burst.ticket_ids, E2E_TIMEOUT_SECONDS)
        problems = logged_problems(info["log"])
        problems.subtract(skipped)
        client.close()
    unfinished = Counter(str(r["status"]) for r in rows if r["status"] not in FINAL)
    for status, count in unfinished.items():
        problems[f"not final after {E2E_TIMEOUT_SECONDS:.0f} s: {status}"] = count
    done = [
        (_wall(r["created_at"]), _wall(r["completed_at"])) for r in rows if r["status"] in FINAL
    ]
    return EndToEnd(
        label,
        burst,
        max(end for _, end in done),
        [end - start for start, end in done],
        Counter(str(r["status"]) for r in rows if r["status"] in FINAL),
        Counter(str(r["model"]) for r in rows if r["status"] in FINAL),
        +problems,
    )


def end_to_end_runs(corpus: list[dict[str, Any]]) -> list[EndToEnd]:
    budget = Settings().model_budget_ms
    return [
        end_to_end(f"onnx, budget {budget} ms (default)", "onnx", {}, corpus),
        end_to_end("onnx, budget lifted", "onnx", {"MODEL_BUDGET_MS": LIFTED_BUDGET_MS}, corpus),
        end_to_end("baseline", "baseline", {}, corpus),
    ]


def print_end_to_end(runs: list[EndToEnd]) -> None:
    print(
        f"### End to end: {E2E_TICKETS} tickets from {E2E_CLIENTS} clients, poller concurrency 2,"
        " batches of up to 10"
    )
    print()
    print(
        "| run | submitted/s | completed/s | first submit -> last completed s "
        "| p50 s (202 -> completed) | p95 s | max s | master incidents | answered by |"
    )
    print(
        "|-----|------------:|------------:|---------------------------------:"
        "|-------------------------:|------:|------:|-----------------:|-------------|"
    )
    for run in runs:
        models = ", ".join(f"{k} {v}" for k, v in sorted(run.models.items()))
        print(
            f"| {run.label} | {run.burst.rate:.0f} | {run.rate:.1f} | {run.seconds:.2f} "
            f"| {statistics.median(run.latencies):.2f} | {percentile(run.latencies, 95):.2f} "
            f"| {max(run.latencies):.2f} | {run.statuses['master_incident']} | {models} |"
        )
    print()
    for run in runs:
        if run.problems:
            reasons = "; ".join(f"{k} ({v})" for k, v in run.problems.most_common())
            print(f"- {run.label}, logged by the stack: {reasons}")
    first, last = runs[-2], runs[-1]
    print(
        f"- {first.label} vs {last.label}: completed/s {first.rate / last.rate:.2f}x, "
        f"p50 latency {statistics.median(first.latencies) / statistics.median(last.latencies):.2f}x"
    )
    print()


# ---- 3. Round trips -----------------------------------------------------------------------


class RoundTrips:
    """Counts redis-py socket sends (one per round trip) and labels them by command."""

    def __init__(self) -> None:
        self.total = 0
        self.labels: Counter[str] = Counter()
        self._scripts = {
            sha1(path.read_text().encode()).hexdigest(): path.stem for path in SCRIPTS.glob("*.lua")
        }
        self._saved: list[tuple[type, str, Any]] = []

    def reset(self) -> None:
        self.total = 0
        self.labels = Counter()

    def _name(self, args: Sequence[Any]) -> str:
        name = str(args[0]).upper()
        if name == "EVALSHA" and len(args) > 1:
            return f"lua:{self._scripts.get(str(args[1]), 'unknown')}"
        return name

    def install(self) -> RoundTrips:
        counter = self

        def patch(cls: type, attr: str, make: Callable[[Any], Any]) -> None:
            original = getattr(cls, attr)
            self._saved.append((cls, attr, original))
            setattr(cls, attr, make(original))

        def sent(original: Any) -> Any:
            def send_packed_command(conn: Any, command: Any, check_health: bool = True) -> Any:
                counter.total += 1
                return original(conn, command, check_health)

            return send_packed_command

        def single(original: Any) -> Any:
            def execute_command(client: Any, *args: Any, **options: Any) -> Any:
                counter.labels[counter._name(args)] += 1
                return original(client, *args, **options)

            return execute_command

        def batch(original: Any) -> Any:
            def execute(pipe: Any, *args: Any, **options: Any) -> Any:
                names = "+".join(
                    name if n == 1 else f"{name} x{n}"
                    for name, n in _runs(counter._name(c[0]) for c in pipe.command_stack)
                )
                if pipe.scripts:
                    counter.labels["SCRIPT EXISTS (pipeline with a script)"] += 1
                counter.labels[f"pipeline[{names}]"] += 1
                return original(pipe, *args, **options)

            return execute

        patch(AbstractConnection, "send_packed_command", sent)
        patch(redis.Redis, "execute_command", single)
        patch(RedisPipeline, "execute", batch)
        return self

    def uninstall(self) -> None:
        for cls, attr, original in reversed(self._saved):
            setattr(cls, attr, original)
        self._saved.clear()


def _runs(names: Iterator[str]) -> list[tuple[str, int]]:
    """Consecutive repeats folded: a, a, b -> (a, 2), (b, 1)."""
    folded: list[tuple[str, int]] = []
    for name in names:
        if folded and folded[-1][0] == name:
            folded[-1] = (name, folded[-1][1] + 1)
        else:
            folded.append((name, 1))
    return folded


def server_commands(client: redis.Redis) -> int:
    """Commands the server ran; on a cluster client, summed over its masters."""
    from smart_support.cache import is_cluster

    if is_cluster(client):
        nodes = [client.get_redis_connection(n) for n in client.get_primaries()]  # type: ignore[attr-defined]
    else:
        nodes = [client]
    total = 0
    for node in nodes:
        stats = node.info("commandstats")
        total += sum(int(v["calls"]) for k, v in stats.items() if k != "cmdstat_info")
    return total


@dataclasses.dataclass
class Counted:
    name: str
    tickets: int
    round_trips: int
    commands: int
    sqs_calls: Counter[str]
    labels: Counter[str]
    batches: int = 0
    batch_ms: list[float] = dataclasses.field(default_factory=list)


class SqsCalls:
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()

    def __call__(self, event_name: str, **_: Any) -> None:
        self.calls[event_name.rsplit(".", 1)[-1]] += 1

    def watch(self, client: Any) -> None:
        client.meta.events.register("before-call.sqs", self)


@contextmanager
def counting(
    name: str, trips: RoundTrips, sqs: SqsCalls, server: redis.Redis, out: list[Counted]
) -> Iterator[Counted]:
    before = server_commands(server)  # outside the counted window
    trips.reset()
    sqs.calls = Counter()
    row = Counted(name, 0, 0, 0, Counter(), Counter())
    yield row
    row.round_trips, row.labels, row.sqs_calls = trips.total, Counter(trips.labels), sqs.calls
    sqs.calls = Counter()
    row.commands = server_commands(server) - before
    out.append(row)


def count_round_trips(
    classifier: str,
    corpus: list[dict[str, Any]],
    trips: RoundTrips,
    with_idempotency: bool,
    cluster: bool = False,
) -> list[Counted]:
    """Ingest and process COUNT_TICKETS tickets in-process, every call counted."""
    from local_stack.gate import LOCAL_ADMIN
    from local_stack.http_front import build_api_event
    from local_stack.poller import LambdaContext
    from local_stack.stack import LocalStack, StackOptions
    from smart_support.services import get_services

    os.environ["CLASSIFIER"] = classifier
    os.environ["MODEL_BUDGET_MS"] = LIFTED_BUDGET_MS  # count the model's path, not fallbacks
    from smart_support.cache import connect

    mode = "1" if cluster else "0"
    stack = LocalStack(StackOptions(port=0, poller_concurrency=0, redis_cluster=mode)).start()
    rows: list[Counted] = []
    try:
        assert stack.front is not None and stack.poller is not None
        ingest, poller = stack.front.handlers["IngestFunction"], stack.poller
        services = get_services()
        server = connect(stack.redis_url, mode=mode)
        sqs = SqsCalls()
        sqs.watch(services.sqs.client)
        sqs.watch(poller.sqs)

        def post(body: bytes, key: str | None = None) -> None:
            headers = {"Content-Type": "application/json"}
            if key:
                headers["Idempotency-Key"] = key
            event = build_api_event("POST", "/tickets", headers, body, "/tickets", {})
            # Called in-process, past the front: the open local stack's caller, as its gate
            # would have let it in.
            event["requestContext"]["authorizer"] = dict(LOCAL_ADMIN)
            response = ingest(event, LambdaContext("IngestFunction"))
            metrics.clear_metrics()  # Powertools prints at 100 values even when disabled
            assert response["statusCode"] == 202, response

        def drain(count: int, times: list[float] | None = None) -> int:
            done = batches = 0
            while done < count:
                started = time.perf_counter()
                got = poller.poll_once(wait_seconds=1)
                metrics.clear_metrics()
                if got and times is not None:
                    times.append(ms(time.perf_counter() - started))
                done += got
                batches += bool(got)
            return batches

        for body in request_bodies(corpus, 20, 700):  # loads scripts, model, connections
            post(body, key=uuid.uuid4().hex)
        drain(20)

        bodies = request_bodies(corpus, COUNT_TICKETS, 100)
        if with_idempotency:
            with counting("ingest, with Idempotency-Key", trips, sqs, server, rows) as row:
                for body in bodies:
                    post(body, key=uuid.uuid4().hex)
                row.tickets = len(bodies)
            drain(len(bodies))
        with counting("ingest", trips, sqs, server, rows) as row:
            for body in bodies:
                started = time.perf_counter()
                post(body)
                row.batch_ms.append(ms(time.perf_counter() - started))
            row.tickets = len(bodies)
        with counting(f"process ({classifier})", trips, sqs, server, rows) as row:
            row.batches = drain(len(bodies), row.batch_ms)
            row.tickets = len(bodies)
        if poller.stats.failed_records:
            print(f"(process, {classifier}: {poller.stats.failed_records} records failed)")
        server.close()
    finally:
        stack.stop()
    return rows


def print_round_trips(rows: list[Counted]) -> None:
    print(
        f"### Redis round trips and SQS calls per ticket ({COUNT_TICKETS} tickets, counted "
        "in-process)"
    )
    print()
    print(
        "| path | round trips/ticket | Redis commands/ticket (server) | SQS calls/ticket "
        "| SQS calls | median ms/batch |"
    )
    print(
        "|------|-------------------:|------------------------------:|-----------------:"
        "|-----------|----------------:|"
    )
    for row in rows:
        path = row.name + (f", {row.batches} batches" if row.batches else "")
        sqs = ", ".join(f"{k} {v}" for k, v in sorted(row.sqs_calls.items()))
        print(
            f"| {path} | {row.round_trips / row.tickets:.2f} | {row.commands / row.tickets:.1f} "
            f"| {sum(row.sqs_calls.values()) / row.tickets:.2f} | {sqs} "
            f"| {f'{statistics.median(row.batch_ms):.0f}' if row.batch_ms else '-'} |"
        )
    print()
    print("Round trips by call (per ticket):")
    print()
    print("| path | call | per ticket |")
    print("|------|------|-----------:|")
    for row in rows:
        for label, count in row.labels.most_common():
            print(f"| {row.name} | `{label}` | {count / row.tickets:.2f} |")
    print()


# ---- 4. Storms through the pipeline -------------------------------------------------------


class StormClassifier:
    """Answers at once with the embedding registered for each text: no model in the way."""

    name = "bench"

    def __init__(self) -> None:
        self.vectors: dict[str, tuple[float, ...]] = {}

    def classify_batch(self, texts: Sequence[str]) -> list[Classification]:
        return [
            Classification("Technical", 0.9, 0.9, "bench", self.vectors[t], "bench-space")
            for t in texts
        ]


def storm_records(
    classifier: StormClassifier, vectors: np.ndarray, tag: str
) -> list[tuple[str, str]]:
    records = []
    for i, vector in enumerate(vectors):
        text = f"Payments API times out for every customer ({tag} {i})"
        classifier.vectors[text] = tuple(vector.tolist())
        message = {
            "ticket_id": new_ticket_id(),
            "text": text,
            "subject": text,
            "customer_id": f"bench-{i % 97}",
            "created_at": now_iso(),
            "created_ms": str(int(time.time() * 1000)),
        }
        records.append((uuid.uuid4().hex, json.dumps(message)))
    return records


def run_storm_pipeline(
    services: Any, trips: RoundTrips, size: int, seed: int
) -> tuple[list[float], list[int], Counter[str]]:
    """One storm under a fresh key prefix; per-ticket µs and round trips for each batch."""
    from smart_support.logic.process import Pipeline

    prefix = f"bench-storm-{uuid.uuid4().hex[:12]}"
    keys = Keys(prefix)
    tickets = TicketStore(services.redis, keys, 3600)
    scoped = dataclasses.replace(
        services, keys=keys, tickets=tickets, ready=ReadyQueue(services.redis, keys, tickets)
    )
    classifier = StormClassifier()
    pipeline = Pipeline(scoped, classifier)
    rng = np.random.default_rng(seed)
    outcomes: Counter[str] = Counter()
    try:
        background = storm_records(classifier, unit_vectors(rng, BACKGROUND), "background")
        for begin in range(0, BACKGROUND, BATCH):
            pipeline.run(background[begin : begin + BATCH])
            metrics.clear_metrics()
        storm = storm_records(classifier, near_copies(rng, unit_vectors(rng, 1)[0], size), "storm")
        micros: list[float] = []
        counts: list[int] = []
        for begin in range(0, size, BATCH):
            batch = storm[begin : begin + BATCH]
            trips.reset()
            started = time.perf_counter()
            failures = pipeline.run(batch)
            elapsed = time.perf_counter() - started
            metrics.clear_metrics()  # run() outside the handler: no log_metrics to flush them
            assert not failures, failures
            counts.append(trips.total)
            micros.append(elapsed * 1e6 / len(batch))
        for _, body in storm[:: max(1, size // 100)]:
            row = tickets.get(json.loads(body)["ticket_id"])
            outcomes[(row.status if row else None) or "missing"] += 1
        return micros, counts, outcomes
    finally:
        for key in services.redis.scan_iter(match=f"{prefix}:*", count=1000):
            services.redis.delete(key)


def storm_cost(trips: RoundTrips) -> list[tuple[int, int, float, float, str, Counter[str]]]:
    from local_stack.stack import LocalStack, StackOptions
    from smart_support.services import get_services

    os.environ["CLASSIFIER"] = "baseline"  # the stand-in replaces it anyway
    stack = LocalStack(StackOptions(port=0, poller_concurrency=0)).start()
    try:
        services = get_services()
        run_storm_pipeline(services, trips, 100, seed=0)  # scripts loaded, numpy warm
        rows = []
        for size in SIZES:
            micros: list[float] = []
            counts: list[int] = []
            outcomes: Counter[str] = Counter()
            for repeat in range(max(1, STORM_MIN_TICKETS_PER_ROW // size)):
                m, c, o = run_storm_pipeline(services, trips, size, seed=size + repeat)
                micros += m
                counts += c
                outcomes += o
            spread = f"{statistics.median(counts):.0f} (min {min(counts)}, max {max(counts)})"
            rows.append(
                (
                    size,
                    len(counts),
                    statistics.median(micros),
                    percentile(micros, 95),
                    spread,
                    outcomes,
                )
            )
        return rows
    finally:
        stack.stop()


def print_storms(rows: list[tuple[int, int, float, float, str, Counter[str]]]) -> None:
    print(
        f"### Storm cost through the process pipeline: batches of {BATCH}, {BACKGROUND} "
        f"unrelated clusters first, {DIM}-d embeddings, no model time"
    )
    print()
    print(
        "| storm size | batches | median µs/ticket | p95 µs/ticket | round trips/batch "
        "| sampled final status |"
    )
    print(
        "|-----------:|--------:|-----------------:|--------------:|------------------:"
        "|----------------------|"
    )
    for size, batches, median, p95, spread, outcomes in rows:
        status = ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
        print(
            f"| {size:>10,} | {batches:>7,} | {median:>16.0f} | {p95:>13.0f} | {spread} "
            f"| {status} |"
        )
    print()
    print(
        f"per-ticket cost, storm of {rows[-1][0]:,} vs {rows[0][0]:,} (median): "
        f"{rows[-1][2] / rows[0][2]:.2f}x"
    )
    print()


# ---- Main ---------------------------------------------------------------------------------


def machine() -> None:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print("## Local-stack throughput")
    print()
    print(
        f"Machine: {cpus} CPUs (nproc), Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, load average at start {load}. "
        f"redis-py {redis.__version__}."
    )
    print()


def main() -> None:
    began = time.perf_counter()
    machine()
    corpus = load_tickets()
    if not MODEL_MANIFEST.exists():
        sys.exit("no model at layers/model/build/model: run `make model` first")

    print_api(api_throughput(corpus))
    print_end_to_end(end_to_end_runs(corpus))

    trips = RoundTrips().install()
    try:
        counted = count_round_trips("onnx", corpus, trips, with_idempotency=True)
        counted += count_round_trips("baseline", corpus, trips, with_idempotency=False)[1:]
        print_round_trips(counted)
        print_storms(storm_cost(trips))
    finally:
        trips.uninstall()
    print(f"Measured in {time.perf_counter() - began:.0f} s.")


if __name__ == "__main__":
    main()
