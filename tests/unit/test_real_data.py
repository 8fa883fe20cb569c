"""The real public text and the hand-written probe: provenance, the line between training and
the external evaluation, and no text that reviewers reserved for themselves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support import by_path

ROOT = Path(__file__).resolve().parents[2]
GUARD = ROOT.parent / "shared" / "eval-guard" / "check.py"
CATEGORIES = ("Billing", "Technical", "Legal")


def _dataset():
    return by_path.load("model_dataset", "layers/model/dataset.py")


def _data_files() -> list[Path]:
    return [
        ROOT / "data" / "tickets" / "tickets.jsonl",
        *sorted((ROOT / "data" / "real" / "train").glob("*.jsonl")),
        *sorted((ROOT / "data" / "real" / "external").glob("*.jsonl")),
        *sorted((ROOT / "data" / "eval").glob("*.jsonl")),
        *sorted((ROOT / "data" / "corrections").glob("*.jsonl")),
    ]


def test_no_data_file_overlaps_the_reviewers_reserved_texts() -> None:
    assert GUARD.exists(), f"the eval-guard is missing at {GUARD}"
    files = _data_files()
    run = subprocess.run(
        [sys.executable, str(GUARD), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-1000:]
    assert f"{sum(1 for _ in _lines(files))} records checked" in run.stdout


def _lines(files: list[Path]):
    for path in files:
        for line in path.read_text("utf-8").split("\n"):
            if line.strip():
                yield line


def test_every_source_has_provenance_and_sources_md_is_current() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "data" / "real" / "sources.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr


def test_no_source_is_both_trained_on_and_evaluated_on() -> None:
    dataset = _dataset()
    train = dataset.load_tickets(dataset.REAL_TRAIN_DIR, CATEGORIES)
    external = dataset.load_tickets(dataset.EXTERNAL_DIR, CATEGORIES)
    assert train and external
    assert dataset.sources_overlap(train, external) == set()
    # Nor the same text under two names.
    assert not {t.text for t in train} & {t.text for t in external}


def test_external_evaluation_is_large_and_varied_enough_to_mean_something() -> None:
    dataset = _dataset()
    external = dataset.load_tickets(dataset.EXTERNAL_DIR, CATEGORIES)
    assert len(external) >= 600
    for category in CATEGORIES:
        sources = {t.source for t in external if t.category == category}
        assert len(sources) >= 2, f"{category} comes from {sorted(sources)} only"


def test_training_set_is_in_house_training_split_plus_every_real_training_text() -> None:
    dataset = _dataset()
    train, held_out = dataset.training_set(categories=CATEGORIES)
    real = dataset.load_tickets(dataset.REAL_TRAIN_DIR, CATEGORIES)
    assert {t.id for t in real} <= {t.id for t in train}
    assert not {t.id for t in held_out} & {t.id for t in train}
    assert all(t.source == dataset.IN_HOUSE for t in held_out)
    # Real sources are kept whole by cross-validation; in-house tickets fold one by one.
    groups = {t.group for t in train if t.source != dataset.IN_HOUSE}
    assert len(groups) == len({t.source for t in real})
