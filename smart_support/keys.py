"""Redis key names, laid out so a sharded (cluster-mode) cache keeps working.

Every key carries a hash tag: per-ticket keys share ``{t:<id>}`` and each shared
structure has one tag of its own, so any Lua script or transaction touches keys
of one slot only. No code path needs a scan of the keyspace.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Keys:
    prefix: str = "ss"

    # One ticket: its state hash, its processing lock and its once-only markers.
    def ticket(self, ticket_id: str) -> str:
        return f"{self.prefix}:{{t:{ticket_id}}}"

    def ticket_lock(self, ticket_id: str) -> str:
        return f"{self.prefix}:{{t:{ticket_id}}}:lock"

    def ticket_withdrawn(self, ticket_id: str) -> str:
        return f"{self.prefix}:{{t:{ticket_id}}}:withdrawn"

    def ticket_alerted(self, ticket_id: str) -> str:
        return f"{self.prefix}:{{t:{ticket_id}}}:alerted"

    def idempotency(self, key_digest: str) -> str:
        return f"{self.prefix}:{{idem:{key_digest}}}"

    # The queue indexes (one slot): ready tickets by urgency, pending/processing by age.
    @property
    def queue_tag(self) -> str:
        return f"{self.prefix}:{{q}}"

    def ready(self) -> str:
        return f"{self.queue_tag}:ready"

    def ready_by_category(self, category: str) -> str:
        return f"{self.queue_tag}:ready:cat:{category}"

    def ready_by_agent(self, agent_id: str) -> str:
        return f"{self.queue_tag}:ready:agent:{agent_id}"

    def ready_meta(self) -> str:
        return f"{self.queue_tag}:ready:meta"

    def popped(self) -> str:
        """Tickets handed out by ``next`` (by time), so a late redelivery cannot requeue them."""
        return f"{self.queue_tag}:popped"

    def inflight(self) -> str:
        return f"{self.queue_tag}:inflight"

    # Circuit breaker (one slot).
    def breaker(self) -> str:
        return f"{self.prefix}:{{breaker}}"

    # Agents (one slot): registry, loads, waiting tickets.
    @property
    def agents_tag(self) -> str:
        return f"{self.prefix}:{{agents}}"

    # Storm detection (one slot): clusters and incidents.
    @property
    def storm_tag(self) -> str:
        return f"{self.prefix}:{{storm}}"

    # Agents' corrections (one slot): a bounded stream, the export's source.
    def corrections(self) -> str:
        return f"{self.prefix}:{{corrections}}:stream"

    # API credentials (one slot): a record per key digest and an index of key ids.
    @property
    def auth_tag(self) -> str:
        return f"{self.prefix}:{{auth}}"

    def credential(self, digest: str) -> str:
        return f"{self.auth_tag}:key:{digest}"

    def credential_ids(self) -> str:
        return f"{self.auth_tag}:ids"
