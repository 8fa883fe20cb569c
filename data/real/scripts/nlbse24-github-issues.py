#!/usr/bin/env python3
"""Convert the NLBSE'24 tool-competition issue dataset (nlbse2024/issue-report-classification,
data/issues_train.csv + data/issues_test.csv: 3,000 GitHub issues from facebook/react,
tensorflow/tensorflow, microsoft/vscode, bitcoin/bitcoin, opencv/opencv, labelled by the
projects' own issue labels as bug / feature / question) into
data/real/external/nlbse24-github-issues.jsonl.

Label rule (fixed before looking at any model output):
  category: Technical (software issue tracker: bug report, feature request or usage question).
    Rows whose TITLE matches licen[cs]e|copyright|trademark|gdpr|privacy policy|terms of
    service are dropped (could be Legal; rule cannot decide).
  urgency from the issue label: feature 0.15, question 0.25; bug -> null (label carries no severity).
Sampling: deterministic (seed 11), 20 per (repo, label) cell -> 300 records.
"""
import csv, io, os, random, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import SEED, cap_first_separator as cap, git_show_text, write_jsonl  # noqa: E402

MIRROR = "/work/.mirror/nlbse2024+issue-report-classification/repo"
COMMIT = "2927bc67eb42db8affd16eaf3e5a6d74f3063961"
PATHS = ["data/issues_train.csv", "data/issues_test.csv"]
SLUG = "nlbse24-github-issues"
OUT = f"/work/main/data/real/external/{SLUG}.jsonl"
URG = {"feature": 0.15, "question": 0.25, "bug": None}
LEGALISH = re.compile(r"licen[cs]e|copyright|trademark|gdpr|privacy policy|terms of service", re.I)
PER_CELL = 20


def main():
    csv.field_size_limit(10**9)
    cells = {}
    seen = set()
    for p in PATHS:
        for r in csv.DictReader(io.StringIO(git_show_text(MIRROR, COMMIT, p))):
            title = (r["title"] or "").strip()
            body = cap(r["body"] or "")
            if r["label"] not in URG or LEGALISH.search(title):
                continue
            if len(body) < 20 or (title, body) in seen:
                continue
            seen.add((title, body))
            cells.setdefault((r["repo"], r["label"]), []).append((p, r, title, body))
    rng = random.Random(SEED)
    chosen = []
    for k in sorted(cells):
        items = cells[k][:]
        rng.shuffle(items)
        chosen += items[:PER_CELL]
    chosen.sort(key=lambda t: (t[1]["repo"], t[1]["created_at"]))
    write_jsonl(OUT, SLUG, [
        {"subject": title, "body": body, "category": "Technical", "urgency": URG[r["label"]],
         "meta": {"repo": r["repo"], "label": r["label"], "created_at": r["created_at"], "file": p}}
        for p, r, title, body in chosen])
    print(len(chosen))


if __name__ == "__main__":
    main()
