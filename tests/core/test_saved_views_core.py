"""Saved views (issue 15): criteria combined with the one matching rule,
stored by name, and the migration from every earlier version."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from followup import duplicates
from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, Kind, LabelledValue, TouchPoint
from followup.engine.touch_points import log_touch_point
from followup.errors import NotFoundError, ValidationError
from followup.preferences import Preferences
from followup.saved_views import Criteria, compile_view, day_of
from followup.store import Store, migrations
from followup.store import saved_views as stored
from followup.store.migration_saved_views import _v_saved_views

MINE = migrations.MIGRATIONS.index(_v_saved_views) + 1


def _names(store: Store, criteria: Criteria) -> list[str]:
    f = compile_view(store, criteria, store.clock.now(), Preferences.load(store))
    return sorted(r.name for r in f.select(store.contacts.rows()))


@pytest.fixture
def people(store: Store, add_contact: Callable[..., int], clock: FixedClock) -> dict[str, int]:
    ids = {
        "José Peña": add_contact("José Peña", kind=Kind.CLIENT, organisation="Café Olé", tags=["vip"]),
        "María González": add_contact("María González", kind=Kind.CLIENT, organisation="cafe ole "),
        "Emma Taylor": add_contact("Emma Taylor", kind=Kind.SUPPLIER, tags=["VIP", "renewal"]),
        "Li Wei": add_contact("Li Wei", kind=Kind.MANAGER, phones=[LabelledValue("+49 30 1234567")]),
    }
    now = clock.now()
    for name, days in (("José Peña", 3), ("María González", 40), ("Emma Taylor", 100)):
        tp = TouchPoint(ids[name], now - timedelta(days=days), Channel.EMAIL, Direction.OUT, "Hello")
        log_touch_point(store, tp)
    # Li Wei wrote and waits for an answer (a reply promise opens)
    log_touch_point(
        store, TouchPoint(ids["Li Wei"], now - timedelta(hours=2), Channel.EMAIL, Direction.IN, "?", needs_reply=True)
    )
    return ids


def test_each_criterion_and_their_combination(store: Store, people: dict[str, int]) -> None:
    # GIVEN four contacts of different kinds, tags, organisations and silences
    # THEN each criterion selects as a person expects
    assert _names(store, Criteria(kind=Kind.CLIENT)) == ["José Peña", "María González"]
    assert _names(store, Criteria(tag="vip")) == ["Emma Taylor", "José Peña"]  # any case
    assert _names(store, Criteria(organisation="Cafe Ole")) == ["José Peña", "María González"]  # accents folded
    assert _names(store, Criteria(needs_reply=True)) == ["Li Wei"]
    # clients: ideal 30, limit 60; suppliers 42/84 (the defaults)
    assert _names(store, Criteria(drifting=True)) == ["María González"]
    assert _names(store, Criteria(overdue=True)) == ["Emma Taylor"]
    assert _names(store, Criteria(drifting=True, overdue=True)) == ["Emma Taylor", "María González"]
    assert _names(store, Criteria(touched_before="30d")) == ["Emma Taylor", "María González"]
    assert _names(store, Criteria(touched_after="2026-11-01")) == ["José Peña", "Li Wei"]
    # the text filter is followup.matching's: accents, any order, phone digits
    assert _names(store, Criteria(text="pena jose")) == ["José Peña"]
    assert _names(store, Criteria(text="030 1234")) == ["Li Wei"]
    # AND across criteria
    assert _names(store, Criteria(kind=Kind.CLIENT, tag="vip", text="jose")) == ["José Peña"]
    assert _names(store, Criteria(kind=Kind.CLIENT, needs_reply=True)) == []
    assert _names(store, Criteria()) == sorted(people)


@pytest.mark.parametrize("text", ["2026-02-31", "yesterday", "31 Feb", "2026-13-01", "-5d"])
def test_a_date_that_is_no_date_is_one_sentence(text: str) -> None:
    # GIVEN a date a person mistyped WHEN it is read THEN a sentence says how to write it
    with pytest.raises(ValidationError) as error:
        day_of(text, date(2026, 11, 23), "Last touched before")
    assert str(error.value).startswith("Last touched before")


def test_relative_days() -> None:
    assert day_of("90d", date(2026, 11, 23)) == date(2026, 8, 25)
    assert day_of("2w", date(2026, 11, 23)) == date(2026, 11, 9)


def test_views_are_saved_listed_renamed_deleted_and_restored(store: Store) -> None:
    # GIVEN two saved views
    vip = stored.save(store, "VIP clients", Criteria(kind=Kind.CLIENT, tag="vip"))
    stored.save(store, "Waiting on me", Criteria(needs_reply=True))
    assert [v.name for v in stored.all_views(store)] == ["VIP clients", "Waiting on me"]
    assert stored.find(store, "vip CLIENTS").criteria == Criteria(kind=Kind.CLIENT, tag="vip")
    # WHEN a name is taken THEN it is refused unless replacing
    with pytest.raises(ValidationError, match="exists already"):
        stored.save(store, "vip clients", Criteria())
    stored.save(store, "vip clients", Criteria(kind=Kind.CLIENT), replace=True)
    assert stored.find(store, "VIP clients").criteria == Criteria(kind=Kind.CLIENT)
    # renamed, never onto another view's name, never empty
    stored.rename(store, vip, "Key clients")
    with pytest.raises(ValidationError, match="exists already"):
        stored.rename(store, vip, "waiting on me")
    with pytest.raises(ValidationError, match="cannot be empty"):
        stored.rename(store, vip, "   ")
    # deleted, and put back by Undo
    gone = stored.delete(store, vip)
    with pytest.raises(NotFoundError, match="Saved views: Waiting on me"):
        stored.find(store, "Key clients")
    stored.restore(store, gone)
    assert [v.name for v in stored.all_views(store)] == ["Key clients", "Waiting on me"]


def test_criteria_written_behind_the_apps_back_are_never_fatal(store: Store) -> None:
    # GIVEN views whose stored criteria are damaged
    now = "2026-01-01T00:00:00Z"
    for name, text in (("a", "not json"), ("b", "[1, 2]"), ("c", '{"kind": "alien", "tag": 5, "overdue": true}')):
        store.conn.execute(
            "INSERT INTO saved_views (name, criteria, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (name, text, now, now),
        )
    # THEN each reads as what can be read
    assert [v.criteria for v in stored.all_views(store)] == [Criteria(), Criteria(), Criteria(overdue=True)]


def test_criteria_round_trip_and_describe() -> None:
    c = Criteria(text="berlin", kind=Kind.CLIENT, tag="vip", drifting=True, overdue=True, touched_before="90d")
    assert Criteria.from_json(c.to_json()) == c
    assert (
        c.describe()
        == "“berlin” · Clients · tag vip · drifting or overdue · last touched before 90 days ago (or never)"
    )


@pytest.mark.parametrize("old", range(1, MINE))
def test_every_earlier_version_gains_saved_views_with_its_data(tmp_path: Path, clock: FixedClock, old: int) -> None:
    # GIVEN a database at an earlier version, with a contact and a touch point
    path = tmp_path / "followup.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(conn, target=old)
    conn.execute(
        "INSERT INTO contacts (name, created_at, updated_at) VALUES ('Ana Lima', '2025-01-01T00:00:00Z', "
        "'2025-01-01T00:00:00Z')"
    )
    conn.execute(
        "INSERT INTO touch_points (contact_id, at_utc, channel, direction, summary, created_at, updated_at) "
        "VALUES (1, '2025-06-01T10:00:00Z', 'phone', 'out', 'Kick-off', '2025-06-01T10:00:00Z', "
        "'2025-06-01T10:00:00Z')"
    )
    conn.close()
    # WHEN the current version opens it
    with Store.open(path, clock) as store:
        # THEN its data is there and views can be saved and dismissals kept
        assert store.schema_version == migrations.LATEST
        assert store.contacts.get(1).name == "Ana Lima"
        assert store.touch_points.count_for(1) == 1
        stored.save(store, "Everyone", Criteria())
        assert [v.name for v in stored.all_views(store)] == ["Everyone"]
        other = store.contacts.add(Contact(name="Ana  LIMA"))
        assert [p.ids for p in duplicates.find(store)] == [(1, other)]
        duplicates.dismiss(store, other, 1)
        assert duplicates.find(store) == []
        assert store.conn.execute("SELECT contact_low, contact_high FROM duplicate_dismissals").fetchall() == [
            (1, other)
        ]
    assert len(list(tmp_path.glob(f"followup.db.v{old}-*.bak"))) == 1
