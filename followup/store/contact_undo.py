"""Deleting a contact so that Undo can put it back: every row that is theirs
is kept (with its id) before the delete, and written back as it was.

Both run inside the caller's transaction (ContactsRepo.delete/restore)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from followup.errors import NotFoundError

# Tables whose rows belong to one contact, removed with it and put back by undo.
# Later schema versions add theirs here.
OWNED_TABLES = (
    "contact_emails",
    "contact_phones",
    "contact_tags",
    "contact_dates",
    "contact_addresses",
    "contact_links",
    "touch_points",
    "follow_ups",
    "engagement_contacts",
)
# A contact's rows beyond its own records (OWNED_TABLES), which the delete's
# cascade removes too, kept and put back after them (by a bulk delete too,
# followup/store/contacts_stash.py): the meetings the calendar logged (without
# them its next sync logs each again), the mails logged and their references
# (threads, replies), the follow-ups published to a calendar, the answers to
# invitations, the demo's mark, the pairs dismissed as not duplicates. Each:
# the rows kept (``{ids}``: the deleted contacts), and those put back, of
# ``s`` (a row whose other side is gone since is not).
ALSO_KEPT = {
    "cal_met": ("contact_id IN ({ids})", ""),
    "mail_messages": ("contact_id IN ({ids})", ""),
    "mail_references": ("message_row IN (SELECT id FROM main.mail_messages WHERE contact_id IN ({ids}))", ""),
    "cal_published": (
        "follow_up_id IN (SELECT id FROM main.follow_ups WHERE contact_id IN ({ids}))",
        "s.account_id IN (SELECT id FROM main.cal_accounts)",
    ),
    "engagement_responses": ("contact_id IN ({ids})", "s.engagement_id IN (SELECT id FROM main.engagements)"),
    "demo_contacts": ("contact_id IN ({ids})", ""),
    "duplicate_dismissals": (
        "contact_low IN ({ids}) OR contact_high IN ({ids})",
        "s.contact_low IN (SELECT id FROM main.contacts) AND s.contact_high IN (SELECT id FROM main.contacts)",
    ),
}

# Tables whose ids SQLite gives again once freed (no AUTOINCREMENT): a row
# added meanwhile may hold a deleted row's id, which then comes back under a
# new one (an undo failed on it, and every later try). Nothing refers to
# these ids but mail_references to a mail's, matched again by its message
# and contact.
RENUMBERED = (
    "contact_emails",
    "contact_phones",
    "contact_dates",
    "contact_addresses",
    "contact_links",
    "mail_messages",
)


@dataclass(slots=True)
class DeletedContact:
    """Everything a delete removed, so that Undo can put it back as it was."""

    contact_id: int
    name: str
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    referred: list[int] = field(default_factory=list)


def delete(conn: sqlite3.Connection, contact_id: int) -> DeletedContact:
    """Delete a contact and everything that is theirs; returns what Undo needs."""
    conn.row_factory = sqlite3.Row
    try:
        row = conn.execute("SELECT * FROM contacts WHERE id = ?", (contact_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no contact with id {contact_id}.")
        deleted = DeletedContact(contact_id, row["name"], {"contacts": [dict(row)]})
        for table in OWNED_TABLES:
            deleted.rows[table] = [
                dict(r) for r in conn.execute(f"SELECT * FROM {table} WHERE contact_id = ?", (contact_id,))
            ]
        for table, (kept, _back) in ALSO_KEPT.items():
            where = kept.format(ids="?")
            rows = conn.execute(f"SELECT * FROM {table} WHERE {where}", (contact_id,) * where.count("?"))
            deleted.rows[table] = [dict(r) for r in rows]
    finally:
        conn.row_factory = None
    deleted.referred = [r for (r,) in conn.execute("SELECT id FROM contacts WHERE referred_by = ?", (contact_id,))]
    conn.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))
    return deleted


def restore(conn: sqlite3.Connection, deleted: DeletedContact) -> None:
    """Undo a delete: every row comes back with its original id."""
    for table in ("contacts", *OWNED_TABLES):
        if table == "touch_points":
            _insert_at_once(conn, table, deleted.rows.get(table, []))
            continue
        for data in deleted.rows.get(table, []):
            if table == "contacts" and data.get("referred_by") is not None:
                exists = conn.execute("SELECT 1 FROM contacts WHERE id = ?", (data["referred_by"],)).fetchone()
                if not exists:
                    data = {**data, "referred_by": None}
            data = _id_if_free(conn, table, data)
            columns = ", ".join(data)
            marks = ", ".join("?" for _ in data)
            conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(data.values()))
    mails: dict[int, int] = {}  # a mail's id when deleted: its id now
    for table, (_kept, back) in ALSO_KEPT.items():
        for data in deleted.rows.get(table, []):
            if table == "mail_references":
                data = {**data, "message_row": mails.get(data["message_row"], data["message_row"])}
            was, data = data.get("id", 0), _id_if_free(conn, table, data)
            picked = ", ".join(f'? AS "{c}"' for c in data)
            columns = ", ".join(f'"{c}"' for c in data)
            cursor = conn.execute(
                f"INSERT INTO {table} ({columns}) SELECT * FROM (SELECT {picked}) AS s{f' WHERE {back}' if back else ''}",
                tuple(data.values()),
            )
            if table == "mail_messages":
                mails[int(was)] = int(cursor.lastrowid or 0)
    for other in deleted.referred:  # (one given another referrer since keeps it: the user's later choice)
        conn.execute(
            "UPDATE contacts SET referred_by = ? WHERE id = ? AND referred_by IS NULL", (deleted.contact_id, other)
        )


def _insert_at_once(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """``rows`` back into ``table`` in one statement, in id order, through an
    untyped temporary table (each value exactly as read). FTS5 writes its
    pending words out as a new segment whenever a row comes with a smaller
    rowid than the last (and at a statement's end): a contact's touch points,
    kept newest first, were a segment each, and 16 at one level made FTS5
    merge them into its big ones at once. Ctrl+Z after deleting a contact
    with 28 touch points froze the window 5.7 s at 20,000 demo contacts
    (tests/core/test_contact_undo_index.py)."""
    if not rows:
        return
    names = list(rows[0])
    listed = ", ".join(f'"{c}"' for c in names)
    conn.execute(f"CREATE TEMP TABLE undo_rows ({listed})")
    try:
        marks = ", ".join("?" * len(names))
        conn.executemany(f"INSERT INTO temp.undo_rows VALUES ({marks})", [tuple(r[c] for c in names) for r in rows])
        order = '"id"' if "id" in names else "rowid"  # FTS5 writes its pending words out at a smaller rowid
        conn.execute(f'INSERT INTO main."{table}" ({listed}) SELECT {listed} FROM temp.undo_rows ORDER BY {order}')
    finally:
        conn.execute("DROP TABLE temp.undo_rows")


def _id_if_free(conn: sqlite3.Connection, table: str, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as it was, or without its id where a row added since holds it (RENUMBERED)."""
    if table in RENUMBERED and conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (data["id"],)).fetchone():
        return {k: v for k, v in data.items() if k != "id"}
    return data
