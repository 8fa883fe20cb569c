"""Print counts and urgency distribution per category for tickets.jsonl."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

BINS = [(0.0, 0.1), (0.1, 0.4), (0.4, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]


def main() -> None:
    path = Path(__file__).resolve().parent / "tickets.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    by_cat: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_cat[r["category"]].append(r)
    hdr = "  ".join(f"[{a:.1f},{min(b, 1.0):.1f}{']' if b > 1 else ')'}" for a, b in BINS)
    print(f"{'category':10} {'n':>5}  {hdr}  >0.8   mean  channels")
    for cat in sorted(by_cat):
        rs = by_cat[cat]
        us = [r["urgency"] for r in rs]
        cells = "  ".join(f"{sum(a <= u < b for u in us):>9}" for a, b in BINS)
        hi = sum(u > 0.8 for u in us) / len(us)
        ch = Counter(r["channel"] for r in rs)
        words = sorted(len((r["subject"] + " " + r["body"]).split()) for r in rs)
        print(
            f"{cat:10} {len(rs):>5}  {cells}  {hi:4.0%}  {sum(us) / len(us):.2f}  {dict(ch)}"
            f"  words min/med/max {words[0]}/{words[len(words) // 2]}/{words[-1]}"
        )
    print(f"total {len(rows)}")


if __name__ == "__main__":
    main()
