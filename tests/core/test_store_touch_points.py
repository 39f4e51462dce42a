"""Touch points: the log, last-touched, the future rule, and full-text search."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from followup.clock import FixedClock
from followup.domain import Channel, Direction, Mood, TouchPoint
from followup.errors import NotFoundError, ValidationError
from followup.store import Store

AddContact = Callable[..., int]
LogTp = Callable[..., int]
HOUR = timedelta(hours=1)


def test_add_then_get_returns_every_field(store: Store, add_contact: AddContact) -> None:
    # GIVEN a contact WHEN a touch point with every field is logged (at a time given with an offset)
    ana = add_contact()
    tp = TouchPoint(
        contact_id=ana,
        at=datetime(2026, 11, 20, 5, 45, tzinfo=ZoneInfo("America/New_York")),  # EST: 10:45 UTC
        channel=Channel.VIDEO,
        direction=Direction.MET,
        summary="Renewal call",
        tz="America/New_York",
        notes="Agreed on Q1.\nSend the draft.",
        mood=Mood.STRESSED,
        needs_reply=True,
        difficult=True,
        satisfaction=2,
    )
    tp_id = store.touch_points.add(tp)
    # THEN it reads back identical, its instant in UTC
    got = store.touch_points.get(tp_id)
    assert got == TouchPoint(
        id=tp_id,
        contact_id=ana,
        at=datetime(2026, 11, 20, 10, 45, tzinfo=UTC),
        channel=Channel.VIDEO,
        direction=Direction.MET,
        summary="Renewal call",
        tz="America/New_York",
        notes="Agreed on Q1.\nSend the draft.",
        mood=Mood.STRESSED,
        needs_reply=True,
        difficult=True,
        satisfaction=2,
    )
    assert got.at.utcoffset() == timedelta(0)
    assert store.contacts.get(ana).last_touched_at == datetime(2026, 11, 20, 10, 45, tzinfo=UTC)


def test_update_delete_and_restore(store: Store, add_contact: AddContact, log_tp: LogTp, clock: FixedClock) -> None:
    # GIVEN a logged touch point
    ana = add_contact()
    tp_id = log_tp(ana, clock.now() - HOUR, "Call", notes="first")
    # WHEN edited
    tp = store.touch_points.get(tp_id)
    tp.summary, tp.notes, tp.mood, tp.satisfaction = "Long call", "second", Mood.RELAXED, 5
    store.touch_points.update(tp)
    # THEN the edit is stored
    got = store.touch_points.get(tp_id)
    assert (got.summary, got.notes, got.mood, got.satisfaction) == ("Long call", "second", Mood.RELAXED, 5)
    # WHEN deleted THEN it is gone and the contact was never touched
    removed = store.touch_points.delete(tp_id)
    with pytest.raises(NotFoundError):
        store.touch_points.get(tp_id)
    assert store.contacts.get(ana).last_touched_at is None
    # WHEN restored THEN it is back under its old id, as it was
    store.touch_points.restore(removed)
    assert store.touch_points.get(tp_id) == got
    assert store.contacts.get(ana).last_touched_at == clock.now() - HOUR


def test_last_touched_follows_the_newest_touch_point(
    store: Store, add_contact: AddContact, log_tp: LogTp, clock: FixedClock
) -> None:
    ana, bruno = add_contact("Ana"), add_contact("Bruno")
    now = clock.now()
    # GIVEN touch points logged out of order
    middle = log_tp(ana, now - 48 * HOUR)
    newest = log_tp(ana, now - 2 * HOUR)
    log_tp(ana, now - 96 * HOUR)
    assert store.contacts.get(ana).last_touched_at == now - 2 * HOUR
    # WHEN the newest is deleted THEN the next newest counts
    store.touch_points.delete(newest)
    assert store.contacts.get(ana).last_touched_at == now - 48 * HOUR
    # WHEN that one moves to Bruno THEN both contacts follow
    moved = store.touch_points.get(middle)
    moved.contact_id = bruno
    store.touch_points.update(moved)
    assert store.contacts.get(ana).last_touched_at == now - 96 * HOUR
    assert store.contacts.get(bruno).last_touched_at == now - 48 * HOUR
    assert store.contacts.row(bruno).last_touched_at == now - 48 * HOUR
    # WHEN an old one is edited to be newer THEN last touched moves forward
    moved.at = now - HOUR
    store.touch_points.update(moved)
    assert store.contacts.get(bruno).last_touched_at == now - HOUR


def test_future_beyond_twelve_hours_is_rejected(
    store: Store, add_contact: AddContact, log_tp: LogTp, clock: FixedClock
) -> None:
    ana = add_contact()
    # GIVEN the 12 h slack WHEN one second past it THEN refused and nothing stored
    with pytest.raises(ValidationError, match="in the future"):
        log_tp(ana, clock.now() + timedelta(hours=12, seconds=1))
    assert store.touch_points.count() == 0
    assert store.contacts.get(ana).last_touched_at is None
    # AND exactly at the edge is accepted
    tp_id = log_tp(ana, clock.now() + timedelta(hours=12))
    # AND an edit cannot move an entry into the future either
    tp = store.touch_points.get(tp_id)
    tp.at = clock.now() + timedelta(days=3)
    with pytest.raises(ValidationError, match="in the future"):
        store.touch_points.update(tp)
    assert store.touch_points.get(tp_id).at == clock.now() + timedelta(hours=12)


@pytest.mark.parametrize("score", [0, 6, -1, 10])
def test_satisfaction_outside_one_to_five_is_rejected(
    store: Store, add_contact: AddContact, log_tp: LogTp, score: int
) -> None:
    ana = add_contact()
    with pytest.raises(ValidationError, match=f"from 1 to 5, not {score}"):
        log_tp(ana, satisfaction=score)
    assert store.touch_points.count() == 0


@pytest.mark.parametrize("score", [1, 5])
def test_satisfaction_at_the_bounds_is_kept(store: Store, add_contact: AddContact, log_tp: LogTp, score: int) -> None:
    assert store.touch_points.get(log_tp(add_contact(), satisfaction=score)).satisfaction == score


def test_other_invalid_touch_points_write_nothing(store: Store, add_contact: AddContact, log_tp: LogTp) -> None:
    ana = add_contact()
    with pytest.raises(ValidationError, match="needs a time zone"):
        log_tp(ana, datetime(2026, 11, 20, 10, 0))
    with pytest.raises(ValidationError, match="summary cannot be empty"):
        log_tp(ana, summary="  \n ")
    with pytest.raises(ValidationError, match="Unknown time zone"):
        log_tp(ana, tz="Atlantis/Capital")
    with pytest.raises(NotFoundError, match="no contact with id 999"):
        log_tp(999)
    assert store.touch_points.count() == 0


def test_for_contact_is_newest_first(store: Store, add_contact: AddContact, log_tp: LogTp, clock: FixedClock) -> None:
    ana, other = add_contact("Ana"), add_contact("Other")
    now = clock.now()
    log_tp(ana, now - 24 * HOUR, "b")
    log_tp(ana, now - 72 * HOUR, "d")
    log_tp(other, now, "not Ana's")
    log_tp(ana, now - HOUR, "a")
    log_tp(ana, now - 48 * HOUR, "c")
    assert [tp.summary for tp in store.touch_points.for_contact(ana)] == ["a", "b", "c", "d"]
    assert [tp.summary for tp in store.touch_points.for_contact(ana, limit=2, offset=1)] == ["b", "c"]
    assert store.touch_points.count_for(ana) == 4


@pytest.fixture
def logged(store: Store, add_contact: AddContact, log_tp: LogTp, clock: FixedClock) -> dict[str, int]:
    ana = add_contact("Ana Lima")
    return {
        "budget": log_tp(ana, clock.now() - 3 * HOUR, "Budget review", notes="Numbers for 2027 look fine"),
        "cafe": log_tp(ana, clock.now() - 2 * HOUR, "Coffee", notes="Met at the café near the Zürich office"),
        "plain": log_tp(ana, clock.now() - HOUR, "Cafe visit", notes="Nothing special"),
    }


def ids(hits: list) -> list[int]:  # type: ignore[type-arg]
    return [h.touch_point_id for h in hits]


def test_search_matches_prefixes_and_ignores_accents(store: Store, logged: dict[str, int]) -> None:
    search = store.touch_points.search
    assert ids(search("budg")) == [logged["budget"]]
    assert ids(search("udget")) == []  # prefixes, not infixes
    assert ids(search("cafe")) == [logged["plain"], logged["cafe"]]  # newest first
    assert ids(search("CAFÉ")) == [logged["plain"], logged["cafe"]]
    assert ids(search("zurich")) == [logged["cafe"]]
    assert ids(search("café zur")) == [logged["cafe"]]  # every word must appear
    assert ids(search("cafe budget")) == []
    hit = search("zurich")[0]
    assert (hit.contact_name, hit.summary) == ("Ana Lima", "Coffee")
    assert "\x02Zürich\x03" in hit.snippet


def test_search_orders_newest_by_when_it_happened_or_by_relevance(
    store: Store, add_contact: AddContact, log_tp: LogTp, clock: FixedClock
) -> None:
    # GIVEN a recent note logged first, then an old one logged later (an import of history)
    ana = add_contact("Ana Lima")
    recent = log_tp(ana, clock.now() - HOUR, "Call", notes="budget budget budget, the budget again")
    old = log_tp(ana, clock.now() - 400 * HOUR, "Lunch", notes="a word on the budget")
    # WHEN searched newest first (the default) THEN the recent one comes first, whatever the order logged
    assert ids(store.touch_points.search("budget")) == [recent, old]
    assert ids(store.touch_points.search("budget", order="logged")) == [old, recent]
    # WHEN searched by relevance THEN the note that says it most comes first
    assert ids(store.touch_points.search("budget", order="relevance"))[0] == recent
    assert ids(store.touch_points.search("lunch budget", order="relevance")) == [old]
    # AND an unknown order is refused
    with pytest.raises(ValueError, match="unknown search order"):
        store.touch_points.search("budget", order="random")


def test_search_snippet_comes_from_the_notes_never_the_summary(store: Store, logged: dict[str, int]) -> None:
    # GIVEN "Cafe visit" whose notes say "Nothing special" WHEN searched by a word of its summary
    [hit] = [h for h in store.touch_points.search("visit")]
    # THEN the snippet is the notes, not the summary repeated
    assert hit.summary == "Cafe visit"
    assert hit.snippet == "Nothing special"


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"budget',
        "(",
        ")",
        "(budget",
        "AND",
        "OR",
        "NOT",
        "NEAR(",
        "*",
        "-",
        "^",
        "budget AND",
        "a OR -b",
        "summary:x",
        "{summary notes}: x",
        "'; DROP TABLE touch_points; --",
        "",
        "   ",
        "\x00",
        "🙂",
        "\\",
    ],
)
def test_search_syntax_characters_never_raise(store: Store, logged: dict[str, int], query: str) -> None:
    assert isinstance(store.touch_points.search(query), list)
    assert store.touch_points.count() == 3


@pytest.mark.parametrize("query", ['"budget"', "budget*", "-budget", "^budget", "(budget)", "budget -"])
def test_search_operators_are_taken_as_plain_words(store: Store, logged: dict[str, int], query: str) -> None:
    assert ids(store.touch_points.search(query)) == [logged["budget"]]


def test_search_sees_edits_deletes_and_restores(
    store: Store, logged: dict[str, int], fts_ok: Callable[[], bool]
) -> None:
    # WHEN notes are edited THEN the old words are gone and the new ones found
    tp = store.touch_points.get(logged["budget"])
    tp.notes = "Quokka sightings"
    store.touch_points.update(tp)
    assert ids(store.touch_points.search("numbers")) == []
    assert ids(store.touch_points.search("quokka")) == [logged["budget"]]
    # AND the summary too
    tp.summary = "Wildlife"
    store.touch_points.update(tp)
    assert ids(store.touch_points.search("budget")) == []
    assert ids(store.touch_points.search("wildlife")) == [logged["budget"]]
    # WHEN deleted THEN not found; WHEN restored THEN found again
    removed = store.touch_points.delete(logged["budget"])
    assert ids(store.touch_points.search("quokka")) == []
    store.touch_points.restore(removed)
    assert ids(store.touch_points.search("quokka")) == [logged["budget"]]
    assert fts_ok()


def test_restore_after_a_new_entry_took_the_old_id(store: Store, add_contact: AddContact, log_tp: LogTp) -> None:
    ana = add_contact()
    removed = store.touch_points.delete(log_tp(ana, summary="Deleted"))
    newer = log_tp(ana, summary="Logged after")
    store.touch_points.restore(removed)
    assert {store.touch_points.get(i).summary for i in (removed.id, newer)} == {"Deleted", "Logged after"}
