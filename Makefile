# The README's commands. `make run` starts everything on embedded defaults; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: setup run test lint assets bench check-deploy

setup: $(VENV)/.installed node_modules/.installed static/build/.built

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/.built: node_modules/.installed scripts/build-assets.mjs $(wildcard static/src/*)
	npm run --silent build
	touch $@

assets: static/build/.built

run: setup
	mkdir -p var/broker/out var/broker/processed var/broker/control var/emails var/private
	DEBUG=true $(BIN)/python manage.py migrate --no-input
	DEBUG=true $(BIN)/python manage.py load_demo
	DEBUG=true MFA_TOTP_INSECURE_BYPASS_CODE=000000 $(BIN)/honcho start -f Procfile.dev

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

check-deploy: setup
	SECRET_KEY=$$(openssl rand -hex 32) SITE_URL=https://peerlearning.example.org \
		ALLOWED_HOSTS=peerlearning.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

bench: setup
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/email_pipeline.py
	$(BIN)/python bench/sign_in.py
	if [ -f bench/optimiser.py ]; then $(BIN)/python bench/optimiser.py; fi
	$(BIN)/python bench/peer_matching.py
