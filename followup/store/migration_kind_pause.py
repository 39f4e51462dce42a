"""The migration that lets a change of kind of many contacts keep Insights'
figures set-based (issue 16: the kind of 60,000 demo contacts took 25-32 s).

Two triggers follow a contact's kind, one contact at a time: migration 11's
``touch_point_hours_contact_kind`` takes the contact's touch points off the
old kind's figures and puts them on the new one's, an upsert per (hour,
channel) each way (2.6 million single-row upserts for 60,000 demo contacts),
and migration 13's ``follow_up_kind_contact`` rewrites the kind its
follow-ups keep. Both are replaced by the same bodies under a WHEN that also
asks that ``trigger_pauses`` holds no ``contact_kind`` row. That table is
empty outside a transaction: a change of many kinds
(followup/store/kind_change.py) adds the row, changes the kinds, applies the
figures of all of them at once and removes the row, in one transaction.
Every other write of a kind (one contact, any process) runs the triggers as
before. The bodies are migration 11's and 13's released SQL, with the WHEN
extended: frozen once shipped.
"""

from __future__ import annotations

import sqlite3

from followup.store.migration_insights_reads import KIND_TRIGGERS
from followup.store.migration_touch_point_hours import TRIGGERS

PAUSED = "NOT EXISTS (SELECT 1 FROM trigger_pauses WHERE what = 'contact_kind')"
_WHEN = "WHEN old.kind IS NOT new.kind BEGIN"

TABLE_SQL = "CREATE TABLE trigger_pauses (what TEXT PRIMARY KEY) WITHOUT ROWID"


def _paused(sql: str) -> str:
    assert sql.count(_WHEN) == 1
    return sql.replace(_WHEN, f"WHEN old.kind IS NOT new.kind AND {PAUSED} BEGIN")


REPLACED = {
    "touch_point_hours_contact_kind": _paused(TRIGGERS["touch_point_hours_contact_kind"]),
    "follow_up_kind_contact": _paused(KIND_TRIGGERS["follow_up_kind_contact"]),
}


def _v_kind_pause(conn: sqlite3.Connection) -> None:
    """The kind triggers of migrations 11 and 13, paused while a change of many kinds applies them set-based."""
    conn.execute(TABLE_SQL)
    for name, sql in REPLACED.items():
        conn.execute(f"DROP TRIGGER {name}")
        conn.execute(sql)
