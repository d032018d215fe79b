# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev migrate ingest-seeds serve lint bench-extract bench-api bench-grouping bench-ingest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/python -m app migrate

ingest-seeds: migrate
	$(BIN)/python -m app ingest seeds/

serve: install
	$(BIN)/python -m app serve --host $(HOST) --port $(PORT)

run: ingest-seeds
	@echo "Serving on http://$(HOST):$(PORT) (API docs at http://$(HOST):$(PORT)/docs)"
	$(BIN)/python -m app serve --host $(HOST) --port $(PORT)

lint: install-dev
	$(BIN)/ruff check app tests migrations

test: install-dev lint
	$(BIN)/python -m pytest

bench-extract: install
	$(if $(CORPUS),,$(error set CORPUS to a folder of articles, e.g. make bench-extract CORPUS=path/to/polnear/train))
	$(BIN)/python -m app bench extract $(CORPUS)

bench-ingest: install
	$(if $(CORPUS),,$(error set CORPUS to a folder of articles, e.g. make bench-ingest CORPUS=path/to/polnear/train/text))
	$(BIN)/python -m app bench ingest $(CORPUS)

bench-api: install
	$(BIN)/python -m app bench api

bench-grouping: install
	$(BIN)/python -m app bench grouping

clean:
	rm -rf $(VENV) data .pytest_cache
