"""The mail templates migration (_v_mail_templates): every earlier version,
with data in it, is upgraded with a backup kept; the built-in steps that ship
a template get it, steps the user wrote or renamed are left as they are, and
invitation answers already read wait to be seen in Today."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from old_databases import filled_at

from followup.clock import FixedClock
from followup.store import Store, migrations
from followup.store.migration_mail_templates import _v_mail_templates

MINE = migrations.MIGRATIONS.index(_v_mail_templates) + 1
MAIL = migrations.MIGRATIONS.index(migrations._v6_mail) + 1
STAMP = "2026-01-01T00:00:00Z"
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
THANKS = "Thank {first} for the {engagement}"


def _fill(conn: sqlite3.Connection, version: int) -> None:
    conn.execute(
        "INSERT INTO contacts (id, name, kind, created_at, updated_at) VALUES (1, 'Ana Lima', 'client', ?, ?)",
        (STAMP, STAMP),
    )
    conn.execute(
        "INSERT INTO touch_points (id, contact_id, at_utc, channel, direction, summary, created_at, updated_at) "
        "VALUES (1, 1, '2026-11-20T10:00:00Z', 'email', 'in', 'Pricing', ?, ?)",
        (STAMP, STAMP),
    )
    if version < 3:
        return
    # the user's own playbook with a step named like a built-in one, and a built-in step renamed
    conn.execute(
        "INSERT INTO playbooks (id, name, description, builtin, created_at, updated_at) "
        "VALUES (90, 'Mine', '', 0, ?, ?)",
        (STAMP, STAMP),
    )
    conn.execute(
        "INSERT INTO playbook_steps (id, playbook_id, position, phase, anchor, days, working_days, minutes, title, "
        "notes, channel, per_contact) VALUES (900, 90, 0, 'after', 'end', 1, 0, 0, ?, '', 'preferred', 0)",
        (THANKS,),
    )
    conn.execute(
        "UPDATE playbook_steps SET title = 'Ask {first} how the {engagement} went for them' "
        "WHERE title = 'Ask {first} how satisfied they are with the {engagement}'"
    )
    conn.execute(
        "INSERT INTO engagements (id, title, start_utc, end_utc, tz, uid, created_at, updated_at) "
        "VALUES (1, 'Kick-off', '2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z', 'UTC', 'k@x', ?, ?)",
        (STAMP, STAMP),
    )
    if version >= MAIL:
        conn.execute(
            "INSERT INTO engagement_responses (engagement_id, contact_id, partstat, at_utc) "
            "VALUES (1, 1, 'ACCEPTED', '2026-11-22T08:00:00Z')"
        )


@pytest.mark.parametrize("version", range(1, MINE))
def test_every_earlier_version_gains_step_templates_with_its_data_kept(tmp_path: Path, version: int) -> None:
    # GIVEN a database at an earlier version, with a contact, a touch point and (from v3) playbooks
    path = tmp_path / "followup.db"
    filled_at(path, version, _fill)
    # WHEN this version opens it
    with Store.open(path, FixedClock(NOW)) as store:
        # THEN it is at the latest version, the old rows intact, a backup beside it
        assert store.schema_version == migrations.LATEST
        assert store.contacts.get(1).name == "Ana Lima"
        assert store.touch_points.get(1).summary == "Pricing"
        assert len(list(tmp_path.glob(f"followup.db.v{version}-*.bak"))) == 1
        steps = {(b.name, s.title): s for b in store.playbooks.all() for s in b.steps}
        # AND the built-in thank-you step carries its template ("Thank you for today")
        thanks = steps[("Client meeting", THANKS)]
        assert thanks.mail_subject == "Thank you for today"
        assert thanks.mail_body.startswith("Hi {first},") and "{engagement}" in thanks.mail_body
        delivery = [s for (book, _), s in steps.items() if book == "Delivery or order"]
        assert any(s.mail_subject == "Did the {engagement} arrive in good order?" for s in delivery)
        if version >= 3:
            # AND what the user wrote or renamed is left without one
            assert steps[("Mine", THANKS)].mail_subject == ""
            renamed = steps[("Delivery or order", "Ask {first} how the {engagement} went for them")]
            assert (renamed.mail_subject, renamed.mail_body) == ("", "")
        else:
            # a fresh set of built-in playbooks: the delivery question has its template
            assert any(s.mail_subject == "How is the delivery working for you?" for s in delivery)
        if version >= MAIL:
            # AND an answer read before waits to be seen
            row = store.conn.execute("SELECT partstat, seen_at FROM engagement_responses").fetchone()
            assert tuple(row) == ("ACCEPTED", None)


def test_a_fresh_database_has_the_templates_too(db_path: Path, clock: FixedClock) -> None:
    with Store.open(db_path, clock) as store:
        subjects = {s.mail_subject for b in store.playbooks.all() for s in b.steps}
        assert {"Thank you for today", "How is the delivery working for you?"} <= subjects
