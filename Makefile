# NeuroPain: `make run` to serve the site with the seed content, `make test` to run every test.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := .make
ADDRESS ?= 127.0.0.1:8000
# Test processes (pytest-xdist); each has its own test database. 0 runs the suite in one process.
# --dist load hands each process its tests in collection order, in which pytest-django puts the
# tests that empty the database (transactional, live server) after the rest; --dist loadfile
# would not, and tests after a flush would find no site.
TEST_WORKERS ?= 2
# `make run` serves with DEBUG off (the designed error pages); `make run DEBUG=true` for Django's.
DEBUG ?= false

.DEFAULT_GOAL := help
.PHONY: help run test lint format bench search-quality setup setup-dev browser-deps serve migrate seed admin

help: ## List the make targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP)/requirements: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	@mkdir -p $(STAMP) && touch $@

$(STAMP)/requirements-dev: requirements-dev.txt requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	@mkdir -p $(STAMP) && touch $@ $(STAMP)/requirements

setup: $(STAMP)/requirements

setup-dev: $(STAMP)/requirements-dev

migrate: setup
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py import_seed_content
	$(PY) manage.py load_site_content

admin: migrate
	$(PY) manage.py ensure_accounts

# The Site record takes the served address (canonical links, sitemap.xml, JSON-LD), and so do
# the links in e-mails unless WAGTAILADMIN_BASE_URL is set.
run: seed admin ## Set up, import the seed articles and serve http://$(ADDRESS) (admin at /admin/)
	url="$$($(PY) manage.py set_site_address $(ADDRESS) --print-url)" && \
	echo "Serving $$url (admin at $$url/admin/)" && \
	WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-$$url}" DJANGO_DEBUG=$(DEBUG) \
		$(PY) manage.py runserver $(ADDRESS)

# Browser tests need Debian's Chromium and the axe-core npm package; the HTML validity test
# needs Java and the vnu-jar npm package (the Nu Html Checker); the link check needs Node.js
# and the linkinator npm package. npm installs the exact versions package.json pins.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else echo "Chromium missing: run 'sudo apt-get install -y chromium'"; fi; fi
	@if ! command -v java >/dev/null; then \
		if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; \
		else echo "Java missing: run 'sudo apt-get install -y default-jre-headless'"; fi; fi
	@if ! command -v npm >/dev/null; then \
		if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; \
		else echo "Node.js missing: run 'sudo apt-get install -y nodejs npm'"; fi; fi
	@if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] \
		|| [ ! -f node_modules/linkinator/build/src/cli.js ]; then npm install --silent; fi

test: setup-dev browser-deps ## Install what the tests need and run the whole suite
	$(PY) -m pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

lint: setup-dev ## ruff check + format check, Django checks, migrations complete
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run --noinput

format: setup-dev ## Apply ruff formatting and safe fixes
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

search-quality: seed ## Relevance set on the seed content: top-1 accuracy and mean reciprocal rank
	$(PY) manage.py search_quality --min-top1 0.9

# Runs with neuropain.settings.bench (production + the bench app); BENCH_ARGS="--articles 1000" etc.
bench: setup-dev ## Benchmarks (PostgreSQL at DATABASE_URL); prints figures
	$(PY) -m bench $(BENCH_ARGS)
