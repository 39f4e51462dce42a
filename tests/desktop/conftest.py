"""Fixtures for the end-to-end tests; see desktop_helpers.py."""

from __future__ import annotations

from desktop_helpers import launch, pytest_collection_modifyitems, seeded

__all__ = ["launch", "pytest_collection_modifyitems", "seeded"]
