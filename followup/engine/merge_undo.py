"""Merging two contacts so that it can be undone (the window's Edit > Undo).

``merge_with_undo`` takes a snapshot of both contacts inside the merge's own
transaction: KEEP as it was, and every row that was OTHER's in any table with
a ``contact_id``. ``unmerge`` puts it all back in one transaction: OTHER's
contact row under its old id, the rows the merge moved to KEEP moved back
(touch points and follow-ups keep their ids, so what refers to them still
does), the rows that went with OTHER inserted again, KEEP's fields, emails,
phones, tags and records as they were, and "referred by" pointing where it did.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from followup.domain import Contact
from followup.engine.merge_contacts import MergeResult, merge_contacts
from followup.store import Store
from followup.store.contacts import OWNED_TABLES

# A contact's own records: KEEP's are written back whole, OTHER's inserted with new row ids.
_RECORDS = ("contact_emails", "contact_phones", "contact_tags", "contact_dates", "contact_addresses", "contact_links")


@dataclass(slots=True)
class MergeSnapshot:
    """Everything a merge changed, kept so that it can be undone."""

    keep: Contact
    other_id: int
    other_row: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # OTHER's rows, by table
    keys: dict[str, list[str]] = field(default_factory=dict)  # each table's primary key columns
    keep_keys: dict[str, set[tuple[Any, ...]]] = field(default_factory=dict)  # KEEP's own rows' keys before
    referred_by_other: list[int] = field(default_factory=list)
    referred_by_keep: list[int] = field(default_factory=list)
    dismissals: list[tuple[int, int, str]] = field(default_factory=list)


def contact_tables(conn: sqlite3.Connection) -> list[str]:
    """Every table with a contact_id column: OWNED_TABLES first, then the rest
    (mail, calendars, demo marks...), whatever later versions add."""
    names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    found = [n for n in names if any(col[1] == "contact_id" for col in conn.execute(f"PRAGMA table_info({n})"))]
    return [t for t in OWNED_TABLES if t in found] + [t for t in found if t not in OWNED_TABLES]


def _primary_key(conn: sqlite3.Connection, table: str) -> list[str]:
    cols = sorted((col[5], col[1]) for col in conn.execute(f"PRAGMA table_info({table})") if col[5] > 0)
    return [name for _, name in cols]


def _dicts(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur]


def snapshot(store: Store, keep_id: int, other_id: int) -> MergeSnapshot:
    conn = store.conn
    other_rows = _dicts(conn, "SELECT * FROM contacts WHERE id = ?", (other_id,))
    snap = MergeSnapshot(store.contacts.get(keep_id), other_id, other_rows[0] if other_rows else {})
    for table in contact_tables(conn):
        keys = _primary_key(conn, table)
        snap.keys[table] = keys
        snap.rows[table] = _dicts(conn, f"SELECT * FROM {table} WHERE contact_id = ?", (other_id,))
        if keys and keys != ["id"] and "contact_id" in keys:
            cols = ", ".join(keys)
            snap.keep_keys[table] = set(conn.execute(f"SELECT {cols} FROM {table} WHERE contact_id = ?", (keep_id,)))
    snap.referred_by_other = [r for (r,) in conn.execute("SELECT id FROM contacts WHERE referred_by = ?", (other_id,))]
    snap.referred_by_keep = [r for (r,) in conn.execute("SELECT id FROM contacts WHERE referred_by = ?", (keep_id,))]
    snap.dismissals = list(
        conn.execute(
            "SELECT contact_low, contact_high, dismissed_at FROM duplicate_dismissals "
            "WHERE contact_low = ? OR contact_high = ?",
            (other_id, other_id),
        )
    )
    return snap


def merge_with_undo(store: Store, keep_id: int, other_id: int) -> tuple[MergeResult, MergeSnapshot]:
    """Merge OTHER into KEEP (followup.engine.merge_contacts) and return what ``unmerge`` needs."""
    with store.transaction():
        snap = snapshot(store, keep_id, other_id)
        result = merge_contacts(store, keep_id, other_id)
    return result, snap


def _insert(conn: sqlite3.Connection, table: str, data: dict[str, Any]) -> None:
    columns = ", ".join(data)
    marks = ", ".join("?" for _ in data)
    conn.execute(f"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({marks})", tuple(data.values()))


def unmerge(store: Store, snap: MergeSnapshot) -> None:
    """Undo a merge: both contacts as they were, each with what was theirs."""
    keep_id, other_id = snap.keep.id, snap.other_id
    assert keep_id is not None
    with store.transaction() as conn:
        _insert(conn, "contacts", {**snap.other_row, "referred_by": None})
        store.contacts.update(snap.keep)  # KEEP's fields, emails, phones, tags and records as they were
        for table, rows in snap.rows.items():
            keys = snap.keys[table]
            for data in rows:
                if table in _RECORDS:
                    _insert(conn, table, {k: v for k, v in data.items() if k != "id"})
                elif keys == ["id"]:
                    moved = conn.execute(
                        f"UPDATE {table} SET contact_id = ? WHERE id = ? AND contact_id = ?",
                        (other_id, data["id"], keep_id),
                    ).rowcount
                    if not moved:
                        _insert(conn, table, data)
                elif "contact_id" in keys:
                    key = tuple(keep_id if k == "contact_id" else data[k] for k in keys)
                    where = " AND ".join(f"{k} = ?" for k in keys)
                    if key not in snap.keep_keys.get(table, set()):
                        conn.execute(f"UPDATE OR IGNORE {table} SET contact_id = ? WHERE {where}", (other_id, *key))
                    _insert(conn, table, data)
                else:
                    _insert(conn, table, data)
        conn.execute("UPDATE contacts SET referred_by = ? WHERE id = ?", (snap.other_row.get("referred_by"), other_id))
        for cid in snap.referred_by_other:
            conn.execute("UPDATE contacts SET referred_by = ? WHERE id = ?", (other_id, cid))
        for cid in snap.referred_by_keep:
            conn.execute("UPDATE contacts SET referred_by = ? WHERE id = ?", (keep_id, cid))
        for low, high, at in snap.dismissals:
            conn.execute("INSERT OR IGNORE INTO duplicate_dismissals VALUES (?, ?, ?)", (low, high, at))
        for cid in (keep_id, other_id):
            conn.execute(
                "UPDATE contacts SET last_touched_at = (SELECT max(at_utc) FROM touch_points WHERE contact_id = ?) "
                "WHERE id = ?",
                (cid, cid),
            )
