"""Fixtures for the end-to-end tests; see desktop_helpers.py."""

from __future__ import annotations

from desktop_helpers import _new_dunst_history, launch, pytest_collection_modifyitems, seeded

__all__ = ["_new_dunst_history", "launch", "pytest_collection_modifyitems", "seeded"]
