"""Merging two contacts and undoing it (issue 15: "Undo works"): after the
undo both contacts are exactly as they were, each with what was theirs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from followup import duplicates
from followup.clock import FixedClock
from followup.domain import Channel, Contact, ContactDate, DateKind, Direction, Kind, LabelledValue, Link, TouchPoint
from followup.engine.merge_undo import merge_with_undo, unmerge
from followup.engine.touch_points import log_touch_point
from followup.store import Store


def _state(store: Store) -> dict[str, Any]:
    """Everything the two contacts own, without the row ids of their records (rewritten on save)."""
    conn = store.conn
    return {
        "contacts": conn.execute(
            "SELECT id, name, organisation, title, kind, notes, referred_by, last_touched_at FROM contacts ORDER BY id"
        ).fetchall(),
        "emails": conn.execute("SELECT contact_id, position, address FROM contact_emails ORDER BY 1, 2").fetchall(),
        "phones": conn.execute("SELECT contact_id, position, number FROM contact_phones ORDER BY 1, 2").fetchall(),
        "tags": conn.execute("SELECT contact_id, tag FROM contact_tags ORDER BY 1, 2").fetchall(),
        "dates": conn.execute("SELECT contact_id, kind, month, day, year FROM contact_dates ORDER BY 1, 2").fetchall(),
        "links": conn.execute("SELECT contact_id, url FROM contact_links ORDER BY 1, 2").fetchall(),
        "touch_points": conn.execute("SELECT id, contact_id, summary FROM touch_points ORDER BY id").fetchall(),
        "follow_ups": conn.execute("SELECT id, contact_id, source, status FROM follow_ups ORDER BY id").fetchall(),
        "engagements": conn.execute("SELECT * FROM engagement_contacts ORDER BY 1, 2").fetchall(),
        "dismissals": conn.execute("SELECT contact_low, contact_high FROM duplicate_dismissals").fetchall(),
        "fts": conn.execute("SELECT rowid FROM touch_points_fts WHERE touch_points_fts MATCH 'renewal'").fetchall(),
    }


def test_undo_puts_both_contacts_back_as_they_were(store: Store, clock: FixedClock) -> None:
    # GIVEN two Emma Taylors, each with a history, a reply owed, dates, links, a shared engagement
    keep = store.contacts.add(
        Contact(
            name="Emma Taylor",
            kind=Kind.CLIENT,
            emails=[LabelledValue("emma@one.example")],
            tags=["vip"],
            dates=[ContactDate(DateKind.BIRTHDAY, 4, 12, 1980)],
        )
    )
    other = store.contacts.add(
        Contact(
            name="Emma Taylor",
            organisation="Two Ltd",
            emails=[LabelledValue("emma@two.example"), LabelledValue("EMMA@one.example")],
            phones=[LabelledValue("+44 20 7946 0000")],
            tags=["renewal"],
            notes="Prefers mornings",
            dates=[ContactDate(DateKind.CONTRACT_RENEWAL, 1, 31)],
            links=[Link("https://example.com/emma", "homepage")],
        )
    )
    friend = store.contacts.add(Contact(name="Ana Lima", referred_by=other))
    store.contacts.add(Contact(name="Emma T Aylor"))
    now = clock.now()
    log_touch_point(store, TouchPoint(keep, now - timedelta(days=9), Channel.EMAIL, Direction.OUT, "Kick-off"))
    log_touch_point(
        store, TouchPoint(other, now - timedelta(days=2), Channel.EMAIL, Direction.IN, "renewal?", needs_reply=True)
    )
    store.conn.execute(
        "INSERT INTO engagements (id, title, start_utc, uid, created_at, updated_at) "
        "VALUES (1, 'Review', '2026-12-01T10:00:00Z', 'u1', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"
    )
    store.conn.execute(
        "INSERT INTO engagements (id, title, start_utc, uid, created_at, updated_at) "
        "VALUES (2, 'Visit', '2026-12-02T10:00:00Z', 'u2', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"
    )
    store.conn.executemany(
        "INSERT INTO engagement_contacts (engagement_id, contact_id) VALUES (?, ?)", [(1, keep), (1, other), (2, other)]
    )
    duplicates.dismiss(store, other, friend)
    before = _state(store)
    # WHEN the two are merged
    result, snap = merge_with_undo(store, keep, other)
    # THEN KEEP has everything
    merged = store.contacts.get(keep)
    assert [e.value for e in merged.emails] == ["emma@one.example", "emma@two.example"]
    assert result.moved["touch_points"] == 1 and result.moved["engagement_contacts"] == 1
    assert store.contacts.get(friend).referred_by == keep
    assert store.conn.execute("SELECT count(*) FROM contacts WHERE id = ?", (other,)).fetchone()[0] == 0
    # WHEN the merge is undone
    unmerge(store, snap)
    # THEN both are exactly as they were, each with their own
    assert _state(store) == before
    assert store.contacts.get(other).links[0].url == "https://example.com/emma"
    assert store.contacts.get(friend).referred_by == other
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
