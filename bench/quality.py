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
from train import roc_auc, spearman  # noqa: E402

from smart_support.baseline import BaselineClassifier  # noqa: E402
from smart_support.classification import Classification  # noqa: E402
from smart_support.config import CATEGORIES  # noqa: E402
from smart_support.encoder import OnnxClassifier  # noqa: E402


def confusion(truth: Sequence[str], predicted: Sequence[str]) -> np.ndarray:
    m = np.zeros((len(CATEGORIES), len(CATEGORIES)), dtype=int)
    for t, p in zip(truth, predicted, strict=True):
        m[CATEGORIES.index(t), CATEGORIES.index(p)] += 1
    return m


def scores(truth: Sequence[str], urgency: np.ndarray, answers: list[Classification]) -> dict:
    predicted = [a.category for a in answers]
    m = confusion(truth, predicted)
    hits, predicted_n, true_n = m.diagonal(), m.sum(0), m.sum(1)
    precision = np.divide(hits, predicted_n, out=np.zeros(len(CATEGORIES)), where=predicted_n > 0)
    recall = np.divide(hits, true_n, out=np.zeros(len(CATEGORIES)), where=true_n > 0)
    denom = precision + recall
    f1 = np.divide(2 * precision * recall, denom, out=np.zeros(len(CATEGORIES)), where=denom > 0)
    s = np.array([a.urgency_score for a in answers])
    urgent = urgency > URGENT_CUT
    alerts = s > URGENT_CUT
    alert_hits = int((urgent & alerts).sum())
    return {
        "accuracy": float(hits.sum() / m.sum()),
        "correct": (int(hits.sum()), int(m.sum())),
        "macro_f1": float(f1.mean()),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "hits": hits,
        "predicted_n": predicted_n,
        "true_n": true_n,
        "confusion": m,
        "spearman": spearman(s, urgency),
        "auc": roc_auc(s, urgent),
        "mae": float(np.abs(s - urgency).mean()),
        "alert_hits": alert_hits,
        "alerts": int(alerts.sum()),
        "urgent": int(urgent.sum()),
        "alert_precision": alert_hits / max(int(alerts.sum()), 1),
        "alert_recall": alert_hits / max(int(urgent.sum()), 1),
        "alert_f1": 2 * alert_hits / max(int(alerts.sum()) + int(urgent.sum()), 1),
    }


def _ratio(value: float, num: int, den: int) -> str:
    """A rate with the counts behind it, so one-ticket differences show as such."""
    return f"{value:.3f} ({num}/{den})"


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
    r = results
    rows: list[tuple[str, list[str]]] = [
        ("category accuracy", [_ratio(r[n]["accuracy"], *r[n]["correct"]) for n in names]),
        ("category macro-F1", [f"{r[n]['macro_f1']:.3f}" for n in names]),
    ]
    for i, c in enumerate(CATEGORIES):
        rows += [
            (
                f"  {c} precision",
                [
                    _ratio(r[n]["precision"][i], r[n]["hits"][i], r[n]["predicted_n"][i])
                    for n in names
                ],
            ),
            (
                f"  {c} recall",
                [_ratio(r[n]["recall"][i], r[n]["hits"][i], r[n]["true_n"][i]) for n in names],
            ),
            (f"  {c} F1", [f"{r[n]['f1'][i]:.3f}" for n in names]),
        ]
    rows += [
        ("urgency Spearman", [f"{r[n]['spearman']:.3f}" for n in names]),
        (f"urgent ROC-AUC (> {URGENT_CUT})", [f"{r[n]['auc']:.3f}" for n in names]),
        ("urgency mean abs error", [f"{r[n]['mae']:.3f}" for n in names]),
        (
            f"alert precision (S > {URGENT_CUT})",
            [_ratio(r[n]["alert_precision"], r[n]["alert_hits"], r[n]["alerts"]) for n in names],
        ),
        (
            f"alert recall (S > {URGENT_CUT})",
            [_ratio(r[n]["alert_recall"], r[n]["alert_hits"], r[n]["urgent"]) for n in names],
        ),
        (f"alert F1, urgent (S > {URGENT_CUT})", [f"{r[n]['alert_f1']:.3f}" for n in names]),
        (
            "time per ticket (ms)",
            [f"{1000 * s / len(test):.2f}" for s in (onnx_seconds, baseline_seconds)],
        ),
    ]
    width = max(len(row[0]) for row in rows) + 2
    col = max(len(v) for row in rows for v in row[1]) + 3
    print("metric".ljust(width) + "".join(n.rjust(col) for n in names))
    print("-" * (width + col * len(names)))
    for label, values in rows:
        print(label.ljust(width) + "".join(v.rjust(col) for v in values))
    print(
        "\nRates show (hits/total). With ~70 tickets per class one ticket moves a rate by "
        "~1.4 points:\ngaps of one or two tickets are within noise. The alert rows compare "
        "different operating\npoints: read precision together with recall (alert F1)."
    )

    for name in names:
        m = results[name]["confusion"]
        print(f"\nConfusion matrix, {name} (rows: truth, columns: predicted)")
        print(" " * 12 + "".join(c.rjust(11) for c in CATEGORIES))
        for i, c in enumerate(CATEGORIES):
            print(c.ljust(12) + "".join(str(v).rjust(11) for v in m[i]))


if __name__ == "__main__":
    main()
