# The two commands: `make run` (a local site with demo content) and `make test` (ruff, then pytest).
# `make serve` runs the production set-up locally (docs/deploy.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
# The page checkers (axe-core, the Nu HTML Checker), pinned in e2e/node/package-lock.json.
PAGE_CHECKERS := e2e/node/node_modules/.package-lock.json
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install serve screenshots

install: $(STAMP) $(PAGE_CHECKERS)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

# Without npm the page checks skip (or fail, with E2E_REQUIRED=1) and say why.
$(PAGE_CHECKERS): e2e/node/package.json e2e/node/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: the page checks in e2e/test_page_checks.py will be skipped"; exit 0; }; \
	npm ci --prefix e2e/node --ignore-scripts --no-audit --no-fund --loglevel=error

# One secret key for every start, so that sessions, preview, unsubscribe and confirmation links
# outlive a restart; kept out of git (.gitignore).
.secret-key:
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# The demo: articles, readers' comments (every demo thread open), two supporters and the editor,
# who also moderates. Only runserver runs the system checks, so a warning shows once.
KEPT_SECRET_KEY = SECRET_KEY="$${SECRET_KEY:-$$(cat .secret-key)}"
RUN_ENV = DEBUG=1 $(KEPT_SECRET_KEY)

run: $(STAMP) .secret-key
	@$(RUN_ENV) $(BIN)/python manage.py migrate --noinput --skip-checks -v 0
	@$(RUN_ENV) $(BIN)/python manage.py seed_demo
	@$(RUN_ENV) $(BIN)/python manage.py seed_demo_comments
	@$(RUN_ENV) $(BIN)/python manage.py seed_demo_supporters
	@$(RUN_ENV) $(BIN)/python manage.py demo_editor
	@echo "The site is at http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	@$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .

test: lint $(PAGE_CHECKERS)
	DEBUG=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

# PNGs of every page type at 390 and 1280 px wide, light and dark, into docs/screenshots/: the
# page checks' tour, saved as it goes.
screenshots: $(STAMP) $(PAGE_CHECKERS)
	mkdir -p docs/screenshots
	PAGE_SCREENSHOTS_DIR=docs/screenshots DEBUG=1 $(BIN)/python -m pytest e2e/test_page_checks.py -q -k test_page_answers_with_its_status

# The production set-up on this machine: DEBUG=0, compressed static files through whitenoise,
# gunicorn with deploy/gunicorn.conf.py (WEB_CONCURRENCY workers, one per core by default, each
# with GUNICORN_THREADS=4 threads). Plain HTTP on $(HOST):$(PORT), so, and only so, the HTTPS
# redirect, HSTS and secure cookies are off. A secret key is generated once into .secret-key.
# Set DATABASE_URL and REDIS_URL to serve from PostgreSQL and Redis; without DATABASE_URL the
# local SQLite database gets the demo content.
SERVE_ENV = DEBUG=0 $(KEPT_SECRET_KEY) \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-$(HOST),localhost}" \
	SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 SECURE_COOKIES=0 GUNICORN_BIND=$(HOST):$(PORT)

serve: $(STAMP) .secret-key
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v 0
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(if $(DATABASE_URL),,$(SERVE_ENV) $(BIN)/python manage.py seed_demo)
	@echo "Production settings at http://$(HOST):$(PORT)/ (Ctrl-C stops)"
	$(SERVE_ENV) $(BIN)/gunicorn portal.wsgi -c deploy/gunicorn.conf.py
