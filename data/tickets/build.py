"""Assemble data/tickets/tickets.jsonl from the hand-written source files in src/.

The source files contain literal tickets written by hand, one record per block:

    @<B|T|L> <channel> <urgency>
    <subject line, or "-" for no subject>
    <body: one or more lines, until the next "@" header>

This script only parses those records, checks them, assigns ids and writes JSONL.
It does not generate or alter any ticket text.

Ids are stable: a ticket whose text is already in tickets.jsonl keeps its id, and new
tickets get the next free ids, in an order shuffled with a fixed seed so categories
interleave. The held-out split hangs on the id (layers/model/dataset.py), so adding
tickets never moves an old one between training and evaluation.

Usage:  python data/tickets/build.py
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
OUT = HERE / "tickets.jsonl"
SEED = 20240611

CATS = {"B": "Billing", "T": "Technical", "L": "Legal"}
HEADER = re.compile(r"^@([BTL]) (email|chat|web|phone|social) ([01](?:\.\d{1,2})?)\s*$")
HEADER_START = re.compile(r"^@[A-Z] ")  # anything else starting with "@" is body text


def parse_file(path: Path) -> list[dict]:
    records: list[dict] = []
    cur: dict | None = None
    lines: list[str] = []

    def flush() -> None:
        if cur is None:
            return
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        if len(lines) < 2:
            raise ValueError(f"{path.name}: record without subject/body near {cur}")
        subject = lines[0].strip()
        if subject == "-":
            subject = ""
        body = "\n".join(line.rstrip() for line in lines[1:]).strip()
        if not body:
            raise ValueError(f"{path.name}: empty body for {subject!r}")
        records.append({**cur, "subject": subject, "body": body})

    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if HEADER_START.match(raw):
            m = HEADER.match(raw)
            if not m:
                raise ValueError(f"{path.name}:{n}: bad header {raw!r}")
            flush()
            cur = {
                "category": CATS[m.group(1)],
                "channel": m.group(2),
                "urgency": round(float(m.group(3)), 2),
                "_src": f"{path.name}:{n}",
            }
            lines = []
        elif cur is not None:
            lines.append(raw)
        elif raw.strip() and not raw.startswith("#"):
            raise ValueError(f"{path.name}:{n}: text before first header")
    flush()
    return records


def text_key(record: dict) -> str:
    """What makes two tickets the same: their words, case and spacing aside."""
    return " ".join((record["subject"] + " " + record["body"]).lower().split())


def known_ids(path: Path) -> dict[str, int]:
    """text key -> id number of every ticket already in ``path``."""
    if not path.exists():
        return {}
    ids: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            ids[text_key(row)] = int(row["id"][1:])
    return ids


def assign_ids(records: list[dict], known: dict[str, int]) -> list[tuple[int, dict]]:
    """(id number, record), sorted by id: old texts keep theirs, new ones follow, shuffled."""
    numbered = [(known[text_key(r)], r) for r in records if text_key(r) in known]
    fresh = [r for r in records if text_key(r) not in known]
    random.Random(SEED).shuffle(fresh)
    start = max(known.values(), default=0) + 1
    numbered.extend(enumerate(fresh, start))
    return sorted(numbered, key=lambda pair: pair[0])


def main() -> int:
    records: list[dict] = []
    for path in sorted(SRC.glob("*.txt")):
        records.extend(parse_file(path))

    seen: dict[str, str] = {}
    for r in records:
        if not 0.0 <= r["urgency"] <= 1.0:
            raise ValueError(f"urgency out of range at {r['_src']}")
        key = text_key(r)
        if key in seen:
            raise ValueError(f"duplicate text at {r['_src']} and {seen[key]}")
        seen[key] = r["_src"]

    numbered = assign_ids(records, known_ids(OUT))
    with OUT.open("w", encoding="utf-8") as fh:
        for i, r in numbered:
            obj = {
                "id": f"t{i:04d}",
                "subject": r["subject"],
                "body": r["body"],
                "channel": r["channel"],
                "category": r["category"],
                "urgency": r["urgency"],
            }
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")

    counts: dict[str, int] = {}
    for r in records:
        counts[r["category"]] = counts.get(r["category"], 0) + 1
    print(f"wrote {len(records)} tickets to {OUT}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
