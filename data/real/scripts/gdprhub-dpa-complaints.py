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
import hashlib, json, os, re, subprocess

MIRROR = "/work/.mirror/mnov88+eurlextract/repo"
COMMIT = "b564ea7f0b19464a28380e328f284be7eb9ed3e4"
ROOT = "fast_scrape/organized_mt/authorities/"
OUT = "/work/main/data/real/external/gdprhub-dpa-complaints.jsonl"
SLUG = "gdprhub-dpa-complaints"
PER_COUNTRY, MAX = 8, 220
GUARD_DIR = "/work/shared/eval-guard"


def guard_flags(text, _cache={}):
    if "set" not in _cache:
        _cache["set"] = set(open(os.path.join(GUARD_DIR, "reserved.txt")).read().split())
    w = re.sub(r"[^0-9a-z]+", " ", text.lower()).split()
    grams = ({" ".join(w)} if len(w) >= 6 else set()) if len(w) < 12 else {" ".join(w[i:i + 12]) for i in range(len(w) - 11)}
    n = sum(hashlib.sha256(("smart-support-reserved-v1" + g).encode()).hexdigest()[:20] in _cache["set"] for g in grams)
    return bool(n) and (n >= 30 or n >= 0.2 * len(grams))


def git(*a):
    return subprocess.run(["git", "-C", MIRROR, *a], check=True, capture_output=True).stdout.decode("utf-8", "replace")


def cap(text, n=2500):
    if len(text) <= n:
        return text
    cut = text[:n]
    i = max(cut.rfind("\n"), cut.rfind(". "))
    return cut[: i + 1].rstrip() if i > n // 2 else cut.rstrip()


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
        for p in sorted(by_country[country], key=lambda s: hashlib.sha1(s.encode()).hexdigest()):
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
    with open(OUT, "w", encoding="utf-8") as f:
        for i, r in enumerate(out, 1):
            f.write(json.dumps({"id": f"{SLUG}-{i:04d}", "source": SLUG, **r}, ensure_ascii=False) + "\n")
    print(len(out), "records;", flagged, "dropped by guard;", len(by_country), "countries")


if __name__ == "__main__":
    main()
