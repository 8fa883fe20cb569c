"""Cold start weight of each function: a fresh interpreter imports its `app` module.

Prints the import time (median of several fresh processes) and the peak resident memory
of that process, for ingest, process and query. No Redis, no AWS: only the import.
"""

import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUNCTIONS = ("ingest", "process", "query")
RUNS = 9

PROBE = """
import resource, sys, time
start = time.perf_counter()
import app
elapsed = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
heavy = ("numpy", "smart_support.dal.agents", "smart_support.routing", "smart_support.dal.storms")
print(elapsed, peak_kib, ",".join(n.rsplit(".", 1)[-1] for n in heavy if n in sys.modules) or "-")
"""


def measure(function: str) -> dict[str, float]:
    env = {
        "PYTHONPATH": f"{ROOT / 'functions' / function}:{ROOT}",
        "POWERTOOLS_SERVICE_NAME": "bench",
        "POWERTOOLS_METRICS_NAMESPACE": "bench",
        "AWS_DEFAULT_REGION": "us-east-1",
        "PATH": "/usr/bin:/bin",
    }
    times, peaks = [], []
    loaded = ""
    for _ in range(RUNS):
        out = subprocess.run(
            [sys.executable, "-c", PROBE],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        times.append(float(out[0]))
        peaks.append(int(out[1]) / 1024)
        loaded = out[2].replace(",", " ")
    return {
        "import_s": statistics.median(times),
        "peak_mib": statistics.median(peaks),
        "loads": loaded,
    }


def main() -> None:
    results = {name: measure(name) for name in FUNCTIONS}
    print(f"{'function':<10} {'cold import (s)':>16} {'peak RSS (MiB)':>15}  heavy modules loaded")
    for name, row in results.items():
        print(f"{name:<10} {row['import_s']:>16.3f} {row['peak_mib']:>15.1f}  {row['loads']}")
    if "--json" in sys.argv:
        print(json.dumps(results))


if __name__ == "__main__":
    main()
