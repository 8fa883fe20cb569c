#!/usr/bin/env python3
"""Convert Bugzilla bug reports WITH their description (summary + first comment) and the
tracker's own Severity field (Mozilla Bugzilla; The Document Foundation's LibreOffice Bugzilla)
into data/real/train/bugzilla-severity-descriptions.jsonl.

Source: gomesluiz/my-doctorate (Luiz Alberto F. Gomes, Unicamp; the bug-report data of his
long-lived-bug studies, also published on Mendeley Data doi:10.17632/v446tfssgj), three CSV files
pinned to the commits where they were last present as real files (later commits moved the data
into Git LFS):
  bf4ef9bdc501a998d6adcb4b8bf2c969df5113c7:datasets/20190309_mozilla_bug_report_data.csv
  0e555c0252edaf5395b05bcf56673adb455112f1:long-lived-bug-prediction/notebooks/datasets/20190916_mozilla_bug_report_data.csv
  737c0cfbece298a1bb8d7ca7e55a06568cbd1b19:projects/long-lived-bug-prediction/deep-learning/data/raw/20190917_libreoffice_bug_report_data.csv
Columns used: bug_id (PRODUCT-NUMBER), product_name, component_name, short_description,
long_description (the reporter's description, Bugzilla comment 0), creation_date,
resolution_category, severity_category.

Label rule (fixed before reading any record beyond the column names; no model is run):
  category: Technical for every record (bug reports to a software vendor's tracker), EXCEPT
    records whose component or product mentions legal / licens / privacy / billing / payment /
    donation, or whose subject+description match LEGALISH_OR_MONEY below (licences, copyright,
    trademarks, patents, privacy policy, terms of use, refunds, invoices, billing, payments,
    prices, subscriptions, donations): the rule cannot decide Technical vs Legal/Billing -> dropped.
  urgency from the tracker's own Severity field (bugzilla.mozilla.org definitions in brackets;
    LibreOffice uses the same names):
    blocker 0.95 [blocks development/testing], critical 0.9 [crashes, loss of data, severe memory
    leak], major 0.7 [major loss of function], normal 0.45 [regular issue, some loss of
    functionality], minor 0.25 [minor loss of function, easy workaround], trivial 0.15 [cosmetic].
  dropped: descriptions < 20 characters, duplicate bug ids (first file wins), duplicate
    descriptions (whitespace/case-insensitive), records flagged by the shared eval-guard.
Sampling: deterministic (random.Random(11) over the records sorted by bug number), at most 200 per
severity class, round-robin over Bugzilla products (sorted) so that Core does not dominate.
Text: subject = Bugzilla summary; body = description kept as in the CSV, capped at ~2,500 characters
at a line/sentence end (common.cap_sentence_or_word). NB the dataset author's crawler had already
removed all commas and double quotes (and, in two of the files, semicolons) from the texts.

Usage: python data/real/scripts/bugzilla-severity-descriptions.py [mirror_git_dir] [out_path]
(default mirror: /work/.mirror/gomesluiz+my-doctorate/repo, from the search tool's `fetch`).
"""
import collections, csv, io, os, random, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import SEED, cap_sentence_or_word, dedup_key, git, guard_flags, write_jsonl  # noqa: E402

SLUG = "bugzilla-severity-descriptions"
MIRROR = "/work/.mirror/gomesluiz+my-doctorate/repo"
OUT = f"/work/main/data/real/train/{SLUG}.jsonl"
MOZ = ("Mozilla Bugzilla", "https://bugzilla.mozilla.org/show_bug.cgi?id=")
TDF = ("LibreOffice Bugzilla (The Document Foundation)", "https://bugs.documentfoundation.org/show_bug.cgi?id=")
FILES = [
    (MOZ, "bf4ef9bdc501a998d6adcb4b8bf2c969df5113c7", "datasets/20190309_mozilla_bug_report_data.csv"),
    (MOZ, "0e555c0252edaf5395b05bcf56673adb455112f1",
     "long-lived-bug-prediction/notebooks/datasets/20190916_mozilla_bug_report_data.csv"),
    (TDF, "737c0cfbece298a1bb8d7ca7e55a06568cbd1b19",
     "projects/long-lived-bug-prediction/deep-learning/data/raw/20190917_libreoffice_bug_report_data.csv"),
]
URG = {"blocker": 0.95, "critical": 0.9, "major": 0.7, "normal": 0.45, "minor": 0.25, "trivial": 0.15}
PER_CLASS = 200
LEGALISH_OR_MONEY = re.compile(
    r"licen[cs]|copyright|trademark|patent|\b[AL]?GPL\b|\bMPL\b|gdpr|privacy polic|terms of (use|service)"
    r"|refund|invoice|billing|payment|\bpric(e|es|ing)\b|subscription|donat", re.I)
DROP_AREA = re.compile(r"legal|licens|privacy|billing|payment|donation", re.I)
# Records the shared eval-guard flags (filled in after running it; see provenance): none so far.
EVAL_GUARD_DROPPED = set()


def load(mirror):
    csv.field_size_limit(10**9)
    rows, seen = [], set()
    for tracker, commit, path in FILES:
        for r in csv.DictReader(io.StringIO(git(mirror, "show", f"{commit}:{path}"))):
            if (tracker, r["bug_id"]) in seen:
                continue
            seen.add((tracker, r["bug_id"]))
            rows.append((tracker, commit, path, r))
    return rows


def main():
    mirror = sys.argv[1] if len(sys.argv) > 1 else MIRROR
    out = sys.argv[2] if len(sys.argv) > 2 else OUT
    rows = load(mirror)
    dropped = collections.Counter()
    seen_text, pool = set(), collections.defaultdict(list)
    for tracker, commit, path, r in sorted(rows, key=lambda t: (t[0][0], int(t[3]["bug_id"].rsplit("-", 1)[1]))):
        sev = r["severity_category"].strip().lower()
        subject = r["short_description"].strip()
        desc = r["long_description"].strip()
        if sev not in URG:
            dropped["severity not mapped"] += 1
            continue
        if len(desc) < 20:
            dropped["description < 20 chars"] += 1
            continue
        if DROP_AREA.search(r["product_name"] + " " + r["component_name"]) or \
                LEGALISH_OR_MONEY.search(subject + "\n" + desc):
            dropped["legal/money (undecidable)"] += 1
            continue
        key = dedup_key(desc)
        if key in seen_text:
            dropped["duplicate description"] += 1
            continue
        seen_text.add(key)
        body = cap_sentence_or_word(desc)
        if r["bug_id"] in EVAL_GUARD_DROPPED or guard_flags(subject + "\n" + body):
            dropped["eval-guard"] += 1
            continue
        pool[sev].append((tracker, commit, path, r, subject, body))
    rng = random.Random(SEED)
    chosen = []
    for sev in sorted(pool):
        items = pool[sev][:]
        rng.shuffle(items)
        byp = collections.defaultdict(list)
        for it in items:
            byp[it[3]["product_name"]].append(it)
        take = []
        while len(take) < PER_CLASS and any(byp.values()):
            for p in sorted(byp):
                if byp[p] and len(take) < PER_CLASS:
                    take.append(byp[p].pop(0))
        chosen += take
    chosen.sort(key=lambda t: (t[0][0], t[3]["product_name"], int(t[3]["bug_id"].rsplit("-", 1)[1])))
    records = []
    for (tracker, url), commit, path, r, subject, body in chosen:
        num = r["bug_id"].rsplit("-", 1)[1]
        sev = r["severity_category"].strip().lower()
        records.append({
            "subject": subject, "body": body, "category": "Technical", "urgency": URG[sev],
            "meta": {"tracker": tracker, "bug_id": num, "key": r["bug_id"],
                     "severity": sev, "product": r["product_name"], "component": r["component_name"],
                     "created": r["creation_date"], "resolution": r["resolution_category"],
                     "url": url + num,
                     "file": f"{commit[:12]}:{path}"}})
    write_jsonl(out, SLUG, records)
    print(out, len(records), "records; pool", {k: len(v) for k, v in sorted(pool.items())},
          "; dropped", dict(dropped))
    print("per severity", dict(collections.Counter(r["meta"]["severity"] for r in records)))
    print("trackers", dict(collections.Counter(r["meta"]["tracker"] for r in records)))
    print("products", len({r["meta"]["product"] for r in records}),
          collections.Counter(r["meta"]["product"] for r in records).most_common(8))


if __name__ == "__main__":
    main()
