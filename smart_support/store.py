"""Ticket state and the ready queue in Redis.

A ticket is one hash under its own hash tag; the queue views (ready by urgency,
per category, per agent, and pending/processing by age) share another tag. Every
read-modify-write is a Lua script from ``scripts/`` touching one slot.
"""

from __future__ import annotations

import base64
import json
import secrets
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import redis

from smart_support.formats import InvalidCursorError, now_iso
from smart_support.keys import Keys
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


@dataclass(frozen=True)
class QueuePage:
    items: list[dict[str, Any]]
    next_cursor: str | None


def _encode_cursor(section: str, offset: int) -> str:
    return base64.urlsafe_b64encode(f"{section}:{offset}".encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[str, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        section, offset = base64.urlsafe_b64decode(padded.encode()).decode().split(":")
        if section not in ("r", "i") or int(offset) < 0:
            raise ValueError(cursor)
        return section, int(offset)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidCursorError("cursor is not one this API gave out") from exc


class TicketStore:
    def __init__(self, client: redis.Redis, keys: Keys, ticket_ttl_seconds: int) -> None:
        self.redis = client
        self.keys = keys
        self.ttl = ticket_ttl_seconds
        self._create = register(client, "ticket_create")
        self._begin = register(client, "ticket_begin")
        self._discard = register(client, "ticket_discard")
        self._finish = register(client, "ticket_finish")
        self._ready = register(client, "queue_ready")
        self._pop = register(client, "queue_pop")
        self._pop_for_agent = register(client, "queue_pop_for_agent")
        self._move = register(client, "queue_move")
        self._refile = register(client, "queue_refile")

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

    def mark_ready(self, ticket_id: str, urgency: float, category: str, agent: str | None) -> None:
        keys = [
            self.keys.ready(),
            self.keys.ready_meta(),
            self.keys.inflight(),
            self.keys.ready_by_category(category),
            # Without an agent this names a view the script never writes (same slot).
            self.keys.ready_by_agent(agent or ""),
            self.keys.popped(),
        ]
        self._ready(keys=keys, args=[ticket_id, urgency, category, agent or ""])

    def refile(self, ticket_id: str, urgency: float, category: str, agent: str | None) -> None:
        """Put a corrected ticket back in the ready queue under its new category and agent."""
        self._refile(
            keys=[
                self.keys.ready(),
                self.keys.ready_meta(),
                self.keys.popped(),
                self.keys.ready_by_category(category),
                self.keys.ready_by_agent(agent or ""),
            ],
            args=[self.keys.queue_tag, ticket_id, urgency, category, agent or ""],
        )

    def assign_in_queue(self, ticket_id: str, agent: str) -> None:
        self._move(
            keys=[self.keys.ready(), self.keys.ready_meta()],
            args=[self.keys.queue_tag, ticket_id, "assign", agent],
        )

    def hand_over(self, ticket_id: str, agent: str) -> None:
        """Record that a waiting ticket got an agent: in its state and in the agent's view."""
        self.update(ticket_id, {"assigned_agent": agent, "updated_at": now_iso()})
        self.assign_in_queue(ticket_id, agent)

    def remove_from_queue(self, ticket_id: str) -> None:
        pipelined(
            self.redis,
            [
                ScriptCall(
                    self._move,
                    [self.keys.ready(), self.keys.ready_meta()],
                    [self.keys.queue_tag, ticket_id, "remove", ""],
                ),
                ("ZREM", self.keys.inflight(), ticket_id),
            ],
        )

    # Reads --------------------------------------------------------------

    def get(self, ticket_id: str) -> dict[str, str] | None:
        data = self.redis.hgetall(self.keys.ticket(ticket_id))
        return data or None  # type: ignore[return-value]

    def get_many(self, ticket_ids: Iterable[str]) -> list[dict[str, str] | None]:
        ids = list(ticket_ids)
        if not ids:
            return []
        pipe = self.redis.pipeline(transaction=False)
        for ticket_id in ids:
            pipe.hgetall(self.keys.ticket(ticket_id))
        return [row or None for row in pipe.execute()]

    def pop_next(self, *, agent: str | None = None, category: str | None = None) -> str | None:
        if agent:
            view = self.keys.ready_by_agent(agent)
        elif category:
            view = self.keys.ready_by_category(category)
        else:
            view = self.keys.ready()
        popped = self._pop(
            keys=[view, self.keys.ready(), self.keys.ready_meta(), self.keys.popped()],
            args=[self.keys.queue_tag, int(time.time() * 1000), self.ttl * 1000],
        )
        return str(popped[0]) if popped else None

    def pop_for_agent(
        self, agent: str, categories: Iterable[str], *, category: str | None = None
    ) -> tuple[str, bool] | None:
        """What ``agent`` takes next: its own assigned tickets first, then unassigned ones in
        ``categories``. Answers the ticket id and whether it was already the agent's."""
        popped = self._pop_for_agent(
            keys=[
                self.keys.ready_by_agent(agent),
                self.keys.ready(),
                self.keys.ready_meta(),
                self.keys.popped(),
            ],
            args=[
                self.keys.queue_tag,
                int(time.time() * 1000),
                self.ttl * 1000,
                category or "",
                *categories,
            ],
        )
        return (str(popped[0]), popped[2] == agent) if popped else None

    def queue_page(self, limit: int, cursor: str | None) -> QueuePage:
        """Ready tickets by urgency (highest first), then pending/processing by age."""
        section, offset = _decode_cursor(cursor) if cursor else ("r", 0)
        items: list[dict[str, Any]] = []
        while len(items) < limit:
            index = self.keys.ready() if section == "r" else self.keys.inflight()
            want = limit - len(items)
            if section == "r":
                ids = self.redis.zrevrange(index, offset, offset + want - 1)
            else:
                ids = self.redis.zrange(index, offset, offset + want - 1)
            rows = self.get_many(ids)  # type: ignore[arg-type]
            vanished = [str(tid) for tid, row in zip(ids, rows, strict=True) if row is None]
            if vanished:
                # Expired or discarded tickets leave the index as soon as a reader sees them.
                self.redis.zrem(index, *vanished)
            items.extend(row for row in rows if row is not None)
            offset += len(ids)
            if len(ids) < want:
                if section == "i":
                    return QueuePage(items, None)
                section, offset = "i", 0
        return QueuePage(items, _encode_cursor(section, offset))

    def ping(self) -> None:
        self.redis.ping()
