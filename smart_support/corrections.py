"""Agents' corrections: re-route the ticket, record the label, export it for the next build.

A correction is applied to the ticket hash by one Lua script (``ticket_correct``), so a
repeat of the same correction changes nothing and records nothing. A real change is then
appended to a bounded Redis stream (the export's source), counted by from -> to category,
and, for a ticket still open, re-routed: its old agent's slot is freed, the router assigns
it by the new category, and it is re-filed in the ready queue's views.

``python -m smart_support.corrections export`` (``make export-corrections``) writes the
stream as labelled JSONL in the training records' shape, which layers/model/build.py reads
from data/corrections/.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import redis
from pydantic import BaseModel, ConfigDict, Field, model_validator

from smart_support.access import Principal, require_own_ticket
from smart_support.agents import AgentRegistry
from smart_support.classification import urgency_label
from smart_support.config import Category, load_settings
from smart_support.dispatch import Dispatcher
from smart_support.errors import Conflict, NotFound
from smart_support.formats import now_iso
from smart_support.keys import Keys
from smart_support.observability import MetricName, count_by, logger, metrics, tracer
from smart_support.routing import RoutingTicket
from smart_support.scripting import register
from smart_support.services import Services

SOURCE = "agent-corrections"  # the source name training records carry
STREAM_TEXT_CHARS = 4000  # the encoder reads 256 tokens; more text teaches nothing


class CorrectionIn(BaseModel):
    """Body of POST /tickets/{id}/correction: a new category and/or urgency score."""

    model_config = ConfigDict(extra="forbid")

    category: Category | None = None
    urgency_score: float | None = Field(default=None, ge=0.0, le=1.0, allow_inf_nan=False)
    reason: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def changes_something(self) -> CorrectionIn:
        if self.category is None and self.urgency_score is None:
            raise ValueError("give a category, an urgency_score or both")
        return self


@tracer.capture_method(capture_response=False)
def apply_correction(
    services: Services, ticket_id: str, correction: CorrectionIn, caller: Principal
) -> bool:
    """Correct a ticket; True if anything changed (False for a repeat)."""
    store = services.store
    row = store.get(ticket_id)
    if row is None:
        raise NotFound(f"no ticket {ticket_id}")
    require_own_ticket(caller, row, "correct")
    at = now_iso()
    outcome, status, from_cat, from_urg, to_cat, to_urg = _correct_atomically(
        services, ticket_id, correction, caller, at
    )
    if outcome == "missing":
        raise NotFound(f"no ticket {ticket_id}")
    if outcome == "unprocessed":
        raise Conflict(f"ticket {ticket_id} is {status}: correct it once it is processed")
    if outcome == "same":
        return False
    _record(services, ticket_id, row, caller, at, correction.reason, from_cat, to_cat)
    services.redis.xadd(
        services.keys.corrections(),
        {
            "ticket_id": ticket_id,
            "by": caller.principal_id,
            "at": at,
            "from_category": from_cat,
            "to_category": to_cat,
            "from_urgency": from_urg,
            "to_urgency": to_urg,
            "urgency_corrected": "1" if correction.urgency_score is not None else "0",
            "reason": correction.reason or "",
            "subject": (row.get("subject") or "")[:STREAM_TEXT_CHARS],
            "body": _body(row)[:STREAM_TEXT_CHARS],
        },
        maxlen=services.settings.corrections_stream_length,
        approximate=True,
    )
    if status == "completed":  # resolved and incident tickets only record the label
        _reroute(services, ticket_id, to_cat, float(to_urg))
    return True


def _correct_atomically(
    services: Services, ticket_id: str, correction: CorrectionIn, caller: Principal, at: str
) -> list[str]:
    """Run ticket_correct.lua: outcome, status, from/to category, from/to urgency."""
    score = correction.urgency_score
    urgency = "" if score is None else f"{score:.4f}"
    label = "" if score is None else urgency_label(score, services.settings)
    script = register(services.redis, "ticket_correct")
    answer = script(
        keys=[services.keys.ticket(ticket_id)],
        args=[
            correction.category or "",
            urgency,
            label,
            caller.principal_id,
            at,
            (correction.reason or "").replace("\x00", ""),
        ],
    )
    return [str(v) for v in answer]


def _body(row: dict[str, str]) -> str:
    return "\n".join(t for t in (row.get("body"), row.get("description")) if t and t.strip())


def _record(
    services: Services,
    ticket_id: str,
    row: dict[str, str],
    caller: Principal,
    at: str,
    reason: str | None,
    from_cat: str,
    to_cat: str,
) -> None:
    metrics.add_metric(name=MetricName.CORRECTIONS, unit="Count", value=1)
    count_by(MetricName.CORRECTIONS, from_category=from_cat, to_category=to_cat)
    logger.info(
        "ticket corrected",
        extra={
            "ticket_id": ticket_id,
            "by": caller.principal_id,
            "from_category": from_cat,
            "to_category": to_cat,
            "model": row.get("model"),
        },
    )


def _reroute(services: Services, ticket_id: str, category: str, urgency: float) -> None:
    """Free the old agent, route by the new category, re-file the ticket in the queue."""
    store = services.store
    registry = AgentRegistry(services.redis, services.keys)
    router = Dispatcher(registry)
    old = registry.unassign(ticket_id)
    ticket = RoutingTicket(ticket_id, category, urgency)
    agent = router.route_batch([ticket])[ticket_id]
    fields: dict[str, Any] = {"updated_at": now_iso()}
    if agent:
        fields["assigned_agent"] = agent
    else:
        services.redis.hdel(services.keys.ticket(ticket_id), "assigned_agent", "taken_by")
    explanation = (store.get(ticket_id) or {}).get("explanation")
    if explanation:
        fields["explanation"] = {
            **json.loads(explanation),
            "routing": router.explain(ticket, agent),
        }
    store.update(ticket_id, fields)
    store.refile(ticket_id, urgency, category, agent)
    if old and old != agent:
        # The freed slot may let the old agent take a ticket that was waiting.
        for waiting_id, taker in router.drain_waiting().items():
            store.hand_over(waiting_id, taker)


def recent(client: redis.Redis, keys: Keys, limit: int) -> list[dict[str, Any]]:
    """The latest corrections, newest first, without the ticket text."""
    rows = cast(list[Any], client.xrevrange(keys.corrections(), count=limit))
    hidden = ("subject", "body")
    return [
        {"id": entry_id, **{k: v for k, v in fields.items() if k not in hidden}}
        for entry_id, fields in rows
    ]


def _entries(client: redis.Redis, stream: str, page: int = 500) -> Iterator[dict[str, str]]:
    start = "-"
    while True:
        rows = cast(list[Any], client.xrange(stream, min=start, count=page))
        for entry_id, fields in rows:
            yield {"entry_id": entry_id, **fields}
        if len(rows) < page:
            return
        start = "(" + rows[-1][0]


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
    records = training_records(_entries(client, keys.corrections()))
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
