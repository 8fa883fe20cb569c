#!/usr/bin/env python3
"""Convert the Bugzilla bug-report titles (Eclipse, Mozilla, Apache OpenOffice Bugzilla; Kaggle
"Software Bug Reports" by Samantha Kumara, as stored in Bookinus/Predicting-Severity-in-Bug-Reports,
DataSet/OriginalDataSet/*.csv) into data/real/train/bugzilla-severity-titles.jsonl.

Text = the bug's one-line summary (Bugzilla short_desc), written by the reporter; put in "body",
subject "" (the source has no separate body).
Label rule (fixed before looking at any model output):
  category: Technical for every bug (bug tracker of a software product), EXCEPT rows whose
    component is 'legal', 'license' or 'Hosted Services Privacy and Acceptable Usage Policy'
    (could be Legal; rule cannot decide) -> dropped; likewise rows whose summary matches
    licen[cs]|copyright|trademark|GPL|LGPL|EGPL|EPL|gdpr|privacy policy|terms of use/service.
  urgency from the Bugzilla severity field (bsr):
    blocker 0.95, critical 0.9, major 0.65, normal 0.45, minor 0.3, trivial 0.2, enhancement 0.15;
    Mozilla S1 0.95, S2 0.65, S3 0.45, S4 0.25; 'N/A' and '--' -> row dropped.
Sampling: deterministic (seed 11), per severity class at most 70 rows, spread over projects.
"""
import collections, csv, io, os, random, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import SEED, git_show_text, write_jsonl  # noqa: E402

MIRROR = "/work/.mirror/Bookinus+Predicting-Severity-in-Bug-Reports/repo"
COMMIT = "6bfe4b86b2833d114f6ae043853b4a74846e61ea"
FILES = {"Eclipse": "DataSet/OriginalDataSet/Eclipse.csv",
         "Mozilla": "DataSet/OriginalDataSet/Mozilla.csv",
         "OpenOffice": "DataSet/OriginalDataSet/Openoffice.csv"}
SLUG = "bugzilla-severity-titles"
OUT = f"/work/main/data/real/train/{SLUG}.jsonl"
URG = {"blocker": 0.95, "critical": 0.9, "major": 0.65, "normal": 0.45, "minor": 0.3,
       "trivial": 0.2, "enhancement": 0.15, "s1": 0.95, "s2": 0.65, "s3": 0.45, "s4": 0.25}
LEGALISH = re.compile(r"licen[cs]|copyright|trademark|\b[EL]?GPL\b|\bEPL\b|gdpr|privacy policy|terms of (use|service)", re.I)
DROP_CO = {"legal", "license", "hosted services privacy and acceptable usage policy"}
PER_CLASS = 70


def main():
    csv.field_size_limit(10**9)
    pool = {}
    seen = set()
    for proj, path in FILES.items():
        for r in csv.DictReader(io.StringIO(git_show_text(MIRROR, COMMIT, path)), delimiter=";"):
            sev = r["bsr"].strip().lower()
            if sev not in URG or r["co"].strip().lower() in DROP_CO:
                continue
            t = (r["sd"] or "").strip()
            if len(t) < 20 or t.lower() in seen or LEGALISH.search(t):
                continue
            seen.add(t.lower())
            # class key merges S-scale into the named scale
            cls = {"s1": "blocker", "s2": "major", "s3": "normal", "s4": "minor"}.get(sev, sev)
            pool.setdefault(cls, []).append((proj, r, t, sev))
    rng = random.Random(SEED)
    chosen = []
    for cls in sorted(pool):
        items = pool[cls][:]
        rng.shuffle(items)
        # round-robin over projects for diversity
        byp = {}
        for it in items:
            byp.setdefault(it[0], []).append(it)
        take = []
        while len(take) < PER_CLASS and any(byp.values()):
            for p in sorted(byp):
                if byp[p] and len(take) < PER_CLASS:
                    take.append(byp[p].pop())
        chosen += take
    chosen.sort(key=lambda t: (t[0], int(t[1]["bugID"])))
    write_jsonl(OUT, SLUG, [
        {"subject": "", "body": t, "category": "Technical", "urgency": URG[sev],
         "meta": {"tracker": proj + " Bugzilla", "bug_id": r["bugID"],
                  "severity": r["bsr"], "priority": r["pr"],
                  "classification": r["cl"], "product": r["pd"], "component": r["co"]}}
        for proj, r, t, sev in chosen])
    print(len(chosen), collections.Counter(c[3] for c in chosen), collections.Counter(c[0] for c in chosen))


if __name__ == "__main__":
    main()
