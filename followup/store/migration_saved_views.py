"""The saved-views migration: contact filters saved by name, and the pairs of
contacts the user said are not duplicates (so they are not offered again).

Literal SQL, never live code: it is applied as written to databases of every
earlier version."""

from __future__ import annotations

import sqlite3


def _v_saved_views(conn: sqlite3.Connection) -> None:
    """Saved views (a name and its criteria as JSON) and dismissed duplicate pairs."""
    for statement in SAVED_VIEWS_SQL:
        conn.execute(statement)


SAVED_VIEWS_SQL = [
    """CREATE TABLE saved_views (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        criteria TEXT NOT NULL DEFAULT '{}',
        position INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE UNIQUE INDEX saved_views_name ON saved_views(name COLLATE NOCASE)",
    # one row per pair, the lower id first; a pair goes with either contact
    """CREATE TABLE duplicate_dismissals (
        contact_low INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        contact_high INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        dismissed_at TEXT NOT NULL,
        PRIMARY KEY (contact_low, contact_high),
        CHECK (contact_low < contact_high)
    ) WITHOUT ROWID""",
    "CREATE INDEX duplicate_dismissals_high ON duplicate_dismissals(contact_high)",
]
