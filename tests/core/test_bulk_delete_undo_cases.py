"""A bulk delete's Undo from its stash (followup/store/undo_stash.py,
followup/store/contacts_stash.py) in the cases a demanding user meets:
chains of referrers, two deletes undone one after the other, a single
delete in between, a data folder whose path has spaces and accents, rows of
contacts left that point at touch points deleted (both ways of deleting
touch points), and the rows a contact has beyond its own records (a
meeting logged from the calendar, a mail logged, a demo mark)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from followup.clock import FixedClock
from followup.domain import Contact
from followup.domain import LabelledValue as V
from followup.engine import bulk_contacts as bulk
from followup.store import Store, contacts_stash, undo_stash
from followup.store.contact_undo import ALSO_KEPT, OWNED_TABLES
from followup.timeutil import to_db

# The tables a contact's rows live in beyond OWNED_TABLES, each read in a fixed order.
OTHER_TABLES = (
    "cal_met", "mail_messages", "mail_references", "cal_published", "engagement_responses", "demo_contacts",
    "duplicate_dismissals",
)  # fmt: skip


def _dump(conn: sqlite3.Connection, tables: tuple[str, ...] = ("contacts", *OWNED_TABLES)) -> dict[str, object]:
    rows: dict[str, object] = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    rows["found"] = conn.execute("SELECT rowid FROM touch_points_fts WHERE touch_points_fts MATCH 'lunch'").fetchall()
    rows["hours"] = conn.execute("SELECT * FROM touch_point_hours WHERE n != 0 ORDER BY 1, 2, 3").fetchall()
    return rows


def _stashes(store: Store) -> list[Path]:
    where = undo_stash.folder(store.path)
    return sorted(where.glob("*.db")) if where.exists() else []


def _referred(store: Store) -> dict[int, int | None]:
    return dict(store.conn.execute("SELECT id, referred_by FROM contacts").fetchall())


def _chain(store: Store, log_tp: Callable[..., int]) -> tuple[int, int, int, int]:
    """Ana referred Bo, Bo referred Cy; Dee on her own; each with a lunch and a tag."""
    a = store.contacts.add(Contact(name="Ana", tags=["x"]))
    b = store.contacts.add(Contact(name="Bo", tags=["x"], referred_by=a))
    c = store.contacts.add(Contact(name="Cy", tags=["x"], referred_by=b))
    d = store.contacts.add(Contact(name="Dee", tags=["x"]))
    for contact in (a, b, c, d):
        log_tp(contact, summary=f"Lunch with {contact}")
    return a, b, c, d


@pytest.mark.parametrize("last_first", [True, False], ids=["last-delete-undone-first", "first-delete-undone-first"])
def test_a_chain_of_referrers_comes_back_whichever_delete_is_undone_first(
    store: Store, log_tp: Callable[..., int], last_first: bool
) -> None:
    # GIVEN Ana referred Bo and Bo referred Cy; Dee stands alone
    a, b, c, d = _chain(store, log_tp)
    before = _dump(store.conn)
    # WHEN Ana and Bo are deleted in one step (Cy stays, no longer referred by anyone), then Dee in another
    first = bulk.delete(store, [b, a])
    assert _referred(store) == {c: None, d: None}
    second = bulk.delete(store, [d])
    assert len(_stashes(store)) == 2
    # AND both are undone, in either order
    for done in (second, first) if last_first else (first, second):
        bulk.undo(store, done)
    # THEN every row is back as it was: Bo referred by Ana again, Cy by Bo
    assert _referred(store) == {a: None, b: a, c: b, d: None}
    assert _dump(store.conn) == before
    # AND neither stash is left
    assert _stashes(store) == [] and first.stash is None and second.stash is None


def test_a_referrer_deleted_alone_meanwhile_comes_back_with_its_link_when_undone_in_turn(
    store: Store, log_tp: Callable[..., int]
) -> None:
    # GIVEN Ana referred Bo and Bo referred Cy
    a, b, c, d = _chain(store, log_tp)
    before = _dump(store.conn)
    # WHEN Bo and Dee are deleted in one step, then Ana alone (the contact page's Delete)
    done = bulk.delete(store, [b, d])
    ana = store.contacts.delete(a)
    # AND Ctrl+Z twice undoes Ana's delete, then the bulk delete
    store.contacts.restore(ana)
    bulk.undo(store, done)
    # THEN everyone is back, Bo referred by Ana and Cy by Bo
    assert _referred(store) == {a: None, b: a, c: b, d: None}
    assert _dump(store.conn) == before
    assert _stashes(store) == []


def test_a_bulk_undo_after_its_referrer_went_alone_forgets_that_referrer(
    store: Store, log_tp: Callable[..., int]
) -> None:
    # GIVEN Ana referred Bo and Bo referred Cy
    a, b, c, d = _chain(store, log_tp)
    # WHEN Bo is deleted in bulk, then Ana alone, and the bulk delete is undone while Ana is still gone
    done = bulk.delete(store, [b, d])
    store.contacts.delete(a)
    bulk.undo(store, done)
    # THEN Bo is back without a referrer (none is left to point at), Cy referred by Bo again, and nothing fails
    assert _referred(store) == {b: None, c: b, d: None}
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert _stashes(store) == []


def test_a_data_folder_with_spaces_and_accents_keeps_and_removes_its_stash(
    tmp_path: Path, clock: FixedClock, log_tp: Callable[..., int]
) -> None:
    # GIVEN a database in a folder named with spaces, accents and a non-Latin script
    folder = tmp_path / "Données de l’équipe" / "データ 2026"
    folder.mkdir(parents=True)
    with Store.open(folder / "suivi été.db", clock) as store:
        ids = [store.contacts.add(Contact(name=f"Zoë {i}", tags=["ñ"])) for i in range(3)]
        before = _dump(store.conn)
        # WHEN they are deleted in one step
        done = bulk.delete(store, ids)
        # THEN the stash sits beside the database, in that folder
        assert done.stash is not None and done.stash.parent == folder / ".suivi été.db.undo"
        assert done.stash.exists() and store.contacts.count() == 0
        # AND Undo puts everyone back from it and removes it; a sweep at close removes the empty folder
        bulk.undo(store, done)
        assert _dump(store.conn) == before
        assert _stashes(store) == []
        undo_stash.sweep(store.path, ours=True)
        assert not undo_stash.folder(store.path).exists()


def _cross_references(store: Store, clock: FixedClock) -> tuple[list[int], int]:
    """Six contacts with a lunch each; Fay (who stays) has a follow-up opened and resolved by lunches
    of contacts that will be deleted, and a meeting and a mail logged against those lunches."""
    ids = [store.contacts.add(Contact(name=n)) for n in ("Ana", "Bo", "Cy", "Dee", "Eve", "Fay")]
    at = to_db(clock.now() - timedelta(days=3))
    with store.transaction() as conn:
        for i, contact in enumerate(ids):
            conn.execute(
                """INSERT INTO touch_points (contact_id, at_utc, tz, channel, direction, summary, notes, needs_reply,
                   difficult, created_at, updated_at) VALUES (?, ?, 'UTC', 'email', 'in', ?, '', 0, 0, ?, ?)""",
                (contact, at, f"Lunch {i}", at, at),
            )
        lunch = dict(conn.execute("SELECT contact_id, id FROM touch_points").fetchall())
        fay = ids[-1]
        conn.execute(
            """INSERT INTO follow_ups (contact_id, source, title, due_utc, wake_utc, status, completed_at,
               origin_touch_point_id, resolved_by_touch_point_id, created_at, updated_at)
               VALUES (?, 'reply', 'Answer', ?, ?, 'done', ?, ?, ?, ?, ?)""",
            (fay, at, at, at, lunch[ids[0]], lunch[ids[1]], at, at),
        )
        conn.execute("INSERT INTO cal_met VALUES ('m@x', '', ?, ?)", (fay, lunch[ids[2]]))
        conn.execute(
            "INSERT INTO mail_messages (message_id, contact_id, touch_point_id, direction, thread_key, at_utc) "
            "VALUES ('<1@x>', ?, ?, 'in', 't', ?)",
            (fay, lunch[ids[3]], at),
        )
    return ids, fay


def test_deleting_touch_points_others_point_at_is_the_same_rebuilt_or_row_by_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    # GIVEN two copies of a database where Fay's follow-up, meeting and mail point at lunches of Ana, Bo, Cy, Dee
    tables = ("contacts", *OWNED_TABLES, "cal_met", "mail_messages")
    first = Store.open(tmp_path / "a.db", clock)
    ids, fay = _cross_references(first, clock)
    second = Store.open(tmp_path / "b.db", clock)
    first.conn.backup(second.conn)
    before = _dump(second.conn, tables)
    # WHEN everyone but Fay is deleted in one step: row by row on one, the index built again on the other
    monkeypatch.setattr(contacts_stash, "MOST_FROM", 1_000_000)
    bulk.delete(first, ids[:-1])
    monkeypatch.setattr(contacts_stash, "MOST_FROM", 1)
    built: list[str] = []
    second.conn.set_trace_callback(built.append)
    done = bulk.delete(second, ids[:-1])
    second.conn.set_trace_callback(None)
    # THEN both leave the same rows: Fay's follow-up, meeting and mail kept, their links to the lunches gone
    assert sum("VALUES ('rebuild')" in sql for sql in built) == 1
    assert _dump(second.conn, tables) == _dump(first.conn, tables)
    assert second.conn.execute(
        "SELECT origin_touch_point_id, resolved_by_touch_point_id FROM follow_ups WHERE contact_id = ?", (fay,)
    ).fetchall() == [(None, None)]
    assert second.conn.execute("SELECT touch_point_id FROM cal_met").fetchall() == [(None,)]
    assert second.conn.execute("SELECT touch_point_id FROM mail_messages").fetchall() == [(None,)]
    second.conn.execute("INSERT INTO touch_points_fts(touch_points_fts) VALUES ('integrity-check')")
    # AND Undo puts every deleted row back (Fay's links stay unset, as a single contact's undo leaves them)
    bulk.undo(second, done)
    after = _dump(second.conn, tables)
    for table in ("follow_ups", "cal_met", "mail_messages"):
        assert isinstance(after[table], list) and isinstance(before[table], list)
        assert len(after[table]) == len(before[table])
        after[table] = before[table] = []
    assert after == before
    second.conn.execute("INSERT INTO touch_points_fts(touch_points_fts) VALUES ('integrity-check')")
    first.close()
    second.close()


def _published_and_invited(conn: sqlite3.Connection, contact: int, at: str) -> int:
    """A follow-up of ``contact`` published to a calendar account, and their answer to an invitation; the engagement."""
    conn.execute("INSERT INTO cal_accounts (id, kind, url, created_at) VALUES (3, 'caldav', 'https://cal', ?)", (at,))
    conn.execute(
        "INSERT INTO follow_ups (id, contact_id, source, title, due_utc, wake_utc, created_at, updated_at) "
        "VALUES (9, ?, 'manual', 'Call', ?, ?, ?, ?)",
        (contact, at, at, at, at),
    )
    conn.execute("INSERT INTO cal_published VALUES (9, 3, '/c/9.ics', 'e', 'u9', 'h', '')")
    conn.execute(
        "INSERT INTO engagements (id, title, start_utc, uid, created_at, updated_at) VALUES (5, 'Dinner', ?, 'd@x', ?, ?)",
        (at, at, at),
    )
    conn.execute(
        "INSERT INTO engagement_responses (engagement_id, contact_id, partstat, at_utc) VALUES (5, ?, 'ACCEPTED', ?)",
        (contact, at),
    )
    return 5


@pytest.mark.parametrize("in_bulk", [True, False], ids=["bulk-delete", "single-delete"])
def test_undo_puts_back_a_contacts_meetings_mail_demo_mark_and_dismissed_duplicates(
    store: Store, clock: FixedClock, log_tp: Callable[..., int], in_bulk: bool
) -> None:
    # GIVEN Ana with a meeting logged from the calendar, a mail logged (with its references), a follow-up
    # published to a calendar, an answer to an invitation, a demo mark, and a pair with Bo dismissed as not
    # duplicates; Cy stays
    a, b, _c = (store.contacts.add(Contact(name=n)) for n in ("Ana", "Bo", "Cy"))
    met, mail = log_tp(a, summary="Met: lunch"), log_tp(a, summary="Lunch mail")
    at = to_db(clock.now())
    with store.transaction() as conn:
        _published_and_invited(conn, a, at)
        conn.execute("INSERT INTO cal_met VALUES ('lunch@cal', '', ?, ?)", (a, met))
        conn.execute(
            "INSERT INTO mail_messages (id, message_id, contact_id, touch_point_id, direction, thread_key, at_utc) "
            "VALUES (7, '<2@x>', ?, ?, 'in', 't', ?)",
            (a, mail, at),
        )
        conn.execute("INSERT INTO mail_references VALUES (7, '<1@x>')")
        conn.execute("INSERT INTO demo_contacts VALUES (?)", (a,))
        conn.execute("INSERT INTO duplicate_dismissals VALUES (?, ?, ?)", (a, b, at))
    tables = ("contacts", *OWNED_TABLES, *OTHER_TABLES)
    before = _dump(store.conn, tables)
    # WHEN Ana and Bo are deleted in one step, and the delete undone (or Ana alone, from her page)
    if in_bulk:
        bulk.undo(store, bulk.delete(store, [a, b]))
    else:
        store.contacts.restore(store.contacts.delete(a))
    # THEN every row of theirs is back: the calendar's next sync does not log the meeting again, the mail
    # stays in its thread, "Remove the demo" still removes Ana, and the pair is not offered again
    assert _dump(store.conn, tables) == before
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_undo_leaves_out_an_answer_whose_invitation_went_meanwhile(
    store: Store, clock: FixedClock, log_tp: Callable[..., int]
) -> None:
    # GIVEN Ana with an answer to an invitation and a follow-up published to a calendar
    a = store.contacts.add(Contact(name="Ana"))
    at = to_db(clock.now())
    with store.transaction() as conn:
        engagement = _published_and_invited(conn, a, at)
    # WHEN Ana is deleted in bulk, then the engagement and the calendar account go (elsewhere), and the delete
    # is undone
    done = bulk.delete(store, [a])
    with store.transaction() as conn:
        conn.execute("DELETE FROM engagements WHERE id = ?", (engagement,))
        conn.execute("DELETE FROM cal_accounts")
    bulk.undo(store, done)
    # THEN Ana comes back with her follow-up, without the answer or the publication that have nothing to hang on
    assert store.conn.execute("SELECT id FROM follow_ups").fetchall() == [(9,)]
    assert store.conn.execute("SELECT count(*) FROM engagement_responses").fetchone() == (0,)
    assert store.conn.execute("SELECT count(*) FROM cal_published").fetchone() == (0,)
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == [] and _stashes(store) == []


def test_every_table_a_contact_has_rows_in_is_kept_for_undo(store: Store) -> None:
    # GIVEN the schema as migrated: every table with a foreign key to contacts, or to a table whose rows
    # are a deleted contact's (their touch points, follow-ups, mails)
    theirs = {"contacts", "touch_points", "follow_ups", "mail_messages"}
    tables = [n for (n,) in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    cascading = {
        table
        for table in tables
        for fk in store.conn.execute(f"PRAGMA foreign_key_list({table})")
        if fk[2] in theirs and fk[6] == "CASCADE"
    }
    # THEN each is kept by a bulk delete for its Undo (a table added later must be added there too)
    assert cascading == set(OWNED_TABLES) | set(ALSO_KEPT)


@pytest.mark.parametrize("in_bulk", [True, False], ids=["bulk-delete", "single-delete"])
def test_undo_keeps_a_referrer_chosen_since_for_a_contact_the_deleted_one_had_referred(
    store: Store, log_tp: Callable[..., int], in_bulk: bool
) -> None:
    # GIVEN Ana referred Bo and Bo referred Cy; Dee stands alone
    a, b, c, d = _chain(store, log_tp)
    # WHEN Bo is deleted (Cy is then referred by no one), Cy is edited to say Dee referred her (an edit has no
    # Undo of its own), and the delete is undone
    if in_bulk:
        done = bulk.delete(store, [b])
    else:
        deleted = store.contacts.delete(b)
    cy = store.contacts.get(c)
    cy.referred_by = d
    store.contacts.update(cy)
    if in_bulk:
        bulk.undo(store, done)
    else:
        store.contacts.restore(deleted)
    # THEN Bo is back, referred by Ana, and Cy keeps the referrer chosen since
    assert _referred(store) == {a: None, b: a, c: d, d: None}


def _mail(store: Store, clock: FixedClock, contact: int, message_id: str, refs: list[str]) -> None:
    with store.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO mail_messages (message_id, contact_id, direction, thread_key, at_utc) VALUES (?, ?, 'in', ?, ?)",
            (message_id, contact, message_id, to_db(clock.now())),
        )
        conn.executemany("INSERT INTO mail_references VALUES (?, ?)", [(cursor.lastrowid, r) for r in refs])


@pytest.mark.parametrize("in_bulk", [True, False], ids=["bulk-delete", "single-delete"])
def test_undo_after_a_contact_added_meanwhile_took_the_deleted_ones_row_ids(
    store: Store, clock: FixedClock, in_bulk: bool
) -> None:
    # GIVEN Ana, and Bo added last, with an email and a phone each, and Bo's mail logged last, with a
    # reference (their rows' ids are given again once freed)
    store.contacts.add(Contact(name="Ana", emails=[V("ana@x.example")], phones=[V("+351 1")]))
    b = store.contacts.add(Contact(name="Bo", emails=[V("bo@x.example")], phones=[V("+351 2")]))
    _mail(store, clock, b, "<bo@x>", ["<earlier@x>"])
    # WHEN Bo is deleted, Cy is added with an email and a phone and a mail of hers logged (neither has an Undo
    # of its own), and the delete is undone
    done = bulk.delete(store, [b]) if in_bulk else store.contacts.delete(b)
    c = store.contacts.add(Contact(name="Cy", emails=[V("cy@x.example")], phones=[V("+351 3")]))
    _mail(store, clock, c, "<cy@x>", ["<other@x>"])
    if isinstance(done, bulk.BulkResult):
        bulk.undo(store, done)
    else:
        store.contacts.restore(done)
    # THEN Bo is back with his email and phone, and Cy keeps hers
    assert store.contacts.get(b).emails == [V("bo@x.example")] and store.contacts.get(b).phones == [V("+351 2")]
    assert store.contacts.get(c).emails == [V("cy@x.example")] and store.contacts.get(c).phones == [V("+351 3")]
    mails = (
        "SELECT m.contact_id, m.message_id, r.ref FROM mail_messages m JOIN mail_references r ON r.message_row = m.id"
    )
    assert sorted(store.conn.execute(mails).fetchall()) == [(b, "<bo@x>", "<earlier@x>"), (c, "<cy@x>", "<other@x>")]
    assert _stashes(store) == []
