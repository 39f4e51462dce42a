"""The indexes a delete needs (issue 15, work in bulk).

Deleting a contact makes SQLite look, for each foreign key that points at
it, for the rows that refer to it: without an index on the referring column
that is a scan of the whole table, per contact deleted. Deleting 10,000
contacts (a selection in the list) scanned ``contacts`` for ``referred_by``
10,000 times: 11 to 24 s on the bench, growing with the square of the count.
Each index is partial where most rows hold NULL, so it costs little.
"""

from __future__ import annotations

import sqlite3


def _v_delete_indexes(conn: sqlite3.Connection) -> None:
    for statement in DELETE_INDEXES_SQL:
        conn.execute(statement)


DELETE_INDEXES_SQL = [
    "CREATE INDEX contacts_referred_by ON contacts(referred_by) WHERE referred_by IS NOT NULL",
    "CREATE INDEX follow_ups_resolved_by ON follow_ups(resolved_by_touch_point_id) "
    "WHERE resolved_by_touch_point_id IS NOT NULL",
    "CREATE INDEX cal_met_contact ON cal_met(contact_id)",
    "CREATE INDEX cal_met_touch_point ON cal_met(touch_point_id) WHERE touch_point_id IS NOT NULL",
    "CREATE INDEX engagement_responses_contact ON engagement_responses(contact_id)",
]
