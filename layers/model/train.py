"""Deterministic numpy training of the two heads on frozen sentence embeddings.

Category: multinomial logistic regression with L2. Urgency: logistic regression on the
continuous target (cross-entropy with soft labels), so S stays in [0, 1] and keeps its
ordering. The L2 strength is chosen by k-fold cross-validation on the training split;
folds come from the ticket ids, so the whole procedure is a pure function of the data.
Features are standardised while fitting and the scaling is folded back into the weights.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

# Strongest first: on a tie (accuracy often ties) the simpler model wins.
L2_GRID = (1.0, 0.1, 0.01, 0.001)
FOLDS = 5
STEPS = 400


@dataclass(frozen=True)
class Fitted:
    weight: np.ndarray  # [d, k] in the raw embedding space
    bias: np.ndarray  # [k]
    l2: float
    cv_score: float
    stretch: float = 1.0  # urgency only: factor applied to the logit, see fit_urgency


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _fit_glm(
    x: np.ndarray, y: np.ndarray, l2: float, link: Callable[[np.ndarray], np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Minimise mean cross-entropy + l2/2 |W|^2 by Nesterov gradient descent from zero.

    Both losses here have the same gradient form, (link(xW + b) - y) x, and are convex,
    so a fixed step on standardised features converges without any randomness.
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


def _fit_with_cv(
    x: np.ndarray,
    y: np.ndarray,
    folds: np.ndarray,
    link: Callable[[np.ndarray], np.ndarray],
    score: Callable[[np.ndarray, np.ndarray], float],
) -> tuple[Fitted, np.ndarray]:
    """The fit at the L2 strength with the best cross-validated score, and the
    out-of-fold linear scores (before the link) at that strength."""
    best_l2, best, best_oof = L2_GRID[0], -np.inf, np.zeros_like(y)
    for l2 in L2_GRID:
        scores = []
        oof = np.zeros_like(y)
        for f in range(FOLDS):
            tr, va = folds != f, folds == f
            if not va.any() or not tr.any():
                continue
            xs, mean, std = _standardise(x[tr])
            w, b = _fit_glm(xs, y[tr], l2, link)
            oof[va] = ((x[va] - mean) / std) @ w + b
            scores.append(score(link(oof[va]), y[va]))
        mean_score = float(np.mean(scores))
        if mean_score > best + 1e-9:
            best_l2, best, best_oof = l2, mean_score, oof
    xs, mean, std = _standardise(x)
    w, b = _fit_glm(xs, y, best_l2, link)
    w_raw, b_raw = _fold_back(w, b, mean, std)
    return Fitted(weight=w_raw, bias=b_raw, l2=best_l2, cv_score=best), best_oof


def _accuracy(p: np.ndarray, y: np.ndarray) -> float:
    return float((p.argmax(axis=1) == y.argmax(axis=1)).mean())


def _neg_mse(p: np.ndarray, y: np.ndarray) -> float:
    return -float(((p - y) ** 2).mean())


def fold_of(ids: Sequence[str]) -> np.ndarray:
    """Cross-validation fold per ticket, from its id (independent of the held-out split)."""
    import hashlib

    return np.array(
        [int(hashlib.sha256(f"fold:{i}".encode()).hexdigest()[:8], 16) % FOLDS for i in ids]
    )


def fit_category(
    embeddings: np.ndarray, labels: Sequence[int], n_classes: int, folds: np.ndarray
) -> Fitted:
    y = np.eye(n_classes)[np.asarray(labels)]
    fitted, _ = _fit_with_cv(embeddings.astype(np.float64), y, folds, _softmax, _accuracy)
    return fitted


def fit_urgency(embeddings: np.ndarray, targets: Sequence[float], folds: np.ndarray) -> Fitted:
    """Logistic regression on the target, then its logit stretched to the targets' spread.

    A regularised regression pulls every score towards the mean, so few tickets would ever
    reach the 0.8 alert line even when ranked right. Matching the spread of out-of-fold
    logits to that of the targets' logits undoes the pull without changing the ranking.
    """
    y = np.asarray(targets, dtype=np.float64)[:, None]
    fitted, oof = _fit_with_cv(embeddings.astype(np.float64), y, folds, _sigmoid, _neg_mse)
    clipped = np.clip(y, 0.02, 0.98)
    target_logit = np.log(clipped / (1 - clipped))
    stretch = float(max(target_logit.std() / max(oof.std(), 1e-6), 1.0))
    centre = float(oof.mean())
    # sigmoid(stretch * (z - centre) + target mean), folded into the weights.
    bias = stretch * (fitted.bias - centre) + float(target_logit.mean())
    return Fitted(
        weight=fitted.weight * stretch,
        bias=bias,
        l2=fitted.l2,
        cv_score=fitted.cv_score,
        stretch=stretch,
    )


def predict_category(fitted: Fitted, embeddings: np.ndarray) -> np.ndarray:
    return _softmax(embeddings.astype(np.float64) @ fitted.weight + fitted.bias)


def predict_urgency(fitted: Fitted, embeddings: np.ndarray) -> np.ndarray:
    return _sigmoid(embeddings.astype(np.float64) @ fitted.weight + fitted.bias)[:, 0]
