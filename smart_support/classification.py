"""What a classifier answers for one ticket, and the interface every classifier offers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from smart_support.config import Settings


@dataclass(frozen=True)
class Neighbour:
    """A labelled training example near the ticket, from the model layer's index."""

    id: str
    category: str
    similarity: float  # cosine to the ticket's embedding
    excerpt: str
    urgency: float | None = None  # the example's urgency label, when its source had one


@dataclass(frozen=True)
class Classification:
    category: str  # one of config.CATEGORIES
    category_confidence: float  # probability of that category, in [0, 1]
    urgency_score: float  # S in [0, 1]
    model: str  # "onnx" or "baseline"
    # L2-normalised sentence embedding for storm detection; its space is named by
    # ``embedding_space`` so vectors of different models are never compared.
    embedding: tuple[float, ...] = ()
    embedding_space: str = ""
    # For the explanation, from the same pass: every category's probability (CATEGORIES
    # order), the nearest labelled examples (most similar first), and what the urgency rests
    # on in terms the classifier can name (the baseline's matched rules).
    probabilities: tuple[float, ...] = ()
    neighbours: tuple[Neighbour, ...] = ()
    urgency_neighbours: tuple[Neighbour, ...] = ()  # the nearest with an urgency label
    urgency_rules: tuple[str, ...] = ()


class Classifier(Protocol):
    name: str

    def classify_batch(self, texts: Sequence[str]) -> list[Classification]:
        """Classify every text; the answer has one entry per text, in order."""
        ...


def urgency_label(score: float, settings: Settings) -> str:
    if score > settings.urgency_high_threshold:
        return "high"
    if score >= settings.urgency_medium_threshold:
        return "medium"
    return "low"
