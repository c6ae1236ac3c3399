# LUP portfolio. `make run` and `make test` are all a newcomer needs; see README.md.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# Test database for `make test-pg`; `make test` uses DATABASE_URL when set, SQLite otherwise.
PG_URL ?= postgres://postgres@127.0.0.1:5432/lup

.PHONY: help install messages run serve demo test test-sqlite test-pg lint format check bench clean

help:
	@echo "make run        run the app with demo data on http://$(HOST):$(PORT)"
	@echo "make test       run the whole test suite (SQLite unless DATABASE_URL is set)"
	@echo "make test-pg    run the suite on PostgreSQL ($(PG_URL))"
	@echo "make lint       ruff lint and format check, makemigrations --check, import contracts, mypy"
	@echo "make demo       migrate and load reference and demo data, nothing else"
	@echo "make messages   compile translations (done by run and test)"
	@echo "make bench      run the annual-figures benchmark and write docs/benchmark.md"

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Compiled with Babel (a Python package), so no system gettext is needed.
messages: $(STAMP)
	@for dir in locale $(wildcard */locale lup/*/locale); do $(BIN)/pybabel -q compile -D django -d $$dir || exit 1; done

demo: messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo

run: demo
	$(BIN)/python manage.py ensure_demo_user
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: messages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-sqlite: messages
	DATABASE_URL= $(BIN)/python -m pytest $(PYTEST_ARGS)

test-pg: messages
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: messages
	$(BIN)/python bench/annual_figures.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .mypy_cache .import_linter_cache test-artifacts
	find . -name '*.mo' -not -path './$(VENV)/*' -delete
