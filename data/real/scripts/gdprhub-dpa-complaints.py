#!/usr/bin/env python3
"""GDPRhub (noyb's public wiki of data-protection decisions) summaries of complaints decided by
European data protection authorities, as scraped into the repository mnov88/eurlextract.

Deterministic: reads the fetched git mirror at a fixed commit, writes
data/real/external/gdprhub-dpa-complaints.jsonl.

Label rule (written before reading records): a GDPRhub page filed under
fast_scrape/organized_mt/authorities/ (a decision of a data protection authority, i.e. a
regulator) whose own metadata field `Type` is `Complaint` (a data subject's complaint about the
processing of personal data / a data-subject request) -> Legal. Pages of other types
(Investigation, Advisory Opinion, Other), court decisions (organized_mt/courts/) and pages without
an English "Facts" section are not taken (the rule cannot decide them / no complaint text).
Text = the "Facts" section of the page's English Summary (written in English by GDPRhub
contributors; it narrates what the complainant asked for and what happened), capped at ~2,500
characters at a sentence/line boundary. The decision outcome ("Holding") is not included.
Urgency: no signal -> null.
Sampling: files sorted by path; at most PER_COUNTRY records per country folder (first ones by a
fixed SHA-1 order of the path), at most MAX records in all; exact duplicate texts dropped.
Records flagged by the shared eval-guard are dropped.
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import cap_line_or_sentence as cap, git as git_in, guard_flags, sha1_order, write_jsonl  # noqa: E402

MIRROR = "/work/.mirror/mnov88+eurlextract/repo"
COMMIT = "b564ea7f0b19464a28380e328f284be7eb9ed3e4"
ROOT = "fast_scrape/organized_mt/authorities/"
OUT = "/work/main/data/real/external/gdprhub-dpa-complaints.jsonl"
SLUG = "gdprhub-dpa-complaints"
PER_COUNTRY, MAX = 8, 220


def git(*a):
    return git_in(MIRROR, *a)


def field(t, name):
    m = re.search(r"\*\*" + re.escape(name) + r":\*\*[ \t]*(.*)", t)
    return m.group(1).strip() if m else ""


def main():
    paths = sorted(p for p in git("ls-tree", "-r", "--name-only", COMMIT, ROOT).splitlines() if p.endswith(".md"))
    by_country = {}
    for p in paths:
        by_country.setdefault(p[len(ROOT):].split("/")[0], []).append(p)
    out, seen, flagged = [], set(), 0
    for country in sorted(by_country):
        taken = 0
        for p in sorted(by_country[country], key=sha1_order):
            if taken >= PER_COUNTRY:
                break
            t = git("show", f"{COMMIT}:{p}")
            if field(t, "Type") != "Complaint":
                continue
            m = re.search(r"### Facts[ \t]*\n(.*?)(?=\n#{2,3} |\Z)", t, re.S)
            if not m:
                continue
            body = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", m.group(1)).strip()  # markdown links -> text
            body = re.sub(r"\n{3,}", "\n\n", body)
            body = cap(body)
            if len(body) < 20 or body in seen:
                continue
            if guard_flags(body):
                flagged += 1
                continue
            seen.add(body)
            title = t.splitlines()[0].lstrip("# ").strip()
            out.append({"subject": "", "body": body, "category": "Legal", "urgency": None,
                        "meta": {"case": title, "authority": field(t, "Authority"), "jurisdiction": field(t, "Jurisdiction"),
                                 "type": field(t, "Type"), "outcome": field(t, "Outcome"),
                                 "relevant_law": field(t, "Relevant Law")[:300], "path": p, "commit": COMMIT,
                                 "gdprhub_url": "https://gdprhub.eu/index.php?title=" + title.replace(" ", "_")}})
            taken += 1
    out = out[:MAX]
    write_jsonl(OUT, SLUG, out)
    print(len(out), "records;", flagged, "dropped by guard;", len(by_country), "countries")


if __name__ == "__main__":
    main()
