"""Redis rows as typed records: what a store reads, converted once at its boundary.

Redis keeps text; these records keep what the text means (numbers, flags, parsed JSON), so
no code past a store parses a field again. Writes stay field mappings: a store writes only
the fields a step changes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from smart_support.config import CATEGORIES


def _json(value: str | None) -> Any:
    return json.loads(value) if value else None


def _float(value: str | None) -> float | None:
    return float(value) if value else None


def _int(value: str | None) -> int | None:
    return int(value) if value else None


# Fields Redis keeps as text that mean something else: JSON objects, numbers.
_PARSERS: tuple[tuple[frozenset[str], Callable[[str | None], Any]], ...] = (
    (frozenset({"metadata", "explanation", "correction"}), _json),
    (frozenset({"category_confidence", "urgency_score"}), _float),
    (frozenset({"created_ms", "attempts"}), _int),
)


class TicketRecord(BaseModel):
    """One ticket's hash (``Keys.ticket``): intake's fields, then processing's decision."""

    model_config = ConfigDict(frozen=True)

    ticket_id: str
    status: str | None = None
    subject: str | None = None
    body: str | None = None
    description: str | None = None
    customer_id: str | None = None
    channel: str | None = None
    metadata: dict[str, Any] | None = None
    submitted_by: str | None = None
    created_at: str | None = None
    created_ms: int | None = None
    updated_at: str | None = None
    processing_at: str | None = None
    completed_at: str | None = None
    resolved_at: str | None = None
    dequeued_at: str | None = None
    attempts: int | None = None
    category: str | None = None
    category_confidence: float | None = None
    urgency_score: float | None = None
    urgency_label: str | None = None
    model: str | None = None
    assigned_agent: str | None = None
    taken_by: str | None = None
    incident_id: str | None = None
    needs_review: bool | None = None
    explanation: dict[str, Any] | None = None
    correction: dict[str, Any] | None = None

    @classmethod
    def from_row(cls, ticket_id: str, row: Mapping[str, str]) -> TicketRecord:
        """The record of a hash as Redis answers it (every value text, JSON for objects)."""
        data: dict[str, Any] = {name: row[name] for name in cls.model_fields if name in row}
        data.setdefault("ticket_id", ticket_id)
        for names, parse in _PARSERS:
            for name in names & data.keys():
                data[name] = parse(data[name])
        if "needs_review" in data:
            data["needs_review"] = data["needs_review"] == "1"
        return cls.model_validate(data)

    @property
    def text_body(self) -> str:
        """Body and description, the non-blank ones, one per line."""
        return "\n".join(t for t in (self.body, self.description) if t and t.strip())


class AgentRecord(BaseModel):
    """One agent's entry in the registry hash (JSON): its skills, capacity and status."""

    skills: dict[str, float]
    capacity: int
    status: Literal["online", "offline"]

    @classmethod
    def from_json(cls, raw: str) -> AgentRecord:
        """Lenient: unknown categories are dropped, anything but "online" is offline."""
        record = json.loads(raw)
        skills = record.get("skills")
        return cls(
            skills=(
                {k: float(v) for k, v in skills.items() if k in CATEGORIES}
                if isinstance(skills, dict)
                else {}
            ),
            capacity=int(record.get("capacity", 0)),
            status="online" if record.get("status") == "online" else "offline",
        )


@dataclass(frozen=True)
class IncidentRecord:
    """One master incident's hash, which ``scripts/dedup_apply.lua`` writes (times in epoch s)."""

    incident_id: str
    representative_text: str
    category: str
    member_count: int
    first_seen: float
    last_seen: float
    max_urgency: float
    embedding_space: str

    @classmethod
    def from_row(cls, row: Mapping[str, str]) -> IncidentRecord:
        return cls(
            incident_id=row["incident_id"],
            representative_text=row.get("representative_text", ""),
            category=row.get("category", ""),
            member_count=int(row["member_count"]),
            first_seen=float(row["first_seen"]),
            last_seen=float(row["last_seen"]),
            max_urgency=float(row["max_urgency"]),
            embedding_space=row.get("embedding_space", ""),
        )
