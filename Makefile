# The two commands: `make run` (a local site with demo content) and `make test` (ruff, then pytest).
# `make serve` runs the production set-up locally (docs/deploy.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install serve

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

run: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo
	DEBUG=1 $(BIN)/python manage.py demo_editor
	@echo "The site is at http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .

test: lint
	DEBUG=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

# The production set-up on this machine: DEBUG=0, compressed static files through whitenoise,
# gunicorn with deploy/gunicorn.conf.py (WEB_CONCURRENCY workers, one per core by default, each
# with GUNICORN_THREADS=4 threads). Plain HTTP on $(HOST):$(PORT), so, and only so, the HTTPS
# redirect, HSTS and secure cookies are off. A secret key is generated once into .secret-key.
# Set DATABASE_URL and REDIS_URL to serve from PostgreSQL and Redis; without DATABASE_URL the
# local SQLite database gets the demo content.
SERVE_ENV = DEBUG=0 SECRET_KEY="$${SECRET_KEY:-$$(cat .secret-key)}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-$(HOST),localhost}" \
	SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 SECURE_COOKIES=0 GUNICORN_BIND=$(HOST):$(PORT)

serve: $(STAMP)
	test -s .secret-key || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > .secret-key
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v 0
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(if $(DATABASE_URL),,$(SERVE_ENV) $(BIN)/python manage.py seed_demo)
	@echo "Production settings at http://$(HOST):$(PORT)/ (Ctrl-C stops)"
	$(SERVE_ENV) $(BIN)/gunicorn portal.wsgi -c deploy/gunicorn.conf.py
