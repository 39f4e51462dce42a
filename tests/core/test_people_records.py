"""People records (issue 15): important dates with their reminders, addresses,
links and a photo, kept with the contact, and the migration that adds them."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from followup.clock import FixedClock
from followup.domain import Address, Contact, ContactDate, DateKind, Kind, Link
from followup.engine import follow_ups as engine
from followup.engine.dates import sync_dates, upcoming
from followup.errors import ValidationError
from followup.people_dates import describe, next_occurrence, parse_date
from followup.planning.model import Source, Status
from followup.store import Store, migrations

PEOPLE_VERSION = migrations.MIGRATIONS.index(migrations._v_people_records) + 1


def _ana(**more: object) -> Contact:
    return Contact(
        "Ana Lima", Kind.MANAGER,
        dates=[ContactDate(DateKind.BIRTHDAY, 11, 25, 1980), ContactDate(DateKind.CONTRACT_RENEWAL, 12, 20)],
        addresses=[Address("work", "Rua Augusta 100\nSuite 4", "Lisboa", "", "1100-053", "Portugal")],
        links=[Link("https://www.linkedin.com/in/ana-lima", "linkedin"), Link("acme.example")],
        photo=b"\x89PNG fake", photo_type="image/png", **more,  # type: ignore[arg-type]
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("1980-04-12", (1980, 4, 12)), ("19800412", (1980, 4, 12)), ("--04-12", (None, 4, 12)),
        ("--0412", (None, 4, 12)), ("04-12", (None, 4, 12)), ("1975-12-31T00:00:00Z", (1975, 12, 31)),
        ("1604-04-12", (None, 4, 12)), ("--02-29", (None, 2, 29)),
    ],
)  # fmt: skip
def test_dates_are_read_as_people_and_programs_write_them(text: str, parsed: tuple[int | None, int, int]) -> None:
    assert parse_date(text) == parsed


@pytest.mark.parametrize("text", ["1981-02-29", "--13-01", "April", "1980-04-31", ""])
def test_a_date_that_does_not_exist_is_one_clear_sentence(text: str) -> None:
    with pytest.raises(ValidationError) as error:
        parse_date(text)
    assert "\n" not in str(error.value) and str(error.value).endswith(".")


def test_29_february_comes_on_the_28th_in_other_years() -> None:
    leap = ContactDate(DateKind.BIRTHDAY, 2, 29, 1996)
    assert next_occurrence(leap, date(2026, 11, 23)) == date(2027, 2, 28)
    assert describe(leap, date(2027, 2, 28)) == "29 February 1996 (turns 31 today)"


def test_records_are_kept_with_the_contact_and_come_back(store: Store) -> None:
    # GIVEN a contact with dates, an address, links and a photo
    cid = store.contacts.add(_ana())
    # WHEN read back
    ana = store.contacts.get(cid)
    # THEN everything is there, a bare website made a link
    assert [d.iso() for d in ana.dates] == ["1980-11-25", "--12-20"]
    assert ana.birthday is not None and ana.birthday.year == 1980
    assert ana.addresses[0].lines() == ["Rua Augusta 100", "Suite 4", "1100-053 Lisboa", "Portugal"]
    assert [link.url for link in ana.links] == ["https://www.linkedin.com/in/ana-lima", "https://acme.example"]
    assert (ana.photo, ana.photo_type) == (b"\x89PNG fake", "image/png")
    # AND an update keeps what it is given, a delete and its undo keep everything
    ana.dates.pop()
    store.contacts.update(ana)
    assert [d.kind for d in store.contacts.get(cid).dates] == [DateKind.BIRTHDAY]
    deleted = store.contacts.delete(cid)
    assert store.conn.execute("SELECT count(*) FROM contact_addresses").fetchone()[0] == 0
    store.contacts.restore(deleted)
    assert store.contacts.get(cid).addresses == ana.addresses


def test_bad_records_are_refused_with_a_sentence(store: Store) -> None:
    with pytest.raises(ValidationError, match="no day 30"):
        store.contacts.add(Contact("X", dates=[ContactDate(DateKind.BIRTHDAY, 2, 30)]))
    with pytest.raises(ValidationError, match="not a web address"):
        store.contacts.add(Contact("X", links=[Link("not a link")]))
    with pytest.raises(ValidationError, match="0 to 365 days"):
        store.contacts.add(Contact("X", dates=[ContactDate(DateKind.CUSTOM, 1, 1, lead_days=400)]))
    assert store.contacts.count() == 0


def test_dates_come_due_like_follow_ups(store: Store, clock: FixedClock) -> None:
    # GIVEN (on 23 November 2026) a manager's birthday on the 25th and a renewal on 20 December
    cid = store.contacts.add(_ana())
    # WHEN the 25th comes
    clock.set(datetime(2026, 11, 25, 10, 0, tzinfo=UTC))
    due = engine.due(store, clock.now())
    # THEN the birthday is due on the day, and the renewal (30 days ahead) since the 20th
    dated = [(f.title, f.source, f.due_date) for f in due if f.source is Source.DATE]
    assert dated == [
        ("Contract renewal with Ana on 20 December", Source.DATE, date(2026, 11, 20)),
        ("Ana's birthday (turns 46)", Source.DATE, date(2026, 11, 25)),
    ]
    assert all(f.contact_id == cid for f in due)
    # AND once done it does not come back, however often the due list is asked for
    birthday = next(f for f in due if "birthday" in f.title)
    assert birthday.id is not None
    engine.complete(store, birthday.id)
    assert sync_dates(store) == []
    assert store.follow_ups.get(birthday.id).status is Status.DONE
    assert [f.title for f in engine.due(store, clock.now()) if f.source is Source.DATE] == [
        "Contract renewal with Ana on 20 December"
    ]


def test_before_the_lead_time_nothing_is_due_and_archived_contacts_are_quiet(store: Store, clock: FixedClock) -> None:
    cid = store.contacts.add(Contact("Tom", dates=[ContactDate(DateKind.CONTRACT_RENEWAL, 2, 1, lead_days=30)]))
    assert sync_dates(store) == []  # 23 November: the reminder comes on 2 January
    clock.set(datetime(2027, 1, 2, 9, 0, tzinfo=UTC))
    store.contacts.set_archived(cid)
    assert sync_dates(store) == []
    store.contacts.set_archived(cid, False)
    assert len(sync_dates(store)) == 1


def test_upcoming_lists_the_next_dates_soonest_first(store: Store) -> None:
    store.contacts.add(_ana())
    store.contacts.add(Contact("Zoë", dates=[ContactDate(DateKind.WORK_ANNIVERSARY, 11, 24, 2020)]))
    found = upcoming(store, date(2026, 11, 23), 30)
    assert [(u.contact, u.record.kind, u.occurrence) for u in found] == [
        ("Zoë", DateKind.WORK_ANNIVERSARY, date(2026, 11, 24)),
        ("Ana Lima", DateKind.BIRTHDAY, date(2026, 11, 25)),
        ("Ana Lima", DateKind.CONTRACT_RENEWAL, date(2026, 12, 20)),
    ]


@pytest.mark.parametrize("start", range(1, PEOPLE_VERSION))
def test_every_earlier_version_upgrades_with_its_data_and_a_backup(
    db_path: Path, clock: FixedClock, start: int
) -> None:
    # GIVEN a database at an earlier version, with a contact (and a follow-up once they exist)
    with closing(sqlite3.connect(str(db_path), isolation_level=None)) as conn:
        migrations.migrate(conn, target=start)
        conn.execute(
            "INSERT INTO contacts (id, name, created_at, updated_at) VALUES (7, 'Ana Lima', "
            "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"
        )
        if start >= 3:
            for fid in (1, 2):
                conn.execute(
                    "INSERT INTO follow_ups (id, contact_id, source, title, due_utc, wake_utc, created_at, "
                    "updated_at) VALUES (?, 7, 'manual', 'Call back', '2026-11-20T09:00:00Z', "
                    "'2026-11-20T09:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                    (fid,),
                )
            conn.execute("DELETE FROM follow_ups WHERE id = 2")  # the highest id is gone: never to be reused
            # what other versions add around follow_ups (a table that cascades from it, a column) is kept
            conn.execute("CREATE TABLE published (follow_up_id INTEGER PRIMARY KEY REFERENCES follow_ups(id) "
                         "ON DELETE CASCADE, href TEXT NOT NULL)")  # fmt: skip
            conn.execute("INSERT INTO published VALUES (1, '/tasks/1.ics')")
            conn.execute("ALTER TABLE follow_ups ADD COLUMN extra TEXT NOT NULL DEFAULT 'kept'")
    # WHEN the current version opens it
    with Store.open(db_path, clock) as store:
        # THEN the data is there, the new records work, and a date reminder can be stored
        assert store.schema_version == migrations.LATEST
        assert store.integrity_ok()
        assert store.contacts.get(7).name == "Ana Lima"
        ana = store.contacts.get(7)
        ana.dates = [ContactDate(DateKind.BIRTHDAY, 11, 23)]
        store.contacts.update(ana)
        new = sync_dates(store)
        assert len(new) == 1
        if start >= 3:
            assert store.follow_ups.get(1).title == "Call back"
            assert new[0] > 2
            assert list(store.conn.execute("SELECT follow_up_id, href FROM published")) == [(1, "/tasks/1.ics")]
            assert store.conn.execute("SELECT extra FROM follow_ups WHERE id = 1").fetchone() == ("kept",)
        fks = store.conn.execute("PRAGMA foreign_key_check").fetchall()
        assert fks == []
    backups = list(db_path.parent.glob(f"followup.db.v{start}-*.bak"))
    assert len(backups) == 1


def test_a_birthday_this_week_shows_in_todays_week_section(store: Store) -> None:
    # GIVEN (Monday 23 November) a birthday on Wednesday
    store.contacts.add(_ana())
    # WHEN Today is drawn
    buckets = engine.today(store)
    # THEN it is in "this week", due on its day; nothing is overdue for it
    week = [(f.title, f.due_date) for f in buckets.this_week if f.source is Source.DATE]
    assert ("Ana's birthday (turns 46)", date(2026, 11, 25)) in week
    assert not [f for f in buckets.overdue + buckets.today if "birthday" in f.title]
