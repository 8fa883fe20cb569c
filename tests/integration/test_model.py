"""The built model layer (make model): outputs, parity with fp32, tokenizer, budget, breaker.

Skipped, with a pointer to `make model`, when the layer content has not been built.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import uuid4

import numpy as np
import pytest
import redis

from smart_support.baseline import BaselineClassifier
from smart_support.breaker import OPEN
from smart_support.config import CATEGORIES, Settings
from smart_support.dal.breaker import CircuitBreaker, breaker_snapshot
from smart_support.encoder import MAX_TOKENS, ModelTimeout, OnnxClassifier
from smart_support.guarded import GuardedClassifier
from smart_support.keys import Keys

BUILD = Path(__file__).resolve().parents[2] / "layers" / "model" / "build"
MODEL_DIR = BUILD / "model"
FP32 = BUILD / "fp32" / "encoder.onnx"

pytestmark = pytest.mark.skipif(
    not (MODEL_DIR / "manifest.json").exists(), reason="model layer not built: run `make model`"
)

LONG_TICKET = "Our invoices since January show a duplicate line for the support plan. " * 60
TICKETS = [
    "I was charged twice, please refund",
    "Server outage, login broken",
    "GDPR data deletion request from our lawyer",
    "hi",
    LONG_TICKET,
]


@pytest.fixture(scope="module")
def model() -> OnnxClassifier:
    return OnnxClassifier(MODEL_DIR).load()


@pytest.fixture(scope="module")
def raw_outputs(model: OnnxClassifier) -> dict[str, np.ndarray]:
    """The graph's own outputs for TICKETS, padded together in one batch."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
    encodings = tokenizer.encode_batch(TICKETS)
    feeds = {
        "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
    }
    names = ["embedding", "category_probs", "urgency"]
    return dict(zip(names, model._session.run(names, feeds), strict=True))


def test_graph_outputs_have_the_documented_shapes(raw_outputs: dict[str, np.ndarray]) -> None:
    assert raw_outputs["embedding"].shape == (len(TICKETS), 384)
    assert raw_outputs["category_probs"].shape == (len(TICKETS), len(CATEGORIES))
    assert raw_outputs["urgency"].shape == (len(TICKETS),)


def test_category_probabilities_sum_to_one(raw_outputs: dict[str, np.ndarray]) -> None:
    np.testing.assert_allclose(raw_outputs["category_probs"].sum(axis=1), 1.0, atol=1e-5)


def test_urgency_lies_in_unit_interval(raw_outputs: dict[str, np.ndarray]) -> None:
    assert ((raw_outputs["urgency"] >= 0) & (raw_outputs["urgency"] <= 1)).all()


def test_embeddings_are_unit_length(raw_outputs: dict[str, np.ndarray]) -> None:
    np.testing.assert_allclose(np.linalg.norm(raw_outputs["embedding"], axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I was charged twice, please refund", "Billing"),
        ("Server outage, login broken", "Technical"),
        ("GDPR data deletion request from our lawyer", "Legal"),
    ],
)
def test_obvious_tickets_get_their_category(
    model: OnnxClassifier, text: str, category: str
) -> None:
    (answer,) = model.classify_batch([text])
    assert answer.category == category
    assert answer.model == "onnx"


def test_outage_is_more_urgent_than_a_question(model: OnnxClassifier) -> None:
    outage, question = model.classify_batch(
        [
            "URGENT: production is down for all our users, we are losing orders every minute",
            "Just wondering whether you plan to offer a dark mode at some point. No rush.",
        ]
    )
    assert outage.urgency_score > question.urgency_score


def test_answers_carry_embedding_space_from_manifest(model: OnnxClassifier) -> None:
    (answer,) = model.classify_batch(["hello"])
    assert (
        answer.embedding_space
        == json.loads((MODEL_DIR / "manifest.json").read_text())["embedding_space"]
    )
    assert len(answer.embedding) == 384


def test_layer_tokenizer_pads_to_the_longest_of_the_batch() -> None:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
    short = tokenizer.encode_batch(["refund please", "charged twice for one order"])
    assert {len(e.ids) for e in short} == {len(tokenizer.encode("charged twice for one order").ids)}
    assert len(short[0].ids) < 128


def test_layer_tokenizer_truncates_at_256_tokens() -> None:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
    assert len(tokenizer.encode(LONG_TICKET).ids) == MAX_TOKENS == 256


def test_long_ticket_is_classified(model: OnnxClassifier) -> None:
    (answer,) = model.classify_batch([LONG_TICKET])
    assert answer.category == "Billing"


def test_an_answer_does_not_depend_on_its_batch(model: OnnxClassifier) -> None:
    (alone,) = model.classify_batch(["Server outage, login broken"])
    together = model.classify_batch([LONG_TICKET, "Server outage, login broken", "hi"])[1]
    assert together == alone


def test_int8_embeddings_stay_close_to_fp32(model: OnnxClassifier) -> None:
    if not FP32.exists():
        pytest.skip("fp32 graph not built")
    fp32 = OnnxClassifier(MODEL_DIR, model_path=FP32, embedding_space="fp32")
    int8 = np.array([a.embedding for a in model.classify_batch(TICKETS)])
    ref = np.array([a.embedding for a in fp32.classify_batch(TICKETS)])
    assert (int8 * ref).sum(axis=1).min() >= 0.98


def test_manifest_hashes_match_the_files() -> None:
    manifest = json.loads((MODEL_DIR / "manifest.json").read_text())
    for name, entry in manifest["files"].items():
        assert hashlib.sha256((MODEL_DIR / name).read_bytes()).hexdigest() == entry["sha256"]
    assert manifest["labels"] == list(CATEGORIES)


def test_too_small_budget_raises_model_timeout(model: OnnxClassifier) -> None:
    with pytest.raises(ModelTimeout):
        model.classify_batch([LONG_TICKET] * 8, budget_ms=0.001)


def test_model_still_answers_after_an_abandoned_call(model: OnnxClassifier) -> None:
    with pytest.raises(ModelTimeout):
        model.classify_batch([LONG_TICKET] * 8, budget_ms=0.001)
    (answer,) = model.classify_batch(["Server outage, login broken"], budget_ms=60_000)
    assert answer.category == "Technical"


class StallingSession:
    """The real session behind an injected delay: each run first stalls until the caller's
    budget timer sets RunOptions.terminate, then runs, so ONNX Runtime itself abandons it."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.stalled = 0

    def run(self, outputs: list[str], feeds: dict[str, np.ndarray], run_options: Any) -> Any:
        self.stalled += 1
        stop = threading.Event()
        while not run_options.terminate and not stop.wait(0.001):
            pass
        return self.real.run(outputs, feeds, run_options)


@pytest.fixture
def breaker_keys() -> Iterator[Keys]:
    keys = Keys(prefix=f"test-{uuid4().hex[:8]}")
    yield keys
    client = redis.Redis.from_url(os.environ["TEST_REDIS_URL"], decode_responses=True)
    client.delete(keys.breaker())
    client.close()


def test_slow_real_model_opens_the_breaker_and_baseline_answers(breaker_keys: Keys) -> None:
    settings = Settings(model_budget_ms=30, breaker_failure_threshold=2)
    slow = OnnxClassifier(MODEL_DIR).load()
    session = StallingSession(slow._session)
    slow.attach(session, slow._tokenizer, slow.manifest)
    client = redis.Redis.from_url(os.environ["TEST_REDIS_URL"], decode_responses=True)
    guarded = GuardedClassifier(
        slow, BaselineClassifier(), CircuitBreaker(client, breaker_keys, settings), settings
    )
    for _ in range(settings.breaker_failure_threshold):
        answers = guarded.classify_batch(TICKETS[:3])
        assert [a.model for a in answers] == ["baseline"] * 3
    assert breaker_snapshot(client, breaker_keys)["state"] == OPEN
    stalled = session.stalled
    guarded.classify_batch(TICKETS[:3])
    assert session.stalled == stalled  # open: the model is not even tried
    client.close()
