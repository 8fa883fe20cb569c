"""The read side of storms: master incidents for the API, newest first, members paginated.

The storm detector (``dal.storms``) writes the incident records; this module only reads them.
"""

from __future__ import annotations

import re
import time
from typing import Any

import redis

from smart_support.config import Settings, get_settings
from smart_support.formats import INCIDENT_ID_PATTERN, InvalidCursorError, iso_utc
from smart_support.keys import Keys
from smart_support.records import IncidentRecord

INCIDENT_ID_RE = re.compile(INCIDENT_ID_PATTERN)
_INCIDENT_CURSOR_RE = re.compile(r"^\d{15}\|inc_[0-9a-f]{32}$")


class IncidentStore:
    """Reads master incidents for the API: newest first, members paginated, no key scans."""

    def __init__(
        self, redis_client: redis.Redis, keys: Keys, settings: Settings | None = None
    ) -> None:
        self._redis = redis_client
        self._base = keys.storm_tag
        self._settings = settings

    @property
    def _window(self) -> int:
        settings = self._settings if self._settings is not None else get_settings()
        return settings.storm_window_seconds

    def list_incidents(
        self, limit: int = 20, cursor: str | None = None, *, now: float | None = None
    ) -> tuple[list[dict[str, Any]], str | None]:
        """One page of incident summaries (no member ids), newest first, and the next cursor."""
        if limit < 1:
            raise ValueError("limit must be positive")
        if cursor is not None and not _INCIDENT_CURSOR_RE.match(cursor):
            raise InvalidCursorError("cursor was not produced by this listing")
        start = f"({cursor}" if cursor else "+"
        # Keyset pagination on "<opened ms>|<id>": stable while new incidents arrive.
        entries = self._redis.zrevrangebylex(
            f"{self._base}:incidents", start, "-", start=0, num=limit + 1
        )
        page = [str(e) for e in entries[:limit]]
        pipe = self._redis.pipeline(transaction=False)
        for entry in page:
            pipe.hgetall(f"{self._base}:i:{entry.split('|', 1)[1]}")
        rows = pipe.execute() if page else []
        moment = time.time() if now is None else now
        # Incidents whose record expired are skipped; the index is trimmed by age on writes.
        items = [self._summary(row, moment) for row in rows if row]
        next_cursor = page[-1] if len(entries) > limit else None
        return items, next_cursor

    def get_incident(
        self,
        incident_id: str,
        member_limit: int = 100,
        member_cursor: str | None = None,
        *,
        now: float | None = None,
    ) -> dict[str, Any] | None:
        """The incident with one page of member ids (arrival order), or None when unknown."""
        if not INCIDENT_ID_RE.match(incident_id):
            return None
        if member_limit < 1:
            raise ValueError("member_limit must be positive")
        offset = 0
        if member_cursor is not None:
            if not member_cursor.isdigit():
                raise InvalidCursorError("member cursor was not produced by this incident")
            offset = int(member_cursor)
        key = f"{self._base}:i:{incident_id}"
        pipe = self._redis.pipeline(transaction=False)
        pipe.hgetall(key)
        pipe.lrange(f"{key}:members", offset, offset + member_limit - 1)
        pipe.llen(f"{key}:members")
        row, members, total = pipe.execute()
        if not row:
            return None
        incident = self._summary(row, time.time() if now is None else now)
        incident["member_ids"] = [str(m) for m in members]
        end = offset + len(members)
        incident["next_member_cursor"] = str(end) if end < int(total) else None
        return incident

    def _summary(self, row: dict[str, str], now: float) -> dict[str, Any]:
        record = IncidentRecord.from_row(row)
        return {
            "incident_id": record.incident_id,
            "status": "open" if now - record.last_seen <= self._window else "quiet",
            "representative_text": record.representative_text,
            "category": record.category,
            "member_count": record.member_count,
            "first_seen": iso_utc(record.first_seen),
            "last_seen": iso_utc(record.last_seen),
            "max_urgency": record.max_urgency,
            "embedding_space": record.embedding_space,
        }
