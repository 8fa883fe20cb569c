"""`make eval`: category and urgency quality of the ONNX model vs the baseline.

Two views, each printing both models side by side with a paired bootstrap interval of
their difference. First the held-out split (the 20% of data/tickets whose sha256(id) falls
last, never seen by the shipped heads' training). Then nested cross-validation over every
ticket: more tickets, so narrower intervals, at the cost of refitting the heads five times
(a few minutes). Pure numpy.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "layers" / "model")]

import numpy as np  # noqa: E402
from dataset import DEFAULT_DATA_DIR, URGENT_CUT, Ticket, load_tickets, split  # noqa: E402
from tokenizers import Tokenizer  # noqa: E402
from train import (  # noqa: E402
    FOLDS,
    fit_category,
    fit_urgency,
    fold_of,
    predict_category,
    predict_urgency,
    roc_auc,
    spearman,
    special_token_ids,
)

from smart_support.baseline import BaselineClassifier  # noqa: E402
from smart_support.classification import Classification  # noqa: E402
from smart_support.config import CATEGORIES  # noqa: E402
from smart_support.encoder import OnnxClassifier  # noqa: E402

RESAMPLES = 1000  # paired bootstrap resamples of the scored tickets
SEED = 20261125


def confusion(truth: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """[truth, predicted] counts from category indices."""
    k = len(CATEGORIES)
    return np.bincount(truth * k + predicted, minlength=k * k).reshape(k, k)


def scores(truth: np.ndarray, urgency: np.ndarray, predicted: np.ndarray, s: np.ndarray) -> dict:
    """Every figure of the table, from category indices and urgency scores."""
    m = confusion(truth, predicted)
    hits, predicted_n, true_n = m.diagonal(), m.sum(0), m.sum(1)
    precision = np.divide(hits, predicted_n, out=np.zeros(len(CATEGORIES)), where=predicted_n > 0)
    recall = np.divide(hits, true_n, out=np.zeros(len(CATEGORIES)), where=true_n > 0)
    denom = precision + recall
    f1 = np.divide(2 * precision * recall, denom, out=np.zeros(len(CATEGORIES)), where=denom > 0)
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


@dataclass(frozen=True)
class Row:
    label: str
    show: Callable[[dict], str]
    value: Callable[[dict], float] | None = None  # compared by the bootstrap when given


def _class_rows(i: int, name: str) -> list[Row]:
    return [
        Row(
            f"  {name} precision",
            lambda r: _ratio(r["precision"][i], r["hits"][i], r["predicted_n"][i]),
            lambda r: r["precision"][i],
        ),
        Row(
            f"  {name} recall",
            lambda r: _ratio(r["recall"][i], r["hits"][i], r["true_n"][i]),
            lambda r: r["recall"][i],
        ),
        Row(f"  {name} F1", lambda r: f"{r['f1'][i]:.3f}", lambda r: r["f1"][i]),
    ]


def _rows() -> list[Row]:
    rows = [
        Row(
            "category accuracy",
            lambda r: _ratio(r["accuracy"], *r["correct"]),
            itemgetter("accuracy"),
        ),
        Row("category macro-F1", lambda r: f"{r['macro_f1']:.3f}", itemgetter("macro_f1")),
    ]
    for i, c in enumerate(CATEGORIES):
        rows += _class_rows(i, c)
    return [
        *rows,
        Row("urgency Spearman", lambda r: f"{r['spearman']:.3f}", itemgetter("spearman")),
        Row(f"urgent ROC-AUC (> {URGENT_CUT})", lambda r: f"{r['auc']:.3f}", itemgetter("auc")),
        Row("urgency mean abs error", lambda r: f"{r['mae']:.3f}", lambda r: -r["mae"]),
        Row(
            f"alert precision (S > {URGENT_CUT})",
            lambda r: _ratio(r["alert_precision"], r["alert_hits"], r["alerts"]),
        ),
        Row(
            f"alert recall (S > {URGENT_CUT})",
            lambda r: _ratio(r["alert_recall"], r["alert_hits"], r["urgent"]),
        ),
        Row(
            f"alert F1, urgent (S > {URGENT_CUT})",
            lambda r: f"{r['alert_f1']:.3f}",
            itemgetter("alert_f1"),
        ),
    ]


def paired_bootstrap(
    truth: np.ndarray,
    urgency: np.ndarray,
    answers: Sequence[tuple[np.ndarray, np.ndarray]],
    rows: Sequence[Row],
) -> dict[str, tuple[float, float, float]]:
    """Per compared row: (2.5th, 97.5th percentile of first minus second, share first ahead).

    Both models are scored on the same resampled tickets each time, so the interval is that
    of their difference, not of either figure alone. A fixed seed keeps the output stable.
    """
    rng = np.random.default_rng(SEED)
    compared = [row for row in rows if row.value is not None]
    diffs = np.zeros((RESAMPLES, len(compared)))
    for b in range(RESAMPLES):
        idx = rng.integers(0, len(truth), len(truth))
        first, second = (scores(truth[idx], urgency[idx], p[idx], s[idx]) for p, s in answers)
        diffs[b] = [row.value(first) - row.value(second) for row in compared]  # type: ignore[misc]
    low, high = np.nanpercentile(diffs, [2.5, 97.5], axis=0)
    ahead = (diffs > 0).mean(axis=0)
    return {
        row.label: (float(lo), float(hi), float(a))
        for row, lo, hi, a in zip(compared, low, high, ahead, strict=True)
    }


def nested_cv(
    tickets: Sequence[Ticket], answers: Sequence[Classification], model_dir: Path
) -> tuple[np.ndarray, np.ndarray]:
    """Category index and S per ticket from heads that never saw it, over the whole set.

    Outer folds (their own hash of the ids) each refit both heads on the other four fifths
    exactly as the build does, hyper-parameter search and urgency calibration included, on
    the served int8 graph's embeddings; so nothing about a scored ticket reaches its heads.
    Folds run one after another: numpy already uses every core, and two fitting processes
    side by side ran 20x slower here.
    """
    embeddings = np.array([a.embedding for a in answers], dtype=np.float64)
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.no_padding()
    token_ids = [e.ids for e in tokenizer.encode_batch([t.text for t in tickets])]
    skip = special_token_ids(tokenizer.token_to_id)
    ids = [t.id for t in tickets]
    labels = np.array([CATEGORIES.index(t.category) for t in tickets])
    targets = np.array([t.urgency for t in tickets])
    outer = fold_of(ids, salt="eval")
    predicted, s = np.zeros(len(tickets), dtype=int), np.zeros(len(tickets))
    for k in range(FOLDS):
        started = time.perf_counter()
        tr, va = np.flatnonzero(outer != k).tolist(), np.flatnonzero(outer == k).tolist()
        inner = fold_of([ids[i] for i in tr])
        train_tokens = [token_ids[i] for i in tr]
        test_tokens = [token_ids[i] for i in va]
        category = fit_category(
            embeddings[tr], labels[tr].tolist(), len(CATEGORIES), inner, train_tokens, skip
        )
        urgency = fit_urgency(embeddings[tr], targets[tr].tolist(), inner, train_tokens, skip)
        predicted[va] = predict_category(category, embeddings[va], test_tokens).argmax(axis=1)
        s[va] = predict_urgency(urgency, embeddings[va], test_tokens)
        seconds = time.perf_counter() - started
        print(f"  outer fold {k + 1}/{FOLDS}: {len(va)} scored, {seconds:.0f} s", flush=True)
    return predicted, s


def compare(
    truth: np.ndarray,
    urgency: np.ndarray,
    answers: dict[str, tuple[np.ndarray, np.ndarray]],
    extra: Sequence[tuple[str, list[str]]] = (),
) -> None:
    """Print the two models' figures side by side, the bootstrap column, and confusion."""
    results = {name: scores(truth, urgency, *a) for name, a in answers.items()}
    rows = _rows()
    spread = paired_bootstrap(truth, urgency, list(answers.values()), rows)
    names = list(results)
    first, second = (results[n] for n in names)
    table: list[tuple[str, list[str]]] = []
    for row in rows:
        cells = [row.show(results[n]) for n in names]
        if row.value is not None:
            low, high, ahead = spread[row.label]
            gap = row.value(first) - row.value(second)
            cells += [f"{gap:+.3f} [{low:+.3f}, {high:+.3f}]", f"{ahead:.0%}"]
        else:
            cells += ["", ""]
        table.append((row.label, cells))
    table += [(label, [*cells, "", ""]) for label, cells in extra]
    header = [*names, "ahead by [95% CI]", "ahead in"]
    width = max(len(label) for label, _ in table) + 2
    cols = [max(len(h), *(len(cells[j]) for _, cells in table)) + 3 for j, h in enumerate(header)]
    print("metric".ljust(width) + "".join(h.rjust(c) for h, c in zip(header, cols, strict=True)))
    print("-" * (width + sum(cols)))
    for label, cells in table:
        print(label.ljust(width) + "".join(v.rjust(c) for v, c in zip(cells, cols, strict=True)))
    for name in names:
        m = results[name]["confusion"]
        print(f"\nConfusion matrix, {name} (rows: truth, columns: predicted)")
        print(" " * 12 + "".join(c.rjust(11) for c in CATEGORIES))
        for i, c in enumerate(CATEGORIES):
            print(c.ljust(12) + "".join(str(v).rjust(11) for v in m[i]))


def _served(answers: Sequence[Classification]) -> tuple[np.ndarray, np.ndarray]:
    return (
        np.array([CATEGORIES.index(a.category) for a in answers]),
        np.array([a.urgency_score for a in answers]),
    )


def _describe(tickets: Sequence[Ticket]) -> str:
    urgent = sum(t.urgency > URGENT_CUT for t in tickets)
    counts = ", ".join(f"{c} {sum(t.category == c for t in tickets)}" for c in CATEGORIES)
    return f"{len(tickets)} tickets ({counts}); {urgent} urgent (target > {URGENT_CUT})"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--model-dir", type=Path, default=None, help="layer content directory")
    parser.add_argument(
        "--held-out-only", action="store_true", help="skip the nested cross-validation"
    )
    args = parser.parse_args(argv)

    tickets = load_tickets(args.data, CATEGORIES)
    train, test = split(tickets)
    test_ids = {t.id for t in test}
    texts = [t.text for t in tickets]

    onnx_model = OnnxClassifier(args.model_dir).load()
    started = time.perf_counter()
    onnx_answers: list[Classification] = []
    for i in range(0, len(texts), 16):
        onnx_answers += onnx_model.classify_batch(texts[i : i + 16])
    onnx_ms = 1000 * (time.perf_counter() - started) / len(texts)
    started = time.perf_counter()
    baseline_answers = BaselineClassifier().classify_batch(texts)
    baseline_ms = 1000 * (time.perf_counter() - started) / len(texts)
    held = [i for i, t in enumerate(tickets) if t.id in test_ids]

    print(f"Held-out split: {_describe(test)}. Heads trained on the other {len(train)}.")
    print(f"Model: {onnx_model.embedding_space} from {onnx_model.model_dir}\n")
    compare(
        np.array([CATEGORIES.index(tickets[i].category) for i in held]),
        np.array([tickets[i].urgency for i in held]),
        {
            "ONNX int8": _served([onnx_answers[i] for i in held]),
            "baseline": _served([baseline_answers[i] for i in held]),
        },
        [("time per ticket (ms)", [f"{onnx_ms:.2f}", f"{baseline_ms:.2f}"])],
    )
    smallest = min(sum(t.category == c for t in test) for c in CATEGORIES)
    print(
        f"\nRates show (hits/total); with {smallest} or more tickets per class, one ticket "
        f"moves a per-class rate by at most {100 / smallest:.1f} points.\n'Ahead by' is the "
        "model minus the baseline (for the mean abs error, the baseline minus the model: "
        f"positive is better),\nwith the 95% interval of that difference over {RESAMPLES} "
        "paired bootstrap resamples of the tickets;\n'ahead in' is the share of resamples "
        "where it is positive. The alert rows compare different operating\npoints: read "
        "precision together with recall (alert F1)."
    )
    if args.held_out_only:
        return

    print(
        f"\nNested {FOLDS}-fold cross-validation over all {_describe(tickets)}: each outer "
        f"fold refits both heads\n(search and calibration included) on the other "
        f"{FOLDS - 1} folds and scores its own; same int8 encoder."
    )
    model_dir = Path(onnx_model.model_dir)
    compare(
        np.array([CATEGORIES.index(t.category) for t in tickets]),
        np.array([t.urgency for t in tickets]),
        {
            "ONNX int8, CV": nested_cv(tickets, onnx_answers, model_dir),
            "baseline": _served(baseline_answers),
        },
    )


if __name__ == "__main__":
    main()
