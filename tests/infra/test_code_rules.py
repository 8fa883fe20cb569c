"""Rules of the code base that no single behaviour shows: what a function loads at cold start,
and where the environment is read."""

from __future__ import annotations

import re

from local_stack.template import ROOT
from tests.support.fresh_python import run_python

# What the ingest function must not load: the model's numpy, routing, the agent registry and
# the storm detector belong to the process and query functions (issue 15: cold start).
NOT_IN_INGEST = (
    "numpy",
    "smart_support.routing",
    "smart_support.dal.agents",
    "smart_support.dal.storms",
    "smart_support.dedup",
)


def test_ingest_function_loads_no_model_routing_agents_or_storms() -> None:
    probe = f"import sys, app; print([m for m in {NOT_IN_INGEST!r} if m in sys.modules])"
    result = run_python(["-c", probe], f"{ROOT / 'functions' / 'ingest'}:{ROOT}")
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"


def test_only_config_reads_the_environment() -> None:
    reads = re.compile(r"os\.environ|os\.getenv|getenv\(")
    offenders = [
        path.relative_to(ROOT).as_posix()
        for top in ("smart_support", "functions")
        for path in sorted((ROOT / top).rglob("*.py"))
        if path != ROOT / "smart_support" / "config.py" and reads.search(path.read_text())
    ]
    assert offenders == []
