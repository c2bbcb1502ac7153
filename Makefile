# Two commands for a newcomer: `make run` and `make test`. Both build .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# The SAM CLI pins its own dependencies (click, boto3): it lives in a virtualenv of its own.
SAM := .venv-sam/bin/sam

.PHONY: run serve demo test lint features

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

$(SAM):
	$(PYTHON) -m venv .venv-sam
	.venv-sam/bin/pip install --quiet aws-sam-cli

## Seed the demo data (prints a token and curl calls), then serve on http://127.0.0.1:8000
run: $(STAMP)
	$(BIN)/pawtrack demo
	$(BIN)/pawtrack serve

serve: $(STAMP)
	$(BIN)/pawtrack serve

## The whole suite: lint, types, unit, contract, HTTP and every feature on every binding
test: lint $(STAMP) $(SAM) $(AZURITE)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

features: $(STAMP)
	$(BIN)/pytest features
