"""Many follow-ups at once in Today (issue 15): done, snooze, reschedule and
skip on a selection, one Undo per batch; the two-click overdue tidy."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from followup.clock import FixedClock
from followup.domain import Contact
from followup.engine import follow_ups as engine
from followup.engine.reminders_one_off import add_reminder
from followup.planning.model import Status
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import to_db
from ui.shell.window import MainWindow
from ui.today.tidy_dialog import TidyDialog
from ui.widgets.datetime_edit import PickTimeDialog, to_qdatetime

CTRL = Qt.KeyboardModifier.ControlModifier


def _overdue(store: Store, clock: FixedClock, n: int) -> list[int]:
    """``n`` one-off reminders that fell due yesterday."""
    now = clock.now()
    cid = store.contacts.add(Contact(name="Ana Lima", tz="Europe/Lisbon"))
    clock.set(now - timedelta(days=2))
    ids = [add_reminder(store, cid, f"Step {i}", now - timedelta(days=1, minutes=-i)) for i in range(n)]
    clock.set(now)
    return ids


def _today(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.reload_contacts()
    window.registry.go_today.trigger()
    qtbot.waitUntil(lambda: window.today_model.count() > 0)
    qtbot.waitUntil(lambda: window.today.bulk.banner_counted)  # the tidy banner's count comes from the worker


def _select_all(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tree = window.today_view.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_A, CTRL)


def test_skip_a_selection_and_undo_it_in_one_step(qtbot, window: MainWindow, store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN three overdue follow-ups, all selected with Ctrl+A
    ids = _overdue(store, clock, 3)
    _today(qtbot, window)
    _select_all(qtbot, window)
    view = window.today_view
    assert view.skip_button.text() == "S&kip (3)" and view.done_button.text() == "&Done (3)"
    # WHEN Skip is clicked
    qtbot.mouseClick(view.skip_button, Qt.MouseButton.LeftButton)
    # THEN all three are skipped, Today is empty, and the status bar says so
    assert {store.follow_ups.get(i).status for i in ids} == {Status.SKIPPED}
    qtbot.waitUntil(lambda: window.today_model.count() == 0)
    assert window.statusBar().currentMessage() == "Skipped 3 follow-ups. Ctrl+Z undoes it."
    # WHEN Ctrl+Z (Edit > Undo)
    window.registry.undo.trigger()
    # THEN all three are open again, with one step
    assert {store.follow_ups.get(i).status for i in ids} == {Status.OPEN}
    qtbot.waitUntil(lambda: window.today_model.count() == 3)
    assert not window.registry.undo.isEnabled()


def test_done_on_a_selection_asks_nothing_per_item(qtbot, window: MainWindow, store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    ids = _overdue(store, clock, 2)
    _today(qtbot, window)
    _select_all(qtbot, window)
    window.registry.done.trigger()  # Ctrl+D
    assert {store.follow_ups.get(i).status for i in ids} == {Status.DONE}
    assert window.statusBar().currentMessage().startswith("Marked 2 follow-ups done.")


def test_snooze_a_selection_next_week(qtbot, window: MainWindow, store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    ids = _overdue(store, clock, 4)
    _today(qtbot, window)
    _select_all(qtbot, window)
    next(a for a in window.today_view.snooze_menu.actions() if a.text() == "Next week").trigger()
    until = engine.snooze_presets(clock.now(), Preferences.load(store))["Next week"]
    assert {store.follow_ups.get(i).snoozed_until for i in ids} == {until}
    qtbot.waitUntil(lambda: window.today_model.count() == 0)
    window.registry.undo.trigger()
    assert {store.follow_ups.get(i).snoozed_until for i in ids} == {None}


def test_reschedule_a_selection(qtbot, modal, window: MainWindow, store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    ids = _overdue(store, clock, 2)
    _today(qtbot, window)
    _select_all(qtbot, window)
    when = (clock.now() + timedelta(days=3)).replace(second=0)

    def pick(dialog: PickTimeDialog) -> None:
        dialog.when.setDateTime(to_qdatetime(when, window.tz))
        dialog.accept()

    run = modal(pick, PickTimeDialog)
    qtbot.mouseClick(window.today_view.reschedule_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: run.done)
    run.check()
    assert {store.follow_ups.get(i).due for i in ids} == {when}


def test_one_selected_keeps_the_single_done_dialog(
    qtbot, modal, window: MainWindow, store: Store, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    from ui.today.follow_up_dialogs import DoneDialog

    _overdue(store, clock, 2)
    _today(qtbot, window)
    assert window.today_view.done_button.text() == "&Done"
    run = modal(lambda d: None, DoneDialog)
    window.registry.done.trigger()
    qtbot.waitUntil(lambda: run.done)
    run.check()


def test_a_follow_up_closed_elsewhere_meanwhile(
    qtbot, window: MainWindow, store: Store, clock: FixedClock, db_path
) -> None:  # type: ignore[no-untyped-def]
    ids = _overdue(store, clock, 3)
    _today(qtbot, window)
    _select_all(qtbot, window)
    other = Store.open(db_path, clock)
    try:
        engine.skip(other, ids[0])
    finally:
        other.close()
    qtbot.mouseClick(window.today_view.done_button, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == (
        "Marked 2 follow-ups done (1 closed or deleted elsewhere meanwhile). Ctrl+Z undoes it."
    )
    assert store.follow_ups.get(ids[0]).status == Status.SKIPPED


def test_nothing_left_open_says_so(qtbot, modal, window: MainWindow, store: Store, clock: FixedClock, db_path) -> None:  # type: ignore[no-untyped-def]
    ids = _overdue(store, clock, 2)
    _today(qtbot, window)
    _select_all(qtbot, window)
    other = Store.open(db_path, clock)
    try:
        for i in ids:
            engine.skip(other, i)
    finally:
        other.close()
    said: list[str] = []
    run = modal(lambda box: said.append(box.text()), QMessageBox)
    qtbot.mouseClick(window.today_view.skip_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: run.done)
    run.check()
    assert said == ["None of the 2 selected follow-ups is open any more (done, skipped or deleted elsewhere)."]


def test_tidy_3000_overdue_nudges_in_two_clicks(
    qtbot, modal, window: MainWindow, store: Store, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN 3,000 contacts imported and never touched: 3,000 overdue stay-in-touch nudges,
    # from 5 to 305 days overdue, and a planned step 200 days overdue
    now = clock.now()
    ideal, _ = Preferences.load(store).cadence_for("other")
    rows = [(f"Person {i:04}", to_db(now - timedelta(days=ideal + 5 + i / 10))) for i in range(3000)]
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO contacts (name, kind, tz, created_at, updated_at) VALUES (?, 'other', 'UTC', ?2, ?2)", rows
        )
    engine.sync_cadences(store)
    first = store.conn.execute("SELECT min(id) FROM contacts").fetchone()[0]
    clock.set(now - timedelta(days=201))
    step = add_reminder(store, first, "Send the contract", now - timedelta(days=200))
    clock.set(now)
    old = {
        i
        for (i,) in store.conn.execute(
            "SELECT id FROM follow_ups WHERE source = 'cadence' AND due_utc < ?", (to_db(now - timedelta(days=90)),)
        )
    }
    _today(qtbot, window)
    banner = window.today.bulk.banner
    assert banner.isVisible()
    assert f"{len(old):,} stay-in-touch nudges" in banner.text.text()
    # WHEN the banner's "Tidy overdue…" is clicked (1) and the pre-filled dialog confirmed (2)
    seen: list[str] = []

    def confirm(dialog: TidyDialog) -> None:
        seen.append(dialog.found.text())
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    run = modal(confirm, TidyDialog)
    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: run.done)
    run.check()
    # (thousands of nudges: the write runs on the worker, and says when it is done)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Snoozed "), timeout=20_000)
    # THEN exactly the nudges due more than 90 days ago are snoozed, for a week
    assert seen == [f"{len(old):,} stay-in-touch nudges match."]
    snoozed = {i for (i,) in store.conn.execute("SELECT id FROM follow_ups WHERE snoozed_until_utc IS NOT NULL")}
    assert snoozed == old and 0 < len(old) < 3000
    assert store.follow_ups.get(step).snoozed_until is None  # not a nudge: left overdue
    assert min(store.follow_ups.get(i).snoozed_until for i in list(old)[:5]) >= now + timedelta(days=6)  # type: ignore[type-var]
    assert window.statusBar().currentMessage().startswith(f"Snoozed {len(old):,} follow-ups until ")
    qtbot.waitUntil(lambda: not banner.isVisible() and window.today.bulk.banner_counted)
    assert window.today_model.total(0) == 3000 - len(old) + 1
    # AND one Ctrl+Z brings them all back
    window.registry.undo.trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Undid tidy"), timeout=20_000)
    assert store.conn.execute("SELECT count(*) FROM follow_ups WHERE snoozed_until_utc IS NOT NULL").fetchone()[0] == 0


def test_tidy_is_in_the_follow_up_menu(qtbot, modal, window: MainWindow, store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    _overdue(store, clock, 1)
    _today(qtbot, window)
    # nothing that old: the banner stays away, and the dialog says nothing matches
    assert not window.today.bulk.banner.isVisible()
    seen: list[tuple[str, bool]] = []
    run = modal(lambda d: seen.append((d.found.text(), d.ok_button.isEnabled())), TidyDialog)
    window.registry.tidy_overdue.trigger()
    qtbot.waitUntil(lambda: run.done)
    run.check()
    assert seen == [("No overdue stay-in-touch nudge matches.", False)]


def test_right_click_inside_the_selection_keeps_it(qtbot, window: MainWindow, store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    _overdue(store, clock, 3)
    _today(qtbot, window)
    _select_all(qtbot, window)
    tree, model = window.today_view.tree, window.today_model
    seen: list[list[str]] = []

    tries = [500]  # (5 s: never looking on into the next test)

    def read_menu() -> None:  # inside the menu's own event loop
        popup = QApplication.activePopupWidget()
        if popup is None:
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(10, read_menu)
            return
        seen.append([a.text() for a in popup.actions()])
        popup.close()

    # WHEN the second of three selected follow-ups is right-clicked
    QTimer.singleShot(0, read_menu)
    rect = tree.visualRect(model.index(1, 0, model.section_index(0)))
    window.today_view._on_tree_context_menu(rect.center())
    # THEN the menu acts on all three, and all three stay selected
    assert seen and seen[0][:4] == [
        "Mark 3 follow-ups done",
        "Snooze 3 follow-ups",
        "Reschedule 3 follow-ups…",
        "Skip 3 follow-ups",
    ]
    assert len(window.today.bulk.selected()) == 3


def test_the_tidy_snoozes_what_its_dialog_counted_without_counting_again(  # type: ignore[no-untyped-def]
    qtbot, modal, monkeypatch, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN 5 stay-in-touch nudges overdue for months, and every count made on the GUI thread watched
    import threading

    from followup.engine import bulk_follow_ups

    now = clock.now()
    ideal, _ = Preferences.load(store).cadence_for("other")
    rows = [(f"Person {i}", to_db(now - timedelta(days=ideal + 120 + i))) for i in range(5)]
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO contacts (name, kind, tz, created_at, updated_at) VALUES (?, 'other', 'UTC', ?2, ?2)", rows
        )
    engine.sync_cadences(store)
    _today(qtbot, window)
    counted: list[object] = []
    real = bulk_follow_ups.count_tidy

    def watched(own: Store, tidy: object) -> int:
        if threading.current_thread() is threading.main_thread():
            counted.append(tidy)
        return real(own, tidy)  # type: ignore[arg-type]

    monkeypatch.setattr(bulk_follow_ups, "count_tidy", watched)
    # WHEN Tidy overdue… is chosen and its pre-filled dialog confirmed
    seen: list[str] = []

    def confirm(dialog: TidyDialog) -> None:
        seen.append(dialog.found.text())
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    run = modal(confirm, TidyDialog)
    window.registry.tidy_overdue.trigger()
    qtbot.waitUntil(lambda: run.done)
    run.check()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Snoozed "))
    # THEN the 5 are snoozed, counted once on the GUI thread: by the dialog as it opened, not again after Snooze
    assert seen == ["5 stay-in-touch nudges match."]
    assert store.conn.execute("SELECT count(*) FROM follow_ups WHERE snoozed_until_utc IS NOT NULL").fetchone()[0] == 5
    assert len(counted) == 1


def test_with_many_contacts_the_tidy_dialog_counts_on_the_worker(  # type: ignore[no-untyped-def]
    qtbot, modal, monkeypatch, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN 5 stay-in-touch nudges overdue for months, a window counting the tidy on the worker (as from
    # 10,000 contacts: 50 ms a count at 100,000), and the worker's counts held until the test lets them go
    import threading

    from followup.engine import bulk_follow_ups

    now = clock.now()
    ideal, _ = Preferences.load(store).cadence_for("other")
    rows = [(f"Person {i}", to_db(now - timedelta(days=ideal + 120 + i))) for i in range(5)]
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO contacts (name, kind, tz, created_at, updated_at) VALUES (?, 'other', 'UTC', ?2, ?2)", rows
        )
    engine.sync_cadences(store)
    _today(qtbot, window)
    window.today.bulk.count_in_place_below = 0
    release, on_gui = threading.Event(), []
    real = bulk_follow_ups.count_tidy

    def held(own: Store, tidy: object) -> int:
        if threading.current_thread() is threading.main_thread():
            on_gui.append(tidy)
        else:
            release.wait(10)
        return real(own, tidy)  # type: ignore[arg-type]

    monkeypatch.setattr(bulk_follow_ups, "count_tidy", held)
    # WHEN Tidy overdue… is chosen: the dialog opens while its count is on the worker, then it arrives
    seen: list[object] = []

    def confirm(dialog: TidyDialog) -> None:
        seen.append((dialog.found.text(), dialog.ok_button.isEnabled()))
        release.set()
        qtbot.waitUntil(dialog.ok_button.isEnabled)
        seen.append(dialog.found.text())
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    run = modal(confirm, TidyDialog)
    try:
        window.registry.tidy_overdue.trigger()
        qtbot.waitUntil(lambda: run.done)
    finally:
        release.set()
    run.check()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Snoozed "))
    # THEN it said it was counting (Snooze not yet offered), then the count; none was made on the GUI thread
    assert seen == [("Counting…", False), "5 stay-in-touch nudges match."]
    assert on_gui == []
    assert store.conn.execute("SELECT count(*) FROM follow_ups WHERE snoozed_until_utc IS NOT NULL").fetchone()[0] == 5
