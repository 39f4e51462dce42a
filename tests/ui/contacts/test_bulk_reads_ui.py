"""What a bulk action's dialog says about thousands of selected contacts is
read on the worker (issue 16): the tags of 100,000 contacts took 85 ms and
their touch points 160 ms on the GUI thread before the dialog opened; the
window now paints meanwhile and the dialog opens once they are read."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from followup.clock import FixedClock
from followup.engine import bulk_contacts
from followup.store import Store
from followup.timeutil import to_db
from ui.contacts.bulk import IN_BACKGROUND_FROM
from ui.contacts.bulk_dialogs import ChoiceDialog
from ui.shell.window import MainWindow

N = IN_BACKGROUND_FROM + 200


def _many_tagged(qtbot, window: MainWindow, store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    """N contacts, each tagged "lead" with one touch point, all selected in the list."""
    old = to_db(clock.now() - timedelta(days=40))
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO contacts (id, name, kind, tz, created_at, updated_at) VALUES (?, ?, 'client', 'UTC', ?, ?)",
            [(i, f"Person {i:05}", old, old) for i in range(1, N + 1)],
        )
        conn.executemany(
            "INSERT INTO contact_tags (contact_id, tag) VALUES (?, 'lead')", [(i,) for i in range(1, N + 1)]
        )
        conn.executemany(
            """INSERT INTO touch_points (contact_id, at_utc, tz, channel, direction, summary, notes, needs_reply,
                   difficult, created_at, updated_at) VALUES (?, ?, 'UTC', 'email', 'in', 'Hello', '', 0, 0, ?, ?)""",
            [(i, old, old, old) for i in range(1, N + 1)],
        )
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == N, timeout=20_000)
    window.contacts_panel.table.selectAll()


def _held(monkeypatch, name: str) -> tuple[threading.Event, threading.Event, list[str]]:  # type: ignore[no-untyped-def]
    """``bulk_contacts.<name>`` waits for the test's release; (started, release, the threads it ran on)."""
    started, release, threads = threading.Event(), threading.Event(), []
    real = getattr(bulk_contacts, name)

    def held(*args: Any) -> Any:
        threads.append(threading.current_thread().name)
        started.set()
        release.wait(10)
        return real(*args)

    monkeypatch.setattr(bulk_contacts, name, held)
    return started, release, threads


def _gui_runs(qtbot) -> None:  # type: ignore[no-untyped-def]
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: fired == [True])


def test_remove_a_tag_reads_the_selections_tags_on_the_worker(  # type: ignore[no-untyped-def]
    qtbot, modal, monkeypatch, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN thousands of selected contacts with a tag, and a read of their tags the test holds
    _many_tagged(qtbot, window, store, clock)
    started, release, threads = _held(monkeypatch, "tags_of")
    offered: list[list[str]] = []

    def remove(dialog: ChoiceDialog) -> None:
        offered.append([dialog.combo.itemText(i) for i in range(dialog.combo.count())])
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    run = modal(remove, ChoiceDialog, 20.0)
    try:
        # WHEN "Remove a tag" is chosen
        window.contacts_bulk.untag()
        # THEN the tags are read off the GUI thread, which runs meanwhile
        assert started.wait(10)
        assert threads[0] != threading.current_thread().name
        _gui_runs(qtbot)
        assert offered == []
        assert window.statusBar().currentMessage() == f"Reading the tags of {N:,} contacts…"
    finally:
        release.set()
    # AND once they are read the dialog offers them, and the tag comes off every contact
    qtbot.waitUntil(lambda: run.done, timeout=20_000)
    run.check()
    assert offered == [["lead"]]
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Removed"), timeout=20_000)
    assert store.conn.execute("SELECT count(*) FROM contact_tags").fetchone()[0] == 0


def test_delete_counts_the_touch_points_on_the_worker_before_asking(  # type: ignore[no-untyped-def]
    qtbot, modal, monkeypatch, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN thousands of selected contacts with a touch point each, and a count the test holds
    _many_tagged(qtbot, window, store, clock)
    started, release, threads = _held(monkeypatch, "touch_points_of")
    asked: list[str] = []

    def keep(box: QMessageBox) -> None:
        asked.append(box.text())
        box.reject()

    run = modal(keep, QMessageBox, 20.0)
    try:
        # WHEN Delete is chosen
        window.contacts_bulk.delete()
        # THEN the touch points are counted off the GUI thread, which runs meanwhile
        assert started.wait(10)
        assert threads[0] != threading.current_thread().name
        _gui_runs(qtbot)
        assert asked == []
        assert window.statusBar().currentMessage() == f"Counting the touch points of {N:,} contacts…"
    finally:
        release.set()
    # AND the question then says how many, and Cancel keeps everyone
    qtbot.waitUntil(lambda: run.done, timeout=20_000)
    run.check()
    assert asked == [f"Delete {N:,} contacts and their {N:,} touch points?"]
    assert store.conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == N
    assert window.statusBar().currentMessage() == ""


def test_the_tag_dialog_lists_tags_read_on_the_worker_while_the_selection_stood(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN every tag read is watched for the thread it runs on
    from followup.store.contacts import ContactsRepo

    threads: list[str] = []
    real = ContactsRepo.all_tags

    def watched(self: ContactsRepo) -> list[str]:
        threads.append(threading.current_thread().name)
        return real(self)

    monkeypatch.setattr(ContactsRepo, "all_tags", watched)
    offered: list[list[str]] = []

    class Offered(ChoiceDialog):
        def exec(self) -> int:
            offered.append([self.combo.itemText(i) for i in range(self.combo.count())])
            return 0

    monkeypatch.setattr("ui.contacts.bulk_dialogs.ChoiceDialog", Offered)
    gui = threading.current_thread().name
    # WHEN thousands of contacts are selected, then Tag is chosen
    _many_tagged(qtbot, window, store, clock)
    qtbot.waitUntil(lambda: gui not in threads and len(threads) == 1)
    qtbot.waitUntil(lambda: not window.contacts_bulk.known_tags._reading)
    window.contacts_bulk.tag()
    # THEN the dialog lists the tags read on the worker, none read on the GUI thread
    assert offered == [["lead"]]
    assert gui not in threads
    # AND after a contact changes, the dialog reads them again, a new tag among them
    contact = store.contacts.get(1)
    contact.tags = ["lead", "zz-new"]
    store.contacts.update(contact)
    window.hub.publish(bulk_contacts.BulkResult("edit", [1]).changes)
    window.contacts_bulk.tag()
    assert offered[-1] == ["lead", "zz-new"]


def test_tag_chosen_while_the_tags_are_read_opens_the_dialog_once_they_are(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN every tag read is watched for the thread it runs on
    from followup.store.contacts import ContactsRepo

    threads: list[str] = []
    real = ContactsRepo.all_tags

    def watched(self: ContactsRepo) -> list[str]:
        threads.append(threading.current_thread().name)
        return real(self)

    monkeypatch.setattr(ContactsRepo, "all_tags", watched)
    offered: list[list[str]] = []

    class Offered(ChoiceDialog):
        def exec(self) -> int:
            offered.append([self.combo.itemText(i) for i in range(self.combo.count())])
            return 0

    monkeypatch.setattr("ui.contacts.bulk_dialogs.ChoiceDialog", Offered)
    gui = threading.current_thread().name
    # WHEN thousands of contacts are selected and Tag is chosen at once, their tags still being read on the worker
    _many_tagged(qtbot, window, store, clock)
    assert window.contacts_bulk.known_tags._reading is not None
    window.contacts_bulk.tag()
    window.contacts_bulk.tag()  # a second click meanwhile
    # THEN the dialog opens once, when they have been read, with those: none read on the GUI thread
    qtbot.waitUntil(lambda: bool(offered))
    qtbot.wait(50)
    assert offered == [["lead"]]
    assert gui not in threads
