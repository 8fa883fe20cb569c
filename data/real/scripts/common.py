"""Helpers shared by the conversion scripts in this folder (imported, never run on its own).

The scripts are run as `python data/real/scripts/<slug>.py`, so Python puts this folder on
sys.path and `import common` finds this file. Every helper keeps the exact behaviour the scripts
had when each held its own copy: the committed jsonl files are reproduced byte for byte.
"""
import csv, hashlib, io, json, os, re, subprocess, sys

GUARD_DIR = "/work/shared/eval-guard"
SEED = 11  # seed of the scripts that sample with random.Random


# ---------------- reading the fetched git mirrors ----------------
def git(repo, *args):
    """stdout of `git -C repo args`, decoded as UTF-8 (undecodable bytes replaced)."""
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True).stdout.decode("utf-8", "replace")


def git_show_text(repo, commit, path):
    """`git show commit:path` read in text mode (locale encoding, universal newlines)."""
    return subprocess.run(["git", "-C", repo, "show", f"{commit}:{path}"],
                          capture_output=True, text=True, check=True).stdout


# ---------------- text cleaning / capping (three rules, each used by several sources) ----------------
def cap_sentence_or_word(text, limit=2500):
    """Strip; over `limit` chars cut at the last line/sentence end, or at a word if that is in the first half."""
    text = text.strip()
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = max(head.rfind("\n"), head.rfind(". "), head.rfind("? "), head.rfind("! "))
    if cut < limit // 2:
        cut = head.rfind(" ")
    return head[:cut + 1].strip()


def cap_first_separator(text, n=2500):
    """Strip; over `n` chars cut at the last newline past 60 %, else last '. ', '! ', '? ' past 60 %."""
    text = text.strip()
    if len(text) <= n:
        return text
    cut = text[:n]
    for sep in ["\n", ". ", "! ", "? "]:
        i = cut.rfind(sep)
        if i > n * 0.6:
            return cut[: i + len(sep)].strip()
    return cut.strip()


def cap_line_or_sentence(text, n=2500, rstrip=True):
    """Over `n` chars cut at the last newline or '. ' past half (no leading strip); right-strip unless told not to."""
    if len(text) <= n:
        return text
    cut = text[:n]
    i = max(cut.rfind("\n"), cut.rfind(". "))
    out = cut[: i + 1] if i > n // 2 else cut
    return out.rstrip() if rstrip else out


def dedup_key(text):
    """Whitespace-collapsed, lower-cased text: the key for dropping exact duplicates."""
    return re.sub(r"\s+", " ", text).lower()


# ---------------- deterministic sampling ----------------
def sha1_order(key):
    """Fixed pseudo-random order: sort by the SHA-1 hex digest of a string key."""
    return hashlib.sha1(key.encode()).hexdigest()


# ---------------- shared eval-guard (same rule as /work/shared/eval-guard/check.py) ----------------
def guard_flags(text, _cache={}):
    """True when `text` overlaps the texts reserved for independent evaluation."""
    if "set" not in _cache:
        _cache["set"] = set(open(os.path.join(GUARD_DIR, "reserved.txt")).read().split())
    w = re.sub(r"[^0-9a-z]+", " ", text.lower()).split()
    grams = ({" ".join(w)} if len(w) >= 6 else set()) if len(w) < 12 else {" ".join(w[i:i + 12]) for i in range(len(w) - 11)}
    n = sum(hashlib.sha256(("smart-support-reserved-v1" + g).encode()).hexdigest()[:20] in _cache["set"] for g in grams)
    return bool(n) and (n >= 30 or n >= 0.2 * len(grams))


# ---------------- hand-transcribed issue threads (gh-issues-*.py) ----------------
def issue_collector():
    """(records, add): add(url, labels, title, desc) appends one transcribed issue to records."""
    records = []

    def add(url, labels, title, desc):
        records.append({"url": url, "labels": labels, "title": title, "desc": desc})

    return records, add


# ---------------- writing ----------------
def write_jsonl(path, slug, records):
    """Write records as JSONL, each prefixed with id `<slug>-NNNN` (from 1) and source `<slug>`."""
    with open(path, "w", encoding="utf-8") as f:
        for i, r in enumerate(records, 1):
            f.write(json.dumps({"id": f"{slug}-{i:04d}", "source": slug, **r}, ensure_ascii=False) + "\n")
    return len(records)


# ---------------- CFPB Consumer Complaint Database (cfpb-*.py) ----------------
# Label rule (written before reading records; the database's own Issue / Sub-issue fields decide):
#   CFPB_BILLING_ISSUES / CFPB_BILLING_PAIRS -> Billing, CFPB_LEGAL_ISSUES / CFPB_LEGAL_SUBISSUES -> Legal,
#   CFPB_TECH_SUBISSUES -> Technical; every other Issue is dropped (credit-report accuracy, debt
#   validation, mortgage servicing, etc. are not decided by the fields).
CFPB_BILLING_ISSUES = {
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
CFPB_BILLING_PAIRS = {
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
CFPB_LEGAL_ISSUES = {
    "Improper use of your report", "Took or threatened to take negative or legal action",
    "Taking/threatening an illegal action", "Threatened to contact someone or share information improperly",
    "Improper contact or sharing of info",
}
CFPB_LEGAL_SUBISSUES = {"Credit card company forcing arbitration", "Privacy issues"}
CFPB_TECH_SUBISSUES = {"Problem accessing account"}


def cfpb_label(issue, sub):
    """Category decided by the database's own Issue / Sub-issue fields, or None (row dropped)."""
    if issue in CFPB_BILLING_ISSUES or (issue, sub) in CFPB_BILLING_PAIRS:
        return "Billing"
    if issue in CFPB_LEGAL_ISSUES or sub in CFPB_LEGAL_SUBISSUES:
        return "Legal"
    if sub in CFPB_TECH_SUBISSUES:
        return "Technical"
    return None


def convert_cfpb(slug, mirror, commit, path, out, caps, total_cap):
    """One CFPB extract (CSV at commit:path in mirror) -> out. Only rows with a consumer narrative;
    exact duplicate narratives dropped; text capped at ~2500 chars; per-category caps, then total_cap,
    taken in sha1(slug|Complaint ID) order; written in Complaint ID order."""
    rows = list(csv.DictReader(io.StringIO(git(mirror, "show", f"{commit}:{path}"))))
    seen, cand = set(), []
    for r in rows:
        body = (r.get("Consumer complaint narrative") or "").strip()
        if len(body) < 20:
            continue
        issue, sub = r["Issue"].strip(), (r.get("Sub-issue") or "").strip()
        if sub == "None":
            sub = ""
        cat = cfpb_label(issue, sub)
        if cat is None:
            continue
        key = dedup_key(body)
        if key in seen:
            continue
        seen.add(key)
        cand.append((sha1_order(f"{slug}|{r['Complaint ID']}"), cat, r, cap_sentence_or_word(body)))
    cand.sort(key=lambda t: t[0])
    taken, counts = [], {}
    for order, cat, r, body in cand:
        if counts.get(cat, 0) >= caps[cat] or len(taken) >= total_cap:
            continue
        counts[cat] = counts.get(cat, 0) + 1
        taken.append((cat, r, body))
    taken.sort(key=lambda t: int(t[1]["Complaint ID"]))
    write_jsonl(out, slug, [
        {"subject": "", "body": body, "category": cat, "urgency": None,
         "meta": {"complaint_id": r["Complaint ID"], "product": r["Product"],
                  "sub_product": r.get("Sub-product", ""), "issue": r["Issue"],
                  "sub_issue": r.get("Sub-issue", ""), "company": r["Company"],
                  "date_received": r["Date received"]}}
        for cat, r, body in taken])
    print(out, len(taken), counts)


def cfpb_main(slug, mirror, commit, path, out, caps, total_cap):
    """Command line of a cfpb-*.py script: [mirror_dir] [out_path] override the defaults."""
    mirror = sys.argv[1] if len(sys.argv) > 1 else mirror
    out = sys.argv[2] if len(sys.argv) > 2 else out
    convert_cfpb(slug, mirror, commit, path, out, caps, total_cap)
