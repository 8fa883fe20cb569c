"""`make eval`'s arithmetic (bench/quality.py): the figures, the paired bootstrap, the folds.

bench/ is not a package, so the program is loaded by path (tests/support/by_path.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from tests.support import by_path


def _quality() -> Any:
    return by_path.load("bench_quality", "bench/quality.py")


def _train() -> Any:
    return by_path.load("model_train", "layers/model/train.py")  # as test_heads loads it


def _case(n: int = 60) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Truth cycling through the three categories, urgency targets with a third urgent."""
    truth = np.arange(n) % 3
    urgency = np.where(np.arange(n) % 3 == 0, 0.9, 0.3)
    return truth, urgency, urgency.copy()


def test_scores_count_per_class_hits_from_the_confusion_matrix() -> None:
    quality = _quality()
    truth = np.array([0, 0, 1, 1, 2, 2])
    predicted = np.array([0, 1, 1, 1, 2, 0])
    r = quality.scores(truth, np.zeros(6), predicted, np.zeros(6))
    np.testing.assert_array_equal(r["confusion"], [[1, 1, 0], [0, 2, 0], [1, 0, 1]])
    np.testing.assert_allclose(r["precision"], [0.5, 2 / 3, 1.0])
    np.testing.assert_allclose(r["recall"], [0.5, 1.0, 0.5])
    assert r["correct"] == (4, 6)


def test_bootstrap_of_a_model_against_itself_is_a_zero_interval_never_ahead() -> None:
    quality = _quality()
    truth, urgency, s = _case()
    predicted = truth.copy()
    predicted[::7] = (predicted[::7] + 1) % 3
    rows = quality._rows()
    spread = quality.paired_bootstrap(truth, urgency, [(predicted, s), (predicted, s)], rows)
    assert spread, "no row was compared"
    for low, high, ahead in spread.values():
        assert (low, high, ahead) == (0.0, 0.0, 0.0)


def test_bootstrap_puts_a_perfect_model_ahead_of_a_wrong_one_in_every_resample() -> None:
    quality = _quality()
    truth, urgency, s = _case()
    wrong = (truth + 1) % 3
    rows = quality._rows()
    spread = quality.paired_bootstrap(truth, urgency, [(truth, s), (wrong, s)], rows)
    low, high, ahead = spread["category accuracy"]
    assert (low, high, ahead) == (1.0, 1.0, 1.0)
    # Same urgency scores on both sides: those rows are a tie in every resample.
    assert spread["urgency Spearman"] == (0.0, 0.0, 0.0)


def test_bootstrap_is_repeatable() -> None:
    quality = _quality()
    truth, urgency, s = _case()
    rng = np.random.default_rng(1)
    first = rng.integers(0, 3, len(truth))
    second = rng.integers(0, 3, len(truth))
    rows = quality._rows()
    runs = [
        quality.paired_bootstrap(truth, urgency, [(first, s), (second, s)], rows) for _ in range(2)
    ]
    assert runs[0] == runs[1]


def test_eval_folds_are_independent_of_the_builds_folds() -> None:
    train = _train()
    ids = [f"t{i:04d}" for i in range(1, 2001)]
    build, outer = train.fold_of(ids), train.fold_of(ids, salt="eval")
    assert set(build.tolist()) == set(outer.tolist()) == set(range(train.FOLDS))
    np.testing.assert_array_equal(train.fold_of(ids), build)  # a function of the ids
    # Inside one outer fold the build's folds are all present, in roughly equal parts.
    inner = build[outer == 0]
    counts = np.bincount(inner, minlength=train.FOLDS)
    assert counts.min() > 0.6 * counts.mean()


def test_special_token_ids_skips_tokens_the_vocabulary_lacks() -> None:
    train = _train()
    vocab = {"[PAD]": 0, "[CLS]": 101, "[SEP]": 102}
    assert train.special_token_ids(vocab.get) == [0, 101, 102]


def test_in_source_ceiling_finds_a_label_the_text_carries_and_not_one_it_lacks() -> None:
    quality = _quality()
    rng = np.random.default_rng(7)
    embeddings = rng.normal(size=(300, 16))
    ids = [f"t{i}" for i in range(300)]
    carried = 1.0 / (1.0 + np.exp(-3.0 * embeddings[:, 0]))  # urgency a function of the text
    unrelated = rng.uniform(size=300)  # urgency the text says nothing about
    assert quality.in_source_ceiling(embeddings, carried, ids) > 0.95
    assert quality.in_source_ceiling(embeddings, unrelated, ids) < 0.7


def test_alert_lines_view_puts_the_probes_counts_beside_the_builds_points(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quality = _quality()
    point = {
        "emergencies_paged": 0.9,
        "urgent_paged": 0.8,
        "precision": None,
        "calm_paged": 0.01,
        "pages_per_1000": 250.0,
    }
    urgency = {"alert_operating_points": {"points": [{"line": 0.7, **point}]}}
    (tmp_path / "manifest.json").write_text(json.dumps({"training": {"urgency": urgency}}))
    scores = np.array([0.75, 0.65, 0.72, 0.1])
    urgent = np.array([True, True, False, False])

    quality.alert_lines_view(SimpleNamespace(model_dir=str(tmp_path)), {"probe": (scores, urgent)})

    row = capsys.readouterr().out.strip().splitlines()[-1].split()
    # line, OOF figures (no precision: n/a), then the probe: 1 of 2 emergencies, 1 of 2 calm.
    assert row == ["0.70", "0.900", "0.800", "n/a", "0.010", "250", "1/2", "1/2"]
