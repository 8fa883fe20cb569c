#!/usr/bin/env python3
"""Convert github/gov-takedowns (government takedown requests published by GitHub) to jsonl.

Deterministic: reads the fetched git mirror at a fixed commit, writes
data/real/external/gov-takedowns.jsonl. Label rule (written before reading records): every notice
in this archive is a government / law-enforcement request to a hosting provider -> Legal.
Urgency: the archive has no priority field -> null.
Text handling: lines that are mostly non-Latin script (Russian / Chinese / Spanish-translation
duplicates are kept only when Latin) are dropped so the English version remains; text is capped
at 2,500 characters at a line boundary; records whose text with URLs and digits masked repeats an
earlier record (the Roskomnadzor form letter) are dropped as near-exact duplicates.
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import cap_line_or_sentence as cap, git as git_in, write_jsonl  # noqa: E402

MIRROR = "/work/.mirror/github+gov-takedowns/repo"
COMMIT = "537fe0edf466f9621e4b13250af32628d9108025"
OUT = "/work/main/data/real/external/gov-takedowns.jsonl"
SLUG = "gov-takedowns"


def git(*a):
    return git_in(MIRROR, *a)


def mostly_non_latin(par):
    letters = [c for c in par if c.isalpha()]
    if not letters:
        return False
    non = sum(1 for c in letters if not ("a" <= c.lower() <= "z"))
    return non / len(letters) > 0.3


def main():
    paths = [p for p in git("ls-tree", "-r", "--name-only", COMMIT).splitlines()
             if p.endswith(".md") and "/" in p and p.split("/")[0] not in (".github",)]
    seen, out = set(), []
    for p in sorted(paths):
        raw = git("show", f"{COMMIT}:{p}")
        pars = re.split(r"\n\s*\n", raw.replace("\r\n", "\n"))
        keep = []
        for x in pars:
            if x.strip().startswith("Although this request came from a government agency"):
                continue  # GitHub's own annotation, not the sender's text
            lines = [ln for ln in x.strip("\n").split("\n") if not mostly_non_latin(ln)]
            if any(ln.strip() for ln in lines):
                keep.append("\n".join(lines))
        body = cap("\n\n".join(keep).strip())
        if len(body) < 20:
            continue
        key = re.sub(r"https?://\S+|\d+", "#", body.lower())
        key = re.sub(r"\s+", " ", key)
        if key in seen:
            continue
        seen.add(key)
        parts = p.split("/")
        out.append({"subject": "", "body": body, "category": "Legal", "urgency": None,
                    "meta": {"path": p, "country": parts[0], "year": parts[1],
                             "archive": "github/gov-takedowns (government takedown requests)"}})
    write_jsonl(OUT, SLUG, out)
    print(len(paths), "notices,", len(out), "records ->", OUT)


if __name__ == "__main__":
    main()
