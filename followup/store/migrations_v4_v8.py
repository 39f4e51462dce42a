"""Migrations 4 to 8, the wave that added live calendars, the scale indexes,
mail, demo marks and people records. Frozen: never edit a migration that has
shipped; add the next one in a module of its own. (followup/store/migrations.py
holds the mechanism and the list.)"""

from __future__ import annotations

import sqlite3


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
