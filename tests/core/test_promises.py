"""Reply promises and what a touch point sets in motion
(followup/planning/promises.py, followup/engine/touch_points.py).

The store's clock stands at Monday 2026-11-23 09:30Z; the user is in
Europe/Lisbon, which is on UTC (+00:00) in November. 2026-11-20 is a Friday.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from followup.clock import FixedClock
from followup.domain import Channel, Direction, Kind, TouchPoint
from followup.engine import follow_ups as engine
from followup.engine.touch_points import log_touch_point
from followup.errors import NotFoundError
from followup.planning.model import FollowUp, Source, Status
from followup.store import Store

FRIDAY_18 = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)  # Friday 18:00 in Lisbon too


def touch(
    contact_id: int, at: datetime, direction: Direction, channel: Channel = Channel.EMAIL, **fields: object
) -> TouchPoint:
    return TouchPoint(
        contact_id=contact_id,
        at=at,
        channel=channel,
        direction=direction,
        summary="About the invoice",
        tz="Europe/Lisbon",
        **fields,
    )  # type: ignore[arg-type]


def replies(store: Store, contact_id: int) -> list[FollowUp]:
    return [f for f in store.follow_ups.for_contact(contact_id, open_only=False) if f.source == Source.REPLY]


def test_an_inbound_message_needing_a_reply_is_due_24_hours_later_even_on_a_saturday(
    store: Store, add_contact: Callable[..., int]
) -> None:
    # GIVEN Ana wrote on Friday at 18:00 and is waiting for an answer
    ana = add_contact("Ana Lima")
    # WHEN it is logged
    logged = log_touch_point(store, touch(ana, FRIDAY_18, Direction.IN, needs_reply=True))
    # THEN one reply promise opens, due exactly 24 h later: Saturday 18:00, not moved to Monday
    (promise,) = replies(store, ana)
    assert logged.created == [promise.id]
    assert promise.due == datetime(2026, 11, 21, 18, 0, tzinfo=UTC)
    assert promise.status == Status.OPEN
    assert promise.origin_touch_point_id == logged.touch_point_id
    assert promise.channel == "email"
    assert promise.title == "Reply to Ana: About the invoice"


def test_the_reply_window_setting_is_honoured(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN a 48-hour reply window
    store.settings.set("reply_window_hours", 48)
    ana = add_contact("Ana Lima")
    # WHEN a Friday 18:00 message needing a reply is logged
    log_touch_point(store, touch(ana, FRIDAY_18, Direction.IN, needs_reply=True))
    # THEN it is due Sunday 18:00 (48 h later), and the note says 48
    (promise,) = replies(store, ana)
    assert promise.due == datetime(2026, 11, 22, 18, 0, tzinfo=UTC)
    assert "48 hours" in promise.notes


def test_an_inbound_message_that_needs_no_reply_opens_nothing(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN a message that needs no reply WHEN logged THEN no promise
    ana = add_contact("Ana Lima")
    assert log_touch_point(store, touch(ana, FRIDAY_18, Direction.IN)).created == []
    assert replies(store, ana) == []


def test_an_outbound_reply_closes_the_promise_and_the_response_time_follows(
    store: Store, add_contact: Callable[..., int]
) -> None:
    # GIVEN an open reply promise for Ana's Friday 18:00 message
    ana = add_contact("Ana Lima")
    origin = log_touch_point(store, touch(ana, FRIDAY_18, Direction.IN, needs_reply=True)).touch_point_id
    # WHEN the user answers on Saturday at 10:00
    answer_at = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
    answer = log_touch_point(store, touch(ana, answer_at, Direction.OUT))
    # THEN the promise is done, closed at the reply's time, by the reply
    (promise,) = replies(store, ana)
    assert answer.closed == [promise.id]
    assert promise.status == Status.DONE
    assert promise.completed_at == answer_at
    assert promise.resolved_by_touch_point_id == answer.touch_point_id
    # and the response time is reply minus message: 18:00 Fri -> 10:00 Sat = 16 h
    assert promise.completed_at - store.touch_points.get(origin).at == timedelta(hours=16)


def test_a_meeting_at_the_same_instant_closes_the_promise(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN an open promise for a Friday 18:00 message
    ana = add_contact("Ana Lima")
    log_touch_point(store, touch(ana, FRIDAY_18, Direction.IN, needs_reply=True))
    # WHEN a meeting is logged at that very instant ("at or after")
    met = log_touch_point(store, touch(ana, FRIDAY_18, Direction.MET, Channel.IN_PERSON))
    # THEN it counts as the reply
    (promise,) = replies(store, ana)
    assert (promise.status, promise.completed_at, promise.resolved_by_touch_point_id) == (
        Status.DONE,
        FRIDAY_18,
        met.touch_point_id,
    )


def test_an_outbound_message_from_before_the_inbound_one_does_not_close_it(
    store: Store, add_contact: Callable[..., int]
) -> None:
    # GIVEN an open promise for Ana's Friday 18:00 message
    ana = add_contact("Ana Lima")
    log_touch_point(store, touch(ana, FRIDAY_18, Direction.IN, needs_reply=True))
    # WHEN the user logs (afterwards) an email they had sent at 17:00, before her message
    earlier = log_touch_point(store, touch(ana, FRIDAY_18 - timedelta(hours=1), Direction.OUT))
    # THEN it did not answer her: the promise stays open
    (promise,) = replies(store, ana)
    assert earlier.closed == []
    assert promise.status == Status.OPEN
    assert promise.completed_at is None


def test_an_outbound_message_logged_before_the_inbound_one_does_not_close_it(
    store: Store, add_contact: Callable[..., int]
) -> None:
    # GIVEN the user emailed Ana at 17:00
    ana = add_contact("Ana Lima")
    log_touch_point(store, touch(ana, FRIDAY_18 - timedelta(hours=1), Direction.OUT))
    # WHEN her message needing a reply arrives at 18:00
    log_touch_point(store, touch(ana, FRIDAY_18, Direction.IN, needs_reply=True))
    # THEN the promise is open
    (promise,) = replies(store, ana)
    assert promise.status == Status.OPEN


def test_a_reply_to_someone_else_does_not_close_the_promise(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN Ana is waiting for an answer WHEN the user emails Bo THEN Ana's promise stays open
    ana, bo = add_contact("Ana Lima"), add_contact("Bo Chen")
    log_touch_point(store, touch(ana, FRIDAY_18, Direction.IN, needs_reply=True))
    log_touch_point(store, touch(bo, FRIDAY_18 + timedelta(hours=1), Direction.OUT))
    assert replies(store, ana)[0].status == Status.OPEN


def test_a_difficult_email_is_answered_by_phone(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN Ana sent a difficult email that needs a reply
    ana = add_contact("Ana Lima")
    # WHEN it is logged
    log_touch_point(store, touch(ana, FRIDAY_18, Direction.IN, needs_reply=True, difficult=True))
    # THEN the reply is a phone call, and its note says call, not email
    (promise,) = replies(store, ana)
    assert promise.channel == "phone"
    assert promise.title == "Call Ana back: About the invoice"
    assert "call, not an email" in promise.notes
    # still a promise: due 24 h after the message
    assert promise.due == FRIDAY_18 + timedelta(hours=24)


def test_a_difficult_phone_call_stays_a_phone_call(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN a difficult inbound call WHEN logged THEN the reply is by phone, as it came in
    ana = add_contact("Ana Lima")
    log_touch_point(store, touch(ana, FRIDAY_18, Direction.IN, Channel.PHONE, needs_reply=True, difficult=True))
    assert replies(store, ana)[0].channel == "phone"


def test_any_touch_point_closes_the_open_cadence_follow_up(
    store: Store, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    # GIVEN a client created 40 days ago and never touched, so a stay-in-touch follow-up is open
    now = clock.now()
    clock.set(now - timedelta(days=40))
    ana = add_contact("Ana Lima", kind=Kind.CLIENT)
    clock.set(now)
    (cadence_id,) = engine.sync_cadences(store)
    # WHEN she writes in (inbound, no reply needed)
    at = now - timedelta(hours=1)
    logged = log_touch_point(store, touch(ana, at, Direction.IN))
    # THEN the cadence follow-up is done, kept by that touch point
    fu = store.follow_ups.get(cadence_id)
    assert logged.closed == [cadence_id]
    assert (fu.status, fu.completed_at, fu.resolved_by_touch_point_id) == (Status.DONE, at, logged.touch_point_id)


def test_logging_is_all_or_nothing(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN a touch point for a contact that does not exist
    before = (store.touch_points.count(), store.conn.execute("SELECT count(*) FROM follow_ups").fetchone()[0])
    # WHEN logged THEN it fails and nothing is written
    with pytest.raises(NotFoundError, match="9999"):
        log_touch_point(store, touch(9999, FRIDAY_18, Direction.IN, needs_reply=True))
    after = (store.touch_points.count(), store.conn.execute("SELECT count(*) FROM follow_ups").fetchone()[0])
    assert after == before


def test_a_kinds_reply_window_in_working_hours_counts_working_time_only() -> None:
    from datetime import UTC, datetime

    from followup.domain import Channel, Direction, TouchPoint
    from followup.planning.promises import reply_follow_up
    from followup.preferences import Preferences

    # GIVEN clients get an answer within 4 working hours (Lisbon, 09:00-17:30, Mon-Fri)
    prefs = Preferences(user_tz="Europe/Lisbon", reply_windows={"client": (4, True), "supplier": (48, False)})
    # WHEN a client writes on Friday 11-27 at 16:00 (+00:00)
    tp = TouchPoint(1, datetime(2026, 11, 27, 16, tzinfo=UTC), Channel.EMAIL, Direction.IN, "Q", needs_reply=True)
    fu = reply_follow_up(tp, "Ana", prefs, kind="client")
    # THEN 1.5 h count on Friday, 2.5 h on Monday: due Monday 11-30 at 11:30
    assert fu.due == datetime(2026, 11, 30, 11, 30, tzinfo=UTC)
    assert "4 working hours" in fu.notes
    # AND a supplier's 48 h are exact hours
    assert reply_follow_up(tp, "Bo", prefs, kind="supplier").due == datetime(2026, 11, 29, 16, tzinfo=UTC)
    # AND another kind keeps the default 24 h
    assert reply_follow_up(tp, "Cy", prefs, kind="other").due == datetime(2026, 11, 28, 16, tzinfo=UTC)
