# Waymark developer commands. `make help` lists them.
#
# Every target installs what it needs first and skips what is already up to date:
# stamp files inside .venv/, node_modules/ and static_build/ record what was done.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION := 0.13.8
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
MANAGE := $(PY) manage.py
PYTEST_ARGS ?=
# `make test` runs on every core and ends with a coverage summary. The browser tests
# share one worker (xdist_group "browser"), so one Chromium and one live server run.
PYTEST_PARALLEL ?= -n auto --dist loadgroup
PYTEST_COVERAGE ?= --cov --cov-report=term:skip-covered

PY_STAMP := $(VENV)/.synced
NODE_STAMP := node_modules/.installed
ASSETS_STAMP := static_build/.built

.PHONY: help install demo demo-reset test lint typecheck bench clean distclean

help:
	@echo "make demo       install, set up the SQLite demo database and run the site on http://127.0.0.1:8000"
	@echo "make demo-reset delete the demo database and start the demo again"
	@echo "make test       install and run the tests (PostgreSQL when DATABASE_URL is set, SQLite otherwise)"
	@echo "make lint       ruff check, ruff format --check, the app graph (import-linter), local imports and bandit"
	@echo "make typecheck  mypy"
	@echo "make bench      run the benchmarks, when there are any"
	@echo "make install    Python packages (.venv), npm packages and the front-end build"
	@echo "make clean      remove built files and caches (keeps .venv and node_modules)"
	@echo "make distclean  clean, and remove .venv and node_modules too"

# --- install --------------------------------------------------------------

$(PY):
	$(PYTHON) -m venv $(VENV)

$(UV): | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(PY_STAMP): requirements/dev.lock | $(UV)
	$(UV) pip sync --python $(PY) requirements/dev.lock
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

$(ASSETS_STAMP): $(NODE_STAMP) scripts/build_assets.py | $(PY)
	$(PY) scripts/build_assets.py
	@touch $@

install: $(PY_STAMP) $(ASSETS_STAMP)

# --- run ------------------------------------------------------------------

# The demo runs with DEBUG on, so WhiteNoise serves static files straight from the
# app folders and static_build/: no collectstatic needed.
demo: export DJANGO_SETTINGS_MODULE = config.settings.local
demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	@echo "Waymark is at http://127.0.0.1:8000/ (Ctrl+C to stop)."
	$(MANAGE) runserver 127.0.0.1:8000

demo-reset:
	rm -f db.sqlite3 db.sqlite3-journal
	$(MAKE) demo

# --- checks ---------------------------------------------------------------

# Test settings serve static files without a manifest, so no collectstatic here.
test: install
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest $(PYTEST_PARALLEL) $(PYTEST_COVERAGE) $(PYTEST_ARGS)

lint: $(PY_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) scripts/check_local_imports.py
	$(VENV)/bin/bandit -c pyproject.toml -r waymark config --severity-level medium --quiet

typecheck: $(PY_STAMP)
	$(VENV)/bin/mypy .

bench: install
	@if [ -d bench ]; then \
		$(PY) -m pytest bench -p no:randomly; \
	elif [ -d waymark/bench ]; then \
		$(PY) -m pytest waymark/bench -p no:randomly; \
	else \
		echo "no benchmarks yet"; \
	fi

# --- tidy -----------------------------------------------------------------

clean:
	rm -rf static_build staticfiles test-results .benchmarks .pytest_cache .mypy_cache .ruff_cache
	find . -path ./$(VENV) -prune -o -path ./node_modules -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) node_modules
