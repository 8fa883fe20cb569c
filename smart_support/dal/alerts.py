"""Once-only alert markers in Redis: one per ticket (under its hash tag) and one per incident
(under the storm tag), each kept as long as a ticket lives."""

from __future__ import annotations

import redis

from smart_support.keys import Keys


class AlertGate:
    """At most one alert per ticket and per incident, even when SQS delivers twice.

    The marker is taken before sending: a lost alert is preferred to a duplicate, since a
    Slack failure must not make the ticket retry anyway.
    """

    def __init__(self, client: redis.Redis, keys: Keys, ttl_seconds: int) -> None:
        self._redis = client
        self._keys = keys
        self._ttl = max(1, int(ttl_seconds))

    def incident_key(self, incident_id: str) -> str:
        return f"{self._keys.storm_tag}:alerted:{incident_id}"

    def claim_ticket(self, ticket_id: str) -> bool:
        return self._claim(self._keys.ticket_alerted(ticket_id))

    def claim_incident(self, incident_id: str) -> bool:
        return self._claim(self.incident_key(incident_id))

    def _claim(self, key: str) -> bool:
        return bool(self._redis.set(key, "1", nx=True, ex=self._ttl))
