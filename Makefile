# The one entry point: `make run` and `make test` do everything on a fresh machine.
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
VENDOR := static/vendor
PYTEST_WORKERS ?= 2

.PHONY: install install-production system-deps run test test-fast browser-deps migrations-check lint messages compilemessages seed clean

install: system-deps $(VENV)/.installed node_modules/.installed $(VENDOR)/.copied compilemessages

system-deps:
	@scripts/system-deps

browser-deps:
	@scripts/system-deps --browser

# Development and tests: requirements-dev.lock is requirements.lock plus the test tools.
$(VENV)/.installed: requirements-dev.lock
	@test -n "$(PYTHON)" || (echo "No Python >= 3.12 found; set PYTHON=" && exit 1)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	touch $@

# A server: only what the portal runs with (requirements.lock), no test tools.
install-production: system-deps node_modules/.installed $(VENDOR)/.copied
	@test -n "$(PYTHON)" || (echo "No Python >= 3.12 found; set PYTHON=" && exit 1)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Designsystemet and htmx are copied from node_modules into the served static files.
$(VENDOR)/.copied: node_modules/.installed
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css $(VENDOR)/designsystemet.css
	cp node_modules/@digdir/designsystemet-theme/brand/digdir.css $(VENDOR)/theme.css
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx.min.js
	touch $@

compilemessages: $(VENV)/.installed
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

messages: $(VENV)/.installed
	$(MANAGE) makemessages -l nn -l en --no-obsolete $(foreach d,.venv node_modules static tests var media staticfiles bench .git,--ignore=$(d))

run: install
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) seed_demo
	$(MANAGE) runserver 127.0.0.1:8000

# Lint first (a few seconds; mypy keeps its cache in .mypy_cache), then the suite.
test: install browser-deps lint
	$(MANAGE) makemigrations --check --dry-run -v 0
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test-fast: install
	$(PY) -m pytest -n $(PYTEST_WORKERS) -m "not browser" $(PYTEST_ARGS)

migrations-check: $(VENV)/.installed
	$(MANAGE) makemigrations --check --dry-run

# ruff, mypy (the packages and settings in pyproject.toml's [tool.mypy]) and the import
# contracts ([tool.importlinter]: referrals → catalogue → portal, and the rooms of
# referrals from records down to cases; never back: docs/architecture.md).
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-logo

clean:
	rm -rf $(VENV) node_modules $(VENDOR)
