# claimdesk: `make demo` to try it, `make test` to check it. Both create .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := demo/claimdesk-demo.db

.PHONY: install test lint demo demo-db clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,model]"
	touch $(STAMP)

install: $(STAMP)

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest -q

demo-db: install
	mkdir -p $(dir $(DEMO_DB))
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/python fixtures/demo.py --db $(DEMO_DB)

demo: demo-db
	$(BIN)/claimdesk --db $(DEMO_DB) --reviewer demo

clean:
	rm -rf $(VENV) demo .pytest_cache .ruff_cache
