"""`make keys` (smart_support.credentials) against a real Redis: keys exist only as digests."""

from __future__ import annotations

import json
import os
from uuid import uuid4

import pytest
import redis

from smart_support.credentials import digest, main


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    prefix = f"test-{uuid4().hex[:10]}"
    url = os.environ["TEST_REDIS_URL"]

    def run(*args: str) -> tuple[int, list[dict[str, str]]]:
        code = main(["--redis-url", url, "--key-prefix", prefix, *args])
        lines = capsys.readouterr().out.splitlines()
        return code, [json.loads(line) for line in lines]

    yield run, redis.Redis.from_url(url, decode_responses=True), prefix


def test_create_list_rotate_revoke_and_only_digests_are_stored(cli) -> None:
    run, client, prefix = cli
    code, (created,) = run("create", "--role", "agent", "--name", "Agent7", "--label", "laptop")
    assert code == 0 and created["role"] == "agent" and created["name"] == "Agent7"
    api_key = created["api_key"]
    stored = {
        k: client.hgetall(k) for k in client.scan_iter(f"{prefix}:*") if client.type(k) == "hash"
    }
    assert f"{prefix}:{{auth}}:key:{digest(api_key)}" in stored
    assert api_key not in json.dumps(stored)  # the key itself is nowhere in Redis

    code, listed = run("list")
    assert [row["key_id"] for row in listed] == [created["key_id"]]
    assert "api_key" not in listed[0]

    code, (rotated,) = run("rotate", created["key_id"])
    assert code == 0 and rotated["revoked"] == created["key_id"] and rotated["name"] == "Agent7"
    code, listed = run("list")
    assert [row["key_id"] for row in listed] == [rotated["key_id"]]

    assert run("revoke", rotated["key_id"])[0] == 0
    assert run("list") == (0, [])
    assert run("revoke", rotated["key_id"])[0] == 1
