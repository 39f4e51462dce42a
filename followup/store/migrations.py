"""Numbered schema migrations, keyed on ``PRAGMA user_version``.

Migration N brings a database from version N-1 to N. Each runs in one
transaction with the version bump, so a crash leaves the old version intact.
Never edit a migration that has shipped: add the next one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def _v1_contacts_and_touch_points(conn: sqlite3.Connection) -> None:
    # One statement at a time: executescript() would commit the open transaction.
    for statement in V1_SQL:
        conn.execute(statement)


V1_SQL = [
    """CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        organisation TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT 'other',
        preferred_channel TEXT NOT NULL DEFAULT 'email',
        tz TEXT NOT NULL DEFAULT 'UTC',
        notes TEXT NOT NULL DEFAULT '',
        referred_by INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
        archived INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_touched_at TEXT
    )""",
    "CREATE INDEX contacts_last_touched ON contacts(last_touched_at)",
    """CREATE TABLE contact_emails (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL,
        address_lower TEXT NOT NULL
    )""",
    "CREATE INDEX contact_emails_contact ON contact_emails(contact_id, position)",
    "CREATE INDEX contact_emails_lower ON contact_emails(address_lower)",
    """CREATE TABLE contact_phones (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        number TEXT NOT NULL,
        normalised TEXT NOT NULL
    )""",
    "CREATE INDEX contact_phones_contact ON contact_phones(contact_id, position)",
    "CREATE INDEX contact_phones_normalised ON contact_phones(normalised)",
    """CREATE TABLE contact_tags (
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (contact_id, tag)
    ) WITHOUT ROWID""",
    """CREATE TABLE touch_points (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        at_utc TEXT NOT NULL,
        tz TEXT NOT NULL DEFAULT 'UTC',
        channel TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out', 'met')),
        summary TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        mood TEXT,
        needs_reply INTEGER NOT NULL DEFAULT 0,
        difficult INTEGER NOT NULL DEFAULT 0,
        satisfaction INTEGER CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX touch_points_contact_at ON touch_points(contact_id, at_utc)",
    "CREATE INDEX touch_points_at ON touch_points(at_utc)",
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
]


def _v2_full_text_search(conn: sqlite3.Connection) -> None:
    """FTS5 over touch-point summaries and notes, kept in step by triggers and
    filled from what the log already holds."""
    for statement in V2_SQL:
        conn.execute(statement)
    conn.execute("INSERT INTO touch_points_fts(touch_points_fts) VALUES ('rebuild')")


V2_SQL = [
    """CREATE VIRTUAL TABLE touch_points_fts USING fts5(
        summary, notes, content='touch_points', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER touch_points_fts_insert AFTER INSERT ON touch_points BEGIN
        INSERT INTO touch_points_fts(rowid, summary, notes) VALUES (new.id, new.summary, new.notes);
    END""",
    """CREATE TRIGGER touch_points_fts_delete AFTER DELETE ON touch_points BEGIN
        INSERT INTO touch_points_fts(touch_points_fts, rowid, summary, notes)
        VALUES ('delete', old.id, old.summary, old.notes);
    END""",
    """CREATE TRIGGER touch_points_fts_update AFTER UPDATE OF summary, notes ON touch_points BEGIN
        INSERT INTO touch_points_fts(touch_points_fts, rowid, summary, notes)
        VALUES ('delete', old.id, old.summary, old.notes);
        INSERT INTO touch_points_fts(rowid, summary, notes) VALUES (new.id, new.summary, new.notes);
    END""",
]

MIGRATIONS: list[Migration] = [
    _v1_contacts_and_touch_points,
    _v2_full_text_search,
]
LATEST = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> list[int]:
    """Apply migrations up to ``target``; returns the versions applied."""
    applied = []
    current = user_version(conn)
    while current < target:
        step = MIGRATIONS[current]
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the lock: another process may have migrated meanwhile.
            current = user_version(conn)
            if current >= target:
                conn.execute("COMMIT")
                break
            step = MIGRATIONS[current]
            step(conn)
            conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        current += 1
        applied.append(current)
    return applied
