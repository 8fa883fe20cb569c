"""Ticket storms: near-identical tickets fold into clusters and, past a threshold, one incident.

A ticket joins the most similar active cluster (cosine > ``dedup_similarity`` with the
cluster's representative, the first member's embedding) or starts a new one. When a cluster
gathers more than ``storm_min_tickets`` members within ``storm_window_seconds``, one master
incident opens and every later member joins it. Each batch costs two Redis round trips (one
Lua read, one Lua apply), whatever the size of the storm; representatives are cached per
process, so a warm detector only downloads the clusters created since its last read.
"""

from __future__ import annotations

import base64
import json
import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import redis
from aws_lambda_powertools.metrics import MetricUnit

from smart_support.config import Settings
from smart_support.formats import unit_interval
from smart_support.keys import Keys
from smart_support.observability import MetricName, metrics
from smart_support.scripting import register

# Excerpts travel in every apply call and become the incident's representative text.
EXCERPT_CHARS = 280
# Idle clusters removed per apply call: enough to keep up with any traffic, small enough
# that no single call does unbounded work.
_PRUNE_LIMIT = 100
# Embeddings are L2-normalised by contract; only visibly wrong norms are corrected, so an
# exact cosine (as in tests at the threshold) is not disturbed by renormalising.
_NORM_TOLERANCE = 1e-3


class StormContentionError(RuntimeError):
    """The batch lost the optimistic-concurrency race too often; retry the batch later."""


class MetricsSink(Protocol):
    def add_metric(self, name: str, unit: Any, value: float) -> None: ...


@dataclass(frozen=True)
class StormInput:
    ticket_id: str
    embedding: tuple[float, ...]
    embedding_space: str
    excerpt: str
    category: str
    urgency: float
    at: float  # epoch seconds the ticket arrived


@dataclass(frozen=True)
class StormDecision:
    ticket_id: str
    cluster_id: str
    # Set when the ticket belongs to a master incident: status master_incident, no own alert.
    incident_id: str | None
    # True for exactly one ticket per incident, the one that pushed the count over the
    # threshold; its caller sends the single incident alert.
    opened_incident: bool
    # With opened_incident only: earlier members to relabel master_incident.
    linked_ticket_ids: tuple[str, ...]
    # Members of the storm when this ticket was counted: inside the window before the
    # incident opened, the incident's member count afterwards.
    member_count: int


def _as_list(value: Any) -> list[Any]:
    # cjson encodes an empty Lua table as {}, so an empty array can come back as a dict.
    return value if isinstance(value, list) else []


def _decision(raw: str) -> StormDecision:
    rec = json.loads(raw)
    return StormDecision(
        ticket_id=str(rec["t"]),
        cluster_id=str(rec["c"]),
        incident_id=rec.get("i"),
        opened_incident=bool(rec.get("o", False)),
        linked_ticket_ids=tuple(str(t) for t in _as_list(rec.get("l"))),
        member_count=int(rec["n"]),
    )


def _encode_vector(vector: np.ndarray) -> str:
    return base64.b64encode(vector.astype("<f4").tobytes()).decode("ascii")


def _decode_vector(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<f4").astype(np.float64)


@dataclass
class _SpaceCache:
    """Representatives of one embedding space seen by this process (they never change)."""

    known_ver: int = -1
    vectors: dict[str, np.ndarray] = field(default_factory=dict)
    _ids: tuple[str, ...] = ()
    _matrix: np.ndarray | None = None

    def matrix(self, ids: tuple[str, ...]) -> np.ndarray:
        # During a storm the active set is stable, so the stacked matrix is reused.
        if ids != self._ids or self._matrix is None:
            self._ids = ids
            self._matrix = np.stack([self.vectors[c] for c in ids]) if ids else np.empty((0, 0))
        return self._matrix


@dataclass
class _Snapshot:
    """Active clusters of one space as one batch sees them, plus clusters the batch creates."""

    ids: list[str]
    matrix: np.ndarray
    last_seen: np.ndarray
    new_vectors: list[np.ndarray] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    new_last_seen: list[float] = field(default_factory=list)


class StormDetector:
    """Assigns tickets to storm clusters and opens master incidents; safe across Lambdas."""

    def __init__(
        self,
        redis_client: redis.Redis,
        keys: Keys,
        settings: Settings,
        *,
        max_attempts: int = 6,
        metrics_sink: MetricsSink | None = None,
    ) -> None:
        self._redis = redis_client
        self._base = keys.storm_tag
        self._settings = settings
        self._max_attempts = max_attempts
        self._metrics: MetricsSink = metrics if metrics_sink is None else metrics_sink
        self._read = register(redis_client, "dedup_read")
        self._apply = register(redis_client, "dedup_apply")
        self._cache: dict[str, _SpaceCache] = {}
        # Cosine of each ticket decided by the last observe_batch to its cluster's
        # representative (1.0 for a ticket that founded its cluster), for explanations.
        self.similarity: dict[str, float] = {}

    def observe_batch(self, items: Sequence[StormInput]) -> dict[str, StormDecision]:
        """Decide every ticket of the batch; tickets without a usable embedding get no decision.

        A ticket observed before (SQS redelivery) gets its recorded decision back. Raises
        StormContentionError when concurrent callers kept invalidating the batch's view.
        """
        batch = self._unique(items)
        self.similarity = {}
        if not batch:
            return {}
        for _attempt in range(self._max_attempts):
            ver, recorded, snapshots = self._read_state(batch)
            decisions = {d.ticket_id: d for d in map(_decision, recorded)}
            todo = [item for item in batch if item.ticket_id not in decisions]
            if not todo:
                return decisions
            request = self._decide(todo, ver, snapshots)
            reply = json.loads(self._apply(keys=[self._base], args=[json.dumps(request)]))
            if reply[0] == "ok":
                fresh = []
                for raw, is_fresh in reply[1]:
                    decision = _decision(raw)
                    decisions[decision.ticket_id] = decision
                    if is_fresh:
                        fresh.append(decision)
                self._emit(fresh)
                return decisions
        raise StormContentionError(
            f"storm batch of {len(batch)} tickets lost {self._max_attempts} concurrent races"
        )

    @staticmethod
    def _unique(items: Sequence[StormInput]) -> list[StormInput]:
        seen: set[str] = set()
        batch = []
        for item in items:
            if item.embedding and item.embedding_space and item.ticket_id not in seen:
                seen.add(item.ticket_id)
                batch.append(item)
        return batch

    def _read_state(self, batch: list[StormInput]) -> tuple[int, list[str], dict[str, _Snapshot]]:
        spaces = sorted({item.embedding_space for item in batch})
        cutoff = min(item.at for item in batch) - self._settings.storm_window_seconds
        ver, recorded, raw_spaces = self._read_once(batch, spaces, cutoff, full=False)
        snapshots: dict[str, _Snapshot] = {}
        missing = False
        for name, active, reps in raw_spaces:
            cache = self._cache.setdefault(name, _SpaceCache())
            for cid, text in _as_list(reps):
                cache.vectors[cid] = _decode_vector(text)
            if any(cid not in cache.vectors for cid in _as_list(active)[0::2]):
                missing = True
        if missing:
            # The cache lost a cluster (evicted earlier, or Redis restarted): read everything.
            ver, recorded, raw_spaces = self._read_once(batch, spaces, cutoff, full=True)
            for name, _active, reps in raw_spaces:
                cache = self._cache[name]
                cache.vectors = {cid: _decode_vector(text) for cid, text in _as_list(reps)}
        for name, active, _reps in raw_spaces:
            cache = self._cache[name]
            flat = _as_list(active)
            pairs = [
                (cid, float(score))
                for cid, score in zip(flat[0::2], flat[1::2], strict=True)
                if cid in cache.vectors
            ]
            active_ids = {cid for cid, _ in pairs}
            # Inactive representatives are dropped so the cache tracks current traffic only.
            cache.vectors = {c: v for c, v in cache.vectors.items() if c in active_ids}
            cache.known_ver = ver
            ids = tuple(cid for cid, _ in pairs)
            snapshots[name] = _Snapshot(
                ids=list(ids),
                matrix=cache.matrix(ids),
                last_seen=np.array([score for _, score in pairs], dtype=np.float64),
            )
        return ver, [str(r) for r in recorded], snapshots

    def _read_once(
        self, batch: list[StormInput], spaces: list[str], cutoff: float, *, full: bool
    ) -> tuple[int, list[Any], list[Any]]:
        request = {
            "cutoff": repr(cutoff),
            "tickets": [item.ticket_id for item in batch],
            "spaces": [
                [name, -1 if full else self._cache.get(name, _SpaceCache()).known_ver]
                for name in spaces
            ],
        }
        ver, recorded, raw_spaces = json.loads(
            self._read(keys=[self._base], args=[json.dumps(request)])
        )
        if any(self._cache.get(n, _SpaceCache()).known_ver > int(ver) for n in spaces):
            # The version went backwards (data lost): the cache cannot be trusted.
            self._cache.clear()
            return self._read_once(batch, spaces, cutoff, full=True)
        return int(ver), _as_list(recorded), _as_list(raw_spaces)

    def _decide(
        self, todo: list[StormInput], ver: int, snapshots: dict[str, _Snapshot]
    ) -> dict[str, Any]:
        threshold = self._settings.dedup_similarity
        window = self._settings.storm_window_seconds
        new: dict[str, dict[str, str]] = {}
        ops: list[dict[str, Any]] = []
        for item in todo:
            snap = snapshots[item.embedding_space]
            vector = np.asarray(item.embedding, dtype=np.float64)
            norm = float(np.linalg.norm(vector))
            if norm == 0.0 or not math.isfinite(norm) or not math.isfinite(item.at):
                continue
            if abs(norm - 1.0) > _NORM_TOLERANCE:
                vector = vector / norm
            best_id, best_sim = None, threshold
            if snap.ids and snap.matrix.shape[1] == vector.shape[0]:
                sims = snap.matrix @ vector
                eligible = (snap.last_seen >= item.at - window) & (sims > threshold)
                if eligible.any():
                    row = int(np.argmax(np.where(eligible, sims, -np.inf)))
                    best_id, best_sim = snap.ids[row], float(sims[row])
            for j, rep in enumerate(snap.new_vectors):
                if snap.new_last_seen[j] >= item.at - window and rep.shape == vector.shape:
                    sim = float(rep @ vector)
                    if sim > best_sim:
                        best_id, best_sim = snap.new_ids[j], sim
            self.similarity[item.ticket_id] = round(best_sim if best_id else 1.0, 4)
            if best_id is None:
                best_id = uuid.uuid4().hex
                new[best_id] = {"s": item.embedding_space, "r": _encode_vector(vector)}
                # Compare later tickets with the representative as stored (float32).
                snap.new_vectors.append(_decode_vector(new[best_id]["r"]))
                snap.new_ids.append(best_id)
                snap.new_last_seen.append(item.at)
            elif best_id in snap.new_ids:
                j = snap.new_ids.index(best_id)
                snap.new_last_seen[j] = max(snap.new_last_seen[j], item.at)
            else:
                row = snap.ids.index(best_id)
                snap.last_seen[row] = max(snap.last_seen[row], item.at)
            ops.append(
                {
                    "t": item.ticket_id,
                    "c": best_id,
                    "s": item.embedding_space,
                    "a": item.at,
                    "u": unit_interval(item.urgency),
                    "x": item.excerpt[:EXCERPT_CHARS],
                    "g": item.category,
                }
            )
        return {
            "ver": ver,
            "now": max(item.at for item in todo),
            "window": window,
            "min_tickets": self._settings.storm_min_tickets,
            "cluster_ttl": 3 * window,
            "record_ttl": self._settings.ticket_ttl_seconds,
            "prune_limit": _PRUNE_LIMIT,
            "spaces": sorted(snapshots),
            "new": new,
            "ops": ops,
        }

    def _emit(self, fresh: list[StormDecision]) -> None:
        # Counted once, when a ticket first becomes an incident member (joined or relabelled).
        members = sum(1 for d in fresh if d.incident_id) + sum(
            len(d.linked_ticket_ids) for d in fresh if d.opened_incident
        )
        opened = sum(1 for d in fresh if d.opened_incident)
        if members:
            self._metrics.add_metric(
                name=MetricName.STORM_MEMBERS, unit=MetricUnit.Count, value=members
            )
        if opened:
            self._metrics.add_metric(
                name=MetricName.INCIDENTS_OPENED, unit=MetricUnit.Count, value=opened
            )
