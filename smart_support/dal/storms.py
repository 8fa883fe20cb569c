"""Storm state in Redis: the clusters a batch is decided against, and the plan applied.

Each batch costs two Redis round trips (one Lua read, one Lua apply), whatever the size of
the storm; representatives are cached per process, so a warm detector only downloads the
clusters created since its last read. The decisions themselves are ``dedup.plan_batch``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import redis
from aws_lambda_powertools.metrics import MetricUnit

from smart_support.config import Settings
from smart_support.dedup import (
    SpaceView,
    StormDecision,
    StormInput,
    StormRules,
    _decision,
    _decode_vector,
    as_list,
    known_active,
    plan_batch,
    storm_counts,
    unique_inputs,
)
from smart_support.keys import Keys
from smart_support.observability import MetricName, metrics
from smart_support.scripting import register


class StormContentionError(RuntimeError):
    """The batch lost the optimistic-concurrency race too often; retry the batch later."""


class MetricsSink(Protocol):
    def add_metric(self, name: str, unit: Any, value: float) -> None: ...


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

    def absorb(self, reps: Any) -> None:
        for cid, text in as_list(reps):
            self.vectors[cid] = _decode_vector(text)

    def knows_all(self, active: Any) -> bool:
        return all(cid in self.vectors for cid in as_list(active)[0::2])

    def view(self, active: Any, ver: int) -> SpaceView:
        """The active clusters as a batch sees them; inactive representatives are dropped
        so the cache tracks current traffic only."""
        pairs = known_active(as_list(active), self.vectors)
        ids = tuple(cid for cid, _ in pairs)
        self.vectors = {cid: self.vectors[cid] for cid in ids}
        self.known_ver = ver
        return SpaceView(
            ids=list(ids),
            matrix=self.matrix(ids),
            last_seen=np.array([score for _, score in pairs], dtype=np.float64),
        )


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
        batch = unique_inputs(items)
        self.similarity = {}
        if not batch:
            return {}
        for _attempt in range(self._max_attempts):
            ver, recorded, views = self._read_state(batch)
            decisions = {d.ticket_id: d for d in map(_decision, recorded)}
            todo = [item for item in batch if item.ticket_id not in decisions]
            if not todo:
                return decisions
            request = self._decide(todo, ver, views)
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

    def _read_state(self, batch: list[StormInput]) -> tuple[int, list[str], dict[str, SpaceView]]:
        spaces = sorted({item.embedding_space for item in batch})
        cutoff = min(item.at for item in batch) - self._settings.storm_window_seconds
        ver, recorded, raw_spaces = self._read_once(batch, spaces, cutoff, full=False)
        for name, _active, reps in raw_spaces:
            self._cache.setdefault(name, _SpaceCache()).absorb(reps)
        if not all(self._cache[name].knows_all(active) for name, active, _ in raw_spaces):
            # The cache lost a cluster (evicted earlier, or Redis restarted): read everything.
            ver, recorded, raw_spaces = self._read_once(batch, spaces, cutoff, full=True)
            for name, _active, reps in raw_spaces:
                self._cache[name].vectors = {}
                self._cache[name].absorb(reps)
        views = {name: self._cache[name].view(active, ver) for name, active, _ in raw_spaces}
        return ver, [str(r) for r in recorded], views

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
        return int(ver), as_list(recorded), as_list(raw_spaces)

    def _decide(
        self, todo: list[StormInput], ver: int, views: dict[str, SpaceView]
    ) -> dict[str, Any]:
        plan = plan_batch(todo, ver, views, StormRules.of(self._settings))
        self.similarity.update(plan.similarity)
        return plan.request

    def _emit(self, fresh: list[StormDecision]) -> None:
        members, opened = storm_counts(fresh)
        if members:
            self._metrics.add_metric(
                name=MetricName.STORM_MEMBERS, unit=MetricUnit.Count, value=members
            )
        if opened:
            self._metrics.add_metric(
                name=MetricName.INCIDENTS_OPENED, unit=MetricUnit.Count, value=opened
            )
