#!/usr/bin/env python3
"""Convert JetBrains YouTrack issues of IntelliJ IDEA (project IDEA, October 2020), with the tracker's
own Priority and Type fields, into data/real/train/youtrack-idea-priority.jsonl.

Source: avokin2/jetbrains-issues-dataset (Andrey Vokin, a library that downloads JetBrains YouTrack
issues; MIT licence file LINCENSE.txt), file test/data/snapshot.json at commit
929efff2b7327bd702db9573d028672956f1ec33: one JSON object per line, either an "issue" (summary,
description, customFields Priority / Type / State / Subsystem, ...) or an "activity" (history item,
not used). All 145 issues are IDEA-2524xx-2529xx from youtrack.jetbrains.com.

Label rule (fixed before reading the issue texts; no model is run):
  category: Technical for every issue (bug / feature / usability / performance reports about an IDE),
    EXCEPT summary+description matching LEGALISH_OR_MONEY (licences, copyright, trademarks, patents,
    privacy policy, terms, refunds, invoices, billing, payments, prices, subscriptions): the rule
    cannot decide Technical vs Legal/Billing -> dropped. Descriptions < 20 chars dropped.
  urgency, fixed table on the tracker's own fields, first match wins:
    Type 'Feature' or 'Cosmetics' -> 0.15 (feature request / cosmetic, whatever the priority);
    Priority 'Show-stopper' 0.95, 'Critical' 0.9, 'Major' 0.7, 'Normal' 0.45, 'Minor' 0.25;
    anything else -> undecidable, dropped.
Sampling: none needed (far fewer than 200 per class); records written in issue-number order.
Text: subject = summary; body = description as written (YouTrack markdown), capped at ~2,500
characters at a line/sentence end (common.cap_sentence_or_word). Comments are not used.

Usage: python data/real/scripts/youtrack-idea-priority.py [mirror_git_dir] [out_path]
(default mirror: /work/.mirror/avokin2+jetbrains-issues-dataset/repo, from the search tool's `fetch`).
"""
import collections, json, os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import cap_sentence_or_word, dedup_key, git, guard_flags, write_jsonl  # noqa: E402

SLUG = "youtrack-idea-priority"
MIRROR = "/work/.mirror/avokin2+jetbrains-issues-dataset/repo"
COMMIT = "929efff2b7327bd702db9573d028672956f1ec33"
PATH = "test/data/snapshot.json"
OUT = f"/work/main/data/real/train/{SLUG}.jsonl"
LOW_TYPES = {"Feature": 0.15, "Cosmetics": 0.15}
PRIORITY = {"Show-stopper": 0.95, "Critical": 0.9, "Major": 0.7, "Normal": 0.45, "Minor": 0.25}
LEGALISH_OR_MONEY = re.compile(
    r"licen[cs]|copyright|trademark|patent|\b[AL]?GPL\b|gdpr|privacy polic|terms of (use|service)"
    r"|refund|invoice|billing|payment|\bpric(e|es|ing)\b|subscription", re.I)
# Records the shared eval-guard flags (filled in after running it; see provenance): none so far.
EVAL_GUARD_DROPPED = set()


def field(issue, name):
    for f in issue.get("customFields", []):
        if f["name"] == name:
            v = f["value"]
            if isinstance(v, dict):
                return v.get("name")
            if isinstance(v, list):
                return ", ".join(x.get("name", "") for x in v if isinstance(x, dict))
            return v
    return None


def main():
    mirror = sys.argv[1] if len(sys.argv) > 1 else MIRROR
    out = sys.argv[2] if len(sys.argv) > 2 else OUT
    issues = [json.loads(line) for line in git(mirror, "show", f"{COMMIT}:{PATH}").split("\n") if line.strip()]
    issues = [x for x in issues if x.get("element_type") == "issue"]
    issues.sort(key=lambda x: int(x["idReadable"].split("-")[1]))
    dropped, seen, records = collections.Counter(), set(), []
    for x in issues:
        subject = (x.get("summary") or "").strip()
        desc = (x.get("description") or "").strip()
        prio, typ = field(x, "Priority"), field(x, "Type")
        urg = LOW_TYPES.get(typ, PRIORITY.get(prio))
        if urg is None:
            dropped["priority/type not mapped"] += 1
            continue
        if len(desc) < 20:
            dropped["description < 20 chars"] += 1
            continue
        if LEGALISH_OR_MONEY.search(subject + "\n" + desc):
            dropped["legal/money (undecidable)"] += 1
            continue
        key = dedup_key(desc)
        if key in seen or x["idReadable"] in EVAL_GUARD_DROPPED:
            dropped["duplicate / listed"] += 1
            continue
        seen.add(key)
        body = cap_sentence_or_word(desc)
        if guard_flags(subject + "\n" + body):
            dropped["eval-guard"] += 1
            continue
        records.append({
            "subject": subject, "body": body, "category": "Technical", "urgency": urg,
            "meta": {"tracker": "JetBrains YouTrack", "issue": x["idReadable"], "priority": prio,
                     "type": typ, "state": field(x, "State"), "subsystem": field(x, "Subsystem"),
                     "affected_versions": field(x, "Affected versions"),
                     "url": f"https://youtrack.jetbrains.com/issue/{x['idReadable']}"}})
    write_jsonl(out, SLUG, records)
    print(out, len(records), "records; dropped", dict(dropped))
    print("per urgency", sorted(collections.Counter(r["urgency"] for r in records).items(), reverse=True))
    print("per (priority,type)", collections.Counter((r["meta"]["priority"], r["meta"]["type"]) for r in records).most_common())


if __name__ == "__main__":
    main()
