"""Shared fixtures. Qt must be told to draw offscreen before anything imports
it: with no DISPLAY and no platform set, Qt aborts the whole test run."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FOLLOWUP_DATA_DIR", "/nonexistent-followup-test-data")  # tests pass their own folder
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cli_runner import CliRunner
from ical_checker import IcalCheck, ical_checker

from followup.clock import FixedClock
from followup.store import Store

pytest_plugins = ("hang_guard",)  # a hung test ends the run within minutes, named last


@pytest.fixture(autouse=True, scope="session")
def _cycles_freed_on_the_main_thread() -> Iterator[None]:
    """As the app does (ui/ops/collector.py): no automatic collection, which
    would run in whatever thread allocates (a job on the worker freeing a
    test's dialog off the GUI thread crashed the suite once); the main thread
    collects what is due after each test instead."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test() -> Iterator[None]:
    yield
    from ui.ops.collector import collect_due

    left_on = gc.isenabled()
    gc.disable()  # (whatever the test did: the next one starts as the suite means it)
    collect_due()
    if left_on:
        # From here on any thread that allocates (a job on the worker, the
        # demo's row maker) would free what earlier tests left, windows
        # included, off the GUI thread: a segfault a few tests later, far
        # from its cause (seen twice in CI). So it fails the test that did it.
        pytest.fail("the test left Python's automatic garbage collection on (the suite keeps it off)")


# A Monday morning in late November 2026, in UTC.
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "followup.db"


@pytest.fixture
def store(db_path: Path, clock: FixedClock) -> Iterator[Store]:
    s = Store.open(db_path, clock)
    s.settings.set("user_tz", "Europe/Lisbon")
    yield s
    s.close()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The data folder the `cli` fixture runs on: not made yet. An area whose
    commands need people or a zone overrides it (cli_runner.make_data_dir)."""
    return tmp_path / "data"


@pytest.fixture
def cli(
    data_dir: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> CliRunner:
    """The command line in-process on `data_dir` with the test's clock (cli_runner.py)."""
    return CliRunner(data_dir, clock, capsys, monkeypatch)


@pytest.fixture
def open_store(data_dir: Path, clock: FixedClock) -> Iterator[Callable[[], Store]]:
    """Open `data_dir`'s database (as another process would); every store
    opened is closed at the end of the test, if the test did not."""
    opened: list[Store] = []

    def open_() -> Store:
        s = Store.open(data_dir / "followup.db", clock)
        opened.append(s)
        return s

    yield open_
    for s in opened:
        s.close()


@pytest.fixture(scope="session")
def ical_check() -> IcalCheck:
    """ical.js, an independent parser, reading the files Followup wrote (ical_checker.py)."""
    return ical_checker()
