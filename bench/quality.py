"""`make eval`: category and urgency quality of the ONNX model, the keyword baseline and a
zero-shot reference, on our own tickets and on real text nobody here wrote.

Each table prints the three side by side, with paired bootstrap intervals of the model
minus each of the others:
1. the in-house held-out split (the 20% of data/tickets whose sha256(id) falls last, never
   seen by the shipped heads' training);
2. the external evaluation (data/real/external): real public text from sources that no
   training step reads, each source on that side only; figures per source below it;
3. the urgency probes (data/eval/urgency_probe.jsonl and urgency_probe_b.jsonl, two
   writers): hand-written plain emergencies and calm tickets, never trained on: how many
   emergencies page (S > 0.8), how many calm tickets stay under 0.5;
4. with --nested, nested cross-validation over every in-house ticket (refits the heads
   five times as the build does; about 25 minutes).
The zero-shot reference is the same int8 embedding with no training at all: the category
whose one-line description (train.LABEL_DESCRIPTIONS) is nearest by cosine. Pure numpy.
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
from dataset import (  # noqa: E402
    DEFAULT_DATA_DIR,
    EXTERNAL_DIR,
    REAL_TRAIN_DIR,
    URGENCY_PROBE,
    URGENCY_PROBE_B,
    URGENT_CUT,
    Ticket,
    load_tickets,
    sources_overlap,
    split,
)
from tokenizers import Tokenizer  # noqa: E402
from train import (  # noqa: E402
    FOLDS,
    LABEL_DESCRIPTIONS,
    URGENCY_L2_GRID,
    blend,
    expected_calibration_error,
    fold_of,
    neighbour_votes,
    predict_category,
    predict_urgency,
    ridge_search,
    roc_auc,
    spearman,
)

from smart_support.baseline import BaselineClassifier  # noqa: E402
from smart_support.classification import Classification  # noqa: E402
from smart_support.config import CATEGORIES  # noqa: E402
from smart_support.encoder import OnnxClassifier, token_ids  # noqa: E402
from smart_support.masking import model_text  # noqa: E402

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
    # Urgency figures use the tickets whose source gives urgency (NaN: no signal), and a
    # model without urgency (the zero-shot reference) has NaN scores: figures then NaN.
    labelled = ~np.isnan(urgency) & ~np.isnan(s)
    urgency, s = urgency[labelled], s[labelled]
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
        "spearman": spearman(s, urgency) if len(s) > 2 else float("nan"),
        "auc": roc_auc(s, urgent),
        "mae": float(np.abs(s - urgency).mean()) if len(s) else float("nan"),
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
    # A figure one model lacks (the zero-shot reference has no urgency) is NaN throughout.
    low, high = np.full(len(compared), np.nan), np.full(len(compared), np.nan)
    known = ~np.isnan(diffs).all(axis=0)
    if known.any():
        low[known], high[known] = np.nanpercentile(diffs[:, known], [2.5, 97.5], axis=0)
    ahead = (diffs > 0).mean(axis=0)
    return {
        row.label: (float(lo), float(hi), float(a))
        for row, lo, hi, a in zip(compared, low, high, ahead, strict=True)
    }


def nested_cv(
    tickets: Sequence[Ticket], answers: Sequence[Classification], model: OnnxClassifier
) -> tuple[np.ndarray, np.ndarray]:
    """Category index and S per in-house ticket from heads that never saw it.

    Outer folds (their own hash of the ids) each refit the heads exactly as the build does
    (`build.fit_heads`: search, neighbour vote and calibration included) on the other four
    fifths of the in-house tickets plus every real training text, on the served int8
    graph's embeddings; so nothing about a scored ticket reaches its heads. Folds run one
    after another: numpy already uses every core.
    """
    from build import fit_heads  # the build's own fitting, so the two cannot drift apart

    real = load_tickets(REAL_TRAIN_DIR, CATEGORIES, required=False)
    real_answers = [
        a
        for i in range(0, len(real), 16)
        for a in model.classify_batch([t.text for t in real[i : i + 16]])
    ]
    embeddings = np.array([a.embedding for a in answers], dtype=np.float64)
    real_embeddings = np.array([a.embedding for a in real_answers], dtype=np.float64)
    tokenizer = Tokenizer.from_file(str(Path(model.model_dir) / "tokenizer.json"))
    tokenizer.no_padding()
    tokens = token_ids(tokenizer, [t.text for t in tickets])
    descriptions = label_descriptions(model)
    outer = fold_of([t.id for t in tickets], salt="eval")
    predicted, s = np.zeros(len(tickets), dtype=int), np.zeros(len(tickets))
    for k in range(FOLDS):
        started = time.perf_counter()
        tr, va = np.flatnonzero(outer != k).tolist(), np.flatnonzero(outer == k).tolist()
        train = [tickets[i] for i in tr] + real
        train_embeddings = np.vstack([embeddings[tr], real_embeddings])
        category, neighbours, urgency = fit_heads(train, train_embeddings, descriptions, tokenizer)
        probs = predict_category(category, embeddings[va])
        if neighbours.share:
            labels = np.eye(len(CATEGORIES))[[CATEGORIES.index(t.category) for t in train]]
            votes, _ = neighbour_votes(
                embeddings[va] @ train_embeddings.T, labels, neighbours.k, neighbours.tau
            )
            probs = blend(probs, votes, neighbours.share, neighbours.temperature)
        predicted[va] = probs.argmax(axis=1)
        s[va] = predict_urgency(urgency, embeddings[va], [tokens[i] for i in va])
        seconds = time.perf_counter() - started
        print(f"  outer fold {k + 1}/{FOLDS}: {len(va)} scored, {seconds:.0f} s", flush=True)
    return predicted, s


def _cell(value: float, text: str) -> str:
    return "n/a" if np.isnan(value) else text


def compare(
    truth: np.ndarray,
    urgency: np.ndarray,
    answers: dict[str, tuple[np.ndarray, np.ndarray]],
    extra: Sequence[tuple[str, list[str]]] = (),
) -> dict[str, dict]:
    """Print the models' figures side by side, then the first model minus each other one
    (paired bootstrap interval and the share of resamples where it is ahead), then the
    confusion matrices. Returns each model's figures."""
    results = {name: scores(truth, urgency, *a) for name, a in answers.items()}
    rows = _rows()
    names = list(results)
    first = results[names[0]]
    spreads = {
        other: paired_bootstrap(truth, urgency, [answers[names[0]], answers[other]], rows)
        for other in names[1:]
    }
    table: list[tuple[str, list[str]]] = []
    for row in rows:
        cells = []
        for n in names:
            value = row.value(results[n]) if row.value else 0.0
            cells.append(_cell(value, row.show(results[n])))
        for other in names[1:]:
            if row.value is None:
                cells.append("")
                continue
            gap = row.value(first) - row.value(results[other])
            low, high, ahead = spreads[other][row.label]
            cells.append(
                "n/a" if np.isnan(gap) else f"{gap:+.3f} [{low:+.3f}, {high:+.3f}] {ahead:.0%}"
            )
        table.append((row.label, cells))
    pad_cells = [""] * (len(names) - 1)
    table += [(label, [*cells, *pad_cells]) for label, cells in extra]
    header = [*names, *(f"vs {other} [95% CI] ahead" for other in names[1:])]
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
    return results


def _served(answers: Sequence[Classification]) -> tuple[np.ndarray, np.ndarray]:
    return (
        np.array([CATEGORIES.index(a.category) for a in answers]),
        np.array([a.urgency_score for a in answers]),
    )


def _truth(tickets: Sequence[Ticket]) -> tuple[np.ndarray, np.ndarray]:
    """Category indices and urgency targets (NaN where the source gives none)."""
    return (
        np.array([CATEGORIES.index(t.category) for t in tickets]),
        np.array([np.nan if t.urgency is None else t.urgency for t in tickets]),
    )


def _describe(tickets: Sequence[Ticket]) -> str:
    labelled = [t for t in tickets if t.urgency is not None]
    urgent = sum(t.urgency > URGENT_CUT for t in labelled if t.urgency is not None)
    counts = ", ".join(f"{c} {sum(t.category == c for t in tickets)}" for c in CATEGORIES)
    return (
        f"{len(tickets)} texts ({counts}); {len(labelled)} with urgency, {urgent} urgent "
        f"(target > {URGENT_CUT})"
    )


@dataclass(frozen=True)
class Answers:
    """What each model said for one set of texts, in order."""

    model: list[Classification]
    baseline: list[Classification]
    zero_shot: np.ndarray  # category index per text
    model_ms: float
    baseline_ms: float

    def by_name(self, rows: Sequence[int]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        no_urgency = np.full(len(rows), np.nan)
        return {
            "model": _served([self.model[i] for i in rows]),
            "baseline": _served([self.baseline[i] for i in rows]),
            "zero-shot": (self.zero_shot[list(rows)], no_urgency),
        }


def classify(model: OnnxClassifier, texts: Sequence[str], descriptions: np.ndarray) -> Answers:
    started = time.perf_counter()
    answers: list[Classification] = []
    for i in range(0, len(texts), 16):
        answers += model.classify_batch(texts[i : i + 16])
    model_ms = 1000 * (time.perf_counter() - started) / max(len(texts), 1)
    started = time.perf_counter()
    baseline = BaselineClassifier().classify_batch(texts)
    baseline_ms = 1000 * (time.perf_counter() - started) / max(len(texts), 1)
    embeddings = np.array([a.embedding for a in answers])
    return Answers(
        answers, baseline, (embeddings @ descriptions.T).argmax(axis=1), model_ms, baseline_ms
    )


def label_descriptions(model: OnnxClassifier) -> np.ndarray:
    """[categories, dims]: the unit embedding of each LABEL_DESCRIPTIONS line."""
    vectors = np.array([a.embedding for a in model.classify_batch(list(LABEL_DESCRIPTIONS))])
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _calibration_rows(answers: Answers, rows: Sequence[int], truth: np.ndarray) -> list:
    """Expected calibration error of the reported category confidence, model and baseline."""
    cells = []
    for said in (answers.model, answers.baseline):
        confidence = np.array([said[i].category_confidence for i in rows])
        predicted = np.array([CATEGORIES.index(said[i].category) for i in rows])
        probs = np.zeros((len(rows), len(CATEGORIES)))
        probs[np.arange(len(rows)), predicted] = confidence
        cells.append(f"{expected_calibration_error(probs, truth):.3f}")
    return [("confidence ECE (10 bins)", [*cells, "n/a"])]


def _source_rows(tickets: Sequence[Ticket], answers: Answers, truth: np.ndarray) -> list:
    rows = []
    for source in sorted({t.source for t in tickets}):
        idx = [i for i, t in enumerate(tickets) if t.source == source]
        cells = []
        for predicted in (
            _served(answers.model)[0],
            _served(answers.baseline)[0],
            answers.zero_shot,
        ):
            hits = int((predicted[idx] == truth[idx]).sum())
            cells.append(f"{hits / len(idx):.3f} ({hits}/{len(idx)})")
        rows.append((f"  accuracy, {source}", cells))
    return rows


def held_out_view(
    tickets: Sequence[Ticket], model: OnnxClassifier, descriptions: np.ndarray
) -> None:
    _, test = split(list(tickets))
    answers = classify(model, [t.text for t in test], descriptions)
    truth, urgency = _truth(test)
    rows = list(range(len(test)))
    print(f"In-house held-out split: {_describe(test)}. Heads never saw them.")
    print(f"Model: {model.embedding_space} from {model.model_dir}\n")
    compare(
        truth,
        urgency,
        answers.by_name(rows),
        [
            *_calibration_rows(answers, rows, truth),
            ("time per ticket (ms)", [f"{answers.model_ms:.2f}", f"{answers.baseline_ms:.2f}", ""]),
        ],
    )
    smallest = min(sum(t.category == c for t in test) for c in CATEGORIES)
    print(
        f"\nRates show (hits/total); with {smallest} or more tickets per class, one ticket "
        f"moves a per-class rate by at most {100 / smallest:.1f} points.\n'vs X' is the "
        "model minus X (for the mean abs error, X minus the model: positive is better), with "
        f"the 95% interval\nof that difference over {RESAMPLES} paired bootstrap resamples "
        "and the share of resamples where it is positive.\nThe alert rows compare different "
        "operating points: read precision together with recall (alert F1)."
    )


def external_view(model: OnnxClassifier, descriptions: np.ndarray, external_dir: Path) -> None:
    external = load_tickets(external_dir, CATEGORIES, required=False)
    if not external:
        print(f"\nExternal evaluation: no data in {external_dir}")
        return
    trained_on = load_tickets(REAL_TRAIN_DIR, CATEGORIES, required=False)
    both = sources_overlap(trained_on, external)
    if both:
        raise SystemExit(f"sources on both sides of the train / external line: {sorted(both)}")
    answers = classify(model, [t.text for t in external], descriptions)
    truth, urgency = _truth(external)
    print(
        f"\n\nExternal evaluation (data/real/external): {_describe(external)}; real public "
        f"text from {len({t.source for t in external})} sources that no training step reads "
        "(provenance: data/real/SOURCES.md).\n"
    )
    compare(
        truth,
        urgency,
        answers.by_name(list(range(len(external)))),
        [
            *_calibration_rows(answers, list(range(len(external))), truth),
            *_source_rows(external, answers, truth),
        ],
    )
    urgency_by_source(external, answers, urgency)


def in_source_ceiling(embeddings: np.ndarray, target: np.ndarray, ids: Sequence[str]) -> float:
    """Urgent ROC-AUC of the urgency head's own ridge (stage one, its penalty grid) fitted on
    one source's labels, 5-fold CV on its texts.

    A diagnostic, never shipped: how much of that source's priority field its text carries
    for this encoder at all. The best penalty is picked on the same folds, so it leans
    high; a source whose ceiling is low cannot show the rubric, whatever the model does.
    """
    _, best, _ = ridge_search(
        embeddings.astype(np.float64),
        target[:, None],
        fold_of(list(ids)),
        URGENCY_L2_GRID,
        lambda oof, y: roc_auc(oof[:, 0], y[:, 0] > URGENT_CUT),
    )
    return best


def urgency_by_source(tickets: Sequence[Ticket], answers: Answers, urgency: np.ndarray) -> None:
    """Urgent ROC-AUC per source that has both urgent and other labels, beside its ceiling."""
    print(
        f"\nUrgent ROC-AUC (target > {URGENT_CUT}) by source; 'ceiling' is the urgency head's "
        "ridge fitted on that source's own labels by 5-fold CV\n(a diagnostic of how much of "
        "its priority field the text carries; never part of the model).\n"
    )
    print(f"{'source':34}{'urgent/rated':>14}{'model':>10}{'baseline':>10}{'ceiling':>10}")
    for source in sorted({t.source for t in tickets}):
        idx = [i for i, t in enumerate(tickets) if t.source == source and t.urgency is not None]
        target = urgency[idx]
        urgent = target > URGENT_CUT
        if not len(idx) or urgent.all() or not urgent.any():
            continue
        model = np.array([answers.model[i].urgency_score for i in idx])
        baseline = np.array([answers.baseline[i].urgency_score for i in idx])
        embeddings = np.array([answers.model[i].embedding for i in idx])
        ceiling = in_source_ceiling(embeddings, target, [tickets[i].id for i in idx])
        print(
            f"{source:34}{f'{int(urgent.sum())}/{len(idx)}':>14}{roc_auc(model, urgent):>10.3f}"
            f"{roc_auc(baseline, urgent):>10.3f}{ceiling:>10.3f}"
        )


def probe_view(model: OnnxClassifier, probe_path: Path) -> tuple[np.ndarray, np.ndarray] | None:
    """Prints the probe's table; returns (the model's scores, which are emergencies)."""
    if not probe_path.exists():
        print(f"\nUrgency probe: no file at {probe_path}")
        return None
    import json

    probes = [
        json.loads(line) for line in probe_path.read_text("utf-8").split("\n") if line.strip()
    ]
    texts = [model_text(p.get("subject", ""), p.get("body", "")) for p in probes]
    urgent = np.array([p["expect"] == "emergency" for p in probes])
    said = {
        "model": np.array([a.urgency_score for a in model.classify_batch(texts)]),
        "baseline": np.array([a.urgency_score for a in BaselineClassifier().classify_batch(texts)]),
    }
    n_urgent, n_calm = int(urgent.sum()), int((~urgent).sum())
    print(
        f"\n\nUrgency probe ({probe_path.relative_to(ROOT)}): {n_urgent} plain emergencies and "
        f"{n_calm} calm tickets, hand-written, never trained on.\n"
    )
    print(f"{'':34}{'model':>12}{'baseline':>12}")
    lines = (
        (
            f"emergencies alerted (S > {URGENT_CUT})",
            lambda s: int((s[urgent] > URGENT_CUT).sum()),
            n_urgent,
        ),
        ("calm tickets under 0.5", lambda s: int((s[~urgent] < 0.5).sum()), n_calm),
        (
            f"calm tickets alerted (S > {URGENT_CUT})",
            lambda s: int((s[~urgent] > URGENT_CUT).sum()),
            n_calm,
        ),
    )
    for label, count, total in lines:
        print(f"{label:34}" + "".join(f"{f'{count(s)}/{total}':>12}" for s in said.values()))
    print(
        f"{'ROC-AUC emergency vs calm':34}"
        + "".join(f"{roc_auc(s, urgent):>12.3f}" for s in said.values())
    )
    missed = [
        (said["model"][i], texts[i]) for i in np.flatnonzero(urgent & (said["model"] <= URGENT_CUT))
    ]
    loud = [(said["model"][i], texts[i]) for i in np.flatnonzero(~urgent & (said["model"] >= 0.5))]
    for title, items in (
        ("emergencies the model did not alert", missed),
        ("calm tickets at S >= 0.5", loud),
    ):
        if items:
            print(f"\n{title}:")
            for score, text in sorted(items):
                print(f"  S {score:.2f}  {' '.join(text.split())[:100]}")
    return said["model"], urgent


PROBE_COLUMN = 24  # wide enough for "urgency_probe_b: emerg."


def alert_lines_view(
    model: OnnxClassifier, probes: dict[str, tuple[np.ndarray, np.ndarray]]
) -> None:
    """What each alert line (URGENCY_ALERT_THRESHOLD) costs: the build's out-of-fold figures
    on the rubric-labelled tickets (manifest), beside the probes' counts at the same line."""
    import json

    manifest = json.loads((Path(model.model_dir) / "manifest.json").read_text("utf-8"))
    points = manifest["training"]["urgency"].get("alert_operating_points", {}).get("points", [])
    if not points:
        return
    print(
        "\n\nAlert line (URGENCY_ALERT_THRESHOLD; the default 0.8 is the CV F1-best line). "
        "Out-of-fold on the rubric-labelled tickets\n(the build's CV, `manifest.json`): share of "
        "plain emergencies (target >= 0.9) and of urgent tickets (> 0.8) paged, share of pages "
        "that were\nurgent, share of calm tickets (< 0.4) paged, pages per 1,000 tickets; then "
        "each probe's emergencies and calm tickets paged at that line.\n"
    )
    header = f"{'line':>6}{'emerg.':>9}{'urgent':>9}{'precis.':>9}{'calm':>8}{'/1000':>8}"
    for name in probes:
        header += f"  {name + ': emerg.':>{PROBE_COLUMN}}{'calm':>7}"
    print(header)
    for point in points:
        line = point["line"]
        precision = point["precision"]
        row = (
            f"{line:>6.2f}{point['emergencies_paged']:>9.3f}{point['urgent_paged']:>9.3f}"
            f"{'n/a' if precision is None else f'{precision:.3f}':>9}{point['calm_paged']:>8.3f}"
            f"{point['pages_per_1000']:>8.0f}"
        )
        for scores, urgent in probes.values():
            row += (
                f"  {f'{int((scores[urgent] > line).sum())}/{int(urgent.sum())}':>{PROBE_COLUMN}}"
            )
            row += f"{f'{int((scores[~urgent] > line).sum())}/{int((~urgent).sum())}':>7}"
        print(row)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--external", type=Path, default=EXTERNAL_DIR)
    parser.add_argument(
        "--probe", type=Path, action="append", help="urgency probe file (repeatable)"
    )
    parser.add_argument("--model-dir", type=Path, default=None, help="layer content directory")
    parser.add_argument(
        "--nested", action="store_true", help="add nested CV over every in-house ticket"
    )
    args = parser.parse_args(argv)

    tickets = load_tickets(args.data, CATEGORIES)
    model = OnnxClassifier(args.model_dir).load()
    descriptions = label_descriptions(model)
    held_out_view(tickets, model, descriptions)
    external_view(model, descriptions, args.external)
    probes = {}
    for probe in args.probe or (URGENCY_PROBE, URGENCY_PROBE_B):
        if (said := probe_view(model, probe)) is not None:
            probes[probe.stem] = said
    alert_lines_view(model, probes)
    if not args.nested:
        return

    print(
        f"\n\nNested {FOLDS}-fold cross-validation over all {_describe(tickets)}: each outer "
        f"fold refits the heads as the build does\n(search, neighbour vote and calibration "
        f"included) on the other {FOLDS - 1} folds plus every real training text, and scores "
        "its own; same int8 encoder."
    )
    answers = classify(model, [t.text for t in tickets], descriptions)
    truth, urgency = _truth(tickets)
    served = answers.by_name(list(range(len(tickets))))
    compare(
        truth,
        urgency,
        {
            "model, CV": nested_cv(tickets, answers.model, model),
            "baseline": served["baseline"],
        },
    )


if __name__ == "__main__":
    main()
