"""Live calendars end to end: the CLI against real CalDAV servers (Radicale and
Xandikos), the password in a real keyring (gnome-keyring's Secret Service)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from caldav_servers import Server, at, vevent
from cli_runner import Cli

from followup.clock import FixedClock
from followup.domain import Contact, Kind, LabelledValue

pytestmark = pytest.mark.usefixtures("real_keyring")

MARIA = "maria@client.test"
ME = "me@example.test"


def add_maria(open_store, kind: Kind = Kind.CLIENT) -> int:  # type: ignore[no-untyped-def]
    store = open_store()
    return store.contacts.add(Contact(name="Maria Costa", kind=kind, emails=[LabelledValue(MARIA)], tz="Europe/Lisbon"))


def work_calendar(server: Server):  # type: ignore[no-untyped-def]
    return server.client().principal().make_calendar(name="Work")


def connect(cli: Cli, server: Server, *extra: str) -> None:
    done = cli("calendar", "add-account", "--url", server.url, "--user", server.user, "--password-stdin", *extra,
               stdin=server.password + "\n")  # fmt: skip
    assert done.code == 0, done.err


def sync(cli: Cli) -> dict[str, object]:
    done = cli("calendar", "sync", "--json")
    assert done.code == 0, done.err
    return json.loads(done.out)


def test_a_past_meeting_is_logged_once_as_we_met(server: Server, cli: Cli, open_store, clock: FixedClock) -> None:
    # GIVEN a meeting three days ago with Maria, on the server
    maria = add_maria(open_store)
    work_calendar(server).add_event(vevent("past-1", "Quarterly review", at(clock, -3), people=[MARIA], organizer=ME))
    connect(cli, server)
    # WHEN Followup syncs twice
    first, second = sync(cli), sync(cli)
    # THEN it is logged once, as a meeting, and the second sync logs nothing more
    assert first["met_logged"] == 1 and first["errors"] == []
    assert second["met_logged"] == 0
    store = open_store()
    log = store.touch_points.for_contact(maria)
    assert [(tp.direction.value, tp.summary) for tp in log] == [("met", "Met: Quarterly review")]
    assert log[0].at == at(clock, -3)


def test_a_future_meeting_is_proposed_planned_moved_and_cancelled(
    server: Server, cli: Cli, open_store, clock: FixedClock
) -> None:
    maria = add_maria(open_store)
    cal = work_calendar(server)
    event = cal.add_event(vevent("fut-1", "Kick-off", at(clock, 2), people=[MARIA], organizer=ME))
    connect(cli, server)
    # WHEN it is synced, THEN it is proposed, not planned
    assert sync(cli)["proposed"] == 1
    proposals = json.loads(cli("calendar", "proposals", "--json").out)
    assert [(p["title"], p["contacts"]) for p in proposals] == [("Kick-off", ["Maria Costa"])]
    # WHEN the user plans it
    planned = cli("calendar", "plan", str(proposals[0]["id"]), "--json")
    assert planned.code == 0, planned.err
    engagement_id = json.loads(planned.out)["engagement_id"]
    store = open_store()
    before = {f.id: f.due for f in store.follow_ups.for_engagement(engagement_id)}
    assert before and json.loads(cli("calendar", "proposals", "--json").out) == []
    # WHEN the meeting moves a day later on the server
    moved = vevent("fut-1", "Kick-off", at(clock, 3), people=[MARIA], organizer=ME, sequence=1)
    event.data = moved
    event.save()
    assert sync(cli)["moved"] == 1
    # THEN the engagement and its open steps moved with it
    store = open_store()
    assert store.engagements.get(engagement_id).start == at(clock, 3)
    after = {f.id: f.due for f in store.follow_ups.for_engagement(engagement_id) if f.status.value == "open"}
    # (Wednesday to Thursday: every step, before and after, moves a day)
    assert after and all(after[i] != before[i] for i in after)
    # WHEN it is cancelled on the server
    event.data = vevent("fut-1", "Kick-off", at(clock, 3), people=[MARIA], organizer=ME, status="CANCELLED", sequence=2)
    event.save()
    assert sync(cli)["cancelled"] == 1
    store = open_store()
    assert store.engagements.get(engagement_id).status == "cancelled"
    assert all(f.status.value != "open" for f in store.follow_ups.for_engagement(engagement_id))
    _ = maria


def test_a_meeting_deleted_on_the_server_cancels_its_plan(
    server: Server, cli: Cli, open_store, clock: FixedClock
) -> None:
    add_maria(open_store)
    event = work_calendar(server).add_event(vevent("del-1", "Site visit", at(clock, 4), people=[MARIA], organizer=ME))
    connect(cli, server)
    sync(cli)
    proposal = json.loads(cli("calendar", "proposals", "--json").out)[0]
    engagement_id = json.loads(cli("calendar", "plan", str(proposal["id"]), "--json").out)["engagement_id"]
    event.delete()
    assert sync(cli)["cancelled"] == 1
    assert open_store().engagements.get(engagement_id).status == "cancelled"


def test_dismissed_meetings_stay_dismissed(radicale: Server, cli: Cli, open_store, clock: FixedClock) -> None:
    add_maria(open_store)
    work_calendar(radicale).add_event(vevent("dis-1", "Coffee", at(clock, 2), people=[MARIA], organizer=ME))
    connect(cli, radicale)
    sync(cli)
    proposal = json.loads(cli("calendar", "proposals", "--json").out)[0]
    assert cli("calendar", "dismiss", str(proposal["id"])).code == 0
    again = sync(cli)
    assert again["proposed"] == 0 and json.loads(cli("calendar", "proposals", "--json").out) == []


def test_meetings_without_contacts_and_calendar_addresses_are_left_alone(
    radicale: Server, cli: Cli, open_store, clock: FixedClock
) -> None:
    add_maria(open_store)
    cal = work_calendar(radicale)
    cal.add_event(
        vevent(
            "h-1",
            "Australia Day",
            at(clock, 3),
            people=[],
            organizer="en.australian#holiday@group.v.calendar.google.com",
        )
    )
    cal.add_event(vevent("s-1", "Stranger", at(clock, 3), people=["nobody@else.test"], organizer=ME))
    connect(cli, radicale)
    report = sync(cli)
    assert (report["proposed"], report["met_logged"]) == (0, 0)
    store = open_store()
    assert store.contacts.count() == 1


def test_rule_per_kind_plans_without_asking(radicale: Server, cli: Cli, open_store, clock: FixedClock) -> None:
    add_maria(open_store)
    open_store().settings.set("caldav_autoplan_kinds", ["client"])
    work_calendar(radicale).add_event(vevent("auto-1", "Demo", at(clock, 8), people=[MARIA], organizer=ME))
    connect(cli, radicale)
    report = sync(cli)
    assert (report["planned"], report["proposed"]) == (1, 0)
    store = open_store()
    assert store.engagements.by_uid("auto-1") is not None


def test_the_password_lives_in_the_keyring_never_in_the_database(
    radicale: Server, cli: Cli, data_dir: Path, open_store
) -> None:
    import keyring

    connect(cli, radicale)
    stored = keyring.get_password("Followup calendar", f"{radicale.user}@{radicale.url}")
    assert stored == radicale.password
    for f in data_dir.iterdir():
        if f.is_file():
            assert radicale.password.encode() not in f.read_bytes(), f.name
    listing = cli("calendar", "accounts", "--json")
    assert radicale.password not in listing.out
    accounts = json.loads(listing.out)
    assert [c["name"] for c in accounts[0]["calendars"]] == []  # no calendar yet on a fresh server
    # removing the account removes the password too
    assert cli("calendar", "remove-account", str(accounts[0]["id"])).code == 0
    assert keyring.get_password("Followup calendar", f"{radicale.user}@{radicale.url}") is None


def test_an_occurrence_of_a_weekly_meeting_is_proposed_with_the_recurring_playbook(
    radicale: Server, cli: Cli, open_store, clock: FixedClock
) -> None:
    # GIVEN a weekly meeting with Maria on the server
    add_maria(open_store)
    work_calendar(radicale).add_event(
        vevent("weekly-1", "Weekly sync", at(clock, 1), people=[MARIA], organizer=ME, rrule="FREQ=WEEKLY;COUNT=20")
    )
    connect(cli, radicale)
    # WHEN it is synced
    report = sync(cli)
    # THEN the occurrences of the next two weeks are proposed, each on its own
    # (the later ones come as they come near), for the recurring-meeting playbook
    proposals = json.loads(cli("calendar", "proposals", "--json").out)
    assert report["proposed"] == len(proposals) == 2
    assert all(p["recurring"] for p in proposals)
    planned = json.loads(cli("calendar", "plan", str(proposals[0]["id"]), "--json").out)
    store = open_store()
    engagement = store.engagements.get(planned["engagement_id"])
    assert store.playbooks.get(engagement.playbook_id).name == "Recurring meeting"  # type: ignore[arg-type]
    # WHEN two weeks have passed, THEN the next occurrences are proposed in their turn
    clock.advance(timedelta(days=14))
    later = sync(cli)
    assert later["proposed"] == 2


def test_a_planned_meeting_that_took_place_is_logged_as_met_though_the_server_did_not_change(
    radicale: Server, cli: Cli, open_store, clock: FixedClock
) -> None:
    # GIVEN a meeting next week, proposed and planned
    maria = add_maria(open_store)
    work_calendar(radicale).add_event(vevent("soon-1", "Review", at(clock, 2), people=[MARIA], organizer=ME))
    connect(cli, radicale)
    sync(cli)
    proposal = json.loads(cli("calendar", "proposals", "--json").out)[0]
    assert cli("calendar", "plan", str(proposal["id"])).code == 0
    # WHEN it has taken place and Followup syncs again (nothing changed on the server), twice
    clock.advance(timedelta(days=3))
    first, second = sync(cli), sync(cli)
    # THEN it is logged once, as a meeting
    assert (first["met_logged"], second["met_logged"]) == (1, 0)
    assert [tp.summary for tp in open_store().touch_points.for_contact(maria)] == ["Met: Review"]
