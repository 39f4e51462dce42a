"""The index a touch point's delete needs on ``follow_ups.origin_touch_point_id``
(issue 16, fast at 100,000 contacts).

``follow_ups.origin_touch_point_id`` refers to a touch point (ON DELETE SET
NULL), and its only index, ``follow_ups_reply_origin``, is partial on
``source = 'reply'``: SQLite cannot use it for the foreign-key lookup, so
every touch point deleted scanned all of ``follow_ups``. Deleting 300 demo
contacts (6,703 touch points) took 123 s at 10,000 contacts; a delete of all
10,000 ran for more than 6 minutes. Partial on NOT NULL, as the other delete
indexes (migration_delete_indexes.py): an ``=`` lookup can use it.
"""

from __future__ import annotations

import sqlite3


def _v_origin_index(conn: sqlite3.Connection) -> None:
    conn.execute(ORIGIN_INDEX_SQL)


ORIGIN_INDEX_SQL = (
    "CREATE INDEX follow_ups_origin ON follow_ups(origin_touch_point_id) WHERE origin_touch_point_id IS NOT NULL"
)
