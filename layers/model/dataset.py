"""The labelled texts the heads learn from and are judged on.

Three kinds, never mixed up:
- the project's own hand-written tickets (data/tickets), with a fixed train / held-out
  split that depends only on each ticket's id (sha256), so adding tickets never moves an
  old one across the line;
- real public text for training (data/real/train), every record used for training;
- real public text for the external evaluation (data/real/external), never read by the
  build. A source (repository, site, database) is on one side only: `sources_overlap`
  checks it.

Real records may lack an urgency label (``urgency`` None): the category head learns from
them, the urgency head does not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from smart_support.masking import model_text

HELD_OUT_FRACTION = 0.2
URGENT_CUT = 0.8  # a target above this is "urgent", as Slack alerts use S > 0.8
DATA = Path(__file__).resolve().parents[2] / "data"
DEFAULT_DATA_DIR = DATA / "tickets"
REAL_TRAIN_DIR = DATA / "real" / "train"
CORRECTIONS_DIR = DATA / "corrections"  # agents' corrections, make export-corrections
EXTERNAL_DIR = DATA / "real" / "external"
URGENCY_PROBE = DATA / "eval" / "urgency_probe.jsonl"
# A second probe by another writer who read neither the training tickets nor the first
# probe (the first one's misses had shaped a training batch's brief: data/eval/README.md).
URGENCY_PROBE_B = DATA / "eval" / "urgency_probe_b.jsonl"
IN_HOUSE = "in-house"  # the source name of the project's own tickets


@dataclass(frozen=True)
class Ticket:
    id: str
    text: str
    category: str
    urgency: float | None  # None: the source has no urgency signal for it
    channel: str
    source: str = IN_HOUSE

    @property
    def group(self) -> str:
        """What cross-validation keeps together: a real source whole, in-house by ticket."""
        return self.id if self.source == IN_HOUSE else f"source:{self.source}"


def split_position(ticket_id: str) -> float:
    """Where the id falls in [0, 1); the last HELD_OUT_FRACTION is held out."""
    digest = hashlib.sha256(ticket_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2.0**64


def is_held_out(ticket_id: str) -> bool:
    return split_position(ticket_id) >= 1.0 - HELD_OUT_FRACTION


def load_tickets(
    data_dir: Path = DEFAULT_DATA_DIR, categories: Iterable[str] = (), *, required: bool = True
) -> list[Ticket]:
    """Every ticket of every ``*.jsonl`` file under ``data_dir``, sorted by id.

    A record with a ``source`` field is real public text from that source; without one it
    is one of the project's own tickets.
    """
    files = sorted(Path(data_dir).glob("*.jsonl"))
    if not files and required:
        raise FileNotFoundError(f"no *.jsonl ticket files in {data_dir}")
    allowed = set(categories)
    tickets: dict[str, Ticket] = {}
    for path in files:
        for ticket, where in read_file(path, allowed):
            if ticket.id in tickets:
                raise ValueError(f"{where}: duplicate id {ticket.id!r}")
            tickets[ticket.id] = ticket
    return [tickets[k] for k in sorted(tickets)]


def read_file(path: Path, allowed: set[str]) -> list[tuple[Ticket, str]]:
    """Each record of one ``*.jsonl`` file, with where it was (file:line)."""
    found: list[tuple[Ticket, str]] = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        where = f"{path.name}:{line_no}"
        if allowed and row["category"] not in allowed:
            raise ValueError(f"{where}: unknown category {row['category']!r}")
        urgency = None if row.get("urgency") is None else float(row["urgency"])
        if urgency is not None and not 0.0 <= urgency <= 1.0:
            raise ValueError(f"{where}: urgency {urgency} outside [0, 1]")
        ticket = Ticket(
            id=row["id"],
            text=model_text(row.get("subject", ""), row.get("body", "")),
            category=row["category"],
            urgency=urgency,
            channel=row.get("channel", ""),
            source=row.get("source", IN_HOUSE),
        )
        found.append((ticket, where))
    return found


def split(tickets: list[Ticket]) -> tuple[list[Ticket], list[Ticket]]:
    """(train, held_out)."""
    train = [t for t in tickets if not is_held_out(t.id)]
    test = [t for t in tickets if is_held_out(t.id)]
    return train, test


def sources_overlap(train: Iterable[Ticket], external: Iterable[Ticket]) -> set[str]:
    """Sources found on both sides of the train / external line (must be empty)."""
    return {t.source for t in train} & {t.source for t in external}


def training_set(
    data_dir: Path = DEFAULT_DATA_DIR,
    real_dir: Path = REAL_TRAIN_DIR,
    categories: Iterable[str] = (),
    corrections_dir: Path | None = CORRECTIONS_DIR,
) -> tuple[list[Ticket], list[Ticket]]:
    """(what the heads learn from, the in-house held-out split).

    The first is the in-house training split plus every real training record and every
    agent's correction (source "agent-corrections": one cross-validation group, like a real
    source). A ticket corrected in several exports counts once, with its latest label.
    """
    categories = tuple(categories)
    train, held_out = split(load_tickets(data_dir, categories))
    real = load_tickets(real_dir, categories, required=False) if real_dir else []
    corrections = _corrections(corrections_dir, categories) if corrections_dir else []
    return train + real + corrections, held_out


def _corrections(corrections_dir: Path, categories: tuple[str, ...]) -> list[Ticket]:
    latest: dict[str, Ticket] = {}
    for path in sorted(Path(corrections_dir).glob("*.jsonl")):  # names sort by export time
        for ticket, _ in read_file(path, set(categories)):
            latest[ticket.id] = ticket
    return [latest[k] for k in sorted(latest)]
