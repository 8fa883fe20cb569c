"""The keyword/regex classifier: pure Python, always available, the model's fallback.

It also gives a cheap lexical embedding (hashed word and bigram counts) so storm
detection keeps folding identical tickets while the model is down.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from smart_support.classification import Classification
from smart_support.config import CATEGORIES
from smart_support.formats import unit_interval

EMBEDDING_SPACE = "lexical-hash-512"
_DIMS = 512

_CATEGORY_PATTERNS: dict[str, tuple[tuple[str, float], ...]] = {
    "Billing": (
        (r"\b(bill(ing|ed)?|invoice[sd]?|refund(s|ed)?|charge[sd]?|overcharg\w*)\b", 2.0),
        (r"\b(payment|paid|pay|credit card|card|subscription|plan|pricing|price)\b", 1.0),
        (r"\b(receipt|vat|tax|prorat\w*|chargeback|discount|coupon|renewal)\b", 1.5),
        (r"[$€£]\s?\d", 1.0),
    ),
    "Technical": (
        (r"\b(error|bug|crash\w*|outage|down|broken|fail\w*|timeout|500|502|503)\b", 2.0),
        (r"\b(login|log in|sign in|password|sso|api|server|app|website|page|database)\b", 1.0),
        (r"\b(slow|latency|load(ing)?|sync\w*|integration|webhook|deploy\w*|install\w*)\b", 1.0),
    ),
    "Legal": (
        (r"\b(legal|lawyer|attorney|counsel|lawsuit|sue|subpoena|court|litigation)\b", 2.5),
        (r"\b(gdpr|ccpa|privacy|compliance|contract|terms|dpa|msa|liabilit\w*)\b", 2.0),
        (r"\b(copyright|dmca|trademark|cease and desist|regulat\w*|breach of)\b", 2.0),
    ),
}

_URGENT_PATTERNS: tuple[tuple[str, float], ...] = (
    (r"\b(asap|urgent(ly)?|emergency|immediately|critical|right now)\b", 0.35),
    (r"\b(outage|down|broken|crash\w*|data loss|breach|hacked|security)\b", 0.25),
    (r"\b(cannot|can't|unable|blocked|not working|stopped)\b", 0.15),
    (r"\b(lawsuit|subpoena|court|deadline|legal action)\b", 0.2),
    (r"!{2,}", 0.1),
)
_CALM_PATTERNS: tuple[tuple[str, float], ...] = (
    (r"\b(no rush|not urgent|whenever|just wondering|question|how do i|feature request)\b", 0.25),
    (r"\b(thanks|thank you|fyi|minor|cosmetic|typo)\b", 0.1),
)

_COMPILED_CATEGORIES = {
    category: tuple((re.compile(p, re.IGNORECASE), w) for p, w in patterns)
    for category, patterns in _CATEGORY_PATTERNS.items()
}
_COMPILED_URGENT = tuple((re.compile(p, re.IGNORECASE), w) for p, w in _URGENT_PATTERNS)
_COMPILED_CALM = tuple((re.compile(p, re.IGNORECASE), w) for p, w in _CALM_PATTERNS)
_WORD = re.compile(r"[a-z0-9]+")


def category_scores(text: str) -> dict[str, float]:
    return {
        category: sum(w * len(p.findall(text)) for p, w in patterns)
        for category, patterns in _COMPILED_CATEGORIES.items()
    }


def urgency_score(text: str) -> float:
    score = 0.3
    score += sum(w for p, w in _COMPILED_URGENT if p.search(text))
    score -= sum(w for p, w in _COMPILED_CALM if p.search(text))
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        score += 0.1  # shouting
    return round(unit_interval(score), 4)


def urgency_rules(text: str) -> tuple[str, ...]:
    """The rules behind ``urgency_score``, as the explanation names them: weight and match."""
    found = [
        f"{w:+.2f} {m.group(0).lower()!r}" for p, w in _COMPILED_URGENT if (m := p.search(text))
    ]
    found += [
        f"{-w:+.2f} {m.group(0).lower()!r}" for p, w in _COMPILED_CALM if (m := p.search(text))
    ]
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        found.append("+0.10 shouting (mostly capitals)")
    return ("0.30 base", *found)


def classify_text(text: str) -> Classification:
    scores = category_scores(text)
    total = sum(scores.values())
    if total == 0:
        category, confidence = "Technical", 1.0 / len(CATEGORIES)
        probabilities = tuple(1.0 / len(CATEGORIES) for _ in CATEGORIES)
    else:
        # Ties go to the first category in CATEGORIES order, deterministically.
        category = max(CATEGORIES, key=lambda c: scores[c])
        confidence = scores[category] / total
        probabilities = tuple(round(scores[c] / total, 4) for c in CATEGORIES)
    return Classification(
        category=category,
        category_confidence=round(confidence, 4),
        urgency_score=urgency_score(text),
        model="baseline",
        embedding=lexical_embedding(text),
        embedding_space=EMBEDDING_SPACE,
        probabilities=probabilities,
        urgency_rules=urgency_rules(text),
    )


@lru_cache(maxsize=4096)
def _bucket(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode(), digest_size=4).digest(), "big") % _DIMS


def lexical_embedding(text: str) -> tuple[float, ...]:
    words = _WORD.findall(text.lower())
    tokens = words + [f"{a} {b}" for a, b in pairwise(words)]
    vector = [0.0] * _DIMS
    for token in tokens:
        vector[_bucket(token)] += 1.0
    norm = math.sqrt(sum(v * v for v in vector))
    if norm == 0:
        return tuple(vector)
    return tuple(v / norm for v in vector)


class BaselineClassifier:
    name = "baseline"

    def classify_batch(self, texts: Sequence[str]) -> list[Classification]:
        return [classify_text(text) for text in texts]
