"""Scale: one Redis node next to a local 3-master Redis Cluster. Prints tables, asserts nothing.

1. Intake (POST /tickets -> 202, poller off) and end-to-end (202 -> final status) throughput of
   the local stack on a private single node and on a private 3-master cluster.
2. Redis round trips (socket sends) and server commands per ticket, counted in-process, on
   both: the cluster splits a cross-slot pipeline into one send per node.
3. Per hash tag: top-level calls (a script call is one) and commands the server runs (Lua's
   inner calls included) per ticket, from MONITOR on a single node during an end-to-end run.
4. What one slot sustains: the calls recorded for each hot tag replayed against a fresh
   redis-server by several pipelining clients. A slot lives on one node and Redis runs
   commands on one core, so this is the ceiling of one slot, and of one node for all tags.
5. Ceilings in tickets per second: per hot tag (its sustained rate over its calls per ticket),
   one node, a 3-shard cluster (the busiest shard), as arithmetic from 3 and 4.

The figures go to bench/results/scale.json for bench/cost.py.

    .venv/bin/python bench/cluster.py
"""

from __future__ import annotations

import os

os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")
os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")

import json
import re
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import redis
from redis.crc import key_slot

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.throughput import (
    FINAL,
    RoundTrips,
    count_round_trips,
    load_tickets,
    machine,
    request_bodies,
    stack_process,
    submit,
)
from local_stack.redis_server import PrivateRedis
from smart_support.cache import connect
from smart_support.keys import Keys
from smart_support.scripting import SCRIPTS, lua

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "scale.json"
INTAKE_REQUESTS, INTAKE_CLIENTS = 300, 10
E2E_TICKETS, E2E_CLIENTS = 200, 10
REPLAY_CLIENTS, REPLAY_PIPELINE, REPLAY_SECONDS = 4, 20, 3.0
HOT_TAGS = ("q", "agents", "storm", "breaker")
SHARDS = 3
_ARG = re.compile(rb'"((?:[^"\\]|\\.)*)"')
_LINE = re.compile(rb"^[\d.]+ \[\d+ ([^\]]+)\] (.*)$")
_TAG = re.compile(r"^[a-z0-9-]+:\{([^}]*)\}")


def family(tag: str) -> str:
    """'t:<id>' -> 't' (one slot per ticket); shared tags stay themselves."""
    return tag.split(":", 1)[0]


# ---- 1. Throughput ------------------------------------------------------------------------


def final_rows(url: str, mode: str, keys: Keys, ids: list[str], timeout: float) -> list[dict]:
    client = connect(url, mode=mode)
    deadline = time.monotonic() + timeout
    try:
        while True:
            pipe = client.pipeline(transaction=False)
            for ticket_id in ids:
                pipe.hmget(keys.ticket(ticket_id), ("status", "created_at", "completed_at"))
            rows = [
                dict(zip(("status", "created", "completed"), r, strict=True))
                for r in pipe.execute()
            ]
            if all(r["status"] in FINAL for r in rows) or time.monotonic() > deadline:
                return rows
            time.sleep(0.05)  # polling the tickets; the stack runs in another process
    finally:
        client.close()


def throughput(cache: str, corpus: list[dict[str, Any]]) -> dict[str, float]:
    mode = "1" if cache == "cluster" else "0"
    env = {"REDIS_CLUSTER": mode}
    out: dict[str, float] = {}
    with stack_process("baseline", 0, env) as info:
        submit(info["api"], request_bodies(corpus, 30, 900), 10)
        burst = submit(info["api"], request_bodies(corpus, INTAKE_REQUESTS), INTAKE_CLIENTS)
        out["intake_per_s"] = burst.rate
        out["intake_p50_ms"] = statistics.median(burst.latencies) * 1000
    keys = Keys("ss")
    for classifier in ("baseline", "onnx"):
        with stack_process(classifier, 2, env) as info:
            url = info["redis_url"]
            warm = submit(info["api"], request_bodies(corpus, 20, 500), 2)
            final_rows(url, mode, keys, warm.ticket_ids, 60)
            burst = submit(info["api"], request_bodies(corpus, E2E_TICKETS), E2E_CLIENTS)
            rows = final_rows(url, mode, keys, burst.ticket_ids, 60)
        from datetime import datetime

        ends = [datetime.fromisoformat(r["completed"]).timestamp() for r in rows if r["completed"]]
        done = sum(r["status"] in FINAL for r in rows)
        out[f"e2e_{classifier}_per_s"] = done / (max(ends) - burst.started)
    return out


# ---- 3. Calls per tag ---------------------------------------------------------------------


class Monitor:
    """MONITOR on one node, collecting (source, args) until stopped."""

    def __init__(self, url: str) -> None:
        self.client = redis.Redis.from_url(url, protocol=2)
        self.lines: list[tuple[str, list[bytes]]] = []
        self._marker = b"bench-monitor-end"
        self._conn = redis.Connection(**self.client.connection_pool.connection_kwargs)
        self._conn.connect()
        self._conn.send_command("MONITOR")
        self._conn.read_response()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while True:
            match = _LINE.match(self._conn.read_response(disable_decoding=True))
            if not match:
                continue
            args = [
                a.decode("unicode_escape").encode("latin-1") for a in _ARG.findall(match.group(2))
            ]
            if args[:2] == [b"ECHO", self._marker] or args[:2] == [b"echo", self._marker]:
                return
            self.lines.append((match.group(1).decode(), args))

    def stop(self) -> list[tuple[str, list[bytes]]]:
        self.client.echo(self._marker)
        self._thread.join(timeout=30)
        self._conn.disconnect()
        return self.lines


def tag_of(args: list[bytes]) -> str | None:
    for arg in args[1:]:
        match = _TAG.match(arg.decode("latin-1"))
        if match:
            return match.group(1)
    return None


def calls_per_tag(corpus: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, list]]:
    """An end-to-end run (ONNX) on a node under MONITOR: per tag family, top-level calls and
    server commands per ticket, and the recorded top-level calls for the replay."""
    server = PrivateRedis().start()
    try:
        with stack_process("onnx", 2, {"REDIS_URL": server.url, "REDIS_CLUSTER": "0"}) as info:
            warm = submit(info["api"], request_bodies(corpus, 20, 500), 2)
            final_rows(server.url, "0", Keys("ss"), warm.ticket_ids, 60)
            monitor = Monitor(server.url)
            burst = submit(info["api"], request_bodies(corpus, E2E_TICKETS), E2E_CLIENTS)
            final_rows(server.url, "0", Keys("ss"), burst.ticket_ids, 60)
            lines = monitor.stop()
            monitor.client.close()
    finally:
        server.stop()
    calls: Counter[str] = Counter()
    commands: Counter[str] = Counter()
    recorded: dict[str, list] = defaultdict(list)
    current = None
    for source, args in lines:
        if source == "lua":
            if current:
                commands[current] += 1
            continue
        tag = tag_of(args)
        current = family(tag) if tag else None
        if current is None:
            continue
        calls[current] += 1
        commands[current] += 1
        recorded[current].append(args)
    tickets = len(burst.ticket_ids)
    per_ticket = {
        tag: {"calls": calls[tag] / tickets, "commands": commands[tag] / tickets} for tag in calls
    }
    return per_ticket, recorded


# ---- 4. One slot's ceiling ----------------------------------------------------------------


def replay(recorded: list[list[bytes]]) -> float:
    """Top-level calls per second one redis-server sustains for this recorded mix."""
    server = PrivateRedis().start()
    try:
        loader = redis.Redis.from_url(server.url)
        for path in SCRIPTS.glob("*.lua"):
            loader.script_load(lua(path.stem))
        loader.close()
        stop = time.monotonic() + REPLAY_SECONDS
        done = [0] * REPLAY_CLIENTS

        def client(n: int) -> None:
            c = redis.Redis.from_url(server.url)
            i = n
            while time.monotonic() < stop:
                pipe = c.pipeline(transaction=False)
                for _ in range(REPLAY_PIPELINE):
                    pipe.execute_command(*recorded[i % len(recorded)])
                    i += 1
                pipe.execute(raise_on_error=False)
                done[n] += REPLAY_PIPELINE
            c.close()

        threads = [threading.Thread(target=client, args=(n,)) for n in range(REPLAY_CLIENTS)]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return sum(done) / (time.monotonic() - began)
    finally:
        server.stop()


def shard_of(tag: str, shards: int = SHARDS) -> int:
    """The shard of an even split of the 16384 slots (as redis-cli --cluster create does)."""
    return min(key_slot(f"ss:{{{tag}}}".encode()) * shards // 16384, shards - 1)


# ---- Report -------------------------------------------------------------------------------


def main() -> None:
    began = time.perf_counter()
    machine()
    corpus = load_tickets()
    figures: dict[str, Any] = {}

    rates = {cache: throughput(cache, corpus) for cache in ("node", "cluster")}
    figures["throughput"] = rates
    print("### Throughput of the local stack: one node and a 3-master cluster\n")
    print(
        f"Intake: {INTAKE_REQUESTS} POSTs from {INTAKE_CLIENTS} clients, poller off. "
        f"End to end: {E2E_TICKETS} tickets from {E2E_CLIENTS} clients, poller concurrency 2.\n"
    )
    print("| cache | intake/s | intake p50 | e2e/s baseline | e2e/s ONNX |")
    print("|---|---:|---:|---:|---:|")
    for cache, r in rates.items():
        print(
            f"| {cache} | {r['intake_per_s']:.0f} | {r['intake_p50_ms']:.0f} ms | "
            f"{r['e2e_baseline_per_s']:.1f} | {r['e2e_onnx_per_s']:.1f} |"
        )
    print()

    trips = RoundTrips().install()
    counted: dict[str, list] = {}
    try:
        for cache in ("node", "cluster"):
            counted[cache] = count_round_trips(
                "onnx", corpus, trips, False, cluster=cache == "cluster"
            )
    finally:
        trips.uninstall()
    print("### Redis round trips (socket sends) and server commands per ticket\n")
    print("| path | node: sends | node: commands | cluster: sends | cluster: commands |")
    print("|---|---:|---:|---:|---:|")
    figures["round_trips"] = {}
    for node_row, cluster_row in zip(counted["node"], counted["cluster"], strict=True):
        n, c = node_row, cluster_row
        figures["round_trips"][n.name] = {
            "node_sends": n.round_trips / n.tickets,
            "cluster_sends": c.round_trips / c.tickets,
            "commands": n.commands / n.tickets,
            # ingest: per request; process: per batch of 10 (in-process, this machine's CPU)
            "handler_ms": statistics.median(n.batch_ms) if n.batch_ms else None,
        }
        print(
            f"| {n.name} | {n.round_trips / n.tickets:.1f} | {n.commands / n.tickets:.1f} | "
            f"{c.round_trips / c.tickets:.1f} | {c.commands / c.tickets:.1f} |"
        )
    print()

    per_tag, recorded = calls_per_tag(corpus)
    everything = [args for calls in recorded.values() for args in calls]
    sustained = {tag: replay(calls) for tag, calls in recorded.items()}
    sustained["all"] = replay(everything)
    figures["per_tag"] = per_tag
    figures["sustained_calls_per_s"] = sustained
    total_calls = sum(v["calls"] for v in per_tag.values())
    print("### Per hash tag: calls per ticket and what one slot sustains\n")
    print(
        f"{E2E_TICKETS} tickets end to end (ONNX) under MONITOR; replay: {REPLAY_CLIENTS} "
        f"clients pipelining {REPLAY_PIPELINE} calls for {REPLAY_SECONDS:.0f} s on one node.\n"
    )
    print("| tag | slot | calls/ticket | commands/ticket | sustained calls/s | ceiling tickets/s |")
    print("|---|---:|---:|---:|---:|---:|")
    ceilings: dict[str, float] = {}
    for tag, figure in sorted(per_tag.items(), key=lambda kv: -kv[1]["calls"]):
        rate = sustained.get(tag)
        ceiling = rate / figure["calls"] if rate else None
        if ceiling:
            ceilings[tag] = ceiling
        slot = "per ticket" if tag in ("t", "idem") else str(key_slot(f"ss:{{{tag}}}".encode()))
        print(
            f"| {{{tag}}} | {slot} | {figure['calls']:.2f} | {figure['commands']:.2f} | "
            f"{f'{rate:,.0f}' if rate else '-'} | {f'{ceiling:,.0f}' if ceiling else '-'} |"
        )
    # Server seconds per ticket, tag by tag (calls / calls-per-second that tag sustains).
    busy = {tag: v["calls"] / sustained[tag] for tag, v in per_tag.items() if tag in sustained}
    node_ceiling = 1 / sum(busy.values())
    # 3 shards: per-ticket keys spread evenly; each shared tag loads the shard of its slot.
    shard_busy = [sum(b for t, b in busy.items() if t not in HOT_TAGS) / SHARDS] * SHARDS
    for tag in HOT_TAGS:
        if tag in busy:
            shard_busy[shard_of(tag)] += busy[tag]
    cluster_ceiling = 1 / max(shard_busy)
    figures["ceilings"] = {
        "per_tag": ceilings,
        "node": node_ceiling,
        "node_replayed_mix": sustained["all"] / total_calls,
        "cluster_3_shards": cluster_ceiling,
        "shard_busy_us_per_ticket": [b * 1e6 for b in shard_busy],
        "shard_of_hot_tags": {t: shard_of(t) for t in HOT_TAGS},
    }
    print(
        f"\nOne node: {sum(busy.values()) * 1e6:.0f} us of server time per ticket -> "
        f"**{node_ceiling:,.0f} tickets/s** (the whole recorded mix replayed: "
        f"{sustained['all'] / total_calls:,.0f})."
    )
    print(
        f"3 shards (even split; hot tags on shards {figures['ceilings']['shard_of_hot_tags']}): "
        f"server time per ticket per shard {[round(b * 1e6) for b in shard_busy]} us -> the "
        f"busiest shard caps at **{cluster_ceiling:,.0f} tickets/s**."
    )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")
    print(
        f"\nFigures written to {RESULTS.relative_to(ROOT)}. Measured in "
        f"{time.perf_counter() - began:.0f} s."
    )


if __name__ == "__main__":
    main()
