"""Reply promises close only where the user can see it (issue 13).

The clock stands at Monday 2026-11-23 09:30Z; the user is in Europe/Lisbon
(+00:00 in November). Bo wrote at 08:00Z and is waiting for an answer: the
promise is due 24 h later, Tuesday 08:00Z.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from followup.clock import FixedClock
from followup.domain import Channel, Direction, TouchPoint
from followup.engine import follow_ups as engine
from followup.engine import replies
from followup.engine.touch_points import log_touch_point
from followup.errors import ValidationError
from followup.insights.period import last_days
from followup.insights.queries import compute
from followup.planning.model import FollowUp, Source, Status
from followup.preferences import Preferences
from followup.store import Store

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
ARRIVED = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def message(contact_id: int, at: datetime, direction: Direction, summary: str, **fields: object) -> TouchPoint:
    return TouchPoint(contact_id, at, Channel.EMAIL, direction, summary, tz="Europe/Lisbon", **fields)  # type: ignore[arg-type]


@pytest.fixture
def bo(add_contact: Callable[..., int]) -> int:
    return add_contact("Bo Chen")


@pytest.fixture
def promise(store: Store, bo: int) -> int:
    """Bo's question, waiting for an answer."""
    logged = log_touch_point(store, message(bo, ARRIVED, Direction.IN, "Question about the offer", needs_reply=True))
    return logged.created[0]


def open_replies(store: Store) -> list[int]:
    return [f.id for f in engine.due(store, NOW + timedelta(days=2)) if f.source == Source.REPLY]  # type: ignore[misc]


def waiting_in_insights(store: Store, now: datetime = NOW) -> int:
    prefs = Preferences.load(store)
    return compute(store, prefs, last_days(7, now), now).overall.replies_waiting


def test_a_newsletter_marked_not_a_reply_closes_nothing(store: Store, bo: int, promise: int) -> None:
    # GIVEN Bo's open promise WHEN a newsletter goes out to Bo, marked not a reply
    logged = log_touch_point(store, message(bo, NOW, Direction.OUT, "November newsletter"), answers=[])
    # THEN the promise stays open, and due and Insights both still count it
    assert logged.closed == []
    assert store.follow_ups.get(promise).status == Status.OPEN
    assert open_replies(store) == [promise]
    assert waiting_in_insights(store) == 1


def test_done_with_a_log_on_an_unrelated_step_keeps_the_reply_promise_open(store: Store, bo: int, promise: int) -> None:
    # GIVEN Bo's open promise and an unrelated planned step ("Send the agenda")
    step = store.follow_ups.add(
        FollowUp(contact_id=bo, title="Send the agenda", source=Source.PLAN, due=NOW, tz="Europe/Lisbon")
    )
    # WHEN the step is marked done and its email logged, three minutes on
    engine.complete(store, step, message(bo, NOW + timedelta(minutes=3), Direction.OUT, "Agenda"))
    # THEN the step is done, the reply promise is still open, and Insights reports no reply
    assert store.follow_ups.get(step).status == Status.DONE
    assert store.follow_ups.get(promise).status == Status.OPEN
    insights = compute(store, Preferences.load(store), last_days(7, NOW), NOW + timedelta(minutes=5))
    assert (insights.overall.replies_answered, insights.overall.replies_waiting) == (0, 1)


def test_done_on_the_reply_promise_itself_with_a_log_records_the_answer(store: Store, bo: int, promise: int) -> None:
    # GIVEN Bo's promise WHEN it is marked done and the answer logged
    tp_id = engine.complete(store, promise, message(bo, NOW, Direction.OUT, "Answered"))
    # THEN it is done, answered by that touch point
    fu = store.follow_ups.get(promise)
    assert (fu.status, fu.resolved_by_touch_point_id, fu.completed_at) == (Status.DONE, tp_id, NOW)


def test_reply_to_closes_that_promise_only(store: Store, bo: int, promise: int, clock: FixedClock) -> None:
    # GIVEN two open promises with Bo
    second = log_touch_point(
        store, message(bo, ARRIVED + timedelta(minutes=5), Direction.IN, "Another question", needs_reply=True)
    ).created[0]
    # WHEN the answer to the second is logged
    logged = log_touch_point(store, message(bo, NOW, Direction.OUT, "Answer"), answers=[second])
    # THEN only the second closes, answered by it
    assert logged.closed == [second]
    assert store.follow_ups.get(second).resolved_by_touch_point_id == logged.touch_point_id
    assert store.follow_ups.get(promise).status == Status.OPEN


def test_with_no_choice_an_outbound_message_closes_the_open_promises_and_says_which(
    store: Store, bo: int, promise: int
) -> None:
    # GIVEN Bo's promise WHEN an outbound email is logged with no choice made THEN it closes, and is reported
    logged = log_touch_point(store, message(bo, NOW, Direction.OUT, "Answer"))
    assert logged.closed == [promise]
    assert logged.replies_closed == [promise]


@pytest.mark.parametrize("answers", [[999], "other-contact", "cadence"])
def test_reply_to_something_that_is_not_an_open_promise_of_theirs_is_refused(
    store: Store, bo: int, promise: int, add_contact: Callable[..., int], answers: object
) -> None:
    # GIVEN Bo's promise, and another contact's
    cy = add_contact("Cy Dorn")
    other = log_touch_point(store, message(cy, ARRIVED, Direction.IN, "Hi", needs_reply=True)).created[0]
    step = store.follow_ups.add(FollowUp(contact_id=bo, title="Step", source=Source.PLAN, due=NOW, tz="UTC"))
    ids = {"other-contact": [other], "cadence": [step]}[answers] if isinstance(answers, str) else answers
    before = store.conn.execute("SELECT count(*) FROM touch_points").fetchone()[0]
    # WHEN a reply to it is logged THEN refused, and nothing is written
    with pytest.raises(ValidationError, match="not an open reply promise"):
        log_touch_point(store, message(bo, NOW, Direction.OUT, "Answer"), answers=ids)
    assert store.conn.execute("SELECT count(*) FROM touch_points").fetchone()[0] == before
    assert store.follow_ups.get(promise).status == Status.OPEN


def test_deleting_the_reply_reopens_the_promise_and_undo_closes_it_again(store: Store, bo: int, promise: int) -> None:
    # GIVEN Bo's promise answered by an email
    answer = log_touch_point(store, message(bo, NOW, Direction.OUT, "Answer")).touch_point_id
    assert open_replies(store) == []
    # WHEN that email is deleted
    deleted = replies.delete_touch_point(store, answer)
    # THEN the promise is open again, and due and Insights agree
    assert deleted.reopened == [promise]
    fu = store.follow_ups.get(promise)
    assert (fu.status, fu.completed_at, fu.resolved_by_touch_point_id) == (Status.OPEN, None, None)
    assert open_replies(store) == [promise]
    assert waiting_in_insights(store) == 1
    # AND WHEN it is put back (Undo) THEN the promise is answered by it again
    replies.restore_touch_point(store, deleted)
    fu = store.follow_ups.get(promise)
    assert (fu.status, fu.resolved_by_touch_point_id, fu.completed_at) == (Status.DONE, answer, NOW)
    assert waiting_in_insights(store) == 0


def test_deleting_the_message_that_needed_an_answer_cancels_its_promise(store: Store, bo: int, promise: int) -> None:
    # GIVEN Bo's open promise WHEN his message is deleted
    origin = store.follow_ups.get(promise).origin_touch_point_id
    assert origin is not None
    deleted = replies.delete_touch_point(store, origin)
    # THEN its promise goes too (cancelled, kept as history), and due and Insights agree
    assert deleted.cancelled == [promise]
    assert store.follow_ups.get(promise).status == Status.CANCELLED
    assert open_replies(store) == []
    assert waiting_in_insights(store) == 0
    # AND Undo brings both back
    replies.restore_touch_point(store, deleted)
    assert store.follow_ups.get(promise).status == Status.OPEN
    assert store.follow_ups.get(promise).origin_touch_point_id == origin
    assert open_replies(store) == [promise]


@pytest.mark.parametrize(
    "change",
    [{"at": ARRIVED - timedelta(hours=1)}, {"direction": Direction.IN}],
    ids=["moved-before-the-question", "became-inbound"],
)
def test_editing_the_reply_so_it_no_longer_answers_reopens_the_promise(
    store: Store, bo: int, promise: int, change: dict[str, object]
) -> None:
    # GIVEN Bo's promise answered by an email
    answer = log_touch_point(store, message(bo, NOW, Direction.OUT, "Answer")).touch_point_id
    # WHEN the email is edited so that it cannot be the answer
    tp = store.touch_points.get(answer)
    for key, value in change.items():
        setattr(tp, key, value)
    reopened = replies.edit_touch_point(store, tp)
    # THEN the promise is open again
    assert reopened == [promise]
    assert store.follow_ups.get(promise).status == Status.OPEN
    assert open_replies(store) == [promise]


def test_editing_the_replys_time_moves_when_the_promise_was_kept(store: Store, bo: int, promise: int) -> None:
    # GIVEN Bo's promise answered at 09:30 WHEN the answer is moved to 09:00
    answer = log_touch_point(store, message(bo, NOW, Direction.OUT, "Answer")).touch_point_id
    tp = store.touch_points.get(answer)
    tp.at = NOW - timedelta(minutes=30)
    assert replies.edit_touch_point(store, tp) == []
    # THEN it is still kept, at the answer's new time
    assert store.follow_ups.get(promise).completed_at == NOW - timedelta(minutes=30)


def test_back_filling_a_question_before_an_existing_reply_leaves_due_and_insights_agreeing(
    store: Store, bo: int, clock: FixedClock
) -> None:
    # GIVEN an email to Bo on Friday
    log_touch_point(store, message(bo, datetime(2026, 11, 20, 10, tzinfo=UTC), Direction.OUT, "Offer"))
    # WHEN his question of Thursday, which it answered, is logged today
    logged = log_touch_point(
        store, message(bo, datetime(2026, 11, 19, 10, tzinfo=UTC), Direction.IN, "Question", needs_reply=True)
    )
    # THEN due and Insights agree about it, both now and as of Friday evening
    (created,) = logged.created
    in_due = created in open_replies(store)
    assert waiting_in_insights(store) == int(in_due)
    friday = datetime(2026, 11, 20, 18, tzinfo=UTC)
    clock.set(friday)
    in_due_friday = any(f.id == created for f in engine.due(store, friday + timedelta(days=3)))
    assert waiting_in_insights(store, friday) == int(in_due_friday)


def test_reopen_clears_the_answer(store: Store, bo: int, promise: int) -> None:
    # GIVEN Bo's promise answered by an email WHEN reopened
    log_touch_point(store, message(bo, NOW, Direction.OUT, "Answer"))
    engine.reopen(store, promise)
    # THEN it is open, with no answer recorded
    fu = store.follow_ups.get(promise)
    assert (fu.status, fu.completed_at, fu.resolved_by_touch_point_id) == (Status.OPEN, None, None)
    with pytest.raises(ValidationError, match="already open"):
        engine.reopen(store, promise)


@pytest.mark.parametrize("action", ["done-with-log", "skip", "snooze", "reschedule"])
def test_every_follow_up_action_can_be_undone_exactly(store: Store, bo: int, promise: int, action: str) -> None:
    # GIVEN Bo's open promise, as it was
    before = engine.snapshot(store, promise)
    # WHEN it is acted upon
    logged = None
    if action == "done-with-log":
        logged = engine.complete(store, promise, message(bo, NOW, Direction.OUT, "Answer"))
    elif action == "skip":
        engine.skip(store, promise)
    elif action == "snooze":
        engine.snooze(store, promise, NOW + timedelta(days=2))
    else:
        engine.reschedule(store, promise, NOW + timedelta(days=5))
    # AND undone
    engine.restore(store, before, logged_touch_point=logged)
    # THEN it is exactly as it was: open, due when it was, not snoozed, and the logged email is gone
    after = store.follow_ups.get(promise)
    assert (after.status, after.due, after.snoozed_until, after.completed_at) == (
        Status.OPEN,
        ARRIVED + timedelta(hours=24),
        None,
        None,
    )
    assert open_replies(store) == [promise]
    if logged is not None:
        assert store.conn.execute("SELECT count(*) FROM touch_points WHERE id = ?", (logged,)).fetchone()[0] == 0
