# LUP portfolio. `make run` and `make test` are all a newcomer needs; see README.md.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# Test database for `make test-pg`; `make test` uses DATABASE_URL when set, SQLite otherwise.
PG_URL ?= postgres://postgres@127.0.0.1:5432/lup

.PHONY: help install lock messages run serve demo test test-sqlite test-pg lint format check bench backup restore clean

help:
	@echo "make run        run the app with demo data on http://$(HOST):$(PORT)"
	@echo "make test       run the whole test suite (SQLite unless DATABASE_URL is set)"
	@echo "make test-pg    run the suite on PostgreSQL ($(PG_URL))"
	@echo "make lint       ruff lint and format check, makemigrations --check, import contracts, mypy"
	@echo "make lock       re-pin requirements/*.txt from pyproject.toml (pip-compile, with hashes)"
	@echo "make demo       migrate and load reference and demo data, nothing else"
	@echo "make messages   compile translations (done by run and test)"
	@echo "make bench      benchmark one scale on PostgreSQL (SCALE=1|10|100|1000), write docs/benchmark.md"
	@echo "make serve      collectstatic, migrate, gunicorn with production settings on http://$(HOST):$(PORT)"
	@echo "make backup     copy the database to backups/ (BACKUP=file to choose)"
	@echo "make restore    replace the database with BACKUP=file (stop the app first)"

# requirements/base.txt pins the runtime dependencies, requirements/dev.txt those plus the dev
# extra (at the same versions); both are written by `make lock`. The venv gets exactly dev.txt,
# every file checked against its hash, then the project itself without dependencies.
$(STAMP): pyproject.toml requirements/base.txt requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# Re-pin after editing the dependencies in pyproject.toml. Keeps every pin that still fits;
# `make lock LOCK_ARGS=--upgrade` (or `LOCK_ARGS="--upgrade-package Django"`) moves them.
# Resolved against PyPI alone, without this machine's pip configuration (local mirrors).
PIP_COMPILE := env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links $(LOCK_ARGS)
lock: $(STAMP)
	$(PIP_COMPILE) --output-file requirements/base.txt pyproject.toml
	$(PIP_COMPILE) --extra dev --constraint requirements/base.txt \
		--output-file requirements/dev.txt pyproject.toml

# Compiled with Babel (a Python package), so no system gettext is needed.
messages: $(STAMP)
	@for dir in locale $(wildcard */locale lup/*/locale); do $(BIN)/pybabel -q compile -D django -d $$dir || exit 1; done

demo: messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo

run: demo
	$(BIN)/python manage.py ensure_demo_user
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The app as production runs it: lup.settings.production, static files collected and served
# by whitenoise from gunicorn. Local defaults, each overridable from the environment: a secret
# key generated once into .serve-secret-key, hosts localhost and 127.0.0.1, no redirect to
# HTTPS (there is no TLS proxy in front locally), the database of DATABASE_URL (SQLite
# db.sqlite3 when unset; `make demo` fills it). docs/operations.md has the real deployment.
WORKERS ?= 2
SERVE_ENV = DJANGO_SETTINGS_MODULE=lup.settings.production \
	DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat .serve-secret-key)}" \
	DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-localhost,127.0.0.1}" \
	DJANGO_SECURE_SSL_REDIRECT="$${DJANGO_SECURE_SSL_REDIRECT:-false}"
.serve-secret-key:
	@umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
serve: messages .serve-secret-key
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SERVE_ENV) $(BIN)/gunicorn lup.wsgi:application --bind $(HOST):$(PORT) \
		--workers $(WORKERS) --access-logfile - --forwarded-allow-ips 127.0.0.1

# Backups of the database DATABASE_URL names (docs/operations.md): pg_dump's custom format on
# PostgreSQL, a copy by SQLite's backup API on SQLite. `make restore BACKUP=file` puts one back.
backup: $(STAMP)
	$(BIN)/python manage.py backup $(BACKUP)

restore: $(STAMP)
	@test -n "$(BACKUP)" || { echo "make restore BACKUP=backups/lup-....dump"; exit 2; }
	$(BIN)/python manage.py restore $(BACKUP)

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
	$(BIN)/lint-imports --no-logo
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The benchmark of one scale on PostgreSQL (bench/runner.py): `make bench SCALE=100`.
SCALE ?= 1
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/lup_bench
bench: messages
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/runner.py --scale $(SCALE) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .mypy_cache .import_linter_cache test-artifacts
	find . -name '*.mo' -not -path './$(VENV)/*' -delete
