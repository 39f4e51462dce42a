"""Shared by the contacts import/export tests."""

from __future__ import annotations

from typing import Any

from followup.store import Store


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the contact tables, to show that something changed nothing."""
    tables = ("contacts", "contact_emails", "contact_phones", "contact_tags")
    return {t: list(store.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2")) for t in tables}
