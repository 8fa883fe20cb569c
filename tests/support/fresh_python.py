"""A fresh interpreter that sees only what a deployed function sees: its code path and a region."""

from __future__ import annotations

import subprocess
import sys

from local_stack.template import ROOT


def run_python(args: list[str], pythonpath: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": pythonpath, "AWS_DEFAULT_REGION": "us-east-1"},
    )
