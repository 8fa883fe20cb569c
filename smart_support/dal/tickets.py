"""Ticket state in Redis: one hash per ticket under its own hash tag, with its processing
lock and its withdrawal marker, and the index of tickets not yet ready (pending and
processing, by age), which intake writes in the same round trip as the ticket.

Every read-modify-write is a Lua script from ``scripts/`` touching one slot. The ready
queue's views are ``ready_queue``.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import redis

from smart_support.formats import now_iso
from smart_support.keys import Keys
from smart_support.records import TicketRecord
from smart_support.scripting import ScriptCall, pipelined, register


def new_ticket_id() -> str:
    # Time-ordered prefix (ms) then 80 random bits: unique without coordination.
    return f"tkt_{int(time.time() * 1000):012x}{secrets.token_hex(10)}"


def _flatten(fields: Mapping[str, Any]) -> list[str]:
    flat: list[str] = []
    for key, value in fields.items():
        if value is None:
            continue
        flat.append(key)
        flat.append(value if isinstance(value, str) else json.dumps(value))
    return flat


class TicketStore:
    """Tickets' state: create, claim for processing, finish, update and read."""

    def __init__(self, client: redis.Redis, keys: Keys, ticket_ttl_seconds: int) -> None:
        self.redis = client
        self.keys = keys
        self.ttl = ticket_ttl_seconds
        self._create = register(client, "ticket_create")
        self._begin = register(client, "ticket_begin")
        self._discard = register(client, "ticket_discard")
        self._finish = register(client, "ticket_finish")
        self._correct = register(client, "ticket_correct")

    # Intake -------------------------------------------------------------

    def create(self, ticket_id: str, fields: Mapping[str, Any], created_ms: int) -> bool:
        """Write a new ticket as pending and list it; False if the id was taken."""
        created, _ = pipelined(
            self.redis,
            [
                ScriptCall(
                    self._create, [self.keys.ticket(ticket_id)], [self.ttl, *_flatten(fields)]
                ),
                ("ZADD", self.keys.inflight(), "NX", created_ms, ticket_id),
            ],
        )
        return bool(created)

    def discard(self, ticket_id: str) -> bool:
        """Undo ``create`` after a failed SQS send. False when processing already began: the
        send did succeed (its answer was lost), so the ticket stays accepted."""
        withdrawn = self._discard(
            keys=[self.keys.ticket(ticket_id), self.keys.ticket_withdrawn(ticket_id)],
            args=[self.ttl],
        )
        if withdrawn:
            self.redis.zrem(self.keys.inflight(), ticket_id)
        return bool(withdrawn)

    # Processing ---------------------------------------------------------

    def begin(
        self, ticket_id: str, token: str, lock_seconds: int, recreate: Mapping[str, Any]
    ) -> str:
        return str(
            self._begin(
                keys=[
                    self.keys.ticket(ticket_id),
                    self.keys.ticket_lock(ticket_id),
                    self.keys.ticket_withdrawn(ticket_id),
                ],
                args=[token, lock_seconds * 1000, now_iso(), self.ttl, *_flatten(recreate)],
            )
        )

    def finish(self, ticket_id: str, token: str, fields: Mapping[str, Any]) -> str:
        return str(
            self._finish(
                keys=[self.keys.ticket(ticket_id), self.keys.ticket_lock(ticket_id)],
                args=[token, self.ttl, *_flatten(fields)],
            )
        )

    def release_lock(self, ticket_id: str, token: str) -> None:
        """Give a lock back after a failure so a redelivery need not wait for it to expire."""
        lock = self.keys.ticket_lock(ticket_id)
        if self.redis.get(lock) == token:
            self.redis.delete(lock)

    def update(self, ticket_id: str, fields: Mapping[str, Any]) -> None:
        flat = _flatten(fields)
        self.redis.hset(
            self.keys.ticket(ticket_id), mapping=dict(zip(flat[::2], flat[1::2], strict=True))
        )

    def correct(self, ticket_id: str, change: Sequence[str]) -> list[str]:
        """Apply a correction (scripts/ticket_correct.lua: category, urgency, its label, by,
        at, reason): outcome, status, from/to category, from/to urgency."""
        answer = self._correct(keys=[self.keys.ticket(ticket_id)], args=list(change))
        return [str(v) for v in answer]

    def clear(self, ticket_id: str, *fields: str) -> None:
        """Remove fields from a ticket's state."""
        self.redis.hdel(self.keys.ticket(ticket_id), *fields)

    # Reads --------------------------------------------------------------

    def get(self, ticket_id: str) -> TicketRecord | None:
        row = self.redis.hgetall(self.keys.ticket(ticket_id))
        return TicketRecord.from_row(ticket_id, row) if row else None  # type: ignore[arg-type]

    def get_many(self, ticket_ids: Iterable[str]) -> list[TicketRecord | None]:
        ids = list(ticket_ids)
        if not ids:
            return []
        pipe = self.redis.pipeline(transaction=False)
        for ticket_id in ids:
            pipe.hgetall(self.keys.ticket(ticket_id))
        rows = pipe.execute()
        return [
            TicketRecord.from_row(ticket_id, row) if row else None
            for ticket_id, row in zip(ids, rows, strict=True)
        ]

    def ping(self) -> None:
        self.redis.ping()
