"""Numbered schema migrations, keyed on ``PRAGMA user_version``.

Migration N brings a database from version N-1 to N. Each runs in one
transaction with the version bump, so a crash leaves the old version intact.
Never edit a migration that has shipped: add the next one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from followup.store.frozen_v3_playbooks import V3_DEFAULT_PLAYBOOKS_SQL
from followup.store.index_upkeep import _v_merge_when_idle
from followup.store.migration_delete_indexes import _v_delete_indexes
from followup.store.migration_insights_reads import _v_insights_reads
from followup.store.migration_kind_pause import _v_kind_pause
from followup.store.migration_mail_templates import _v_mail_templates
from followup.store.migration_name_index import _v_name_index
from followup.store.migration_origin_index import _v_origin_index
from followup.store.migration_saved_views import _v_saved_views
from followup.store.migration_touch_point_hours import _v_touch_point_hours
from followup.store.migrations_v4_v8 import (
    _v5_scale_indexes,
    _v6_mail,
    _v_demo_marks,
    _v_live_calendars,
    _v_people_records,
)

Migration = Callable[[sqlite3.Connection], None]

# Written into the SQLite header by migration 1: tells Followup's databases
# from other programs' (the bytes "FoUp").
APPLICATION_ID = 0x466F5570


def _v1_contacts_and_touch_points(conn: sqlite3.Connection) -> None:
    # One statement at a time: executescript() would commit the open transaction.
    for statement in V1_SQL:
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


V1_SQL = [
    # AUTOINCREMENT: an id is never reused, so Undo can put a deleted row back
    # under its old id even after new rows were added.
    """CREATE TABLE contacts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
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
        id INTEGER PRIMARY KEY AUTOINCREMENT,
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
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
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


def _v3_engagements_and_follow_ups(conn: sqlite3.Connection) -> None:
    """Engagements with their contacts, playbooks and their steps, follow-ups,
    per-contact cadences; the default playbooks are written in (frozen SQL)."""
    for statement in V3_SQL + list(V3_DEFAULT_PLAYBOOKS_SQL):
        conn.execute(statement)


V3_SQL = [
    "ALTER TABLE touch_points ADD COLUMN referral TEXT CHECK (referral IS NULL OR referral IN ('asked', 'received'))",
    "ALTER TABLE contacts ADD COLUMN cadence_ideal_days INTEGER CHECK (cadence_ideal_days IS NULL OR cadence_ideal_days > 0)",
    "ALTER TABLE contacts ADD COLUMN cadence_limit_days INTEGER CHECK (cadence_limit_days IS NULL OR cadence_limit_days > 0)",
    """CREATE TABLE playbooks (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        builtin INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE UNIQUE INDEX playbooks_name ON playbooks(name COLLATE NOCASE)",
    """CREATE TABLE playbook_steps (
        id INTEGER PRIMARY KEY,
        playbook_id INTEGER NOT NULL REFERENCES playbooks(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        phase TEXT NOT NULL CHECK (phase IN ('before', 'during', 'after')),
        anchor TEXT NOT NULL CHECK (anchor IN ('start', 'end')),
        days INTEGER NOT NULL DEFAULT 0,
        working_days INTEGER NOT NULL DEFAULT 0,
        at_time TEXT,
        minutes INTEGER NOT NULL DEFAULT 0,
        title TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        channel TEXT NOT NULL DEFAULT 'preferred',
        per_contact INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX playbook_steps_playbook ON playbook_steps(playbook_id, position)",
    """CREATE TABLE engagements (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        title TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'meeting',
        start_utc TEXT,
        end_utc TEXT,
        all_day INTEGER NOT NULL DEFAULT 0,
        start_date TEXT,
        end_date TEXT,
        tz TEXT NOT NULL DEFAULT 'UTC',
        location TEXT NOT NULL DEFAULT '',
        channel TEXT NOT NULL DEFAULT 'video',
        notes TEXT NOT NULL DEFAULT '',
        playbook_id INTEGER REFERENCES playbooks(id) ON DELETE SET NULL,
        status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
        uid TEXT NOT NULL,
        -- an occurrence of a recurring calendar event: its RECURRENCE-ID; '' otherwise
        recurrence_id TEXT NOT NULL DEFAULT '',
        sequence INTEGER NOT NULL DEFAULT 0,
        source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'ics')),
        organizer TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((all_day = 1 AND start_date IS NOT NULL) OR (all_day = 0 AND start_utc IS NOT NULL)),
        UNIQUE (uid, recurrence_id)
    )""",
    "CREATE INDEX engagements_start ON engagements(start_utc)",
    """CREATE TABLE engagement_contacts (
        engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (engagement_id, contact_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX engagement_contacts_contact ON engagement_contacts(contact_id)",
    """CREATE TABLE follow_ups (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        engagement_id INTEGER REFERENCES engagements(id) ON DELETE SET NULL,
        step_key TEXT,
        phase TEXT CHECK (phase IS NULL OR phase IN ('before', 'during', 'after')),
        source TEXT NOT NULL CHECK (source IN ('plan', 'cadence', 'reply', 'manual')),
        title TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        channel TEXT,
        tz TEXT NOT NULL DEFAULT 'UTC',
        all_day INTEGER NOT NULL DEFAULT 0,
        due_date TEXT,
        due_utc TEXT NOT NULL,
        snoozed_until_utc TEXT,
        wake_utc TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'skipped', 'cancelled')),
        completed_at TEXT,
        origin_touch_point_id INTEGER REFERENCES touch_points(id) ON DELETE SET NULL,
        resolved_by_touch_point_id INTEGER REFERENCES touch_points(id) ON DELETE SET NULL,
        -- the wake time a reminder was last delivered for: each follow-up
        -- notifies once per due (or snooze) time, across restarts
        notified_wake_utc TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    # The due query: open items by the time they wake (due, or snoozed until).
    "CREATE INDEX follow_ups_open_wake ON follow_ups(wake_utc) WHERE status = 'open'",
    "CREATE INDEX follow_ups_contact ON follow_ups(contact_id, status)",
    "CREATE INDEX follow_ups_engagement ON follow_ups(engagement_id)",
    # Idempotent plans: one follow-up per engagement and step key.
    "CREATE UNIQUE INDEX follow_ups_plan_step ON follow_ups(engagement_id, step_key) WHERE engagement_id IS NOT NULL",
    # At most one open stay-in-touch follow-up per contact.
    "CREATE UNIQUE INDEX follow_ups_open_cadence ON follow_ups(contact_id) WHERE source = 'cadence' AND status = 'open'",
    # Reminders: open items whose current wake time has not been notified yet.
    "CREATE INDEX follow_ups_to_notify ON follow_ups(wake_utc) "
    "WHERE status = 'open' AND notified_wake_utc IS NOT wake_utc",
    # Insights: a period's touch points read from the index alone (221 ms -> ~150 ms
    # for 90 days over 200,000 touch points).
    "CREATE INDEX touch_points_insights ON touch_points(at_utc, contact_id, channel, direction, difficult, "
    "satisfaction, referral)",
    "CREATE UNIQUE INDEX follow_ups_reply_origin ON follow_ups(origin_touch_point_id) WHERE source = 'reply'",
]


MIGRATIONS: list[Migration] = [
    _v1_contacts_and_touch_points,
    _v2_full_text_search,
    _v3_engagements_and_follow_ups,
    _v_live_calendars,
    _v5_scale_indexes,
    _v6_mail,
    _v_demo_marks,
    _v_people_records,
    _v_mail_templates,
    _v_saved_views,
    _v_touch_point_hours,
    _v_delete_indexes,
    _v_insights_reads,
    _v_origin_index,
    _v_kind_pause,
    _v_merge_when_idle,
    _v_name_index,
]
LATEST = len(MIGRATIONS)


def application_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA application_id").fetchone()[0])


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int | None = None) -> list[int]:
    """Apply migrations up to ``target`` (default: the latest); returns the versions applied."""
    target = LATEST if target is None else target
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
