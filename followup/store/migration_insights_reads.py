"""The migration that lets Insights read narrow index ranges (issue 16).

Replies: the time a reply promise waited was read by joining each promise
answered in the period to the message it answered (25,000 a month at
100,000 contacts: 90 ms of random probes into 2.2 million touch points).
``follow_ups.reply_wait_seconds`` keeps it on the promise: the seconds from
the message it answers (its origin touch point) to the promise's closing,
for a reply promise that is done and still knows its message; NULL
otherwise (open, skipped, cancelled, not a reply promise, message deleted).
Triggers keep it right whatever writes: a promise closed by a touch point,
by hand, by mail sync, in bulk, re-opened by undo, inserted again (a contact
put back); the message's time edited; the message deleted (its foreign key
sets the origin to NULL, an update the trigger sees). Filled on upgrade.

Each promise also keeps its contact's kind (``follow_ups.contact_kind``): the
figures by kind looked the kind up once per promise counted (45,000
follow-ups due in a month, 25,000 replies: ~60 ms of probes into contacts).
Triggers keep it: a promise added or moved to another contact (merging), a
contact's kind changed.

Relationship health: an index of contacts by when they were added (is
anyone added after ``now``?) and one of the contacts with a rhythm of their
own (ideal or limit): the figures count everyone else from the index of
each kind's silences (``contacts_cadence_clock``) and read these few one by
one. Literal SQL, never live code: frozen once shipped.
"""

from __future__ import annotations

import sqlite3

# The seconds a reply promise (the row being written, ``follow_ups``) waited
# for its answer, or NULL. The same arithmetic Insights did at read time.
WAIT = (
    "CASE WHEN follow_ups.source = 'reply' AND follow_ups.status = 'done' "
    "THEN CAST(strftime('%s', follow_ups.completed_at) AS INTEGER) - "
    "(SELECT CAST(strftime('%s', o.at_utc) AS INTEGER) FROM touch_points o "
    "WHERE o.id = follow_ups.origin_touch_point_id) END"
)

TRIGGERS = {
    "reply_wait_insert": f"""CREATE TRIGGER reply_wait_insert AFTER INSERT ON follow_ups
        WHEN new.source = 'reply' OR new.reply_wait_seconds IS NOT NULL BEGIN
        UPDATE follow_ups SET reply_wait_seconds = {WAIT} WHERE id = new.id;
    END""",
    "reply_wait_update": f"""CREATE TRIGGER reply_wait_update
        AFTER UPDATE OF status, completed_at, origin_touch_point_id, source ON follow_ups
        WHEN new.source = 'reply' OR old.source = 'reply' BEGIN
        UPDATE follow_ups SET reply_wait_seconds = {WAIT} WHERE id = new.id;
    END""",
    "reply_wait_message_moved": f"""CREATE TRIGGER reply_wait_message_moved
        AFTER UPDATE OF at_utc ON touch_points WHEN old.at_utc IS NOT new.at_utc BEGIN
        UPDATE follow_ups SET reply_wait_seconds = {WAIT}
        WHERE source = 'reply' AND origin_touch_point_id = new.id;
    END""",
}

# The contact's kind, for a promise (``new``) added or moved, and for a contact's promises when its kind changes.
KIND_TRIGGERS = {
    "follow_up_kind_insert": """CREATE TRIGGER follow_up_kind_insert AFTER INSERT ON follow_ups BEGIN
        UPDATE follow_ups SET contact_kind = (SELECT kind FROM contacts WHERE id = new.contact_id) WHERE id = new.id;
    END""",
    "follow_up_kind_moved": """CREATE TRIGGER follow_up_kind_moved AFTER UPDATE OF contact_id ON follow_ups BEGIN
        UPDATE follow_ups SET contact_kind = (SELECT kind FROM contacts WHERE id = new.contact_id) WHERE id = new.id;
    END""",
    "follow_up_kind_contact": """CREATE TRIGGER follow_up_kind_contact
        AFTER UPDATE OF kind ON contacts WHEN old.kind IS NOT new.kind BEGIN
        UPDATE follow_ups SET contact_kind = new.kind WHERE contact_id = new.id;
    END""",
}

FILL_KIND_SQL = "UPDATE follow_ups SET contact_kind = (SELECT kind FROM contacts c WHERE c.id = follow_ups.contact_id)"

FILL_SQL = f"UPDATE follow_ups SET reply_wait_seconds = {WAIT} WHERE source = 'reply' AND status = 'done'"

INDEXES_SQL = [
    # The reply times of the promises answered in a period, by kind, from the index alone.
    "CREATE INDEX follow_ups_reply_waits ON follow_ups(completed_at, reply_wait_seconds, contact_kind) "
    "WHERE reply_wait_seconds IS NOT NULL",
    # What became of the follow-ups due in a period, by kind, from the index alone (the kind added).
    "DROP INDEX follow_ups_due",
    "CREATE INDEX follow_ups_due ON follow_ups(due_utc, status, completed_at, source, phase, contact_id, contact_kind)",
    # Is anyone added after now (a --now in the past)?
    "CREATE INDEX contacts_created ON contacts(created_at)",
    # The contacts with a rhythm of their own (few): read one by one.
    "CREATE INDEX contacts_own_rhythm ON contacts(id) "
    "WHERE cadence_ideal_days IS NOT NULL OR cadence_limit_days IS NOT NULL",
    # Replaced by follow_ups_reply_waits.
    "DROP INDEX IF EXISTS follow_ups_reply_answered",
]


def _v_insights_reads(conn: sqlite3.Connection) -> None:
    """Each answered reply promise keeps how long it waited, each promise its
    contact's kind (filled, kept by triggers); the indexes Insights' replies,
    follow-ups and relationship health read."""
    conn.execute("ALTER TABLE follow_ups ADD COLUMN reply_wait_seconds INTEGER")
    conn.execute("ALTER TABLE follow_ups ADD COLUMN contact_kind TEXT")
    conn.execute(FILL_SQL)
    conn.execute(FILL_KIND_SQL)
    for statement in [*TRIGGERS.values(), *KIND_TRIGGERS.values()]:
        conn.execute(statement)
    for statement in INDEXES_SQL:
        conn.execute(statement)
