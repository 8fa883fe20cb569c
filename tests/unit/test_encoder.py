"""OnnxClassifier's batching, error mapping and budget enforcement, with a model double."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from smart_support.config import CATEGORIES
from smart_support.encoder import (
    ModelError,
    ModelTimeout,
    ModelUnavailable,
    OnnxClassifier,
    length_groups,
    pad,
)

MANIFEST = {"labels": list(CATEGORIES), "embedding_space": "test-space"}


@dataclass
class _Encoding:
    ids: list[int]


class WordTokenizer:
    """One token per word plus [CLS]/[SEP]; the token id is the word's length."""

    def encode_batch(self, texts: Sequence[str]) -> list[_Encoding]:
        return [_Encoding([101, *(len(w) for w in t.split()), 102]) for t in texts]


class LengthEchoSession:
    """Answers category = (number of real tokens) mod 3, so answers can be matched to texts."""

    def __init__(self) -> None:
        self.batch_widths: list[int] = []

    def run(self, outputs: list[str], feeds: dict[str, np.ndarray], run_options: Any) -> list[Any]:
        mask = feeds["attention_mask"]
        self.batch_widths.append(mask.shape[1])
        n = mask.sum(axis=1)
        probs = np.full((len(n), 3), 0.1, dtype=np.float32)
        probs[np.arange(len(n)), n % 3] = 0.8
        embedding = np.zeros((len(n), 4), dtype=np.float32)
        embedding[:, 0] = 1.0
        return [embedding, probs, (n / 100.0).astype(np.float32)]


class BlockingSession:
    """Stands for an inference that would run far past any budget: it only ends when the
    caller sets RunOptions.terminate, as ONNX Runtime does between nodes."""

    def __init__(self) -> None:
        self.saw_terminate = False

    def run(self, outputs: list[str], feeds: dict[str, np.ndarray], run_options: Any) -> list[Any]:
        deadline = time.monotonic() + 30
        while not run_options.terminate:
            if time.monotonic() > deadline:
                raise AssertionError("the budget timer never set RunOptions.terminate")
            time.sleep(0.001)
        self.saw_terminate = True
        raise RuntimeError("Exiting due to terminate flag being set to true.")


class BrokenSession:
    def run(self, outputs: list[str], feeds: dict[str, np.ndarray], run_options: Any) -> list[Any]:
        raise RuntimeError("kernel exploded")


def classifier_with(session: Any) -> OnnxClassifier:
    return OnnxClassifier("/nonexistent").attach(session, WordTokenizer(), MANIFEST)


def test_length_groups_cover_every_index_once() -> None:
    lengths = [5, 200, 7, 6, 180, 5, 90]
    groups = length_groups(lengths, max_batch=16)
    assert sorted(i for g in groups for i in g) == list(range(len(lengths)))


def test_length_groups_keep_short_texts_apart_from_long_ones() -> None:
    groups = length_groups([10, 250, 12, 240], max_batch=16)
    assert sorted(sorted(g) for g in groups) == [[0, 2], [1, 3]]


def test_length_groups_respect_max_batch() -> None:
    groups = length_groups([10] * 7, max_batch=3)
    assert [len(g) for g in groups] == [3, 3, 1]


def test_pad_masks_only_real_tokens() -> None:
    ids, mask = pad([[1, 2, 3], [4]])
    assert ids.tolist() == [[1, 2, 3], [4, 0, 0]]
    assert mask.tolist() == [[1, 1, 1], [1, 0, 0]]


def test_answers_come_back_in_input_order_after_length_sorting() -> None:
    texts = ["a " * 40, "b", "c c", "d " * 3, "e " * 41]
    answers = classifier_with(LengthEchoSession()).classify_batch(texts)
    expected = [CATEGORIES[(len(t.split()) + 2) % 3] for t in texts]
    assert [a.category for a in answers] == expected


def test_answers_carry_model_name_and_embedding_space() -> None:
    (answer,) = classifier_with(LengthEchoSession()).classify_batch(["hello there"])
    assert answer.model == "onnx"
    assert answer.embedding_space == "test-space"
    assert answer.embedding == (1.0, 0.0, 0.0, 0.0)


def test_mixed_lengths_are_padded_per_group_not_to_the_longest() -> None:
    session = LengthEchoSession()
    classifier_with(session).classify_batch(["short text", "long " * 100])
    assert sorted(session.batch_widths) == [4, 102]


def test_empty_batch_needs_no_model() -> None:
    assert OnnxClassifier("/nonexistent").classify_batch([]) == []


def test_overrunning_call_is_abandoned_through_run_options() -> None:
    session = BlockingSession()
    with pytest.raises(ModelTimeout):
        classifier_with(session).classify_batch(["anything"], budget_ms=20)
    assert session.saw_terminate


def test_failing_inference_raises_model_error_not_timeout() -> None:
    with pytest.raises(ModelError) as info:
        classifier_with(BrokenSession()).classify_batch(["anything"], budget_ms=10_000)
    assert not isinstance(info.value, ModelTimeout)


def test_missing_model_dir_raises_model_unavailable(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable):
        OnnxClassifier(tmp_path / "missing").classify_batch(["hello"])


def test_corrupt_manifest_raises_model_unavailable(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(ModelUnavailable):
        OnnxClassifier(tmp_path).load()


def test_label_order_mismatch_raises_model_unavailable(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text(json.dumps({"labels": ["Legal", "Billing"]}))
    (tmp_path / "tokenizer.json").write_text("{}")
    with pytest.raises(ModelUnavailable):
        OnnxClassifier(tmp_path).load()


def test_model_errors_share_one_base_class() -> None:
    assert issubclass(ModelTimeout, ModelError)
    assert issubclass(ModelUnavailable, ModelError)
