"""Reminders in the UI (offscreen): the window driven by keys, the tray menu's
real actions, the notifier's fallback, single instance, settings, close."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from followup import reminders as core
from followup.clock import FixedClock
from followup.domain import Contact
from followup.planning.model import FollowUp, Source, Status
from followup.store import Store
from ui.reminders.notifier import Notifier
from ui.reminders.service import ReminderService
from ui.reminders.tray import SystemTray, app_pixmap, tooltip_text
from ui.shell.settings_dialog import SettingsDialog
from ui.shell.single_instance import SingleInstance


@pytest.fixture
def loud_store(store: Store) -> Store:
    store.settings.set("quiet_hours_enabled", False)
    store.settings.set("remind_on_working_days_only", False)
    return store


def add_due(store: Store, title: str, minutes_ago: int = 5, name: str = "Ana Lima") -> int:
    contact = store.contacts.add(Contact(name=name, tz="Europe/Lisbon"))
    due = store.clock.now() - timedelta(minutes=minutes_ago)
    return store.follow_ups.add(FollowUp(contact_id=contact, title=title, source=Source.MANUAL, due=due, tz="UTC"))


class RecordingNotifier(Notifier):
    def __init__(self) -> None:
        super().__init__(None, None, use_plyer=False)
        self.shown: list[tuple[str, str]] = []

    def notify(self, title: str, message: str) -> None:
        self.shown.append((title, message))


@pytest.fixture
def service(qtbot, loud_store: Store, clock: FixedClock) -> Iterator[ReminderService]:  # type: ignore[no-untyped-def]
    s = ReminderService(loud_store, clock, RecordingNotifier())
    qtbot.addWidget(s.window)
    yield s
    s.stop()


def test_a_tick_notifies_and_opens_the_window_on_start(service: ReminderService, loud_store: Store) -> None:
    # GIVEN a follow-up that came due while the app was closed
    add_due(loud_store, "Send the proposal")
    # WHEN the first tick runs
    service.tick()
    # THEN one notification, the window shows it, and the timer sleeps a minute at most
    assert service.notifier.shown == [("Send the proposal · Ana Lima", "5 min late")]  # type: ignore[attr-defined]
    assert service.window.isVisible()
    assert service.window.tree.topLevelItemCount() == 1
    assert service.window.heading.text() == "1 follow-up due"
    assert 0 < service.timer.interval() <= 60_000
    service.tick()
    assert len(service.notifier.shown) == 1  # type: ignore[attr-defined]


def test_many_at_once_are_one_notification(service: ReminderService, loud_store: Store) -> None:
    for i in range(7):
        add_due(loud_store, f"Item {i}", name=f"Person {i}")
    service.tick()
    [(title, body)] = service.notifier.shown  # type: ignore[attr-defined]
    assert title == "7 follow-ups came due while Followup was closed"
    assert body.endswith("and 4 more")


def test_the_window_is_usable_from_the_keyboard(qtbot, service: ReminderService, loud_store: Store) -> None:  # type: ignore[no-untyped-def]
    a = add_due(loud_store, "First")
    b = add_due(loud_store, "Second", minutes_ago=3, name="Bruno Costa")
    c = add_due(loud_store, "Third", minutes_ago=1, name="Carla Dias")
    service.tick()
    window = service.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.tree.setFocus()
    # Enter opens the current item's contact
    with qtbot.waitSignal(service.open_contact_requested) as opened:
        qtbot.keyClick(window.tree, Qt.Key.Key_Return)
    assert opened.args == [loud_store.follow_ups.get(a).contact_id]
    # Delete dismisses it: off the window, still open
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert [r.id for r in window.reminders()] == [b, c]
    assert loud_store.follow_ups.get(a).status == Status.OPEN
    # Done (Alt+D; QTest's offscreen key clicks do not reach mnemonics) marks the current one done
    window.tree.setCurrentItem(window.tree.topLevelItem(0))
    assert window.done_button.text() == "&Done"
    window.done_button.click()
    assert loud_store.follow_ups.get(b).status == Status.DONE
    assert [r.id for r in window.reminders()] == [c]
    # the snooze menu's first choice (5 minutes) snoozes it; it comes back then
    window._fill_snooze_menu()
    window.snooze_menu.actions()[0].trigger()
    assert window.reminders() == []
    assert loud_store.follow_ups.get(c).snoozed_until == service.clock.now() + timedelta(minutes=5)
    # (the dismissed one is still due: the window says so, never "Well done")
    assert window.heading.text() == "No reminders waiting · 1 follow-up due in Today"
    assert not window.dismiss_all_button.isEnabled()


def test_dismiss_all_clears_the_window_only(service: ReminderService, loud_store: Store) -> None:
    for i in range(2):
        add_due(loud_store, f"Item {i}")
    service.tick()
    service.window.dismiss_all_button.click()
    assert service.window.reminders() == []
    assert loud_store.follow_ups.count_open() == 2


def test_the_tray_menu_acts_for_real(qtbot, loud_store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a tray with two reminders waiting
    tray = SystemTray()
    service = ReminderService(loud_store, clock, RecordingNotifier(), tray=tray)
    qtbot.addWidget(service.window)
    ids = [add_due(loud_store, "One"), add_due(loud_store, "Two", name="Bruno Costa")]
    service.tick()
    assert tray.toolTip() == "Followup: 2 follow-ups due"
    texts = [a.text() for a in tray.menu.actions() if a.text()]
    assert texts[:4] == ["&Open Followup", "Show &reminders (2)", "Two · Bruno Costa", "One · Ana Lima"]
    # WHEN "Snooze all for an hour" is triggered
    snooze_all = tray.action("traySnoozeAll")
    assert snooze_all is not None
    with qtbot.waitSignal(service.changed):
        snooze_all.trigger()
    # THEN both are snoozed an hour, the badge and tooltip say nothing is due
    assert all(loud_store.follow_ups.get(i).snoozed_until == clock.now() + timedelta(hours=1) for i in ids)
    assert tray.toolTip() == "Followup: nothing due" and tray.count == 0
    # Pause for an hour: nothing is said until then
    pause = next(a for a in tray.menu.actions() if a.menu() is not None)
    pause.menu().actions()[0].trigger()
    assert core.paused_until(loud_store, clock.now()) == clock.now() + timedelta(hours=1)
    assert "paused until" in tray.toolTip()
    resume = tray.action("trayResume")
    assert resume is not None
    resume.trigger()
    assert core.paused_until(loud_store, clock.now()) is None
    with qtbot.waitSignal(service.quit_requested):
        tray.action("trayQuit").trigger()  # type: ignore[union-attr]
    service.stop()


def test_the_badge_draws_the_count() -> None:
    plain, badged = app_pixmap(32).toImage(), app_pixmap(32, 3).toImage()
    assert plain != badged
    assert badged.pixelColor(28, 28).red() > 200  # the red badge at the bottom right
    assert tooltip_text(1) == "Followup: 1 follow-up due"


def test_without_plyer_or_tray_the_window_shows_the_reminder(
    qtbot,
    loud_store: Store,
    clock: FixedClock,  # type: ignore[no-untyped-def]
) -> None:
    # offscreen: no tray; plyer treated as unavailable
    notifier = Notifier(None, None, use_plyer=False)
    service = ReminderService(loud_store, clock, notifier)
    qtbot.addWidget(service.window)
    service._first = False  # not the start-up tick: only the failure may show the window
    add_due(loud_store, "Send the proposal")
    with qtbot.waitSignal(notifier.failed):
        service.tick()
    assert service.window.isVisible() and len(service.window.reminders()) == 1
    service.stop()


def test_a_second_instance_asks_the_first_to_come_forward(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    name = f"followup-test-{tmp_path.name}"
    first = SingleInstance(name)
    assert first.claim()
    with qtbot.waitSignal(first.activated, timeout=3000):
        assert not SingleInstance(name).claim()
    first.close()
    # a stale name (the first is gone) is taken over
    again = SingleInstance(name)
    assert again.claim()
    again.close()


def test_settings_are_saved_with_their_defaults_first(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    calls: list[bool] = []
    dialog = SettingsDialog(store, set_autostart=calls.append)
    qtbot.addWidget(dialog)
    assert dialog.reminders_on.isChecked() and dialog.quiet_on.isChecked()
    assert dialog.quiet_start.time().hour() == 20 and dialog.quiet_end.time().hour() == 8
    dialog.quiet_on.setChecked(False)
    assert not dialog.quiet_start.isEnabled()
    dialog.days[5].setChecked(True)
    dialog.start_at_login.setChecked(True)
    dialog.accept()
    assert calls == [True]
    assert store.settings.get("quiet_hours_enabled") is False
    assert store.settings.get("working_days") == [0, 1, 2, 3, 4, 5]
    assert store.settings.get("start_at_login") is True


def test_without_a_tray_closing_the_window_closes_it(qtbot, window, loud_store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    service = ReminderService(loud_store, clock, RecordingNotifier())
    qtbot.addWidget(service.window)
    window.attach_reminders(service)
    assert not service.keeps_running()
    window.close()
    assert not window.isVisible()
    service.stop()


def test_with_a_tray_closing_hides_and_quit_closes(
    qtbot, window, loud_store: Store, clock: FixedClock, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    tray = SystemTray()
    tray.show()
    if not tray.isVisible():
        pytest.skip("this platform refuses to show a tray icon")
    service = ReminderService(loud_store, clock, RecordingNotifier(), tray=tray)
    qtbot.addWidget(service.window)
    window.attach_reminders(service)
    # WHEN the window is closed, it is only hidden, and the notice is given once
    assert window.close() is False
    assert not window.isVisible() and loud_store.settings.get(service.TRAY_NOTICE_KEY) is True
    # WHEN the app quits (ui.app.Application notes its Quit: a real Quit here would end
    # this session's event loops; test_quit_closes_the_window.py sends one in a process
    # of its own), closing really closes
    window.show()
    monkeypatch.setattr(QApplication.instance(), "quitting", True, raising=False)
    assert window.close() is True
    service.stop()


def today_count(window) -> int:  # type: ignore[no-untyped-def]
    """How many follow-ups Today lists, in all its sections."""
    return len(window.today_model.listed())


def test_today_shows_what_a_reminder_just_delivered(qtbot, window, loud_store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window on Today with nothing due, and the reminder service attached
    service = ReminderService(loud_store, clock, RecordingNotifier())
    qtbot.addWidget(service.window)
    window.attach_reminders(service)
    loud_store.contacts.add(Contact(name="Someone", tz="Europe/Lisbon"))
    window.reload_contacts()
    window.registry.go_today.trigger()
    assert today_count(window) == 0
    # WHEN a follow-up comes due (time passed: nothing was written from the window) and the reminder fires
    add_due(loud_store, "Send the proposal")
    service.tick()
    # THEN Today shows it at once, as the notification does
    assert service.notifier.shown  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: today_count(window) == 1, timeout=2000)
    service.stop()
