"""Deterministic numpy training of the two heads on frozen sentence embeddings.

Every choice is made by k-fold cross-validation on the training split only (the held-out
split never reaches this module); folds come from the ticket ids, so the whole procedure
is a pure function of the data, with no random initialisation anywhere.

Both heads read two blocks of features: the sentence embedding, and a token bag (how often
each known word piece occurs, over the square root of the ticket's token count). Mean
pooling blurs the few words that decide a ticket ("invoice", "subpoena", "tonight",
"ASAP"); the bag keeps them. Fits run in the dual, on Gram matrices of the rows, so a
3,000-token lexicon costs little more than the 384-dim embedding.

Category: multinomial logistic regression on both blocks at once; the bag's weight
against the embedding and the L2 strength are searched together, no bag first (the
simpler head wins a tie), by the lowest out-of-fold cross-entropy.

Urgency: ridge regression on the embedding, then a ridge on the bag fitted to what the
first leaves unexplained, each penalty by out-of-fold Spearman (see fit_urgency for why
in two stages), then blended with the vote of the most similar rated training texts (k,
tau and share by the same score). The score is then mapped through a sigmoid calibrated on
the out-of-fold scores: the cut with the best out-of-fold F1 for "urgent" (target > 0.8) is mapped
exactly to S = 0.8, so the S > 0.8 alert line is the F1-best line, and the slope is the
one with the lowest out-of-fold mean absolute error. The map is monotone: ranking is
unchanged.

Features are standardised while fitting and the scaling is folded back into the weights,
so the graph applies one MatMul + Add per head to the raw embedding, and one Gather +
masked sum over the token ids, divided by sqrt(token count), for the bag.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

FOLDS = 5
STEPS = 400
# Category L2 (on standardised features, per example). Strongest first: on a tie the
# simpler model wins. With real sources held out whole, CV picks the strong end (0.1).
CATEGORY_L2_GRID = (0.3, 0.1, 0.03, 0.01)
# Scale of the label-description prior (cosine to each description, times this, added to
# the logits); 0 first: no prior.
CATEGORY_PRIOR_GRID = (0.0, 10.0, 20.0, 40.0)
TEMPERATURE_GRID = tuple(float(t) for t in np.geomspace(0.25, 4.0, 81))
# The nearest-neighbour vote blended into the category probabilities: how many labelled
# examples vote, the softmax temperature on their cosine similarities, and the vote's share
# of the blend (0 first: no vote).
NEIGHBOUR_K_GRID = (5, 10, 20)
NEIGHBOUR_TAU_GRID = (0.02, 0.05)
NEIGHBOUR_SHARE_GRID = (0.0, 0.25, 0.5, 0.75)
# Urgency ridge penalty (sum of squares, standardised features, ~650 rows per fit).
URGENCY_L2_GRID = (3000.0, 1000.0, 300.0, 100.0, 30.0)
# Weight of the lexical block relative to the standardised embedding block (0: embedding
# only, tried first so that on a tie the simpler model wins).
CATEGORY_LEXICAL_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)
# Urgency's bag is a second stage on the embedding's residual, with its own ridge penalty
# (on the bag standardised by its overall spread); strongest first.
URGENCY_BAG_L2_GRID = (3000.0, 1000.0, 300.0, 100.0, 30.0)
# A word piece joins the lexicon when this many training tickets contain it: rarer ones
# cannot be weighed by cross-validation.
MIN_LEXICON_TICKETS = 2
# The urgency neighbour vote: the rated examples that vote, the softmax temperature on their
# cosine similarities, and the vote's share of the blend with the ridge (0 first: no vote).
URGENCY_VOTE_K_GRID = (20, 50, 100)
URGENCY_VOTE_TAU_GRID = (0.05, 0.1)
URGENCY_VOTE_SHARE_GRID = (0.0, 0.25, 0.5, 0.75)
URGENCY_MIN_SOURCE_ROWS = 50  # a source smaller than this is in the fit, not in the score
URGENT_CUT = 0.8  # same line as dataset.URGENT_CUT and the Slack alerts
# Alert lines (URGENCY_ALERT_THRESHOLD values) whose out-of-fold cost the manifest records,
# and the rubric's bands they are read against: "plain emergency" (0.9 and up) and "calm"
# (under 0.4: questions, how-to, feature requests, cosmetic bugs, thanks).
ALERT_LINES = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
EMERGENCY_BAND = 0.9
CALM_BAND = 0.4
# One line per category: the zero-shot reference of `make eval` (cosine to each line's
# embedding) and the category head's prior. What each category is for, in plain words, as
# the README's category rules put it; never tuned on any evaluation set.
LABEL_DESCRIPTIONS = (
    "A billing question about money: a charge, payment, invoice, refund, fee, price or "
    "subscription.",
    "A technical problem or product question: a bug, error, outage, crash, login trouble, "
    "setup, integration, compatibility or how to use the software.",
    "A legal matter: a privacy or data protection request, copyright, trademark or licence "
    "dispute, contract terms, a lawsuit, subpoena, court order or regulator.",
)
# Never in the heads' token bag: they are in every ticket (or in none).
SPECIAL_TOKENS = ("[PAD]", "[CLS]", "[SEP]", "[MASK]")
SLOPE_GRID = tuple(float(s) for s in np.geomspace(2.0, 60.0, 69))


@dataclass(frozen=True)
class Neighbours:
    """The category blend: (1 - share) * head + share * vote of the k nearest examples,
    sharpened or softened by ``temperature`` (softmax(log(blend) / temperature))."""

    k: int
    tau: float
    share: float
    temperature: float
    cv: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Fitted:
    weight: np.ndarray  # [d, k] in the raw embedding space
    bias: np.ndarray  # [k]
    l2: float
    cv_score: float
    stretch: float = 1.0  # urgency only: sigmoid slope on the ridge score
    cv: dict[str, float] = field(default_factory=dict)  # out-of-fold figures, for the manifest
    # Weight per lexicon token on the token bag (see token_bag), [tokens, k]; empty when
    # the head does not read the bag.
    lexicon: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    lexical_weight: np.ndarray = field(default_factory=lambda: np.zeros((0, 1)))
    lexical_scale: float = 0.0  # bag weight chosen (urgency: 1 if its bag stage is used)
    # Out-of-fold scores at the chosen point (category: calibrated probabilities), for the
    # stages fitted after this one; never written to the graph or the manifest.
    oof: np.ndarray = field(default_factory=lambda: np.zeros((0, 1)))
    # Urgency only: alert_operating_points on the rubric-labelled rows, for the manifest.
    operating_points: list[dict[str, float | None]] = field(default_factory=list)
    # Urgency only: the neighbour vote. ``vote_index`` [examples, dims] holds the rated
    # examples' unit embeddings and ``vote_targets`` their targets; the k most similar vote
    # with weights softmax(similarity / vote_tau), and the vote enters the sigmoid's
    # argument times ``vote_weight`` (slope * share); 0: no vote.
    vote_index: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    vote_targets: np.ndarray = field(default_factory=lambda: np.zeros(0))
    vote_k: int = 0
    vote_tau: float = 0.0
    vote_weight: float = 0.0


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0)))


def _logit(p: float) -> float:
    return float(np.log(p / (1.0 - p)))


def _glm(
    gram: np.ndarray | Factored,
    y: np.ndarray,
    l2: float,
    link: Callable[[np.ndarray], np.ndarray],
    offset: np.ndarray | float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Minimise mean cross-entropy + l2/2 |W|^2 by Nesterov gradient descent from zero.

    Runs in the coefficients of the rows (W = X^T A), where ``gram`` = X X^T: from W = 0
    every gradient step, (link(XW + b) - y) X / n + l2 W, stays in the rows' span, so these
    are the primal iterates exactly, at a cost that does not grow with the feature count.
    The loss is convex and the step 1/L fixed, so no randomness enters. ``offset`` is a
    fixed score per row added before the link (the label-description prior).
    """
    n = len(y)
    a = np.zeros_like(y)
    b = np.zeros(y.shape[1])
    va, vb = np.zeros_like(a), np.zeros_like(b)
    # 1/L for the cross-entropy Hessian bound (the largest eigenvalue of X^T X is that of
    # X X^T).
    step = 1.0 / (0.5 * _top_eigenvalue(gram) / n + l2)
    momentum = 0.9
    for _ in range(STEPS):
        la, lb = a + momentum * va, b + momentum * vb
        err = link(gram @ la + lb + offset) - y
        ga = err / n + l2 * la
        gb = err.mean(axis=0)
        va = momentum * va - step * ga
        vb = momentum * vb - step * gb
        a, b = a + va, b + vb
    return a, b


def _ridge(
    gram: np.ndarray,
    y: np.ndarray,
    l2: float,
    link: Callable[[np.ndarray], np.ndarray],
    offset: np.ndarray | float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    """min |XW + b - y|^2 + l2 |W|^2 in closed form, dual: W = X^T (X X^T + l2 I)^-1 (y - b)."""
    del link, offset  # identity link; no prior for the urgency head
    centre = y.mean(axis=0)
    return np.linalg.solve(gram + l2 * np.eye(len(y)), y - centre), centre


Solver = Callable[
    [np.ndarray, np.ndarray, float, Callable[[np.ndarray], np.ndarray], np.ndarray | float],
    tuple[np.ndarray, np.ndarray],
]


class Factored:
    """A Gram matrix F F^T kept as its factor F [rows, features].

    With fewer features than rows (the embedding alone: 384 against thousands of texts),
    G @ a = F (F^T a) costs rows x features per column instead of rows^2, and the largest
    eigenvalue is that of the small F^T F. Same numbers as the explicit matrix.
    """

    def __init__(self, factor: np.ndarray) -> None:
        self.factor = factor

    def __matmul__(self, a: np.ndarray) -> np.ndarray:
        return self.factor @ (self.factor.T @ a)


def _top_eigenvalue(gram: np.ndarray | Factored) -> float:
    if isinstance(gram, Factored):
        return float(np.linalg.eigvalsh(gram.factor.T @ gram.factor)[-1])
    return float(np.linalg.eigvalsh(gram)[-1])


class _Blocks:
    """The two feature blocks of a set of rows, standardised, and their Gram matrices.

    Features are [ (e - mean_e) / std_e , w (b - mean_b) / spread_b ]: the embedding
    standardised per dimension, the token bag centred and divided by its overall spread,
    times the lexical weight ``w`` under search. Their Gram is G_e + w^2 G_b, so every
    (w, l2) point of a search reuses the same two products.
    """

    def __init__(self, emb: np.ndarray, bag: np.ndarray) -> None:
        self.e_mean, self.e_std = emb.mean(axis=0), emb.std(axis=0) + 1e-6
        self.b_mean = bag.mean(axis=0)
        self.b_spread = float(bag.std()) + 1e-12 if bag.size else 1.0
        self.e = (emb - self.e_mean) / self.e_std
        self.b = (bag - self.b_mean) / self.b_spread
        self._gram_e: np.ndarray | None = None
        self._gram_b: np.ndarray | None = None

    def gram(self, scale: float) -> np.ndarray:
        if self._gram_e is None or self._gram_b is None:
            self._gram_e, self._gram_b = self.e @ self.e.T, self.b @ self.b.T
        return self._gram_e + scale * scale * self._gram_b

    def kernel(self, scale: float) -> np.ndarray | Factored:
        """The Gram for the logistic fits: factored when only the embedding counts."""
        if scale == 0.0 or not self.b.shape[1]:
            return Factored(self.e)
        return self.gram(scale)

    def cross(self, emb: np.ndarray, bag: np.ndarray, scale: float) -> np.ndarray:
        """Gram between other rows (same standardisation) and these."""
        e = (emb - self.e_mean) / self.e_std
        b = (bag - self.b_mean) / self.b_spread
        return e @ self.e.T + scale * scale * (b @ self.b.T)

    def primal(
        self, a: np.ndarray, b: np.ndarray, scale: float
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(embedding weight, lexical weight, bias) that take the raw features."""
        w_e = (self.e.T @ a) / self.e_std[:, None]
        w_b = scale * scale * (self.b.T @ a) / self.b_spread
        return w_e, w_b, b - self.e_mean @ w_e - self.b_mean @ w_b


def _search(
    x: np.ndarray,
    bag: np.ndarray,
    y: np.ndarray,
    folds: np.ndarray,
    fit: tuple[Solver, Callable[[np.ndarray], np.ndarray]],
    grid: Sequence[tuple[float, ...]],
    score: Callable[[np.ndarray, np.ndarray], float],
    prior: np.ndarray | None = None,
) -> tuple[tuple[float, ...], float, np.ndarray]:
    """((lexical weight, l2[, prior scale]), cv score, out-of-fold scores) of the best point.

    ``grid`` is in order of preference: on a tie the earlier point wins. A point's third
    value, when given, scales ``prior`` (a fixed score per row) added to the linear score.
    """
    solver, link = fit
    oof = {point: np.zeros_like(y) for point in grid}
    offset = np.zeros_like(y) if prior is None else prior
    for f in np.unique(folds):
        tr, va = folds != f, folds == f
        blocks = _Blocks(x[tr], bag[tr])
        for scale in dict.fromkeys(p[0] for p in grid):
            gram = _gram_for(solver, blocks, scale)
            cross = blocks.cross(x[va], bag[va], scale)
            for point in (p for p in grid if p[0] == scale):
                weight = _prior_scale(point)
                a, b = solver(gram, y[tr], point[1], link, weight * offset[tr])
                oof[point][va] = cross @ a + b + weight * offset[va]
    values = {point: score(oof[point], y) for point in grid}
    best = grid[0]
    for point in grid[1:]:
        if values[point] > values[best] + 1e-9:
            best = point
    return best, values[best], oof[best]


def _gram_for(solver: Solver, blocks: _Blocks, scale: float) -> np.ndarray | Factored:
    # The ridge solves a linear system on the explicit Gram; gradient descent only
    # multiplies by it, which the factored form does for less.
    return blocks.kernel(scale) if solver is _glm else blocks.gram(scale)


def _prior_scale(point: tuple[float, ...]) -> float:
    return point[2] if len(point) > 2 else 0.0


def _fit(
    x: np.ndarray,
    bag: np.ndarray,
    y: np.ndarray,
    fit: tuple[Solver, Callable[[np.ndarray], np.ndarray]],
    point: tuple[float, ...],
    prior: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fit on every row: (embedding weight, lexical weight, bias) on raw features.

    The prior's own weights are not included: the caller adds them.
    """
    solver, link = fit
    blocks = _Blocks(x, bag)
    offset = 0.0 if prior is None else _prior_scale(point) * prior
    a, b = solver(_gram_for(solver, blocks, point[0]), y, point[1], link, offset)
    return blocks.primal(a, b, point[0])


def _features(
    token_ids: Sequence[Sequence[int]] | None, skip_tokens: Sequence[int], rows: int
) -> tuple[np.ndarray, np.ndarray]:
    """(lexicon, token bag); both empty without token ids."""
    if token_ids is None:
        return np.zeros(0, dtype=np.int64), np.zeros((rows, 0))
    tokens = lexicon(token_ids, skip_tokens)
    return tokens, token_bag(token_ids, tokens)


def _grid(
    scales: Sequence[float], l2s: Sequence[float], lexical: bool
) -> list[tuple[float, float]]:
    return [(w, l2) for w in (scales if lexical else (0.0,)) for l2 in l2s]


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


def fold_of(ids: Sequence[str], salt: str = "fold") -> np.ndarray:
    """Cross-validation fold per ticket, from its id (independent of the held-out split).

    Another ``salt`` gives another, independent assignment (make eval's outer folds).
    """
    return np.array(
        [int(hashlib.sha256(f"{salt}:{i}".encode()).hexdigest()[:8], 16) % FOLDS for i in ids]
    )


def special_token_ids(token_to_id: Callable[[str], int | None]) -> list[int]:
    """Ids of SPECIAL_TOKENS in a vocabulary (``Tokenizer.token_to_id``), for ``skip``."""
    return [i for i in map(token_to_id, SPECIAL_TOKENS) if i is not None]


def lexicon(token_ids: Sequence[Sequence[int]], skip: Sequence[int] = ()) -> np.ndarray:
    """Sorted token ids found in at least MIN_LEXICON_TICKETS of the texts, minus ``skip``."""
    seen: dict[int, int] = {}
    for ids in token_ids:
        for token in set(ids):
            seen[token] = seen.get(token, 0) + 1
    dropped = set(skip)
    kept = [t for t, n in seen.items() if n >= MIN_LEXICON_TICKETS and t not in dropped]
    return np.array(sorted(kept), dtype=np.int64)


def token_bag(token_ids: Sequence[Sequence[int]], tokens: np.ndarray) -> np.ndarray:
    """[texts, tokens]: occurrences of each lexicon token over sqrt(the text's token count).

    Dividing by the square root, not the count, lets a word still tell in a long ticket
    without a long ticket outweighing a short one (5-fold CV: category cross-entropy
    0.091 vs 0.102, urgency Spearman 0.857 vs 0.840). The count includes every token the
    encoder sees ([CLS] and [SEP] too), which is what the graph takes (the attention
    mask's sum), so the two agree exactly.
    """
    column = {int(t): j for j, t in enumerate(tokens)}
    bag = np.zeros((len(token_ids), len(tokens)))
    for row, ids in enumerate(token_ids):
        for token in ids:
            j = column.get(token)
            if j is not None:
                bag[row, j] += 1.0
        bag[row] /= np.sqrt(max(len(ids), 1))
    return bag


def _neg_cross_entropy(z: np.ndarray, y: np.ndarray) -> float:
    p = _softmax(z)
    return float(np.log(np.maximum((p * y).sum(axis=1), 1e-12)).mean())


def fit_category(
    embeddings: np.ndarray,
    labels: Sequence[int],
    n_classes: int,
    folds: np.ndarray,
    token_ids: Sequence[Sequence[int]] | None = None,
    skip_tokens: Sequence[int] = (),
    descriptions: np.ndarray | None = None,
    *,
    lexical_grid: Sequence[float] = CATEGORY_LEXICAL_GRID,
    l2_grid: Sequence[float] = CATEGORY_L2_GRID,
    prior_grid: Sequence[float] = CATEGORY_PRIOR_GRID,
) -> Fitted:
    """Multinomial logistic regression on the embedding and, given ``token_ids``, the bag.

    Given ``descriptions`` ([classes, dims], unit rows: the embedded label descriptions),
    the zero-shot score (cosine to each description) times a searched scale is a fixed
    prior added to the logits, so the fitted weights only correct the prior, and the L2
    penalty pulls the head towards the zero-shot classifier instead of towards nothing.
    The scale, the L2 strength and the lexical block's weight are chosen together by the
    lowest out-of-fold cross-entropy (accuracy ties across most of the grid). Last, one
    temperature fitted on the out-of-fold logits calibrates the probabilities.
    """
    x = embeddings.astype(np.float64)
    y = np.eye(n_classes)[np.asarray(labels)]
    tokens, bag = _features(token_ids, skip_tokens, len(y))
    fit = (_glm, _softmax)
    prior = None if descriptions is None else x @ descriptions.T
    scales = tuple(prior_grid) if prior is not None else (0.0,)
    grid = [(w, l2, p) for p in scales for w, l2 in _grid(lexical_grid, l2_grid, len(tokens) > 0)]
    point, score, oof = _search(x, bag, y, folds, fit, grid, _neg_cross_entropy, prior)
    weight, lexical, bias = _fit(x, bag, y, fit, point, prior)
    if prior is not None and descriptions is not None:
        weight = weight + _prior_scale(point) * descriptions.T
    temperature = _temperature(oof, y)
    accuracy = float((oof.argmax(axis=1) == y.argmax(axis=1)).mean())
    fitted = _fitted(
        weight / temperature,
        bias / temperature,
        point,
        score,
        tokens,
        lexical / temperature,
        cv={
            "cross_entropy": -score,
            "accuracy": accuracy,
            "prior_scale": _prior_scale(point),
            "temperature": temperature,
            "ece_before": expected_calibration_error(_softmax(oof), y.argmax(axis=1)),
            "ece": expected_calibration_error(_softmax(oof / temperature), y.argmax(axis=1)),
        },
    )
    return replace(fitted, oof=_softmax(oof / temperature))


def neighbour_votes(
    similarity: np.ndarray, labels: np.ndarray, k: int, tau: float
) -> tuple[np.ndarray, np.ndarray]:
    """(votes [rows, classes], nearest [rows, k]) from a [rows, examples] cosine matrix.

    Each of the k most similar examples votes for its one-hot label ``labels``
    [examples, classes] with weight softmax(similarity / tau) over the k.
    """
    nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
    s = np.take_along_axis(similarity, nearest, axis=1)
    w = np.exp((s - s.max(axis=1, keepdims=True)) / tau)
    w /= w.sum(axis=1, keepdims=True)
    return (w[:, :, None] * labels[nearest]).sum(axis=1), nearest


def blend(head: np.ndarray, votes: np.ndarray, share: float, temperature: float) -> np.ndarray:
    """What the graph serves: softmax(log((1 - share) head + share votes) / temperature)."""
    mixed = (1.0 - share) * head + share * votes
    return _softmax(np.log(np.maximum(mixed, 1e-9)) / temperature)


def _unit(embeddings: np.ndarray) -> np.ndarray:
    x = embeddings.astype(np.float64)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def out_of_fold_similarity(unit: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """Cosine between every two rows, -inf within a fold: a row's neighbours out of fold
    come only from the other folds."""
    similarity = unit @ unit.T
    similarity[folds[:, None] == folds[None, :]] = -np.inf
    return similarity


def fit_neighbours(
    embeddings: np.ndarray,
    labels: Sequence[int],
    n_classes: int,
    folds: np.ndarray,
    head_oof: np.ndarray,
    *,
    k_grid: Sequence[int] = NEIGHBOUR_K_GRID,
    tau_grid: Sequence[float] = NEIGHBOUR_TAU_GRID,
    share_grid: Sequence[float] = NEIGHBOUR_SHARE_GRID,
) -> Neighbours:
    """k, tau and share of the neighbour vote, by the lowest out-of-fold cross-entropy.

    Out of fold, a row's neighbours come only from the other folds; folds keep a real
    source whole, so a real text is judged by examples from other sources, as a ticket
    from a new source will be. ``head_oof`` is the category head's out-of-fold
    probabilities. A temperature on the blend then calibrates it.
    """
    y = np.eye(n_classes)[np.asarray(labels)]
    similarity = out_of_fold_similarity(_unit(embeddings), folds)
    best: tuple[float, int, float, float] | None = None
    for k in k_grid:
        for tau in tau_grid:
            votes, _ = neighbour_votes(similarity, y, k, tau)
            for share in share_grid:
                loss = -_neg_cross_entropy(
                    np.log(np.maximum(blend(head_oof, votes, share, 1.0), 1e-12)), y
                )
                if best is None or loss < best[0] - 1e-9:
                    best = (loss, k, tau, share)
    assert best is not None
    loss, k, tau, share = best
    votes, _ = neighbour_votes(similarity, y, k, tau)
    mixed = np.log(np.maximum(blend(head_oof, votes, share, 1.0), 1e-12))
    temperature = _temperature(mixed, y)
    served = blend(head_oof, votes, share, temperature)
    truth = y.argmax(axis=1)
    return Neighbours(
        k=k,
        tau=tau,
        share=share,
        temperature=temperature,
        cv={
            "cross_entropy": -_neg_cross_entropy(np.log(np.maximum(served, 1e-12)), y),
            "accuracy": float((served.argmax(axis=1) == truth).mean()),
            "head_accuracy": float((head_oof.argmax(axis=1) == truth).mean()),
            "ece": expected_calibration_error(served, truth),
        },
    )


def _temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The T in softmax(logits / T) with the lowest cross-entropy on out-of-fold logits."""
    losses = [-_neg_cross_entropy(logits / t, y) for t in TEMPERATURE_GRID]
    return float(TEMPERATURE_GRID[int(np.argmin(losses))])


def expected_calibration_error(probs: np.ndarray, truth: np.ndarray, bins: int = 10) -> float:
    """ECE of the top-class confidence: bin by confidence, weigh |accuracy - confidence|."""
    confidence = probs.max(axis=1)
    correct = probs.argmax(axis=1) == truth
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        rows = which == b
        if rows.any():
            total += rows.sum() * abs(correct[rows].mean() - confidence[rows].mean())
    return float(total / max(len(truth), 1))


def fit_urgency(
    embeddings: np.ndarray,
    targets: Sequence[float],
    folds: np.ndarray,
    token_ids: Sequence[Sequence[int]] | None = None,
    skip_tokens: Sequence[int] = (),
    *,
    sources: Sequence[str] | None = None,
    rubric: Sequence[bool] | None = None,
    l2_grid: Sequence[float] = URGENCY_L2_GRID,
    bag_l2_grid: Sequence[float] = URGENCY_BAG_L2_GRID,
    vote_k_grid: Sequence[int] = URGENCY_VOTE_K_GRID,
    vote_tau_grid: Sequence[float] = URGENCY_VOTE_TAU_GRID,
    vote_share_grid: Sequence[float] = URGENCY_VOTE_SHARE_GRID,
) -> Fitted:
    """Ridge score z in two stages, then S = sigmoid(slope (z - cut) + logit 0.8).

    Stage one is a ridge on the embedding alone, its penalty chosen by out-of-fold
    Spearman (by source when ``sources`` are given: ``_spearman_by_source``). Stage two,
    given ``token_ids``, is a ridge on the token bag fitted to what stage one leaves
    unexplained, its penalty chosen the same way (or no bag, if none helps). The bag only
    corrects the embedding: fitted jointly, the two share the credit and a short ticket far
    from the training style ("URGENT: payroll crashed, 4000 employees unpaid, fix ASAP!!")
    is judged by its punctuation and by words like "urgent" that the set also uses in "not
    urgent"; in stages it keeps the embedding's reading. Both stages are linear, so they
    fold into one set of weights.

    The ridge's score is then blended with a neighbour vote: (1 - share) ridge + share *
    the softmax(similarity / tau)-weighted mean target of the k most similar rated texts
    (out of fold: from other folds only), k, tau and share by the same score, no vote on a
    tie. The ridge is one direction in the embedding; the vote reads the neighbourhood, so a
    calmly told emergency near other emergencies scores like them.

    ``cut`` is the out-of-fold F1-best alert line for target > 0.8 (of the blend), so
    S > 0.8 exactly when z > cut; ``slope`` spreads the scores to the lowest out-of-fold
    mean absolute error. ``rubric`` marks the rows labelled by the urgency rubric (our own
    tickets): what other alert lines would cost on them is recorded
    (``alert_operating_points``).
    """
    x = embeddings.astype(np.float64)
    y = np.asarray(targets, dtype=np.float64)[:, None]
    tokens, bag = _features(token_ids, skip_tokens, len(y))
    no_bag = np.zeros((len(y), 0))
    by_spearman = _spearman_by_source(sources)
    l2, score, oof = ridge_search(x, y, folds, l2_grid, by_spearman)
    bag_l2, first_stage = 0.0, oof
    # Stage one is fitted once per fold; every bag penalty reuses that fold's residual
    # and the bag's Gram, and adds its correction to stage one's out-of-fold scores.
    per_fold = []
    for f in np.unique(folds) if len(tokens) else ():
        tr, va = folds != f, folds == f
        gram = _Blocks(x[tr], no_bag[tr]).gram(0.0)
        a, b = _ridge(gram, y[tr], l2, _identity)
        second = _Blocks(no_bag[tr], bag[tr])
        per_fold.append(
            (va, y[tr] - (gram @ a + b), second.gram(1.0), second.cross(no_bag[va], bag[va], 1.0))
        )
    for candidate in bag_l2_grid if per_fold else ():
        trial = first_stage.copy()
        for va, residual, gram, cross in per_fold:
            a, b = _ridge(gram, residual, candidate, _identity)
            trial[va] += cross @ a + b
        value = by_spearman(trial, y)
        if value > score + 1e-9:
            bag_l2, score, oof = candidate, value, trial
    weight, lexical, bias = _two_stage_weights(x, bag, y, l2, bag_l2)
    point = (1.0 if bag_l2 else 0.0, l2)
    unit = _unit(x)
    k, tau, share, oof, score = _urgency_vote_search(
        unit, y, folds, oof, score, by_spearman, vote_k_grid, vote_tau_grid, vote_share_grid
    )

    z, target = oof[:, 0], y[:, 0]
    urgent = target > URGENT_CUT
    cut, f1 = best_f1_cut(z, urgent)
    line = _logit(URGENT_CUT)
    errors = [float(np.abs(_sigmoid(s * (z - cut) + line) - target).mean()) for s in SLOPE_GRID]
    slope = SLOPE_GRID[int(np.argmin(errors))]
    alerts = z > cut
    hits = int((alerts & urgent).sum())
    kept = np.ones(len(z), dtype=bool) if rubric is None else np.asarray(rubric, dtype=bool)
    oof_s = _sigmoid(slope * (z - cut) + line)
    keep = 1.0 - share
    fitted = _fitted(
        weight * slope * keep,
        slope * (keep * bias - cut) + line,
        point,
        score,
        tokens,
        lexical * slope * keep,
        stretch=slope,
        cv={
            "spearman": score,
            "roc_auc_urgent": roc_auc(z, urgent),
            "mae": float(min(errors)),
            "alert_f1": f1,
            "alert_precision": hits / max(int(alerts.sum()), 1),
            "alert_recall": hits / max(int(urgent.sum()), 1),
            "cut": cut,
            "bag_l2": bag_l2,
            "vote_k": float(k),
            "vote_tau": tau,
            "vote_share": share,
        },
        operating_points=alert_operating_points(oof_s[kept], target[kept]),
    )
    if not share:
        return fitted
    return replace(
        fitted,
        vote_index=unit,
        vote_targets=target.copy(),
        vote_k=k,
        vote_tau=tau,
        vote_weight=slope * share,
    )


def _urgency_vote_search(
    unit: np.ndarray,
    y: np.ndarray,
    folds: np.ndarray,
    oof: np.ndarray,
    score: float,
    by_spearman: Callable[[np.ndarray, np.ndarray], float],
    k_grid: Sequence[int],
    tau_grid: Sequence[float],
    share_grid: Sequence[float],
) -> tuple[int, float, float, np.ndarray, float]:
    """(k, tau, share, blended out-of-fold scores, their score) of the urgency vote blended
    with the ridge's out-of-fold scores ``oof``: (1 - share) ridge + share vote.

    As for the category vote, a row's neighbours come from the other folds only, so a real
    text is scored by examples from other sources. Share 0 (no vote) wins a tie.
    """
    best = (0, 0.0, 0.0, oof, score)
    if not any(share_grid) or len(y) <= max(k_grid, default=0):
        return best
    similarity = out_of_fold_similarity(unit, folds)
    for k in k_grid:
        for tau in tau_grid:
            votes, _ = neighbour_votes(similarity, y, k, tau)
            for share in share_grid:
                blended = (1.0 - share) * oof + share * votes
                value = by_spearman(blended, y)
                if share and value > best[4] + 1e-9:
                    best = (k, tau, share, blended, value)
    return best


def alert_operating_points(
    scores: np.ndarray, targets: np.ndarray, lines: Sequence[float] = ALERT_LINES
) -> list[dict[str, float | None]]:
    """What paging at S > line would have done, line by line, on out-of-fold ``scores`` of
    rubric-labelled ``targets``: the share of plain emergencies (target >= EMERGENCY_BAND)
    and of urgent tickets (> URGENT_CUT) paged, the share of pages that were urgent, the
    share of calm tickets (< CALM_BAND) paged, and pages per 1,000 tickets.

    An operator reads it to choose URGENCY_ALERT_THRESHOLD: a lower line misses fewer
    emergencies and pages more often.
    """
    emergency, urgent, calm = (
        targets >= EMERGENCY_BAND,
        targets > URGENT_CUT,
        targets < CALM_BAND,
    )
    points: list[dict[str, float | None]] = []
    for value in lines:
        paged = scores > value
        points.append(
            {
                "line": value,
                "emergencies_paged": float(paged[emergency].mean()),
                "urgent_paged": float(paged[urgent].mean()),
                "precision": float(urgent[paged].mean()) if paged.any() else None,
                "calm_paged": float(paged[calm].mean()),
                "pages_per_1000": float(1000 * paged.mean()),
            }
        )
    return points


def ridge_search(
    x: np.ndarray,
    y: np.ndarray,
    folds: np.ndarray,
    l2_grid: Sequence[float],
    score: Callable[[np.ndarray, np.ndarray], float],
) -> tuple[float, float, np.ndarray]:
    """(l2, its score, out-of-fold predictions [rows, targets]) of a ridge on the
    standardised embedding ``x`` for targets ``y`` [rows, targets], the penalty chosen from
    ``l2_grid`` (earlier wins a tie) by ``score(oof, y)``: the urgency head's stage one.
    """
    grid = _grid((0.0,), l2_grid, False)
    no_bag = np.zeros((len(y), 0))
    (_, l2), value, oof = _search(x, no_bag, y, folds, (_ridge, _identity), grid, score)
    return l2, value, oof


def _spearman_by_source(
    sources: Sequence[str] | None,
) -> Callable[[np.ndarray, np.ndarray], float]:
    """The urgency search's score: out-of-fold Spearman, pooled, or given ``sources`` the
    mean over sources of at least URGENCY_MIN_SOURCE_ROWS rows of each one's own Spearman.

    Pooled, the largest source (our own tickets) decides every penalty, and the rank of a
    source's level against another's counts as skill; by source, each counts once and
    only the order within it does.
    """
    if sources is None:
        return lambda oof, ys: spearman(oof[:, 0], ys[:, 0])
    names = np.asarray(sources)
    masks = [names == s for s in sorted(set(names.tolist()))]
    masks = [m for m in masks if m.sum() >= URGENCY_MIN_SOURCE_ROWS]
    return lambda oof, ys: float(np.mean([spearman(oof[m, 0], ys[m, 0]) for m in masks]))


def _two_stage_weights(
    x: np.ndarray, bag: np.ndarray, y: np.ndarray, l2: float, bag_l2: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(embedding weight, bag weight, bias) of the two-stage ridge; no bag if bag_l2 is 0."""
    fit = (_ridge, _identity)
    w_e, _, b_e = _fit(x, np.zeros((len(y), 0)), y, fit, (0.0, l2))
    if not bag_l2:
        return w_e, np.zeros((bag.shape[1], y.shape[1])), b_e
    residual = y - (x @ w_e + b_e)
    _, w_b, b_b = _fit(np.zeros((len(y), 0)), bag, residual, fit, (1.0, bag_l2))
    return w_e, w_b, b_e + b_b


def _identity(z: np.ndarray) -> np.ndarray:
    return z


def _fitted(
    weight: np.ndarray,
    bias: np.ndarray,
    point: tuple[float, ...],
    score: float,
    tokens: np.ndarray,
    lexical: np.ndarray,
    *,
    stretch: float = 1.0,
    cv: dict[str, float],
    operating_points: list[dict[str, float | None]] | None = None,
) -> Fitted:
    """A Fitted head; a lexical weight of 0 drops the lexicon altogether."""
    scale, l2 = point[0], point[1]
    keep = scale > 0
    return Fitted(
        weight=weight,
        bias=bias,
        l2=l2,
        cv_score=score,
        stretch=stretch,
        cv=cv,
        lexicon=tokens if keep else np.zeros(0, dtype=np.int64),
        lexical_weight=lexical if keep else np.zeros((0, weight.shape[1])),
        lexical_scale=scale,
        operating_points=operating_points or [],
    )


def _scores(
    fitted: Fitted, embeddings: np.ndarray, token_ids: Sequence[Sequence[int]] | None
) -> np.ndarray:
    z = embeddings.astype(np.float64) @ fitted.weight + fitted.bias
    if len(fitted.lexicon):
        if token_ids is None:
            raise ValueError("this head reads the token bag: pass token_ids")
        z = z + token_bag(token_ids, fitted.lexicon) @ fitted.lexical_weight
    return z


def predict_category(
    fitted: Fitted, embeddings: np.ndarray, token_ids: Sequence[Sequence[int]] | None = None
) -> np.ndarray:
    return _softmax(_scores(fitted, embeddings, token_ids))


def predict_urgency(
    fitted: Fitted, embeddings: np.ndarray, token_ids: Sequence[Sequence[int]] | None = None
) -> np.ndarray:
    """S per row. The vote's similarity is the plain dot product with the index, as in the
    graph: ``embeddings`` are the encoder's unit vectors."""
    z = _scores(fitted, embeddings, token_ids)
    if fitted.vote_weight:
        similarity = embeddings.astype(np.float64) @ fitted.vote_index.T
        votes, _ = neighbour_votes(
            similarity, fitted.vote_targets[:, None], fitted.vote_k, fitted.vote_tau
        )
        z = z + fitted.vote_weight * votes
    return _sigmoid(z)[:, 0]
