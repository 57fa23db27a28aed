# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test setup lint typecheck pytest bench demo clean chromium

## run: install what is needed, then serve the app (a demo store on first start)
run: $(BIN)/.runtime
	$(BIN)/coach app --port $(PORT)

## test: install what is needed, then lint, type-check and run every test (browser included)
test: setup lint typecheck pytest

## setup: the virtualenv with the dev tools, and Debian's chromium for the browser tests
setup: $(BIN)/.dev chromium

$(BIN)/.runtime: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(BIN)/.dev: $(BIN)/.runtime
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

chromium:
	@test -x $(CHROMIUM) || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }
	@test -x $(CHROMIUM) || { echo "Debian's chromium package is needed at $(CHROMIUM)"; exit 1; }

lint: $(BIN)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(BIN)/.dev
	$(BIN)/mypy

# pytest exits 5 when it collected no test: that fails the build like any failure.
pytest: $(BIN)/.dev chromium
	$(BIN)/pytest

## bench: the speed and memory benchmarks (figures printed, not asserted)
bench: $(BIN)/.dev chromium
	@for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

## demo: rebuild the demo seekers in the default store
demo: $(BIN)/.runtime
	$(BIN)/coach demo

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache screens tests/artifacts
