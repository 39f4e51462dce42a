"""Making a database damaged the way a crash with a lost WAL leaves it: a row
missing from an index (what the issue saw: `row 33 missing from index`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def drop_rows_from_index(path: Path, index: str = "contacts_last_touched") -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA writable_schema = ON")
        row = conn.execute(
            "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master WHERE name = ?", (index,)
        ).fetchone()
        conn.execute("DELETE FROM sqlite_master WHERE name = ?", (index,))
    finally:
        conn.close()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(
            "INSERT INTO contacts(name, created_at, updated_at, last_touched_at) VALUES "
            "('Unindexed', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"
        )
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("INSERT INTO sqlite_master(type, name, tbl_name, rootpage, sql) VALUES (?, ?, ?, ?, ?)", row)
    finally:
        conn.close()
    check = sqlite3.connect(path)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    finally:
        check.close()
