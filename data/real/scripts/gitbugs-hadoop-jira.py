#!/usr/bin/env python3
"""Convert GitBugs (av9ash/gitbugs, CC BY 4.0) hadoop/hadoop_bugs.csv (Apache JIRA export)
into data/real/external/gitbugs-hadoop-jira.jsonl.

Label rule (fixed before looking at any model output):
  category: every row is a Hadoop JIRA bug report (software defect) -> Technical; rows whose
    Summary matches licen[cs]|copyright|trademark|GPL|LGPL|gdpr|privacy policy|terms of use/service
    are dropped (licence-file / legal-ish work; rule cannot decide).
  urgency from the JIRA Priority field:
    Blocker 0.95, Critical 0.9, Major 0.5 (JIRA default priority), Minor 0.3, Trivial 0.2.
Sampling: deterministic (seed 11): all Blocker/Critical/Trivial rows, then Minor and Major
rows to fill up to 400 records (Minor first, up to 100).
"""
import csv, io, os, random, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import SEED, cap_first_separator as cap, git_show_text, write_jsonl  # noqa: E402

MIRROR = "/work/.mirror/av9ash+gitbugs/repo"
COMMIT = "eadf2d6794990a1aaa26d0ae15391f29f8969301"
PATH = "hadoop/hadoop_bugs.csv"
SLUG = "gitbugs-hadoop-jira"
OUT = f"/work/main/data/real/external/{SLUG}.jsonl"
LEGALISH = re.compile(r"licen[cs]|copyright|trademark|\b[EL]?GPL\b|gdpr|privacy policy|terms of (use|service)", re.I)
URG = {"Blocker": 0.95, "Critical": 0.9, "Major": 0.5, "Minor": 0.3, "Trivial": 0.2}


def main():
    csv.field_size_limit(10**9)
    rows = list(csv.DictReader(io.StringIO(git_show_text(MIRROR, COMMIT, PATH))))
    by = {k: [] for k in URG}
    seen = set()
    for r in rows:
        pr = r["Priority"].strip()
        if pr not in URG or LEGALISH.search(r["Summary"] or ""):
            continue
        body = cap(r["Description"] or "")
        subj = (r["Summary"] or "").strip()
        if len(body) < 20:
            continue
        key = (subj, body)
        if key in seen:
            continue
        seen.add(key)
        by[pr].append((r, subj, body))
    rng = random.Random(SEED)
    chosen = by["Blocker"] + by["Critical"] + by["Trivial"]
    mi = by["Minor"][:]; rng.shuffle(mi)
    chosen += mi[:100]
    ma = by["Major"][:]; rng.shuffle(ma)
    chosen += ma[: 400 - len(chosen)]
    chosen.sort(key=lambda t: int(t[0]["Issue id"]))
    write_jsonl(OUT, SLUG, [
        {"subject": subj, "body": body, "category": "Technical", "urgency": URG[r["Priority"].strip()],
         "meta": {"issue_id": r["Issue id"], "priority": r["Priority"],
                  "status": r["Status"], "resolution": r["Resolution"],
                  "created": r["Created"], "project": "Apache Hadoop (JIRA)"}}
        for r, subj, body in chosen])
    print(len(chosen), {k: len(v) for k, v in by.items()})


if __name__ == "__main__":
    main()
