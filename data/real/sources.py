"""Provenance of the real public text: checks it and writes SOURCES.md.

    python data/real/sources.py           # rewrite SOURCES.md from sources/*.json
    python data/real/sources.py --check   # exit 1 if anything below fails, or SOURCES.md is stale

Every `train/<slug>.jsonl` and `external/<slug>.jsonl` needs `sources/<slug>.json` naming the
same split, with the fields below filled in; a source is on one side only; record ids are
unique and start with the slug; the counts per category in the provenance file match the
data.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = ("train", "external")
REQUIRED = (
    "slug",
    "split",
    "kind",
    "title",
    "licence",
    "retrieved",
    "author_of_text",
    "label_rule",
    "hand_check",
)


def _records(path: Path) -> list[dict]:
    # Not splitlines(): texts may hold U+2028 and other characters it would split on.
    return [json.loads(line) for line in path.read_text("utf-8").split("\n") if line.strip()]


def problems() -> list[str]:
    found: list[str] = []
    seen: dict[str, str] = {}
    for split in SPLITS:
        for data in sorted((HERE / split).glob("*.jsonl")):
            slug = data.stem
            if slug in seen:
                found.append(f"{slug}: on both sides ({seen[slug]} and {split})")
            seen[slug] = split
            meta_path = HERE / "sources" / f"{slug}.json"
            if not meta_path.exists():
                found.append(f"{slug}: no sources/{slug}.json")
                continue
            meta = json.loads(meta_path.read_text("utf-8"))
            found += [f"{slug}: provenance lacks {k!r}" for k in REQUIRED if not meta.get(k)]
            if meta.get("split") != split:
                found.append(
                    f"{slug}: provenance says split {meta.get('split')!r}, file in {split}"
                )
            if not (meta.get("repository") or meta.get("url")):
                found.append(f"{slug}: provenance names no repository or URL")
            rows = _records(data)
            ids = [r["id"] for r in rows]
            if len(set(ids)) != len(ids) or not all(i.startswith(slug) for i in ids):
                found.append(f"{slug}: ids not unique or not prefixed with the slug")
            if any(r.get("source") != slug for r in rows):
                found.append(f"{slug}: a record's source is not {slug!r}")
            counts = Counter(r["category"] for r in rows)
            stated = {k: v for k, v in (meta.get("counts") or {}).items() if v}
            if dict(counts) != stated:
                found.append(f"{slug}: counts {dict(counts)} but provenance says {stated}")
    return found


def table() -> str:
    lines = [
        "# Real public text: sources",
        "",
        "Written by `python data/real/sources.py` from `sources/*.json`; do not edit by hand.",
        "A source is on one side only: `train` (read by `make model`) or `external` (read only",
        "by `make eval`). Each record keeps the fields its label rule read in `meta`.",
        "",
        "| source | side | kind | records | urgency labels | where | licence |",
        "|---|---|---|---|---|---|---|",
    ]
    details: list[str] = []
    for split in SPLITS:
        for data in sorted((HERE / split).glob("*.jsonl")):
            meta = json.loads((HERE / "sources" / f"{data.stem}.json").read_text("utf-8"))
            rows = _records(data)
            counts = Counter(r["category"] for r in rows)
            per = ", ".join(f"{c} {n}" for c, n in sorted(counts.items()))
            rated = sum(r.get("urgency") is not None for r in rows)
            where = meta.get("repository") or meta.get("url")
            if meta.get("commit"):
                where = f"{where} @ {str(meta['commit'])[:12]}"
            lines.append(
                f"| {meta['slug']} | {split} | {meta['kind']} | {len(rows)} ({per}) | {rated} "
                f"| {where} | {meta['licence']} |"
            )
            check = meta["hand_check"]
            details += [
                f"## {meta['slug']} ({split})",
                "",
                f"{meta['title']}. Written by: {meta['author_of_text']}. Retrieved "
                f"{meta['retrieved']}.",
                "",
                f"- Paths: {', '.join(meta.get('paths') or []) or 'see the script'}",
                f"- Label rule: {meta['label_rule']}",
                f"- Urgency rule: {meta.get('urgency_rule') or 'none: the source has no signal'}",
                f"- Hand check: {check.get('agree')} of {check.get('read')} agree. "
                f"{check.get('notes', '')}",
                f"- Script: `data/real/scripts/{meta['slug']}.py`",
            ]
            if meta.get("notes"):
                details.append(f"- Notes: {meta['notes']}")
            details.append("")
    return "\n".join([*lines, "", *details]).rstrip() + "\n"


def main() -> int:
    found = problems()
    for line in found:
        print(line, file=sys.stderr)
    if found:
        return 1
    text = table()
    target = HERE / "SOURCES.md"
    if "--check" in sys.argv[1:]:
        if not target.exists() or target.read_text("utf-8") != text:
            print("SOURCES.md is stale: run python data/real/sources.py", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
