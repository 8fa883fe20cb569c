"""The Lua scripts in ``scripts/``, and pipelines that run them in one round trip.

redis-py's own pipeline asks ``SCRIPT EXISTS`` before every pipeline that holds a script,
a second round trip on each intake. Here a pipeline sends ``EVALSHA`` straight away and
loads the scripts only when the server answers NOSCRIPT (after a restart or failover). On
a cluster, ``SCRIPT LOAD`` goes to every master, and each EVALSHA to the master of its keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import redis
from redis.commands.core import Script
from redis.exceptions import NoScriptError

SCRIPTS = Path(__file__).resolve().parent / "scripts"


@cache
def lua(name: str) -> str:
    """The source of ``scripts/<name>.lua``."""
    return (SCRIPTS / f"{name}.lua").read_text(encoding="utf-8")


def register(client: redis.Redis, name: str) -> Script:
    return client.register_script(lua(name))


class ScriptCall:
    """One script invocation inside a pipeline."""

    def __init__(self, script: Script, keys: Sequence[str], args: Sequence[Any]) -> None:
        self.script, self.keys, self.args = script, list(keys), list(args)


def pipelined(client: redis.Redis, calls: Sequence[ScriptCall | tuple[Any, ...]]) -> list[Any]:
    """Run script calls and plain commands (tuples) in one round trip, in order.

    After NOSCRIPT the scripts are loaded and the whole pipeline runs again, so every call
    must be safe to repeat (all of ours are: creates are NX, reservations idempotent).
    """
    for attempt in range(2):
        pipe = client.pipeline(transaction=False)
        for call in calls:
            if isinstance(call, ScriptCall):
                # Not pipe.evalsha: redis-py's cluster pipeline blocks that method (redis-py
                # issue #2914) although it routes the command by its keys like any other.
                pipe.execute_command(
                    "EVALSHA", call.script.sha, len(call.keys), *call.keys, *call.args
                )
            else:
                pipe.execute_command(*call)
        try:
            return list(pipe.execute())
        except NoScriptError:
            if attempt:
                raise
            for call in calls:
                if isinstance(call, ScriptCall):
                    client.script_load(call.script.script)
    raise AssertionError("unreachable")
