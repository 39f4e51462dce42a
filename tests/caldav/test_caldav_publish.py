"""Follow-ups out to every device: tasks in a "Followup" calendar on the
server, completed or moved there and back in Followup, written only when they
change."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from caldav_servers import Server
from cli_runner import Cli

from followup.caldav.remote import Remote
from followup.clock import FixedClock
from followup.domain import Contact, Kind, LabelledValue
from followup.planning.model import FollowUp, Source, Status

pytestmark = pytest.mark.usefixtures("real_keyring")


def connect(cli: Cli, server: Server) -> None:
    done = cli("calendar", "add-account", "--url", server.url, "--user", server.user, "--password-stdin", "--publish",
               stdin=server.password + "\n")  # fmt: skip
    assert done.code == 0, done.err


def sync(cli: Cli) -> dict[str, object]:
    done = cli("calendar", "sync", "--json")
    assert done.code == 0, done.err
    report = json.loads(done.out)
    assert report["errors"] == [], report["errors"]
    return report


def a_follow_up(open_store, clock: FixedClock, days: int = 2) -> int:  # type: ignore[no-untyped-def]
    store = open_store()
    cid = store.contacts.add(Contact(name="Hao Chen", kind=Kind.SUPPLIER, emails=[LabelledValue("hao@sup.test")]))
    due = clock.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=days)
    return store.follow_ups.add(
        FollowUp(contact_id=cid, title="Call Hao about the delivery", source=Source.MANUAL, due=due)
    )


def followup_tasks(server: Server) -> dict[str, object]:
    """What a phone sees: the tasks of the "Followup" calendar, by UID."""
    principal = server.client().principal()
    cal = next(c for c in principal.calendars() if c.get_display_name() == "Followup")
    found = {}
    coll = cal.objects_by_sync_token(load_objects=True)
    for obj in coll:
        if obj.url.canonical() in coll.deleted_urls or obj.data is None:
            continue
        comp = obj.icalendar_component
        found[str(comp["UID"])] = obj
    return found


def storage_state(server: Server) -> dict[str, str]:
    """Every stored file and a hash of its content (Radicale's lock and cache
    files change on reads too, so they are left out)."""
    import hashlib

    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in server.storage.rglob("*")
        if p.is_file() and not any(part.startswith(".Radicale") for part in p.parts)
    }


def test_an_open_follow_up_is_published_as_a_task_without_an_alarm(
    server: Server, cli: Cli, open_store, clock: FixedClock
) -> None:
    fid = a_follow_up(open_store, clock)
    connect(cli, server)
    assert sync(cli)["published"] == 1
    tasks = followup_tasks(server)
    assert len(tasks) == 1
    (task,) = tasks.values()
    comp = task.icalendar_component
    assert comp.name == "VTODO"
    assert str(comp["SUMMARY"]).startswith("Call Hao about the delivery")
    assert comp["DUE"].dt == open_store().follow_ups.get(fid).due
    assert "VALARM" not in task.data  # Followup's own reminders ring; nothing rings twice


def test_a_second_sync_with_no_change_writes_nothing(
    server: Server, cli: Cli, open_store, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_follow_up(open_store, clock)
    connect(cli, server)
    sync(cli)
    before = storage_state(server)
    writes: list[str] = []
    for name in ("put", "delete"):
        real = getattr(Remote, name)

        def spy(self: Remote, href: str, *args: object, _real=real, _name=name, **kw: object) -> object:
            writes.append(f"{_name} {href}")
            return _real(self, href, *args, **kw)

        monkeypatch.setattr(Remote, name, spy)
    again = sync(cli)
    assert writes == []
    assert again == {**again, "published": 0, "completed_remotely": 0, "rescheduled_remotely": 0, "met_logged": 0}
    assert storage_state(server) == before


def test_completed_on_the_phone_is_done_in_followup(server: Server, cli: Cli, open_store, clock: FixedClock) -> None:
    fid = a_follow_up(open_store, clock)
    connect(cli, server)
    sync(cli)
    (task,) = followup_tasks(server).values()
    task.icalendar_component["STATUS"] = "COMPLETED"
    task.save()
    report = sync(cli)
    assert report["completed_remotely"] == 1
    assert open_store().follow_ups.get(fid).status == Status.DONE


def test_due_moved_on_the_phone_reschedules_in_followup(
    server: Server, cli: Cli, open_store, clock: FixedClock
) -> None:
    fid = a_follow_up(open_store, clock)
    connect(cli, server)
    sync(cli)
    (task,) = followup_tasks(server).values()
    new_due = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    comp = task.icalendar_component
    comp.pop("DUE")
    comp.add("due", new_due)
    task.save()
    assert sync(cli)["rescheduled_remotely"] == 1
    assert open_store().follow_ups.get(fid).due == new_due


def test_rescheduled_in_followup_moves_the_task(server: Server, cli: Cli, open_store, clock: FixedClock) -> None:
    fid = a_follow_up(open_store, clock)
    connect(cli, server)
    sync(cli)
    new_due = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    open_store().follow_ups.reschedule(fid, new_due)
    assert sync(cli)["published"] == 1
    (task,) = followup_tasks(server).values()
    assert task.icalendar_component["DUE"].dt == new_due


def test_done_in_followup_completes_the_task_and_skipped_removes_it(
    server: Server, cli: Cli, open_store, clock: FixedClock
) -> None:
    done_id = a_follow_up(open_store, clock, days=1)
    skipped_id = open_store().follow_ups.add(
        FollowUp(
            contact_id=open_store().follow_ups.get(done_id).contact_id,
            title="Send the quote",
            source=Source.MANUAL,
            due=clock.now() + timedelta(days=3),
        )
    )
    connect(cli, server)
    sync(cli)
    assert len(followup_tasks(server)) == 2
    assert cli("done", str(done_id)).code == 0
    assert cli("skip", str(skipped_id)).code == 0
    sync(cli)
    tasks = followup_tasks(server)
    assert len(tasks) == 1
    (task,) = tasks.values()
    assert str(task.icalendar_component["STATUS"]) == "COMPLETED"


def test_a_task_changed_on_the_server_meanwhile_is_merged_not_overwritten(
    radicale: Server, cli: Cli, open_store, clock: FixedClock
) -> None:
    # GIVEN a published task completed on the phone, and the follow-up edited in Followup meanwhile
    fid = a_follow_up(open_store, clock)
    connect(cli, radicale)
    sync(cli)
    (task,) = followup_tasks(radicale).values()
    task.icalendar_component["STATUS"] = "COMPLETED"
    task.save()
    open_store().follow_ups.reschedule(fid, datetime(2026, 12, 4, 9, 0, tzinfo=UTC))
    # WHEN Followup syncs
    report = sync(cli)
    # THEN the phone's "done" wins: done in Followup, and the task stays completed
    assert report["completed_remotely"] == 1
    assert open_store().follow_ups.get(fid).status == Status.DONE
    (task,) = followup_tasks(radicale).values()
    assert str(task.icalendar_component["STATUS"]) == "COMPLETED"
    _ = Path
