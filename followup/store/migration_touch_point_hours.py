"""The migration that keeps Insights' touch-point figures per hour.

Insights counted every touch point of its period (200,000 in 30 days at
100,000 contacts: 300 ms). ``touch_point_hours`` holds, per UTC hour, kind of
contact and channel, what those figures sum: how many, how many difficult,
satisfaction scores and their sum, referrals asked and received. A period's
weeks (midnight to midnight on the user's calendar, in any zone on a whole
hour) are then a few hundred rows a day instead of thousands.

Triggers keep it right whatever writes: logging, editing, deleting a touch
point, moving it to another contact (merging), changing a contact's kind,
deleting a contact (its touch points are taken off *before* the row goes: the
cascade that follows finds no contact and leaves the figures alone). The bulk
load of demo data drops the triggers and adds its rows once, at the end
(:mod:`followup.store.bulk`). Literal SQL, never live code: frozen once shipped.
"""

from __future__ import annotations

import sqlite3

# The hour a touch point falls in: its UTC time's first 13 characters ("2026-11-23T09").
HOUR = "substr({t}.at_utc, 1, 13)"

# The figures one touch point adds (sign 1) or takes away (sign -1), as the
# columns after (hour, kind, channel).
_FIGURES = (
    "{s}, {s} * ({t}.difficult != 0), {s} * coalesce({t}.satisfaction, 0), {s} * ({t}.satisfaction IS NOT NULL), "
    "{s} * ({t}.referral IS 'asked'), {s} * ({t}.referral IS 'received')"
)
_COLUMNS = "hour, kind, channel, n, difficult, satisfaction_sum, satisfaction_n, asked, received"
_ADD = (
    "ON CONFLICT (hour, kind, channel) DO UPDATE SET n = n + excluded.n, difficult = difficult + excluded.difficult, "
    "satisfaction_sum = satisfaction_sum + excluded.satisfaction_sum, "
    "satisfaction_n = satisfaction_n + excluded.satisfaction_n, asked = asked + excluded.asked, "
    "received = received + excluded.received"
)


def _one(t: str, sign: int) -> str:
    """Add (1) or take away (-1) the touch point ``t`` (new or old), under its contact's kind."""
    return (
        f"INSERT INTO touch_point_hours ({_COLUMNS}) "
        f"SELECT {HOUR.format(t=t)}, c.kind, {t}.channel, {_FIGURES.format(s=sign, t=t)} "
        f"FROM contacts c WHERE c.id = {t}.contact_id {_ADD};"
    )


def _prune(t: str) -> str:
    return f"DELETE FROM touch_point_hours WHERE hour = {HOUR.format(t=t)} AND channel = {t}.channel AND n = 0;"


def _contact(kind: str, sign: int) -> str:
    """Add or take away every touch point of the contact (new.id / old.id) under ``kind``."""
    return (
        f"INSERT INTO touch_point_hours ({_COLUMNS}) "
        f"SELECT {HOUR.format(t='t')}, {kind}, t.channel, sum(1) * {sign}, "
        f"sum(t.difficult != 0) * {sign}, sum(coalesce(t.satisfaction, 0)) * {sign}, "
        f"count(t.satisfaction) * {sign}, sum(t.referral IS 'asked') * {sign}, sum(t.referral IS 'received') * {sign} "
        f"FROM touch_points t INDEXED BY touch_points_contact_at WHERE t.contact_id = old.id "
        f"GROUP BY 1, 3 {_ADD};"
    )


_PRUNE_ZEROES = (
    "DELETE FROM touch_point_hours WHERE kind = {kind} AND n = 0 AND hour IN "
    "(SELECT substr(at_utc, 1, 13) FROM touch_points INDEXED BY touch_points_contact_at WHERE contact_id = old.id);"
)

TABLE_SQL = """CREATE TABLE touch_point_hours (
    hour TEXT NOT NULL,       -- the UTC hour, "YYYY-MM-DDTHH" (the first 13 characters of at_utc)
    kind TEXT NOT NULL,       -- the contact's kind
    channel TEXT NOT NULL,
    n INTEGER NOT NULL,       -- touch points
    difficult INTEGER NOT NULL,
    satisfaction_sum INTEGER NOT NULL,
    satisfaction_n INTEGER NOT NULL,
    asked INTEGER NOT NULL,   -- referrals asked for
    received INTEGER NOT NULL,
    PRIMARY KEY (hour, kind, channel)
) WITHOUT ROWID"""

# The figures of every touch point, from scratch (the migration fills the table with it).
FILL_SQL = (
    f"INSERT INTO touch_point_hours ({_COLUMNS}) "
    "SELECT substr(t.at_utc, 1, 13), c.kind, t.channel, count(*), sum(t.difficult != 0), "
    "sum(coalesce(t.satisfaction, 0)), count(t.satisfaction), sum(t.referral IS 'asked'), "
    "sum(t.referral IS 'received') "
    "FROM touch_points t JOIN contacts c ON c.id = t.contact_id WHERE t.id >= ? GROUP BY 1, 2, 3 " + _ADD
)

TRIGGERS = {
    "touch_point_hours_insert": f"""CREATE TRIGGER touch_point_hours_insert AFTER INSERT ON touch_points BEGIN
        {_one("new", 1)}
    END""",
    "touch_point_hours_delete": f"""CREATE TRIGGER touch_point_hours_delete AFTER DELETE ON touch_points BEGIN
        {_one("old", -1)}
        {_prune("old")}
    END""",
    "touch_point_hours_update": f"""CREATE TRIGGER touch_point_hours_update
        AFTER UPDATE OF at_utc, contact_id, channel, difficult, satisfaction, referral ON touch_points BEGIN
        {_one("old", -1)}
        {_one("new", 1)}
        {_prune("old")}
    END""",
    # Before the contact goes: the cascade that deletes its touch points
    # afterwards finds no contact, so nothing is taken away twice.
    "touch_point_hours_contact_delete": f"""CREATE TRIGGER touch_point_hours_contact_delete
        BEFORE DELETE ON contacts BEGIN
        {_contact("old.kind", -1)}
        {_PRUNE_ZEROES.format(kind="old.kind")}
    END""",
    "touch_point_hours_contact_kind": f"""CREATE TRIGGER touch_point_hours_contact_kind
        AFTER UPDATE OF kind ON contacts WHEN old.kind IS NOT new.kind BEGIN
        {_contact("old.kind", -1)}
        {_contact("new.kind", 1)}
        {_PRUNE_ZEROES.format(kind="old.kind")}
    END""",
}
# The one the bulk load suspends (it adds its rows with FILL_SQL at the end).
INSERT_TRIGGER = "touch_point_hours_insert"
# The one a delete of most touch points suspends (the table is filled again after).
DELETE_TRIGGER = "touch_point_hours_delete"


INDEXES_SQL = [
    # Reply promises answered in a period, read from the index alone (with the
    # message they answered): 25,000 a month at 100,000 contacts.
    "CREATE INDEX follow_ups_reply_answered ON follow_ups(completed_at, status, origin_touch_point_id, contact_id) "
    "WHERE source = 'reply'",
    # A touch point's time by id from a narrow index: the rows are wide (notes).
    "CREATE INDEX touch_points_id_at ON touch_points(id, at_utc)",
]


def _v_touch_point_hours(conn: sqlite3.Connection) -> None:
    """Insights' touch-point figures per UTC hour, kind and channel, filled
    from the touch points already logged and kept right by triggers; the
    indexes that read reply times."""
    conn.execute(TABLE_SQL)
    conn.execute(FILL_SQL, (0,))
    for statement in TRIGGERS.values():
        conn.execute(statement)
    for statement in INDEXES_SQL:
        conn.execute(statement)
