"""Snoozing never brings anything forward (issue 13).

The clock stands at Monday 2026-11-23 09:30Z; the user is in Europe/Lisbon
(+00:00 in November), working Monday to Friday 09:00-17:30.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from followup.engine import follow_ups as engine
from followup.errors import ValidationError
from followup.planning.model import FollowUp, Source
from followup.preferences import Preferences
from followup.store import Store

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
LISBON = Preferences(user_tz="Europe/Lisbon")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def manual(store: Store, contact_id: int, due: datetime) -> int:
    return store.follow_ups.add(
        FollowUp(contact_id=contact_id, title="Send the quote", source=Source.MANUAL, due=due, tz="Europe/Lisbon")
    )


def test_snoozing_to_before_the_due_time_is_refused_and_points_to_reschedule(
    store: Store, add_contact: Callable[..., int]
) -> None:
    # GIVEN a follow-up due next Monday 11-30 09:00Z
    fid = manual(store, add_contact("Ana Lima"), utc(2026, 11, 30, 9))
    # WHEN it is snoozed until an hour from now (which would make it due today)
    with pytest.raises(ValidationError, match="reschedule"):
        engine.snooze(store, fid, NOW + timedelta(hours=1))
    # THEN it is refused and nothing changed: it is not due this week's Monday
    fu = store.follow_ups.get(fid)
    assert (fu.snoozed_until, fu.due) == (None, utc(2026, 11, 30, 9))
    assert engine.due(store, NOW + timedelta(hours=2)) == []


def test_snoozing_after_the_due_time_is_allowed(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN a follow-up due next Monday WHEN snoozed to an hour after it THEN it wakes then
    fid = manual(store, add_contact("Ana Lima"), utc(2026, 11, 30, 9))
    engine.snooze(store, fid, utc(2026, 11, 30, 10))
    assert store.follow_ups.get(fid).snoozed_until == utc(2026, 11, 30, 10)


def test_presets_count_from_the_due_time_when_it_is_later_than_now() -> None:
    # GIVEN an item due next Monday 11-30 09:00Z (Lisbon +00:00)
    due = utc(2026, 11, 30, 9)
    # WHEN the snooze menu is built for it
    presets = engine.snooze_presets(NOW, LISBON, due=due)
    # THEN every choice is after its due time: an hour after it, the next working morning, a week on
    assert presets == {
        "1 hour": utc(2026, 11, 30, 10),
        "Tomorrow morning": utc(2026, 12, 1, 9),
        "Next week": utc(2026, 12, 7, 9),
    }
    assert all(when > due for when in presets.values())


def test_presets_for_an_overdue_item_count_from_now() -> None:
    # GIVEN an item that was due last Friday WHEN the menu is built THEN "1 hour" is an hour from now
    presets = engine.snooze_presets(NOW, LISBON, due=utc(2026, 11, 20, 9))
    assert presets["1 hour"] == NOW + timedelta(hours=1)


@pytest.mark.parametrize(
    ("now", "due", "expected"),
    [
        # Monday 09:30 in Lisbon, overdue: the next full hour, 10:00
        (NOW, utc(2026, 11, 20, 9), utc(2026, 11, 23, 10)),
        # Monday 17:10: the next full hour (18:00) is after work, so Tuesday 09:00
        (utc(2026, 11, 23, 17, 10), utc(2026, 11, 20, 9), utc(2026, 11, 24, 9)),
        # Friday 20:00: Monday 09:00
        (utc(2026, 11, 27, 20), utc(2026, 11, 20, 9), utc(2026, 11, 30, 9)),
        # due next Monday 11-30 09:00: an hour after it, never before it
        (NOW, utc(2026, 11, 30, 9), utc(2026, 11, 30, 10)),
        # exactly on the hour at 14:00: the next one, 15:00 (never the current minute)
        (utc(2026, 11, 23, 14), utc(2026, 11, 20, 9), utc(2026, 11, 23, 15)),
    ],
    ids=["next-hour", "after-work", "weekend", "due-later", "on-the-hour"],
)
def test_pick_a_time_starts_at_a_sensible_time(now: datetime, due: datetime, expected: datetime) -> None:
    # GIVEN the time and the item's due time WHEN Pick a time opens THEN it starts at a sensible time
    assert engine.pick_time_default(now, LISBON, due=due) == expected
