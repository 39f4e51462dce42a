"""Shared fixtures. Qt must be told to draw offscreen before anything imports
it: with no DISPLAY and no platform set, Qt aborts the whole test run."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FOLLOWUP_DATA_DIR", "/nonexistent-followup-test-data")  # tests pass their own folder
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from followup.clock import FixedClock
from followup.store import Store

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
