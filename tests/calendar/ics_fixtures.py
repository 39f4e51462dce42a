"""Constants shared by the calendar tests (a module of its own: every test
folder has a conftest.py, so `from conftest import ...` is ambiguous)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
ME = "me@followup.example"
