"""The ready queue in Redis: completed tickets by urgency, with views per category and per
agent, and the tickets handed out by ``next``. All of it shares one hash tag, so each
read-modify-write is one Lua script from ``scripts/`` touching one slot.

The listing (``page``) shows the ready tickets by urgency, then the tickets not yet ready
by age (the index ``tickets`` keeps); their state is read through the ticket store.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Iterable
from dataclasses import dataclass

import redis

from smart_support.dal.tickets import TicketStore
from smart_support.formats import InvalidCursorError
from smart_support.keys import Keys
from smart_support.records import TicketRecord
from smart_support.scripting import ScriptCall, pipelined, register


@dataclass(frozen=True)
class QueuePage:
    items: list[TicketRecord]
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


class ReadyQueue:
    """Ready tickets: file, re-file, move between views, take the most urgent, list."""

    def __init__(self, client: redis.Redis, keys: Keys, tickets: TicketStore) -> None:
        self.redis = client
        self.keys = keys
        self.tickets = tickets
        self._ready = register(client, "queue_ready")
        self._pop = register(client, "queue_pop")
        self._pop_for_agent = register(client, "queue_pop_for_agent")
        self._move = register(client, "queue_move")
        self._refile = register(client, "queue_refile")

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

    def assign(self, ticket_id: str, agent: str) -> None:
        self._move(
            keys=[self.keys.ready(), self.keys.ready_meta()],
            args=[self.keys.queue_tag, ticket_id, "assign", agent],
        )

    def remove(self, ticket_id: str) -> None:
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

    def pop_next(self, *, agent: str | None = None, category: str | None = None) -> str | None:
        if agent:
            view = self.keys.ready_by_agent(agent)
        elif category:
            view = self.keys.ready_by_category(category)
        else:
            view = self.keys.ready()
        popped = self._pop(
            keys=[view, self.keys.ready(), self.keys.ready_meta(), self.keys.popped()],
            args=[self.keys.queue_tag, int(time.time() * 1000), self.tickets.ttl * 1000],
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
                self.tickets.ttl * 1000,
                category or "",
                *categories,
            ],
        )
        return (str(popped[0]), popped[2] == agent) if popped else None

    def page(self, limit: int, cursor: str | None) -> QueuePage:
        """Ready tickets by urgency (highest first), then pending/processing by age."""
        section, offset = _decode_cursor(cursor) if cursor else ("r", 0)
        items: list[TicketRecord] = []
        while len(items) < limit:
            index = self.keys.ready() if section == "r" else self.keys.inflight()
            want = limit - len(items)
            if section == "r":
                ids = self.redis.zrevrange(index, offset, offset + want - 1)
            else:
                ids = self.redis.zrange(index, offset, offset + want - 1)
            rows = self.tickets.get_many(ids)  # type: ignore[arg-type]
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
