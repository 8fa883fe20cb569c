#!/usr/bin/env python3
"""Legal questions from two archived Stack Exchange sites about startups (CC BY-SA 3.0):
collapsed-stacks/startups (Startups SE, 2014-2017) and collapsed-stacks/onstartups (Answers
on Startups, 2009-2013). Reads the fetched mirrors at fixed commits; writes
data/real/train/startups-se-legal.jsonl deterministically.

Label rule (fixed before reading records): a question is Legal when its own Stack Exchange tags
include at least one tag of LEGAL_TAGS and none of UNDECIDED_TAGS (money / tax topics, where the
rule cannot decide between Legal and Billing: dropped). Questions without a legal tag are not used.
Only the question (title + body) is kept, not the answers. Urgency: no signal -> null.
Sampling: at most CAP[site] questions per site, chosen by the lowest sha1(site:question-id).
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import cap_line_or_sentence as cap, git, sha1_order, write_jsonl  # noqa: E402

SITES = {
    "startups": ("/work/.mirror/collapsed-stacks+startups/repo/.git", "b98ec0474467306e20f325339e9670e253dbcd41", 200),
    "onstartups": ("/work/.mirror/collapsed-stacks+onstartups/repo", "240fea96a6a543e3e9cf557dcfe08bb74f829622", 280),
}
OUT = "/work/main/data/real/train/startups-se-legal.jsonl"
SLUG = "startups-se-legal"
LEGAL_TAGS = {"legal", "copyright", "trademark", "intellectual-property", "contract", "contracts", "patent",
              "provisional-patent", "licensing", "license", "software-licensing", "non-disclosure-agreement",
              "nda", "terms-and-conditions", "privacy", "agreements", "legal-documents", "liability",
              "founders-agreement", "non-compete", "purchase-agreement", "lawyer", "law"}
UNDECIDED_TAGS = {"taxes", "tax", "accounting", "pricing", "payment-processing", "payments", "billing",
                  "invoicing", "subscriptions", "sales-tax", "vat", "bookkeeping", "payroll", "credit-card"}


def parse(md):
    m = re.match(r"## (.*?)\n\n(.*?)\n\n", md, re.S)
    if not m:
        return None
    title, header = m.group(1).strip(), m.group(2)
    tm = re.search(r"^- tagged: (.*)$", header, re.M)
    tags = re.findall(r"`([^`]+)`", tm.group(1)) if tm else []
    dm = re.search(r"on (\d{4}-\d{2}-\d{2})", header)
    rest = md[m.end():]
    body = re.split(r"\n## Answer \d+", rest)[0].strip()
    return title, tags, body, dm.group(1) if dm else ""


def main():
    out, seen = [], set()
    for site, (repo, commit, limit) in SITES.items():
        paths = [p for p in git(repo, "ls-tree", "-r", "--name-only", commit, "questions").splitlines() if p.endswith(".md")]
        cands = []
        for p in paths:
            parsed = parse(git(repo, "show", f"{commit}:{p}"))
            if not parsed:
                continue
            title, tags, body, date = parsed
            ts = set(tags)
            if not (ts & LEGAL_TAGS) or (ts & UNDECIDED_TAGS):
                continue
            body = cap(body)
            if len(body) < 20:
                continue
            qid = p.split("/")[1]
            cands.append((sha1_order(f"{site}:{qid}"), site, qid, title, tags, body, date))
        cands.sort()
        n = 0
        for _, s, qid, title, tags, body, date in cands:
            key = (title.lower(), body.lower())
            if key in seen:
                continue
            seen.add(key)
            out.append({"subject": title, "body": body, "category": "Legal", "urgency": None,
                        "meta": {"site": s, "question_id": qid, "tags": tags, "date": date}})
            n += 1
            if n >= limit:
                break
        print(site, len(paths), "questions,", len(cands), "legal candidates,", n, "kept")
    write_jsonl(OUT, SLUG, out)
    print(len(out), "->", OUT)


if __name__ == "__main__":
    main()
