"""Scripted pipelines on a real Redis: one round trip when warm, self-healing after NOSCRIPT."""

from __future__ import annotations

import redis

from smart_support.dal.tickets import new_ticket_id
from tests.integration.conftest import Env


def script_commands(client: redis.Redis) -> int:
    stats = client.info("commandstats")
    return sum(int(v["calls"]) for k, v in stats.items() if k.startswith("cmdstat_script"))


def test_warm_intake_pipeline_sends_no_script_commands(env: Env):
    store, client = env.services.tickets, env.services.redis
    store.create(new_ticket_id(), {"status": "pending"}, 1)  # warm: the script is cached
    before = script_commands(client)
    for n in range(5):
        assert store.create(new_ticket_id(), {"status": "pending"}, n)
    assert script_commands(client) == before


def test_pipeline_recovers_when_the_server_forgot_its_scripts(env: Env):
    store, client = env.services.tickets, env.services.redis
    client.script_flush()  # what a restart or failover does
    ticket = new_ticket_id()
    assert store.create(ticket, {"ticket_id": ticket, "status": "pending"}, 7)
    assert store.get(ticket).status == "pending"
    assert client.zscore(env.services.keys.inflight(), ticket) == 7
    assert not store.create(ticket, {"ticket_id": ticket, "status": "pending"}, 8)
