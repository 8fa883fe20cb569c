#!/usr/bin/env python3
"""cfpb-payday-2023: CFPB Consumer Complaint Database extract (SeunnnA/Predatory_Lending,
"complaints(small sample)-2025-04-25_15_02.csv", payday/title/personal loans, 2023) -> data/real/train/cfpb-payday-2023.jsonl

Label rule (written before reading records; the database's own Issue / Sub-issue fields decide):
  BILLING_ISSUES / BILLING_PAIRS -> Billing, LEGAL_ISSUES / LEGAL_SUBISSUES -> Legal,
  TECH_SUBISSUES -> Technical; every other Issue is dropped (credit-report accuracy, debt
  validation, mortgage servicing, etc. are not decided by the fields).
Only rows with a consumer narrative. Exact duplicate narratives dropped. Text capped at ~2500 chars.
Usage: python3 cfpb-payday-2023.py [mirror_dir] [out_path]
"""
import csv, hashlib, io, json, re, subprocess, sys

SLUG = "cfpb-payday-2023"
MIRROR = "/work/.mirror/SeunnnA+Predatory_Lending/repo"
COMMIT = "834228377a631aae3888a5db58b011ea9f21c20c"
PATH = "data/processed/complaints(small sample)-2025-04-25_15_02.csv"
OUT = f"/work/main/data/real/train/{SLUG}.jsonl"
CAPS = {"Billing": 420, "Legal": 60, "Technical": 20}
TOTAL_CAP = 500

BILLING_ISSUES = {
    "Fees or interest", "Unexpected or other fees", "Problem with a purchase shown on your statement",
    "Charged fees or interest you didn't expect", "Charged fees or interest I didn't expect",
    "Problem when making payments", "Trouble during payment process",
    "Problem with a lender or other company charging your account",
    "Money was taken from your bank account on the wrong day or for the wrong amount",
    "Loan payment wasn't credited to your account", "Can't stop withdrawals from your bank account",
    "Problem caused by your funds being low", "Billing disputes", "Billing statement", "Late fee",
    "APR or interest rate", "Problem with the payoff process at the end of the loan", "Payoff process",
    "Settlement process and costs", "Problem with a purchase or transfer",
}
BILLING_PAIRS = {
    ("Managing an account", "Fee problem"),
    ("Closing an account", "Fees charged for closing account"),
    ("Managing the loan or lease", "Billing problem"),
    ("Managing the loan or lease", "Problem with fees charged"),
    ("Managing the loan or lease", "Problem with the interest rate"),
    ("Dealing with your lender or servicer", "Don't agree with the fees charged"),
    ("Dealing with your lender or servicer", "Trouble with how payments are being handled"),
    ("Credit monitoring or identity theft protection services", "Billing dispute for services"),
    ("False statements or representation", "Attempted to collect wrong amount"),
    ("Problems at the end of the loan or lease",
     "Excess mileage, damage, or wear fees, or other problem after the lease is finish"),
}
LEGAL_ISSUES = {
    "Improper use of your report", "Took or threatened to take negative or legal action",
    "Taking/threatening an illegal action", "Threatened to contact someone or share information improperly",
    "Improper contact or sharing of info",
}
LEGAL_SUBISSUES = {"Credit card company forcing arbitration", "Privacy issues"}
TECH_SUBISSUES = {"Problem accessing account"}


def label(issue, sub):
    if issue in BILLING_ISSUES or (issue, sub) in BILLING_PAIRS:
        return "Billing"
    if issue in LEGAL_ISSUES or sub in LEGAL_SUBISSUES:
        return "Legal"
    if sub in TECH_SUBISSUES:
        return "Technical"
    return None


def cap(text, limit=2500):
    text = text.strip()
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = max(head.rfind("\n"), head.rfind(". "), head.rfind("? "), head.rfind("! "))
    if cut < limit // 2:
        cut = head.rfind(" ")
    return head[:cut + 1].strip()


def main():
    mirror = sys.argv[1] if len(sys.argv) > 1 else MIRROR
    out = sys.argv[2] if len(sys.argv) > 2 else OUT
    raw = subprocess.run(["git", "-C", mirror, "show", f"{COMMIT}:{PATH}"], check=True,
                         capture_output=True).stdout.decode("utf-8", errors="replace")
    rows = list(csv.DictReader(io.StringIO(raw)))
    seen, cand = set(), []
    for r in rows:
        body = (r.get("Consumer complaint narrative") or "").strip()
        if len(body) < 20:
            continue
        issue, sub = r["Issue"].strip(), (r.get("Sub-issue") or "").strip()
        if sub == "None":
            sub = ""
        cat = label(issue, sub)
        if cat is None:
            continue
        key = re.sub(r"\s+", " ", body).lower()
        if key in seen:
            continue
        seen.add(key)
        order = hashlib.sha1(f"{SLUG}|{r['Complaint ID']}".encode()).hexdigest()
        cand.append((order, cat, r, cap(body)))
    cand.sort(key=lambda t: t[0])
    taken, counts = [], {}
    for order, cat, r, body in cand:
        if counts.get(cat, 0) >= CAPS[cat] or len(taken) >= TOTAL_CAP:
            continue
        counts[cat] = counts.get(cat, 0) + 1
        taken.append((cat, r, body))
    taken.sort(key=lambda t: int(t[1]["Complaint ID"]))
    with open(out, "w", encoding="utf-8") as f:
        for i, (cat, r, body) in enumerate(taken, 1):
            rec = {"id": f"{SLUG}-{i:04d}", "source": SLUG, "subject": "", "body": body,
                   "category": cat, "urgency": None,
                   "meta": {"complaint_id": r["Complaint ID"], "product": r["Product"],
                            "sub_product": r.get("Sub-product", ""), "issue": r["Issue"],
                            "sub_issue": r.get("Sub-issue", ""), "company": r["Company"],
                            "date_received": r["Date received"]}}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(out, len(taken), counts)


if __name__ == "__main__":
    main()
