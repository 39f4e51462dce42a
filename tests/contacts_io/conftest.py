"""Fixture files (tests/contacts_io/files) are written by hand, shaped like real
exports from Google, Apple, Outlook and a CRM."""

from __future__ import annotations

from pathlib import Path

import pytest

FILES = Path(__file__).resolve().parent / "files"


@pytest.fixture
def files() -> Path:
    return FILES
