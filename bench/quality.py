"""`make eval`: category and urgency quality of the ONNX model vs the baseline.

Scores the held-out tickets (the 20% of data/tickets whose sha256(id) falls last, never
seen by the heads' training) and prints both models side by side. Pure numpy.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "layers" / "model")]

import numpy as np  # noqa: E402
from dataset import DEFAULT_DATA_DIR, URGENT_CUT, load_tickets, split  # noqa: E402

from smart_support.baseline import BaselineClassifier  # noqa: E402
from smart_support.classification import Classification  # noqa: E402
from smart_support.config import CATEGORIES  # noqa: E402
from smart_support.encoder import OnnxClassifier  # noqa: E402


def ranks(values: np.ndarray) -> np.ndarray:
    """1-based ranks, ties sharing their average rank."""
    order = np.argsort(values, kind="mergesort")
    sorted_values = values[order]
    result = np.empty(len(values))
    start = 0
    while start < len(values):
        end = start
        while end + 1 < len(values) and sorted_values[end + 1] == sorted_values[start]:
            end += 1
        result[order[start : end + 1]] = (start + end) / 2 + 1
        start = end + 1
    return result


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    ra, rb = ranks(a), ranks(b)
    if ra.std() == 0 or rb.std() == 0:
        return float("nan")
    return float(np.corrcoef(ra, rb)[0, 1])


def roc_auc(scores: np.ndarray, positive: np.ndarray) -> float:
    """Probability that a random positive outranks a random negative (ties count half)."""
    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    r = ranks(scores)
    return float((r[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def confusion(truth: Sequence[str], predicted: Sequence[str]) -> np.ndarray:
    m = np.zeros((len(CATEGORIES), len(CATEGORIES)), dtype=int)
    for t, p in zip(truth, predicted, strict=True):
        m[CATEGORIES.index(t), CATEGORIES.index(p)] += 1
    return m


def scores(truth: Sequence[str], urgency: np.ndarray, answers: list[Classification]) -> dict:
    predicted = [a.category for a in answers]
    m = confusion(truth, predicted)
    precision = np.divide(m.diagonal(), m.sum(0), out=np.zeros(len(CATEGORIES)), where=m.sum(0) > 0)
    recall = np.divide(m.diagonal(), m.sum(1), out=np.zeros(len(CATEGORIES)), where=m.sum(1) > 0)
    denom = precision + recall
    f1 = np.divide(2 * precision * recall, denom, out=np.zeros(len(CATEGORIES)), where=denom > 0)
    s = np.array([a.urgency_score for a in answers])
    urgent = urgency > URGENT_CUT
    predicted_urgent = s > URGENT_CUT
    return {
        "accuracy": float(m.diagonal().sum() / m.sum()),
        "macro_f1": float(f1.mean()),
        "precision": precision,
        "recall": recall,
        "confusion": m,
        "spearman": spearman(s, urgency),
        "auc": roc_auc(s, urgent),
        "mae": float(np.abs(s - urgency).mean()),
        "alert_precision": float(
            (urgent & predicted_urgent).sum() / max(predicted_urgent.sum(), 1)
        ),
        "alert_recall": float((urgent & predicted_urgent).sum() / max(urgent.sum(), 1)),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--model-dir", type=Path, default=None, help="layer content directory")
    args = parser.parse_args(argv)

    tickets = load_tickets(args.data, CATEGORIES)
    train, test = split(tickets)
    texts = [t.text for t in test]
    truth = [t.category for t in test]
    urgency = np.array([t.urgency for t in test])

    onnx_model = OnnxClassifier(args.model_dir).load()
    started = time.perf_counter()
    onnx_answers: list[Classification] = []
    for i in range(0, len(texts), 16):
        onnx_answers += onnx_model.classify_batch(texts[i : i + 16])
    onnx_seconds = time.perf_counter() - started
    started = time.perf_counter()
    baseline_answers = BaselineClassifier().classify_batch(texts)
    baseline_seconds = time.perf_counter() - started

    results = {
        "ONNX int8": scores(truth, urgency, onnx_answers),
        "baseline": scores(truth, urgency, baseline_answers),
    }
    counts = ", ".join(f"{c} {truth.count(c)}" for c in CATEGORIES)
    print(
        f"Held-out tickets: {len(test)} ({counts}); {int((urgency > URGENT_CUT).sum())} urgent "
        f"(target > {URGENT_CUT}). Heads trained on the other {len(train)}."
    )
    print(f"Model: {onnx_model.embedding_space} from {onnx_model.model_dir}\n")

    names = list(results)
    rows: list[tuple[str, list[str]]] = [
        ("category accuracy", [f"{results[n]['accuracy']:.3f}" for n in names]),
        ("category macro-F1", [f"{results[n]['macro_f1']:.3f}" for n in names]),
    ]
    for i, c in enumerate(CATEGORIES):
        rows.append((f"  {c} precision", [f"{results[n]['precision'][i]:.3f}" for n in names]))
        rows.append((f"  {c} recall", [f"{results[n]['recall'][i]:.3f}" for n in names]))
    rows += [
        ("urgency Spearman", [f"{results[n]['spearman']:.3f}" for n in names]),
        (f"urgent ROC-AUC (> {URGENT_CUT})", [f"{results[n]['auc']:.3f}" for n in names]),
        ("urgency mean abs error", [f"{results[n]['mae']:.3f}" for n in names]),
        (
            f"alert precision (S > {URGENT_CUT})",
            [f"{results[n]['alert_precision']:.3f}" for n in names],
        ),
        (f"alert recall (S > {URGENT_CUT})", [f"{results[n]['alert_recall']:.3f}" for n in names]),
        (
            "time per ticket (ms)",
            [f"{1000 * s / len(test):.2f}" for s in (onnx_seconds, baseline_seconds)],
        ),
    ]
    width = max(len(r[0]) for r in rows) + 2
    print("metric".ljust(width) + "".join(n.rjust(12) for n in names))
    print("-" * (width + 12 * len(names)))
    for label, values in rows:
        print(label.ljust(width) + "".join(v.rjust(12) for v in values))

    for name in names:
        m = results[name]["confusion"]
        print(f"\nConfusion matrix, {name} (rows: truth, columns: predicted)")
        print(" " * 12 + "".join(c.rjust(11) for c in CATEGORIES))
        for i, c in enumerate(CATEGORIES):
            print(c.ljust(12) + "".join(str(v).rjust(11) for v in m[i]))


if __name__ == "__main__":
    main()
