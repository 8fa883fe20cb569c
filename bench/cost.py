"""Cost per million tickets and fixed monthly cost per stack choice, at AWS list prices.

Reads the measured figures `bench/cluster.py` wrote (bench/results/scale.json: handler
durations, Redis commands per ticket) and the memory sizes from infra/template.yaml, then
prints Markdown tables. Prices are us-east-1 on-demand list prices (the PRICES table below,
with the page each comes from); free tiers are left out. Assumptions that are not measured
are named constants here and printed with the tables.

    .venv/bin/python bench/cost.py            # after bench/cluster.py (make bench)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "scale.json"
TEMPLATE = ROOT / "infra" / "template.yaml"
HOURS_PER_MONTH = 730

# us-east-1 list prices in USD (aws.amazon.com/<service>/pricing), first volume tier.
PRICES = {
    "rest_api_per_million": 3.50,  # API Gateway REST API requests
    "http_api_per_million": 1.00,  # API Gateway HTTP API requests (per 512 KB)
    "lambda_gb_s_x86": 0.0000166667,
    "lambda_gb_s_arm": 0.0000133334,
    "lambda_requests_per_million": 0.20,
    "sqs_per_million": 0.40,  # standard queue, per 64 KB request
    "logs_ingest_per_gb": 0.50,
    "xray_traces_per_million": 5.00,
    "valkey_t4g_micro_hour": 0.0128,  # ElastiCache for Valkey node-based, cache.t4g.micro
    "serverless_valkey_gb_hour": 0.084,  # ElastiCache Serverless for Valkey, data stored
    "serverless_valkey_min_gb": 0.1,  # Valkey serverless bills at least 100 MB
    "serverless_valkey_per_million_ecpu": 0.0023,
    "nat_gateway_hour": 0.045,
    "interface_endpoint_az_hour": 0.01,
    "secret_month": 0.40,
    "custom_metric_month": 0.30,
    "alarm_month": 0.10,
    "dashboard_month": 3.00,
}

# Not measured here: per ticket, what a client does and what the functions log.
REQUESTS_PER_TICKET = {"POST /tickets": 1, "GET /tickets/{id}/status": 1, "GET /tickets/next": 1}
LOG_BYTES_PER_INVOCATION = 1_300  # START/END/REPORT lines + one Powertools EMF metrics blob
LOG_BYTES_PER_TICKET = 1_200  # "ticket accepted" (ingest) + "ticket processed" (process)
XRAY_SAMPLED = 0.05  # X-Ray's default rule: 1 request/s per host, then 5 %
QUERY_MS_PER_REQUEST = None  # None: the ingest handler's measured duration stands in
BATCH_SIZE = 10
SQS_REQUESTS_PER_BATCH = 2  # the event source's ReceiveMessage and DeleteMessageBatch
ECPU_PER_COMMAND = 1.0  # Serverless: ~1 ECPU per simple command moving < 1 KB
ENDPOINTS, AZS = 4, 2  # SQS, Secrets Manager, SSM, Logs in both private subnets
METRICS, ALARMS, SECRETS = 17, 7, 2


def memory_mb() -> dict[str, int]:
    from samtranslator.yaml_helper import yaml_parse

    template = yaml_parse(TEMPLATE.read_text())
    default = int(template["Globals"]["Function"]["MemorySize"])
    sizes = {}
    for name in ("IngestFunction", "ProcessFunction", "QueryFunction"):
        props = template["Resources"][name]["Properties"]
        sizes[name] = int(props.get("MemorySize", default))
    return sizes


def per_million(figures: dict[str, Any], arm: bool, http_api: bool) -> dict[str, float]:
    trips = figures["round_trips"]
    ingest_ms = float(trips["ingest"]["handler_ms"])
    batch_ms = float(next(v for k, v in trips.items() if k.startswith("process"))["handler_ms"])
    query_ms = QUERY_MS_PER_REQUEST or ingest_ms
    memory = memory_mb()
    gb_s = PRICES["lambda_gb_s_arm" if arm else "lambda_gb_s_x86"]
    queries = sum(REQUESTS_PER_TICKET.values()) - 1
    million = 1_000_000
    api = PRICES["http_api_per_million" if http_api else "rest_api_per_million"]
    invocations = 1 + queries + 1 / BATCH_SIZE
    return {
        "API Gateway": sum(REQUESTS_PER_TICKET.values()) * api,
        "ingest function": million * ingest_ms / 1000 * memory["IngestFunction"] / 1024 * gb_s,
        "process function": million
        / BATCH_SIZE
        * batch_ms
        / 1000
        * memory["ProcessFunction"]
        / 1024
        * gb_s,
        "query function": million
        * queries
        * query_ms
        / 1000
        * memory["QueryFunction"]
        / 1024
        * gb_s,
        "Lambda requests": invocations * PRICES["lambda_requests_per_million"],
        "SQS": (1 + SQS_REQUESTS_PER_BATCH / BATCH_SIZE) * PRICES["sqs_per_million"],
        "CloudWatch Logs (incl. EMF metrics)": (
            (invocations * LOG_BYTES_PER_INVOCATION + LOG_BYTES_PER_TICKET)
            * million
            / 1e9
            * PRICES["logs_ingest_per_gb"]
        ),
        "X-Ray": (1 + queries + 1 / BATCH_SIZE) * XRAY_SAMPLED * PRICES["xray_traces_per_million"],
    }


def serverless_ecpu_per_million(figures: dict[str, Any]) -> float:
    commands = sum(float(v["commands"]) for v in figures["round_trips"].values())
    return commands * ECPU_PER_COMMAND * PRICES["serverless_valkey_per_million_ecpu"]


def fixed_monthly() -> dict[str, dict[str, float]]:
    network = {
        "NAT gateway": PRICES["nat_gateway_hour"] * HOURS_PER_MONTH,
        "VPC interface endpoints": ENDPOINTS
        * AZS
        * PRICES["interface_endpoint_az_hour"]
        * HOURS_PER_MONTH,
    }
    common = {
        "Secrets Manager": SECRETS * PRICES["secret_month"],
        "CloudWatch metrics, alarms, dashboard": (
            METRICS * PRICES["custom_metric_month"]
            + ALARMS * PRICES["alarm_month"]
            + PRICES["dashboard_month"]
        ),
    }
    node = PRICES["valkey_t4g_micro_hour"] * HOURS_PER_MONTH
    minimum = PRICES["serverless_valkey_min_gb"] * PRICES["serverless_valkey_gb_hour"]
    return {
        "replication group (2 x t4g.micro)": {"cache": 2 * node, **network, **common},
        "cluster mode (3 shards x 2 x t4g.micro)": {"cache": 6 * node, **network, **common},
        "Serverless for Valkey (100 MB minimum)": {
            "cache": minimum * HOURS_PER_MONTH,
            **network,
            **common,
        },
        "existing Redis (no VPC)": dict(common),
    }


def main() -> None:
    if not RESULTS.exists():
        sys.exit(f"no {RESULTS.relative_to(ROOT)}: run bench/cluster.py (make bench) first")
    figures = json.loads(RESULTS.read_text())
    trips = figures["round_trips"]
    print("### Cost per million tickets (USD, us-east-1 list prices)\n")
    print(
        f"Measured: ingest {trips['ingest']['handler_ms']:.1f} ms per request, process "
        f"{next(v for k, v in trips.items() if k.startswith('process'))['handler_ms']:.0f} ms per "
        f"batch of {BATCH_SIZE} (ONNX), in-process on this machine; memory {memory_mb()} MB. "
        f"Assumed: {sum(REQUESTS_PER_TICKET.values())} API requests per ticket "
        f"({', '.join(REQUESTS_PER_TICKET)}), query requests as long as an ingest, "
        f"{LOG_BYTES_PER_INVOCATION} log bytes per invocation + {LOG_BYTES_PER_TICKET} per ticket, "
        f"X-Ray default sampling ({XRAY_SAMPLED:.0%}).\n"
    )
    variants = {
        "REST, x86_64 (today)": per_million(figures, arm=False, http_api=False),
        "REST, arm64": per_million(figures, arm=True, http_api=False),
        "HTTP API, arm64": per_million(figures, arm=True, http_api=True),
    }
    names = list(next(iter(variants.values())))
    print("| component | " + " | ".join(variants) + " |")
    print("|---|" + "---:|" * len(variants))
    for name in names:
        print(f"| {name} | " + " | ".join(f"{v[name]:.2f}" for v in variants.values()) + " |")
    print(
        "| **total** | "
        + " | ".join(f"**{sum(v.values()):.2f}**" for v in variants.values())
        + " |"
    )
    ecpu = serverless_ecpu_per_million(figures)
    print(
        f"\nServerless adds ECPUs by use: about {ecpu:.2f} per million tickets "
        f"({sum(float(v['commands']) for v in trips.values()):.0f} commands per ticket at "
        f"{ECPU_PER_COMMAND:g} ECPU each). Node-based caches cost the same at any volume "
        "they carry.\n"
    )
    print("### Fixed monthly cost per stack choice (USD)\n")
    choices = fixed_monthly()
    parts = sorted({k for c in choices.values() for k in c}, key=lambda k: k != "cache")
    print("| part | " + " | ".join(choices) + " |")
    print("|---|" + "---:|" * len(choices))
    for part in parts:
        print(
            f"| {part} | "
            + " | ".join(f"{c[part]:.2f}" if part in c else "-" for c in choices.values())
            + " |"
        )
    print(
        "| **total** | " + " | ".join(f"**{sum(c.values()):.2f}**" for c in choices.values()) + " |"
    )


if __name__ == "__main__":
    main()
