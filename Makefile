# Backprop: `make demo` runs the platform, `make test` passes the suite.
SHELL := /bin/bash
PY := .venv/bin/python
export PATH := $(HOME)/.local/bin:$(PATH)

.PHONY: help install migrate content accounts sandbox-image sandbox-image-gpu gpu-selfcheck demo test test-scaleout test-fast api-fuzz lint format check-exercises bench clean

help:
	@echo "make demo            install, migrate, load content, build the sandbox image, run web + worker"
	@echo "make test            the whole suite (Docker and browser tests skip only where nothing answers)"
	@echo "make sandbox-image   build the light and the deep-learning CPU sandbox images (each skipped when its recipe is unchanged)"
	@echo "make docker-engine   start a Docker engine, installing it with apt as root (asks on a terminal)"
	@echo "make sandbox-image-gpu  build the CUDA sandbox image on a GPU host (~2.9 GB of wheels; not in CI)"
	@echo "make api-fuzz        schemathesis against the API schema, as a learner and a mentor (~2 min)"
	@echo "make lint            import contracts, ruff check, ruff format --check, mypy"
	@echo "make format          ruff format + ruff check --fix"

# --compile-bytecode: uv writes no .pyc by default, and where PYTHONDONTWRITEBYTECODE=1 is set
# (these machines, CI) every process would compile every library it imports (6 s to load the app).
install: .venv/.installed
.venv/.installed: pyproject.toml uv.lock
	@command -v uv >/dev/null || python3 -m pip install --quiet --user uv
	uv sync --frozen --compile-bytecode
	@touch $@

migrate: install
	$(PY) manage.py migrate --noinput

content: migrate
	$(PY) manage.py import_content

accounts: migrate
	$(PY) manage.py demo_accounts

sandbox-image: install
	bash scripts/sandbox-image.sh build

sandbox-image-gpu: install
	bash scripts/sandbox-image.sh build-gpu

gpu-selfcheck: install
	bash scripts/gpu-selfcheck.sh

docker-engine:
	bash scripts/ensure-docker.sh

demo: install
	bash scripts/demo.sh

test: install
	bash scripts/test.sh

test-scaleout: install
	$(PY) -m pytest -q -ra -p no:cacheprovider --timeout=600 -m scaleout tests/integration

test-fast: install
	$(PY) -m pytest -q -m "not docker and not browser and not integration and not attacks"

# Not part of `make test`: tests/api/fuzz_api.py is outside the test_*.py pattern on purpose.
api-fuzz: install
	$(PY) -m pytest -q -p no:cacheprovider --timeout=600 tests/api/fuzz_api.py

check-exercises: migrate
	$(PY) manage.py check_exercises

lint: install
	.venv/bin/lint-imports
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy

format: install
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

clean:
	rm -rf var/broker var/db.sqlite3 staticfiles
