#!/usr/bin/env python3
"""fcc-comcast-2015: FCC informal consumer complaints against Comcast (2015, public FOIA release,
as copied in the "Comcast consumer complaints" data set) -> data/real/external/fcc-comcast-2015.jsonl

Inputs (two files of the same FCC release, same row order):
  vdhar1992/Topic_modelling_repo @ab29e9e6 data/comcast_fcc_complaints_2015.csv  (row index, Description)
  vdhar1992/Topic_modelling_repo @ab29e9e6 data/Comcast.csv  (Ticket #, Customer Complaint = the
      complainant's own subject line, Date, Received Via, City, State, Status, ...)
Row alignment: description row i <-> title row i for i <= 1122, row 1123 has no title (dropped),
i >= 1124 <-> title row i-1. Checked against every "Ticket No. N" the FCC follow-up text quotes; a
row whose quoted ticket number disagrees with its aligned title row is dropped.

Label rule (written before reading bodies): the complainant's subject field decides.
  Billing  if the subject matches BILLING_RE and does not match EXCLUDE_RE (speed / outage / data-cap /
  usage terms: money-vs-service mixtures are not decided by the subject, so dropped).
  Nothing else is kept (subjects do not decide Technical vs Legal unambiguously).
Body = the complainant's description up to the first FCC follow-up block ("- - - - -"), which is
FCC/company text, not the customer's. Exact duplicates and bodies < 20 chars dropped; capped ~2500 chars.
"""
import csv, io, os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import cap_sentence_or_word as cap, dedup_key, git, sha1_order, write_jsonl  # noqa: E402

SLUG = "fcc-comcast-2015"
MIRROR = "/work/.mirror/vdhar1992+Topic_modelling_repo/repo"
COMMIT = "ab29e9e6298e30d9e5bb099c62db24b5be2ceaca"
DESC_PATH = "data/comcast_fcc_complaints_2015.csv"
TITLE_PATH = "data/Comcast.csv"
OUT = f"/work/main/data/real/external/{SLUG}.jsonl"
CAP = 350

BILLING_RE = re.compile(
    r"\b(bill|bills|billed|billing|overbill\w*|charg\w*|overcharg\w*|fee|fees|refund\w*|price|prices|"
    r"pricing|priced|payments?|pmts|credits?|invoice|rates?|money|owe|owes|owed|cost|costs|"
    r"collections?|deposit|promotion\w*|promo)\b", re.I)
EXCLUDE_RE = re.compile(
    r"(speed|slow|outage|throttl|data|\bcaps?\b|usage|overage|signal|intermittent|not working|"
    r"no service|mbps|bandwidth|internet down)", re.I)


def show(mirror, path):
    return git(mirror, "show", f"{COMMIT}:{path}").lstrip("\ufeff")


def main():
    mirror = sys.argv[1] if len(sys.argv) > 1 else MIRROR
    out = sys.argv[2] if len(sys.argv) > 2 else OUT
    desc = list(csv.DictReader(io.StringIO(show(mirror, DESC_PATH))))
    titles = list(csv.DictReader(io.StringIO(show(mirror, TITLE_PATH))))
    seen, cand = set(), []
    for r in desc:
        i = int(r[""])
        if i == 1123:
            continue
        j = i if i <= 1122 else i - 1
        if j >= len(titles):
            continue
        t = titles[j]
        text = r["Description"]
        quoted = re.findall(r"Ticket No\. ?(\d+)", text)
        if quoted and any(q != t["Ticket #"] for q in quoted):
            continue
        subject = t["Customer Complaint"].strip()
        if not BILLING_RE.search(subject) or EXCLUDE_RE.search(subject):
            continue
        body = re.split(r"\n\s*(?:- ){5,}", text)[0]
        body = re.split(r"Follow-up message by FCC", body)[0].strip()
        if len(body) < 20:
            continue
        key = dedup_key(body)
        if key in seen:
            continue
        seen.add(key)
        cand.append((sha1_order(f"{SLUG}|{t['Ticket #']}"), t, subject, cap(body)))
    cand.sort(key=lambda c: c[0])
    taken = sorted(cand[:CAP], key=lambda c: int(c[1]["Ticket #"]))
    write_jsonl(out, SLUG, [
        {"subject": subject, "body": body, "category": "Billing", "urgency": None,
         "meta": {"ticket": t["Ticket #"], "customer_complaint_subject": subject,
                  "date": t["Date_month_year"], "received_via": t["Received Via"],
                  "state": t["State"], "status": t["Status"], "company": "Comcast"}}
        for order, t, subject, body in taken])
    print(out, len(taken), "of", len(cand), "candidates")


if __name__ == "__main__":
    main()
