# Two commands for a newcomer: `make run` and `make test`. Both build .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# The SAM CLI pins its own dependencies (click, boto3): it lives in a virtualenv of its own.
SAM := .venv-sam/bin/sam
# So does checkov (an older `packaging` than pytest's): tests/test_iac_checkov.py runs it.
CHECKOV := .venv-checkov/bin/checkov
CHECKOV_VERSION := 3.3.30

.PHONY: run serve demo test lint features azure-package bench openapi lock \
	deploy-aws destroy-aws deploy-azure destroy-azure

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Azurite, the Azure Storage emulator the tests start, from the npm registry (package-lock.json).
AZURITE := node_modules/.bin/azurite

$(AZURITE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(AZURITE)

# Debian's Chromium: the sign-in and consent pages are tested in it (tests/browser/), driven by
# Playwright for Python (no browser download: Playwright launches this one).
CHROMIUM := /usr/bin/chromium

$(CHROMIUM):
	apt-get install -y chromium || sudo apt-get install -y chromium

$(SAM):
	$(PYTHON) -m venv .venv-sam
	.venv-sam/bin/pip install --quiet aws-sam-cli

$(CHECKOV):
	$(PYTHON) -m venv .venv-checkov
	.venv-checkov/bin/pip install --quiet --upgrade pip
	.venv-checkov/bin/pip install --quiet checkov==$(CHECKOV_VERSION)

## Seed the demo data (prints a token, keys and curl calls), then serve on http://127.0.0.1:$(PORT).
## PORT=8001 serves elsewhere: tokens and links then name that address (PAWTRACK_BASE_URL).
PORT ?= 8000
LOCAL_URL := http://127.0.0.1:$(PORT)

run: $(STAMP)
	PAWTRACK_BASE_URL=$(LOCAL_URL) $(BIN)/pawtrack serve --demo

serve: $(STAMP)
	PAWTRACK_BASE_URL=$(LOCAL_URL) $(BIN)/pawtrack serve

## The whole suite: lint, types, unit, contract, HTTP and every feature on every binding
test: lint $(STAMP) $(SAM) $(CHECKOV) $(AZURITE) $(CHROMIUM)
	$(BIN)/pytest --figures tests/RELIABILITY.md

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

features: $(STAMP)
	$(BIN)/pytest features

## openapi.json, what the functions serve, from openapi.yaml, what people edit (a test holds them together)
openapi: $(STAMP)
	$(BIN)/python -c "import json, yaml; d = yaml.safe_load(open('entrypoints/http/openapi.yaml', encoding='utf-8')); open('entrypoints/http/openapi.json', 'w', encoding='utf-8').write(json.dumps(d, indent=1, ensure_ascii=False) + '\\n')"

## The deployment requirements, locked with hashes from pyproject.toml (uv, in .venv): the Lambda
## layer's (the dependencies and the `aws` extra, less what the runtime brings) for python3.11 on
## arm64 (Amazon Linux 2),
## the Function App's (with the `azure` extra) for python3.11 on x86-64. tests/test_locks.py fails
## until they agree with pyproject.toml.
# What the Lambda runtime brings: boto3 and what it alone needs, left out of the layer.
LAMBDA_RUNTIME := boto3 botocore s3transfer python-dateutil six urllib3
UV_COMPILE := $(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11 \
	--custom-compile-command "make lock"
lock: $(STAMP)
	$(UV_COMPILE) --extra aws $(foreach p,$(LAMBDA_RUNTIME),--no-emit-package $(p)) \
		--python-platform aarch64-manylinux2014 -o lambda/dependencies/requirements.txt
	$(UV_COMPILE) --extra azure --python-platform x86_64-manylinux2014 -o infra/azure/requirements.txt

## The Azure Functions package: build/azure, ready for `func azure functionapp publish`
azure-package: $(STAMP)
	rm -rf build/azure && mkdir -p build/azure
	cp -R domain application adapters entrypoints build/azure/
	cp entrypoints/azure_functions/host.json build/azure/
	printf 'from entrypoints.azure_functions.function_app import app  # noqa: F401\n' > build/azure/function_app.py
	cp infra/azure/requirements.txt build/azure/requirements.txt
	find build/azure -name __pycache__ -prune -exec rm -rf {} +
	$(BIN)/python -c "import shutil; shutil.make_archive('build/azure', 'zip', 'build/azure')"

## One stage on one cloud, in one command: STAGE=dev|test|prod (default dev). DRY_RUN=1 prints
## every command and parameter and runs none (no credentials needed). deploy/*.sh say what
## they read from the environment; README.md, "Deploying", says what you need.
STAGE ?= dev

deploy-aws: $(if $(DRY_RUN),,$(SAM))
	deploy/aws.sh deploy $(STAGE)

destroy-aws: $(if $(DRY_RUN),,$(SAM))
	deploy/aws.sh destroy $(STAGE)

deploy-azure: $(if $(DRY_RUN),,$(STAMP))
	deploy/azure.sh deploy $(STAGE)

destroy-azure:
	deploy/azure.sh destroy $(STAGE)

## Benchmarks (bench/): cold start, warm requests, ingest, request counts, package sizes against
## peers (Powertools, Chalice, FastAPI+Mangum, a bare handler); writes bench/RESULTS.md.
## Its own virtualenv, bench/.venv. BENCH_QUICK=1 runs fewer rounds.
BENCH_STAMP := bench/.venv/.installed-stamp

$(BENCH_STAMP): bench/requirements.txt pyproject.toml
	$(PYTHON) -m venv bench/.venv
	bench/.venv/bin/pip install --quiet --upgrade pip
	bench/.venv/bin/pip install --quiet -r bench/requirements.txt
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP) $(AZURITE)
	PYTHONPATH=$(CURDIR) bench/.venv/bin/python -m bench.run
