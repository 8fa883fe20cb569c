"""The labelled ticket set the heads learn from, and its fixed train / held-out split.

The split depends only on each ticket's id (sha256), so adding tickets never moves an
old one across the line, and `make eval` scores exactly the tickets training never saw.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from smart_support.encoder import model_text

HELD_OUT_FRACTION = 0.2
URGENT_CUT = 0.8  # a target above this is "urgent", as Slack alerts use S > 0.8
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "tickets"


@dataclass(frozen=True)
class Ticket:
    id: str
    text: str
    category: str
    urgency: float
    channel: str


def split_position(ticket_id: str) -> float:
    """Where the id falls in [0, 1); the last HELD_OUT_FRACTION is held out."""
    digest = hashlib.sha256(ticket_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2.0**64


def is_held_out(ticket_id: str) -> bool:
    return split_position(ticket_id) >= 1.0 - HELD_OUT_FRACTION


def load_tickets(data_dir: Path = DEFAULT_DATA_DIR, categories: Iterable[str] = ()) -> list[Ticket]:
    """Every ticket of every ``*.jsonl`` file under ``data_dir``, sorted by id."""
    files = sorted(Path(data_dir).glob("*.jsonl"))
    if not files:
        raise FileNotFoundError(f"no *.jsonl ticket files in {data_dir}")
    allowed = set(categories)
    tickets: dict[str, Ticket] = {}
    for path in files:
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            where = f"{path.name}:{line_no}"
            if allowed and row["category"] not in allowed:
                raise ValueError(f"{where}: unknown category {row['category']!r}")
            urgency = float(row["urgency"])
            if not 0.0 <= urgency <= 1.0:
                raise ValueError(f"{where}: urgency {urgency} outside [0, 1]")
            if row["id"] in tickets:
                raise ValueError(f"{where}: duplicate id {row['id']!r}")
            tickets[row["id"]] = Ticket(
                id=row["id"],
                text=model_text(row.get("subject", ""), row.get("body", "")),
                category=row["category"],
                urgency=urgency,
                channel=row.get("channel", ""),
            )
    return [tickets[k] for k in sorted(tickets)]


def split(tickets: list[Ticket]) -> tuple[list[Ticket], list[Ticket]]:
    """(train, held_out)."""
    train = [t for t in tickets if not is_held_out(t.id)]
    test = [t for t in tickets if is_held_out(t.id)]
    return train, test
