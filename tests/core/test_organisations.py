"""Organisations: everyone there, the last touch point with each, and the
warning when all recent contact went through one person."""

from __future__ import annotations

from datetime import timedelta

from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, TouchPoint
from followup.organisations import names, organisation
from followup.store import Store

DAY = timedelta(days=1)


def _add(store: Store, name: str, org: str, title: str = "", archived: bool = False) -> int:
    cid = store.contacts.add(Contact(name=name, organisation=org, title=title))
    if archived:
        store.contacts.set_archived(cid, True)
    return cid


def _log(store: Store, clock: FixedClock, cid: int, days_ago: float, summary: str) -> None:
    store.touch_points.add(
        TouchPoint(cid, clock.now() - days_ago * DAY, Channel.PHONE, Direction.OUT, summary, tz="Europe/Lisbon")
    )


def test_everyone_there_with_their_last_touch_point(store: Store, clock: FixedClock) -> None:
    # GIVEN three people at Acme, spelt three ways, one never touched, and someone elsewhere
    emma = _add(store, "Emma Taylor", "Acme", "Buyer")
    raj = _add(store, "Raj Patel", "  ACME ")
    lea = _add(store, "Léa Martin", "acme")
    _add(store, "Ana Lima", "Acme Logistics")
    _log(store, clock, emma, 200, "Intro call")
    _log(store, clock, emma, 3, "Renewal call")
    _log(store, clock, raj, 120, "Site visit")
    # WHEN the organisation is looked up by any spelling
    org = organisation(store, "acme", clock.now())
    # THEN everyone there is listed, the most recently touched first, never-touched last
    assert org.name == "Acme"
    assert [m.contact_id for m in org.members] == [emma, raj, lea]
    first = org.members[0]
    assert (first.last_summary, first.last_channel, first.title) == ("Renewal call", "phone", "Buyer")
    assert first.last_at == clock.now() - 3 * DAY
    assert org.members[2].last_at is None and org.members[2].last_summary == ""
    # AND all recent contact (90 days) went through Emma: the warning names her
    assert org.recent == 1
    assert org.through_one is not None and org.through_one.contact_id == emma


def test_no_warning_when_contact_is_spread_or_absent(store: Store, clock: FixedClock) -> None:
    # GIVEN two people at Globex both touched recently, and Initech with no recent contact
    a, b = _add(store, "Ana Lima", "Globex"), _add(store, "Bo Chen", "Globex")
    _log(store, clock, a, 10, "Call")
    _log(store, clock, b, 20, "Lunch")
    c = _add(store, "Cy Dorn", "Initech")
    _log(store, clock, c, 400, "Long ago")
    # THEN neither is said to go through one person
    assert organisation(store, "Globex", clock.now()).through_one is None
    initech = organisation(store, "Initech", clock.now())
    assert initech.recent == 0 and initech.through_one is None


def test_a_touch_point_after_now_is_not_counted(store: Store, clock: FixedClock) -> None:
    # GIVEN a touch point logged, then the clock taken back before it
    a = _add(store, "Ana Lima", "Globex")
    _log(store, clock, a, 1, "Call")
    clock.set(clock.now() - 5 * DAY)
    # THEN at that earlier time Ana was never touched
    org = organisation(store, "Globex", clock.now())
    assert org.members[0].last_at is None and org.recent == 0


def test_names_and_counts_leave_out_the_archived(store: Store) -> None:
    _add(store, "Emma Taylor", "Acme")
    _add(store, "Raj Patel", "ACME")
    _add(store, "Old Contact", "Acme", archived=True)
    _add(store, "Ana Lima", "")
    _add(store, "Bo Chen", "beta corp")
    assert names(store) == [("Acme", 2), ("beta corp", 1)]


def test_an_unknown_organisation_has_nobody(store: Store, clock: FixedClock) -> None:
    org = organisation(store, "Nowhere Inc", clock.now())
    assert (org.name, org.members, org.recent, org.through_one) == ("Nowhere Inc", [], 0, None)
