#!/usr/bin/env python3
"""cfpb-sample-2019: CFPB Consumer Complaint Database extract (ZiyuYan9/consumer_complaints,
complaints_sample.csv, complaints received mostly 2019) -> data/real/train/cfpb-sample-2019.jsonl

Label rule (the database's own Issue / Sub-issue fields decide) and handling: common.convert_cfpb.
Usage: python3 cfpb-sample-2019.py [mirror_dir] [out_path]
"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import cfpb_main  # noqa: E402

SLUG = "cfpb-sample-2019"
MIRROR = "/work/.mirror/ZiyuYan9+consumer_complaints/repo"
COMMIT = "ecece4d9228ad0198cd175e59e355a768ebd385b"
PATH = "complaints_sample.csv"
OUT = f"/work/main/data/real/train/{SLUG}.jsonl"
CAPS = {"Billing": 500, "Legal": 90, "Technical": 40}
TOTAL_CAP = 500


if __name__ == "__main__":
    cfpb_main(SLUG, MIRROR, COMMIT, PATH, OUT, CAPS, TOTAL_CAP)
