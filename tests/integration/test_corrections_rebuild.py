"""Corrections teach the model: in through the API, out as labelled JSONL, into a rebuild.

What it proves: agents' corrections reach the next model. A kind of ticket the shipped
model calls Billing (a customer asking for our W-9 tax form) is corrected to Legal (this
house routes tax paperwork to legal) on 14 tickets through POST /tickets/{id}/correction;
``export`` writes them in the training records' shape; build.py reads that folder and
rebuilds the layer; the rebuilt model calls five W-9 requests it never saw Legal.

To keep CI short (about 30 s instead of 3 minutes), the rebuild uses ``--fixed-from``: the
shipped manifest's hyper-parameters, refitting every weight but searching none, and the
embedding cache of the shipped build. It does not prove that a full search would choose
the same hyper-parameters; the full `make model` reads the same folder the same way.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from smart_support.access import Principal, Role
from smart_support.corrections import export
from smart_support.dal.tickets import new_ticket_id
from smart_support.encoder import OnnxClassifier
from smart_support.logic.correct import apply_correction
from smart_support.schemas import CorrectionIn
from tests.integration.conftest import Env

ROOT = Path(__file__).resolve().parents[2]
LAYER = ROOT / "layers" / "model" / "build" / "model"
CACHE = ROOT / "layers" / "model" / "build" / "cache"

CORRECTED = [
    "Please send your W-9 so we can add you as a vendor",
    "Our accounts payable needs a current W-9 from your company",
    "Requesting W-9 form for 1099 reporting",
    "Could you provide a signed W-9? Procurement is asking",
    "W-9 needed before we can release payment to you",
    "Hi, where do I find your W-9 tax form?",
    "Send W-9 please, our finance team requires it for the vendor file",
    "We require an updated W-9 with your new address",
    "Need your W-9 for year-end tax filing",
    "Your W-9 on file has expired, please send a new one",
    "Vendor onboarding: please upload a W-9",
    "Please email a copy of your W-9 to ap@example.com",
    "Is your W-9 available? Our auditors want it",
    "Kindly share the W-9 form for our records",
]
UNSEEN = [
    "Please send us your W-9 form for our vendor records",
    "We need a signed W-9 before we can pay you",
    "Where can I download your company W-9?",
    "Our accounts payable team requires your W-9 tax form",
    "Can you email the W-9 for fiscal year 2025?",
]


def classify(model_dir: Path, texts: list[str]) -> list[str]:
    return [r.category for r in OnnxClassifier(model_dir).classify_batch(texts)]


def processed_ticket(env: Env, text: str) -> str:
    """A ticket as processing leaves it: completed, Billing, with Agent2."""
    ticket_id = new_ticket_id()
    env.services.tickets.create(ticket_id, {"ticket_id": ticket_id, "body": text}, 1)
    env.services.tickets.update(
        ticket_id,
        {"status": "completed", "category": "Billing", "urgency_score": "0.3000"},
    )
    return ticket_id


@pytest.mark.skipif(not (LAYER / "manifest.json").exists(), reason="make model first")
@pytest.mark.parametrize("cache", ["node"], indirect=True)  # one rebuild is enough
def test_agents_corrections_are_learned_by_the_next_build(env: Env, tmp_path: Path) -> None:
    # The mistake to correct: the shipped model calls them Billing. Heads trained on another
    # CPU's int8 vectors may already read one of the five as Legal (layers/model/README.md).
    before = classify(LAYER, UNSEEN)
    assert before.count("Billing") >= len(UNSEEN) - 1, before

    admin = Principal(Role.ADMIN, "tests", "k")
    for text in CORRECTED:
        ticket_id = processed_ticket(env, text)
        change = CorrectionIn(category="Legal", reason="tax paperwork goes to legal")
        assert apply_correction(env.services, ticket_id, change, admin)
    written = export(env.services.redis, env.services.keys, tmp_path / "corrections", "w9")
    records: list[dict[str, Any]] = [json.loads(line) for line in written.open()]
    assert len(records) == len(CORRECTED)
    assert {r["source"] for r in records} == {"agent-corrections"}
    assert {r["category"] for r in records} == {"Legal"}
    assert all(r["urgency"] is None for r in records)  # only the category was corrected

    if CACHE.is_dir():
        shutil.copytree(CACHE, tmp_path / "build" / "cache")
    out = tmp_path / "build" / "model"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "layers" / "model" / "build.py"),
            "--out",
            str(out),
            "--corrections",
            str(tmp_path / "corrections"),
            "--fixed-from",
            str(LAYER / "manifest.json"),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
        timeout=600,
    )
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["data"]["train_by_source"]["agent-corrections"] == len(CORRECTED)
    assert classify(out, UNSEEN) == ["Legal"] * len(UNSEEN)
