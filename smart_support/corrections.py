"""Agents' corrections as training data: the export for the next model build.

``python -m smart_support.corrections`` (``make export-corrections``) writes the corrections
stream (``logic/correct.py`` appends to it) as labelled JSONL in the training records'
shape, which layers/model/build.py reads from data/corrections/.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import redis

from smart_support.config import load_settings
from smart_support.dal.corrections import CorrectionLog
from smart_support.keys import Keys

SOURCE = "agent-corrections"  # the source name training records carry


def training_records(entries: Iterator[dict[str, str]]) -> list[dict[str, Any]]:
    """One labelled record per corrected ticket (its latest correction), as build.py reads.

    The urgency is a label only when an agent set it; a category-only correction leaves the
    model's score, which teaches nothing, so it is null.
    """
    latest: dict[str, dict[str, str]] = {}
    for entry in entries:
        latest[entry["ticket_id"]] = entry
    return [
        {
            "id": f"corr-{ticket_id}",
            "source": SOURCE,
            "subject": entry.get("subject", ""),
            "body": entry.get("body", ""),
            "category": entry["to_category"],
            "urgency": float(entry["to_urgency"])
            if entry.get("urgency_corrected") == "1"
            else None,
            "meta": {
                "ticket_id": ticket_id,
                "corrected_by": entry.get("by", ""),
                "corrected_at": entry.get("at", ""),
                "from_category": entry.get("from_category", ""),
                "reason": entry.get("reason", ""),
            },
        }
        for ticket_id, entry in sorted(latest.items())
    ]


def export(client: redis.Redis, keys: Keys, out_dir: Path, name: str | None = None) -> Path:
    """Write the stream's corrections to OUT_DIR/NAME.jsonl; answers the file written."""
    records = training_records(CorrectionLog(client, keys).entries())
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = out_dir / f"{name or stamp}.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records),
        encoding="utf-8",
    )
    return path


def main(argv: Sequence[str] | None = None) -> int:
    from smart_support.credentials import redis_client_from

    parser = argparse.ArgumentParser(prog="make export-corrections", description=__doc__)
    parser.add_argument("--redis-url", default="", help="the cache (default: REDIS_URL)")
    parser.add_argument("--redis-url-parameter", default="", help="SSM name of the URL")
    parser.add_argument("--redis-auth-secret", default="", help="Secrets Manager id of AUTH")
    parser.add_argument("--key-prefix", default=None, help="(default: KEY_PREFIX, else ss)")
    parser.add_argument("--out", type=Path, default=Path("data/corrections"))
    parser.add_argument("--name", default=None, help="file name (default: the UTC time)")
    args = parser.parse_args(argv)
    path = export(
        redis_client_from(args),
        Keys(args.key_prefix or load_settings().key_prefix),
        args.out,
        args.name,
    )
    lines = sum(1 for _ in path.open(encoding="utf-8"))
    print(json.dumps({"wrote": str(path), "records": lines}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
