# Lantern: `make run` to try it, `make test` to check it. Both set everything up first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test setup bench soak lint format lock clean browser-deps

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

lantern/locale/es/LC_MESSAGES/django.mo: lantern/locale/es/LC_MESSAGES/django.po
	@command -v msgfmt >/dev/null || (command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  (apt-get update -qq && apt-get install -y -qq gettext >/dev/null)) || \
	  { echo "Install GNU gettext (msgfmt), e.g. 'sudo apt-get install gettext', then run make again."; exit 1; }
	cd lantern && ../$(PY) ../manage.py compilemessages -v0

var/.risk_model: $(VENV)/.installed $(wildcard lantern/safety/data/*.jsonl) \
  lantern/safety/risk.py lantern/safety/model.py lantern/safety/encoders.py
	$(PY) manage.py train_risk_model
	touch $@

setup: $(VENV)/.installed lantern/locale/es/LC_MESSAGES/django.mo var/.risk_model
	$(PY) manage.py migrate --verbosity 0
	$(PY) manage.py load_courses --verbosity 0

run: export LANTERN_SITE_URL ?= http://$(HOST):$(PORT)
# The demo community meets in Chicago. (No comment after a value in make: it keeps the spaces.)
run: export LANTERN_DEFAULT_TIME_ZONE ?= America/Chicago
run: setup
	$(PY) manage.py demo
	@echo "Lantern is at http://$(HOST):$(PORT)/  (Ctrl-C stops the site and the worker)"
	$(PY) manage.py worker & \
	  worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(VENV)/bin/uvicorn lantern.asgi:application --host $(HOST) --port $(PORT) --no-access-log

browser-deps:
	@command -v chromium >/dev/null || (command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)) || \
	  { echo "Browser tests need Debian's Chromium: run 'sudo apt-get install chromium', then make test again."; exit 1; }

test: setup node_modules/.installed browser-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run --verbosity 0
	$(VENV)/bin/pytest $(PYTEST_ARGS)

bench: setup
	$(PY) bench/run.py

# Many members at once against the real servers, on loopback, at most 10 minutes.
soak: setup
	$(PY) bench/soak.py

lint:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Re-pin every dependency (a deliberate commit).
lock:
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
	  --quiet -o requirements.lock

clean:
	rm -rf $(VENV) node_modules var/static
