"""The formats the API, the Redis rows and the scripts share: id patterns, timestamps, scores.

Each rule is written once here; routes, stores and decisions import it.
"""

from __future__ import annotations

import math
import time
from datetime import UTC, datetime

TICKET_ID_PATTERN = r"^tkt_[0-9a-f]{32}$"
INCIDENT_ID_PATTERN = r"^inc_[0-9a-f]{32}$"
# An agent id starts with a letter or digit, so it can never look like an option or a hidden
# name; the same rule holds for a path, a query parameter and the registry.
AGENT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"


class InvalidCursorError(ValueError):
    """A pagination cursor was not produced by this API (the routes answer 400)."""


def iso_utc(epoch: float | None = None) -> str:
    """An instant (default: now) in ISO 8601 UTC with milliseconds: 2026-12-01T10:00:00.000Z."""
    instant = datetime.fromtimestamp(time.time() if epoch is None else epoch, UTC)
    return instant.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def now_iso() -> str:
    return iso_utc()


def unit_interval(value: float) -> float:
    """A score clamped to [0, 1]; a score that is not a finite number counts as 0.

    NaN or infinity means a broken score, not an extreme one: it must not outrank real
    urgencies or poison an incident's maximum (and JSON cannot carry it).
    """
    if not isinstance(value, int | float):
        return 0.0
    number = float(value)
    return min(1.0, max(0.0, number)) if math.isfinite(number) else 0.0
