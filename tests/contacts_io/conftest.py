"""Fixture files (tests/contacts_io/files) are written by hand, shaped like real
exports from Google, Apple, Outlook and a CRM."""

from __future__ import annotations

from pathlib import Path

import pytest

FILES = Path(__file__).resolve().parent / "files"


@pytest.fixture
def files() -> Path:
    return FILES


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say it at the end, not only in a skip reason: the corpus tests did not run."""
    if not (FILES.parent / "corpus" / "files").is_dir():
        terminalreporter.write_line(
            "The contacts corpus is not downloaded: its tests were skipped. "
            "Run .venv/bin/python tools/fetch-contacts-corpus.py (CI runs it, and fails without it).",
            yellow=True,
            bold=True,
        )
