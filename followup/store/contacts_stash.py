"""Many contacts' rows kept for Undo in a stash (followup/store/undo_stash.py)
and put back from it: what a bulk delete and its Undo do inside their
transactions, on a connection the stash is attached to
(followup/engine/bulk_contacts.py runs them).

When the rows are most of the touch points (a selection of every contact),
the delete and the put-back rebuild the search index, Insights' hourly
figures and the indexes once (followup/store/bulk.py) instead of a
trigger's and an index's work a row."""

from __future__ import annotations

import sqlite3

from followup.store import undo_stash
from followup.store.bulk import putting_back_many_touch_points
from followup.store.contact_undo import ALSO_KEPT, OWNED_TABLES, RENUMBERED

# From this many touch points, when they are at least half of all, a delete
# builds the search index, the hourly figures and the indexes again from what
# is left (deleting_most_touch_points), and an undo adds its own to them once
# (putting_back_many_touch_points); fewer go in and out row by row.
MOST_FROM = 10_000
# The stash's table of the contacts left whom a deleted contact had referred.
REFERRED = "referred"


def stash(conn: sqlite3.Connection, ids: str, params: tuple[object, ...]) -> dict[str, int]:
    """Copy the contacts ``ids`` selects (a query of contact ids, with
    ``params``) and every row that is theirs into the attached stash; and
    the contacts left whom one of them referred (the delete sets that to
    NULL; Undo puts it back). How many rows of each table."""
    counts = {"contacts": undo_stash.copy_out(conn, "contacts", f"id IN ({ids})", params)}
    for table in OWNED_TABLES:
        counts[table] = undo_stash.copy_out(conn, table, f"contact_id IN ({ids})", params)
    for table, (kept, _back) in ALSO_KEPT.items():
        counts[table] = undo_stash.copy_out(conn, table, kept.format(ids=ids), params * kept.count("{ids}"))
    conn.execute(
        f"CREATE TABLE {undo_stash.SCHEMA}.{REFERRED} AS SELECT id, referred_by FROM main.contacts "
        f"WHERE referred_by IN ({ids}) AND id NOT IN ({ids})",
        params + params,
    )
    return counts


def stashed_contacts(conn: sqlite3.Connection) -> list[int]:
    return [i for (i,) in conn.execute(f"SELECT id FROM {undo_stash.SCHEMA}.contacts ORDER BY id")]


def most_of_all(conn: sqlite3.Connection, deleting: int) -> bool:
    """Are ``deleting`` touch points at least half of them, and ``MOST_FROM`` or more? (Counted no further.)"""
    if deleting < MOST_FROM:
        return False
    (total,) = conn.execute("SELECT count(*) FROM (SELECT 1 FROM touch_points LIMIT ?)", (2 * deleting + 1,)).fetchone()
    return bool(total <= 2 * deleting)


def put_back(conn: sqlite3.Connection) -> None:
    """Every row in the attached stash back in ``main`` as it was, with its id, a statement a table."""
    for table in ("contacts", *OWNED_TABLES):
        if not undo_stash.has(conn, table):
            continue
        source = f"{undo_stash.SCHEMA}.{table}"
        if table == "touch_points" and _as_many_as_there_are(conn, source):
            with putting_back_many_touch_points(conn, source):
                _put_back(conn, table)
        else:
            _put_back(conn, table)
    for table, (_kept, back) in ALSO_KEPT.items():
        if undo_stash.has(conn, table):
            _put_back(conn, table, back)
    # (a contact given another referrer since keeps that one: the user's later choice)
    conn.execute(
        f"UPDATE main.contacts SET referred_by = r.referred_by FROM {undo_stash.SCHEMA}.{REFERRED} AS r "
        "WHERE contacts.id = r.id AND contacts.referred_by IS NULL"
    )


def _as_many_as_there_are(conn: sqlite3.Connection, source: str) -> bool:
    """Does ``source`` put back at least as many touch points as there are, and ``MOST_FROM`` or more?"""
    (back,) = conn.execute(f"SELECT count(*) FROM {source}").fetchone()
    if back < MOST_FROM:
        return False
    (there,) = conn.execute("SELECT count(*) FROM (SELECT 1 FROM main.touch_points LIMIT ?)", (back + 1,)).fetchone()
    return bool(there <= back)


def _put_back(conn: sqlite3.Connection, table: str, where: str = "") -> None:
    """One statement: the stash's rows of ``table`` (``where`` says so, of
    ``s``) back in ``main``, in the order they were read (ids). A contact's
    referrer that is gone since (and not put back with them) is forgotten,
    as one contact's undo does; a row whose id a row added since holds comes
    back under a new one, after the others (RENUMBERED), and a mail's
    references follow it."""
    names = undo_stash.columns(conn, table)
    stash = undo_stash.SCHEMA
    source = f'{stash}."{table}"'
    taken = f'CASE WHEN s.id IN (SELECT id FROM main."{table}") THEN NULL ELSE s.id END'
    special = {
        "referred_by": f"CASE WHEN s.referred_by IN (SELECT id FROM {source}) "
        "OR s.referred_by IN (SELECT id FROM main.contacts) THEN s.referred_by END"
        if table == "contacts"
        else None,
        "id": taken if table in RENUMBERED else None,
        "message_row": f"(SELECT m.id FROM main.mail_messages m JOIN {stash}.mail_messages o ON "
        "m.message_id = o.message_id AND m.contact_id = o.contact_id WHERE o.id = s.message_row)"
        if table == "mail_references"
        else None,
    }
    picked = [special.get(name) or f's."{name}"' for name in names]
    listed = ", ".join(f'"{c}"' for c in names)
    order = f"({taken}) IS NULL, s.rowid" if table in RENUMBERED else "s.rowid"
    conn.execute(
        f'INSERT INTO main."{table}" ({listed}) SELECT {", ".join(picked)} FROM {source} AS s '
        f"{f'WHERE {where} ' if where else ''}ORDER BY {order}"
    )
