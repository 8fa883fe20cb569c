"""Deterministic numpy training of the two heads on frozen sentence embeddings.

Every choice is made by k-fold cross-validation on the training split only (the held-out
split never reaches this module); folds come from the ticket ids, so the whole procedure
is a pure function of the data, with no random initialisation anywhere.

Category: multinomial logistic regression with L2; the strength is the one with the lowest
out-of-fold cross-entropy (accuracy alone ties across most of the grid).

Urgency: ridge regression on the target, the strength chosen by out-of-fold Spearman. A
score in target units is then mapped through a sigmoid calibrated on the out-of-fold
scores: the cut that gives the best out-of-fold F1 for "urgent" (target > 0.8) is mapped
exactly to S = 0.8, so the S > 0.8 alert line is the F1-best line, and the slope is the one
with the lowest out-of-fold mean absolute error. The map is monotone: ranking is unchanged.

Features are standardised while fitting and the scaling is folded back into the weights,
so the graph applies one MatMul + Add per head to the raw embedding.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

FOLDS = 5
STEPS = 400
# Category L2 (on standardised features, per example). Strongest first: on a tie the
# simpler model wins.
CATEGORY_L2_GRID = (0.3, 0.1, 0.03, 0.01, 0.003, 0.001)
# Urgency ridge penalty (sum of squares, standardised features, ~650 rows per fit).
URGENCY_L2_GRID = (3000.0, 1000.0, 300.0, 100.0, 30.0)
URGENT_CUT = 0.8  # same line as dataset.URGENT_CUT and the Slack alerts
SLOPE_GRID = tuple(float(s) for s in np.geomspace(2.0, 60.0, 69))


@dataclass(frozen=True)
class Fitted:
    weight: np.ndarray  # [d, k] in the raw embedding space
    bias: np.ndarray  # [k]
    l2: float
    cv_score: float
    stretch: float = 1.0  # urgency only: sigmoid slope on the ridge score
    cv: dict[str, float] = field(default_factory=dict)  # out-of-fold figures, for the manifest


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0)))


def _logit(p: float) -> float:
    return float(np.log(p / (1.0 - p)))


def _fit_glm(
    x: np.ndarray, y: np.ndarray, l2: float, link: Callable[[np.ndarray], np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Minimise mean cross-entropy + l2/2 |W|^2 by Nesterov gradient descent from zero.

    The loss has the gradient (link(xW + b) - y) x and is convex, so a fixed step on
    standardised features converges without any randomness.
    """
    n, d = x.shape
    k = y.shape[1]
    w = np.zeros((d, k))
    b = np.zeros(k)
    vw, vb = np.zeros_like(w), np.zeros_like(b)
    # 1/L for the cross-entropy Hessian bound on standardised features.
    step = 1.0 / (0.5 * float(np.linalg.eigvalsh(x.T @ x)[-1]) / n + l2)
    momentum = 0.9
    for _ in range(STEPS):
        lw, lb = w + momentum * vw, b + momentum * vb
        err = link(x @ lw + lb) - y
        gw = x.T @ err / n + l2 * lw
        gb = err.mean(axis=0)
        vw = momentum * vw - step * gw
        vb = momentum * vb - step * gb
        w, b = w + vw, b + vb
    return w, b


def _fit_ridge(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray]:
    """Closed-form ridge on standardised features: min |x W + b - y|^2 + l2 |W|^2."""
    centre = y.mean(axis=0)
    w = np.linalg.solve(x.T @ x + l2 * np.eye(x.shape[1]), x.T @ (y - centre))
    return w, centre


def _standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    std = x.std(axis=0) + 1e-6
    return (x - mean) / std, mean, std


def _fold_back(
    w: np.ndarray, b: np.ndarray, mean: np.ndarray, std: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Weights that take raw features: ((x - m) / s) W + b == x (W / s) + (b - (m / s) W)."""
    w_raw = w / std[:, None]
    return w_raw, b - (mean / std) @ w


Solver = Callable[[np.ndarray, np.ndarray, float], tuple[np.ndarray, np.ndarray]]


def _out_of_fold(
    x: np.ndarray, y: np.ndarray, folds: np.ndarray, solver: Solver, l2: float
) -> np.ndarray:
    """Linear scores (before any link) of every row from the fit on the other folds."""
    oof = np.zeros_like(y)
    for f in np.unique(folds):
        tr, va = folds != f, folds == f
        xs, mean, std = _standardise(x[tr])
        w, b = solver(xs, y[tr], l2)
        oof[va] = ((x[va] - mean) / std) @ w + b
    return oof


def _select(
    x: np.ndarray,
    y: np.ndarray,
    folds: np.ndarray,
    solver: Solver,
    grid: Sequence[float],
    score: Callable[[np.ndarray, np.ndarray], float],
) -> tuple[float, float, np.ndarray]:
    """(l2, cv score, out-of-fold scores) of the grid point with the best score."""
    best: tuple[float, float, np.ndarray] | None = None
    for l2 in grid:
        oof = _out_of_fold(x, y, folds, solver, l2)
        value = score(oof, y)
        if best is None or value > best[1] + 1e-9:
            best = (l2, value, oof)
    assert best is not None
    return best


def _fit_all(
    x: np.ndarray, y: np.ndarray, solver: Solver, l2: float
) -> tuple[np.ndarray, np.ndarray]:
    xs, mean, std = _standardise(x)
    w, b = solver(xs, y, l2)
    return _fold_back(w, b, mean, std)


def ranks(values: np.ndarray) -> np.ndarray:
    """0-based ranks, ties sharing their average rank."""
    order = np.argsort(values, kind="mergesort")
    sorted_values = values[order]
    boundaries = np.flatnonzero(np.diff(sorted_values)) + 1
    starts = np.concatenate(([0], boundaries))
    ends = np.concatenate((boundaries, [len(values)]))
    result = np.empty(len(values))
    for start, end in zip(starts, ends, strict=True):
        result[order[start:end]] = (start + end - 1) / 2
    return result


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    ra, rb = ranks(a), ranks(b)
    if ra.std() == 0 or rb.std() == 0:
        return float("nan")
    return float(np.corrcoef(ra, rb)[0, 1])


def roc_auc(scores: np.ndarray, positive: np.ndarray) -> float:
    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    r = ranks(scores) + 1
    return float((r[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def best_f1_cut(scores: np.ndarray, positive: np.ndarray) -> tuple[float, float]:
    """(cut, F1): flagging scores > cut gives the best F1 for ``positive``.

    The cut lies halfway between the last flagged score and the next one down.
    """
    order = np.argsort(-scores, kind="mergesort")
    s = scores[order]
    tp = np.cumsum(positive[order])
    flagged = np.arange(1, len(s) + 1)
    f1 = 2 * tp / (flagged + positive.sum())
    # Only cut between distinct scores.
    f1[:-1][s[:-1] == s[1:]] = -1.0
    i = int(f1.argmax())
    below = s[i + 1] if i + 1 < len(s) else s[i] - 1.0
    return float((s[i] + below) / 2), float(f1[i])


def fold_of(ids: Sequence[str]) -> np.ndarray:
    """Cross-validation fold per ticket, from its id (independent of the held-out split)."""
    return np.array(
        [int(hashlib.sha256(f"fold:{i}".encode()).hexdigest()[:8], 16) % FOLDS for i in ids]
    )


def _neg_cross_entropy(z: np.ndarray, y: np.ndarray) -> float:
    p = _softmax(z)
    return float(np.log(np.maximum((p * y).sum(axis=1), 1e-12)).mean())


def fit_category(
    embeddings: np.ndarray, labels: Sequence[int], n_classes: int, folds: np.ndarray
) -> Fitted:
    x = embeddings.astype(np.float64)
    y = np.eye(n_classes)[np.asarray(labels)]

    def solver(xs: np.ndarray, ys: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray]:
        return _fit_glm(xs, ys, l2, _softmax)

    l2, score, oof = _select(x, y, folds, solver, CATEGORY_L2_GRID, _neg_cross_entropy)
    weight, bias = _fit_all(x, y, solver, l2)
    accuracy = float((oof.argmax(axis=1) == y.argmax(axis=1)).mean())
    return Fitted(
        weight=weight,
        bias=bias,
        l2=l2,
        cv_score=score,
        cv={"cross_entropy": -score, "accuracy": accuracy},
    )


def fit_urgency(embeddings: np.ndarray, targets: Sequence[float], folds: np.ndarray) -> Fitted:
    """Ridge score z, then S = sigmoid(slope * (z - cut) + logit(0.8)).

    ``cut`` is the out-of-fold F1-best alert line for target > 0.8, so S > 0.8 exactly when
    z > cut; ``slope`` spreads the scores to the lowest out-of-fold mean absolute error.
    """
    x = embeddings.astype(np.float64)
    y = np.asarray(targets, dtype=np.float64)[:, None]

    def by_spearman(oof: np.ndarray, ys: np.ndarray) -> float:
        return spearman(oof[:, 0], ys[:, 0])

    l2, score, oof = _select(x, y, folds, _fit_ridge, URGENCY_L2_GRID, by_spearman)
    weight, bias = _fit_all(x, y, _fit_ridge, l2)

    z, target = oof[:, 0], y[:, 0]
    urgent = target > URGENT_CUT
    cut, f1 = best_f1_cut(z, urgent)
    line = _logit(URGENT_CUT)
    errors = [float(np.abs(_sigmoid(s * (z - cut) + line) - target).mean()) for s in SLOPE_GRID]
    slope = SLOPE_GRID[int(np.argmin(errors))]
    alerts = z > cut
    hits = int((alerts & urgent).sum())
    return Fitted(
        weight=weight * slope,
        bias=slope * (bias - cut) + line,
        l2=l2,
        cv_score=score,
        stretch=slope,
        cv={
            "spearman": score,
            "roc_auc_urgent": roc_auc(z, urgent),
            "mae": float(min(errors)),
            "alert_f1": f1,
            "alert_precision": hits / max(int(alerts.sum()), 1),
            "alert_recall": hits / max(int(urgent.sum()), 1),
            "cut": cut,
        },
    )


def predict_category(fitted: Fitted, embeddings: np.ndarray) -> np.ndarray:
    return _softmax(embeddings.astype(np.float64) @ fitted.weight + fitted.bias)


def predict_urgency(fitted: Fitted, embeddings: np.ndarray) -> np.ndarray:
    return _sigmoid(embeddings.astype(np.float64) @ fitted.weight + fitted.bias)[:, 0]
