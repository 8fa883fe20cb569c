"""Storm membership decided without Redis: ``dedup.plan_batch`` on clusters given in memory."""

from __future__ import annotations

import numpy as np

from smart_support.dedup import SpaceView, StormInput, StormRules, plan_batch

RULES = StormRules(similarity=0.9, window=300, min_tickets=10, record_ttl=3600)
SPACE = "space"
T0 = 1_700_000_000.0


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float64)
    return vector / np.linalg.norm(vector)


def ticket(ticket_id: str, vector: np.ndarray, at: float = T0) -> StormInput:
    return StormInput(ticket_id, tuple(vector), SPACE, "text", "Technical", 0.5, at)


def view(clusters: dict[str, tuple[np.ndarray, float]]) -> SpaceView:
    ids = list(clusters)
    return SpaceView(
        ids=ids,
        matrix=np.stack([clusters[c][0] for c in ids]) if ids else np.empty((0, 0)),
        last_seen=np.array([clusters[c][1] for c in ids], dtype=np.float64),
    )


def test_later_ticket_of_a_batch_joins_the_cluster_an_earlier_one_founded() -> None:
    ids = iter(["c-new"])
    plan = plan_batch(
        [ticket("a", unit(1, 0, 0)), ticket("b", unit(1, 0.01, 0))],
        ver=4,
        views={SPACE: view({})},
        rules=RULES,
        new_cluster_id=lambda: next(ids),
    )
    assert [op["c"] for op in plan.request["ops"]] == ["c-new", "c-new"]
    assert list(plan.request["new"]) == ["c-new"]
    assert plan.similarity["a"] == 1.0 and plan.similarity["b"] > 0.99
    assert plan.request["ver"] == 4


def test_ticket_joins_the_most_similar_cluster_seen_within_the_window() -> None:
    clusters = {
        "near": (unit(1, 0.2, 0), T0 - 10),
        "nearest-but-idle": (unit(1, 0.01, 0), T0 - RULES.window - 1),
        "far": (unit(0, 1, 0), T0 - 10),
    }
    plan = plan_batch([ticket("a", unit(1, 0, 0))], 1, {SPACE: view(clusters)}, RULES)
    assert [op["c"] for op in plan.request["ops"]] == ["near"]
    assert plan.request["new"] == {}


def test_planning_leaves_the_clusters_it_was_given_unchanged() -> None:
    given = view({"c1": (unit(1, 0, 0), T0 - 100)})
    plan_batch([ticket("a", unit(1, 0, 0), at=T0)], 1, {SPACE: given}, RULES)
    assert given.last_seen.tolist() == [T0 - 100]


def test_ticket_without_a_usable_embedding_gets_no_decision() -> None:
    plan = plan_batch([ticket("zero", np.zeros(3))], 1, {SPACE: view({})}, RULES)
    assert plan.request["ops"] == [] and plan.similarity == {}
