"""Numbered schema migrations, keyed on ``PRAGMA user_version``.

Migration N brings a database from version N-1 to N. Each runs in one
transaction with the version bump, so a crash leaves the old version intact.
Never edit a migration that has shipped: add the next one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from followup.store.frozen_v3_playbooks import V3_DEFAULT_PLAYBOOKS_SQL

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


def _v_live_calendars(conn: sqlite3.Connection) -> None:
    """CalDAV accounts and .ics subscriptions (passwords live in the system
    keyring, never here), what was read from them, meetings proposed for a
    plan, and the follow-ups published as tasks."""
    for statement in LIVE_CALENDARS_SQL:
        conn.execute(statement)


LIVE_CALENDARS_SQL = [
    """CREATE TABLE cal_accounts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('caldav', 'subscription')),
        url TEXT NOT NULL,
        username TEXT NOT NULL DEFAULT '',
        publish INTEGER NOT NULL DEFAULT 0,
        publish_url TEXT NOT NULL DEFAULT '',
        publish_component TEXT NOT NULL DEFAULT 'VTODO',
        status TEXT NOT NULL DEFAULT '',
        last_sync_utc TEXT,
        http_etag TEXT NOT NULL DEFAULT '',
        -- the publish calendar's sync token; a subscription's UIDs seen last time (JSON)
        publish_token TEXT NOT NULL DEFAULT '',
        seen_uids TEXT NOT NULL DEFAULT '[]',
        -- when the account's calendars were last listed (discovery is slow on some servers)
        discovered_utc TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE UNIQUE INDEX cal_accounts_url ON cal_accounts(url, username)",
    """CREATE TABLE cal_calendars (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id INTEGER NOT NULL REFERENCES cal_accounts(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        read INTEGER NOT NULL DEFAULT 1,
        sync_token TEXT NOT NULL DEFAULT '',
        UNIQUE (account_id, url)
    )""",
    """CREATE TABLE cal_items (
        calendar_id INTEGER NOT NULL REFERENCES cal_calendars(id) ON DELETE CASCADE,
        href TEXT NOT NULL,
        etag TEXT NOT NULL DEFAULT '',
        uid TEXT NOT NULL DEFAULT '',
        -- an item whose meaning changes with time though the server's copy does
        -- not (a meeting that will be over, a series' next occurrence coming
        -- near) keeps its text and is read again from here at recheck_utc
        data TEXT NOT NULL DEFAULT '',
        recheck_utc TEXT,
        PRIMARY KEY (calendar_id, href)
    ) WITHOUT ROWID""",
    "CREATE INDEX cal_items_recheck ON cal_items(recheck_utc) WHERE recheck_utc IS NOT NULL",
    "CREATE INDEX cal_items_uid ON cal_items(uid)",
    """CREATE TABLE cal_proposals (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        calendar_id INTEGER REFERENCES cal_calendars(id) ON DELETE CASCADE,
        account_id INTEGER REFERENCES cal_accounts(id) ON DELETE CASCADE,
        uid TEXT NOT NULL,
        recurrence_id TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        start_utc TEXT,
        end_utc TEXT,
        start_date TEXT,
        end_date TEXT,
        tz TEXT NOT NULL DEFAULT 'UTC',
        location TEXT NOT NULL DEFAULT '',
        organizer TEXT NOT NULL DEFAULT '',
        contact_ids TEXT NOT NULL DEFAULT '',
        sequence INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'planned', 'dismissed', 'gone')),
        engagement_id INTEGER REFERENCES engagements(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (uid, recurrence_id)
    )""",
    """CREATE TABLE cal_met (
        uid TEXT NOT NULL,
        recurrence_id TEXT NOT NULL DEFAULT '',
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        touch_point_id INTEGER REFERENCES touch_points(id) ON DELETE SET NULL,
        PRIMARY KEY (uid, recurrence_id, contact_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE cal_published (
        follow_up_id INTEGER PRIMARY KEY REFERENCES follow_ups(id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES cal_accounts(id) ON DELETE CASCADE,
        href TEXT NOT NULL,
        etag TEXT NOT NULL DEFAULT '',
        uid TEXT NOT NULL,
        published_hash TEXT NOT NULL,
        published_due TEXT NOT NULL DEFAULT ''
    )""",
]


def _v5_scale_indexes(conn: sqlite3.Connection) -> None:
    """Indexes that keep Insights bounded by the period, and Today and the
    stay-in-touch check bounded by what they show, at any size."""
    for statement in V5_SQL:
        conn.execute(statement)


V5_SQL = [
    # Reply promises by the time they closed (NULL while open): the answered
    # promises of a period, and those still waiting at a given time, without
    # reading every promise ever made.
    "CREATE INDEX follow_ups_reply_closed ON follow_ups(completed_at) WHERE source = 'reply'",
    # Follow-ups by due time with what Insights counts of them (read from the
    # index alone): what fell due in a period and what became of it.
    "CREATE INDEX follow_ups_due ON follow_ups(due_utc, status, completed_at, source, phase, contact_id)",
    # Each contact's kind, by id, from a narrow index: the figures by kind
    # look it up once per row counted, and contacts' rows are wide.
    "CREATE INDEX contacts_kind ON contacts(id, kind)",
    # Today: each section's most pressing open items, by kind of source and
    # wake time, without sorting every overdue item.
    "CREATE INDEX follow_ups_open_source_wake ON follow_ups(source, wake_utc) WHERE status = 'open'",
    # Stay-in-touch: active contacts on their kind's cadence, by when their
    # silence began (the queries use this very expression).
    "CREATE INDEX contacts_cadence_clock ON contacts(kind, coalesce(last_touched_at, created_at)) "
    "WHERE archived = 0 AND cadence_ideal_days IS NULL",
    "CREATE INDEX contacts_own_cadence ON contacts(cadence_ideal_days) "
    "WHERE archived = 0 AND cadence_ideal_days IS NOT NULL",
]


def _v6_mail(conn: sqlite3.Connection) -> None:
    """Mail accounts (no password: that lives in the system keyring), the
    folders' sync positions, the messages logged as touch points with their
    thread headers, addresses written to who are not contacts, and attendees'
    answers to invitations sent by mail."""
    for statement in V6_MAIL_SQL:
        conn.execute(statement)


V6_MAIL_SQL = [
    """CREATE TABLE mail_accounts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        email TEXT NOT NULL,
        email_lower TEXT NOT NULL UNIQUE,
        username TEXT NOT NULL,
        -- 'password' today; 'xoauth2' can come later without a new table
        auth_method TEXT NOT NULL DEFAULT 'password',
        imap_host TEXT NOT NULL,
        imap_port INTEGER NOT NULL,
        imap_security TEXT NOT NULL CHECK (imap_security IN ('ssl', 'starttls', 'none')),
        smtp_host TEXT NOT NULL,
        smtp_port INTEGER NOT NULL,
        smtp_security TEXT NOT NULL CHECK (smtp_security IN ('ssl', 'starttls', 'none')),
        -- SHA-256 of a certificate the user chose to trust for these hosts (hex, no colons)
        pinned_sha256 TEXT NOT NULL DEFAULT '',
        headers_only INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT '',
        last_sync_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE mail_folders (
        account_id INTEGER NOT NULL REFERENCES mail_accounts(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('inbox', 'sent')),
        name TEXT NOT NULL,
        uidvalidity INTEGER NOT NULL,
        last_uid INTEGER NOT NULL DEFAULT 0,
        uidnext INTEGER NOT NULL DEFAULT 0,
        highestmodseq INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (account_id, role)
    ) WITHOUT ROWID""",
    """CREATE TABLE mail_messages (
        id INTEGER PRIMARY KEY,
        message_id TEXT NOT NULL,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        touch_point_id INTEGER REFERENCES touch_points(id) ON DELETE SET NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        in_reply_to TEXT NOT NULL DEFAULT '',
        thread_key TEXT NOT NULL,
        at_utc TEXT NOT NULL,
        UNIQUE (message_id, contact_id)
    )""",
    "CREATE INDEX mail_messages_touch_point ON mail_messages(touch_point_id)",
    "CREATE INDEX mail_messages_thread ON mail_messages(contact_id, thread_key)",
    """CREATE TABLE mail_references (
        message_row INTEGER NOT NULL REFERENCES mail_messages(id) ON DELETE CASCADE,
        ref TEXT NOT NULL,
        PRIMARY KEY (ref, message_row)
    ) WITHOUT ROWID""",
    """CREATE TABLE mail_strangers (
        address_lower TEXT PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        sent INTEGER NOT NULL DEFAULT 0,
        received INTEGER NOT NULL DEFAULT 0,
        last_at TEXT NOT NULL
    ) WITHOUT ROWID""",
    """CREATE TABLE mail_seen (
        message_id TEXT PRIMARY KEY
    ) WITHOUT ROWID""",
    """CREATE TABLE engagement_responses (
        engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        partstat TEXT NOT NULL CHECK (partstat IN ('NEEDS-ACTION', 'ACCEPTED', 'TENTATIVE', 'DECLINED')),
        proposed_start_utc TEXT,
        comment TEXT NOT NULL DEFAULT '',
        at_utc TEXT NOT NULL,
        PRIMARY KEY (engagement_id, contact_id)
    ) WITHOUT ROWID""",
]


def _v_demo_marks(conn: sqlite3.Connection) -> None:
    """Demo contacts and engagements are marked, so that demo data can be
    removed exactly (and what hangs off it: cascades), never a real contact."""
    for statement in DEMO_MARKS_SQL:
        conn.execute(statement)


DEMO_MARKS_SQL = [
    """CREATE TABLE demo_contacts (
        contact_id INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE
    )""",
    """CREATE TABLE demo_engagements (
        engagement_id INTEGER PRIMARY KEY REFERENCES engagements(id) ON DELETE CASCADE
    )""",
]


def _v_people_records(conn: sqlite3.Connection) -> None:
    """Important dates (with or without a year, each with its reminder lead
    time), labelled addresses, links and a photo; follow-ups gain the source
    'date' for the reminders of those dates."""
    # follow_ups.source's CHECK gains 'date' in place, as SQLite documents for
    # loosening a CHECK (lang_altertable, "other kinds of table schema changes"):
    # no rows move, so nothing that references follow_ups (ON DELETE CASCADE)
    # is touched, and columns other versions add are kept.
    version = int(conn.execute("PRAGMA schema_version").fetchone()[0])
    conn.execute("PRAGMA writable_schema = ON")
    changed = conn.execute(FOLLOW_UPS_SOURCE_SQL).rowcount
    conn.execute(f"PRAGMA schema_version = {version + 1}")
    conn.execute("PRAGMA writable_schema = OFF")
    if changed != 1:
        raise sqlite3.DatabaseError("follow_ups.source has a CHECK this migration does not know")
    for statement in PEOPLE_SQL:
        conn.execute(statement)


FOLLOW_UPS_SOURCE_SQL = """UPDATE sqlite_master
    SET sql = replace(sql, 'source IN (''plan'', ''cadence'', ''reply'', ''manual'')',
                           'source IN (''plan'', ''cadence'', ''reply'', ''manual'', ''date'')')
    WHERE type = 'table' AND name = 'follow_ups'
      AND instr(sql, 'source IN (''plan'', ''cadence'', ''reply'', ''manual'')') > 0"""


PEOPLE_SQL = [
    """CREATE TABLE contact_dates (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        kind TEXT NOT NULL CHECK (kind IN ('birthday', 'anniversary', 'work_anniversary', 'contract_renewal',
                                            'quarter_end', 'custom')),
        label TEXT NOT NULL DEFAULT '',
        month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
        day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
        year INTEGER CHECK (year IS NULL OR year BETWEEN 1 AND 9999),
        lead_days INTEGER CHECK (lead_days IS NULL OR lead_days BETWEEN 0 AND 365)
    )""",
    "CREATE INDEX contact_dates_contact ON contact_dates(contact_id, position)",
    """CREATE TABLE contact_addresses (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        label TEXT NOT NULL DEFAULT '',
        street TEXT NOT NULL DEFAULT '',
        locality TEXT NOT NULL DEFAULT '',
        region TEXT NOT NULL DEFAULT '',
        postcode TEXT NOT NULL DEFAULT '',
        country TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX contact_addresses_contact ON contact_addresses(contact_id, position)",
    """CREATE TABLE contact_links (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        label TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL
    )""",
    "CREATE INDEX contact_links_contact ON contact_links(contact_id, position)",
    "ALTER TABLE contacts ADD COLUMN photo BLOB",
    "ALTER TABLE contacts ADD COLUMN photo_type TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE contacts ADD COLUMN photo_uri TEXT NOT NULL DEFAULT ''",
    # One reminder per date and year: done or skipped, it does not come back.
    "CREATE UNIQUE INDEX follow_ups_date_step ON follow_ups(contact_id, step_key) WHERE source = 'date'",
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
