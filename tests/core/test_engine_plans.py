"""Engagements and their plans: preview, create, re-plan, reschedule, cancel
(followup/engine/plans.py).

The store's clock stands at Monday 2026-11-23 09:30Z; the user is in
Europe/Lisbon, on UTC (+00:00) all of November and December. Ana prefers
email, so every step is on the user's clock. The meeting is Monday 11-30
14:00-15:00, and the Client meeting playbook asks for:
  prepare   1 working day before at 09:00  -> Fri 11-27 09:00Z
  confirm   1 working day before at 11:00  -> Fri 11-27 11:00Z
  during    at the start                   -> Mon 11-30 14:00Z
  thank     2 h after the end (15:00)      -> Mon 11-30 17:00Z (before 17:30)
  check     7 days after the end at 10:00  -> Mon 12-07 10:00Z
  feedback  30 days after the end at 10:00 -> Wed 12-30 10:00Z (30 days = 4 weeks + 2)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

import pytest

from followup.clock import FixedClock
from followup.domain import Kind
from followup.engine import follow_ups as engine
from followup.engine import plans
from followup.errors import ValidationError
from followup.planning import defaults
from followup.planning.model import Anchor, Engagement, FollowUp, Phase, Playbook, Source, Status, Step
from followup.store import Store

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
START = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


EXPECTED = {
    "Prepare": utc(2026, 11, 27, 9),
    "Confirm": utc(2026, 11, 27, 11),
    "Be": utc(2026, 11, 30, 14),
    "Thank": utc(2026, 11, 30, 17),
    "Check": utc(2026, 12, 7, 10),
    "Ask": utc(2026, 12, 30, 10),
}


@pytest.fixture
def ana(add_contact: Callable[..., int]) -> int:
    return add_contact("Ana Lima", kind=Kind.CLIENT, tz="Europe/Lisbon")


def review(*contact_ids: int, start: datetime = START) -> Engagement:
    return Engagement(
        "Quarterly review", list(contact_ids), start=start, end=start + timedelta(hours=1), tz="Europe/Lisbon"
    )


def steps(store: Store, engagement_id: int) -> dict[str, FollowUp]:
    """The engagement's follow-ups by the first word of their title (open ones win over closed)."""
    found: dict[str, FollowUp] = {}
    for fu in store.follow_ups.for_engagement(engagement_id):
        word = fu.title.split()[0]
        if word not in found or fu.status == Status.OPEN:
            found[word] = fu
    return found


def counts(store: Store) -> tuple[int, int, int]:
    row = store.conn.execute(
        "SELECT (SELECT count(*) FROM engagements), (SELECT count(*) FROM follow_ups), "
        "(SELECT count(*) FROM engagement_contacts)"
    ).fetchone()
    return tuple(row)  # type: ignore[return-value]


def snapshot(store: Store) -> list[tuple[object, ...]]:
    return list(store.conn.execute("SELECT * FROM follow_ups ORDER BY id"))


def client_meeting(store: Store) -> Playbook:
    return store.playbooks.by_name(defaults.CLIENT_MEETING)


def test_create_saves_the_engagement_and_its_follow_ups(store: Store, ana: int) -> None:
    # GIVEN a Monday 14:00 review with Ana and the Client meeting playbook
    book = client_meeting(store)
    # WHEN created
    result = plans.create(store, review(ana), book)
    # THEN the engagement is stored with its playbook, and six follow-ups at the times worked out above
    engagement = store.engagements.get(result.engagement_id)
    assert (engagement.playbook_id, engagement.status, engagement.contact_ids) == (book.id, "planned", [ana])
    items = store.follow_ups.for_engagement(result.engagement_id)
    assert sorted(result.created) == sorted(f.id for f in items)
    assert {f.title.split()[0]: f.due for f in items} == EXPECTED
    assert all(f.source == Source.PLAN and f.status == Status.OPEN and f.step_key for f in items)
    assert all(f.engagement_id == result.engagement_id and f.contact_id == ana for f in items)
    assert counts(store) == (1, 6, 1)


def test_create_is_one_transaction(store: Store, ana: int) -> None:
    # GIVEN a playbook whose second step renders an empty title for Ana (she has no organisation)
    broken = Playbook(
        "Broken",
        steps=[
            Step(Phase.BEFORE, "Prepare", days=-1, at=time(9)),
            Step(Phase.AFTER, "{organisation}", anchor=Anchor.END, days=1, at=time(10)),
        ],
    )
    # WHEN created THEN it is refused, and neither the engagement nor the first follow-up was kept
    with pytest.raises(ValidationError):
        plans.create(store, review(ana), broken)
    assert counts(store) == (0, 0, 0)


def test_preview_saves_nothing(store: Store, ana: int) -> None:
    # GIVEN nothing planned WHEN previewing the review
    planned = plans.preview(store, review(ana), client_meeting(store))
    # THEN the exact times are shown, and nothing is written
    assert {p.title.split()[0]: p.due for p in planned} == EXPECTED
    assert counts(store) == (0, 0, 0)


def test_replanning_twice_changes_nothing(store: Store, clock: FixedClock, ana: int) -> None:
    # GIVEN a planned review
    result = plans.create(store, review(ana), client_meeting(store))
    before = snapshot(store)
    # WHEN planned again, twice, an hour later (so any write would change updated_at)
    clock.advance(timedelta(hours=1))
    first = plans.replan(store, result.engagement_id)
    second = plans.replan(store, result.engagement_id)
    # THEN nothing was created, moved or cancelled, and the rows are byte for byte the same
    for again in (first, second):
        assert (again.created, again.moved, again.cancelled) == ([], [], [])
    assert snapshot(store) == before


def test_reschedule_moves_open_follow_ups_and_keeps_closed_ones(store: Store, ana: int) -> None:
    # GIVEN a planned review; preparing is done and the satisfaction check was skipped
    result = plans.create(store, review(ana), client_meeting(store))
    old = steps(store, result.engagement_id)
    engine.complete(store, old["Prepare"].id)  # type: ignore[arg-type]
    engine.skip(store, old["Check"].id)  # type: ignore[arg-type]
    # WHEN the review moves to Tuesday 12-01 14:00Z (still an hour long)
    moved = plans.reschedule(store, result.engagement_id, start=utc(2026, 12, 1, 14))
    # THEN the open ones move by the same rules, keeping their ids:
    new = steps(store, result.engagement_id)
    assert new["Confirm"].due == utc(2026, 11, 30, 11)  # 1 working day before Tue = Mon 11:00
    assert new["Be"].due == utc(2026, 12, 1, 14)
    assert new["Thank"].due == utc(2026, 12, 1, 17)  # end 15:00 + 2 h
    assert new["Ask"].due == utc(2026, 12, 31, 10)  # 12-01 + 30 days = Thu 12-31
    for word in ("Confirm", "Be", "Thank", "Ask"):
        assert new[word].id == old[word].id and new[word].status == Status.OPEN
    assert sorted(moved.moved) == sorted(old[w].id for w in ("Confirm", "Be", "Thank", "Ask"))  # type: ignore[type-var]
    # and the closed ones keep their times and status
    assert (new["Prepare"].status, new["Prepare"].due, new["Prepare"].completed_at) == (
        Status.DONE,
        EXPECTED["Prepare"],
        NOW,
    )
    assert (new["Check"].status, new["Check"].due) == (Status.SKIPPED, EXPECTED["Check"])
    assert sorted(moved.kept) == sorted([old["Prepare"].id, old["Check"].id])  # type: ignore[type-var]
    assert moved.created == [] and counts(store) == (1, 6, 1)
    engagement = store.engagements.get(result.engagement_id)
    assert (engagement.start, engagement.end) == (utc(2026, 12, 1, 14), utc(2026, 12, 1, 15))


def test_cancel_cancels_open_follow_ups_and_keeps_done_ones(store: Store, ana: int) -> None:
    # GIVEN a planned review whose preparation is done
    result = plans.create(store, review(ana), client_meeting(store))
    prepare = steps(store, result.engagement_id)["Prepare"]
    engine.complete(store, prepare.id)  # type: ignore[arg-type]
    # WHEN cancelled
    cancelled = plans.cancel(store, result.engagement_id)
    # THEN the five open ones are cancelled now, the done one stays done, and nothing is deleted
    items = store.follow_ups.for_engagement(result.engagement_id)
    assert sorted(cancelled.cancelled) == sorted(f.id for f in items if f.id != prepare.id)
    assert {f.status for f in items if f.id != prepare.id} == {Status.CANCELLED}
    assert all(f.completed_at == NOW for f in items)
    assert store.follow_ups.get(prepare.id).status == Status.DONE  # type: ignore[arg-type]
    assert store.engagements.get(result.engagement_id).status == "cancelled"
    assert counts(store) == (1, 6, 1)
    # and a cancelled engagement is neither re-planned nor rescheduled
    assert plans.replan(store, result.engagement_id).created == []
    with pytest.raises(ValidationError, match="cancelled"):
        plans.reschedule(store, result.engagement_id, start=utc(2026, 12, 1, 14))
    assert engine.due(store, utc(2027, 1, 1)) == []


def test_editing_a_playbook_leaves_existing_follow_ups_until_a_replan(store: Store, ana: int) -> None:
    # GIVEN a planned review
    result = plans.create(store, review(ana), client_meeting(store))
    before = snapshot(store)
    # WHEN the playbook's confirmation moves from 11:00 to 15:00
    book = client_meeting(store)
    book.steps[1].at = time(15, 0)
    store.playbooks.update(book)
    # THEN the plan already made is untouched
    assert snapshot(store) == before
    # and once re-planned, the open confirmation is at Friday 11-27 15:00Z
    plans.replan(store, result.engagement_id)
    confirms = [
        f
        for f in store.follow_ups.for_engagement(result.engagement_id)
        if f.title.startswith("Confirm") and f.status == Status.OPEN
    ]
    assert [f.due for f in confirms] == [utc(2026, 11, 27, 15)]


def test_replanning_after_a_playbook_edit_keeps_follow_ups_and_history(store: Store, ana: int) -> None:
    # GIVEN a planned review whose preparation is done (the builtin playbook's steps are not the
    # last rows of playbook_steps, so re-inserted steps would get new ids, and new step keys)
    result = plans.create(store, review(ana), client_meeting(store))
    old = steps(store, result.engagement_id)
    engine.complete(store, old["Prepare"].id)  # type: ignore[arg-type]
    # WHEN only the confirmation's time is edited in the playbook, and the review re-planned
    book = client_meeting(store)
    book.steps[1].at = time(15, 0)
    store.playbooks.update(book)
    replanned = plans.replan(store, result.engagement_id)
    # THEN the same confirmation moved, the done preparation is not asked for again,
    # and there are still six follow-ups
    assert replanned.moved == [old["Confirm"].id]
    assert (replanned.created, replanned.cancelled) == ([], [])
    assert store.follow_ups.get(old["Confirm"].id).due == utc(2026, 11, 27, 15)  # type: ignore[arg-type]
    assert counts(store) == (1, 6, 1)


def test_replan_follows_the_engagements_contacts(store: Store, ana: int, add_contact: Callable[..., int]) -> None:
    # GIVEN a review with Ana
    result = plans.create(store, review(ana), client_meeting(store))
    bo = add_contact("Bo Chen", kind=Kind.CLIENT, tz="Europe/Lisbon")
    # WHEN Bo joins and it is re-planned
    engagement = store.engagements.get(result.engagement_id)
    engagement.contact_ids = [ana, bo]
    store.engagements.update(engagement)
    joined = plans.replan(store, result.engagement_id)
    # THEN Bo gets the three per-contact steps (thank, check, feedback)
    assert len(joined.created) == 3
    assert {store.follow_ups.get(i).title for i in joined.created} == {
        "Thank Bo for the Quarterly review",
        "Check that Bo is happy with how the Quarterly review went",
        "Ask Bo for feedback or a referral",
    }
    # and when he leaves again, his open ones are cancelled, not deleted
    engagement = store.engagements.get(result.engagement_id)
    engagement.contact_ids = [ana]
    store.engagements.update(engagement)
    left = plans.replan(store, result.engagement_id)
    assert sorted(left.cancelled) == sorted(joined.created)
    assert counts(store) == (1, 9, 1)


def test_default_playbook_follows_the_first_contacts_kind(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN a client and a colleague WHEN asking for their default playbooks THEN by kind
    client = add_contact("Ana Lima", kind=Kind.CLIENT)
    colleague = add_contact("Cy Doe", kind=Kind.COLLEAGUE)
    assert plans.default_playbook(store, [client]).name == defaults.CLIENT_MEETING
    assert plans.default_playbook(store, [colleague, client]).name == defaults.INTERNAL_REQUEST


def all_day(contact_id: int, first: date, last: date | None = None) -> Engagement:
    return Engagement("Workshop", [contact_id], all_day=True, start_date=first, end_date=last, tz="Europe/Lisbon")


def test_rescheduling_an_all_day_engagement_moves_its_dates(store: Store, ana: int) -> None:
    # GIVEN an all-day workshop on Monday 11-30 (its working day runs 09:00-17:30 Lisbon = UTC)
    result = plans.create(store, all_day(ana, date(2026, 11, 30)), client_meeting(store))
    before = steps(store, result.engagement_id)
    assert (before["Be"].due, before["Be"].due_date) == (None, date(2026, 11, 30))
    # 17:30 + 2 h = 19:30, after work: Tuesday 12-01 09:00Z
    assert before["Thank"].due == utc(2026, 12, 1, 9)
    # WHEN it moves to Wednesday 12-02
    plans.reschedule(store, result.engagement_id, start_date=date(2026, 12, 2))
    after = steps(store, result.engagement_id)
    # THEN the all-day step is on the new date, and timed steps follow: preparing one working day
    # before (Tuesday 12-01 09:00Z), thanking on Thursday 12-03 09:00Z
    assert (after["Be"].id, after["Be"].due, after["Be"].due_date) == (before["Be"].id, None, date(2026, 12, 2))
    assert after["Prepare"].due == utc(2026, 12, 1, 9)
    assert after["Thank"].due == utc(2026, 12, 3, 9)


def test_rescheduling_a_multi_day_engagement_keeps_its_length(store: Store, ana: int) -> None:
    # GIVEN a two-day workshop, Monday 11-30 to Tuesday 12-01
    result = plans.create(store, all_day(ana, date(2026, 11, 30), date(2026, 12, 1)), client_meeting(store))
    # WHEN it moves to start on Monday 12-07
    plans.reschedule(store, result.engagement_id, start_date=date(2026, 12, 7))
    # THEN it runs Monday 12-07 to Tuesday 12-08, and the thank-you follows the new end:
    # 12-08 17:30 + 2 h is after work, so Wednesday 12-09 09:00Z
    engagement = store.engagements.get(result.engagement_id)
    assert (engagement.start_date, engagement.end_date) == (date(2026, 12, 7), date(2026, 12, 8))
    assert steps(store, result.engagement_id)["Thank"].due == utc(2026, 12, 9, 9)
