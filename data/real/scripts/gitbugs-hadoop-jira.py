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
import csv, io, json, random, re, subprocess, sys

MIRROR = "/work/.mirror/av9ash+gitbugs/repo"
COMMIT = "eadf2d6794990a1aaa26d0ae15391f29f8969301"
PATH = "hadoop/hadoop_bugs.csv"
SLUG = "gitbugs-hadoop-jira"
OUT = f"/work/main/data/real/external/{SLUG}.jsonl"
LEGALISH = re.compile(r"licen[cs]|copyright|trademark|\b[EL]?GPL\b|gdpr|privacy policy|terms of (use|service)", re.I)
URG = {"Blocker": 0.95, "Critical": 0.9, "Major": 0.5, "Minor": 0.3, "Trivial": 0.2}


def cap(text, n=2500):
    text = text.strip()
    if len(text) <= n:
        return text
    cut = text[:n]
    for sep in ["\n", ". ", "! ", "? "]:
        i = cut.rfind(sep)
        if i > n * 0.6:
            return cut[: i + len(sep)].strip()
    return cut.strip()


def main():
    csv.field_size_limit(10**9)
    raw = subprocess.run(["git", "-C", MIRROR, "show", f"{COMMIT}:{PATH}"],
                         capture_output=True, text=True, check=True).stdout
    rows = list(csv.DictReader(io.StringIO(raw)))
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
    rng = random.Random(11)
    chosen = by["Blocker"] + by["Critical"] + by["Trivial"]
    mi = by["Minor"][:]; rng.shuffle(mi)
    chosen += mi[:100]
    ma = by["Major"][:]; rng.shuffle(ma)
    chosen += ma[: 400 - len(chosen)]
    chosen.sort(key=lambda t: int(t[0]["Issue id"]))
    with open(OUT, "w") as f:
        for i, (r, subj, body) in enumerate(chosen, 1):
            rec = {"id": f"{SLUG}-{i:04d}", "source": SLUG, "subject": subj, "body": body,
                   "category": "Technical", "urgency": URG[r["Priority"].strip()],
                   "meta": {"issue_id": r["Issue id"], "priority": r["Priority"],
                            "status": r["Status"], "resolution": r["Resolution"],
                            "created": r["Created"], "project": "Apache Hadoop (JIRA)"}}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(len(chosen), {k: len(v) for k, v in by.items()})


if __name__ == "__main__":
    main()
