"""Why a ticket was decided as it was: the explanation its status carries.

Built from what the one classifier pass, the storm step and the router already computed, so
nothing runs twice. Every statement is something the system measured or applied (a
probability, a neighbour's label and similarity, a matched rule, a skill, a load), never
generated prose. Kept under ``MAX_BYTES`` of JSON, shortening excerpts first.
"""

from __future__ import annotations

import json
from typing import Any

from smart_support.classification import Classification, Neighbour, urgency_label
from smart_support.config import CATEGORIES, Settings
from smart_support.dedup import StormDecision

MAX_BYTES = 2048


def _neighbour(n: Neighbour, excerpt_chars: int) -> dict[str, Any]:
    return {
        "id": n.id,
        "category": n.category,
        "similarity": n.similarity,
        "excerpt": n.excerpt[:excerpt_chars],
    }


def urgency_signals(result: Classification) -> dict[str, Any]:
    """What S rests on, as the classifier that answered can name it."""
    if result.model == "baseline":
        return {"source": "baseline keyword rules", "rules": list(result.urgency_rules)}
    return {
        "source": "model (embedding regression); the nearest training examples with an "
        "urgency label",
        "nearest_rated": [
            {"id": n.id, "urgency": n.urgency, "similarity": n.similarity}
            for n in result.urgency_neighbours
        ],
    }


def storm_part(decision: StormDecision | None, similarity: float | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {
        "incident_id": decision.incident_id,
        "cluster_similarity": similarity,
        "member_count": decision.member_count,
    }


def build_explanation(
    result: Classification,
    settings: Settings,
    routing: dict[str, Any] | None,
    storm: dict[str, Any] | None,
) -> dict[str, Any]:
    """The explanation object (see schemas.Explanation), at most MAX_BYTES as JSON."""
    probabilities = (
        dict(zip(CATEGORIES, result.probabilities, strict=True))
        if len(result.probabilities) == len(CATEGORIES)
        else {result.category: result.category_confidence}
    )
    answer: dict[str, Any] = {}
    for excerpt_chars in (80, 40, 0):
        answer = {
            "category": {
                "probabilities": probabilities,
                "nearest": [_neighbour(n, excerpt_chars) for n in result.neighbours],
            },
            "urgency": {
                "score": round(result.urgency_score, 4),
                "label": urgency_label(result.urgency_score, settings),
                "signals": urgency_signals(result),
            },
            "routing": routing,
            "storm": storm,
        }
        if size(answer) <= MAX_BYTES:
            return answer
    urgency: dict[str, Any] = answer["urgency"]
    urgency["signals"] = {"source": urgency["signals"]["source"]}
    return answer


def size(explanation: dict[str, Any]) -> int:
    return len(json.dumps(explanation, separators=(",", ":")).encode("utf-8"))
