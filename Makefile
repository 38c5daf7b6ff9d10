# nghiquyet — two commands set everything up on a fresh machine:
#   make run    builds the environment, migrates SQLite, loads the demo data, serves on 127.0.0.1:8000
#   make test   the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
UV_VERSION := 0.13.8
# axe-core, the accessibility checker the browser tests inject into each main page (from the
# npm registry, into var/npm, which git ignores; nothing is fetched at run time).
AXE_VERSION := 4.14.1
AXE := var/npm/node_modules/axe-core/axe.min.js
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Debian packages the project needs: a browser for UI tests, fonts with Vietnamese glyphs,
# Pango for PDF reports (WeasyPrint), fontconfig's fc-match (the font files the PDF's drawn
# appendix uses, documents/pdf_tables.py), gettext for the English catalogue,
# postgresql-client (pg_dump, pg_restore, psql) for `nghiquyet backup` and `restore`.
DEBIAN_PACKAGES := chromium fonts-liberation2 fontconfig gettext libpango-1.0-0 libpangoft2-1.0-0 \
	libharfbuzz-subset0 postgresql-client

export UV_PYTHON_DOWNLOADS := never
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test lint format bench env system-deps migrate demo messages clean ci remind api-schema axe

env: $(VENV)/.ready

$(VENV)/.ready: pyproject.toml uv.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv sync --frozen --inexact --python $(BIN)/python
	touch $@

# Installs the Debian packages only where they are missing (needs root or sudo).
system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

migrate: env
	mkdir -p var
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input

demo: migrate system-deps
	DJANGO_DEBUG=1 $(BIN)/nghiquyet demo

# The web server and the background worker (reports, big imports); Ctrl-C stops both.
run: demo
	@echo "Mở http://$(HOST):$(PORT)/ — tài khoản minh họa: danh sách ở trên, cũng có trên trang đăng nhập"
	@trap 'kill 0' INT TERM EXIT; \
	DJANGO_DEBUG=1 $(BIN)/python manage.py db_worker --no-reload --interval 1 > var/worker.log 2>&1 & \
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: env system-deps axe
	$(BIN)/python -m pytest $(PYTEST_ARGS)

axe: $(AXE)

$(AXE):
	npm install --prefix var/npm --no-save --no-package-lock --no-audit --no-fund axe-core@$(AXE_VERSION)
	test -f $@

lint: env
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: env
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: env system-deps
	$(BIN)/python benchmarks/engine.py
	$(BIN)/python benchmarks/documents.py
	$(BIN)/python benchmarks/hierarchy.py
	$(BIN)/python benchmarks/api.py
	$(BIN)/python benchmarks/dashboards.py

# Reminders of reports and tasks due or late (schedule it, e.g. hourly with cron).
remind: env
	DJANGO_DEBUG=1 $(BIN)/nghiquyet remind

# Regenerates the English catalogue from the Vietnamese source strings and compiles it.
messages: env system-deps
	cd src/nghiquyet && ../../$(BIN)/django-admin makemessages -l en --no-obsolete --settings=nghiquyet.settings_test --pythonpath=..
	cd src/nghiquyet && ../../$(BIN)/django-admin compilemessages -l en --settings=nghiquyet.settings_test --pythonpath=..

# Regenerates docs/openapi.json from the code (a test fails when they disagree).
api-schema: env
	NGHIQUYET_CLI=1 $(BIN)/python manage.py api_schema

ci:
	.ci/run

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache .hypothesis
