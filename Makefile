# Followup: `make run` opens the app, `make test` runs the tests. Both set up
# what they need first (Debian packages for Qt where apt-get exists, and a
# virtual environment in .venv/).

PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python

.PHONY: run test setup system-deps lint typecheck bench clean

run: setup
	$(PY) main.py

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

setup: system-deps $(VENV)/.installed

system-deps:
	@bash tools/system-deps.sh

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

lint: setup
	$(VENV)/bin/ruff check followup ui tests bench main.py
	$(VENV)/bin/ruff format --check followup ui tests bench main.py

typecheck: setup
	$(VENV)/bin/mypy

bench: setup
	$(PY) bench/bench_foundation.py

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
