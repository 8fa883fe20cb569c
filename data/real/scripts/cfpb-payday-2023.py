#!/usr/bin/env python3
"""cfpb-payday-2023: CFPB Consumer Complaint Database extract (SeunnnA/Predatory_Lending,
"complaints(small sample)-2025-04-25_15_02.csv", payday/title/personal loans, 2023) -> data/real/train/cfpb-payday-2023.jsonl

Label rule (the database's own Issue / Sub-issue fields decide) and handling: common.convert_cfpb.
Usage: python3 cfpb-payday-2023.py [mirror_dir] [out_path]
"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import cfpb_main  # noqa: E402

SLUG = "cfpb-payday-2023"
MIRROR = "/work/.mirror/SeunnnA+Predatory_Lending/repo"
COMMIT = "834228377a631aae3888a5db58b011ea9f21c20c"
PATH = "data/processed/complaints(small sample)-2025-04-25_15_02.csv"
OUT = f"/work/main/data/real/train/{SLUG}.jsonl"
CAPS = {"Billing": 420, "Legal": 60, "Technical": 20}
TOTAL_CAP = 500


if __name__ == "__main__":
    cfpb_main(SLUG, MIRROR, COMMIT, PATH, OUT, CAPS, TOTAL_CAP)
