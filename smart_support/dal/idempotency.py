"""Idempotency-Key claims in Redis: one short string per (submitter, key) digest, under its
own hash tag (``Keys.idempotency``), that names the ticket a request made."""

from __future__ import annotations

import redis

from smart_support.keys import Keys


class IdempotencyClaims:
    def __init__(self, client: redis.Redis, keys: Keys) -> None:
        self._redis = client
        self._keys = keys

    def reserve(self, digest: str, value: str, seconds: int) -> bool:
        """Claim the key for ``seconds``; False when another request holds it."""
        return bool(self._redis.set(self._keys.idempotency(digest), value, nx=True, ex=seconds))

    def read(self, digest: str) -> str | None:
        raw = self._redis.get(self._keys.idempotency(digest))
        return None if raw is None else str(raw)

    def write(self, digest: str, value: str, seconds: int) -> None:
        self._redis.set(self._keys.idempotency(digest), value, ex=seconds)

    def release(self, digest: str) -> None:
        self._redis.delete(self._keys.idempotency(digest))
