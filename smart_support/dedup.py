"""Ticket storms, the decisions: which cluster each ticket joins, as pure functions.

A ticket joins the most similar active cluster (cosine > ``dedup_similarity`` with the
cluster's representative, the first member's embedding) or starts a new one. When a cluster
gathers more than ``storm_min_tickets`` members within ``storm_window_seconds``, one master
incident opens and every later member joins it; that count is kept in Redis and applied by
``scripts/dedup_apply.lua``. Nothing here reads or writes Redis: ``dal.storms`` reads the
clusters, asks ``plan_batch`` and applies its plan.
"""

from __future__ import annotations

import base64
import json
import math
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from smart_support.config import Settings
from smart_support.formats import unit_interval

# Excerpts travel in every apply call and become the incident's representative text.
EXCERPT_CHARS = 280
# Idle clusters removed per apply call: enough to keep up with any traffic, small enough
# that no single call does unbounded work.
PRUNE_LIMIT = 100
# Embeddings are L2-normalised by contract; only visibly wrong norms are corrected, so an
# exact cosine (as in tests at the threshold) is not disturbed by renormalising.
_NORM_TOLERANCE = 1e-3


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


@dataclass(frozen=True)
class StormRules:
    """The thresholds a batch is decided by (from Settings)."""

    similarity: float
    window: int
    min_tickets: int
    record_ttl: int

    @classmethod
    def of(cls, settings: Settings) -> StormRules:
        return cls(
            similarity=settings.dedup_similarity,
            window=settings.storm_window_seconds,
            min_tickets=settings.storm_min_tickets,
            record_ttl=settings.ticket_ttl_seconds,
        )


@dataclass(frozen=True)
class SpaceView:
    """The active clusters of one embedding space as a batch read them."""

    ids: list[str]
    matrix: np.ndarray  # one representative per row, in the order of ``ids``
    last_seen: np.ndarray  # epoch seconds of each cluster's latest member


@dataclass(frozen=True)
class StormPlan:
    """What ``dedup_apply.lua`` applies for a batch, and each ticket's cosine to its cluster."""

    request: dict[str, Any]
    similarity: dict[str, float]


def as_list(value: Any) -> list[Any]:
    # cjson encodes an empty Lua table as {}, so an empty array can come back as a dict.
    return value if isinstance(value, list) else []


def _decision(raw: str) -> StormDecision:
    rec = json.loads(raw)
    return StormDecision(
        ticket_id=str(rec["t"]),
        cluster_id=str(rec["c"]),
        incident_id=rec.get("i"),
        opened_incident=bool(rec.get("o", False)),
        linked_ticket_ids=tuple(str(t) for t in as_list(rec.get("l"))),
        member_count=int(rec["n"]),
    )


def _encode_vector(vector: np.ndarray) -> str:
    return base64.b64encode(vector.astype("<f4").tobytes()).decode("ascii")


def _decode_vector(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<f4").astype(np.float64)


def unique_inputs(items: Sequence[StormInput]) -> list[StormInput]:
    """Each ticket once, and only tickets with an embedding and its space."""
    seen: set[str] = set()
    batch = []
    for item in items:
        if item.embedding and item.embedding_space and item.ticket_id not in seen:
            seen.add(item.ticket_id)
            batch.append(item)
    return batch


def known_active(active: Sequence[Any], known: Mapping[str, np.ndarray]) -> list[tuple[str, float]]:
    """(cluster id, last seen) of the active clusters whose representative is known.

    ``active`` is the flat [id, score, id, score...] list the read script answers."""
    return [
        (cid, float(score))
        for cid, score in zip(active[0::2], active[1::2], strict=True)
        if cid in known
    ]


def unit_vector(item: StormInput) -> np.ndarray | None:
    """The ticket's embedding as a unit vector; None when it cannot be compared."""
    vector = np.asarray(item.embedding, dtype=np.float64)
    norm = float(np.linalg.norm(vector))
    if norm == 0.0 or not math.isfinite(norm) or not math.isfinite(item.at):
        return None
    return vector / norm if abs(norm - 1.0) > _NORM_TOLERANCE else vector


@dataclass
class _Space:
    """One space while a batch is decided: the clusters read, plus those the batch creates."""

    view: SpaceView
    last_seen: np.ndarray
    new_ids: list[str] = field(default_factory=list)
    new_vectors: list[np.ndarray] = field(default_factory=list)
    new_last_seen: list[float] = field(default_factory=list)

    def best(self, vector: np.ndarray, at: float, rules: StormRules) -> tuple[str | None, float]:
        """The most similar cluster still inside the window and above the threshold."""
        best_id, best_sim = None, rules.similarity
        view = self.view
        if view.ids and view.matrix.shape[1] == vector.shape[0]:
            sims = view.matrix @ vector
            eligible = (self.last_seen >= at - rules.window) & (sims > rules.similarity)
            if eligible.any():
                row = int(np.argmax(np.where(eligible, sims, -np.inf)))
                best_id, best_sim = view.ids[row], float(sims[row])
        for j, rep in enumerate(self.new_vectors):
            if self.new_last_seen[j] >= at - rules.window and rep.shape == vector.shape:
                sim = float(rep @ vector)
                if sim > best_sim:
                    best_id, best_sim = self.new_ids[j], sim
        return best_id, best_sim

    def join(self, cluster_id: str, at: float) -> None:
        if cluster_id in self.new_ids:
            j = self.new_ids.index(cluster_id)
            self.new_last_seen[j] = max(self.new_last_seen[j], at)
        else:
            row = self.view.ids.index(cluster_id)
            self.last_seen[row] = max(self.last_seen[row], at)

    def found(self, cluster_id: str, stored: np.ndarray, at: float) -> None:
        self.new_ids.append(cluster_id)
        self.new_vectors.append(stored)
        self.new_last_seen.append(at)


def _new_cluster_id() -> str:
    return uuid.uuid4().hex


def plan_batch(
    todo: Sequence[StormInput],
    ver: int,
    views: Mapping[str, SpaceView],
    rules: StormRules,
    new_cluster_id: Callable[[], str] = _new_cluster_id,
) -> StormPlan:
    """Decide each ticket's cluster against ``views``, in order: later tickets of the batch
    see the clusters earlier ones created or refreshed. ``views`` is left unchanged."""
    spaces = {name: _Space(view, view.last_seen.copy()) for name, view in views.items()}
    new: dict[str, dict[str, str]] = {}
    ops: list[dict[str, Any]] = []
    similarity: dict[str, float] = {}
    for item in todo:
        vector = unit_vector(item)
        if vector is None:
            continue
        space = spaces[item.embedding_space]
        cluster_id, cosine = space.best(vector, item.at, rules)
        similarity[item.ticket_id] = round(cosine if cluster_id else 1.0, 4)
        if cluster_id is None:
            cluster_id = new_cluster_id()
            new[cluster_id] = {"s": item.embedding_space, "r": _encode_vector(vector)}
            # Later tickets compare with the representative as stored (float32).
            space.found(cluster_id, _decode_vector(new[cluster_id]["r"]), item.at)
        else:
            space.join(cluster_id, item.at)
        ops.append(_op(item, cluster_id))
    return StormPlan(_request(todo, ver, sorted(views), rules, new, ops), similarity)


def _op(item: StormInput, cluster_id: str) -> dict[str, Any]:
    return {
        "t": item.ticket_id,
        "c": cluster_id,
        "s": item.embedding_space,
        "a": item.at,
        "u": unit_interval(item.urgency),
        "x": item.excerpt[:EXCERPT_CHARS],
        "g": item.category,
    }


def _request(
    todo: Sequence[StormInput],
    ver: int,
    spaces: list[str],
    rules: StormRules,
    new: dict[str, dict[str, str]],
    ops: list[dict[str, Any]],
) -> dict[str, Any]:
    return {
        "ver": ver,
        "now": max(item.at for item in todo),
        "window": rules.window,
        "min_tickets": rules.min_tickets,
        "cluster_ttl": 3 * rules.window,
        "record_ttl": rules.record_ttl,
        "prune_limit": PRUNE_LIMIT,
        "spaces": spaces,
        "new": new,
        "ops": ops,
    }


def storm_counts(fresh: Sequence[StormDecision]) -> tuple[int, int]:
    """(new incident members, incidents opened) among first-time decisions: a ticket is
    counted once, when it joins an incident or is relabelled into one."""
    members = sum(1 for d in fresh if d.incident_id) + sum(
        len(d.linked_ticket_ids) for d in fresh if d.opened_incident
    )
    return members, sum(1 for d in fresh if d.opened_incident)
