"""Agents' corrections in Redis: one bounded stream (``Keys.corrections``), appended to by
``logic.correct`` and read by the API (the latest) and by the export (all of it)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, cast

import redis

from smart_support.keys import Keys

HIDDEN = ("subject", "body")  # the ticket's text: in the export, never in the API's list


class CorrectionLog:
    def __init__(self, client: redis.Redis, keys: Keys) -> None:
        self._redis = client
        self._stream = keys.corrections()

    def append(self, fields: Mapping[str, str], max_length: int) -> None:
        """Add one correction; the stream keeps about ``max_length`` of the latest."""
        entry: dict[Any, Any] = dict(fields)
        self._redis.xadd(self._stream, entry, maxlen=max_length, approximate=True)

    def recent(self, limit: int) -> list[dict[str, Any]]:
        """The latest corrections, newest first, without the ticket text."""
        rows = cast(list[Any], self._redis.xrevrange(self._stream, count=limit))
        return [
            {"id": entry_id, **{k: v for k, v in fields.items() if k not in HIDDEN}}
            for entry_id, fields in rows
        ]

    def entries(self, page: int = 500) -> Iterator[dict[str, str]]:
        """Every correction, oldest first, read a page at a time."""
        start = "-"
        while True:
            rows = cast(list[Any], self._redis.xrange(self._stream, min=start, count=page))
            for entry_id, fields in rows:
                yield {"entry_id": entry_id, **fields}
            if len(rows) < page:
                return
            start = "(" + rows[-1][0]
