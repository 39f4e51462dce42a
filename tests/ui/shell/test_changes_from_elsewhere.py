"""A change written by another process (the command line, a sync) shows in the
open window by itself: the changes hub notices SQLite's data_version move and
every view refreshes from the same ``changed`` signal as for its own writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from window_pages import ContactsList, Insights, Today, Window

from followup.changes import Changes
from followup.domain import Contact
from followup.store import Store
from ui.shell.window import MainWindow

REPO_ROOT = Path(__file__).resolve().parents[3]


def cli(store: Store, *args: str) -> None:
    """Run one command in a real second process on the window's database."""
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "main.py"), "--data-dir", str(store.path.parent), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def contact_names(window: MainWindow) -> list[str]:
    return ContactsList(None, window).names()


def today_titles(window: MainWindow) -> list[str]:
    return Today(window).titles()


def test_a_touch_point_logged_from_the_command_line_shows_in_today_and_the_list(qtbot, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window open on Today over one contact with nothing due
    store.contacts.add(Contact(name="Ana Ferreira", tz="Europe/Lisbon"))
    Window(qtbot, window).told_of_writes(Changes(contacts=True))
    Window(qtbot, window).trigger("go_today")
    assert today_titles(window) == []
    assert store.path.parent.joinpath("followup.db") == store.path
    # WHEN another process logs an email that needs a reply, and adds a contact
    cli(store, "log", "Ana Ferreira", "--channel", "email", "--direction", "in", "--summary", "Asked for the quote",
        "--needs-reply", "--at", "2026-11-23T09:00:00+00:00")  # fmt: skip
    cli(store, "add-contact", "Bruno Costa", "--kind", "client")
    # THEN within two seconds, without F5, Today shows the reply promise and the list the new contact
    qtbot.waitUntil(lambda: any("Ana Ferreira" in t or "quote" in t for t in today_titles(window)), timeout=2000)
    qtbot.waitUntil(lambda: "Bruno Costa" in contact_names(window), timeout=2000)


def test_the_window_own_writes_are_not_reported_again_as_from_elsewhere(qtbot, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window's hub, with what it has seen so far
    seen: list[Changes] = []
    window.hub.changed.connect(seen.append)
    # WHEN the window writes through its own connection and the hub looks for outside changes
    store.contacts.add(Contact(name="Carla Dias", tz="Europe/Lisbon"))
    noticed = window.hub.poll()
    # THEN nothing is reported as from elsewhere (the window's own write announces itself)
    assert noticed is False
    assert seen == []


def test_a_write_on_another_connection_is_noticed_once(qtbot, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window's hub
    seen: list[Changes] = []
    window.hub.changed.connect(seen.append)
    # WHEN another connection commits a contact
    with Store.open(store.path) as other:
        other.contacts.add(Contact(name="Dora Reis", tz="Europe/Lisbon"))
    # THEN the next look reports it once, as a change from elsewhere that touched everything
    assert window.hub.poll() is True
    assert window.hub.poll() is False
    assert seen == [Changes.everything(external=True)]


def test_a_read_on_the_worker_is_no_change_from_elsewhere(qtbot, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window's hub, and contacts the planner has no statistics for yet (just imported)
    from ui.ops import jobs

    for name in ("Ana Lima", "Bruno Costa", "Carla Dias"):
        store.contacts.add(Contact(name=name, tz="Europe/Lisbon"))
    window.hub.poll()
    seen: list[Changes] = []
    window.hub.changed.connect(seen.append)
    # WHEN a job reads them on the worker, on a connection of its own
    read: list[int] = []
    job = jobs.ProgressJob.with_store(store.path, clock, lambda own, _p, _c: own.contacts.count())
    job.signals.finished.connect(read.append)
    jobs.start(job)
    qtbot.waitUntil(lambda: read == [3] and not jobs.ended_unreported())
    # THEN that is no change from elsewhere: the worker's connection committed no statistics as it
    # opened or closed (a read after an import made the window read the whole list again, once,
    # and dropped the tags read ahead for the Tag dialog)
    assert window.hub.poll() is False
    assert seen == []


def test_insights_on_screen_recompute_after_a_change_from_elsewhere(qtbot, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the Insights tab on screen with its figures computed
    store.contacts.add(Contact(name="Ana Ferreira", tz="Europe/Lisbon"))
    Window(qtbot, window).told_of_writes(Changes(contacts=True))
    insights = Insights(window)
    with qtbot.waitSignal(insights.ready, timeout=10_000):
        Window(qtbot, window).trigger("go_insights")
    # WHEN another process logs a touch point
    cli(
        store,
        "log",
        "Ana Ferreira",
        "--channel",
        "email",
        "--summary",
        "Sent the quote",
        "--at",
        "2026-11-23T09:00:00+00:00",
    )
    # THEN the figures are computed again by themselves
    with qtbot.waitSignal(insights.ready, timeout=5_000) as ready:
        pass
    assert ready.args is not None
    assert insights.figures() is not None


def test_a_worker_write_landing_between_its_commit_and_its_report_is_not_from_elsewhere(  # type: ignore[no-untyped-def]
    qtbot, window, store: Store
) -> None:
    # GIVEN a write queued on the worker that has committed, and not yet reported
    import threading

    from window_pages import written

    from ui.ops.worker_write import write_on_worker

    committed, go = threading.Event(), threading.Event()

    def add(worker_store: Store) -> int:
        contact_id = worker_store.contacts.add(Contact(name="Ana Ferreira", tz="Europe/Lisbon"))
        committed.set()
        go.wait(10)
        return contact_id

    seen: list[Changes] = []
    window.hub.changed.connect(seen.append)
    write_on_worker(window, "Add", add, Changes(contacts=True))
    qtbot.waitUntil(committed.is_set)
    # WHEN the hub's timer looks at the database meanwhile
    noticed = window.hub.poll()
    go.set()
    written(qtbot)
    # THEN the window's own write is told once, as its own, never as from elsewhere (a reload of every view)
    assert not noticed
    assert not window.hub.poll()
    assert [c.external for c in seen] == [False]
    assert seen[0].contacts
