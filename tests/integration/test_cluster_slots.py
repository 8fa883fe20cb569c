"""The single-slot rule, proved from what the server actually ran.

A Redis Cluster runs a Lua script or a MULTI/EXEC transaction only when every key it touches
lives in one hash slot. Redis 6.2 (the local server) does not check keys a script reaches
without declaring them, so a cluster run alone would not catch a stray key. Here MONITOR
records every command of a workload that invokes every script in ``smart_support/scripts/``
through the real handlers and domain objects; then each script call (its KEYS and every
command it ran), each transaction and each multi-key command is checked against one slot.
A new script or key that breaks the rule fails here, on a single node, before any cluster.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from uuid import uuid4

import numpy as np
import pytest
import redis
from redis.crc import key_slot

from smart_support import corrections
from smart_support.config import Settings
from smart_support.dal.breaker import CircuitBreaker
from smart_support.dal.corrections import CorrectionLog
from smart_support.dal.storms import StormDetector
from smart_support.dal.tickets import new_ticket_id
from smart_support.dedup import StormInput
from smart_support.scripting import SCRIPTS
from tests.integration.conftest import Env
from tests.integration.test_agents_api import call
from tests.integration.test_process import run_batch, submit
from tests.integration.test_query import get

# Multi-key commands redis-py's cluster client splits per slot itself.
SPLIT_BY_CLIENT = {"del", "unlink", "exists", "touch", "mget", "mset"}
_ARG = re.compile(rb'"((?:[^"\\]|\\.)*)"')
_LINE = re.compile(rb"^[\d.]+ \[\d+ ([^\]]+)\] (.*)$")


def _unescape(raw: bytes) -> bytes:
    return raw.decode("unicode_escape").encode("latin-1")


@dataclass
class Recorded:
    source: str  # "lua" or the client's address
    args: list[bytes]

    @property
    def name(self) -> str:
        return self.args[0].decode().lower()


@dataclass
class Monitor:
    """Collects MONITOR lines until ``stop``; the server's own record of what ran."""

    client: redis.Redis
    lines: list[Recorded] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._marker = f"monitor-end-{uuid4().hex}".encode()
        self._conn = redis.Connection(**self.client.connection_pool.connection_kwargs)
        self._conn.connect()
        self._conn.send_command("MONITOR")
        assert self._conn.read_response() in (b"OK", "OK")
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while True:
            raw = self._conn.read_response(disable_decoding=True)
            match = _LINE.match(raw)
            if not match:
                continue
            args = [_unescape(a) for a in _ARG.findall(match.group(2))]
            if args and args[0].lower() == b"echo" and args[1:] == [self._marker]:
                return
            self.lines.append(Recorded(match.group(1).decode(), args))

    def stop(self) -> list[Recorded]:
        self.client.echo(self._marker)
        self._thread.join(timeout=10)
        assert not self._thread.is_alive(), "MONITOR did not see the end marker"
        self._conn.disconnect()
        return self.lines


def keys_of(client: redis.Redis, args: list[bytes], keyless: set[str]) -> list[bytes]:
    """The keys of one command, as the server itself parses them (COMMAND GETKEYS)."""
    name = args[0].decode().lower()
    if name in keyless:
        return []
    try:
        found = client.command_getkeys(*args)
    except redis.ResponseError as exc:
        if "no key arguments" in str(exc):
            keyless.add(name)
        return []  # also EVALSHA with no keys
    return [k if isinstance(k, bytes) else str(k).encode() for k in found]


def script_name_by_sha() -> dict[str, str]:
    return {
        hashlib.sha1(path.read_bytes()).hexdigest(): path.stem for path in SCRIPTS.glob("*.lua")
    }


@dataclass
class Unit:
    """One atomic unit the cluster runs on one node: a script call or a transaction."""

    label: str
    keys: list[bytes] = field(default_factory=list)


def atomic_units(client: redis.Redis, lines: list[Recorded]) -> tuple[list[Unit], list[Unit]]:
    """Script calls (with the commands they ran) and MULTI/EXEC blocks; then multi-key
    commands outside both. Redis 6.2 lists a script's commands right after its EVALSHA."""
    names = script_name_by_sha()
    keyless: set[str] = set()
    units: list[Unit] = []
    singles: list[Unit] = []
    open_multi: dict[str, Unit] = {}
    current_script: Unit | None = None
    for line in lines:
        keys = keys_of(client, line.args, keyless)
        if line.source == "lua":
            assert current_script is not None, f"script command without a script: {line.args}"
            current_script.keys += keys
            continue
        current_script = None
        if line.name in ("evalsha", "eval"):
            label = (
                names.get(line.args[1].decode(), "inline script")
                if line.name == "evalsha"
                else "EVAL"
            )
            current_script = Unit(label, keys)
            units.append(current_script)
            if line.source in open_multi:
                open_multi[line.source].keys += keys
        elif line.name == "multi":
            open_multi[line.source] = Unit(f"MULTI from {line.source}")
        elif line.name in ("exec", "discard"):
            units.append(open_multi.pop(line.source))
        elif line.source in open_multi:
            open_multi[line.source].keys += keys
        elif len({key_slot(k) for k in keys}) > 1 and line.name not in SPLIT_BY_CLIENT:
            singles.append(Unit(line.name, keys))
    return units, singles


def storm_inputs(count: int) -> list[StormInput]:
    rng = np.random.default_rng(7)
    base = rng.normal(size=384)
    base /= np.linalg.norm(base)
    out = []
    for i in range(count):
        v = base + 0.01 * rng.normal(size=384)
        v /= np.linalg.norm(v)
        out.append(
            StormInput(
                ticket_id=new_ticket_id(),
                embedding=tuple(float(x) for x in v),
                embedding_space="test-space",
                excerpt="Server outage broken login",
                category="Technical",
                urgency=0.9,
                at=time.time() + i * 0.01,
            )
        )
    return out


def workload(env: Env, ingest: Any, process: Any, query: Any, context: Any) -> None:
    """Touch every script: intake, undo, processing, routing, queue, agents, storms, breaker."""
    services = env.services
    first = [
        submit(ingest, context, description=text)
        for text in (
            "API server crash and error",
            "Refund and billing charge issue",
            "GDPR contract",
        )
    ]
    idem = {"Idempotency-Key": "slots-1", "Content-Type": "application/json"}
    event_body = {"description": "charged twice"}
    from tests.integration.conftest import api_event

    event = api_event("post_ticket", body=event_body)
    event["headers"] = {**event["headers"], **idem}
    event["multiValueHeaders"] = {
        **event["multiValueHeaders"],
        **{k: [v] for k, v in idem.items()},
    }
    assert ingest(event, context)["statusCode"] == 202
    assert run_batch(process, context, env.drain()) == set()
    # With every agent offline tickets wait; bringing one back hands them over; resolve frees.
    agents = json.loads(get(query, context, "/agents")["body"])["items"]
    for agent in agents:
        call(query, context, "PUT", f"/agents/{agent['agent_id']}", {"status": "offline"})
    parked = [submit(ingest, context, description=f"API server crash {n}") for n in range(3)]
    assert run_batch(process, context, env.drain()) == set()
    call(query, context, "PUT", "/agents/Agent1", {"status": "online", "capacity": 2})
    call(query, context, "POST", f"/tickets/{parked[0]}/resolve")
    # A correction: the ticket's script, unassign, re-route, re-file, the stream; then export.
    correction = {"category": "Legal", "urgency_score": 0.9, "reason": "slots"}
    call(query, context, "POST", f"/tickets/{first[0]}/correction", correction)
    get(query, context, "/corrections")
    # An agent's next: its own tickets first, then unassigned ones it has a skill for.
    as_agent = api_event("get_status", path="/tickets/next", resource="/tickets/next")
    as_agent.update(httpMethod="POST", pathParameters=None)
    as_agent["requestContext"] = {
        **as_agent["requestContext"],
        "resourcePath": "/tickets/next",
        "httpMethod": "POST",
        "authorizer": {"role": "agent", "name": "Agent1", "key_id": "k1"},
    }
    query(as_agent, context)
    corrections.training_records(CorrectionLog(services.redis, services.keys).entries())
    get(query, context, "/tickets/next")
    get(query, context, "/tickets/next", {"category": "Billing"})
    # An agent's own take: its assigned tickets first, then its categories.
    submit(ingest, context, description="API server crash again")
    assert run_batch(process, context, env.drain()) == set()
    services.ready.pop_for_agent("Agent1", ["Technical"])
    get(query, context, "/queue", {"limit": "5"})
    get(query, context, "/agents")
    get(query, context, "/incidents")
    # Undo of an intake whose SQS send failed.
    orphan = new_ticket_id()
    services.tickets.create(orphan, {"ticket_id": orphan, "status": "pending"}, 1)
    services.tickets.discard(orphan)
    # Storms and the breaker, which the baseline classifier does not reach.
    settings = Settings()
    StormDetector(services.redis, services.keys, settings).observe_batch(storm_inputs(12))
    breaker = CircuitBreaker(services.redis, services.keys, settings)
    breaker.record_failure(breaker.acquire(), "slow")
    breaker.record_success(breaker.acquire())


@pytest.fixture
def monitored(env: Env) -> Iterator[Monitor]:
    client = redis.Redis.from_url(env.cache.url, protocol=2)
    monitor = Monitor(client)
    yield monitor
    client.close()


@pytest.mark.parametrize("cache", ["node"], indirect=True)
def test_every_script_and_transaction_touches_one_slot(
    env: Env, monitored: Monitor, ingest: Any, process: Any, query: Any, context: Any
) -> None:
    workload(env, ingest, process, query, context)
    lines = monitored.stop()
    units, cross_slot_commands = atomic_units(monitored.client, lines)
    mine = env.services.keys.prefix.encode()

    seen_scripts = {u.label for u in units}
    assert seen_scripts >= set(script_name_by_sha().values()), "a script the workload missed"
    for unit in units:
        keys = [k for k in unit.keys if k.startswith(mine)]
        assert keys, f"{unit.label} touched none of the test's keys"
        slots = {key_slot(k) for k in unit.keys}
        assert len(slots) == 1, (
            f"{unit.label} spans slots {sorted(slots)}: {sorted(set(unit.keys))}"
        )
    assert cross_slot_commands == []


@pytest.mark.parametrize("cache", ["node"], indirect=True)  # MONITOR is per node
def test_a_script_reaching_an_undeclared_key_of_another_slot_is_caught(redis_client: Any) -> None:
    """The check itself can fail: a script that reads a key of another slot is reported."""
    monitor = Monitor(redis_client)
    redis_client.eval(
        "redis.call('get', KEYS[1]); return redis.call('get', 'x:{other}')", 1, "k:{a}"
    )
    units, _ = atomic_units(redis_client, monitor.stop())
    script = next(u for u in units if u.label == "EVAL")
    assert {key_slot(k) for k in script.keys} == {key_slot(b"k:{a}"), key_slot(b"x:{other}")}
