# The two commands that matter: `make run` and `make test`. Everything they need is set up here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

# Development defaults; a real environment variable wins.
export DEBUG ?= 1

.DEFAULT_GOAL := help
.PHONY: help install run test test-browser lint format bench serve messages clean

help:
	@echo "make run    - set up, migrate, load the demo and serve http://$(HOST):$(PORT) (with the worker and a demo mailbox)"
	@echo "make test   - set up and run the whole test suite"
	@echo "make test-browser - only the real-browser and accessibility tests"
	@echo "make lint   - ruff lint and format check, mypy type check"
	@echo "make bench  - build a large dataset and measure the key pages"
	@echo "make serve  - run the production configuration (gunicorn) locally"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.x")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

install: $(STAMP)

# The worker (manage.py run_worker: e-mail delivery from the outbox, periodic jobs) runs in the
# background beside the web server and is stopped with it (it also stops by itself when the
# shell that started it is gone). In production it is a service of its own: docs/operations.md.
STOP_WORKER = trap 'kill $$worker $$imap 2>/dev/null' EXIT INT TERM

# The demo's mailbox, where Outlook's answers arrive: pymap, a pure-Python IMAP server kept in
# memory (empty at each start but for its four sample mails, which the reader leaves alone), on
# 127.0.0.1:IMAP_PORT, started beside the worker and stopped with it. An IMAP_URL set in the
# environment wins: then no demo mailbox is started. `manage.py demo_outlook_reply <address>`
# drops an answer in it (docs/demo.md); the worker reads it every IMAP_READ_SECONDS (10 here).
IMAP_PORT ?= 1143
DEMO_IMAP_URL = imap://natverken:demo@127.0.0.1:$(IMAP_PORT)/INBOX
START_IMAP = if [ -z "$$IMAP_URL" ]; then \
	$(BIN)/pymap --host 127.0.0.1 --port $(IMAP_PORT) dict --demo-data \
	--demo-user natverken --demo-password demo & imap=$$!; fi

# Links in e-mails point at the address served here (HOST and PORT) unless SITE_URL is set.
RUN_ENV = SITE_URL="$${SITE_URL:-http://$(HOST):$(PORT)}" \
	IMAP_URL="$${IMAP_URL:-$(DEMO_IMAP_URL)}" IMAP_READ_SECONDS="$${IMAP_READ_SECONDS:-10}"
run: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py seed_demo
	$(START_IMAP); \
	$(RUN_ENV) $(BIN)/python manage.py run_worker & worker=$$!; $(STOP_WORKER); \
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The suite runs in parallel (pytest-xdist), one worker per CPU, each with its own test
# database. PYTEST_WORKERS=0 runs it in one process (for --pdb, say); PYTEST_ARGS adds options.
# `--dist loadgroup`: tests marked with one xdist_group run on one worker (the single sign-on
# tests, whose set-up is costly); the rest are shared out as they come.
PYTEST_WORKERS ?= auto
PYTEST_DIST = --dist loadgroup
test: install
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_DIST) $(PYTEST_ARGS)

# Only the real-browser tests (Chromium, axe-core); `make test` runs them too.
test-browser: install
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_DIST) -m browser $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the translation catalogues (needs GNU gettext; the compiled .mo files are committed).
messages: install
	$(BIN)/python manage.py makemessages --locale en --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'tests/*'
	$(BIN)/python manage.py compilemessages --locale en --locale sv --ignore '.venv/*'

# The benchmark runs in its own database: bench.sqlite3, or BENCH_DATABASE_URL (PostgreSQL).
bench: install
	$(BIN)/python -m tests.bench.run $(BENCH_ARGS)

# The production configuration on this machine: DEBUG off, gunicorn, hashed static files.
# Explicit local values stand in for the required variables (a real environment variable wins);
# http only, so no https redirect. DATABASE_URL picks the database (default db.sqlite3).
SERVE_ENV = DEBUG=0 PORT=$(PORT) \
	SECRET_KEY="$${SECRET_KEY:-local-serve-key-not-secret-0123456789abcdefghijklmnopqrstuvwxyz}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	SITE_URL="$${SITE_URL:-http://localhost:$(PORT)}" \
	EMAIL_URL="$${EMAIL_URL:-console://}" \
	DEFAULT_FROM_EMAIL="$${DEFAULT_FROM_EMAIL:-Hållbarhetsnätverken <noreply@localhost>}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-0}"
serve: install
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SERVE_ENV) $(BIN)/python manage.py run_worker & worker=$$!; $(STOP_WORKER); \
	$(SERVE_ENV) BIND="$${BIND:-$(HOST):$(PORT)}" $(BIN)/gunicorn -c config/gunicorn.conf.py config.wsgi

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 bench.sqlite3 .pytest_cache .mypy_cache
