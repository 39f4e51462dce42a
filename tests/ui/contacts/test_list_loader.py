"""The whole contacts list is read on the worker (ui/contacts/list_loader.py):
the GUI thread stays free while it is read, the newest request's rows are the
ones shown, and a big list shows its first screenful at start-up while the
rest is read. A fake read that blocks until the test releases it stands for
a slow query."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from followup.changes import Changes
from followup.clock import FixedClock
from followup.domain import Contact, Kind
from followup.progress import CancelCheck
from followup.store import Store
from ui.contacts import list_loader
from ui.contacts.list_loader import Loaded, read_rows
from ui.contacts.model import NAME, ORGANISATION
from ui.shell.window import MainWindow


class BlockingRead:
    """Reads the real list, but only once the test releases it."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()
        self.calls = 0

    def __call__(self, store: Store, include_archived: bool, cancelled: CancelCheck) -> Loaded | None:
        self.calls += 1
        self.started.set()
        self.release.wait(10)
        return read_rows(store, include_archived, lambda: False)


def names(window: MainWindow) -> list[str]:
    model = window.contacts_model
    return [model.index(r, NAME).data() for r in range(model.rowCount())]


@pytest.fixture
def blocking() -> Iterator[BlockingRead]:
    read = BlockingRead()
    yield read
    read.release.set()  # never leave the executor blocked, whatever happened


def test_refresh_reads_the_list_on_the_worker_and_the_gui_stays_free(qtbot, window, store: Store, blocking) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a window showing two contacts, whose list is read on the worker by a read the test holds
    for name in ("Ana Lima", "Bruno Costa"):
        store.contacts.add(Contact(name=name, kind=Kind.CLIENT))
    window.reload_contacts()
    assert names(window) == ["Ana Lima", "Bruno Costa"]
    window.contacts_loader.in_place_below = 0
    window.contacts_loader.read = blocking
    store.contacts.add(Contact(name="Zoe Zhang", kind=Kind.CLIENT))
    # WHEN Refresh is triggered
    window.registry.refresh.trigger()
    assert blocking.started.wait(10)
    # THEN while the read is held, the GUI thread runs: a timer fires, the filter filters the list it has
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: fired == [True])
    window.contacts_panel.search.setText("bruno")
    qtbot.waitUntil(lambda: names(window) == ["Bruno Costa"])
    window.contacts_panel.search.setText("")
    qtbot.waitUntil(lambda: names(window) == ["Ana Lima", "Bruno Costa"])
    assert window.contacts_loader.busy()
    # AND once the read is released the new list is swapped in
    blocking.release.set()
    qtbot.waitUntil(lambda: names(window) == ["Ana Lima", "Bruno Costa", "Zoe Zhang"])
    assert not window.contacts_loader.busy()


def test_a_result_overtaken_by_a_newer_request_is_dropped(qtbot, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a window whose list reads are held by the test; the first returns an old list
    store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT))
    window.reload_contacts()
    first_started, first_release = threading.Event(), threading.Event()
    calls: list[str] = []

    def read(store: Store, include_archived: bool, cancelled: CancelCheck) -> Loaded | None:
        calls.append("read")
        if len(calls) == 1:
            first_started.set()
            first_release.wait(10)
            return Loaded([store.contacts.row(1)._replace(name="Stale Name")], 1)
        return read_rows(store, include_archived, lambda: False)

    window.contacts_loader.in_place_below = 0
    window.contacts_loader.read = read
    shown: list[Loaded] = []
    window.contacts_loader.loaded.connect(shown.append)
    try:
        # WHEN a reload is asked for, then another (Show archived) before the first is read
        window.reload_contacts()
        assert first_started.wait(10)
        window.registry.show_archived.setChecked(True)
    finally:
        first_release.set()
    # THEN only the newest request's rows are shown, never the overtaken ones
    qtbot.waitUntil(lambda: len(calls) == 2 and not window.contacts_loader.busy())
    qtbot.wait(50)  # let any late signal arrive
    assert len(shown) == 1
    assert names(window) == ["Ana Lima"]


def test_show_archived_on_a_big_list_arrives_from_the_worker(qtbot, window, store: Store, blocking) -> None:  # type: ignore[no-untyped-def]
    # GIVEN an archived contact and a list read on the worker
    store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT))
    store.contacts.set_archived(store.contacts.add(Contact(name="Old Friend", kind=Kind.OTHER)))
    window.reload_contacts()
    assert names(window) == ["Ana Lima"]
    window.contacts_loader.in_place_below = 0
    window.contacts_loader.read = blocking
    # WHEN Show archived is ticked
    window.registry.show_archived.setChecked(True)
    # THEN the list stays as it was until the worker's rows arrive, with the archived contact
    assert blocking.started.wait(10)
    assert names(window) == ["Ana Lima"]
    blocking.release.set()
    qtbot.waitUntil(lambda: names(window) == ["Ana Lima", "Old Friend  (archived)"])


def test_a_big_list_paints_its_first_screenful_then_gets_the_rest(  # type: ignore[no-untyped-def]
    qtbot, store: Store, clock: FixedClock, tmp_path: Path, monkeypatch, blocking
) -> None:
    # GIVEN five contacts, "big" for this test: two rows make a screenful, the rest is read on the worker
    for name in ("eve", "Dan", "carla", "Bruno", "ana"):
        store.contacts.add(Contact(name=name, kind=Kind.CLIENT))
    monkeypatch.setattr(list_loader, "IN_PLACE_BELOW", 0)
    monkeypatch.setattr(list_loader, "FIRST_SCREENFUL", 2)
    monkeypatch.setattr(list_loader, "read_rows", blocking)
    # WHEN the window opens
    window = MainWindow(store, clock, tmp_path, initial_view="contacts")
    qtbot.addWidget(window)
    window.show()
    try:
        # THEN it shows the first two by name at once, and the tabs (not the welcome page)
        assert names(window) == ["ana", "Bruno"]
        assert window.pages.currentWidget() is window.tabs
        assert window.contacts_panel.count_label.text() == "The first 2 contacts; reading the others…"
        # AND the rest arrives from the worker
        blocking.release.set()
        qtbot.waitUntil(lambda: names(window) == ["ana", "Bruno", "carla", "Dan", "eve"])
        assert window.contacts_panel.count_label.text() == "5 contacts"
    finally:
        blocking.release.set()
        window.tasks.wait(10_000)
        window.close()


def test_rows_read_in_name_order_are_sorted_again_when_the_list_is_sorted_otherwise(
    qtbot, window, store: Store
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN two contacts and the list sorted by organisation
    store.contacts.add(Contact(name="Ana Lima", organisation="Zeta"))
    store.contacts.add(Contact(name="Bruno Costa", organisation="Alpha"))
    window.contacts_model.sort(ORGANISATION)
    # WHEN the worker's rows arrive, already in name order
    loaded = read_rows(store, False, lambda: False)
    assert loaded is not None and loaded.by_name
    window.contacts_model.set_rows(loaded.rows, in_name_order=loaded.by_name)
    # THEN the list keeps its own order (organisation), and by name once sorted back
    assert names(window) == ["Bruno Costa", "Ana Lima"]
    window.contacts_model.sort(NAME)
    window.contacts_model.set_rows(loaded.rows, in_name_order=True)
    assert names(window) == ["Ana Lima", "Bruno Costa"]


def test_a_reload_before_the_first_paint_replaces_the_start_up_read(  # type: ignore[no-untyped-def]
    qtbot, store: Store, clock: FixedClock, tmp_path: Path, monkeypatch
) -> None:
    # GIVEN a "big" list (two rows make a screenful) whose reads are counted
    for name in ("eve", "Dan", "carla"):
        store.contacts.add(Contact(name=name, kind=Kind.CLIENT))
    reads: list[bool] = []

    def counted(store: Store, include_archived: bool, cancelled: CancelCheck) -> Loaded | None:
        reads.append(include_archived)
        return read_rows(store, include_archived, cancelled)

    monkeypatch.setattr(list_loader, "IN_PLACE_BELOW", 0)
    monkeypatch.setattr(list_loader, "FIRST_SCREENFUL", 2)
    monkeypatch.setattr(list_loader, "read_rows", counted)
    window = MainWindow(store, clock, tmp_path, initial_view="contacts")
    qtbot.addWidget(window)
    try:
        # WHEN the list is reloaded (Show archived) before the window has painted, then it is shown
        window.registry.show_archived.setChecked(True)
        window.show()
        # THEN the whole list arrives from the reload: the start-up read (active contacts only) never runs
        # (the worker's first open may analyse the new database, which the window then sees as a
        # change from outside and reads again: also with the archived)
        qtbot.waitUntil(lambda: names(window) == ["carla", "Dan", "eve"])
        qtbot.wait(1_200)  # past the start-up read's latest start
        assert reads and all(reads)
    finally:
        window.tasks.wait(10_000)
        window.close()


def test_a_big_list_once_shown_is_left_out_of_the_collectors_passes(qtbot, window, store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a list read on the worker, "big" for this test from two contacts (100,000 in the app)
    from ui.ops import collector

    for name in ("Ana Lima", "Bruno Costa"):
        store.contacts.add(Contact(name=name, kind=Kind.CLIENT))
    frozen: list[list[str]] = []
    monkeypatch.setattr(collector, "freeze_long_lived", lambda: frozen.append(names(window)))
    window.contacts_loader.in_place_below = 0
    window.contacts_loader.freeze_from = 2
    # WHEN it is read and shown
    window.reload_contacts()
    qtbot.waitUntil(lambda: not window.contacts_loader.busy())
    # THEN what is alive once it shows (its rows, not the list before) is frozen
    assert frozen == [["Ana Lima", "Bruno Costa"]]
    # AND a smaller list is not
    store.contacts.delete(1)
    window.reload_contacts()
    qtbot.waitUntil(lambda: names(window) == ["Bruno Costa"])
    assert len(frozen) == 1


def test_the_collector_is_held_while_the_list_is_read_and_released_once_shown(  # type: ignore[no-untyped-def]
    qtbot, window, store: Store, monkeypatch
) -> None:
    # GIVEN a list read on the worker, every read noting whether the collector is held meanwhile
    from ui.contacts import list_loader
    from ui.ops import collector

    store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT))
    held_while_reading: list[bool] = []

    def read(store: Store, include_archived: bool, cancelled):  # type: ignore[no-untyped-def]
        held_while_reading.append(collector.held())
        return list_loader.read_rows(store, include_archived, cancelled)

    window.contacts_loader.read = read
    window.contacts_loader.in_place_below = 0
    # WHEN it is read and shown
    window.reload_contacts()
    qtbot.waitUntil(lambda: not window.contacts_loader.busy())
    # THEN no collector pass walked the rows as they were made, and the hold ends with the read
    assert held_while_reading == [True]
    assert names(window) == ["Ana Lima"]
    assert not collector.held()

    # AND a read that fails ends its hold too
    def fail(store: Store, include_archived: bool, cancelled):  # type: ignore[no-untyped-def]
        held_while_reading.append(collector.held())
        raise RuntimeError("disk gone")

    window.contacts_loader.read = fail
    window.reload_contacts()
    qtbot.waitUntil(lambda: not window.contacts_loader.busy())
    assert held_while_reading == [True, True]
    assert not collector.held()

    # AND a read queued behind a long job (a delete of 100,000 contacts) holds nothing while it waits
    import threading

    from ui.ops import jobs

    window.contacts_loader.read = read
    other_job_may_end = threading.Event()
    jobs.start(lambda: other_job_may_end.wait(10))
    window.reload_contacts()
    qtbot.wait(50)
    assert not collector.held()
    other_job_may_end.set()
    qtbot.waitUntil(lambda: not window.contacts_loader.busy())
    assert held_while_reading == [True, True, True]
    assert not collector.held()


def test_the_shown_contact_changed_is_filled_once_not_again_when_the_list_arrives(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, window, store: Store
) -> None:
    # GIVEN a contact's page shown, the list read on the worker, every fill of the page counted
    from followup.engine import bulk_contacts
    from ui.shell import contact_page_slot

    ana = store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT))
    store.contacts.add(Contact(name="Bruno Costa", kind=Kind.CLIENT))
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    window.contacts_panel.select_contact(ana)
    assert window.shown_contact_id() == ana
    window.contacts_loader.in_place_below = 0
    filled: list[int] = []
    real = contact_page_slot.fill
    monkeypatch.setattr(contact_page_slot, "fill", lambda w, cid: (filled.append(cid), real(w, cid))[1])
    # WHEN both are tagged (a bulk write: the list is read again)
    done = bulk_contacts.add_tag(store, [1, 2], "vip")
    window.hub.publish(done.changes)
    qtbot.waitUntil(lambda: not window.contacts_loader.busy() and "vip" in window.contacts_model.contact_at(0).tags)
    qtbot.wait(50)
    # THEN the page was filled once, at the change, and shows the tag; the new list kept it as it was
    assert filled == [ana]
    assert window.shown_contact_id() == ana
    assert window.contact_page.contact is not None and "vip" in window.contact_page.contact.tags


def test_a_list_read_on_the_worker_says_where_each_contact_is(qtbot, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN three contacts, their list read as the worker reads it
    ids = [store.contacts.add(Contact(name=n, kind=Kind.CLIENT)) for n in ("Zoe Zhang", "Ana Lima", "Bruno Costa")]
    loaded = read_rows(store, False, lambda: False)
    assert loaded is not None
    # THEN it says where each contact is in its rows (indexed there, not on the GUI thread: 10-15 ms at 100,000)
    assert loaded.where == {r.id: n for n, r in enumerate(loaded.rows)}
    # AND the list shown from it finds each one's row
    window.contacts_model.set_rows(loaded.rows, in_name_order=loaded.by_name, where=loaded.where)
    assert [window.contacts_model.row_of(i) for i in ids] == [2, 0, 1]


def test_the_shown_contact_changed_is_filled_in_a_turn_of_its_own_when_the_list_is_read_again(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, window, store: Store
) -> None:
    # GIVEN a contact's page shown, the list read on the worker, every fill of the page counted
    from followup.engine import bulk_contacts
    from ui.shell import contact_page_slot, page_again

    ana = store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT))
    store.contacts.add(Contact(name="Bruno Costa", kind=Kind.CLIENT))
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    window.contacts_panel.select_contact(ana)
    window.contacts_loader.in_place_below = 0
    filled: list[int] = []
    real = contact_page_slot.fill
    monkeypatch.setattr(contact_page_slot, "fill", lambda w, cid: (filled.append(cid), real(w, cid))[1])
    monkeypatch.setattr(page_again, "PAGE_AFTER_MS", 1000)  # a frame, made long: a loaded machine
    # WHEN both are tagged and the change is told as a bulk write over many contacts tells it
    # (any contact: the list is read again)
    bulk_contacts.add_tag(store, [1, 2], "vip")
    window.hub.publish(Changes(contacts=True, follow_ups=True))
    # THEN the page is not filled in the same turn as the write's report (the progress dialog
    # closed, every view told: with the page, 25-37 ms of one frame at 100,000 contacts),
    # nor in what the event loop does next at once: a frame may be drawn in between
    assert filled == []
    QApplication.processEvents()
    assert filled == []
    # AND it is in the next turn, once, and shows the tag
    qtbot.waitUntil(lambda: filled == [ana])
    assert window.contact_page.contact is not None and "vip" in window.contact_page.contact.tags
    qtbot.waitUntil(lambda: not window.contacts_loader.busy() and "vip" in window.contacts_model.contact_at(0).tags)
    qtbot.wait(50)
    assert filled == [ana] and window.shown_contact_id() == ana


def test_a_page_filled_later_is_not_filled_if_another_contact_was_shown_meanwhile(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, window, store: Store
) -> None:
    # GIVEN Ana's page shown, the list read on the worker
    from followup.engine import bulk_contacts
    from ui.shell import contact_page_slot

    ana = store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT))
    bruno = store.contacts.add(Contact(name="Bruno Costa", kind=Kind.CLIENT))
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    window.contacts_panel.select_contact(ana)
    window.contacts_loader.in_place_below = 0
    # WHEN both are tagged, and Bruno is clicked before the next turn of the event loop
    bulk_contacts.add_tag(store, [ana, bruno], "vip")
    window.hub.publish(Changes(contacts=True, follow_ups=True))
    window.contacts_panel.select_contact(bruno)
    filled: list[int] = []
    real = contact_page_slot.fill
    monkeypatch.setattr(contact_page_slot, "fill", lambda w, cid: (filled.append(cid), real(w, cid))[1])
    qtbot.waitUntil(lambda: not window.contacts_loader.busy() and "vip" in window.contacts_model.contact_at(0).tags)
    qtbot.wait(50)
    # THEN Bruno stays shown: Ana's page, due to be filled again, is not put back
    assert window.shown_contact_id() == bruno
    assert ana not in filled
